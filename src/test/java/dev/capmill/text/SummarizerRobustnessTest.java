package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Shared;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated and damaged packets summarise without throwing; the columns never read past the view. */
class SummarizerRobustnessTest {
    @Test
    void everyTruncationAndRandomDamageOfTheSamplePackets() throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (CaptureReader r = FormatRegistry.standard().open(
                Shared.projectDir().resolve("testdata/pcap/sample.pcap").toString(), ReadOptions.defaults())) {
            PacketRecord p = new PacketRecord();
            while (r.next(p)) {
                if (p.isPacket()) {
                    packets.add(p.payloadCopy());
                }
            }
        }
        assertEquals(24, packets.size());
        Summarizer s = new Summarizer();
        Summarizer exact = new Summarizer();
        Random rnd = new Random(5);
        long frame = 0;
        for (byte[] pkt : packets) {
            // the view sits inside a larger buffer whose other bytes must not be read
            byte[] buf = new byte[pkt.length + 64];
            System.arraycopy(pkt, 0, buf, 16, pkt.length);
            for (int len = 0; len <= pkt.length; len++) {
                for (int i = 16 + len; i < buf.length; i++) {
                    buf[i] = (byte) 0xee;
                }
                s.summarize(buf, 16, len, 1, ++frame);
                assertFalse(s.protocol.length() == 0, "a protocol is always named");
                // the same bytes in an array that ends where the view ends give the same columns
                exact.summarize(java.util.Arrays.copyOfRange(pkt, 0, len), 0, len, 1, frame);
                assertEquals(exact.source + "|" + exact.destination + "|" + exact.protocol + "|" + exact.infoText(),
                        s.source + "|" + s.destination + "|" + s.protocol + "|" + s.infoText());
                System.arraycopy(pkt, 0, buf, 16, pkt.length);
            }
            for (int round = 0; round < 500; round++) {
                byte[] d = pkt.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                }
                s.summarize(d, 0, d.length, 1, ++frame);
                exact.summarize(d, 0, d.length, 1, frame); // keeps both conversation tables alike
            }
        }
        for (int link : new int[] {101, 228, 0, 113}) {
            for (byte[] pkt : packets) {
                s.summarize(pkt, 14, pkt.length - 14, link, ++frame);
                s.summarize(pkt, 0, 0, link, ++frame);
            }
        }
    }
}
