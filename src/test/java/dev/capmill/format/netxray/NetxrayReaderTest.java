package dev.capmill.format.netxray;

import static org.junit.jupiter.api.Assertions.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetxrayReaderTest {
    static final byte[] ETH = new byte[60];

    static {
        for (int i = 0; i < ETH.length; i++) {
            ETH[i] = (byte) (i * 3 + 5);
        }
    }

    static final class Result {
        final List<PacketRecord> records = new ArrayList<>();
        final List<PacketRecord> packets = new ArrayList<>();
        List<InterfaceInfo> interfaces = List.of();
        CaptureException error;
        long skipped;
    }

    static Result read(byte[] file) {
        Result res = new Result();
        try (NetxrayReader r = new NetxrayReader(Input.of("test", file), ReadOptions.defaults())) {
            PacketRecord rec = new PacketRecord();
            int guard = 0;
            while (r.next(rec)) {
                res.records.add(rec.copy());
                if (rec.isPacket()) {
                    res.packets.add(rec.copy());
                    assertTrue(rec.interfaceId() < r.interfaces().size());
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

    static Result readOk(byte[] file) {
        Result r = read(file);
        assertNull(r.error, () -> "unexpected " + r.error);
        return r;
    }

    /** Wireshark's arithmetic, written out independently: double ticks / tps - start, truncations. */
    static long[] expected(long startTime, long ticks, double tps, double startTicks) {
        double t = (double) (ticks & 0xFFFFFFFFL) + (double) (ticks >>> 32) * 4294967296.0;
        t = t / tps - startTicks / tps;
        return new long[] {startTime + (long) t, (long) ((t - Math.floor(t)) * 1e9)};
    }

    @ParameterizedTest
    @CsvSource({"old,1000", "001.000,1000", "001.100,1000000"})
    void versionsAndTheirTickRates(String version, double tps) {
        NetxrayBuilder b = new NetxrayBuilder(version).set32(NetxrayConstants.H_START_TIME, 1_600_000_000L);
        b.record(1_234_567, ETH).record(0x1_0000_0001L, 1514, ETH, null);
        Result r = readOk(b.build());
        assertEquals(2, r.packets.size());
        assertEquals(LinkType.ETHERNET, r.interfaces.get(0).linkType());
        long[] e0 = expected(1_600_000_000L, 1_234_567, tps, 0);
        assertEquals(e0[0], r.packets.get(0).seconds());
        assertEquals(e0[1], r.packets.get(0).nanos());
        assertEquals(version.equals("old") ? 60 : 1514, r.packets.get(1).originalLength());
        assertArrayEquals(ETH, r.packets.get(0).payloadCopy());
    }

    @Test
    void doubleArithmeticGivesTsharksNanoseconds() {
        // 1.234567 s in µs ticks: through a double, (t - 1) * 1e9 is 234566999.99999997 → 234566999
        NetxrayBuilder b = new NetxrayBuilder("001.100").set32(NetxrayConstants.H_START_TIME, 1000);
        Result r = readOk(b.record(1_234_567, ETH).build());
        assertEquals(1001, r.packets.get(0).seconds());
        assertEquals(234_566_999, r.packets.get(0).nanos());
    }

    @ParameterizedTest
    @CsvSource({
        "0,0,1000000", "0,1,1193000", "2,0,1000000000", "2,2,31250000", "3,2,1250000", "5,0,1000000", "6,2,20000000"})
    void version2EthernetTickTables(int captype, int timeunit, double tps) {
        NetxrayBuilder b = new NetxrayBuilder("002.001").set32(NetxrayConstants.H_START_TIME, 1_500_000_000L)
                .set8(NetxrayConstants.H_CAPTYPE, captype).set8(NetxrayConstants.H_TIMEUNIT, timeunit)
                .set32(NetxrayConstants.H_TIMELO, 5_000_000);
        Result r = readOk(b.record(987_654_321L, ETH).build());
        long[] e = expected(1_500_000_000L, 987_654_321L, tps, 5_000_000);
        assertEquals(e[0], r.packets.get(0).seconds());
        assertEquals(e[1], r.packets.get(0).nanos());
    }

    @Test
    void ndisTimeunit2UsesRealtickAndPodsOf2002IgnoreTheStart() {
        NetxrayBuilder b = new NetxrayBuilder("002.001").set8(NetxrayConstants.H_TIMEUNIT, 2)
                .set32(NetxrayConstants.H_REALTICK, 3_579_545).set32(NetxrayConstants.H_TIMELO, 1000);
        long[] e = expected(0, 7_159_090, 3_579_545, 1000);
        Result r = readOk(b.record(7_159_090, ETH).build());
        assertEquals(e[0], r.packets.get(0).seconds());
        assertEquals(e[1], r.packets.get(0).nanos());

        NetxrayBuilder pod = new NetxrayBuilder("002.002").set8(NetxrayConstants.H_CAPTYPE, 2)
                .set32(NetxrayConstants.H_TIMELO, 500_000_000);
        Result rp = readOk(pod.record(1_500_000_000L, ETH).build());
        assertEquals(1, rp.packets.get(0).seconds(), "start time stamp forced to 0");
        assertEquals(500_000_000, rp.packets.get(0).nanos());
    }

    @ParameterizedTest
    @CsvSource({"2,1", "3,1", "0,3", "9,0", "5,2", "6,1"})
    void unknownTickRatesAreUnsupported(int captype, int timeunit) {
        NetxrayBuilder b = new NetxrayBuilder("002.001").set8(NetxrayConstants.H_CAPTYPE, captype)
                .set8(NetxrayConstants.H_TIMEUNIT, timeunit);
        assertInstanceOf(CaptureException.Unsupported.class, read(b.record(1, ETH).build()).error);
    }

    @ParameterizedTest
    @CsvSource({"0,0,1", "1,0,6", "2,0,10", "8,0,123", "9,0,105", "1,2,1", "2,2,6"})
    void networkTypes(int network, int plus, int linkType) {
        NetxrayBuilder b = new NetxrayBuilder("001.100").set8(NetxrayConstants.H_NETWORK, network)
                .set8(NetxrayConstants.H_NETWORK_PLUS, plus);
        assertEquals(linkType, readOk(b.record(1, ETH).build()).interfaces.get(0).linkType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4,0", "10,0", "0,1", "0,3"})
    void unsupportedNetworks(String spec) {
        String[] s = spec.split(",");
        NetxrayBuilder b = new NetxrayBuilder("001.100").set8(NetxrayConstants.H_NETWORK, Integer.parseInt(s[0]))
                .set8(NetxrayConstants.H_NETWORK_PLUS, Integer.parseInt(s[1]));
        assertInstanceOf(CaptureException.Unsupported.class, read(b.record(1, ETH).build()).error);
    }

    @Test
    void unknownVersionIsUnsupported() {
        CaptureException e = read(new NetxrayBuilder("003.000").record(1, ETH).build()).error;
        assertInstanceOf(CaptureException.Unsupported.class, e);
        assertTrue(e.getMessage().contains("version \"003.000\" unsupported"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"3,0,204", "4,0,107", "6,0,207", "8,0,207", "7,0,268", "19,0,104"})
    void wanCaptypes(int captype, int subsub, int linkType) {
        NetxrayBuilder b = new NetxrayBuilder("002.001").set8(NetxrayConstants.H_NETWORK, 3)
                .set8(NetxrayConstants.H_CAPTYPE, captype).set8(NetxrayConstants.H_WAN_HDLC_SUBSUB, subsub);
        byte[] xxx = new byte[28];
        xxx[12] = 1;
        Result r = readOk(b.record(1, 5, new byte[] {(byte) 0xFF, 3, 0, 0x21, 0x45}, xxx).build());
        assertEquals(linkType, r.interfaces.get(0).linkType());
        if (linkType == 204 || linkType == 207) {
            assertEquals(6, r.packets.get(0).capturedLength());
            assertEquals(1, r.packets.get(0).payloadCopy()[0], "direction byte from xxx[12]");
        }
    }

    @Test
    void wanIsdnFramesAreCountedSkips() {
        NetxrayBuilder b = new NetxrayBuilder("002.001").set8(NetxrayConstants.H_NETWORK, 3)
                .set8(NetxrayConstants.H_CAPTYPE, 6).set8(NetxrayConstants.H_WAN_HDLC_SUBSUB, 2);
        Result r = readOk(b.record(1, ETH).record(2, ETH).build());
        assertEquals(0, r.packets.size());
        assertEquals(2, r.skipped);
    }

    @Test
    void fcsOrPaddingAfterFramesFlaggedFfFf() {
        byte[] ff = new byte[28];
        ff[2] = (byte) 0xFF;
        ff[3] = (byte) 0xFF;
        byte[] withTail = Arrays.copyOf(ETH, 64);
        // realtick 0x??3412?? → the 4 bytes are an FCS: kept, on an interface with fcslen 4
        NetxrayBuilder fcs = new NetxrayBuilder("002.001").set32(NetxrayConstants.H_REALTICK, 0x00123400L);
        Result r = readOk(fcs.record(1, 64, withTail, ff).record(2, ETH).build());
        assertEquals(64, r.packets.get(0).capturedLength());
        assertEquals(4, r.interfaces.get(r.packets.get(0).interfaceId()).fcsLength());
        assertEquals(0, r.interfaces.get(r.packets.get(1).interfaceId()).fcsLength());
        assertEquals(2, r.interfaces.size());
        // otherwise they are padding, taken off both lengths
        NetxrayBuilder pad = new NetxrayBuilder("002.001");
        Result p = readOk(pad.record(1, 64, withTail, ff).record(2, ETH).build());
        assertEquals(60, p.packets.get(0).capturedLength());
        assertEquals(60, p.packets.get(0).originalLength());
        assertArrayEquals(ETH, p.packets.get(0).payloadCopy());
        assertEquals(2, p.packets.size());
        // a frame shorter than its padding
        NetxrayBuilder bad = new NetxrayBuilder("002.001");
        assertInstanceOf(CaptureException.Corrupt.class, read(bad.record(1, 2, new byte[2], ff).build()).error);
    }

    @Test
    void endOffsetCrudAndCircularFiles() {
        NetxrayBuilder b = new NetxrayBuilder("001.100").record(1, ETH).record(2, ETH);
        byte[] f = b.build();
        byte[] crud = Arrays.copyOf(f, f.length + 11);
        assertEquals(2, readOk(crud).packets.size(), "bytes after end_offset are ignored");

        // circular: records 3, 4 from start_offset to the end, then 1, 2 from the header to end_offset
        NetxrayBuilder first = new NetxrayBuilder("001.100").record(1, ETH).record(2, ETH);
        NetxrayBuilder second = new NetxrayBuilder("001.100").record(3, ETH).record(4, ETH);
        byte[] a = first.recordBytes();
        byte[] c = second.recordBytes();
        byte[] circ = Arrays.copyOf(first.header, 128 + a.length + 5 + c.length);
        System.arraycopy(a, 0, circ, 128, a.length);
        System.arraycopy(c, 0, circ, 128 + a.length + 5, c.length);
        NetxrayBuilder.le32(circ, NetxrayConstants.H_START_OFFSET, 128 + a.length + 5);
        NetxrayBuilder.le32(circ, NetxrayConstants.H_END_OFFSET, 128 + a.length);
        Result r = readOk(circ);
        assertEquals(4, r.packets.size());
        assertEquals(List.of(3L, 4L, 1L, 2L), r.packets.stream().map(p -> p.nanos() / 1000L).toList());

        // end_offset beyond the end of a non-circular file: a short read
        byte[] shortFile = b.build();
        NetxrayBuilder.le32(shortFile, NetxrayConstants.H_END_OFFSET, shortFile.length + 100);
        Result s = read(shortFile);
        assertEquals(2, s.packets.size());
        assertInstanceOf(CaptureException.Truncated.class, s.error);
    }

    @Test
    void truncationAtEveryByte() {
        for (String v : new String[] {"old", "001.100", "002.001"}) {
            byte[] full = new NetxrayBuilder(v).record(1, ETH).record(2, 100, new byte[7], null).record(3, ETH).build();
            int whole = readOk(full).packets.size();
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                Result r = read(cut);
                assertTrue(r.packets.size() <= whole);
                if (n < NetxrayConstants.HEADER_LEN) {
                    assertInstanceOf(CaptureException.Truncated.class, r.error, v + " prefix " + n);
                } else if (n < full.length) {
                    assertNotNull(r.error, v + " prefix " + n + ": end_offset says more follows");
                }
            }
        }
    }

    @Test
    void foundByContent() throws IOException {
        FormatRegistry reg = FormatRegistry.standard();
        assertEquals("netxray", reg.detect(Input.of("x", new NetxrayBuilder("002.001").build())).id());
        assertEquals("netxray", reg.detect(Input.of("x", new NetxrayBuilder("old").build())).id());
    }
}
