package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.text.fields.FieldRegistry;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Field output per packet: TSV (every field) and the text line with a -t format allocate
 * nothing; CSV allocates only the String Jackson's generator takes for each text value.
 */
class FieldWriterAllocationTest {
    interface Factory {
        CaptureWriter open(Output out, CaptureReader metadata) throws Exception;
    }

    /** Bytes allocated per packet written, after a warm-up. */
    static double perPacket(Factory factory) throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        List<PacketRecord> packets = new ArrayList<>();
        try (CaptureReader r = FormatRegistry.standard().open(TextOutputs.FIELDS.toString(), ReadOptions.defaults())) {
            PacketRecord p = new PacketRecord();
            while (r.next(p)) {
                packets.add(p.copy());
            }
            CaptureWriter w = factory.open(new Output(OutputStream.nullOutputStream()), r);
            for (int i = 0; i < 30_000; i++) {
                w.write(packets.get(i % packets.size()));
            }
            long tid = Thread.currentThread().getId();
            long before = hot.getThreadAllocatedBytes(tid);
            int n = 200_000;
            for (int i = 0; i < n; i++) {
                w.write(packets.get(i % packets.size()));
            }
            return (hot.getThreadAllocatedBytes(tid) - before) / (double) n;
        }
    }

    @Test
    void tsvOfEveryFieldAllocatesNothingPerPacket() throws Exception {
        TextOptions o = TextOptions.defaults().fields(FieldRegistry.standard().names()).timeFormat(TimeFormat.UD);
        double b = perPacket((out, m) -> new TsvWriter(out, m, o));
        assertTrue(b < 0.5, b + " bytes per packet");
    }

    @Test
    void textWithDateAndChosenColumnsAllocatesNothingPerPacket() throws Exception {
        TextOptions o = TextOptions.defaults().timeFormat(TimeFormat.ADOY).ascii(true).padding(false)
                .columns(List.of(TextOptions.Column.INFO, TextOptions.Column.TIME, TextOptions.Column.SOURCE,
                        TextOptions.Column.DESTINATION));
        double b = perPacket((out, m) -> new TextWriter(out, m, o));
        assertTrue(b < 0.5, b + " bytes per packet");
    }

    @Test
    void csvAllocatesOnlyTheStringsOfTextValues() throws Exception {
        // the benchmark's nine fields: four numbers, three text values (time, addresses), protocol
        TextOptions o = TextOptions.defaults().fields(List.of("frame.number", "frame.time_epoch", "ip.src", "ip.dst",
                "ip.proto", "tcp.srcport", "tcp.dstport", "frame.len", "_ws.col.Protocol"));
        double b = perPacket((out, m) -> new CsvWriter(out, m, o));
        // at most four Strings of at most 20 characters (about 64 bytes each with their arrays)
        assertTrue(b < 4 * 72, b + " bytes per packet");
        System.out.printf("CSV of nine fields: %.1f bytes allocated per packet%n", b);
    }
}
