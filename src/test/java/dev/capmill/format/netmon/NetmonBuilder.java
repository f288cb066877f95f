package dev.capmill.format.netmon;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds NetMon files byte by byte for tests, following the layout in the format notes (header of
 * 128 bytes, records, frame table, comment and process tables). Frames are given in frame-table
 * order; {@link #physicalOrder} and {@link #hole} place them differently in the file.
 */
final class NetmonBuilder {
    static final class Frame {
        long delta;
        int media = 1;
        byte[] data;
        long origLen = -1;
        long filetime;
        long processIndex;
        String commentTitle;
        String commentDesc;
        long offset; // set by build()
    }

    int major = 2;
    int minor = 0;
    int headerMedia = 1;
    /** SYSTEMTIME fields: year, month, day of week, day, hour, minute, second, millisecond. */
    int[] start = {2004, 12, 0, 5, 19, 16, 24, 317};
    final List<Frame> frames = new ArrayList<>();
    /** Physical order of the frames (indices into {@link #frames}); null = table order. */
    int[] physicalOrder;
    /** Junk bytes written before every record (a hole). */
    int hole;
    /** Put the frame table right after the header instead of after the records. */
    boolean tableFirst;
    /** Process table entries: pid and path. */
    final List<Object[]> processes = new ArrayList<>();
    /** Overrides after building: header field offset to u32 value. */
    final List<long[]> patches = new ArrayList<>();
    /** Extra frame-table entries appended after the real ones (raw offsets). */
    final List<Long> extraEntries = new ArrayList<>();

    NetmonBuilder version(int maj, int min) {
        major = maj;
        minor = min;
        return this;
    }

    Frame add(long delta, int media, byte[] data) {
        Frame f = new Frame();
        f.delta = delta;
        f.media = media;
        f.data = data;
        frames.add(f);
        return f;
    }

    static byte[] payload(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    private int trailerLen() {
        if (major != 2 || minor < 1) {
            return 0;
        }
        return minor == 1 ? 2 : minor == 2 ? 6 : 15;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        int n = frames.size();
        int tableLen = (n + extraEntries.size()) * 4;
        long tableOffset = -1;
        if (tableFirst) {
            tableOffset = 128;
            out.writeBytes(new byte[tableLen]); // filled in below
        }
        int[] order = physicalOrder;
        if (order == null) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        for (int i : order) {
            Frame f = frames.get(i);
            for (int h = 0; h < hole; h++) {
                out.write(0xEE);
            }
            f.offset = out.size();
            long orig = f.origLen >= 0 ? f.origLen : f.data.length;
            ByteBuffer h;
            if (major == 1) {
                h = le(8).putInt((int) f.delta).putShort((short) orig).putShort((short) f.data.length);
            } else {
                h = le(16).putLong(f.delta).putInt((int) orig).putInt(f.data.length);
            }
            out.writeBytes(h.array());
            out.writeBytes(f.data);
            int t = trailerLen();
            if (t > 0) {
                ByteBuffer tr = le(t).putShort((short) f.media);
                if (t >= 6) {
                    tr.putInt((int) f.processIndex);
                }
                if (t >= 15) {
                    tr.putLong(f.filetime).put((byte) 0);
                }
                out.writeBytes(tr.array());
            }
        }
        if (!tableFirst) {
            tableOffset = out.size();
            out.writeBytes(new byte[tableLen]);
        }
        long commentOffset = 0;
        long commentLen = 0;
        ByteArrayOutputStream ct = new ByteArrayOutputStream();
        for (Frame f : frames) {
            if (f.commentTitle != null) {
                byte[] title = f.commentTitle.getBytes(StandardCharsets.UTF_16LE);
                byte[] desc = f.commentDesc == null ? new byte[0] : f.commentDesc.getBytes(StandardCharsets.ISO_8859_1);
                ct.writeBytes(le(12).putInt(1).putInt((int) f.offset).putInt(title.length).array());
                ct.writeBytes(title);
                ct.writeBytes(le(4).putInt(desc.length).array());
                ct.writeBytes(desc);
            }
        }
        if (ct.size() > 0) {
            commentOffset = out.size();
            commentLen = ct.size();
            out.writeBytes(ct.toByteArray());
        }
        long processOffset = 0;
        if (!processes.isEmpty()) {
            processOffset = out.size();
            out.writeBytes(le(2).putShort((short) 1).array());
            for (Object[] p : processes) {
                byte[] path = ((String) p[1]).getBytes(StandardCharsets.UTF_16LE);
                out.writeBytes(le(4).putInt(path.length).array());
                out.writeBytes(path);
                out.writeBytes(le(4).putInt(3).array());
                out.writeBytes(new byte[] {1, 2, 3});
                out.writeBytes(le(16).putInt((Integer) p[0]).putShort((short) 68).putShort((short) 0)
                        .putShort((short) 67).putShort((short) 0).putInt(0).array());
                out.writeBytes(new byte[32]);
            }
        }
        byte[] b = out.toByteArray();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(0, (byte) (major == 1 ? 'R' : 'G')).put(1, (byte) (major == 1 ? 'T' : 'M'))
                .put(2, (byte) (major == 1 ? 'S' : 'B')).put(3, (byte) (major == 1 ? 'S' : 'U'));
        bb.put(4, (byte) minor).put(5, (byte) major).putShort(6, (short) headerMedia);
        for (int i = 0; i < 8; i++) {
            bb.putShort(8 + 2 * i, (short) start[i]);
        }
        bb.putInt(24, (int) tableOffset).putInt(28, tableLen);
        bb.putInt(40, (int) commentOffset).putInt(44, (int) commentLen);
        bb.putInt(48, (int) processOffset).putInt(52, processes.size());
        for (int i = 0; i < n; i++) {
            bb.putInt((int) tableOffset + 4 * i, (int) frames.get(i).offset);
        }
        for (int i = 0; i < extraEntries.size(); i++) {
            bb.putInt((int) tableOffset + 4 * (n + i), (int) (long) extraEntries.get(i));
        }
        for (long[] p : patches) {
            bb.putInt((int) p[0], (int) p[1]);
        }
        return b;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** FILETIME of an epoch time. */
    static long filetime(long sec, long ns) {
        return NetmonConstants.FILETIME_UNIX_EPOCH + sec * 10_000_000L + ns / 100;
    }
}
