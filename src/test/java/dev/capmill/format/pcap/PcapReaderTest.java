package dev.capmill.format.pcap;

import static org.junit.jupiter.api.Assertions.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapReaderTest {

    /** Everything a reader returned, and how it ended. */
    static final class Result {
        final List<PacketRecord> records = new ArrayList<>();
        final List<PacketRecord> packets = new ArrayList<>();
        PcapReader reader;
        IOException error;
        final Diagnostics diagnostics = new Diagnostics();
    }

    static Result read(byte[] file) {
        Result res = new Result();
        ReadOptions opts = new ReadOptions(ReadLimits.DEFAULT, false, res.diagnostics);
        try {
            res.reader = new PcapReader(Input.of("test.pcap", file), opts);
            PacketRecord r = new PacketRecord();
            while (res.reader.next(r)) {
                PacketRecord c = r.copy();
                res.records.add(c);
                if (c.isPacket()) {
                    res.packets.add(c);
                }
            }
        } catch (IOException e) {
            res.error = e;
        }
        return res;
    }

    static Result readOk(byte[] file) {
        Result r = read(file);
        if (r.error != null) {
            fail("unexpected " + r.error, r.error);
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void standardMicrosecondBothByteOrders(boolean bigEndian) {
        byte[] f = PcapBuilder.of(bigEndian).usec(65535, 1)
                .record(1_418_145_369L, 924_505, 60, 1)
                .record(1_418_145_370L, 52_027, 74, 2).bytes();
        Result r = readOk(f);
        assertEquals(bigEndian ? "pcap (big-endian)" : "pcap", r.reader.fileType());
        assertEquals(4, r.records.size());
        assertEquals(PacketRecord.Kind.SECTION, r.records.get(0).kind());
        assertEquals(PacketRecord.Kind.INTERFACE, r.records.get(1).kind());
        InterfaceInfo i = r.reader.interfaces().get(0);
        assertEquals(1, i.linkType());
        assertEquals(65535, i.snapLength());
        assertEquals(6, i.tsResolution());
        assertEquals(-1, i.fcsLength());
        assertEquals(bigEndian, r.reader.sections().get(0).bigEndian());
        assertEquals(2, r.reader.sections().get(0).majorVersion());
        assertEquals(4, r.reader.sections().get(0).minorVersion());
        PacketRecord p = r.packets.get(0);
        assertEquals(1_418_145_369L, p.seconds());
        assertEquals(924_505_000, p.nanos());
        assertEquals(60, p.capturedLength());
        assertEquals(60, p.originalLength());
        assertArrayEquals(PcapBuilder.data(60, 1), p.payloadCopy());
        assertEquals(24, p.fileOffset());
        assertEquals(2, p.recordIndex());
        PacketRecord q = r.packets.get(1);
        assertEquals(52_027_000, q.nanos());
        assertArrayEquals(PcapBuilder.data(74, 2), q.payloadCopy());
        assertEquals(24 + 16 + 60, q.fileOffset());
        assertEquals(0, q.interfaceId());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nanosecondBothByteOrders(boolean bigEndian) {
        byte[] f = PcapBuilder.of(bigEndian).nsec(262144, 113).record(1_544_488_577L, 179_996_123, 40, 7).bytes();
        Result r = readOk(f);
        assertEquals(bigEndian ? "pcap (nanosecond, big-endian)" : "pcap (nanosecond)", r.reader.fileType());
        assertEquals(9, r.reader.interfaces().get(0).tsResolution());
        assertEquals(113, r.reader.interfaces().get(0).linkType());
        assertEquals(179_996_123, r.packets.get(0).nanos());
    }

    @Test
    void payloadIsAViewIntoTheInputBuffer() throws IOException {
        byte[] f = PcapBuilder.le().usec(65535, 1).record(1, 2, 30, 5).bytes();
        Input in = Input.of("x", f);
        PcapReader reader = new PcapReader(in, ReadOptions.defaults());
        PacketRecord r = new PacketRecord();
        assertTrue(reader.next(r));
        assertTrue(reader.next(r));
        assertEquals(24, reader.position());
        assertTrue(reader.next(r));
        assertSame(in.buffer(), r.data());
        assertEquals(in.pos() - 30, r.offset());
        assertEquals(f.length, reader.position());
        assertFalse(reader.next(r));
        assertFalse(reader.next(r));
    }

    @Test
    void zeroPackets() {
        Result r = readOk(PcapBuilder.le().usec(65535, 1).bytes());
        assertEquals(2, r.records.size());
        assertTrue(r.packets.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void versionsBefore23SwapLengths(int minor) {
        byte[] f = PcapBuilder.le().header(PcapConstants.MAGIC_USEC, 2, minor, 65535, 1)
                .record(10, 0, 100, 60, 60, 0).bytes();
        Result r = readOk(f);
        assertEquals(60, r.packets.get(0).capturedLength());
        assertEquals(100, r.packets.get(0).originalLength());
    }

    @Test
    void dgux543SwapsLengths() {
        byte[] f = PcapBuilder.be().header(PcapConstants.MAGIC_USEC, 543, 0, 65535, 1)
                .record(10, 0, 1500, 64, 64, 0).bytes();
        Result r = readOk(f);
        assertEquals(64, r.packets.get(0).capturedLength());
        assertEquals(1500, r.packets.get(0).originalLength());
        assertTrue(r.diagnostics.isEmpty());
    }

    @Test
    void version23SwapsOnlyWhenCaplenIsBigger() {
        byte[] f = PcapBuilder.le().header(PcapConstants.MAGIC_USEC, 2, 3, 65535, 1)
                .record(10, 0, 100, 60, 60, 0)
                .record(11, 0, 50, 90, 50, 0).bytes();
        Result r = readOk(f);
        assertEquals(60, r.packets.get(0).capturedLength());
        assertEquals(100, r.packets.get(0).originalLength());
        assertEquals(50, r.packets.get(1).capturedLength());
        assertEquals(90, r.packets.get(1).originalLength());
    }

    @Test
    void version25IsReadWithAWarning() {
        byte[] f = PcapBuilder.le().header(PcapConstants.MAGIC_USEC, 2, 5, 65535, 1).record(10, 5, 60, 0).bytes();
        Result r = readOk(f);
        assertEquals(1, r.packets.size());
        assertEquals(1, r.diagnostics.lines().size());
        assertTrue(r.diagnostics.lines().get(0).contains("2.5"), r.diagnostics.lines().toString());
    }

    @Test
    void majorVersion1IsRefused() {
        Result r = read(PcapBuilder.le().header(PcapConstants.MAGIC_USEC, 1, 4, 65535, 1).record(1, 0, 10, 0).bytes());
        assertInstanceOf(CaptureException.Unsupported.class, r.error);
        assertTrue(r.error.getMessage().contains("major version 1 unsupported"), r.error.getMessage());
        assertNull(r.reader);
    }

    @Test
    void reservedLinkTypeBitsAreRefused() {
        Result r = read(PcapBuilder.le().usec(65535, 0x00300001).bytes());
        assertInstanceOf(CaptureException.Corrupt.class, r.error);
        assertEquals("pcap: network type reserved field not zero (0x00300000) at offset 0x14", r.error.getMessage());
    }

    @Test
    void fcsBitsGiveTheFcsLength() {
        // bit 26 set, 2 x 16 bits of FCS: 4 bytes
        Result r = readOk(PcapBuilder.le().usec(65535, 0x24000001).record(1, 0, 64, 0).bytes());
        InterfaceInfo i = r.reader.interfaces().get(0);
        assertEquals(1, i.linkType());
        assertEquals(4, i.fcsLength());
        // the length field without the "present" bit is ignored
        Result q = readOk(PcapBuilder.le().usec(65535, 0x20000001).bytes());
        assertEquals(-1, q.reader.interfaces().get(0).fcsLength());
        assertEquals(1, q.reader.interfaces().get(0).linkType());
    }

    @Test
    void microsecondFractionOfASecondOrMoreCarriesLikeTshark() {
        // the three fractions of tcpdump's timestamp_invalid_micro.pcap, and one that wraps to a negative value
        byte[] f = PcapBuilder.le().usec(65535, 1)
                .record(1_418_145_369L, 999_999, 10, 0)
                .record(1_418_145_370L, 1_000_000, 10, 0)
                .record(1_418_145_370L, 0x80000000L, 10, 0)
                .record(0, 0xFFFFFFFFL, 10, 0)
                .record(1000, 1_500_000, 10, 0).bytes();
        Result r = readOk(f);
        // tshark: 1418145369.999999000, 1418145370.1000000000 (= ...371.0), 1418145370.000000000
        assertEquals(1_418_145_369L, r.packets.get(0).seconds());
        assertEquals(999_999_000, r.packets.get(0).nanos());
        assertEquals(1_418_145_371L, r.packets.get(1).seconds());
        assertEquals(0, r.packets.get(1).nanos());
        assertEquals(1_418_145_370L, r.packets.get(2).seconds()); // 2^31 µs * 1000 wraps to 0 in 32 bits
        assertEquals(0, r.packets.get(2).nanos());
        // 4294967295 * 1000 wraps to -1000 ns: tshark shows "-0.000001000"
        assertEquals(-1, r.packets.get(3).seconds());
        assertEquals(999_999_000, r.packets.get(3).nanos());
        assertEquals(1001, r.packets.get(4).seconds());
        assertEquals(500_000_000, r.packets.get(4).nanos());
    }

    @Test
    void nanosecondFractionOfASecondOrMoreCarriesLikeTshark() {
        byte[] f = PcapBuilder.le().nsec(65535, 1)
                .record(1000, 1_500_000_000L, 10, 0)
                .record(1_418_145_370L, 0x80000000L, 10, 0).bytes();
        Result r = readOk(f);
        assertEquals(1001, r.packets.get(0).seconds());
        assertEquals(500_000_000, r.packets.get(0).nanos());
        // tshark: "-1418145370.2147483648", i.e. 1418145370 s - 2147483648 ns
        assertEquals(1_418_145_367L, r.packets.get(1).seconds());
        assertEquals(852_516_352, r.packets.get(1).nanos());
    }

    @Test
    void unsignedSecondsBeyond2038() {
        Result r = readOk(PcapBuilder.be().usec(65535, 1).record(0xFFFFFFFFL, 999_999, 10, 0).bytes());
        assertEquals(0xFFFFFFFFL, r.packets.get(0).seconds());
    }

    @Test
    void caplenAboveSnaplenAndOrigBelowCaplenAreKept() {
        byte[] f = PcapBuilder.le().usec(64, 1).record(5, 0, 100, 50, 100, 3).bytes();
        Result r = readOk(f);
        assertEquals(100, r.packets.get(0).capturedLength());
        assertEquals(50, r.packets.get(0).originalLength());
        assertArrayEquals(PcapBuilder.data(100, 3), r.packets.get(0).payloadCopy());
    }

    @Test
    void caplenOverTheLinkTypeMaximumIsCorruptBeforeReadingData() {
        // no data follows: the length check must come before any attempt to read (or size) the data
        // (nanosecond magic: no variant guess to be misled by the bogus record)
        byte[] f = PcapBuilder.le().nsec(65535, 1).record(1, 0, 10, 0).record(1, 0, 262_145, 262_145, 0, 0).bytes();
        Result r = read(f);
        assertEquals(1, r.packets.size());
        assertInstanceOf(CaptureException.Corrupt.class, r.error);
        assertEquals("pcap: File has 262145-byte packet, bigger than maximum of 262144 at offset 0x32", r.error.getMessage());
        assertEquals(3, ((CaptureException) r.error).recordIndex());
    }

    @Test
    void largeLinkTypesHaveLargerLimits() {
        // USBPcap: 128 MiB allowed; a 300000-byte packet is fine
        byte[] f = PcapBuilder.le().usec(65535, 249).record(1, 0, 300_000, 300_000, 300_000, 0).bytes();
        assertEquals(300_000, readOk(f).packets.get(0).capturedLength());
        byte[] g = PcapBuilder.le().nsec(65535, 279).record(1, 0, 8 * 1024 * 1024 + 1, 10, 0, 0).bytes();
        Result r = read(g);
        assertInstanceOf(CaptureException.Corrupt.class, r.error);
        assertTrue(r.error.getMessage().contains("bigger than maximum of 8388608"));
    }

    @Test
    void lengthsZeroAndAllOnes() {
        byte[] f = PcapBuilder.le().nsec(65535, 1).record(1, 0, 0, 0, 0, 0).record(2, 0, 0, 0xFFFFFFFFL, 0, 0).bytes();
        Result r = readOk(f);
        assertEquals(0, r.packets.get(0).capturedLength());
        assertEquals(0xFFFFFFFFL, r.packets.get(1).originalLength());
        Result q = read(PcapBuilder.le().nsec(0xFFFFFFFFL, 1).record(1, 0, 0xFFFFFFFFL, 0xFFFFFFFFL, 0, 0).bytes());
        assertEquals(0xFFFFFFFFL, q.reader.interfaces().get(0).snapLength());
        assertInstanceOf(CaptureException.Corrupt.class, q.error);
        assertTrue(q.error.getMessage().contains("File has 4294967295-byte packet"));
    }

    @Test
    void shortFiles() {
        byte[] hdr = PcapBuilder.le().usec(65535, 1).bytes();
        for (int n = 4; n < 24; n++) {
            Result r = read(java.util.Arrays.copyOf(hdr, n));
            assertInstanceOf(CaptureException.Truncated.class, r.error, "length " + n);
        }
        assertFalse(new PcapFormat().probe(hdr, 3));
        assertTrue(new PcapFormat().probe(hdr, 4));
    }

    @Test
    void probeKnowsEveryMagicInBothOrders() {
        PcapFormat fmt = new PcapFormat();
        for (int m : new int[] {0xA1B2C3D4, 0xA1B23C4D, 0xA1B2CD34, 0x1C0001AC, 0x1C0001AB}) {
            assertTrue(fmt.probe(PcapBuilder.le().u32(m).bytes(), 4));
            assertTrue(fmt.probe(PcapBuilder.be().u32(m).bytes(), 4));
        }
        assertFalse(fmt.probe(PcapBuilder.le().u32(0x0A0D0D0A).bytes(), 4)); // pcapng
        assertFalse(fmt.probe(PcapBuilder.le().u32(0xA12B3C4D).bytes(), 4)); // NAVTEL: nobody reads it
        assertFalse(fmt.probe(PcapBuilder.le().u32(0xA1B2C3CB).bytes(), 4)); // cbpf savefile
        assertEquals("pcap", fmt.id());
        assertEquals(List.of("pcap", "cap", "dmp"), fmt.extensions());
        assertTrue(fmt.writable());
    }

    // ---- variants ----

    /** Three SLL-like records with given extra header bytes. */
    private static byte[] variantFile(int magic, boolean bigEndian, byte[] extra) {
        return PcapBuilder.of(bigEndian).header(magic, 2, 4, 262144, 113).extra(extra)
                .record(1_418_145_369L, 924_505, 76, 11)
                .record(1_418_145_370L, 52_027, 76, 22)
                .record(1_418_145_370L, 52_115, 68, 33).bytes();
    }

    private static void assertThreePackets(Result r) {
        assertEquals(3, r.packets.size());
        assertEquals(924_505_000, r.packets.get(0).nanos());
        assertEquals(1_418_145_370L, r.packets.get(2).seconds());
        assertEquals(52_115_000, r.packets.get(2).nanos());
        assertArrayEquals(PcapBuilder.data(76, 22), r.packets.get(1).payloadCopy());
        assertArrayEquals(PcapBuilder.data(68, 33), r.packets.get(2).payloadCopy());
        assertEquals(68, r.packets.get(2).originalLength());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void modifiedSs991029(boolean bigEndian) {
        Result r = readOk(variantFile(PcapConstants.MAGIC_MODIFIED, bigEndian, new byte[] {0, 0, 0, 2, 8, 0, 0, 0}));
        assertEquals(PcapReader.Variant.SS991029, r.reader.variant());
        assertEquals(bigEndian ? "pcap (modified ss991029, big-endian)" : "pcap (modified ss991029)", r.reader.fileType());
        assertThreePackets(r);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void modifiedSs990915(boolean bigEndian) {
        Result r = readOk(variantFile(PcapConstants.MAGIC_MODIFIED, bigEndian, new byte[12]));
        assertEquals(PcapReader.Variant.SS990915, r.reader.variant());
        assertEquals(bigEndian ? "pcap (modified ss990915, big-endian)" : "pcap (modified ss990915)", r.reader.fileType());
        assertThreePackets(r);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void redHat61Ss990417(boolean bigEndian) {
        Result r = readOk(variantFile(PcapConstants.MAGIC_USEC, bigEndian, new byte[8]));
        assertEquals(PcapReader.Variant.SS990417, r.reader.variant());
        assertEquals(bigEndian ? "pcap (Red Hat 6.1 ss990417, big-endian)" : "pcap (Red Hat 6.1 ss990417)",
                r.reader.fileType());
        assertThreePackets(r);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nokia(boolean bigEndian) {
        // a value of the form Wireshark has seen (0xXfbfYZ0W), in the file's byte order
        byte[] stuff = java.nio.ByteBuffer.allocate(4)
                .order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(0x9fbfb601).array();
        Result r = readOk(variantFile(PcapConstants.MAGIC_USEC, bigEndian, stuff));
        assertEquals(PcapReader.Variant.NOKIA, r.reader.variant());
        assertEquals(bigEndian ? "pcap (Nokia, big-endian)" : "pcap (Nokia)", r.reader.fileType());
        assertThreePackets(r);
    }

    @Test
    void standardWinsWhenItsRecordsLookRight() {
        Result r = readOk(variantFile(PcapConstants.MAGIC_USEC, false, new byte[0]));
        assertEquals(PcapReader.Variant.STANDARD, r.reader.variant());
        assertThreePackets(r);
    }

    @Test
    void aixVersion22MapsIfTypesAndReadsNanoseconds() {
        byte[] f = PcapBuilder.be().header(PcapConstants.MAGIC_USEC, 2, 2, 1514, 6)
                .record(1000, 123_456_789, 60, 60, 60, 1).bytes();
        Result r = readOk(f);
        assertEquals(PcapReader.Variant.AIX, r.reader.variant());
        assertEquals("pcap (AIX, big-endian)", r.reader.fileType());
        assertEquals(1, r.reader.interfaces().get(0).linkType()); // ifType 6 = Ethernet
        assertEquals(9, r.reader.interfaces().get(0).tsResolution());
        assertEquals(123_456_789, r.packets.get(0).nanos());
    }

    @Test
    void aixFddiDropsThreeBytesOfPadding() {
        byte[] f = PcapBuilder.le().header(PcapConstants.MAGIC_USEC, 2, 2, 4500, 15)
                .record(1000, 0, 23, 23, 23, 0).bytes();
        Result r = readOk(f);
        assertEquals(10, r.reader.interfaces().get(0).linkType());
        assertEquals(20, r.packets.get(0).capturedLength());
        assertEquals(20, r.packets.get(0).originalLength());
        assertArrayEquals(PcapBuilder.data(20, 3), r.packets.get(0).payloadCopy());
    }

    @Test
    void version22WithAnOrdinaryLinkTypeIsNotAix() {
        Result r = readOk(PcapBuilder.le().header(PcapConstants.MAGIC_USEC, 2, 2, 65535, 1).record(1, 5, 10, 0).bytes());
        assertEquals(PcapReader.Variant.STANDARD, r.reader.variant());
        assertEquals(5000, r.packets.get(0).nanos());
    }

    @Test
    void nanosecondMagicWithOldVersionIsReadAsMicroseconds() {
        Result r = readOk(PcapBuilder.le().header(PcapConstants.MAGIC_NSEC, 2, 2, 65535, 1).record(1, 5, 10, 0).bytes());
        assertEquals(5000, r.packets.get(0).nanos());
        assertFalse(r.diagnostics.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ixiaLcap(boolean hardware) {
        int magic = hardware ? PcapConstants.MAGIC_IXIA_HW : PcapConstants.MAGIC_IXIA_SW;
        byte[] f = PcapBuilder.le().header(magic, 2, 4, 65535, 1).u32(16 + 10).record(7, 999, 10, 4).bytes();
        Result r = readOk(f);
        assertEquals(hardware ? 999 : 999_000, r.packets.get(0).nanos());
        assertArrayEquals(PcapBuilder.data(10, 4), r.packets.get(0).payloadCopy());
        assertTrue(r.reader.fileType().contains("Ixia"), r.reader.fileType());
    }

    @Test
    void standardMagicGuessBreaksTiesTowardsStandard() {
        // Two zero-length records, the second with a 4 GiB original length: standard scores 1
        // (len > 128 MiB), ss990417 and Nokia 1 each (their second header is cut short); the
        // first of equals wins. capinfos 4.0.17 says "Wireshark/tcpdump/... - pcap" for this file.
        byte[] f = PcapBuilder.le().usec(65535, 1).record(1, 0, 0, 0, 0, 0).record(2, 0, 0, 0xFFFFFFFFL, 0, 0).bytes();
        Result r = readOk(f);
        assertEquals(PcapReader.Variant.STANDARD, r.reader.variant());
        assertEquals(0xFFFFFFFFL, r.packets.get(1).originalLength());
    }

    @Test
    void notPcap() {
        Result r = read(new byte[24]);
        assertInstanceOf(CaptureException.UnknownFormat.class, r.error);
    }
}
