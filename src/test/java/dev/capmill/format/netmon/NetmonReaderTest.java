package dev.capmill.format.netmon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.io.Sources;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetmonReaderTest {
    /** The builder's default header start: 2004-12-05 19:16:24.317 read as UTC. */
    static final long START = LocalDateTime.of(2004, 12, 5, 19, 16, 24).toEpochSecond(ZoneOffset.UTC);

    @TempDir
    Path tmp;

    /** Every record a reader returns, copied. */
    static List<PacketRecord> readAll(CaptureReader r) throws IOException {
        List<PacketRecord> out = new ArrayList<>();
        PacketRecord rec = new PacketRecord();
        while (r.next(rec)) {
            out.add(rec.copy());
        }
        return out;
    }

    static NetmonReader open(byte[] file, ReadOptions o) throws IOException {
        return new NetmonReader(Input.of("test.cap", file), o);
    }

    static List<PacketRecord> read(byte[] file) throws IOException {
        try (NetmonReader r = open(file, ReadOptions.defaults())) {
            return readAll(r);
        }
    }

    static List<PacketRecord> packets(List<PacketRecord> all) {
        return all.stream().filter(PacketRecord::isPacket).toList();
    }

    @Test
    void probesByMagicOnly() {
        NetmonFormat f = new NetmonFormat();
        assertTrue(f.probe("RTSS".getBytes(StandardCharsets.ISO_8859_1), 4));
        assertTrue(f.probe("GMBU".getBytes(StandardCharsets.ISO_8859_1), 4));
        assertFalse(f.probe("GMBX".getBytes(StandardCharsets.ISO_8859_1), 4));
        assertFalse(f.probe(new byte[] {'R', 'T', 'S'}, 3));
        assertFalse(f.writable());
        assertEquals("netmon", f.id());
        assertTrue(FormatRegistry.standard().byId("netmon") instanceof NetmonFormat);
    }

    @Test
    void netmon1MillisecondsFromTheHeaderStart() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(1, 1);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        b.add(1500, 1, NetmonBuilder.payload(70, 2)).origLen = 1514;
        byte[] file = b.build();
        try (NetmonReader r = open(file, ReadOptions.defaults())) {
            List<PacketRecord> all = readAll(r);
            assertEquals("NetMon 1.1", r.fileType());
            assertEquals(PacketRecord.Kind.SECTION, all.get(0).kind());
            assertEquals(PacketRecord.Kind.INTERFACE, all.get(1).kind());
            InterfaceInfo i = r.interfaces().get(0);
            assertEquals(LinkType.ETHERNET, i.linkType());
            assertEquals(3, i.tsResolution());
            List<PacketRecord> p = packets(all);
            assertEquals(2, p.size());
            assertEquals(START, p.get(0).seconds());
            assertEquals(317_000_000, p.get(0).nanos());
            assertEquals(START + 1, p.get(1).seconds());
            assertEquals(817_000_000, p.get(1).nanos());
            assertEquals(1514, p.get(1).originalLength());
            assertArrayEquals(NetmonBuilder.payload(70, 2), p.get(1).payloadCopy());
            assertEquals(b.frames.get(1).offset, p.get(1).fileOffset());
        }
    }

    @Test
    void netmon1DeltaWrapsAfter49DaysAndIsReadAsStored() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(1, 1);
        b.add(0xFFFFFFFFL, 1, NetmonBuilder.payload(60, 1));
        PacketRecord p = packets(read(b.build())).get(0);
        // 2^32-1 ms after the start: 4294967.295 s, the most a 1.x file can say
        assertEquals(START + 4_294_967, p.seconds());
        assertEquals(612_000_000, p.nanos()); // .317 + .295
    }

    @Test
    void netmon2MicrosecondsAndNegativeDeltas() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        b.headerMedia = 2;
        b.add(250_001, 2, NetmonBuilder.payload(40, 1));
        b.add(-1_000, 2, NetmonBuilder.payload(40, 2)); // u64 that reads as 1 ms before the start
        List<PacketRecord> p;
        try (NetmonReader r = open(b.build(), ReadOptions.defaults())) {
            p = packets(readAll(r));
            assertEquals(List.of(LinkType.IEEE802_5), r.interfaces().stream().map(InterfaceInfo::linkType).toList());
            assertEquals(6, r.interfaces().get(0).tsResolution());
        }
        assertEquals(START, p.get(0).seconds());
        assertEquals(567_001_000, p.get(0).nanos());
        assertEquals(START, p.get(1).seconds());
        assertEquals(316_000_000, p.get(1).nanos());
    }

    @Test
    void localTimeIsReadInTheZoneOfTheOptionsNotOfTheMachine() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        byte[] file = b.build();
        ReadOptions ny = new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics(), ZoneId.of("America/New_York"));
        try (NetmonReader r = open(file, ny)) {
            PacketRecord p = packets(readAll(r)).get(0);
            assertEquals(START + 5 * 3600, p.seconds()); // EST in December
        }
        // 2.3 carries UTC per packet: the zone does not matter
        NetmonBuilder u = new NetmonBuilder().version(2, 3);
        u.add(0, 1, NetmonBuilder.payload(60, 1)).filetime = NetmonBuilder.filetime(1_000_000_000L, 123_456_700);
        try (NetmonReader r = open(u.build(), ny)) {
            PacketRecord p = packets(readAll(r)).get(0);
            assertEquals(1_000_000_000L, p.seconds());
            assertEquals(123_456_700, p.nanos());
            assertEquals(7, r.interfaces().get(0).tsResolution());
        }
    }

    @Test
    void perPacketMediaMakeOneInterfacePerLinkTypeDeclaredOnFirstUse() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 1);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        b.add(10, 2, NetmonBuilder.payload(40, 2));
        b.add(20, 0xE065, NetmonBuilder.payload(28, 3)); // converted pcap, LINKTYPE 101
        b.add(30, 0, NetmonBuilder.payload(60, 4)); // media 0 is Ethernet
        b.add(40, 3, NetmonBuilder.payload(50, 5));
        try (NetmonReader r = open(b.build(), ReadOptions.defaults())) {
            List<PacketRecord> all = readAll(r);
            List<String> kinds = new ArrayList<>();
            for (PacketRecord x : all) {
                kinds.add(x.kind() == PacketRecord.Kind.PACKET ? "P" + x.interfaceId() : x.kind().name().substring(0, 1)
                        + (x.kind() == PacketRecord.Kind.INTERFACE ? x.interfaceId() : ""));
            }
            assertEquals(List.of("S", "I0", "P0", "I1", "P1", "I2", "P2", "P0", "I3", "P3"), kinds);
            assertEquals(List.of(LinkType.ETHERNET, LinkType.IEEE802_5, LinkType.RAW, LinkType.FDDI),
                    r.interfaces().stream().map(InterfaceInfo::linkType).toList());
            List<PacketRecord> p = packets(all);
            assertArrayEquals(NetmonBuilder.payload(28, 3), p.get(2).payloadCopy());
            assertEquals(START, p.get(4).seconds());
            assertEquals(317_040_000, p.get(4).nanos());
        }
    }

    @Test
    void outOfOrderTableWithHolesIsReadInTableOrder() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        for (int i = 0; i < 5; i++) {
            b.add(i * 1000L, 1, NetmonBuilder.payload(60 + i, i));
        }
        b.physicalOrder = new int[] {4, 2, 0, 3, 1};
        b.hole = 13;
        b.tableFirst = true;
        List<PacketRecord> p = packets(read(b.build()));
        assertEquals(5, p.size());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(NetmonBuilder.payload(60 + i, i), p.get(i).payloadCopy(), "frame " + i);
            assertEquals(317_000_000 + i * 1_000_000, p.get(i).nanos());
        }
    }

    @Test
    void commentsBecomePacketCommentsAndProcessesSectionComments() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 2);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        NetmonBuilder.Frame c = b.add(5, 1, NetmonBuilder.payload(60, 2));
        c.commentTitle = "Login";
        c.commentDesc = "the user logs in";
        b.processes.add(new Object[] {4242, "C:\\svc.exe"});
        try (NetmonReader r = open(b.build(), ReadOptions.defaults())) {
            List<PacketRecord> p = packets(readAll(r));
            assertTrue(p.get(0).options().isEmpty());
            assertEquals("Login\nthe user logs in", p.get(1).options().string(Options.COMMENT, null));
            assertEquals("NetMon process 4242: C:\\svc.exe (local port 68, remote port 67)",
                    r.sections().get(0).options().string(Options.COMMENT, null));
        }
    }

    @Test
    void specialFramesBecomeCustomBlocksOrAreSkippedWithACount() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 3);
        long ft = NetmonBuilder.filetime(1_100_000_000L, 0);
        b.add(0, 1, NetmonBuilder.payload(60, 1)).filetime = ft;
        ByteArrayOutputStream filter = new ByteArrayOutputStream();
        filter.writeBytes(new byte[] {1, 0, 0, 0, 0, 1, 3, 0, 0, 0, 4, 0, 0, 0}); // type 1 (capture), big-endian
        filter.writeBytes("NetMon\0".getBytes(StandardCharsets.UTF_16LE));
        filter.writeBytes("tcp.port == 80\0".getBytes(StandardCharsets.UTF_16LE));
        b.add(0, 0xFFFF, filter.toByteArray()).filetime = ft;
        b.add(0, 0xFFFD, NetmonBuilder.payload(30, 2)).filetime = ft;
        b.add(0, 0xFFFE, NetmonBuilder.payload(30, 3)).filetime = ft;
        b.add(0, 0xFFFC, NetmonBuilder.payload(30, 4)).filetime = ft;
        b.add(0, 0xFFE0, NetmonBuilder.payload(80, 5)).filetime = ft;
        b.add(0, 1, NetmonBuilder.payload(60, 6)).filetime = ft + 10;
        Diagnostics d = new Diagnostics();
        try (NetmonReader r = open(b.build(), new ReadOptions(ReadLimits.DEFAULT, false, d))) {
            List<PacketRecord> all = readAll(r);
            assertEquals(2, packets(all).size());
            List<PacketRecord> blocks = all.stream().filter(x -> x.kind() == PacketRecord.Kind.BLOCK).toList();
            assertEquals(2, blocks.size());
            PacketRecord f = blocks.get(0);
            assertEquals(NetmonConstants.BT_CUSTOM, f.blockType());
            assertEquals(311, Bytes.i32LE(f.data(), f.offset()));
            assertEquals(0xFFFF, Bytes.u16LE(f.data(), f.offset() + 4));
            assertEquals("NetMon capture filter (NetMon): tcp.port == 80", f.options().string(Options.COMMENT, null));
            assertEquals(0xFFE0, Bytes.u16LE(blocks.get(1).data(), blocks.get(1).offset() + 4));
            assertArrayEquals(NetmonBuilder.payload(80, 5), Arrays.copyOfRange(blocks.get(1).data(),
                    blocks.get(1).offset() + 12, blocks.get(1).offset() + blocks.get(1).capturedLength()));
            assertEquals(3, r.skipped());
            assertEquals(3, d.lines().size(), d.lines().toString());
            assertEquals(1_100_000_000L, packets(all).get(1).seconds());
            assertEquals(1000, packets(all).get(1).nanos());
        }
    }

    @Test
    void atmFramesBecomeSunAtmWithVpiAndVci() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(1, 1);
        b.headerMedia = 4;
        byte[] frame = new byte[16 + 20];
        frame[12] = 0;
        frame[13] = 5; // VPI 5
        frame[14] = 0x01;
        frame[15] = 0x02; // VCI 258
        System.arraycopy(NetmonBuilder.payload(20, 9), 0, frame, 16, 20);
        b.add(0, 4, frame).origLen = 36;
        try (NetmonReader r = open(b.build(), ReadOptions.defaults())) {
            PacketRecord p = packets(readAll(r)).get(0);
            assertEquals(LinkType.SUNATM, r.interfaces().get(0).linkType());
            byte[] got = p.payloadCopy();
            assertEquals(24, got.length);
            assertEquals(24, p.originalLength());
            assertArrayEquals(new byte[] {0, 5, 1, 2}, Arrays.copyOf(got, 4));
            assertArrayEquals(NetmonBuilder.payload(20, 9), Arrays.copyOfRange(got, 4, 24));
        }
        NetmonBuilder small = new NetmonBuilder().version(1, 1);
        small.headerMedia = 4;
        small.add(0, 4, new byte[10]);
        assertThrows(CaptureException.Corrupt.class, () -> read(small.build()));
    }

    @Test
    void unsupportedPerPacketTypesStopLikeWiresharkOrAreSkippedWhenLenient() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 1);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        b.add(0, 0xE081, NetmonBuilder.payload(60, 2));
        b.add(0, 1, NetmonBuilder.payload(60, 3));
        byte[] file = b.build();
        CaptureException e = assertThrows(CaptureException.Unsupported.class, () -> read(file));
        assertTrue(e.getMessage().contains("network type 57473 unknown or unsupported"), e.getMessage());
        try (NetmonReader r = open(file, new ReadOptions(ReadLimits.DEFAULT, true, new Diagnostics()))) {
            assertEquals(2, packets(readAll(r)).size());
            assertEquals(1, r.skipped());
        }
    }

    @Test
    void compressedInputIsBufferedAndRead() throws IOException {
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        for (int i = 0; i < 50; i++) {
            b.add(i, 1, NetmonBuilder.payload(100 + i, i));
        }
        b.physicalOrder = new int[50];
        for (int i = 0; i < 50; i++) {
            b.physicalOrder[i] = 49 - i;
        }
        byte[] file = b.build();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(file);
        }
        Path f = tmp.resolve("x.cap.gz");
        Files.write(f, gz.toByteArray());
        List<PacketRecord> want = packets(read(file));
        for (Input in : List.of(Sources.open(f.toString()), Sources.open("-", new ByteArrayInputStream(gz.toByteArray())))) {
            try (CaptureReader r = new NetmonFormat().open(in, ReadOptions.defaults())) {
                List<PacketRecord> got = packets(readAll(r));
                assertEquals(want.size(), got.size());
                for (int i = 0; i < want.size(); i++) {
                    assertArrayEquals(want.get(i).payloadCopy(), got.get(i).payloadCopy());
                    assertEquals(want.get(i).nanos(), got.get(i).nanos());
                }
            }
        }
    }

    @Test
    void fileOnDiskIsReadBySeekingAcrossFrameTableChunks() throws IOException {
        // more frames than one chunk of the frame table, out of physical order
        int n = NetmonConstants.FRAME_TABLE_CHUNK + 10;
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        for (int i = 0; i < n; i++) {
            b.add(i, 1, new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)});
        }
        b.physicalOrder = new int[n];
        for (int i = 0; i < n; i++) {
            b.physicalOrder[i] = i % 2 == 0 ? i / 2 : n - 1 - i / 2;
        }
        Path f = tmp.resolve("big.cap");
        Files.write(f, b.build());
        try (CaptureReader r = FormatRegistry.standard().open(f.toString(), ReadOptions.defaults())) {
            PacketRecord rec = new PacketRecord();
            int i = 0;
            while (r.next(rec)) {
                if (rec.isPacket()) {
                    int v = (rec.data()[rec.offset()] & 0xFF) | (rec.data()[rec.offset() + 1] & 0xFF) << 8
                            | (rec.data()[rec.offset() + 2] & 0xFF) << 16;
                    assertEquals(i, v);
                    i++;
                }
            }
            assertEquals(n, i);
        }
    }
}
