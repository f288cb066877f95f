package dev.capmill.decode;

import static dev.capmill.testing.Frames.IP_1;
import static dev.capmill.testing.Frames.IP_2;
import static dev.capmill.testing.Frames.MAC_A;
import static dev.capmill.testing.Frames.MAC_B;
import static dev.capmill.testing.Frames.MAC_C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capmill.testing.Frames;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TapKeyTest {
    private final TapKey key = new TapKey();

    /** The key as a string for comparisons, or "none". */
    private String k(byte[] frame, int linkType) {
        return key.compute(frame, 0, frame.length, linkType) ? key.hi() + ":" + key.lo() : "none";
    }

    private String eth(byte[] ip) {
        return k(Frames.eth(MAC_B, MAC_A, -1, 0x0800, ip), 1);
    }

    private static byte[] tcpData(byte[] data) {
        return Frames.tcp(40000, 80, 1000, 2000, data);
    }

    @Test
    void ttlMacAddressesVlanTagsAndChecksumsDoNotChangeTheKey() {
        byte[] seg = tcpData(Frames.bytes(1, 300));
        byte[] ip = Frames.ipv4(64, 7, 6, seg);
        String a = eth(ip);
        assertNotEquals("none", a);
        // one hop further: TTL 63 (so a new header checksum), other MACs, a VLAN tag
        byte[] ip2 = Frames.ipv4(63, 7, 6, seg);
        assertTrue(ip[10] != ip2[10] || ip[11] != ip2[11], "the header checksums differ");
        assertEquals(a, k(Frames.eth(MAC_C, MAC_B, 20, 0x0800, ip2), 1));
        // DSCP/ECN re-marked, DF cleared by a middlebox
        assertEquals(a, eth(Frames.ipv4(60, 0xb8 | 3, 7, 0, 6, IP_1, IP_2, seg)));
        // TCP checksum and options (MSS clamped) rewritten
        byte[] clamped = Frames.tcp(40000, 80, 1000, 2000, 0x18, new byte[] {2, 4, 5, (byte) 0xb4}, 0x1234,
                Frames.bytes(1, 300));
        byte[] orig = Frames.tcp(40000, 80, 1000, 2000, 0x18, new byte[] {2, 4, 0x23, 0x28}, 0x4321, Frames.bytes(1, 300));
        assertEquals(eth(Frames.ipv4(64, 7, 6, orig)), eth(Frames.ipv4(62, 7, 6, clamped)));
        // Ethernet padding and an FCS after the IP datagram
        byte[] padded = Frames.cat(Frames.eth(MAC_B, MAC_A, -1, 0x0800, ip), new byte[] {0, 0, 0, 0, 1, 2, 3, 4});
        assertEquals(a, k(padded, 1));
        // the same packet captured as raw IP or in a Linux cooked header
        assertEquals(a, k(ip, 101));
        assertEquals(a, k(ip, 228));
        assertEquals(a, k(Frames.sll(0x0800, ip2), 113));
        assertEquals(a, k(Frames.cat(new byte[] {2, 0, 0, 0}, ip2), 0));
    }

    @Test
    void anyDifferenceInTheIdentifyingFieldsOrThePayloadChangesTheKey() {
        byte[] data = Frames.bytes(1, 300);
        Set<String> keys = new HashSet<>();
        keys.add(eth(Frames.ipv4(64, 7, 6, tcpData(data))));
        byte[] flipped = data.clone();
        flipped[299] ^= 1;
        keys.add(eth(Frames.ipv4(64, 7, 6, tcpData(flipped))));
        flipped = data.clone();
        flipped[0] ^= (byte) 0x80;
        keys.add(eth(Frames.ipv4(64, 7, 6, tcpData(flipped))));
        keys.add(eth(Frames.ipv4(64, 7, 6, tcpData(java.util.Arrays.copyOf(data, 299)))));
        keys.add(eth(Frames.ipv4(64, 8, 6, tcpData(data)))); // identification
        keys.add(eth(Frames.ipv4(64, 0, 7, 0x4000, 6, IP_2, IP_1, tcpData(data)))); // addresses swapped
        keys.add(eth(Frames.ipv4(64, 0, 7, 0x2000, 6, IP_1, IP_2, tcpData(data)))); // a first fragment
        keys.add(eth(Frames.ipv4(64, 7, 6, Frames.tcp(40001, 80, 1000, 2000, data))));
        keys.add(eth(Frames.ipv4(64, 7, 6, Frames.tcp(40000, 81, 1000, 2000, data))));
        keys.add(eth(Frames.ipv4(64, 7, 6, Frames.tcp(40000, 80, 1001, 2000, data))));
        keys.add(eth(Frames.ipv4(64, 7, 6, Frames.tcp(40000, 80, 1000, 2001, data))));
        keys.add(eth(Frames.ipv4(64, 7, 6, Frames.tcp(40000, 80, 1000, 2000, 0x11, new byte[0], 0, data)))); // flags
        keys.add(eth(Frames.ipv4(64, 7, 17, Frames.udp(40000, 80, data))));
        keys.add(eth(Frames.ipv4(64, 7, 1, data)));
        assertEquals(14, keys.size(), keys.toString());
        assertFalse(keys.contains("none"));
    }

    @Test
    void ipv6IgnoresHopLimitAndFlowLabel() {
        byte[] udp = Frames.udp(5353, 53, Frames.bytes(3, 40));
        byte[] f1 = Frames.eth(MAC_B, MAC_A, -1, 0x86DD, Frames.ipv6(64, 0x12345, 17, 1, 2, udp));
        byte[] f2 = Frames.eth(MAC_C, MAC_B, 30, 0x86DD, Frames.ipv6(63, 0, 17, 1, 2, udp));
        assertNotEquals("none", k(f1, 1));
        assertEquals(k(f1, 1), k(f2, 1));
        assertEquals(k(f1, 1), k(Frames.ipv6(60, 0, 17, 1, 2, udp), 229));
        assertNotEquals(k(f1, 1), k(Frames.ipv6(64, 0, 17, 1, 3, udp), 229));
        assertNotEquals(k(f1, 1), k(Frames.ipv6(64, 0, 17, 1, 2, Frames.udp(5353, 53, Frames.bytes(4, 40))), 229));
    }

    @Test
    void arpIsKeyedByItsBodyAndOtherFramesHaveNoKey() {
        byte[] body = Frames.arp(1, MAC_A, IP_1, new byte[6], IP_2);
        String a = k(Frames.eth(new byte[] {-1, -1, -1, -1, -1, -1}, MAC_A, -1, 0x0806, Frames.cat(body, new byte[18])), 1);
        assertNotEquals("none", a);
        assertEquals(a, k(Frames.eth(MAC_B, MAC_C, 10, 0x0806, body), 1));
        assertNotEquals(a, k(Frames.eth(MAC_B, MAC_C, 10, 0x0806, Frames.arp(2, MAC_A, IP_1, new byte[6], IP_2)), 1));
        assertEquals("none", k(Frames.eth(MAC_B, MAC_A, -1, 0x88cc, Frames.bytes(1, 50)), 1)); // LLDP
        assertEquals("none", k(Frames.eth(MAC_B, MAC_A, -1, 0x0800, new byte[10]), 1)); // not IPv4
        assertEquals("none", k(Frames.ipv4(64, 7, 6, tcpData(new byte[4])), 105)); // 802.11: not matched
        assertEquals("none", k(Frames.eth(MAC_B, MAC_A, -1, 0x0806, java.util.Arrays.copyOf(body, 27)), 1)); // ARP cut short
    }

    @Test
    void truncatedAndRandomBytesNeverThrowNorReadOutsideTheirView() {
        byte[] frame = Frames.eth(MAC_B, MAC_A, 20, 0x0800, Frames.ipv4(64, 7, 6, tcpData(Frames.bytes(9, 64))));
        int[] links = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 105};
        for (int lt : links) {
            for (int len = 0; len <= frame.length; len++) {
                // the view sits between bytes that would change the key if they were read
                byte[] b = new byte[len + 20];
                java.util.Arrays.fill(b, (byte) 0x45);
                System.arraycopy(frame, 0, b, 10, len);
                boolean has = key.compute(b, 10, len, lt);
                String first = has ? key.hi() + ":" + key.lo() : "none";
                java.util.Arrays.fill(b, 0, 10, (byte) 0x60);
                java.util.Arrays.fill(b, 10 + len, b.length, (byte) 0x60);
                String second = key.compute(b, 10, len, lt) ? key.hi() + ":" + key.lo() : "none";
                assertEquals(first, second, "link type " + lt + ", " + len + " bytes");
            }
        }
        Random rnd = new Random(6);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            if (b.length > 20 && rnd.nextBoolean()) {
                b[14] = (byte) (rnd.nextBoolean() ? 0x45 : 0x60); // make IP headers likely
                b[12] = rnd.nextBoolean() ? (byte) 0x08 : (byte) 0x86;
                b[13] = b[12] == 0x08 ? 0 : (byte) 0xdd;
            }
            key.compute(b, 0, b.length, links[i % links.length]);
        }
        assertFalse(key.compute(new byte[10], 5, 10, 1));
        assertFalse(key.compute(null, 0, 0, 1));
    }

    @Test
    void computingAKeyAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        byte[][] frames = {
            Frames.eth(MAC_B, MAC_A, 20, 0x0800, Frames.ipv4(64, 7, 6, tcpData(Frames.bytes(9, 1400)))),
            Frames.eth(MAC_B, MAC_A, -1, 0x86DD, Frames.ipv6(64, 0, 17, 1, 2, Frames.udp(1, 2, Frames.bytes(2, 90)))),
            Frames.eth(MAC_B, MAC_A, -1, 0x0806, Frames.arp(1, MAC_A, IP_1, new byte[6], IP_2)),
            Frames.ipv4(64, 7, 1, Frames.bytes(3, 64))};
        int[] lt = {1, 1, 1, 101};
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += key.compute(frames[i & 3], 0, frames[i & 3].length, lt[i & 3]) ? key.hi() : 0;
        }
        long tid = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 500_000; i++) {
            sink += key.compute(frames[i & 3], 0, frames[i & 3].length, lt[i & 3]) ? key.hi() : 0;
        }
        long allocated = hot.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 16 * 1024, allocated + " bytes allocated for 500,000 keys (" + sink + ")");
    }
}
