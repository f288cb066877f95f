package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.decode.Dissection;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.TextBuffer;
import dev.capmill.testing.Shared;
import dev.capmill.testing.UdpAppCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UDP application decoders: field values, robustness on damaged payloads, the committed fixture. */
class UdpAppsTest {
    static final Path CAPTURE = Shared.projectDir().resolve("testdata/pcap/udp-apps.pcap");

    static List<byte[]> packets() throws Exception {
        Shared.requirePrerequisite(Files.exists(CAPTURE), CAPTURE + " is missing");
        List<byte[]> packets = new ArrayList<>();
        try (CaptureReader r = FormatRegistry.standard().open(CAPTURE.toString(), ReadOptions.defaults())) {
            PacketRecord p = new PacketRecord();
            while (r.next(p)) {
                if (p.isPacket()) {
                    packets.add(p.payloadCopy());
                }
            }
        }
        return packets;
    }

    @Test
    void theCommittedFixtureIsWhatTheGeneratorWrites() throws Exception {
        assertTrue(Arrays.equals(UdpAppCaptures.pcap(), Files.readAllBytes(CAPTURE)),
                "regenerate testdata/pcap/udp-apps.pcap (see testdata/pcap/README.md)");
    }

    @Test
    void dnsFieldsForTheFieldOutput() throws Exception {
        List<byte[]> p = packets();
        Summarizer s = new Summarizer();
        s.summarize(p.get(0), 0, p.get(0).length, 1, 1);
        Dissection d = s.dissection();
        assertTrue(d.has(Dissection.DNS) && d.has(Dissection.UDP));
        assertEquals(0x1a2b, d.dns.id());
        assertFalse(d.dns.isResponse());
        assertEquals(1, d.dns.queryType());
        TextBuffer name = new TextBuffer();
        assertTrue(d.dns.appendQueryName(name));
        assertEquals("www.example.com", name.toString());

        s.summarize(p.get(1), 0, p.get(1).length, 1, 2);
        assertTrue(d.dns.isResponse());
        assertEquals(3, d.dns.answers());

        s.summarize(p.get(15), 0, p.get(15).length, 1, 16); // mDNS
        assertTrue(d.has(Dissection.MDNS) && !d.has(Dissection.DNS));
        assertEquals(12, d.dns.queryType());

        s.summarize(p.get(24), 0, p.get(24).length, 1, 25); // DHCP discover
        assertTrue(d.has(Dissection.DHCP));
        assertEquals(1, d.dhcp.messageType());
        assertEquals(0x3903f326L, d.dhcp.transactionId());

        s.summarize(p.get(30), 0, p.get(30).length, 1, 31); // DHCPv6 solicit
        assertTrue(d.has(Dissection.DHCPV6));
        assertEquals(1, d.dhcpv6.messageType());
        assertEquals(0x100874, d.dhcpv6.transactionId());

        s.summarize(p.get(33), 0, p.get(33).length, 1, 34); // NTP client
        assertTrue(d.has(Dissection.NTP));
        assertEquals(4, d.ntp.version());
        assertEquals(3, d.ntp.mode());

        for (int i : new int[] {19, 37}) {
            s.summarize(p.get(i), 0, p.get(i).length, 1, i + 1);
            assertTrue(d.has(i == 19 ? Dissection.NBNS : Dissection.SSDP));
        }
    }

    @Test
    void summarizingAllocatesNothingPerPacket() throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        List<byte[]> p = packets();
        Summarizer s = new Summarizer();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = p.get(i % p.size());
            s.summarize(b, 0, b.length, 1, i + 1);
        }
        long tid = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = p.get(i % p.size());
            s.summarize(b, 0, b.length, 1, i + 1);
        }
        long allocated = hot.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for 200000 packets");
    }

    @Test
    void portRulesFollowTsharksLowerPortFirst() {
        assertEquals(UdpPorts.DNS, UdpPorts.choose(53, 40000));
        assertEquals(UdpPorts.NBNS, UdpPorts.choose(5353, 137));
        assertEquals(UdpPorts.OTHER, UdpPorts.choose(7, 53)); // echo is tried first
        assertEquals(UdpPorts.MDNS, UdpPorts.choose(5353, 5353));
        assertEquals(UdpPorts.NONE, UdpPorts.choose(40000, 40001));
        assertEquals(UdpPorts.DHCPV6, UdpPorts.choose(547, 546));
    }

    @Test
    void namesWithLoopsAndTooLongAreTsharksTexts() throws Exception {
        Summarizer s = new Summarizer();
        // 63+63+63+62 characters and three dots: 254 characters, one too many
        TextBuffer name = new TextBuffer();
        for (int i = 0; i < 3; i++) {
            name.append("a".repeat(63)).append('.');
        }
        name.append("b".repeat(62));
        byte[] q = UdpAppCaptures.dns(1, 0x0100, 1, 0, 0, 0, UdpAppCaptures.cat(UdpAppCaptures.name(name.toString()),
                UdpAppCaptures.u16(1), UdpAppCaptures.u16(1)));
        byte[] f = UdpAppCaptures.v4(new byte[] {10, 1, 0, 5}, new byte[] {(byte) 192, 0, 2, 53}, 5000, 53, q)[0];
        s.summarize(f, 0, f.length, 1, 1);
        assertEquals("DNS", s.protocol.toString());
        assertEquals("Standard query 0x0001 A <Name too long>", s.infoText());
    }

    /** Every truncation and random damage of every packet, and random payloads on every port: no throw, no read past the view. */
    @Test
    void damagedPayloadsNeverThrowNorReadPastTheView() throws Exception {
        List<byte[]> packets = packets();
        Summarizer s = new Summarizer();
        Summarizer exact = new Summarizer();
        Random rnd = new Random(17);
        long frame = 0;
        for (byte[] pkt : packets) {
            byte[] buf = new byte[pkt.length + 64];
            for (int len = 0; len <= pkt.length; len++) {
                Arrays.fill(buf, (byte) 0xc0); // compression pointers everywhere outside the view
                System.arraycopy(pkt, 0, buf, 16, len);
                s.summarize(buf, 16, len, 1, ++frame);
                exact.summarize(Arrays.copyOf(pkt, len), 0, len, 1, frame);
                assertEquals(exact.protocol + "|" + exact.infoText(), s.protocol + "|" + s.infoText());
                assertFalse(s.protocol.length() == 0);
            }
            for (int round = 0; round < 300; round++) {
                byte[] d = pkt.clone();
                for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                    d[42 + rnd.nextInt(Math.max(1, d.length - 42))] = (byte) rnd.nextInt(256);
                }
                s.summarize(d, 0, d.length, 1, ++frame);
                exact.summarize(d, 0, d.length, 1, frame);
            }
        }
        int[] ports = {53, 5353, 5355, 137, 67, 68, 546, 547, 123, 1900};
        for (int port : ports) {
            for (int round = 0; round < 400; round++) {
                byte[] payload = new byte[rnd.nextInt(300)];
                rnd.nextBytes(payload);
                if (round % 4 == 0 && payload.length > 12) {
                    payload[4] = 0;
                    payload[5] = 1; // one question, the rest random
                }
                byte[] f = UdpAppCaptures.v4(new byte[] {10, 1, 0, 5}, new byte[] {(byte) 192, 0, 2, 53}, 40000, port, payload)[0];
                s.summarize(f, 0, f.length, 1, ++frame);
                assertFalse(s.protocol.length() == 0);
                assertTrue(s.info.length() <= 4095);
            }
        }
    }
}
