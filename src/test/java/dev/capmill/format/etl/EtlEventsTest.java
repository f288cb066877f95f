package dev.capmill.format.etl;

import static dev.capmill.format.etl.EtlSyntheticTest.KW_ETH;
import static dev.capmill.format.etl.EtlSyntheticTest.ethIpv4;
import static dev.capmill.format.etl.EtlSyntheticTest.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.Diagnostics;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ETL events beyond plain packets, in files built from the format notes: VMSwitch packets
 * (1003), Wi-Fi receive metadata (1002), PktMon interface addresses (65/66/70), RAS NdisWan
 * packets (5001/5002) and the event counts {@code capmill info} shows.
 */
class EtlEventsTest {
    static final long T = EtlBuilder.REF_CLOCK;
    static final long KW_VMSWITCH = KW_ETH | 0x1000000L;

    static String comment(PacketRecord p) {
        return p.options().string(Options.COMMENT, null);
    }

    static byte[] option(InterfaceInfo f, int code) {
        int i = f.options().indexOf(code);
        return i < 0 ? null : f.options().value(i);
    }

    static List<byte[]> options(InterfaceInfo f, int code) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < f.options().size(); i++) {
            if (f.options().code(i) == code) {
                out.add(f.options().value(i));
            }
        }
        return out;
    }

    /** Three VMSwitch packets of two VLANs on one port, one split in two events, and a plain NDIS packet. */
    static EtlBuilder vmswitchFile(boolean ptr64, boolean compressed) {
        EtlBuilder e = new EtlBuilder();
        e.compressed = compressed;
        byte[] split = ethIpv4(120, 120);
        e.buffer(0)
                .record(EtlBuilder.vmswitch(ptr64, 3, 3, 7, "Port A", "Ubuntü VM", "Synthetic", 0, KW_VMSWITCH | 0x100000000L,
                        T + 10, 0, 0, 0xDEADBEEFL, ethIpv4(80, 80)))
                .record(EtlBuilder.vmswitch(ptr64, 3, 3, 7, "Port A", "Ubuntü VM", "Synthetic", 2, KW_VMSWITCH, T + 20, 42, 5,
                        0x1234L, ethIpv4(90, 90)))
                .record(EtlBuilder.vmswitch(ptr64, 3, 5, 7, "Port A", "Ubuntü VM", "Synthetic", 0,
                        0x1000001L | EtlConstants.KW_PACKET_START, T + 30, 0, 0, 0, Arrays.copyOfRange(split, 0, 70)))
                .record(EtlBuilder.vmswitch(ptr64, 3, 5, 7, "Port A", "Ubuntü VM", "Synthetic", 0,
                        0x1000001L | EtlConstants.KW_PACKET_END, T + 31, 0, 0, 0, Arrays.copyOfRange(split, 70, 120)))
                .record(EtlBuilder.ndis(3, 3, KW_ETH, T + 40, ethIpv4(60, 60)));
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"64", "32", "compressed"})
    void vmswitchPacketsGetAnInterfacePerPortAndVlan(String variant) throws IOException {
        boolean ptr64 = !variant.equals("32");
        EtlSyntheticTest.Result r = read(vmswitchFile(ptr64, variant.equals("compressed")).build(), false);
        assertEquals(4, r.packets.size());
        PacketRecord p = r.packets.get(0);
        assertArrayEquals(ethIpv4(80, 80), p.payloadCopy());
        assertEquals(2, p.options().number(EtlConstants.EPB_FLAGS));
        assertEquals("PID=4 TID=8 CPU=0 VlanId=0 SrcPortId=7 SrcNicType=Synthetic SrcNicName=Ubuntü VM SrcPortName=Port A"
                + " HashValue=deadbeef", comment(p));
        InterfaceInfo f = r.ifaces.get(0);
        assertEquals(1, f.linkType());
        assertEquals("vNIC:Synthetic:Port A:3:0", f.name());
        assertEquals("VMSwitch port 7 Port A, NIC Ubuntü VM (Synthetic), IfIndex 3", f.description());
        // VLAN 42 from the 802.1Q NBL info: another interface; destinations counted as etl2pcapng does
        p = r.packets.get(1);
        assertEquals(1, p.options().number(EtlConstants.EPB_FLAGS));
        assertEquals("PID=4 TID=8 CPU=0 VlanId=42 SrcPortId=7 SrcNicType=Synthetic SrcNicName=Ubuntü VM SrcPortName=Port A"
                + " DstNicCount=2 HashValue=00001234", comment(p));
        assertEquals("vNIC:Synthetic:Port A:3:42", r.ifaces.get(1).name());
        assertTrue(r.ifaces.get(1).description().contains(", VLAN 42,"), r.ifaces.get(1).description());
        // two events joined, on LowerIfIndex 5 (a filter over miniport 3)
        p = r.packets.get(2);
        assertArrayEquals(ethIpv4(120, 120), p.payloadCopy());
        assertEquals("vNIC:Synthetic:Port A:5:0", r.ifaces.get(2).name());
        assertTrue(r.ifaces.get(2).description().endsWith(", IfIndex 5, LWF over IfIndex 3"), r.ifaces.get(2).description());
        // a 1001 of the same LowerIfIndex is an interface of its own
        assertEquals("eth:3", r.ifaces.get(3).name());
        assertEquals("PID=4 TID=8 CPU=0", comment(r.packets.get(3)));
        assertEquals(5, r.reader.packetEvents());
        assertEquals(0, r.reader.skipped());
    }

    @Test
    void wifiMetadataAppliesToTheNextPacketOfItsInterfaceOnly() throws IOException {
        EtlBuilder e = new EtlBuilder();
        long kw = 0x10000L | EtlConstants.KW_PACKET_START | EtlConstants.KW_PACKET_END | EtlConstants.KW_RECEIVE_PATH;
        byte[] frame = EtlBuilder.bytes(40, 1);
        frame[1] = 0; // no Protected bit
        e.buffer(0)
                .record(EtlBuilder.wlanMetadata(8, 8, 48, T + 1, 0x1, 7, 5180, 1, -52, 130))
                .record(EtlBuilder.ndis(9, 9, kw, T + 2, frame)) // another interface: not this metadata
                .record(EtlBuilder.ndis(8, 8, kw, T + 3, frame)) // this one
                .record(EtlBuilder.ndis(8, 8, kw, T + 4, frame)) // used once only
                .record(EtlBuilder.wlanMetadata(8, 8, 40, T + 5, 0x1, 7, 5180, 1, -52, 130)) // not the 48-byte context
                .record(EtlBuilder.ndis(8, 8, kw, T + 6, frame))
                .record(EtlBuilder.wlanMetadata(8, 8, 48, T + 7, 0x0, 42, 2412, 3, -70, 12)) // unknown PHY type
                .record(EtlBuilder.ndis(8, 8, kw, T + 8, frame))
                .record(EtlBuilder.wlanMetadata(8, 8, 48, T + 9, 0x0, 4, 2412, 3, -70, 12)); // no packet after it
        Diagnostics d = new Diagnostics();
        List<PacketRecord> got = new ArrayList<>();
        EtlReader reader;
        try (EtlReader r = new EtlReader(Input.of("w.etl", e.build()),
                new ReadOptions(ReadLimits.DEFAULT, false, d, ZoneOffset.UTC, false))) {
            reader = r;
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                if (rec.isPacket()) {
                    got.add(rec.copy());
                    assertEquals(105, r.interfaces().get(rec.interfaceId()).linkType());
                }
            }
        }
        assertEquals(5, got.size());
        assertEquals("PID=4 TID=8 CPU=0", comment(got.get(0)));
        assertEquals("PID=4 TID=8 CPU=0 Packet Metadata: ReceiveFlags:0x1, PhyType:802.11n, CenterCh:5180, NumMPDUsReceived:1,"
                + " RSSI:-52, DataRate:130", comment(got.get(1)));
        assertEquals("PID=4 TID=8 CPU=0", comment(got.get(2)));
        assertEquals("PID=4 TID=8 CPU=0", comment(got.get(3)));
        assertEquals("PID=4 TID=8 CPU=0 Packet Metadata: ReceiveFlags:0x0, PhyType:42, CenterCh:2412, NumMPDUsReceived:3,"
                + " RSSI:-70, DataRate:12", comment(got.get(4)));
        assertTrue(d.lines().stream().anyMatch(l -> l.contains("1 NDIS Wi-Fi metadata event(s) (1002) without a packet")),
                d.lines().toString());
        Map<String, Object> details = reader.details();
        assertEquals(3L, details.get("Metadata events"));
        assertEquals(1L, details.get("Wi-Fi metadata unused"));
        assertEquals(Map.of("Microsoft-Windows-NDIS-PacketCapture 1002", 1L), details.get("Events not converted"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pktmonAddressesBecomeInterfaceOptions(boolean compressed) throws IOException {
        EtlBuilder e = new EtlBuilder();
        e.compressed = compressed;
        byte[] mac = {0x00, 0x22, 0x48, 0x7b, (byte) 0xb3, (byte) 0x80};
        byte[] v4 = {10, 0, 0, 4};
        byte[] v6 = new byte[16];
        v6[0] = (byte) 0xfe;
        v6[1] = (byte) 0x80;
        v6[15] = 1;
        e.buffer(0).record(EtlBuilder.pktmon(160, 1, 3, 1, 5, 60, T + 1, EtlBuilder.bytes(60, 1)))
                .record(EtlBuilder.pktmon(160, 2, 3, 1, 6, 60, T + 2, EtlBuilder.bytes(60, 2)));
        // the rundown, written when pktmon stops: after the packets
        e.buffer(1).record(EtlBuilder.pktmonComponent(5, "netvsc.sys", "Hyper-V adapter"))
                .record(EtlBuilder.pktmonProperty(5, 6, mac))
                .record(EtlBuilder.pktmonProperty(5, 6, new byte[] {1, 2, 3, 4, 5, 6})) // the first MAC stays
                .record(EtlBuilder.pktmonProperty(5, 9, new byte[] {9, 9, 9, 9, 9, 9})) // not a PhysAddress
                .record(EtlBuilder.pktmonProperty(6, 6, new byte[8])) // an 8-byte address is no if_MACaddr
                .record(EtlBuilder.pktmonAddress(65, 5, v4))
                .record(EtlBuilder.pktmonAddress(65, 5, v4)) // repeated: written once
                .record(EtlBuilder.pktmonAddress(65, 5, new byte[] {(byte) 192, (byte) 168, 1, 2}))
                .record(EtlBuilder.pktmonAddress(66, 5, v6));
        EtlSyntheticTest.Result r = read(e.build(), false);
        assertEquals(2, r.packets.size());
        InterfaceInfo f = r.ifaces.get(0);
        assertEquals("pktmon:5:netvsc.sys", f.name());
        assertArrayEquals(mac, option(f, EtlConstants.IF_MACADDR));
        List<byte[]> four = options(f, EtlConstants.IF_IPV4ADDR);
        assertEquals(2, four.size());
        assertArrayEquals(new byte[] {10, 0, 0, 4, -1, -1, -1, -1}, four.get(0));
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, 2, -1, -1, -1, -1}, four.get(1));
        byte[] six = option(f, EtlConstants.IF_IPV6ADDR);
        assertArrayEquals(v6, Arrays.copyOf(six, 16));
        assertEquals(17, six.length);
        assertEquals(128, six[16] & 0xFF);
        InterfaceInfo g = r.ifaces.get(1);
        assertNull(option(g, EtlConstants.IF_MACADDR));
        assertNull(option(g, EtlConstants.IF_IPV4ADDR));
        Map<String, Object> details = r.reader.details();
        assertEquals(Map.of("Microsoft-Windows-PktMon 70", 2L), details.get("Events not converted"));
        assertEquals(7L, details.get("Metadata events"));
        // from a pipe: the rundown is met by the main pass, in time here as the sorting window holds both buffers
        EtlSyntheticTest.Result s = read(e.build(), true);
        assertArrayEquals(mac, option(s.ifaces.get(0), EtlConstants.IF_MACADDR));
        assertEquals(2, options(s.ifaces.get(0), EtlConstants.IF_IPV4ADDR).size());
    }

    @Test
    void rasPacketsGetAnInterfacePerRoutingDomainAndUser() throws IOException {
        EtlBuilder e = new EtlBuilder();
        String dom = "{7B8E6F2A-1C3D-4E5F-8A9B-0C1D2E3F4A5B}";
        e.buffer(0).record(EtlBuilder.ras(5001, dom, "alice", T + 1, ethIpv4(100, 60)))
                .record(EtlBuilder.ras(5002, dom, "alice", T + 2, ethIpv4(60, 60)))
                .record(EtlBuilder.ras(5002, dom, "bob", T + 3, ethIpv4(60, 60)));
        EtlSyntheticTest.Result r = read(e.build(), false);
        assertEquals(3, r.packets.size());
        assertEquals(2, r.reader.interfaces().size());
        assertEquals("Rras:" + dom + ":alice", r.ifaces.get(0).name());
        assertEquals(r.ifaces.get(0).name(), r.ifaces.get(1).name());
        assertEquals("Rras:" + dom + ":bob", r.ifaces.get(2).name());
        assertEquals(1, r.ifaces.get(0).linkType());
        assertEquals(2, r.packets.get(0).options().number(EtlConstants.EPB_FLAGS));
        assertEquals(1, r.packets.get(1).options().number(EtlConstants.EPB_FLAGS));
        assertEquals(114, r.packets.get(0).originalLength());
        assertEquals("PID=9 TID=10 CPU=0 RoutingDomainId=" + dom + " Username=bob", comment(r.packets.get(2)));
        assertArrayEquals(ethIpv4(60, 60), r.packets.get(2).payloadCopy());
    }

    @Test
    void infoDetailsCountEveryEventAndTheLostBuffers() throws IOException {
        EtlBuilder e = new EtlBuilder();
        long other = 0x4E12CCBCE13C0D23L; // {E13C0D23-CCBC-4E12-931B-D9CC2EEE27E4}, .NET runtime
        long otherHi = 0xE427EE2ECCD91B93L;
        e.buffer(0).record(EtlBuilder.system(16))
                .record(EtlBuilder.ndis(7, 7, KW_ETH, T + 1, ethIpv4(60, 60)))
                .record(EtlBuilder.event(other, otherHi, 82, 0, T + 2, 1, 1, new byte[8]))
                .record(EtlBuilder.event(other, otherHi, 82, 0, T + 3, 1, 1, new byte[8]))
                .record(EtlBuilder.event(other, otherHi, 10, 0, T + 3, 1, 1, new byte[8]))
                .record(EtlBuilder.event(EtlConstants.NDIS_GUID_LO, EtlConstants.NDIS_GUID_HI, 5100, 0, T + 4, 1, 1,
                        new byte[4]));
        e.buffer(1, EtlConstants.BUFFER_FLAG_EVENTS_LOST).record(EtlBuilder.pktmon(170, 1, 3, 1, 5, 60, T + 5,
                EtlBuilder.bytes(60, 1)));
        e.buffer(0, EtlConstants.BUFFER_FLAG_BUFFER_LOST | EtlConstants.BUFFER_FLAG_EVENTS_LOST).record(EtlBuilder.perfinfo(8));
        EtlSyntheticTest.Result r = read(e.build(), false);
        Map<String, Object> d = r.reader.details();
        assertEquals(4L, d.get("ETL buffers")); // with the header buffer
        assertEquals(9L, d.get("Trace records")); // header event + 8
        assertEquals(6L, d.get("EVENT_HEADER events"));
        assertEquals(2L, d.get("Packet events"));
        assertEquals(1L, d.get("Drop events left out"));
        assertEquals(List.of("Microsoft-Windows-NDIS-PacketCapture 5100", "{E13C0D23-CCBC-4E12-931B-D9CC2EEE27E4} 10",
                "{E13C0D23-CCBC-4E12-931B-D9CC2EEE27E4} 82"), new ArrayList<>(((Map<?, ?>) d.get("Events not converted")).keySet()));
        assertEquals(2L, ((Map<?, ?>) d.get("Events not converted")).get("{E13C0D23-CCBC-4E12-931B-D9CC2EEE27E4} 82"));
        assertEquals(2L, d.get("Events-lost buffers"));
        assertEquals(1L, d.get("Buffer-lost flags"));
        assertFalse(d.containsKey("Wi-Fi metadata unused"));
    }
}
