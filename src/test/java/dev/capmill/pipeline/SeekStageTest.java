package dev.capmill.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.TimedCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the window lies in an input's time ({@link SeekPlan}), and what {@link SeekStage} saves. */
class SeekStageTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_709_294_400L * S;
    static final long MARGIN = S;

    @TempDir
    Path tmp;

    private static TimeSpec abs(long ns) {
        return TimeSpec.absolute(Math.floorDiv(ns, S), (int) Math.floorMod(ns, S));
    }

    @Test
    void planForAbsoluteAndRelativeEnds() {
        long f = T0 + 123;
        SeekPlan p = new SeekPlan(abs(T0 + 60 * S), abs(T0 + 70 * S), 0, null, 0, MARGIN, false);
        assertEquals(T0 + 59 * S, p.from(f));
        assertEquals(T0 + 71 * S, p.stop(f));
        assertTrue(!p.needsFirst());
        SeekPlan r = new SeekPlan(TimeSpec.relative(60 * S), TimeSpec.relative(70 * S), 0, null, 0, MARGIN, false);
        assertEquals(f + 59 * S, r.from(f));
        assertEquals(f + 71 * S, r.stop(f));
        assertTrue(r.needsFirst());
        SeekPlan open = new SeekPlan(null, null, 0, null, 0, 0, false);
        assertEquals(Long.MIN_VALUE, open.from(f));
        assertEquals(Long.MAX_VALUE, open.stop(f));
    }

    @Test
    void planUndoesShiftsAndOffsets() {
        long f = T0 + 5;
        // output = input + offset + shift: the window in input time moves the other way
        SeekPlan p = new SeekPlan(abs(T0 + 60 * S), abs(T0 + 70 * S), -3600 * S, null, 2 * S, MARGIN, false);
        assertEquals(T0 + 60 * S + 3600 * S - 2 * S - MARGIN, p.from(f));
        assertEquals(T0 + 70 * S + 3600 * S - 2 * S + MARGIN, p.stop(f));
        // relative ends do not care about a fixed shift
        SeekPlan r = new SeekPlan(TimeSpec.relative(10 * S), null, 7 * S, null, 0, MARGIN, false);
        assertEquals(f + 10 * S - MARGIN, r.from(f));
        // --shift-start puts the first packet at T: an absolute window is then relative to it
        SeekPlan st = new SeekPlan(abs(T0 + 1_000 * S + 30 * S), abs(T0 + 1_000 * S + 40 * S), 0, abs(T0 + 1_000 * S),
                0, MARGIN, false);
        assertEquals(f + 30 * S - MARGIN, st.from(f));
        assertEquals(f + 40 * S + MARGIN, st.stop(f));
        assertTrue(st.needsFirst());
    }

    @Test
    void planWidensWhenTheFirstPacketIsUncertain() {
        // a reorder window before the time window may make the first packet up to the margin earlier
        long f = T0;
        SeekPlan r = new SeekPlan(TimeSpec.relative(10 * S), TimeSpec.relative(20 * S), 0, null, 0, MARGIN, true);
        assertEquals(f + 10 * S - 2 * MARGIN, r.from(f));
        assertEquals(f + 20 * S + MARGIN, r.stop(f));
        SeekPlan a = new SeekPlan(abs(T0 + 10 * S), null, 0, null, 0, MARGIN, true);
        assertEquals(T0 + 10 * S - MARGIN, a.from(f));
    }

    @Test
    void planGivesUpWhereLongsOverflow() {
        SeekPlan p = new SeekPlan(TimeSpec.absolute(Long.MAX_VALUE / S - 1, 0), TimeSpec.absolute(Long.MAX_VALUE / S - 1, 0),
                0, null, 0, 5 * S, false);
        assertEquals(Long.MAX_VALUE, p.stop(T0));
        SeekPlan q = new SeekPlan(TimeSpec.relative(-Long.MAX_VALUE), null, 0, null, 0, S, false);
        assertEquals(Long.MIN_VALUE, q.from(-Long.MAX_VALUE + 5));
    }

    /** Counts the packets a source returns. */
    static final class Counting extends StageSource {
        long packets;

        Counting(RecordSource upstream) {
            super(upstream);
        }

        @Override
        public boolean next(PacketRecord into) throws IOException {
            boolean got = upstream.next(into);
            if (got && into.isPacket()) {
                packets++;
            }
            return got;
        }
    }

    private List<String> window(Path f, TimeSpec from, TimeSpec to, boolean seek, long[] decoded) throws IOException {
        CaptureReader reader = FormatRegistry.standard().open(f.toString(), ReadOptions.defaults());
        Counting counting = new Counting(new ReaderSource(reader));
        RecordSource s = counting;
        SeekStage stage = null;
        if (seek) {
            stage = new SeekStage(s, () -> reader, new SeekPlan(from, to, 0, null, 0, MARGIN, false));
            s = stage;
        }
        List<String> out = new ArrayList<>();
        PacketRecord r = new PacketRecord();
        try (RecordSource w = new TimeWindowStage(s, from, to)) {
            while (w.next(r)) {
                out.add(r.kind() + " " + r.seconds() + "." + r.nanos() + " " + r.capturedLength());
            }
        }
        decoded[0] = counting.packets;
        if (seek && decoded.length > 1) {
            assertNotNull(stage.skipper());
            decoded[1] = stage.skipper().bytesRead();
        }
        return out;
    }

    @Test
    void aWindowLateInALargeFileDecodesFewPackets() throws IOException {
        Random rnd = new Random(21);
        long[] times = TimedCaptures.times(rnd, 100_000, T0, 2_000_000); // about 1000 packets a second
        Path f = TimedCaptures.pcap(tmp.resolve("big.pcap"), times, 22, 300, false, false);
        long size = Files.size(f);
        TimeSpec from = abs(T0 + 70 * S);
        TimeSpec to = abs(T0 + 71 * S);
        long[] plain = new long[1];
        long[] sought = new long[2];
        List<String> want = window(f, from, to, false, plain);
        List<String> got = window(f, from, to, true, sought);
        assertEquals(want, got);
        assertTrue(want.size() > 500, want.size() + " packets in the window");
        assertEquals(100_000, plain[0]);
        // the window (1 s), the margin on either side (1 s each) and what the search leaves to read linearly
        assertTrue(sought[0] < 5_000, sought[0] + " packets decoded");
        assertTrue(sought[1] < size / 6, sought[1] + " of " + size + " bytes read");
    }

    @Test
    void packetsWithoutASkippingReaderPassUnchanged() throws IOException {
        long[] times = TimedCaptures.times(new Random(2), 1_000, T0, 10_000_000);
        Path f = TimedCaptures.pcap(tmp.resolve("small.pcap"), times, 1, 100, true, false);
        CaptureReader reader = FormatRegistry.standard().open(f.toString(), ReadOptions.defaults());
        SeekStage stage = new SeekStage(new ReaderSource(reader), () -> null,
                new SeekPlan(abs(T0 + 5 * S), abs(T0 + 6 * S), 0, null, 0, MARGIN, false));
        List<long[]> rows = Caps.drain(stage, null);
        assertEquals(1_000, rows.size());
        assertNull(stage.skipper());
        stage.close();
    }

    @Test
    void readingStopsAfterTheEndOnlyWhenInOrderSoFar() throws IOException {
        Random rnd = new Random(4);
        long[] times = TimedCaptures.times(rnd, 5_000, T0, 10_000_000); // about 25 s
        times[100] = times[99] - 2 * MARGIN; // one packet 2 s late: more than the margin
        Path late = TimedCaptures.pcap(tmp.resolve("late.pcap"), times, 5, 100, true, false);
        long[] count = new long[1];
        window(late, null, abs(T0 + 5 * S), true, count);
        assertEquals(5_000, count[0], "disorder beyond the margin was seen: read to the end");
        times[100] = times[99] - MARGIN / 2;
        Path ok = TimedCaptures.pcap(tmp.resolve("ok.pcap"), times, 5, 100, true, false);
        window(ok, null, abs(T0 + 5 * S), true, count);
        assertTrue(count[0] < 2_000, count[0] + " packets read");
    }
}
