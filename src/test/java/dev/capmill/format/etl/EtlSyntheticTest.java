package dev.capmill.format.etl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETL files built by {@link EtlBuilder} for what the samples do not cover. */
class EtlSyntheticTest {
    static final long KW_ETH = 0x1L | EtlConstants.KW_PACKET_START | EtlConstants.KW_PACKET_END;

    static final class Result {
        final List<PacketRecord> packets = new ArrayList<>();
        final List<InterfaceInfo> ifaces = new ArrayList<>();
        final List<PacketRecord.Kind> kinds = new ArrayList<>();
        EtlReader reader;
    }

    static Result read(byte[] file, boolean stream) throws IOException {
        Result out = new Result();
        ReadOptions o = new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics(), ZoneOffset.UTC, false);
        Input in = stream ? Input.of("t.etl", new ByteArrayInputStream(file), false) : Input.of("t.etl", file);
        assertTrue(new EtlFormat().probe(file, Math.min(file.length, 4096)));
        try (EtlReader r = (EtlReader) new EtlFormat().open(in, o)) {
            out.reader = r;
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                out.kinds.add(rec.kind());
                if (rec.isPacket()) {
                    out.packets.add(rec.copy());
                    out.ifaces.add(r.interfaces().get(rec.interfaceId()));
                }
            }
        }
        return out;
    }

    static byte[] ipv4(int totalLen, int captured) {
        byte[] b = EtlBuilder.bytes(captured, 3);
        b[0] = 0x45;
        b[2] = (byte) (totalLen >>> 8);
        b[3] = (byte) totalLen;
        return b;
    }

    static byte[] ethIpv4(int ipTotal, int captured) {
        byte[] b = EtlBuilder.bytes(captured, 5);
        b[12] = 0x08;
        b[13] = 0;
        b[14] = 0x45;
        b[16] = (byte) (ipTotal >>> 8);
        b[17] = (byte) ipTotal;
        return b;
    }

    /** NDIS Ethernet, raw IP and a split packet, PktMon packets with a component name, in one file. */
    static EtlBuilder mixed(boolean compressed, boolean bits64) {
        EtlBuilder e = new EtlBuilder();
        e.compressed = compressed;
        e.bits64 = bits64;
        long t = EtlBuilder.REF_CLOCK;
        e.buffer(0)
                .record(EtlBuilder.system(24))
                .record(EtlBuilder.ndis(7, 7, KW_ETH | EtlConstants.KW_SEND_PATH, t + 10, ethIpv4(100, 64)))
                .record(EtlBuilder.perfinfo(8))
                .record(EtlBuilder.ndis(9, 9, 0x200L | EtlConstants.KW_PACKET_START | EtlConstants.KW_PACKET_END
                        | EtlConstants.KW_RECEIVE_PATH, t + 20, ipv4(60, 40)))
                .record(EtlBuilder.ndis(7, 12, 0x1L | EtlConstants.KW_PACKET_START | EtlConstants.KW_RECEIVE_PATH, t + 30,
                        Arrays.copyOfRange(ethIpv4(90, 104), 0, 50)))
                .record(EtlBuilder.ndis(7, 12, 0x1L | EtlConstants.KW_RECEIVE_PATH, t + 31,
                        Arrays.copyOfRange(ethIpv4(90, 104), 50, 80)))
                .record(EtlBuilder.ndis(7, 12, 0x1L | EtlConstants.KW_PACKET_END | EtlConstants.KW_RECEIVE_PATH, t + 32,
                        Arrays.copyOfRange(ethIpv4(90, 104), 80, 104)))
                .record(EtlBuilder.pktmon(160, 77, 4, 1, 5, 1500, t + 40, EtlBuilder.bytes(128, 9)))
                .record(EtlBuilder.pktmon(170, 78, 3, 3, 5, 60, t + 41, ipv4(60, 60)));
        e.buffer(1).record(EtlBuilder.pktmonComponent(5, "netvsc.sys", "Microsoft Hyper-V Network Adapter"));
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncompressed64", "compressed64", "uncompressed32", "compressed32", "stream"})
    void mixedPacketEvents(String variant) throws IOException {
        boolean compressed = variant.startsWith("compressed");
        boolean bits64 = !variant.endsWith("32");
        Result r = read(mixed(compressed, bits64).build(), variant.equals("stream"));
        assertEquals(4, r.packets.size());
        // 1: NDIS Ethernet, outbound, original length from the IPv4 header
        PacketRecord p = r.packets.get(0);
        assertArrayEquals(ethIpv4(100, 64), p.payloadCopy());
        assertEquals(114, p.originalLength());
        assertEquals(2, p.options().number(EtlConstants.EPB_FLAGS));
        assertEquals(1, r.ifaces.get(0).linkType());
        assertEquals("eth:7", r.ifaces.get(0).name());
        assertEquals(7, r.ifaces.get(0).tsResolution());
        long unix100 = EtlBuilder.START_FILETIME + 10 - EtlConstants.FILETIME_UNIX_EPOCH;
        assertEquals(unix100 / 10_000_000L, p.seconds());
        assertEquals(unix100 % 10_000_000L * 100, p.nanos());
        assertEquals("PID=4 TID=8 CPU=0", p.options().string(Options.COMMENT, null));
        // 2: raw IP (WirelessWAN keyword), inbound, original length without an Ethernet header
        p = r.packets.get(1);
        assertEquals(101, r.ifaces.get(1).linkType());
        assertEquals("mbb:9", r.ifaces.get(1).name());
        assertEquals(60, p.originalLength());
        assertEquals(40, p.capturedLength());
        assertEquals(1, p.options().number(EtlConstants.EPB_FLAGS));
        // 3: three fragments reassembled, time of the last, LWF interface description
        p = r.packets.get(2);
        assertArrayEquals(ethIpv4(90, 104), p.payloadCopy());
        assertEquals(104, p.originalLength());
        assertEquals("LWF over IfIndex 7", r.ifaces.get(2).description());
        assertEquals((EtlBuilder.START_FILETIME + 32 - EtlConstants.FILETIME_UNIX_EPOCH) % 10_000_000L * 100, p.nanos());
        // 4: PktMon, truncated to 128 of 1500 bytes, Tx, component name from the rundown event after it
        p = r.packets.get(3);
        assertEquals(128, p.capturedLength());
        assertEquals(1500, p.originalLength());
        assertEquals(2, p.options().number(EtlConstants.EPB_FLAGS));
        assertEquals(77, p.options().number(EtlConstants.EPB_PACKETID));
        assertTrue(p.options().string(Options.COMMENT, "").contains("Component=5 Edge=1"));
        if (!variant.equals("stream")) {
            assertEquals("pktmon:5:netvsc.sys", r.ifaces.get(3).name());
        }
        assertEquals(List.of(PacketRecord.Kind.SECTION, PacketRecord.Kind.INTERFACE, PacketRecord.Kind.PACKET,
                PacketRecord.Kind.INTERFACE, PacketRecord.Kind.PACKET, PacketRecord.Kind.INTERFACE, PacketRecord.Kind.PACKET,
                PacketRecord.Kind.INTERFACE, PacketRecord.Kind.PACKET), r.kinds);
        assertEquals(11, r.reader.records()); // header event + 10
        assertEquals(0, r.reader.skipped());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void componentNamesAtTheEndAreFoundWithoutDecodingTheMiddle(boolean compressed) throws IOException {
        EtlBuilder e = new EtlBuilder();
        e.compressed = compressed;
        e.bits64 = true;
        long t = EtlBuilder.REF_CLOCK;
        int buffers = 300;
        for (int i = 0; i < buffers; i++) {
            e.buffer(i % 2).record(EtlBuilder.pktmon(160, i + 1, 4, 1, 5, 200, t + i, EtlBuilder.bytes(64, i)));
        }
        e.buffer(1).record(EtlBuilder.pktmonComponent(5, "netvsc.sys", "Microsoft Hyper-V Network Adapter"))
                .record(EtlBuilder.pktmonAddress(65, 5, new byte[] {10, 1, 2, 3}));
        e.buffer(0).record(EtlBuilder.pktmonProperty(5, 6, new byte[] {2, 0, 0, 0, 0, 5}));
        Result r = read(e.build(), false);
        assertEquals(buffers, r.packets.size());
        assertEquals("pktmon:5:netvsc.sys", r.ifaces.get(0).name());
        // the addresses, in the last buffers too, are found by the same scan
        Options o = r.ifaces.get(0).options();
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 5}, o.value(o.indexOf(EtlConstants.IF_MACADDR)));
        assertArrayEquals(new byte[] {10, 1, 2, 3, -1, -1, -1, -1}, o.value(o.indexOf(EtlConstants.IF_IPV4ADDR)));
        // the first window buffers, the last one with the name, then a window of quiet ones
        long scanned = r.reader.buffersScannedForNames();
        assertTrue(scanned <= 2L * r.reader.window() + 2, "decoded " + scanned + " of " + (buffers + 2) + " buffers for names");
        for (int i = 1; i < r.packets.size(); i++) {
            assertTrue(r.packets.get(i - 1).seconds() * 1_000_000_000L + r.packets.get(i - 1).nanos()
                    <= r.packets.get(i).seconds() * 1_000_000_000L + r.packets.get(i).nanos());
        }
    }

    @Test
    void dropsOnlyOnRequest() throws IOException {
        byte[] f = mixed(true, true).build();
        ReadOptions o = new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics(), ZoneOffset.UTC, true);
        List<PacketRecord> got = new ArrayList<>();
        try (CaptureReader r = new EtlFormat().open(Input.of("t", f), o)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                if (rec.isPacket()) {
                    got.add(rec.copy());
                    if (got.size() == 5) {
                        assertEquals(101, r.interfaces().get(rec.interfaceId()).linkType());
                    }
                }
            }
        }
        assertEquals(5, got.size());
        String c = got.get(4).options().string(Options.COMMENT, "");
        assertTrue(c.contains("DropReason=1204 DropLocation=0x1234"), c);
        assertEquals(1, got.get(4).options().number(EtlConstants.EPB_FLAGS));
    }

    @Test
    void eventsOfSeveralCpusComeOutInTimeOrder() throws IOException {
        EtlBuilder e = new EtlBuilder();
        e.compressed = true;
        long t = EtlBuilder.REF_CLOCK;
        // CPU 1's buffer is written after CPU 0's although its events interleave with them
        e.buffer(0).record(EtlBuilder.pktmon(160, 1, 3, 1, 1, 60, t + 100, EtlBuilder.bytes(60, 1)))
                .record(EtlBuilder.pktmon(160, 3, 3, 1, 1, 60, t + 300, EtlBuilder.bytes(60, 3)));
        e.buffer(1).record(EtlBuilder.pktmon(160, 2, 3, 1, 1, 60, t + 200, EtlBuilder.bytes(60, 2)))
                .record(EtlBuilder.pktmon(160, 4, 3, 1, 1, 60, t + 300, EtlBuilder.bytes(60, 4)));
        e.buffer(0).record(EtlBuilder.pktmon(160, 5, 3, 1, 1, 60, t + 50, EtlBuilder.bytes(60, 5)));
        Result r = read(e.build(), false);
        long[] ids = r.packets.stream().mapToLong(p -> p.options().number(EtlConstants.EPB_PACKETID)).toArray();
        // equal timestamps keep file order
        assertArrayEquals(new long[] {5, 1, 2, 3, 4}, ids);
        for (int i = 1; i < r.packets.size(); i++) {
            assertTrue(PacketRecord.compareTime(r.packets.get(i - 1), r.packets.get(i)) <= 0);
        }
    }

    /**
     * A circular file that wrapped holds its newest buffers first: they are read after the oldest
     * (from the buffer with the lowest sequence number to the end, then from the first data
     * buffer), so packets come out in time order whatever the sorting window. A circular file
     * that did not wrap, or one read as a stream, is read in file order.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37, 99})
    void circularFilesAreReadFromTheirOldestBuffer(int wrapped) throws IOException {
        EtlBuilder e = new EtlBuilder();
        e.circular = true;
        e.compressed = wrapped % 2 == 1;
        e.wrapped = wrapped;
        long t = EtlBuilder.REF_CLOCK;
        for (int i = 0; i < 100; i++) {
            e.buffer(0).record(EtlBuilder.pktmon(160, i + 1, 3, 1, 1, 60, t + 1000L * i, EtlBuilder.bytes(60, i)));
        }
        e.buffer(0).record(EtlBuilder.pktmonComponent(1, "netvsc.sys", "Microsoft Hyper-V Network Adapter"));
        byte[] file = e.build();
        Result r = read(file, false);
        long[] ids = r.packets.stream().mapToLong(p -> p.options().number(EtlConstants.EPB_PACKETID)).toArray();
        assertArrayEquals(java.util.stream.LongStream.rangeClosed(1, 100).toArray(), ids);
        assertTrue(r.ifaces.get(0).name().endsWith("netvsc.sys"), r.ifaces.get(0).name());
        if (wrapped > r.reader.window()) {
            // without random access the file order is all there is: the wrapped buffers come first
            Result s = read(file, true);
            assertEquals(100, s.packets.size());
            assertEquals(102 - wrapped, s.packets.get(0).options().number(EtlConstants.EPB_PACKETID)); // of 101 buffers
        }
    }

    @Test
    void sortingWindowIsBounded() throws IOException {
        // far more buffers than the window: memory holds only a window's packets, order still right
        EtlBuilder e = new EtlBuilder();
        e.processors = 1;
        long t = EtlBuilder.REF_CLOCK;
        for (int i = 0; i < 200; i++) {
            e.buffer(i % 2).record(EtlBuilder.pktmon(160, i + 1, 3, 1, 1, 60, t + 1000L * i + (i % 2 == 0 ? 1500 : 0),
                    EtlBuilder.bytes(60, i)));
        }
        Result r = read(e.build(), true);
        assertEquals(200, r.packets.size());
        for (int i = 1; i < r.packets.size(); i++) {
            assertTrue(PacketRecord.compareTime(r.packets.get(i - 1), r.packets.get(i)) < 0, "packet " + i);
        }
        // every even buffer's packet follows the next odd buffer's: the order needed sorting
        assertEquals(2, r.packets.get(0).options().number(EtlConstants.EPB_PACKETID));
        assertTrue(r.reader.maxQueued() <= r.reader.window() + 1, "held " + r.reader.maxQueued());
    }

    @Test
    void clockTypesAndFrequencies() throws IOException {
        // QPC at 3 MHz (not a divisor of 10^7), system time, and a raw value before the reference
        EtlBuilder e = new EtlBuilder();
        e.perfFreq = 3_000_000L;
        long t = EtlBuilder.REF_CLOCK;
        e.buffer(0).record(EtlBuilder.pktmon(160, 1, 3, 1, 1, 60, t - 1, EtlBuilder.bytes(60, 1)))
                .record(EtlBuilder.pktmon(160, 2, 3, 1, 1, 60, t + 3_000_001L, EtlBuilder.bytes(60, 2)));
        Result r = read(e.build(), false);
        long base = EtlBuilder.START_FILETIME - EtlConstants.FILETIME_UNIX_EPOCH;
        // floor((-1 × 10^7) / 3×10^6) = -4 (100 ns)
        assertEquals(Math.floorMod(base - 4, 10_000_000L) * 100, r.packets.get(0).nanos());
        // 1 s + floor(10^7 / 3×10^6) = 1 s + 3 (100 ns)
        assertEquals(Math.floorDiv(base + 10_000_003L, 10_000_000L), r.packets.get(1).seconds());
        assertEquals(Math.floorMod(base + 10_000_003L, 10_000_000L) * 100, r.packets.get(1).nanos());

        EtlBuilder s = new EtlBuilder();
        s.clockType = 2;
        s.perfFreq = 0; // ignored for system time
        s.buffer(0).record(EtlBuilder.pktmon(160, 1, 3, 1, 1, 60, t + 12_345, EtlBuilder.bytes(60, 1)));
        r = read(s.build(), false);
        assertEquals(Math.floorMod(base + 12_345, 10_000_000L) * 100, r.packets.get(0).nanos());
    }

    @Test
    void compressorRoundTripsEveryLengthEncoding() throws Exception {
        byte[][] inputs = {new byte[0], EtlBuilder.bytes(5, 1), new byte[9], new byte[30], new byte[300], new byte[70_000],
            EtlBuilder.bytes(5000, 2)};
        for (byte[] in : inputs) {
            byte[] c = EtlBuilder.compress(in);
            byte[] out = new byte[in.length];
            assertEquals(in.length, XpressLz77.decompress(c, 0, c.length, out, 0, out.length));
            assertArrayEquals(in, out);
            if (in.length > 0) {
                byte[] small = new byte[in.length - 1];
                try {
                    XpressLz77.decompress(c, 0, c.length, small, 0, small.length);
                    throw new AssertionError("expanded past the declared size without an error");
                } catch (XpressLz77.Malformed expected) {
                    assertTrue(expected.getMessage().contains("past"), expected.getMessage());
                }
            }
        }
    }

    @Test
    void registryFindsEtlByContent() throws IOException {
        byte[] f = mixed(false, true).build();
        assertEquals("etl", new FormatRegistry(List.of(new EtlFormat())).detect(Input.of("x.bin", f)).id());
        assertFalse(new EtlFormat().probe(new byte[100], 100));
        ByteBuffer.wrap(f); // the file is built deterministically
        assertArrayEquals(f, mixed(false, true).build());
    }
}
