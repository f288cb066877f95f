package dev.capmill.format.pcap;

import static org.junit.jupiter.api.Assertions.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
    private final List<SectionInfo> sections = new ArrayList<>(List.of(new SectionInfo()));
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final CaptureMetadata md = CaptureMetadata.of(sections, interfaces);
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final Output out = new Output(sink);
    private final Diagnostics diag = new Diagnostics();

    private PcapWriter writer(WriteOptions.LossPolicy loss, WriteOptions.PcapPrecision prec) {
        return new PcapWriter(out, md, new WriteOptions(loss, prec, diag));
    }

    private PcapWriter writer() {
        return writer(WriteOptions.LossPolicy.FAIL, WriteOptions.PcapPrecision.AUTO);
    }

    private int addInterface(int linkType, long snap, int tsres, int fcs) {
        interfaces.add(new InterfaceInfo().setLinkType(linkType).setSnapLength(snap).setTsResolution(tsres).setFcsLength(fcs));
        return interfaces.size() - 1;
    }

    private static PacketRecord iface(int id) {
        return new PacketRecord().reset(PacketRecord.Kind.INTERFACE).setInterfaceId(id);
    }

    private static PacketRecord packet(int id, long sec, long ns, int len, int seed) {
        byte[] d = PcapBuilder.data(len, seed);
        return new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(id).setTime(sec, ns)
                .setData(d, 0, len).setOriginalLength(len + 4);
    }

    private byte[] bytes() throws IOException {
        out.flush();
        return sink.toByteArray();
    }

    @Test
    void headerAndRecordsLittleEndian24() throws IOException {
        int id = addInterface(1, 1514, 6, 4);
        PcapWriter w = writer();
        w.write(new PacketRecord().reset(PacketRecord.Kind.SECTION));
        w.write(iface(id));
        w.write(packet(id, 1_418_145_369L, 924_505_999, 60, 1));
        w.finish();
        byte[] f = bytes();
        assertEquals(24 + 16 + 60, f.length);
        assertEquals(0xA1B2C3D4, Bytes.i32LE(f, 0));
        assertEquals(2, Bytes.u16LE(f, 4));
        assertEquals(4, Bytes.u16LE(f, 6));
        assertEquals(0, Bytes.i32LE(f, 8));
        assertEquals(0, Bytes.i32LE(f, 12));
        assertEquals(1514, Bytes.i32LE(f, 16));
        assertEquals(0x24000001, Bytes.i32LE(f, 20)); // FCS present, 2 x 16 bits
        assertEquals(1_418_145_369L, Bytes.u32LE(f, 24));
        assertEquals(924_505, Bytes.u32LE(f, 28)); // truncated, as editcap does
        assertEquals(60, Bytes.u32LE(f, 32));
        assertEquals(64, Bytes.u32LE(f, 36));
        PcapReaderTest.Result r = PcapReaderTest.readOk(f);
        assertEquals(4, r.reader.interfaces().get(0).fcsLength());
        assertArrayEquals(PcapBuilder.data(60, 1), r.packets.get(0).payloadCopy());
    }

    @Test
    void snaplenZeroBecomesTheLinkTypeMaximum() throws IOException {
        int id = addInterface(1, 0, 6, -1);
        PcapWriter w = writer();
        w.write(iface(id));
        w.finish();
        byte[] f = bytes();
        assertEquals(24, f.length);
        assertEquals(262_144, Bytes.i32LE(f, 16));
        assertEquals(1, Bytes.i32LE(f, 20));
    }

    @Test
    void autoPrecisionFollowsTheInterface() throws IOException {
        int id = addInterface(1, 65535, 9, -1);
        PcapWriter w = writer();
        w.write(iface(id));
        w.write(packet(id, 5, 123_456_789, 10, 0));
        w.finish();
        byte[] f = bytes();
        assertEquals(0xA1B23C4D, Bytes.i32LE(f, 0));
        assertEquals(123_456_789, Bytes.i32LE(f, 28));
        assertTrue(PcapWriter.finerThanMicroseconds(new InterfaceInfo().setTsResolution(0x80 | 30)));
        assertFalse(PcapWriter.finerThanMicroseconds(new InterfaceInfo().setTsResolution(0x80 | 20)));
        assertFalse(PcapWriter.finerThanMicroseconds(new InterfaceInfo().setTsResolution(3)));
    }

    @Test
    void microPrecisionTruncatesAndWarnsOnce() throws IOException {
        int id = addInterface(1, 65535, 9, -1);
        PcapWriter w = writer(WriteOptions.LossPolicy.FAIL, WriteOptions.PcapPrecision.MICRO);
        w.write(iface(id));
        w.write(packet(id, 1000, 1_999, 10, 0));
        w.finish();
        byte[] f = bytes();
        assertEquals(0xA1B2C3D4, Bytes.i32LE(f, 0));
        assertEquals(1, Bytes.i32LE(f, 28));
        assertEquals(1, diag.lines().size());
    }

    @Test
    void secondLinkTypeIsRefusedWhateverThePolicy() throws IOException {
        int eth = addInterface(1, 65535, 6, -1);
        int eth2 = addInterface(1, 9000, 6, -1);
        int fddi = addInterface(10, 65535, 6, -1);
        PcapWriter w = writer(WriteOptions.LossPolicy.WARN, WriteOptions.PcapPrecision.AUTO);
        w.write(iface(eth));
        w.write(iface(eth2)); // same link type: merged
        w.write(packet(eth2, 1, 0, 10, 0));
        CaptureException e = assertThrows(CaptureException.Unwritable.class, () -> w.write(iface(fddi)));
        assertTrue(e.getMessage().contains("pcap holds one link type; input has Ethernet and FDDI"), e.getMessage());
    }

    @Test
    void packetCommentsFailOrWarn() throws IOException {
        int id = addInterface(1, 65535, 6, -1);
        PcapWriter w = writer();
        w.write(iface(id));
        w.write(packet(id, 1, 0, 10, 0));
        w.write(packet(id, 1, 0, 10, 0));
        PacketRecord c = packet(id, 1, 0, 10, 0);
        c.options().addString(Options.COMMENT, "hello");
        CaptureException e = assertThrows(CaptureException.Unwritable.class, () -> w.write(c));
        assertEquals("pcap: pcap cannot hold packet comments (packet 3); use pcapng or --lossy", e.getMessage());

        PcapWriter lossy = new PcapWriter(new Output(new ByteArrayOutputStream()), md,
                new WriteOptions(WriteOptions.LossPolicy.WARN, WriteOptions.PcapPrecision.AUTO, diag));
        lossy.write(iface(id));
        lossy.write(c);
        lossy.write(c);
        PacketRecord flags = packet(id, 1, 0, 10, 0);
        flags.options().addU32(2, 1);
        lossy.write(flags);
        assertEquals(List.of("pcap: packet comments dropped (2 times)", "pcap: packet flags (epb_flags) dropped"), diag.lines());
    }

    @Test
    void blocksFailOrWarn() throws IOException {
        int id = addInterface(1, 65535, 6, -1);
        PacketRecord isb = new PacketRecord().reset(PacketRecord.Kind.BLOCK).setBlockType(5);
        PcapWriter w = writer();
        w.write(iface(id));
        CaptureException e = assertThrows(CaptureException.Unwritable.class, () -> w.write(isb));
        assertTrue(e.getMessage().contains("interface statistics blocks"), e.getMessage());
        PcapWriter lossy = writer(WriteOptions.LossPolicy.WARN, WriteOptions.PcapPrecision.AUTO);
        lossy.write(isb);
        assertEquals(List.of("pcap: interface statistics blocks dropped"), diag.lines());
    }

    @Test
    void packetWithoutTimestampIsWrittenAsZero() throws IOException {
        int id = addInterface(1, 65535, 6, -1);
        PcapWriter w = writer();
        w.write(iface(id));
        PacketRecord p = packet(id, 99, 99, 10, 0).clearTime();
        w.write(p);
        w.finish();
        byte[] f = bytes();
        assertEquals(0, Bytes.i32LE(f, 24));
        assertEquals(0, Bytes.i32LE(f, 28));
    }

    @Test
    void unrepresentableTimesAndSizesAreRefused() throws IOException {
        int id = addInterface(1, 65535, 6, -1);
        PcapWriter w = writer(WriteOptions.LossPolicy.WARN, WriteOptions.PcapPrecision.AUTO);
        w.write(iface(id));
        w.write(packet(id, 0xFFFFFFFFL, 0, 10, 0)); // the last second pcap holds
        CaptureException neg = assertThrows(CaptureException.Unwritable.class, () -> w.write(packet(id, -1, 0, 10, 0)));
        assertTrue(neg.getMessage().contains("packet 2"), neg.getMessage());
        assertThrows(CaptureException.Unwritable.class, () -> w.write(packet(id, 0x1_0000_0000L, 0, 10, 0)));
        assertThrows(CaptureException.Unwritable.class, () -> w.write(packet(id, 1, 0, 262_145, 0)));
    }

    @Test
    void noInterfaceAtAllIsRefusedLikeEditcap() {
        PcapWriter w = writer();
        assertThrows(CaptureException.Unwritable.class, w::finish);
    }

    @Test
    void packetBeforeInterfaceIsAProgrammingError() {
        addInterface(1, 65535, 6, -1);
        PcapWriter w = writer();
        assertThrows(IllegalStateException.class, () -> w.write(packet(0, 1, 0, 10, 0)));
    }
}
