package dev.capmill.oracle;

import dev.capmill.testing.Shared;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How close capmill's text (and TSV, once it exists) is to tshark's over the whole corpus, from the
 * committed answers (no tshark needed): the identical-line rate overall, per tshark Protocol and
 * (TSV) per field, the ten most common kinds of difference with an example each, and what each
 * excuse of the declared-protocol files still covers. {@code --protocol P} lists every kind of
 * difference of tshark Protocol P (for whoever works on P's decoder).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.oracle.CorpusTextReport [-Dexec.args="text|tsv [--kinds N] [--min-lines N] [--protocol P]..."]</pre>
 * Without an argument it reports text, and TSV too when capmill has a {@code tsv} output.
 */
public final class CorpusTextReport {
    private CorpusTextReport() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path corpus = Shared.corpus();
        if (!Files.isDirectory(corpus)) {
            System.err.println("needs the corpus at " + corpus);
            System.exit(2);
        }
        List<CorpusComparison.Kind> kinds = new ArrayList<>();
        int top = 10;
        int minLines = 100;
        List<String> protocols = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "text": kinds.add(CorpusComparison.Kind.TEXT); break;
                case "tsv": kinds.add(CorpusComparison.Kind.TSV); break;
                case "--kinds": top = Integer.parseInt(args[++i]); break;
                case "--min-lines": minLines = Integer.parseInt(args[++i]); break;
                case "--protocol": protocols.add(args[++i]); break;
                default:
                    System.err.println("usage: CorpusTextReport [text|tsv] [--kinds N] [--min-lines N] [--protocol P]...");
                    System.exit(2);
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(CorpusComparison.Kind.TEXT);
            if (CorpusLines.tsvAvailable()) {
                kinds.add(CorpusComparison.Kind.TSV);
            } else {
                out.println("(no TSV report: capmill has no tsv output yet)");
                out.println();
            }
        }
        for (CorpusComparison.Kind k : kinds) {
            if (k == CorpusComparison.Kind.TSV && !CorpusLines.tsvAvailable()) {
                System.err.println("capmill has no tsv output yet (issue 5, -F tsv -e FIELD)");
                System.exit(2);
            }
            report(out, k, corpus, top, minLines, protocols);
        }
    }

    static void report(PrintStream out, CorpusComparison.Kind kind, Path corpus, int top, int minLines, List<String> protocols)
            throws Exception {
        CorpusComparison c = new CorpusComparison(kind, Shared.projectDir(), corpus);
        int failing = 0;
        for (String p : c.paths()) {
            if (c.compare(p).enforcedDifferent > 0) {
                failing++;
            }
        }
        CorpusComparison.Tally t = c.tally;
        String what = kind == CorpusComparison.Kind.TEXT ? "text vs TZ=UTC tshark -n -r"
                : "TSV vs tshark -T fields -E occurrence=a, over the " + c.comparedFields.size() + " of "
                        + TextGoldens.FIELDS.size() + " fields capmill writes";
        out.printf(Locale.ROOT, "capmill %s: %d captures, %d lines%n", what, t.files, t.lines);
        out.printf(Locale.ROOT, "identical lines: %d (%s)%n", t.identical, pct(t.identical, t.lines));
        out.printf(Locale.ROOT, "declared in %s: %s; %d lines must be identical, %d are (%d captures fail)%n",
                c.rules().file, c.rules().names(), t.enforced, t.enforcedIdentical, failing);
        if (kind == CorpusComparison.Kind.TSV && !c.unsupportedFields().isEmpty()) {
            out.println("not compared (capmill does not write them yet): " + String.join(" ", c.unsupportedFields()));
        }
        if (t.extraLines > 0) {
            out.printf(Locale.ROOT, "capmill printed %d lines more than tshark (captures both read whole)%n", t.extraLines);
        }
        for (CorpusComparison.FileResult e : t.errors) {
            out.println("capmill failed on " + e.path + ": " + e.error);
        }
        out.println();
        out.printf(Locale.ROOT, "%-24s %9s %9s %8s%n", "tshark Protocol", "lines", "identical", "rate");
        List<Map.Entry<String, long[]>> protos = new ArrayList<>(t.perProtocol.entrySet());
        protos.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        long[] rest = new long[2];
        int restCount = 0;
        for (Map.Entry<String, long[]> e : protos) {
            long[] v = e.getValue();
            boolean declared = c.rules().declared(e.getKey());
            if (v[0] >= minLines || declared) {
                out.printf(Locale.ROOT, "%-24s %9d %9d %8s%s%n", e.getKey(), v[0], v[1], pct(v[1], v[0]), declared ? "  declared" : "");
            } else {
                rest[0] += v[0];
                rest[1] += v[1];
                restCount++;
            }
        }
        if (restCount > 0) {
            out.printf(Locale.ROOT, "%-24s %9d %9d %8s%n", "(" + restCount + " others)", rest[0], rest[1], pct(rest[1], rest[0]));
        }
        if (t.fieldDiffers != null) {
            out.println();
            out.printf(Locale.ROOT, "%-40s %9s %8s%n", "field", "differ", "same");
            for (int i = 0; i < t.fieldDiffers.length; i++) {
                out.printf(Locale.ROOT, "%-40s %9d %8s%n", c.comparedFields.get(i), t.fieldDiffers[i],
                        pct(t.lines - t.fieldDiffers[i], t.lines));
            }
        }
        out.println();
        out.println("the " + top + " most common kinds of difference (tshark Protocol | columns that differ | pattern):");
        int n = 0;
        for (Map.Entry<String, Long> e : t.topKinds(top)) {
            CorpusComparison.Diff d = t.examples.get(e.getKey());
            out.printf(Locale.ROOT, "%2d. %7d  %s%n", ++n, e.getValue(), e.getKey());
            example(out, d);
        }
        if (!t.enforcedKinds.isEmpty()) {
            out.println();
            out.println("kinds of difference on lines that must be identical (the tests fail on these):");
            for (Map.Entry<String, Long> e : CorpusComparison.Tally.top(t.enforcedKinds, Integer.MAX_VALUE)) {
                out.printf(Locale.ROOT, "%7d  %s%n", e.getValue(), e.getKey());
                example(out, t.enforcedExamples.get(e.getKey()));
            }
        }
        for (String p : protocols) {
            out.println();
            out.println("every kind of difference of tshark Protocol " + p + ":");
            for (Map.Entry<String, Long> e : t.topKinds(Integer.MAX_VALUE)) {
                if (e.getKey().startsWith(p + " | ")) {
                    CorpusComparison.Diff d = t.examples.get(e.getKey());
                    out.printf(Locale.ROOT, "%7d  %s%n", e.getValue(), e.getKey());
                    example(out, d);
                }
            }
        }
        if (!t.excused.isEmpty()) {
            out.println();
            out.println("excuses in " + c.rules().file + " (differing lines each still covers):");
            for (Map.Entry<DecodedProtocols.Excuse, Long> e : t.excused.entrySet()) {
                out.printf(Locale.ROOT, "%7d  %s%n", e.getValue(), e.getKey());
            }
        }
        out.println();
    }

    private static void example(PrintStream out, CorpusComparison.Diff d) {
        out.println("      e.g. " + d.path + " frame " + d.frame);
        out.println("      tshark:  " + d.tshark);
        out.println("      capmill: " + (d.capmill == null ? "(no line)" : d.capmill));
    }

    static String pct(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}
