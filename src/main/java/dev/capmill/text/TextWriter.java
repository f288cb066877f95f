package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.io.Output;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the lines of {@code tshark -n -r}: No. (right-aligned, width 5), relative time (right,
 * width 10, the interface's precision), Source (right, 12), " → ", Destination (left, 12),
 * Protocol, Length, Info, separated by one space, UTF-8. Records other than packets write nothing.
 * Frames are numbered from 1 in the order written, and time is relative to the first one written.
 */
public final class TextWriter implements CaptureWriter {
    private final Output out;
    private final CaptureMetadata metadata;
    private final Summarizer summary = new Summarizer();
    private final StringBuilder line = new StringBuilder(512);
    private byte[] bytes = new byte[1024];
    private long frame;
    private int known;
    private int[] linkTypes = new int[4];
    private int[] precision = new int[4];
    private long firstSec;
    private int firstNanos;

    public TextWriter(Output out, CaptureMetadata metadata) {
        this.out = out;
        this.metadata = metadata;
    }

    @Override
    public String formatId() {
        return TextFormat.ID;
    }

    @Override
    public void write(PacketRecord r) throws IOException {
        if (!r.isPacket()) {
            return;
        }
        frame++;
        if (frame == 1) {
            firstSec = r.seconds();
            firstNanos = r.nanos();
        }
        int id = r.interfaceId();
        if (id >= known) {
            learnInterfaces(id);
        }
        int linkType = id < known ? linkTypes[id] : 1;
        int digits = id < known ? precision[id] : 6;
        summary.summarize(r.data(), r.offset(), r.capturedLength(), linkType, frame, r.seconds() * 1_000_000_000L + r.nanos());
        line.setLength(0);
        padLeft(line, 5, frame);
        line.append(' ');
        int mark = line.length();
        relative(line, r.seconds(), r.nanos(), digits);
        padLeftFrom(line, mark, 10);
        line.append(' ');
        mark = line.length();
        line.append(summary.source);
        padLeftFrom(line, mark, 12);
        line.append(' ').append(Summarizer.ARROW).append(' ');
        mark = line.length();
        line.append(summary.destination);
        while (line.length() - mark < 12) {
            line.append(' ');
        }
        line.append(' ').append(summary.protocol).append(' ').append(r.originalLength()).append(' ')
                .append(summary.info).append('\n');
        writeUtf8(line);
    }

    /** Caches link type and precision of the interfaces declared so far (they never change once declared). */
    private void learnInterfaces(int id) {
        List<InterfaceInfo> all = metadata.interfaces();
        if (all.size() > linkTypes.length) {
            linkTypes = Arrays.copyOf(linkTypes, Math.max(all.size(), 2 * linkTypes.length));
            precision = Arrays.copyOf(precision, linkTypes.length);
        }
        for (int i = known; i < all.size(); i++) {
            linkTypes[i] = all.get(i).linkType();
            precision[i] = digits(all.get(i).tsResolution());
        }
        known = all.size();
    }

    /**
     * Fraction digits tshark shows for an interface's if_tsresol: the precision (seconds, 1/10,
     * 1/100, ms, µs, ns) that holds at least as many units per second.
     */
    static int digits(int tsresol) {
        double unitsPerSecond = (tsresol & 0x80) != 0 ? Math.pow(2, tsresol & 0x7f) : Math.pow(10, tsresol & 0x7f);
        if (unitsPerSecond >= 1e9) {
            return 9;
        }
        if (unitsPerSecond >= 1e6) {
            return 6;
        }
        if (unitsPerSecond >= 1e3) {
            return 3;
        }
        if (unitsPerSecond >= 100) {
            return 2;
        }
        return unitsPerSecond >= 10 ? 1 : 0;
    }

    private void relative(StringBuilder sb, long sec, int nanos, int digits) {
        long s = sec - firstSec;
        long n = (long) nanos - firstNanos;
        if (n < 0) {
            n += 1_000_000_000L;
            s--;
        }
        if (s < 0) {
            // negative: show -(|t|), as tshark does
            sb.append('-');
            if (n > 0) {
                s = -s - 1;
                n = 1_000_000_000L - n;
            } else {
                s = -s;
            }
        }
        sb.append(s);
        if (digits > 0) {
            sb.append('.');
            long f = n / POW10[9 - digits];
            for (long p = POW10[digits - 1]; p > 1 && f < p; p /= 10) {
                sb.append('0');
            }
            sb.append(f);
        }
    }

    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    private static void padLeft(StringBuilder sb, int width, long v) {
        int mark = sb.length();
        sb.append(v);
        padLeftFrom(sb, mark, width);
    }

    private static void padLeftFrom(StringBuilder sb, int mark, int width) {
        int n = width - (sb.length() - mark);
        for (int i = 0; i < n; i++) {
            sb.insert(mark, ' ');
        }
    }

    private void writeUtf8(CharSequence s) throws IOException {
        int need = s.length() * 3;
        if (bytes.length < need) {
            bytes = new byte[Math.max(need, bytes.length * 2)];
        }
        int p = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[p++] = (byte) c;
            } else if (c < 0x800) {
                bytes[p++] = (byte) (0xc0 | c >> 6);
                bytes[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                bytes[p++] = (byte) (0xf0 | cp >> 18);
                bytes[p++] = (byte) (0x80 | (cp >> 12) & 0x3f);
                bytes[p++] = (byte) (0x80 | (cp >> 6) & 0x3f);
                bytes[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                bytes[p++] = (byte) (0xe0 | c >> 12);
                bytes[p++] = (byte) (0x80 | (c >> 6) & 0x3f);
                bytes[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        out.bytes(bytes, 0, p);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
