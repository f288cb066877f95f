package dev.capmill.oracle;

import dev.capmill.text.fields.FieldRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * capmill's text (or TSV) over every corpus capture tshark reads, line by line against tshark's
 * committed lines ({@link TextGoldens}), with tshark's Protocol column deciding which lines must
 * be identical ({@link DecodedProtocols}). Frame i of capmill is compared with frame i of tshark;
 * files whose packets capmill reads differently on purpose ({@code read} in corpus-differences.tsv)
 * are compared and counted but never enforced. TSV is compared over the fields of
 * {@link TextGoldens#FIELDS} that capmill writes ({@link #comparedFields}); the others are listed
 * by {@link #unsupportedFields()}.
 */
public final class CorpusComparison {
    /** Which output is compared. */
    public enum Kind { TEXT, TSV }

    /** One frame whose lines differ. */
    public static final class Diff {
        public final String path;
        public final int frame;
        public final String protocol;
        public final String kind;
        public final String tshark;
        public final String capmill;

        Diff(String path, int frame, String protocol, String kind, String tshark, String capmill) {
            this.path = path;
            this.frame = frame;
            this.protocol = protocol;
            this.kind = kind;
            this.tshark = tshark;
            this.capmill = capmill;
        }

        @Override
        public String toString() {
            return path + " frame " + frame + " [" + kind + "]\n  tshark:  " + tshark + "\n  capmill: "
                    + (capmill == null ? "(no line)" : capmill);
        }
    }

    /** The comparison of one capture. */
    public static final class FileResult {
        public final String path;
        public int tsharkLines;
        public int capmillLines;
        public int identical;
        public int enforced;
        /** Enforced lines that differ (the first {@link #KEEP} of them are kept in {@link #failures}). */
        public int enforcedDifferent;
        public final List<Diff> failures = new ArrayList<>();
        /** Set when capmill could not produce its lines at all (the message), else "". */
        public String error = "";
        /** capmill reads this file's packets differently on purpose: nothing enforced. */
        public boolean readDiffers;

        FileResult(String path) {
            this.path = path;
        }
    }

    static final int KEEP = 10;

    /** Counts over many files. */
    public static final class Tally {
        public long files;
        public long lines;
        public long identical;
        public long enforced;
        public long enforcedIdentical;
        /** Lines capmill printed beyond tshark's (in files capmill and tshark read alike). */
        public long extraLines;
        /** Per tshark Protocol: {lines, identical}. */
        public final Map<String, long[]> perProtocol = new TreeMap<>();
        public final Map<String, Long> kinds = new HashMap<>();
        /** The kinds of the enforced lines that differ (what makes the tests fail). */
        public final Map<String, Long> enforcedKinds = new HashMap<>();
        public final Map<String, Diff> enforcedExamples = new HashMap<>();
        public final Map<String, Diff> examples = new HashMap<>();
        /** How many differing lines each excuse covered (every excuse appears, zero if it covered none). */
        public final Map<DecodedProtocols.Excuse, Long> excused = new LinkedHashMap<>();
        /** TSV only: per field, the lines whose value differs. */
        public long[] fieldDiffers;
        public final List<FileResult> errors = new ArrayList<>();

        /** The {@code n} most common kinds of difference, most common first. */
        public List<Map.Entry<String, Long>> topKinds(int n) {
            return top(kinds, n);
        }

        static List<Map.Entry<String, Long>> top(Map<String, Long> kinds, int n) {
            List<Map.Entry<String, Long>> all = new ArrayList<>(kinds.entrySet());
            all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
            return all.subList(0, Math.min(n, all.size()));
        }
    }

    private final Kind kind;
    private final Path corpus;
    private final DecodedProtocols rules;
    private final Map<String, TextGoldens.Answer> text;
    private final Map<String, TextGoldens.Answer> fields;
    private final Map<String, KnownDifferences.Entry> known;
    private final Path scratch;
    /** TSV: the fields of {@link TextGoldens#FIELDS} capmill writes (compared), and their indices there. */
    public final List<String> comparedFields;
    private final int[] comparedIndex;
    public final Tally tally = new Tally();

    public CorpusComparison(Kind kind, Path project, Path corpus) throws IOException {
        this.kind = kind;
        this.corpus = corpus;
        this.rules = DecodedProtocols.load(project, kind == Kind.TEXT ? DecodedProtocols.TEXT : DecodedProtocols.TSV);
        this.text = TextGoldens.load(project.resolve(TextGoldens.TEXT));
        this.fields = TextGoldens.load(project.resolve(TextGoldens.FIELDS_FILE));
        this.known = KnownDifferences.load(project);
        this.scratch = kind == Kind.TSV ? Files.createTempDirectory("capmill-corpus-tsv") : null;
        for (DecodedProtocols.Excuse e : rules.excuses()) {
            tally.excused.put(e, 0L);
        }
        List<String> supported = kind == Kind.TSV ? FieldRegistry.standard().names() : TextGoldens.FIELDS;
        comparedFields = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < TextGoldens.FIELDS.size(); i++) {
            if (supported.contains(TextGoldens.FIELDS.get(i))) {
                comparedFields.add(TextGoldens.FIELDS.get(i));
                idx.add(i);
            }
        }
        comparedIndex = idx.stream().mapToInt(Integer::intValue).toArray();
        if (kind == Kind.TSV) {
            tally.fieldDiffers = new long[comparedFields.size()];
        }
    }

    /** TSV: the fields of {@link TextGoldens#FIELDS} capmill does not write yet (not compared). */
    public List<String> unsupportedFields() {
        List<String> out = new ArrayList<>(TextGoldens.FIELDS);
        out.removeAll(comparedFields);
        return out;
    }

    /** tshark's field row cut down to the compared fields. */
    private String project(String row) {
        if (comparedIndex.length == TextGoldens.FIELDS.size()) {
            return row;
        }
        String[] c = row.split("\t", -1);
        StringBuilder sb = new StringBuilder(row.length());
        for (int i = 0; i < comparedIndex.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(comparedIndex[i] < c.length ? c[comparedIndex[i]] : "");
        }
        return sb.toString();
    }

    public DecodedProtocols rules() {
        return rules;
    }

    /** The captures with committed answers, in golden order. */
    public List<String> paths() {
        return new ArrayList<>(text.keySet());
    }

    /** Compares one capture and adds it to the tally. */
    public FileResult compare(String path) {
        FileResult fr = new FileResult(path);
        TextGoldens.Answer t = text.get(path);
        TextGoldens.Answer f = fields.get(path);
        KnownDifferences.Entry k = known.get(path);
        fr.readDiffers = k != null && k.has(KnownDifferences.READ);
        List<String> expected = t.lines;
        if (kind == Kind.TSV) {
            expected = new ArrayList<>(f.lines.size());
            for (String row : f.lines) {
                expected.add(project(row));
            }
        }
        List<String> mine;
        try {
            mine = kind == Kind.TEXT ? CorpusLines.text(corpus.resolve(path))
                    : CorpusLines.tsv(corpus.resolve(path), comparedFields, scratch);
        } catch (IOException | RuntimeException e) {
            fr.error = e.toString();
            mine = List.of();
            tally.errors.add(fr);
        }
        boolean fieldsAligned = f.lines.size() == t.lines.size();
        fr.tsharkLines = expected.size();
        fr.capmillLines = mine.size();
        tally.files++;
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String got = i < mine.size() ? mine.get(i) : null;
            String textLine = i < t.lines.size() ? t.lines.get(i) : "";
            String protocol = protocolOf(fieldsAligned ? f.lines.get(i) : null, textLine);
            boolean same = want.equals(got);
            boolean enforced = !fr.readDiffers && rules.enforced(protocol, path, textLine, got);
            long[] pp = tally.perProtocol.computeIfAbsent(protocol, x -> new long[2]);
            pp[0]++;
            tally.lines++;
            if (enforced) {
                fr.enforced++;
                tally.enforced++;
            }
            if (same) {
                pp[1]++;
                fr.identical++;
                tally.identical++;
                if (enforced) {
                    tally.enforcedIdentical++;
                }
                continue;
            }
            String what = fr.error.isEmpty()
                    ? (kind == Kind.TEXT ? LineDiff.textKind(protocol, want, got) : LineDiff.fieldsKind(protocol, comparedFields, want, got))
                    : protocol + " | line | capmill failed: " + fr.error;
            Diff d = new Diff(path, i + 1, protocol, what, want, got);
            tally.kinds.merge(what, 1L, Long::sum);
            tally.examples.putIfAbsent(what, d);
            if (kind == Kind.TSV) {
                boolean[] differ = LineDiff.fieldsDiffer(want, got, comparedFields.size());
                for (int j = 0; j < differ.length; j++) {
                    if (differ[j]) {
                        tally.fieldDiffers[j]++;
                    }
                }
            }
            DecodedProtocols.Excuse excuse = fr.readDiffers ? null : rules.excuse(protocol, path, textLine, got);
            if (excuse != null) {
                tally.excused.merge(excuse, 1L, Long::sum);
            }
            if (enforced) {
                tally.enforcedKinds.merge(what, 1L, Long::sum);
                tally.enforcedExamples.putIfAbsent(what, d);
                fr.enforcedDifferent++;
                if (fr.failures.size() < KEEP) {
                    fr.failures.add(d);
                }
            }
        }
        if (!fr.readDiffers && mine.size() > expected.size() && t.exit == 0 && t.error.isEmpty()) {
            tally.extraLines += mine.size() - expected.size();
        }
        return fr;
    }

    /**
     * tshark's Protocol column for a frame: from the field row ({@code _ws.col.Protocol}) when the
     * field run printed one row per frame like the text run, else parsed from the text line.
     */
    static String protocolOf(String fieldRow, String textLine) {
        if (fieldRow != null) {
            String[] c = fieldRow.split("\t", -1);
            if (c.length == TextGoldens.FIELDS.size()) {
                return c[TextGoldens.PROTOCOL_FIELD];
            }
        }
        String[] cols = LineDiff.columns(textLine);
        return cols == null ? "?" : cols[4];
    }
}
