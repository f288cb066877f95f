package dev.capmill.oracle;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * tshark's committed lines for every corpus capture it reads: the text of {@code TZ=UTC tshark -n -r FILE}
 * and the fields of {@code tshark -n -r FILE -T fields -E occurrence=a -e ...} ({@link #FIELDS}).
 *
 * <p>Stored xz-compressed, one record per capture: a line {@code @ TAB path TAB exit TAB count TAB
 * first error} followed by exactly {@code count} lines of tshark's output (so no output line can be
 * mistaken for a record line). Lines starting with {@code #} before the first record are comments.
 */
public final class TextGoldens {
    public static final String TEXT = "testdata/oracle/corpus-text.txt.xz";
    public static final String FIELDS_FILE = "testdata/oracle/corpus-fields.tsv.xz";

    /**
     * The fields of issue 5 as tshark 4.0 names them, then the columns. Every name is accepted by
     * tshark 4.0.17 ({@code tshark -G fields}); the column fields also give the tests tshark's
     * Protocol column for each frame without parsing the padded text line.
     */
    public static final List<String> FIELDS = List.of(
            "frame.number", "frame.time", "frame.time_epoch", "frame.time_relative", "frame.time_delta",
            "frame.len", "frame.cap_len", "frame.interface_id", "frame.comment", "eth.src", "eth.dst", "eth.type",
            "vlan.id", "arp.opcode", "ip.src", "ip.dst", "ip.proto", "ip.ttl", "ip.id", "ip.len", "ipv6.src",
            "ipv6.dst", "ipv6.nxt", "ipv6.hlim", "tcp.srcport", "tcp.dstport", "tcp.stream", "tcp.seq", "tcp.ack",
            "tcp.len", "tcp.flags", "tcp.window_size_value", "udp.srcport", "udp.dstport", "udp.length",
            "icmp.type", "icmp.code", "icmpv6.type", "dns.id", "dns.qry.name", "dns.qry.type",
            "dns.flags.response", "http.request.method", "http.request.uri", "http.host", "http.response.code",
            "tls.handshake.type", "tls.handshake.extensions_server_name",
            "_ws.col.No.", "_ws.col.Time", "_ws.col.Source", "_ws.col.Destination", "_ws.col.Protocol",
            "_ws.col.Length", "_ws.col.Info");

    /** Index of tshark's Protocol column in a {@link #FIELDS} row. */
    public static final int PROTOCOL_FIELD = FIELDS.indexOf("_ws.col.Protocol");

    /** tshark's answer for one capture: its exit status, first error line and output lines. */
    public static final class Answer {
        public final String path;
        public final int exit;
        public final String error;
        public final List<String> lines;

        public Answer(String path, int exit, String error, List<String> lines) {
            this.path = path;
            this.exit = exit;
            this.error = error;
            this.lines = lines;
        }
    }

    private TextGoldens() {
    }

    /** The records of a golden file, in file order, keyed by corpus-relative path. */
    public static Map<String, Answer> load(Path file) throws IOException {
        Map<String, Answer> out = new LinkedHashMap<>();
        try (InputStream in = new XZCompressorInputStream(Files.newInputStream(file))) {
            // split on '\n' only: a carriage return inside a line is part of the line
            List<String> all = lines(in.readAllBytes());
            int i = 0;
            while (i < all.size() && all.get(i).startsWith("#")) {
                i++;
            }
            while (i < all.size()) {
                String[] h = all.get(i++).split("\t", 5);
                if (h.length != 5 || !h[0].equals("@")) {
                    throw new IOException(file + ": expected a record line '@ path exit count error' at line " + i);
                }
                int n = Integer.parseInt(h[3]);
                if (i + n > all.size()) {
                    throw new IOException(file + ": " + h[1] + " ends after " + (all.size() - i) + " of " + n + " lines");
                }
                out.put(h[1], new Answer(h[1], Integer.parseInt(h[2]), h[4], new ArrayList<>(all.subList(i, i + n))));
                i += n;
            }
        }
        return out;
    }

    /** Writes a golden file: comment lines, then one record per answer. */
    public static void write(Path file, List<String> comments, List<Answer> answers) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream o = new XZOutputStream(Files.newOutputStream(tmp), new LZMA2Options(9));
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16)) {
            for (String c : comments) {
                w.write("# " + c + "\n");
            }
            for (Answer a : answers) {
                w.write("@\t" + a.path + "\t" + a.exit + "\t" + a.lines.size() + "\t"
                        + a.error.replace('\t', ' ').replace('\n', ' ') + "\n");
                for (String l : a.lines) {
                    w.write(l);
                    w.write('\n');
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Splits output bytes into lines (without their newline); a last line without newline is kept. */
    public static List<String> lines(byte[] out) {
        String s = new String(out, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < s.length()) {
            int nl = s.indexOf('\n', from);
            if (nl < 0) {
                lines.add(s.substring(from));
                break;
            }
            lines.add(s.substring(from, nl));
            from = nl + 1;
        }
        return lines;
    }
}
