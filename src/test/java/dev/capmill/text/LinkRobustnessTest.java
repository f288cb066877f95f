package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.LinkCaptures;
import dev.capmill.testing.Shared;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The link-layer, fragment and ICMPv6 decoders on hostile input: every truncation of every sample
 * packet, random damage and random bytes under every link type never throw and never read past the
 * packet's view; and summarising allocates nothing per packet.
 */
class LinkRobustnessTest {
    record Sample(int linkType, byte[] data) {
    }

    static List<Sample> samples() throws Exception {
        List<Sample> all = new ArrayList<>();
        for (String name : LinkCaptures.NAMES) {
            try (CaptureReader r = FormatRegistry.standard().open(
                    Shared.projectDir().resolve("testdata/pcap").resolve(name).toString(), ReadOptions.defaults())) {
                PacketRecord p = new PacketRecord();
                while (r.next(p)) {
                    if (p.isPacket()) {
                        all.add(new Sample(r.interfaces().get(p.interfaceId()).linkType(), p.payloadCopy()));
                    }
                }
            }
        }
        return all;
    }

    static String columns(Summarizer s) {
        return s.source + "|" + s.destination + "|" + s.protocol + "|" + s.infoText();
    }

    @Test
    void truncationsAndDamageNeverThrowNorReadPastTheView() throws Exception {
        List<Sample> samples = samples();
        assertTrue(samples.size() > 150, "samples: " + samples.size());
        Summarizer s = new Summarizer();
        Summarizer exact = new Summarizer();
        Random rnd = new Random(7);
        long frame = 0;
        for (Sample sample : samples) {
            byte[] pkt = sample.data();
            byte[] buf = new byte[pkt.length + 64];
            for (int len = 0; len <= pkt.length; len++) {
                Arrays.fill(buf, (byte) 0xee);
                System.arraycopy(pkt, 0, buf, 16, len);
                // cut by the snapshot length: the original length is the whole packet's
                s.summarize(buf, 16, len, pkt.length, sample.linkType(), ++frame, 0);
                exact.summarize(Arrays.copyOf(pkt, len), 0, len, pkt.length, sample.linkType(), frame, 0);
                assertEquals(columns(exact), columns(s), "link " + sample.linkType() + " length " + len);
            }
            for (int round = 0; round < (pkt.length == 0 ? 0 : 300); round++) {
                byte[] d = pkt.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                }
                s.summarize(d, 0, d.length, sample.linkType(), ++frame);
                exact.summarize(d, 0, d.length, sample.linkType(), frame);
                assertEquals(columns(exact), columns(s));
            }
        }
        int[] links = {0, 1, 9, 10, 12, 14, 50, 101, 104, 105, 108, 113, 127, 227, 228, 229, 239, 276};
        for (int round = 0; round < 20_000; round++) {
            byte[] d = new byte[rnd.nextInt(120)];
            rnd.nextBytes(d);
            if (d.length > 0 && rnd.nextBoolean()) {
                d[0] = (byte) (rnd.nextBoolean() ? 0x45 : 0x60); // reach the IP decoders more often
            }
            // in a larger buffer of other bytes: the same answer as on the exact bytes (nothing read past them)
            byte[] wide = new byte[d.length + 32];
            Arrays.fill(wide, (byte) 0xee);
            System.arraycopy(d, 0, wide, 8, d.length);
            s.summarize(wide, 8, d.length, links[round % links.length], ++frame);
            exact.summarize(d, 0, d.length, links[round % links.length], frame);
            assertEquals(columns(exact), columns(s), "link " + links[round % links.length]);
            assertTrue(s.protocol.length() > 0 || s.info.length() > 0, "something is always written");
        }
    }

    @Test
    void summarisingAllocatesNothingPerPacket() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        List<Sample> samples = samples();
        Summarizer s = new Summarizer();
        long frame = 0;
        for (int i = 0; i < 30_000; i++) { // warm up: JIT, reassembly buffers grown to size
            Sample x = samples.get(i % samples.size());
            s.summarize(x.data(), 0, x.data().length, x.linkType(), ++frame);
        }
        long tid = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(tid);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            Sample x = samples.get(i % samples.size());
            s.summarize(x.data(), 0, x.data().length, x.linkType(), ++frame);
        }
        long allocated = hot.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for " + n + " packets");
    }
}
