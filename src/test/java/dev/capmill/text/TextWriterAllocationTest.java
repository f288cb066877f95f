package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Shared;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding and writing a line allocates nothing per packet (the architecture's contract for decoders). */
class TextWriterAllocationTest {
    @Test
    void writingLinesAllocatesNothingPerPacket() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        List<PacketRecord> packets = new ArrayList<>();
        try (CaptureReader r = FormatRegistry.standard().open(
                Shared.projectDir().resolve("testdata/pcap/sample.pcap").toString(), ReadOptions.defaults())) {
            PacketRecord p = new PacketRecord();
            while (r.next(p)) {
                packets.add(p.copy());
            }
            TextWriter w = new TextWriter(new Output(OutputStream.nullOutputStream()), r);
            for (int i = 0; i < 20_000; i++) { // warm up (JIT, buffers grown to size)
                w.write(packets.get(i % packets.size()));
            }
            long tid = Thread.currentThread().getId();
            long before = hot.getThreadAllocatedBytes(tid);
            int n = 200_000;
            for (int i = 0; i < n; i++) {
                w.write(packets.get(i % packets.size()));
            }
            long allocated = hot.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for " + n + " lines");
        }
    }
}
