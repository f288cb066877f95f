package dev.capmill.format.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capmill.format.Diagnostics;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.PacketRecord;
import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Reading NDIS 1001 and PktMon 160 packets allocates nothing per packet: the extra bytes a file
 * with ten times the packets costs are measured with HotSpot's per-thread allocation counter.
 */
class EtlAllocationTest {
    static byte[] file(int buffers) {
        EtlBuilder e = new EtlBuilder();
        long t = EtlBuilder.REF_CLOCK;
        byte[] eth = EtlSyntheticTest.ethIpv4(100, 100);
        byte[] payload = EtlBuilder.bytes(100, 1);
        for (int i = 0; i < buffers; i++) {
            e.buffer(i % 2);
            for (int k = 0; k < 8; k++) {
                long time = t + 100L * i + 10 * k;
                // two NDIS interfaces and two PktMon components, alternating: the interface lookups run too
                e.record(EtlBuilder.ndis(7, 7 + k % 2, EtlSyntheticTest.KW_ETH, time, eth));
                e.record(EtlBuilder.pktmon(160, i * 8 + k + 1, 3 + k % 2, 1, 5 + k % 2, 1500, time + 1, payload));
            }
        }
        e.buffer(0).record(EtlBuilder.pktmonComponent(5, "netvsc.sys", "adapter"))
                .record(EtlBuilder.pktmonProperty(5, 6, new byte[6]));
        return e.build();
    }

    static long read(byte[] f, com.sun.management.ThreadMXBean hot) throws Exception {
        ReadOptions o = new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics(), ZoneOffset.UTC, false);
        PacketRecord rec = new PacketRecord();
        Input in = Input.of("a.etl", f); // a copy of the file: not the reader's
        long tid = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(tid);
        long packets = 0;
        try (EtlReader r = new EtlReader(in, o)) {
            while (r.next(rec)) {
                packets += rec.isPacket() ? 1 : 0;
            }
        }
        long allocated = hot.getThreadAllocatedBytes(tid) - before;
        assertEquals(f.length > 200_000 ? 16 * 400 : 16 * 40, packets);
        return allocated;
    }

    @Test
    void packetsCostNoAllocation() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        byte[] small = file(40);
        byte[] big = file(400);
        for (int i = 0; i < 5; i++) { // warm up (JIT)
            read(small, hot);
            read(big, hot);
        }
        long a = Long.MAX_VALUE;
        long b = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            a = Math.min(a, read(small, hot));
            b = Math.min(b, read(big, hot));
        }
        long extraPackets = 16 * 360;
        assertTrue(b - a < 16 * 1024, (b - a) + " bytes more for " + extraPackets + " more packets");
    }
}
