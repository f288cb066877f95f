package dev.capmill.pipeline;

import static dev.capmill.testing.Frames.MAC_A;
import static dev.capmill.testing.Frames.MAC_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Frames;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DedupTapsStageTest {
    static final long T0 = TapAlignTest.T0;
    static final long US = 1_000L;

    /** Interface and time of each packet that passes. */
    private static List<long[]> run(DedupTapsStage s) throws IOException {
        List<long[]> out = new ArrayList<>();
        PacketRecord r = new PacketRecord();
        while (s.next(r)) {
            out.add(new long[] {r.interfaceId(), r.seconds() * 1_000_000_000L + r.nanos()});
        }
        return out;
    }

    /** Packet k at point 0 at T0 + k * gap, its copy at point 1 {@code lag} later (merged order: by time). */
    private static FrameSource pairs(int packets, long gap, long lag) {
        // both copies of packet k are entries 2k (point 0) and 2k+1 (point 1); lag < gap keeps them in time order
        return new FrameSource(2 * packets, i -> TapAlignTest.udpPacket(i / 2, i % 2),
                i -> T0 + (i / 2) * gap + (i % 2) * lag, i -> i % 2, 1, 1);
    }

    @Test
    void keepsTheFirstCopyOfAPacketSeenAtAnotherInterface() throws IOException {
        DedupTapsStage s = new DedupTapsStage(pairs(1000, 100 * US, 20 * US), DedupTapsStage.DEFAULT_WINDOW_NANOS);
        List<long[]> out = run(s);
        assertEquals(1000, out.size());
        for (int k = 0; k < out.size(); k++) {
            assertEquals(0, out.get(k)[0]);
            assertEquals(T0 + k * 100 * US, out.get(k)[1]);
        }
        assertEquals(1000, s.removed());
        assertEquals(2000, s.seen());
    }

    @Test
    void copiesFurtherApartThanTheWindowOrOnTheSameInterfaceStay() throws IOException {
        // the copy comes 2 ms after the original: outside a 1 ms window, inside a 3 ms one
        DedupTapsStage narrow = new DedupTapsStage(pairs(50, 10_000 * US, 2_000 * US), 1_000_000L);
        assertEquals(100, run(narrow).size());
        DedupTapsStage wide = new DedupTapsStage(pairs(50, 10_000 * US, 2_000 * US), 3_000_000L);
        assertEquals(50, run(wide).size());
        // a packet repeated on one interface is that point's business (--dedup removes those)
        DedupTapsStage same = new DedupTapsStage(new FrameSource(10, i -> TapAlignTest.udpPacket(0, 0), i -> T0 + i),
                1_000_000L);
        assertEquals(10, run(same).size());
        // frames without a key pass: LLDP seen at both points
        byte[] lldp = Frames.eth(MAC_B, MAC_A, -1, 0x88cc, Frames.bytes(1, 40));
        DedupTapsStage other = new DedupTapsStage(new FrameSource(10, i -> lldp, i -> T0 + i, i -> i % 2, 1, 1), 1_000_000L);
        assertEquals(10, run(other).size());
    }

    @Test
    void theWindowGrowsWithABurstAndForgetsEarlyOnlyPastItsLimit() throws IOException {
        // 20,000 packets and their copies within 1 ms: the ring grows from 4,096 entries
        DedupTapsStage burst = new DedupTapsStage(pairs(20_000, 40, 20), DedupTapsStage.DEFAULT_WINDOW_NANOS);
        assertEquals(20_000, run(burst).size());
        assertEquals(0, burst.forgottenEarly());
        // more distinct packets in the window than the ring holds: the oldest are forgotten, copies
        // of packets still remembered are removed
        int n = DedupTapsStage.MAX_ENTRIES + 10_000;
        FrameSource many = new FrameSource(n + 100, i -> i < n ? TapAlignTest.udpPacket(i, 0) : TapAlignTest.udpPacket(i - 100, 1),
                i -> T0 + i, i -> i < n ? 0 : 1, 1, 1);
        DedupTapsStage full = new DedupTapsStage(many, 1_000_000_000L);
        assertEquals(n, run(full).size());
        assertEquals(10_000, full.forgottenEarly());
        assertEquals(100, full.removed());
    }

    @Test
    void steadyStateAllocatesNothingPerPacket() throws IOException {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        byte[][] frames = new byte[2048][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = TapAlignTest.udpPacket(i / 2, i % 2);
        }
        PacketRecord rec = new PacketRecord();
        int[] next = {0};
        RecordSource src = new FrameSource(0, null, null, null, 1, 1) {
            @Override
            public boolean next(PacketRecord into) {
                int i = next[0]++;
                byte[] d = frames[i & 2047];
                into.reset(PacketRecord.Kind.PACKET).setInterfaceId(i & 1).setData(d, 0, d.length).setTime(1_709_294_400L + i / 1000, (i % 1000) * 1000);
                return true;
            }
        };
        DedupTapsStage s = new DedupTapsStage(src, DedupTapsStage.DEFAULT_WINDOW_NANOS);
        for (int i = 0; i < 100_000; i++) {
            s.next(rec);
        }
        long tid = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 500_000; i++) {
            s.next(rec);
        }
        long allocated = hot.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 16 * 1024, allocated + " bytes allocated for 500,000 packets");
        assertTrue(s.removed() > 0);
    }
}
