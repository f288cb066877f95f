package dev.capmill.oracle;

import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Regenerates tshark's committed text and field lines for the corpus ({@link TextGoldens#TEXT},
 * {@link TextGoldens#FIELDS_FILE}): for every capture listed in {@code testdata/oracle/corpus-tshark*.tsv}
 * (the pcap, pcapng, NetMon and Sniffer files tshark reads), two tshark runs with {@code TZ=UTC}:
 * <pre>tshark -n -r FILE
 * tshark -n -r FILE -T fields -E occurrence=a -e frame.number ... -e _ws.col.Info</pre>
 * tshark cannot read several files in one run without changing frame numbers, relative times and
 * conversation state, so each file costs two starts (about half a second each); the runs go two at
 * a time and take about a quarter of an hour on two cores. Each run's output is kept in
 * {@code target/corpus-text-cache/} (keyed by path, size, modification time and tshark version), so
 * an interrupted regeneration resumes and repacking costs nothing.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.oracle.CorpusTextGolden</pre>
 */
public final class CorpusTextGolden {
    public static final String COMMAND = "./mvnw -q test-compile exec:java -Dexec.classpathScope=test "
            + "-Dexec.mainClass=dev.capmill.oracle.CorpusTextGolden";

    private CorpusTextGolden() {
    }

    /** The corpus-relative paths of every capture the corpus goldens list, in their order. */
    static List<String> files(Path project) throws IOException {
        List<String> out = new ArrayList<>();
        for (CorpusGolden.Entry e : CorpusGolden.load(project)) {
            out.add(e.path);
        }
        return out;
    }

    static List<String> textCommand(Path f) {
        return List.of("tshark", "-n", "-r", f.toString());
    }

    static List<String> fieldsCommand(Path f) {
        List<String> c = new ArrayList<>(List.of("tshark", "-n", "-r", f.toString(), "-T", "fields", "-E", "occurrence=a"));
        for (String field : TextGoldens.FIELDS) {
            c.add("-e");
            c.add(field);
        }
        return c;
    }

    public static void main(String[] args) throws Exception {
        Path project = Shared.projectDir();
        Path corpus = Shared.corpus();
        if (!Files.isDirectory(corpus) || !Tools.available("tshark")) {
            System.err.println("needs " + corpus + " and tshark");
            System.exit(2);
        }
        String version = Tools.run(List.of("tshark", "--version")).outText().lines().findFirst().orElse("tshark ?");
        Path cache = project.resolve("target/corpus-text-cache");
        Files.createDirectories(cache);
        List<String> files = files(project);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<TextGoldens.Answer[]>> results = new ArrayList<>();
        for (String rel : files) {
            results.add(pool.submit(() -> new TextGoldens.Answer[] {
                run(cache, corpus, rel, version, "text", textCommand(corpus.resolve(rel))),
                run(cache, corpus, rel, version, "fields", fieldsCommand(corpus.resolve(rel)))}));
        }
        List<TextGoldens.Answer> text = new ArrayList<>();
        List<TextGoldens.Answer> fields = new ArrayList<>();
        long lines = 0;
        int mismatched = 0;
        for (int i = 0; i < results.size(); i++) {
            TextGoldens.Answer[] r = results.get(i).get();
            text.add(r[0]);
            fields.add(r[1]);
            lines += r[0].lines.size();
            if (r[0].lines.size() != r[1].lines.size()) {
                mismatched++;
                System.err.println(r[0].path + ": " + r[0].lines.size() + " text lines but " + r[1].lines.size() + " field lines");
            }
            if ((i + 1) % 100 == 0) {
                System.err.println((i + 1) + "/" + files.size());
            }
        }
        pool.shutdown();
        String fieldList = String.join(" -e ", TextGoldens.FIELDS);
        TextGoldens.write(project.resolve(TextGoldens.TEXT), List.of(
                "TZ=UTC tshark -n -r FILE for every capture listed in testdata/oracle/corpus-tshark*.tsv; " + version,
                "Made by: " + COMMAND,
                "Record: '@' TAB corpus path TAB tshark exit status TAB line count TAB first error line; then the lines."),
                text);
        TextGoldens.write(project.resolve(TextGoldens.FIELDS_FILE), List.of(
                "TZ=UTC tshark -n -r FILE -T fields -E occurrence=a -e " + fieldList + "; " + version,
                "Made by: " + COMMAND,
                "Record: '@' TAB corpus path TAB tshark exit status TAB line count TAB first error line; then the lines."),
                fields);
        System.err.printf("wrote %s (%d bytes) and %s (%d bytes): %d files, %d lines; %d files with unequal line counts%n",
                TextGoldens.TEXT, Files.size(project.resolve(TextGoldens.TEXT)), TextGoldens.FIELDS_FILE,
                Files.size(project.resolve(TextGoldens.FIELDS_FILE)), files.size(), lines, mismatched);
    }

    /** One tshark run, from the cache when the same file was run by the same tshark before. */
    private static TextGoldens.Answer run(Path cache, Path corpus, String rel, String version, String kind, List<String> command)
            throws IOException {
        Path f = corpus.resolve(rel);
        String key = sha(rel + "\n" + Files.size(f) + "\n" + Files.getLastModifiedTime(f).toMillis() + "\n" + version + "\n"
                + String.join(" ", command.subList(4, command.size())));
        Path out = cache.resolve(key + "." + kind + ".out");
        Path meta = cache.resolve(key + "." + kind + ".meta");
        if (!Files.exists(meta)) {
            Tools.Result r = Tools.run(command, out);
            Files.writeString(meta, r.exit + "\t" + r.firstError().replace('\t', ' ') + "\n", StandardCharsets.UTF_8);
        }
        String[] m = Files.readString(meta, StandardCharsets.UTF_8).stripTrailing().split("\t", 2);
        byte[] bytes = Files.readAllBytes(out);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new IOException(rel + ": tshark's " + kind + " output is not UTF-8; the golden format assumes it is", e);
        }
        return new TextGoldens.Answer(rel, Integer.parseInt(m[0]), m.length > 1 ? m[1] : "", TextGoldens.lines(bytes));
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
