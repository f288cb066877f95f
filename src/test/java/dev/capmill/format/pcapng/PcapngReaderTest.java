package dev.capmill.format.pcapng;

import static dev.capmill.format.pcapng.PcapngBuilder.bytes;
import static dev.capmill.format.pcapng.PcapngBuilder.customOpt;
import static dev.capmill.format.pcapng.PcapngBuilder.str;
import static dev.capmill.format.pcapng.PcapngBuilder.tsPair;
import static dev.capmill.format.pcapng.PcapngBuilder.u32;
import static dev.capmill.format.pcapng.PcapngBuilder.u64;
import static dev.capmill.format.pcapng.PcapngBuilder.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.PacketRecord.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {
    static final byte[] P1 = {1, 2, 3, 4, 5, 6, 7};
    static final byte[] P2 = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11, 12};

    /** A section with two interfaces, packets with options, and one of every metadata block. */
    static byte[] richSection(PcapngBuilder b, boolean be) {
        b.shb(be, str(1, "section\0comment\r\n"), str(2, "hw"), str(3, "os"), str(4, "app"));
        b.idb(1, 65535, str(2, "eth0"), u8(9, 9), u64(8, 1_000_000_000L), bytes(4, 10, 0, 0, 1, 255, 0, 0, 0),
                bytes(6, 0, 1, 2, 3, 4, 5), u8(13, 4), u64(14, -100), u32(10, 3600));
        b.idb(101, 0, u8(9, 0x88));
        b.epb(0, 1_600_000_000_123_456_789L, P1, 60, str(1, "and more\nfoo\r\nbar\0x"), u32(2, 0x01020304),
                u64(4, 7), u64(5, 0x1122334455667788L), u32(6, 3), bytes(3, 2, 0xA, 0xB, 0xC, 0xD),
                customOpt(2988, 32473, "vendor".getBytes(StandardCharsets.UTF_8)));
        b.epb(1, (1_600_000_000L << 8) | 0x80, P2, P2.length);
        b.isb(1, (5L << 8) | 1, tsPair(2, (1L << 8)), tsPair(3, (5L << 8)), u64(4, 100), u64(5, 1), str(1, "stats"));
        b.nrb(new byte[] {10, 0, 0, 1}, "host.example", new byte[16], "six.example", str(2, "dns"), bytes(3, 8, 8, 8, 8));
        b.dsb(0x544c534b, "CLIENT_RANDOM a b\n".getBytes(StandardCharsets.US_ASCII), str(1, "keys"));
        b.custom(0xBAD, 32473, new byte[] {1, 2, 3, 4, 5});
        b.custom(0x40000BAD, 32473, new byte[] {6, 7});
        b.block(0x80001234, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        b.block(0x99, new byte[0]);
        return b.toByteArray();
    }

    @Test
    void littleEndianSectionReadsEveryBlock() throws Exception {
        Pcapng.Result r = Pcapng.read(richSection(new PcapngBuilder(), false));
        List<PacketRecord> recs = r.records;
        assertEquals(Kind.SECTION, recs.get(0).kind());
        assertEquals(Kind.INTERFACE, recs.get(1).kind());
        assertEquals(Kind.INTERFACE, recs.get(2).kind());
        assertEquals(12, recs.size());
        assertEquals(List.of("section"), r.sections.get(0).options().strings(1));
        // the comment is kept byte for byte, NUL, CR and LF included
        Options so = r.sections.get(0).options();
        assertArrayEquals("section\0comment\r\n".getBytes(StandardCharsets.UTF_8), so.value(so.indexOf(1)));

        InterfaceInfo eth = r.interfaces.get(0);
        assertEquals(1, eth.linkType());
        assertEquals(65535, eth.snapLength());
        assertEquals(9, eth.tsResolution());
        assertEquals(-100, eth.tsOffset());
        assertEquals(4, eth.fcsLength());
        assertEquals("eth0", eth.name());
        assertEquals(1_000_000_000L, eth.options().number(8));
        assertEquals(3600, eth.options().number(10));
        assertEquals(0x88, r.interfaces.get(1).tsResolution());

        PacketRecord p = recs.get(3);
        assertEquals(Kind.PACKET, p.kind());
        assertEquals(0, p.interfaceId());
        assertEquals(1_600_000_000L - 100, p.seconds());
        assertEquals(123_456_789, p.nanos());
        assertTrue(p.rawTicksValid());
        assertEquals(1_600_000_000_123_456_789L, p.rawTicks());
        assertArrayEquals(P1, p.payloadCopy());
        assertEquals(60, p.originalLength());
        Options o = p.options();
        assertArrayEquals("and more\nfoo\r\nbar\0x".getBytes(StandardCharsets.UTF_8), o.value(0));
        assertEquals("and more\nfoo\r\nbar", o.string(0));
        assertEquals(0x01020304L, o.number(2));
        assertEquals(7, o.number(4));
        assertEquals(0x1122334455667788L, o.number(5));
        assertEquals(3, o.number(6));
        assertArrayEquals(new byte[] {2, 0xA, 0xB, 0xC, 0xD}, o.value(o.indexOf(3)));
        byte[] cust = o.value(o.indexOf(2988));
        assertEquals(32473, Bytes.i32LE(cust, 0));
        assertEquals("vendor", new String(cust, 4, cust.length - 4, StandardCharsets.UTF_8));

        PacketRecord q = recs.get(4);
        assertEquals(1, q.interfaceId());
        assertEquals(1_600_000_000L, q.seconds());
        assertEquals(500_000_000, q.nanos()); // 0x80 / 256 s
        assertEquals(P2.length, q.capturedLength());

        PacketRecord isb = recs.get(5);
        assertEquals(Kind.BLOCK, isb.kind());
        assertEquals(5, isb.blockType());
        assertEquals(1, Bytes.i32LE(isb.data(), isb.offset()));
        assertEquals(5, isb.seconds());
        assertEquals(3_906_250, isb.nanos()); // 1/256 s
        assertEquals(100, isb.options().number(4));
        assertEquals(1L, Bytes.u32LE(isb.options().array(), isb.options().offset(0) + 4) >> 8);

        PacketRecord nrb = recs.get(6);
        assertEquals(4, nrb.blockType());
        assertEquals(1, Bytes.u16LE(nrb.data(), nrb.offset()));
        assertEquals("dns", nrb.options().string(2, null));
        assertEquals(8, nrb.options().value(1)[0]);

        PacketRecord dsb = recs.get(7);
        assertEquals(0x0A, dsb.blockType());
        assertEquals(0x544c534b, Bytes.i32LE(dsb.data(), dsb.offset()));
        assertEquals(18, Bytes.i32LE(dsb.data(), dsb.offset() + 4));
        assertEquals(8 + 18, dsb.capturedLength());
        assertEquals("keys", dsb.options().string(1, null));

        assertEquals(0xBAD, recs.get(8).blockType());
        assertEquals(32473, Bytes.i32LE(recs.get(8).data(), recs.get(8).offset()));
        assertEquals(0x40000BAD, recs.get(9).blockType());
        assertEquals(0x80001234, recs.get(10).blockType());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, recs.get(10).payloadCopy());
        assertEquals(0x99, recs.get(11).blockType());
        assertEquals(0, recs.get(11).capturedLength());
        for (int i = 0; i < recs.size(); i++) {
            assertEquals(i, recs.get(i).recordIndex());
        }
    }

    @Test
    void bigEndianSectionGivesTheSameRecordsAsLittleEndian() throws Exception {
        Pcapng.Result le = Pcapng.read(richSection(new PcapngBuilder(), false));
        Pcapng.Result be = Pcapng.read(richSection(new PcapngBuilder(), true));
        assertTrue(be.sections.get(0).bigEndian());
        assertEquals(le.records.size(), be.records.size());
        for (int i = 0; i < le.records.size(); i++) {
            PacketRecord a = le.records.get(i);
            if (a.kind() == Kind.BLOCK && (a.blockType() == 0x80001234 || a.blockType() == 0xBAD
                    || a.blockType() == 0x40000BAD)) {
                continue; // unknown bodies stay raw; custom data after the PEN is the vendor's
            }
            Pcapng.assertSameRecord(a, be.records.get(i), "record " + i);
        }
        for (int i = 0; i < le.interfaces.size(); i++) {
            Pcapng.assertSameInterface(le.interfaces.get(i), be.interfaces.get(i), "if " + i);
        }
        // the custom block's PEN is made little-endian, its data is not touched
        PacketRecord cb = be.records.get(8);
        assertEquals(32473, Bytes.i32LE(cb.data(), cb.offset()));
    }

    @Test
    void sectionsOfDifferentByteOrderNumberInterfacesGlobally() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false).idb(1, 0).idb(1, 0).epb(1, 10, P1, 7).epb(0, 11, P1, 7);
        b.shb(true, 1, 2).idb(105, 0, u8(9, 3)).epb(0, 12_345, P2, 12).isb(0, 5);
        Pcapng.Result r = Pcapng.read(b.toByteArray());
        assertEquals(2, r.sections.size());
        assertFalse(r.sections.get(0).bigEndian());
        assertTrue(r.sections.get(1).bigEndian());
        assertEquals(2, r.sections.get(1).minorVersion());
        assertEquals(3, r.interfaces.size());
        assertEquals(1, r.interfaces.get(2).sectionIndex());
        List<PacketRecord> pk = r.packets();
        assertEquals(1, pk.get(0).interfaceId());
        assertEquals(0, pk.get(1).interfaceId());
        assertEquals(2, pk.get(2).interfaceId());
        assertEquals(1, pk.get(2).sectionIndex());
        assertEquals(12, pk.get(2).seconds());
        assertEquals(345_000_000, pk.get(2).nanos());
        PacketRecord isb = r.ofKind(Kind.BLOCK).get(0);
        assertEquals(2, isb.interfaceId());
        assertEquals(2, Bytes.i32LE(isb.data(), isb.offset()), "ISB body carries the global interface id");
    }

    @Test
    void hugeTimestampsAreExact() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        // dhcp_*endian.pcapng style: seconds in ts_high, microseconds in ts_low
        long oldNtar = (1_102_274_184L << 32) | 317_453_000L; // first EPB of dhcp_little_endian.pcapng
        b.shb(false).idb(1, 0).epb(0, oldNtar, P1, 7).epb(0, -1L, P1, 7);
        b.idb(1, 0, u8(9, 19)).epb(1, -1L, P1, 7);
        b.idb(1, 0, u8(9, 0x80 | 63)).epb(2, -1L, P1, 7);
        b.idb(1, 0, u8(9, 0)).epb(3, 1234, P1, 7);
        List<PacketRecord> pk = Pcapng.read(b.toByteArray()).packets();
        long sec = Long.divideUnsigned(oldNtar, 1_000_000);
        assertEquals(sec, pk.get(0).seconds());
        assertEquals(4_734_231_571_822L, sec); // tshark: 4734231571822.539464000
        assertEquals(539_464_000, pk.get(0).nanos());
        assertEquals(18_446_744_073_709L, pk.get(1).seconds()); // (2^64-1) µs
        assertEquals(551_615_000, pk.get(1).nanos());
        assertEquals(1, pk.get(2).seconds()); // (2^64-1) / 10^19 s
        assertEquals(844_674_407, pk.get(2).nanos());
        assertEquals(1, pk.get(3).seconds()); // (2^64-1) / 2^63
        assertEquals(999_999_999, pk.get(3).nanos());
        assertEquals(1234, pk.get(4).seconds());
        assertEquals(-1L, pk.get(1).rawTicks());
    }

    @Test
    void simplePacketBlockCaptureLengthRule() throws Exception {
        byte[] d12 = new byte[12];
        for (int i = 0; i < 12; i++) {
            d12[i] = (byte) i;
        }
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false).idb(1, 0).spb(10, d12).spb(100, d12);
        b.shb(false).idb(1, 8).spb(10, d12).spb(5, d12);
        List<PacketRecord> pk = Pcapng.read(b.toByteArray()).packets();
        assertEquals(10, pk.get(0).capturedLength()); // orig_len
        assertEquals(10, pk.get(0).originalLength());
        assertFalse(pk.get(0).hasTimestamp());
        assertEquals(12, pk.get(1).capturedLength()); // room in the block
        assertEquals(100, pk.get(1).originalLength());
        assertEquals(8, pk.get(2).capturedLength()); // snaplen of IDB 0
        assertEquals(1, pk.get(2).interfaceId());
        assertEquals(5, pk.get(3).capturedLength());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, pk.get(3).payloadCopy());
    }

    @Test
    void obsoletePacketBlockKeepsDropsAsAnOption() throws Exception {
        for (boolean be : new boolean[] {false, true}) {
            PcapngBuilder b = new PcapngBuilder();
            b.shb(be).idb(1, 0).idb(1, 0).pb(1, 3, 2_000_001L, P2, 80, u32(2, 1), str(1, "c"));
            PacketRecord p = Pcapng.read(b.toByteArray()).packets().get(0);
            assertEquals(1, p.interfaceId());
            assertEquals(2, p.seconds());
            assertEquals(1000, p.nanos());
            assertEquals(80, p.originalLength());
            assertArrayEquals(P2, p.payloadCopy());
            assertEquals(3, p.options().number(4), "drops_count as epb_dropcount");
            assertEquals(1, p.options().number(2), "pack_flags as epb_flags");
            assertEquals("c", p.options().string(1, null));
        }
    }

    @Test
    void optionsWithoutEndOfOptRunToTheBlockEnd() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        b.endOfOpt = false;
        b.shb(false, str(1, "abcd")).idb(1, 0, str(2, "x"), u8(9, 3)).epb(0, 1500, P1, 7, u32(2, 2));
        Pcapng.Result r = Pcapng.read(b.toByteArray());
        assertEquals("abcd", r.sections.get(0).options().string(1, null));
        assertEquals(3, r.interfaces.get(0).tsResolution());
        PacketRecord p = r.packets().get(0);
        assertEquals(1, p.seconds());
        assertEquals(500_000_000, p.nanos());
        assertEquals(2, p.options().number(2));
    }

    @Test
    void probeAcceptsBothByteOrdersAndShortFiles() {
        PcapngFormat f = new PcapngFormat();
        byte[] le = new PcapngBuilder().shb(false).toByteArray();
        byte[] be = new PcapngBuilder().shb(true).toByteArray();
        assertTrue(f.probe(le, le.length));
        assertTrue(f.probe(be, be.length));
        assertTrue(f.probe(le, 6));
        byte[] bad = le.clone();
        bad[9] = 0;
        assertFalse(f.probe(bad, bad.length));
        assertFalse(f.probe(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 0, 0, 0, 0, 0, 0, 0, 0}, 12));
        assertFalse(f.probe(le, 3));
        assertEquals(List.of("pcapng", "ntar"), f.extensions());
        assertTrue(f.writable());
    }

    @Test
    void largeFileIsReadWithoutCopyingPayloads() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false).idb(1, 0);
        byte[] data = new byte[1500];
        int n = 3000; // about 4.6 MB, more than the 1 MiB default Input buffer
        for (int i = 0; i < n; i++) {
            data[0] = (byte) i;
            data[1] = (byte) (i >> 8);
            b.epb(0, 1_000_000L * i + i, data, 1500);
        }
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("capmill", ".pcapng");
        try {
            java.nio.file.Files.write(tmp, b.toByteArray());
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp);
                    dev.capmill.format.CaptureReader r = new PcapngFormat().open(dev.capmill.io.Input.of("big", ch),
                            dev.capmill.format.ReadOptions.defaults())) {
                PacketRecord rec = new PacketRecord();
                int count = 0;
                while (r.next(rec)) {
                    if (!rec.isPacket()) {
                        continue;
                    }
                    assertEquals(count, (rec.data()[rec.offset()] & 0xFF) | (rec.data()[rec.offset() + 1] & 0xFF) << 8);
                    assertEquals(count, rec.seconds());
                    assertEquals(count * 1000, rec.nanos());
                    assertEquals(1500, rec.capturedLength());
                    count++;
                }
                assertEquals(n, count);
                assertEquals(java.nio.file.Files.size(tmp), r.position());
            }
        } finally {
            java.nio.file.Files.delete(tmp);
        }
    }
}
