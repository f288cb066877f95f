package dev.capmill.oracle;

import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden per-packet dumps of the captures in {@code testdata/}: for each packet, tshark's time
 * (normalised), length, captured length, encapsulation and a SHA-256 of its bytes. Written next
 * to each capture as {@code NAME.tshark.tsv} with the command in its first line.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.oracle.TestdataGolden</pre>
 */
public final class TestdataGolden {
    public static final String SUFFIX = ".tshark.tsv";

    private TestdataGolden() {
    }

    /** Captures under testdata/ that have (or should have) a golden dump. */
    public static List<Path> captures(Path project) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(project.resolve("testdata"))) {
            s.filter(Files::isRegularFile)
                    .filter(p -> CorpusFiles.kind(p) != CorpusFiles.Kind.OTHER)
                    .sorted().forEach(out::add);
        }
        return out;
    }

    public static Path goldenOf(Path capture) {
        return capture.resolveSibling(capture.getFileName() + SUFFIX);
    }

    /** tshark's answer for one capture, as the golden file's lines (header included). */
    public static List<String> fromTshark(Path project, Path capture) throws IOException {
        TsharkFingerprints.Reading t = TsharkFingerprints.read(capture);
        List<String> lines = new ArrayList<>();
        String rel = project.relativize(capture).toString();
        lines.add("# TZ=UTC tshark -r " + rel + " --disable-protocol ALL -T fields -e frame.time_epoch -e frame.len "
                + "-e frame.cap_len -e frame.encap_type (and -x for the bytes' sha256/16); tshark 4.0; exit " + t.exit);
        List<byte[]> bytes = perPacketBytes(capture, t);
        for (int i = 0; i < t.rows.size(); i++) {
            TsharkFingerprints.Row r = t.rows.get(i);
            lines.add(row(r.time != null, r.time == null ? 0 : r.time[0], r.time == null ? 0 : (int) r.time[1], r.len,
                    r.capLen, r.encap, bytes.get(i), 0));
        }
        return lines;
    }

    private static List<byte[]> perPacketBytes(Path capture, TsharkFingerprints.Reading t) throws IOException {
        Path hex = Files.createTempFile("capmill-x", ".txt");
        try {
            dev.capmill.testing.Tools.run(List.of("tshark", "-r", capture.toString(), "--disable-protocol", "ALL", "-x"), hex);
            List<byte[]> out = new ArrayList<>();
            try (var in = Files.newInputStream(hex)) {
                TsharkFingerprints.HexDumpBytes hb = new TsharkFingerprints.HexDumpBytes(in);
                for (TsharkFingerprints.Row r : t.rows) {
                    out.add(java.util.Arrays.copyOf(hb.next(r.capLen), r.capLen));
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(hex);
        }
    }

    /** One golden row: time, length, captured length, encapsulation, sha256/16 of the bytes. */
    public static String row(boolean hasTime, long sec, int ns, long len, int capLen, int encap, byte[] data, int off) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, capLen);
            String t = hasTime ? sec + "." + String.format("%09d", ns) : "";
            return t + "\t" + len + "\t" + capLen + "\t" + encap + "\t" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path project = Shared.projectDir();
        for (Path c : captures(project)) {
            Files.write(goldenOf(c), fromTshark(project, c), StandardCharsets.UTF_8);
            System.err.println("wrote " + goldenOf(c));
        }
    }
}
