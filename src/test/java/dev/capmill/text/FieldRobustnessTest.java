package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Output;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.text.fields.FieldRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every field of every truncation and random damage of the sample packets: no exception, one
 * value per field, and nothing read past the packet's view (the same output when the bytes
 * after the view change).
 */
class FieldRobustnessTest {
    @Test
    void truncatedAndDamagedPacketsNeverThrowNorReadPastTheirView() throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (CaptureReader r = FormatRegistry.standard().open(TextOutputs.PCAP.toString(), ReadOptions.defaults())) {
            PacketRecord p = new PacketRecord();
            while (r.next(p)) {
                if (p.isPacket()) {
                    packets.add(p.payloadCopy());
                }
            }
        }
        List<String> fields = FieldRegistry.standard().names();
        for (int link : new int[] {1, 101, 228, 147}) {
            List<InterfaceInfo> ifs = List.of(new InterfaceInfo().setLinkType(link).setIdRecorded(true));
            CaptureMetadata m = CaptureMetadata.of(List.of(), ifs);
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            TsvWriter wa = new TsvWriter(new Output(a), m, TextOptions.defaults().fields(fields));
            TsvWriter wb = new TsvWriter(new Output(b), m, TextOptions.defaults().fields(fields));
            PacketRecord rec = new PacketRecord();
            Random rnd = new Random(link);
            int written = 0;
            for (byte[] pkt : packets) {
                for (int round = 0; round < 60; round++) {
                    byte[] d = pkt.clone();
                    if (round > 0) {
                        for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                            d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                        }
                    }
                    for (int len = 0; len <= d.length; len += round == 0 ? 1 : 7) {
                        byte[] bufA = new byte[len + 40];
                        byte[] bufB = new byte[len + 40];
                        System.arraycopy(d, 0, bufA, 8, len);
                        System.arraycopy(d, 0, bufB, 8, len);
                        java.util.Arrays.fill(bufB, 8 + len, bufB.length, (byte) 0xa5);
                        rec.reset(PacketRecord.Kind.PACKET).setTime(1_700_000_000L, written).setOriginalLength(d.length);
                        wa.write(rec.setData(bufA, 8, len));
                        wb.write(rec.setData(bufB, 8, len));
                        written++;
                    }
                }
            }
            wa.finish();
            wb.finish();
            String sa = a.toString(StandardCharsets.UTF_8);
            assertEquals(sa, b.toString(StandardCharsets.UTF_8), "link type " + link + ": bytes after the view were read");
            List<String> lines = TextOutputs.lines(sa);
            assertEquals(written, lines.size());
            for (String l : lines) {
                assertEquals(fields.size(), l.split("\t", -1).length, l);
            }
        }
    }
}
