package dev.capmill.format.pcapng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Input;
import dev.capmill.io.Output;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing helpers shared by the pcapng tests. */
final class Pcapng {
    private Pcapng() {
    }

    /** Everything a reader returned, as copies, with the metadata it declared. */
    static final class Result {
        final List<PacketRecord> records = new ArrayList<>();
        List<SectionInfo> sections;
        List<InterfaceInfo> interfaces;
        final Diagnostics diagnostics = new Diagnostics();

        List<PacketRecord> packets() {
            List<PacketRecord> out = new ArrayList<>();
            for (PacketRecord r : records) {
                if (r.isPacket()) {
                    out.add(r);
                }
            }
            return out;
        }

        List<PacketRecord> ofKind(PacketRecord.Kind k) {
            List<PacketRecord> out = new ArrayList<>();
            for (PacketRecord r : records) {
                if (r.kind() == k) {
                    out.add(r);
                }
            }
            return out;
        }
    }

    static CaptureReader open(byte[] file, Diagnostics d) throws IOException {
        return new PcapngFormat().open(Input.of("test", file), new ReadOptions(ReadLimits.DEFAULT, false, d));
    }

    static Result read(byte[] file) throws IOException {
        Result r = new Result();
        try (CaptureReader reader = open(file, r.diagnostics)) {
            PacketRecord rec = new PacketRecord();
            while (reader.next(rec)) {
                r.records.add(rec.copy());
            }
            r.sections = new ArrayList<>(reader.sections());
            r.interfaces = new ArrayList<>(reader.interfaces());
        }
        return r;
    }

    /** Reads {@code file} and writes every record with the pcapng writer. */
    static byte[] rewrite(byte[] file, Diagnostics writeDiagnostics) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Output out = new Output(bos);
        try (CaptureReader reader = open(file, new Diagnostics())) {
            CaptureWriter w = new PcapngFormat().writer(out, reader,
                    new WriteOptions(WriteOptions.LossPolicy.FAIL, WriteOptions.PcapPrecision.AUTO, writeDiagnostics));
            PacketRecord rec = new PacketRecord();
            while (reader.next(rec)) {
                w.write(rec);
            }
            w.finish();
        }
        out.flush();
        return bos.toByteArray();
    }

    static void assertSameRecord(PacketRecord a, PacketRecord b, String where) {
        assertEquals(a.kind(), b.kind(), where + " kind");
        assertEquals(a.sectionIndex(), b.sectionIndex(), where + " section");
        assertEquals(a.interfaceId(), b.interfaceId(), where + " interface");
        assertEquals(a.blockType(), b.blockType(), where + " block type");
        assertEquals(a.hasTimestamp(), b.hasTimestamp(), where + " has time");
        assertEquals(a.seconds(), b.seconds(), where + " seconds");
        assertEquals(a.nanos(), b.nanos(), where + " nanos");
        assertEquals(a.rawTicksValid(), b.rawTicksValid(), where + " raw ticks valid");
        assertEquals(a.rawTicks(), b.rawTicks(), where + " raw ticks");
        assertEquals(a.capturedLength(), b.capturedLength(), where + " caplen");
        assertEquals(a.originalLength(), b.originalLength(), where + " len");
        assertArrayEquals(a.payloadCopy(), b.payloadCopy(), where + " bytes");
        assertEquals(a.options(), b.options(), where + " options " + a.options() + " vs " + b.options());
    }

    static void assertSameInterface(InterfaceInfo a, InterfaceInfo b, String where) {
        assertEquals(a.linkType(), b.linkType(), where + " linktype");
        assertEquals(a.snapLength(), b.snapLength(), where + " snaplen");
        assertEquals(a.tsResolution(), b.tsResolution(), where + " tsresol");
        assertEquals(a.tsOffset(), b.tsOffset(), where + " tsoffset");
        assertEquals(a.fcsLength(), b.fcsLength(), where + " fcslen");
        assertEquals(a.sectionIndex(), b.sectionIndex(), where + " section");
        assertEquals(a.options(), b.options(), where + " options");
    }

    /**
     * Asserts that {@code copy} holds the same records as {@code original}, leaving out the
     * do-not-copy custom blocks the writer drops.
     */
    static void assertSameContent(Result original, Result copy, String name) {
        List<PacketRecord> expected = new ArrayList<>();
        for (PacketRecord r : original.records) {
            if (!(r.kind() == PacketRecord.Kind.BLOCK && r.blockType() == PcapngConstants.BT_CB_NOCOPY)) {
                expected.add(r);
            }
        }
        assertEquals(expected.size(), copy.records.size(), name + ": record count");
        for (int i = 0; i < expected.size(); i++) {
            assertSameRecord(expected.get(i), copy.records.get(i), name + " record " + i);
        }
        assertEquals(original.interfaces.size(), copy.interfaces.size(), name + ": interfaces");
        for (int i = 0; i < original.interfaces.size(); i++) {
            assertSameInterface(original.interfaces.get(i), copy.interfaces.get(i), name + " interface " + i);
        }
        assertEquals(original.sections.size(), copy.sections.size(), name + ": sections");
        for (int i = 0; i < original.sections.size(); i++) {
            assertEquals(original.sections.get(i).options(), copy.sections.get(i).options(), name + " section " + i);
        }
    }
}
