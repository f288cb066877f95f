package dev.capmill.oracle;

import dev.capmill.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What tshark 4.0 reads from a capture, as per-packet rows and a {@link Fingerprint}. Two runs with
 * every dissector disabled (which makes tshark start in about a quarter of a second and print only
 * the frame's own bytes): {@code -T fields} for time, lengths and encapsulation, {@code -x} for the
 * bytes. The hex dump is cut into packets by the captured lengths of the first run, so that
 * zero-length packets do not confuse it.
 */
public final class TsharkFingerprints {
    /** One packet as tshark reports it. */
    public static final class Row {
        public final long[] time;
        public final long len;
        public final int capLen;
        public final int encap;

        Row(long[] time, long len, int capLen, int encap) {
            this.time = time;
            this.len = len;
            this.capLen = capLen;
            this.encap = encap;
        }
    }

    /** tshark's reading of a file: exit code, first error line, rows and fingerprint. */
    public static final class Reading {
        public final int exit;
        public final String error;
        public final List<Row> rows;
        public final String fingerprint;
        List<String> parts = List.of();

        Reading(int exit, String error, List<Row> rows, String fingerprint) {
            this.exit = exit;
            this.error = error;
            this.rows = rows;
            this.fingerprint = fingerprint;
        }
    }

    private TsharkFingerprints() {
    }

    /**
     * tshark's reading of a file that holds several captures one after another (capmill's
     * conversion of many inputs into one multi-section pcapng), fingerprinted per part:
     * {@code counts[i]} packets belong to part i. One tshark start for many files.
     */
    public static List<String> readSplit(Path file, long[] counts) throws IOException {
        Reading whole = read(file, counts);
        return whole.parts;
    }

    public static Reading read(Path file) throws IOException {
        return read(file, null);
    }

    private static Reading read(Path file, long[] counts) throws IOException {
        Tools.Result f = Tools.run(List.of("tshark", "-r", file.toString(), "--disable-protocol", "ALL",
                "-T", "fields", "-E", "separator=/t", "-e", "frame.time_epoch", "-e", "frame.len",
                "-e", "frame.cap_len", "-e", "frame.encap_type"));
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(f.out), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split("\t", -1);
                if (c.length < 4) {
                    continue;
                }
                rows.add(new Row(Fingerprint.parseEpoch(c[0]), Long.parseLong(c[1]), Integer.parseInt(c[2]),
                        c[3].isEmpty() ? -1 : Integer.parseInt(c[3])));
            }
        }
        Path hex = Files.createTempFile("capmill-x", ".txt");
        try {
            Tools.run(List.of("tshark", "-r", file.toString(), "--disable-protocol", "ALL", "-x"), hex);
            Fingerprint fp = new Fingerprint();
            List<String> parts = new ArrayList<>();
            int part = 0;
            long inPart = 0;
            try (InputStream in = Files.newInputStream(hex)) {
                HexDumpBytes bytes = new HexDumpBytes(in);
                for (Row row : rows) {
                    while (counts != null && part < counts.length && inPart == counts[part]) {
                        parts.add(fp.summary());
                        fp = new Fingerprint();
                        part++;
                        inPart = 0;
                    }
                    byte[] data = bytes.next(row.capLen);
                    fp.add(row.time != null, row.time == null ? 0 : row.time[0], row.time == null ? 0 : (int) row.time[1],
                            row.len, row.capLen, row.encap, data, 0);
                    inPart++;
                }
            }
            if (counts != null) {
                while (part < counts.length) {
                    parts.add(fp.summary());
                    fp = new Fingerprint();
                    part++;
                }
            }
            Reading r = new Reading(f.exit, f.firstError(), rows, counts == null ? fp.summary() : "");
            r.parts = parts;
            return r;
        } finally {
            Files.deleteIfExists(hex);
        }
    }

    /** Reads the bytes of tshark -x output ("0000  45 00 ...   ascii") in order, packet boundaries ignored. */
    static final class HexDumpBytes {
        private final BufferedReader r;
        private byte[] pending = new byte[0];
        private int pendingPos;
        private boolean otherSource;

        HexDumpBytes(InputStream in) {
            r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
        }

        byte[] next(int n) throws IOException {
            byte[] out = new byte[n];
            int filled = 0;
            while (filled < n) {
                if (pendingPos >= pending.length) {
                    if (!refill()) {
                        break;
                    }
                    continue;
                }
                int take = Math.min(n - filled, pending.length - pendingPos);
                System.arraycopy(pending, pendingPos, out, filled, take);
                filled += take;
                pendingPos += take;
            }
            return out;
        }

        private boolean refill() throws IOException {
            String line;
            while ((line = r.readLine()) != null) {
                // Other data sources (e.g. "Reassembled TCP (103966 bytes):") follow a frame's own
                // bytes, up to the blank line that ends the packet: they are not frame bytes.
                if (line.isEmpty()) {
                    otherSource = false;
                    continue;
                }
                if (line.endsWith(" bytes):")) {
                    // a packet with several sources names its own "Frame (N bytes):" first
                    otherSource = !line.startsWith("Frame (");
                    continue;
                }
                if (otherSource) {
                    continue;
                }
                // offset (4+ hex digits), two spaces, up to 16 "hh " groups, then the ASCII column
                int sp = line.indexOf("  ");
                if (sp < 4 || !isHex(line, 0, sp)) {
                    continue;
                }
                byte[] b = new byte[16];
                int n = 0;
                int i = sp + 2;
                while (n < 16 && i + 2 <= line.length() && isHex(line, i, i + 2)
                        && (i + 2 == line.length() || line.charAt(i + 2) == ' ')) {
                    b[n++] = (byte) Integer.parseInt(line.substring(i, i + 2), 16);
                    i += 3;
                }
                pending = java.util.Arrays.copyOf(b, n);
                pendingPos = 0;
                return true;
            }
            return false;
        }

        private static boolean isHex(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (Character.digit(s.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return to > from;
        }
    }
}
