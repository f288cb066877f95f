package dev.capmill.format.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.PacketSkipping;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.io.Sources;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.TimedCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcap reader's skipping: a binary search over the file that lands before the target and a
 * header-only skip after it give the same packets from the target on as reading everything, while
 * reading a small part of the file; out-of-order files, payloads that imitate headers, streams,
 * truncation and random damage.
 */
class PcapSeekTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_709_294_400L * S;

    @TempDir
    Path tmp;

    /** What one read gave: the packets (time, lengths, payload hash), the error, the reader's counters. */
    static final class Read {
        final List<String> packets = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<String> others = new ArrayList<>();
        IOException error;
        long bytesRead;
        /** Bytes read when the first packet at or after the target was returned. */
        long bytesAtTarget = -1;
        long bytesJumped;
        long skipped;
    }

    /**
     * Reads {@code file}: the records up to the first packet, then (when {@code target} is not
     * null) {@code skipUntil(target)}, then the rest. {@code linear} is the search's stop distance
     * (0 for the default); {@code stream} reads through an InputStream (no seeking).
     */
    static Read read(Path file, Long target, long linear, boolean stream) throws IOException {
        Read r = new Read();
        Input in = stream ? Input.of(file.toString(), Files.newInputStream(file), false) : Sources.open(file.toString());
        CaptureReader reader;
        try {
            reader = FormatRegistry.standard().detect(in).open(in, ReadOptions.defaults());
        } catch (IOException e) {
            in.close();
            r.error = e;
            return r;
        }
        try (reader) {
            if (reader instanceof PcapReader p && linear > 0) {
                p.seekLinearBytes(linear);
            }
            PacketRecord rec = new PacketRecord();
            boolean asked = target == null;
            try {
                while (reader.next(rec)) {
                    if (rec.isPacket()) {
                        r.packets.add(describe(rec));
                        r.times.add(rec.hasTimestamp() ? rec.seconds() * S + rec.nanos() : Long.MIN_VALUE);
                        if (target != null && r.bytesAtTarget < 0 && rec.hasTimestamp()
                                && rec.seconds() * S + rec.nanos() >= target) {
                            r.bytesAtTarget = ((PacketSkipping) reader).bytesRead();
                        }
                        if (!asked) {
                            asked = true;
                            ((PacketSkipping) reader).skipUntil(Math.floorDiv(target, S), (int) Math.floorMod(target, S));
                        }
                    } else {
                        r.others.add(rec.kind() + "/" + rec.blockType() + "/" + rec.interfaceId() + "/" + rec.sectionIndex());
                    }
                }
            } catch (IOException e) {
                r.error = e;
            }
            PacketSkipping ps = (PacketSkipping) reader;
            r.bytesRead = ps.bytesRead();
            if (r.bytesAtTarget < 0) {
                r.bytesAtTarget = r.bytesRead; // nothing at or after the target: all that was read
            }
            r.bytesJumped = ps.bytesJumped();
            r.skipped = ps.packetsSkipped();
        }
        return r;
    }

    static String describe(PacketRecord rec) {
        return (rec.hasTimestamp() ? rec.seconds() + "." + rec.nanos() : "-") + " " + rec.capturedLength() + "/"
                + rec.originalLength() + " " + Arrays.hashCode(rec.payloadCopy()) + " if" + rec.interfaceId();
    }

    /** The packets at or after {@code threshold}, in order. */
    static List<String> from(Read r, long threshold) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.packets.size(); i++) {
            if (r.times.get(i) >= threshold && r.times.get(i) != Long.MIN_VALUE) {
                out.add(r.packets.get(i));
            }
        }
        return out;
    }

    /** The largest amount by which a packet is earlier than one before it. */
    static long maxLate(List<Long> times) {
        long latest = Long.MIN_VALUE;
        long late = 0;
        for (long t : times) {
            if (t == Long.MIN_VALUE) {
                continue;
            }
            if (t < latest) {
                late = Math.max(late, latest - t);
            } else {
                latest = t;
            }
        }
        return late;
    }

    static void assertSameFrom(Read full, Read seek, long threshold, String what) {
        assertEquals(full.error == null ? null : full.error.getClass(), seek.error == null ? null : seek.error.getClass(),
                what + ": " + seek.error);
        assertEquals(from(full, threshold), from(seek, threshold), what);
        assertEquals(full.others, seek.others, what + ": records that are not packets");
    }

    @Test
    void jumpsOverMostOfALargeFileAndFindsTheSamePackets() throws IOException {
        Random rnd = new Random(6);
        long[] times = TimedCaptures.times(rnd, 100_000, T0, 2_000_000); // about 100 s
        for (boolean nanos : new boolean[] {false, true}) {
            Path f = TimedCaptures.pcap(tmp.resolve("big" + nanos + ".pcap"), times, 7, 400, nanos, nanos);
            long size = Files.size(f);
            Read full = read(f, null, 0, false);
            assertEquals(times.length, full.packets.size());
            long last = full.times.get(full.times.size() - 1);
            long first = full.times.get(0);
            for (double at : new double[] {0.0, 0.01, 0.5, 0.99, 1.0, 1.5}) {
                long target = first + (long) ((last - first) * at) + (at == 1.0 ? 1 : 0);
                Read seek = read(f, target, 0, false);
                String what = (nanos ? "ns" : "µs") + " target at " + at;
                assertSameFrom(full, seek, target, what);
                if (at >= 0.5 && at <= 1.0) {
                    // to find the target: about 20 probes of 64 KiB and one buffer of 1 MiB
                    assertTrue(seek.bytesAtTarget > 0 && seek.bytesAtTarget < size / 8,
                            what + ": read " + seek.bytesAtTarget + " of " + size + " bytes to find the target");
                    assertTrue(seek.bytesJumped > size / 3, what + ": jumped " + seek.bytesJumped);
                    assertTrue(seek.skipped < 2_000, what + ": " + seek.skipped + " packet headers read while skipping");
                }
            }
            // a target before the first packet leaves nothing out
            Read early = read(f, first - S, 0, false);
            assertEquals(full.packets, early.packets);
            assertEquals(0, early.bytesJumped);
        }
    }

    @Test
    void aSearchDownToSingleRecordsLandsRightForEveryTarget() throws IOException {
        Random rnd = new Random(1);
        long[] times = TimedCaptures.times(rnd, 400, T0, 50_000_000);
        times[100] = times[101]; // equal times
        times[102] = times[101];
        Path f = TimedCaptures.pcap(tmp.resolve("small.pcap"), times, 2, 120, false, false);
        Read full = read(f, null, 0, false);
        for (int i = 0; i < full.times.size(); i += 3) {
            for (long delta : new long[] {-1_000, 0, 1_000}) {
                long target = full.times.get(i) + delta;
                assertSameFrom(full, read(f, target, 1, false), target, "target packet " + i + delta);
            }
        }
    }

    @Test
    void outOfOrderWithinTheMarginGivesTheSamePacketsFromTargetPlusMargin() throws IOException {
        Random rnd = new Random(3);
        long[] times = TimedCaptures.jitter(rnd, TimedCaptures.times(rnd, 20_000, T0, 5_000_000), 200_000_000);
        Path f = TimedCaptures.pcap(tmp.resolve("jitter.pcap"), times, 4, 300, true, false);
        Read full = read(f, null, 0, false);
        long late = maxLate(full.times);
        assertTrue(late > 100_000_000 && late <= 400_000_000, "disorder " + late);
        long first = full.times.get(0);
        for (double at : new double[] {0.2, 0.5, 0.8}) {
            long target = first + (long) (100 * S * at);
            for (long linear : new long[] {1, 0}) {
                Read seek = read(f, target, linear, false);
                // a caller asks for (window start - margin): from the window start on, nothing is missing
                assertSameFrom(full, seek, target + late, "target " + at + " linear " + linear);
            }
        }
    }

    @Test
    void beyondTheMarginPacketsMayBeMissedButNoneIsInvented() throws IOException {
        // packets shuffled by up to 20 s: the assumption does not hold, as --no-seek's help says
        Random rnd = new Random(5);
        long[] times = TimedCaptures.jitter(rnd, TimedCaptures.times(rnd, 5_000, T0, 20_000_000), 10 * S);
        Path f = TimedCaptures.pcap(tmp.resolve("shuffled.pcap"), times, 6, 200, false, false);
        Read full = read(f, null, 0, false);
        long target = full.times.get(0) + 50 * S;
        Read seek = read(f, target, 1, false);
        List<String> all = from(full, target);
        List<String> got = from(seek, target);
        assertTrue(all.containsAll(got));
        assertTrue(got.size() <= all.size());
    }

    @Test
    void payloadsThatLookLikeAHeaderDoNotMisleadTheSearch() throws IOException {
        Random rnd = new Random(8);
        long[] times = TimedCaptures.times(rnd, 3_000, T0, 10_000_000);
        // each payload holds a header stamped in the middle of the file's span
        Path f = TimedCaptures.pcapWithFakeHeaders(tmp.resolve("fake.pcap"), times, times[1_500] / 1000 * 1000);
        Read full = read(f, null, 0, false);
        for (int i = 0; i < times.length; i += 97) {
            long target = full.times.get(i);
            assertSameFrom(full, read(f, target, 1, false), target, "target packet " + i);
            assertSameFrom(full, read(f, target, 0, false), target, "target packet " + i + ", default distance");
        }
    }

    @Test
    void aStreamIsSkippedWithoutJumping() throws IOException {
        Random rnd = new Random(9);
        long[] times = TimedCaptures.times(rnd, 20_000, T0, 1_000_000);
        Path f = TimedCaptures.pcap(tmp.resolve("stream.pcap"), times, 10, 200, false, true);
        Read full = read(f, null, 0, false);
        long target = full.times.get(15_000);
        Read seek = read(f, target, 0, true);
        assertSameFrom(full, seek, target, "stream");
        assertEquals(0, seek.bytesJumped);
        assertEquals(14_999, seek.skipped);
    }

    @Test
    void aFileCutInsideItsLastRecordStillFails() throws IOException {
        Random rnd = new Random(11);
        long[] times = TimedCaptures.times(rnd, 30_000, T0, 1_000_000);
        Path whole = TimedCaptures.pcap(tmp.resolve("whole.pcap"), times, 12, 200, false, false);
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.pcap"), Arrays.copyOf(b, b.length - 10));
        Read full = read(cut, null, 0, false);
        assertInstanceOf(CaptureException.Truncated.class, full.error);
        for (int i : new int[] {10_000, 29_990, 29_999}) {
            long target = full.times.get(Math.min(i, full.times.size() - 1));
            Read seek = read(cut, target, 0, false);
            assertSameFrom(full, seek, target, "cut, target packet " + i);
        }
        // a target after the last packet: the skip reaches the cut record and reports it
        Read after = read(cut, times[times.length - 1] + S, 0, false);
        assertInstanceOf(CaptureException.Truncated.class, after.error);
        assertTrue(after.error.getMessage().contains("cut short"), after.error.getMessage());
    }

    @Test
    void skipRemainingPacketsEndsTheFile() throws IOException {
        long[] times = TimedCaptures.times(new Random(2), 100, T0, 1_000_000);
        Path f = TimedCaptures.pcap(tmp.resolve("rest.pcap"), times, 1, 100, false, false);
        try (CaptureReader r = FormatRegistry.standard().open(f.toString(), ReadOptions.defaults())) {
            PacketRecord rec = new PacketRecord();
            int packets = 0;
            while (r.next(rec)) {
                if (rec.isPacket() && ++packets == 10) {
                    ((PacketSkipping) r).skipRemainingPackets();
                }
            }
            assertEquals(10, packets);
        }
    }

    @Test
    @Timeout(120)
    void damagedFilesFailWithCaptureExceptionsOnly() throws IOException {
        Random rnd = new Random(13);
        long[] times = TimedCaptures.times(rnd, 3_000, T0, 3_000_000);
        Path good = TimedCaptures.pcap(tmp.resolve("good.pcap"), times, 14, 150, false, false);
        byte[] base = Files.readAllBytes(good);
        Path bad = tmp.resolve("bad.pcap");
        for (int round = 0; round < 300; round++) {
            byte[] b = Arrays.copyOf(base, 24 + rnd.nextInt(base.length - 24));
            int damage = rnd.nextInt(4);
            for (int k = 0; k < 1 + rnd.nextInt(50); k++) {
                int at = 24 + rnd.nextInt(b.length - 24);
                switch (damage) {
                    case 0 -> b[at] = (byte) rnd.nextInt();
                    case 1 -> Arrays.fill(b, at, Math.min(b.length, at + rnd.nextInt(2_000)), (byte) 0xFF);
                    case 2 -> Arrays.fill(b, at, Math.min(b.length, at + rnd.nextInt(2_000)), (byte) 0);
                    default -> {
                        for (int j = at; j < Math.min(b.length, at + 500); j++) {
                            b[j] = (byte) rnd.nextInt();
                        }
                    }
                }
            }
            Files.write(bad, b);
            long target = T0 + (long) (rnd.nextDouble() * 12 * S);
            try {
                Read r = read(bad, target, rnd.nextBoolean() ? 1 : 0, false);
                if (r.error != null) {
                    assertInstanceOf(CaptureException.class, r.error, "round " + round);
                }
            } catch (RuntimeException e) {
                fail("round " + round + ": " + e, e);
            }
        }
    }

    @Test
    void readerWithoutSkippingIsUnchanged() throws IOException {
        long[] times = TimedCaptures.times(new Random(4), 1_000, T0, 1_000_000);
        Path f = TimedCaptures.pcap(tmp.resolve("plain.pcap"), times, 3, 100, true, true);
        Read full = read(f, null, 0, false);
        assertEquals(1_000, full.packets.size());
        assertEquals(Files.size(f), full.bytesRead);
        assertEquals(0, full.skipped);
        assertFalse(full.others.isEmpty());
    }
}
