package dev.capmill.format.sniffer;

import static org.junit.jupiter.api.Assertions.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnifferReaderTest {
    static final long MIDNIGHT_2020_03_14 = LocalDate.of(2020, 3, 14).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    static final byte[] ETH = eth(60);

    static byte[] eth(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    /** Everything a reading produced: records (copied), interfaces, and the error that ended it. */
    static final class Result {
        final List<PacketRecord> records = new ArrayList<>();
        final List<PacketRecord> packets = new ArrayList<>();
        List<InterfaceInfo> interfaces = List.of();
        SnifferReader reader;
        CaptureException error;
        long skipped;
    }

    static Result read(byte[] file, ZoneId zone) {
        Result res = new Result();
        ReadOptions o = new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics(), zone);
        try (SnifferReader r = new SnifferReader(Input.of("test", file), o)) {
            res.reader = r;
            PacketRecord rec = new PacketRecord();
            int guard = 0;
            while (r.next(rec)) {
                res.records.add(rec.copy());
                if (rec.isPacket()) {
                    res.packets.add(rec.copy());
                    assertTrue(rec.interfaceId() < r.interfaces().size(), "packet before its interface");
                }
                assertTrue(++guard < 100_000, "no end");
            }
            res.interfaces = List.copyOf(r.interfaces());
            res.skipped = r.skipped();
        } catch (CaptureException e) {
            res.error = e;
        } catch (IOException e) {
            fail("not a CaptureException: " + e);
        }
        return res;
    }

    static Result read(byte[] file) {
        return read(file, ZoneOffset.UTC);
    }

    static Result readOk(byte[] file) {
        Result r = read(file);
        assertNull(r.error, () -> "unexpected " + r.error);
        return r;
    }

    @Test
    void frame2EthernetWithTimeLengthsAndEof() {
        SnifferBuilder b = new SnifferBuilder();
        b.frame2(1_000_000L, 0, 0, 0, ETH, 0).frame2(0x12_3456_789AL, 2, 0, 1514, ETH, 0).eof();
        Result r = readOk(b.build());
        assertEquals(PacketRecord.Kind.SECTION, r.records.get(0).kind());
        assertEquals(PacketRecord.Kind.INTERFACE, r.records.get(1).kind());
        assertEquals(2, r.packets.size());
        assertEquals(1, r.interfaces.size());
        assertEquals(LinkType.ETHERNET, r.interfaces.get(0).linkType());
        assertEquals(9, r.interfaces.get(0).tsResolution());
        assertEquals(0, r.interfaces.get(0).fcsLength());
        PacketRecord p0 = r.packets.get(0);
        // 1e6 ticks of 0.838096 µs = 0.838096 s
        assertEquals(MIDNIGHT_2020_03_14, p0.seconds());
        assertEquals(838_096_000, p0.nanos());
        assertEquals(60, p0.capturedLength());
        assertEquals(60, p0.originalLength());
        assertArrayEquals(ETH, p0.payloadCopy());
        PacketRecord p1 = r.packets.get(1);
        long ps = 0x12_3456_789AL * 838_096L;
        assertEquals(MIDNIGHT_2020_03_14 + 2 * 86400 + ps / 1_000_000_000_000L, p1.seconds());
        assertEquals((ps % 1_000_000_000_000L) / 1000, p1.nanos());
        assertEquals(1514, p1.originalLength(), "true_size is the length on the wire");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void everyTimeUnit(int unit) {
        long[] psPerTick = {15_000_000L, 838_096L, 15_000_000L, 500_000L, 2_000_000L, 1_000_000L, 100_000L};
        SnifferBuilder b = new SnifferBuilder();
        b.timeunit = unit;
        long ticks = 0xFF_FFFF_FFFFL; // the largest 40-bit count: ps overflows a signed long for 15 µs units
        b.frame2(ticks, ETH).frame2(12_345, ETH);
        Result r = readOk(b.build());
        java.math.BigInteger ps = java.math.BigInteger.valueOf(ticks).multiply(java.math.BigInteger.valueOf(psPerTick[unit]));
        java.math.BigInteger[] qr = ps.divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000_000L));
        assertEquals(MIDNIGHT_2020_03_14 + qr[0].longValue(), r.packets.get(0).seconds());
        assertEquals(qr[1].longValue() / 1000, r.packets.get(0).nanos());
        long ps2 = 12_345L * psPerTick[unit];
        assertEquals(MIDNIGHT_2020_03_14 + ps2 / 1_000_000_000_000L, r.packets.get(1).seconds());
        assertEquals((ps2 % 1_000_000_000_000L) / 1000, r.packets.get(1).nanos());
    }

    @Test
    void timeUnitSevenIsUnsupported() {
        SnifferBuilder b = new SnifferBuilder();
        b.timeunit = 7;
        assertInstanceOf(CaptureException.Unsupported.class, read(b.frame2(1, ETH).build()).error);
    }

    @Test
    void localDateFollowsTheZoneOption() {
        SnifferBuilder b = new SnifferBuilder().frame2(0, ETH);
        long utc = readOk(b.build()).packets.get(0).seconds();
        Result ny = read(b.build(), ZoneId.of("America/New_York"));
        assertEquals(utc + 4 * 3600, ny.packets.get(0).seconds(), "2020-03-14 is in EDT (UTC-4)");
        Result tokyo = read(b.build(), ZoneId.of("Asia/Tokyo"));
        assertEquals(utc - 9 * 3600, tokyo.packets.get(0).seconds());
    }

    @Test
    void dayCounterWrapsAfter256DaysAsStored() {
        // day 255 is the last the u8 can say; a capture 300 days long reads back 256 days early
        SnifferBuilder b = new SnifferBuilder().frame2(0, 255, 0, 0, ETH, 0).frame2(0, 300 & 0xFF, 0, 0, ETH, 0);
        Result r = readOk(b.build());
        assertEquals(MIDNIGHT_2020_03_14 + 255L * 86400, r.packets.get(0).seconds());
        assertEquals(MIDNIGHT_2020_03_14 + 44L * 86400, r.packets.get(1).seconds());
    }

    @Test
    void dosDateOutOfRangeRollsOverLikeMktime() {
        assertEquals(LocalDate.of(2019, 12, 31).atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                SnifferReader.startOfDay(SnifferBuilder.dosDate(2020, 1, 0), ZoneOffset.UTC));
        assertEquals(LocalDate.of(2019, 12, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                SnifferReader.startOfDay(SnifferBuilder.dosDate(2020, 0, 1), ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 9})
    void lanNetworkTypes(int network) {
        int[] expected = {LinkType.IEEE802_5, LinkType.ETHERNET, LinkType.ARCNET_BSD, -1, -1, -1, -1, -1, -1, LinkType.FDDI};
        SnifferBuilder b = new SnifferBuilder();
        b.network = network;
        Result r = readOk(b.frame2(5, ETH).build());
        assertEquals(expected[network], r.interfaces.get(0).linkType());
        assertArrayEquals(ETH, r.packets.get(0).payloadCopy(), "bytes as stored (FDDI not bit-swapped)");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 11, 255})
    void unsupportedNetworkTypes(int network) {
        SnifferBuilder b = new SnifferBuilder();
        b.network = network;
        CaptureException e = read(b.frame2(5, ETH).build()).error;
        assertInstanceOf(CaptureException.Unsupported.class, e);
        assertTrue(e.getMessage().contains("network type " + network), e.getMessage());
    }

    @Test
    void wanFramesGetAnInterfacePerInferredLinkType() {
        byte[] ppp = {(byte) 0xFF, 0x03, 0x00, 0x21, 0x45};
        byte[] chdlc = {0x0F, 0x00, 0x08, 0x00, 0x45};
        byte[] fr = {0x18, 0x41, 0x03, (byte) 0xCC, 0x45};
        byte[] wellfleet = {0x07, 0x03, 0x00};
        SnifferBuilder b = new SnifferBuilder();
        b.network = SnifferConstants.NET_SYNCHRO;
        b.frame2(1, 0, SnifferConstants.FS_WAN_DTE, 0, ppp, 0).frame2(2, 0, 0, 0, chdlc, 0)
                .frame2(3, 0, 0, 0, ppp, 0).frame2(4, 0, 0, 0, fr, 0).frame2(5, 0, 0, 0, wellfleet, 0);
        Result r = readOk(b.build());
        assertEquals(4, r.packets.size());
        assertEquals(1, r.skipped, "Wellfleet HDLC has no pcap link type");
        assertEquals(List.of(LinkType.PPP_WITH_DIR, LinkType.C_HDLC, LinkType.FRELAY),
                r.interfaces.stream().map(InterfaceInfo::linkType).toList());
        // interface records come right before the first packet of each link type
        List<PacketRecord.Kind> kinds = r.records.stream().map(PacketRecord::kind).toList();
        assertEquals(List.of(PacketRecord.Kind.SECTION, PacketRecord.Kind.INTERFACE, PacketRecord.Kind.PACKET,
                PacketRecord.Kind.INTERFACE, PacketRecord.Kind.PACKET, PacketRecord.Kind.PACKET,
                PacketRecord.Kind.INTERFACE, PacketRecord.Kind.PACKET), kinds);
        PacketRecord sent = r.packets.get(0);
        assertEquals(6, sent.capturedLength());
        assertEquals(1, sent.data()[sent.offset()], "DTE→DCE is 'sent'");
        assertEquals(6, sent.originalLength());
        PacketRecord received = r.packets.get(2);
        assertEquals(0, received.data()[received.offset()]);
        assertArrayEquals(chdlc, r.packets.get(1).payloadCopy());
    }

    @Test
    void wanSubtypeFromHeader2AndVersionRules() {
        byte[] body = {0, 0, 0, 0, SnifferConstants.WAN_PPP, 0, 0};
        SnifferBuilder b = new SnifferBuilder();
        b.network = SnifferConstants.NET_ASYNC;
        b.header(SnifferConstants.REC_HEADER2, body).header(SnifferConstants.REC_HEADER1, new byte[30]);
        byte[] lapbLooking = {0x01, 0x3F};
        Result r = readOk(b.frame2(1, lapbLooking).build());
        assertEquals(LinkType.PPP_WITH_DIR, r.interfaces.get(0).linkType(), "subtype wins over the frame's look");

        SnifferBuilder v2 = new SnifferBuilder();
        v2.major = 2;
        v2.network = SnifferConstants.NET_SYNCHRO;
        v2.header(SnifferConstants.REC_HEADER2, "HDLC\nX.25\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .header(SnifferConstants.REC_V2DESC, "a description".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Result r2 = readOk(v2.frame2(1, new byte[] {(byte) 0xFF, 3}).build());
        assertEquals(207, r2.interfaces.get(0).linkType(), "v2 HDLC/X.25 is LAPB whatever the bytes");

        SnifferBuilder v3 = new SnifferBuilder();
        v3.major = 3;
        v3.network = SnifferConstants.NET_SYNCHRO;
        assertEquals(LinkType.FRELAY, readOk(v3.frame2(1, new byte[] {(byte) 0xFF, 3}).build()).interfaces.get(0).linkType());

        SnifferBuilder isdn = new SnifferBuilder();
        isdn.major = 1;
        isdn.rsvd0 = 2;
        isdn.network = SnifferConstants.NET_SYNCHRO;
        Result ri = readOk(isdn.frame2(1, ETH).frame2(2, ETH).build());
        assertEquals(0, ri.packets.size());
        assertEquals(2, ri.skipped, "ISDN has no pcap link type: counted skips");

        SnifferBuilder bad = new SnifferBuilder();
        bad.network = SnifferConstants.NET_SYNCHRO;
        bad.header(SnifferConstants.REC_HEADER2, new byte[] {0, 0, 0, 0, 5});
        assertInstanceOf(CaptureException.Unsupported.class, read(bad.frame2(1, ETH).build()).error);
    }

    @Test
    void atmFrame4GetsASunAtmHeader() {
        SnifferBuilder b = new SnifferBuilder();
        b.network = SnifferConstants.NET_ATM;
        b.major = 5;
        b.frame4(1, 0x13, 1, 0x0123, 0, ETH, SnifferConstants.FRAME4_LEN); // AAL5, LLC multiplexed
        b.minor = 0;
        Result r = readOk(b.build());
        assertEquals(LinkType.SUNATM, r.interfaces.get(0).linkType());
        PacketRecord p = r.packets.get(0);
        byte[] d = p.payloadCopy();
        assertEquals(64, d.length);
        assertEquals((byte) 0x82, d[0], "from the DCE (channel 0), LLC");
        assertEquals(1, d[1]);
        assertEquals(0x01, d[2]);
        assertEquals(0x23, d[3]);
        assertArrayEquals(ETH, Arrays.copyOfRange(d, 4, 64));
        // frame2 in an ATM file, and frame4 elsewhere, are errors
        SnifferBuilder wrong = new SnifferBuilder();
        wrong.network = SnifferConstants.NET_ATM;
        assertInstanceOf(CaptureException.Corrupt.class, read(wrong.frame2(1, ETH).build()).error);
        SnifferBuilder wrong4 = new SnifferBuilder();
        assertInstanceOf(CaptureException.Corrupt.class,
                read(wrong4.frame4(1, 0, 0, 0, 0, ETH, SnifferConstants.FRAME4_LEN).build()).error);
    }

    @Test
    void frame4LengthQuirkOfOldVersions() {
        SnifferBuilder b = new SnifferBuilder();
        b.network = SnifferConstants.NET_ATM;
        b.major = 4;
        b.minor = 95;
        // length counted as if the header were a frame2's: 34 bytes of the record are left over
        b.frame4(1, 0, 0, 5, 1, ETH, SnifferConstants.FRAME2_LEN);
        b.frame4(2, 0, 0, 5, 1, ETH, SnifferConstants.FRAME2_LEN);
        Result r = readOk(b.build());
        assertEquals(2, r.packets.size());
        assertEquals((byte) 0x06, r.packets.get(0).payloadCopy()[0], "VPI 0/VCI 5 with unknown AAL is signalling, channel 1");
    }

    @Test
    void frame6PaddingUnknownRecordsAndEofWithTrailingData() {
        SnifferBuilder b = new SnifferBuilder();
        b.frame2(1, 0, 0, 0, ETH, 7).raw(99, 5, new byte[5]).frame6(2, ETH).eof().frame2(3, ETH);
        Result r = readOk(b.build());
        assertEquals(2, r.packets.size(), "REC_EOF ends the file");
        assertEquals(2, r.interfaces.size(), "frame6 Ethernet has an unknown FCS length: its own interface");
        assertEquals(-1, r.interfaces.get(1).fcsLength());
        assertArrayEquals(ETH, r.packets.get(1).payloadCopy());
    }

    @Test
    void headerRecordsAreSkipped() {
        SnifferBuilder b = new SnifferBuilder();
        b.header(SnifferConstants.REC_HEADER1, new byte[100]).header(SnifferConstants.REC_HEADER7, new byte[3]);
        Result r = readOk(b.frame2(9, ETH).build());
        assertEquals(1, r.packets.size());
    }

    @Test
    void versionRecordMustComeFirst() {
        byte[] f = new SnifferBuilder().frame2(1, ETH).build();
        f[SnifferConstants.MAGIC.length] = 2;
        CaptureException e = read(f).error;
        assertInstanceOf(CaptureException.Corrupt.class, e);
        assertTrue(e.getMessage().startsWith("ngsniffer: Sniffer file doesn't start with a version record"), e.getMessage());
    }

    @Test
    void sizeBeyondTheRecordAndShortRecordsAreCorrupt() {
        SnifferBuilder b = new SnifferBuilder();
        byte[] h = new byte[SnifferConstants.FRAME2_LEN];
        SnifferBuilder.le16(h, SnifferConstants.F_SIZE, 100);
        byte[] body = Arrays.copyOf(h, h.length + 100);
        b.raw(SnifferConstants.REC_FRAME2, SnifferConstants.FRAME2_LEN + 50, body);
        CaptureException e = read(b.build()).error;
        assertInstanceOf(CaptureException.Corrupt.class, e);
        assertTrue(e.getMessage().contains("Record length is less than packet size"), e.getMessage());
        SnifferBuilder s = new SnifferBuilder().raw(SnifferConstants.REC_FRAME2, 3, new byte[SnifferConstants.FRAME2_LEN]);
        assertInstanceOf(CaptureException.Corrupt.class, read(s.build()).error);
    }

    @Test
    void truncationAtEveryByte() {
        SnifferBuilder b = new SnifferBuilder();
        b.header(SnifferConstants.REC_HEADER1, new byte[4]);
        b.frame2(1, ETH).frame2(2, 0, 0, 0, eth(20), 3).frame6(3, eth(10));
        byte[] full = b.build();
        int whole = readOk(full).packets.size();
        assertEquals(3, whole);
        for (int n = 0; n < full.length; n++) {
            Result r = read(Arrays.copyOf(full, n));
            assertTrue(r.packets.size() <= whole);
            if (n < 41) {
                assertNotNull(r.error, "prefix " + n);
            }
        }
    }

    @Test
    void truncationAtEveryByteOfACompressedFile() {
        SnifferBuilder b = new SnifferBuilder();
        for (int i = 0; i < 12; i++) {
            b.frame2(i * 1000L, eth(40 + i));
        }
        byte[] full = b.buildCompressed(150, 3);
        assertEquals(12, readOk(full).packets.size());
        for (int n = 0; n < full.length; n++) {
            Result r = read(Arrays.copyOf(full, n));
            assertTrue(r.packets.size() <= 12);
        }
    }

    @Test
    void compressedFileReadsAsTheUncompressedOne() {
        SnifferBuilder b = new SnifferBuilder();
        Random rnd = new Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] d = new byte[60 + rnd.nextInt(1400)];
            // compressible: runs, repeats and noise
            for (int j = 0; j < d.length; j++) {
                d[j] = (byte) (j % 50 < 20 ? 0 : j % 50 < 35 ? (j % 7) : rnd.nextInt(4));
            }
            b.frame2(i * 12_345L, 0, 0, 0, d, i % 3);
        }
        b.eof();
        Result plain = readOk(b.build());
        for (int[] cfg : new int[][] {{700, 4}, {16000, 0}, {1, 0}, {333, 1}}) {
            byte[] comp = b.buildCompressed(cfg[0], cfg[1]);
            Result c = readOk(comp);
            assertTrue(c.reader.compressed());
            assertEquals(plain.packets.size(), c.packets.size());
            for (int i = 0; i < plain.packets.size(); i++) {
                PacketRecord x = plain.packets.get(i);
                PacketRecord y = c.packets.get(i);
                assertArrayEquals(x.payloadCopy(), y.payloadCopy(), "packet " + i);
                assertEquals(x.seconds(), y.seconds());
                assertEquals(x.nanos(), y.nanos());
            }
        }
    }

    @Test
    void everyTokenKindDecodes() throws Exception {
        byte[] out = new byte[SnifferConstants.MAX_BLOB_OUTPUT];
        // flags 0b0111_1000_0000_0000: literal 'a', run(kind 0), run(kind 1), copy(kind 2), copy(kind 4), then literals
        byte[] blob = {
            (byte) 0x00, (byte) 0x78, // flag word, little-endian: 0x7800
            'a',                      // literal
            0x02, 'b',                // kind 0: 5 x 'b'
            0x11, 0x01, 'c',          // kind 1: 1 + 16 + 19 = 36 x 'c'
            0x2F, 0x01, 0x04,         // kind 2: back 15 + 16 + 3 = 34, length 4 + 16 = 20
            0x40, 0x00,               // kind 4: back 3, length 4? (back 3 < length 4: overlap) -> replaced below
            'z',
        };
        blob[11] = 0x30; // kind 3: back 3, length 3
        int n = SnifferBlobStream.decompress(blob, 0, blob.length, out);
        byte[] want = new byte[1 + 5 + 36 + 20 + 3 + 1];
        int p = 0;
        want[p++] = 'a';
        for (int i = 0; i < 5; i++) {
            want[p++] = 'b';
        }
        for (int i = 0; i < 36; i++) {
            want[p++] = 'c';
        }
        System.arraycopy(want, p - 34, want, p, 20);
        p += 20;
        System.arraycopy(want, p - 3, want, p, 3);
        p += 3;
        want[p++] = 'z';
        assertEquals(want.length, n);
        assertArrayEquals(want, Arrays.copyOf(out, n));
    }

    @Test
    void hostileBlobs() {
        byte[] out = new byte[SnifferConstants.MAX_BLOB_OUTPUT];
        // back-reference before the start
        assertThrows(SnifferBlobStream.BlobException.class,
                () -> SnifferBlobStream.decompress(new byte[] {0x00, (byte) 0x80, 0x30, 0x00}, 0, 4, out));
        // overlapping copy (back 3, length 5)
        assertThrows(SnifferBlobStream.BlobException.class, () -> SnifferBlobStream.decompress(
                new byte[] {0x00, 0x08, 'a', 'b', 'c', 'd', 0x50, 0x00}, 0, 8, out));
        // a code cut short
        assertThrows(SnifferBlobStream.BlobException.class,
                () -> SnifferBlobStream.decompress(new byte[] {0x00, (byte) 0x80, 0x10}, 0, 3, out));
        // a flag word with nothing after it
        assertThrows(SnifferBlobStream.BlobException.class,
                () -> SnifferBlobStream.decompress(new byte[] {'a', 0x00}, 0, 2, out));
        // runs that expand past 64 KiB: 16 kind-1 runs of 4114 bytes
        byte[] bomb = new byte[2 + 16 * 3];
        bomb[0] = (byte) 0xFF;
        bomb[1] = (byte) 0xFF;
        for (int i = 0; i < 16; i++) {
            bomb[2 + i * 3] = 0x1F;
            bomb[3 + i * 3] = (byte) 0xFF;
            bomb[4 + i * 3] = 'x';
        }
        SnifferBlobStream.BlobException e = assertThrows(SnifferBlobStream.BlobException.class,
                () -> SnifferBlobStream.decompress(bomb, 0, bomb.length, out));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());

        // in a file: a clear Corrupt error after the packets before it
        SnifferBuilder b = new SnifferBuilder().frame2(1, ETH);
        byte[] good = b.buildCompressed(10_000, 0);
        byte[] file = Arrays.copyOf(good, good.length + 2 + bomb.length);
        file[good.length] = (byte) bomb.length;
        System.arraycopy(bomb, 0, file, good.length + 2, bomb.length);
        Result r = read(file);
        assertEquals(1, r.packets.size());
        assertInstanceOf(CaptureException.Corrupt.class, r.error);
        assertTrue(r.error.getMessage().startsWith("ngsniffer: compressed blob 1: "), r.error.getMessage());
    }

    @Test
    void foundByContent() throws IOException {
        byte[] f = new SnifferBuilder().frame2(1, ETH).build();
        assertEquals("ngsniffer", FormatRegistry.standard().detect(Input.of("x", f)).id());
        assertFalse(new SnifferFormat().probe(Arrays.copyOf(f, 16), 16));
    }
}
