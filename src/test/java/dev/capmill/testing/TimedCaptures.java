package dev.capmill.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Pcap files of many packets with chosen times, built byte by byte for the seek tests: Ethernet
 * frames of pseudo-random bytes (a seed per packet), micro- or nanosecond, either byte order.
 * Times are epoch nanoseconds; a µs file truncates them to microseconds.
 */
public final class TimedCaptures {
    private TimedCaptures() {
    }

    /** Packet lengths and times: {@code count} packets from {@code start}, gaps of 0..maxGap ns, lengths 42..maxLen. */
    public static long[] times(Random rnd, int count, long start, long maxGap) {
        long[] t = new long[count];
        long now = start;
        for (int i = 0; i < count; i++) {
            now += (long) (rnd.nextDouble() * maxGap);
            t[i] = now;
        }
        return t;
    }

    /** Moves each packet by up to {@code jitter} ns earlier or later, so that they are out of order by up to 2 × jitter. */
    public static long[] jitter(Random rnd, long[] times, long jitter) {
        long[] t = times.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += (long) ((rnd.nextDouble() * 2 - 1) * jitter);
        }
        return t;
    }

    /** Writes a pcap with these times; lengths 42..maxLen chosen by {@code seed}. */
    public static Path pcap(Path file, long[] times, long seed, int maxLen, boolean nanos, boolean bigEndian)
            throws IOException {
        Random rnd = new Random(seed);
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(order);
            h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(65535).putInt(1);
            out.write(h.array());
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            byte[] data = new byte[Math.max(maxLen, 42)];
            for (int i = 0; i < times.length; i++) {
                int len = 42 + rnd.nextInt(Math.max(1, maxLen - 41));
                rnd.nextBytes(data);
                long t = times[i];
                long sec = Math.floorDiv(t, 1_000_000_000L);
                long ns = Math.floorMod(t, 1_000_000_000L);
                r.clear();
                r.putInt((int) sec).putInt((int) (nanos ? ns : ns / 1000)).putInt(len).putInt(len + (i % 7 == 0 ? 100 : 0));
                out.write(r.array());
                out.write(data, 0, len);
            }
        }
        return file;
    }

    /** The bytes of a pcap record header (16 bytes, little-endian µs) with this time and length, for payloads that imitate one. */
    public static byte[] fakeHeader(long timeNs, int len) {
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) (timeNs / 1_000_000_000L)).putInt((int) (timeNs % 1_000_000_000L / 1000)).putInt(len).putInt(len);
        return r.array();
    }

    /** A little-endian µs pcap whose every packet's payload begins with a plausible record header of another time. */
    public static Path pcapWithFakeHeaders(Path file, long[] times, long fakeTime) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.write(h.array());
        for (int i = 0; i < times.length; i++) {
            int len = 60 + (i % 50);
            byte[] data = new byte[len];
            byte[] fake = fakeHeader(fakeTime + i, 20);
            System.arraycopy(fake, 0, data, 14, fake.length);
            out.write(fakeHeader(times[i], len));
            out.write(data);
        }
        Files.write(file, out.toByteArray());
        return file;
    }
}
