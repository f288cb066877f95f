package dev.capmill.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** protochain, geneve and libpcap's "rejects all packets" refusals, without libpcap. */
class EncapsulationTest {
    private static final byte[] ETHER = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6};

    private static byte[] ether(int type, byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.writeBytes(ETHER);
        o.write(type >> 8);
        o.write(type);
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] ipv4(int proto) {
        return new byte[] {0x45, 0, 0, 60, 0, 1, 0, 0, 64, (byte) proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
    }

    private static byte[] ipv6(int next) {
        byte[] h = new byte[40];
        h[0] = 0x60;
        h[6] = (byte) next;
        return h;
    }

    private static boolean matches(String e, byte[] p) {
        return BpfProgram.compile(e, 1).matches(p, 0, p.length, p.length);
    }

    @Test
    void protochainWalksIpv6ExtensionHeadersAndAh() {
        // hop-by-hop (8 bytes), routing (16 bytes), fragment, AH (12 bytes), then TCP
        byte[] hbh = {43, 0, 0, 0, 0, 0, 0, 0};
        byte[] rt = {44, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] frag = {51, 0, 0, 0, 0, 0, 0, 1};
        byte[] ah = {6, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] tcp = new byte[20];
        byte[] p = ether(0x86dd, ipv6(0), hbh, rt, frag, ah, tcp);
        // libpcap's AH step reads AH's next header (6) but sets the offset to AH's length alone,
        // (1 + 2) * 4 = 12 bytes past the IPv6 header's start, not past the AH; 6 ends the walk
        assertTrue(matches("protochain 6", p));
        assertTrue(matches("ip6 protochain 43", p));
        assertTrue(matches("protochain 44", p));
        assertTrue(matches("protochain 51", p));
        assertFalse(matches("ip protochain 43", p));
        assertFalse(matches("protochain 17", p));
        // IPv4: AH then UDP; the AH's next header is read at the IP header length
        byte[] ah4 = {17, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] q = ether(0x0800, ipv4(51), ah4, new byte[8]);
        assertTrue(matches("protochain 51", q));
        assertTrue(matches("ip protochain 17", q));
        assertFalse(matches("ip6 protochain 51", q));
        // "no next header" ends the walk
        assertFalse(matches("protochain 6", ether(0x86dd, ipv6(59), tcp)));
        assertTrue(matches("protochain 59", ether(0x86dd, ipv6(59), tcp)));
    }

    @Test
    void anAhThatLeadsBackToItselfIsDroppedNotLoopedOn() {
        // IPv4 AH at 20 whose length (3 + 2) * 4 = 20 points back at itself: libpcap's
        // interpreter (tcpdump -r ... 'protochain 6') never returns on this packet
        byte[] ah = new byte[20];
        ah[0] = 51;
        ah[1] = 3;
        byte[] p = ether(0x0800, ipv4(51), ah);
        BpfProgram prog = BpfProgram.compile("protochain 6", 1);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertTrue(prog.endless(p, 0, p.length, p.length));
            assertEquals(0, prog.run(p, 0, p.length, p.length));
        });
        // a walk that ends is not taken for a loop
        byte[] fine = ether(0x0800, ipv4(51), new byte[] {6, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[20]);
        assertFalse(prog.endless(fine, 0, fine.length, fine.length));
    }

    @Test
    void geneveLooksAtTheInnerFrame() {
        byte[] inner = ether(0x0800, ipv4(6), new byte[20]);
        byte[] gen = {0x01, 0, (byte) 0x65, (byte) 0x58, 0, 0, 5, 0, 0x11, 0x22, 0x33, 0x44}; // 1 option word
        byte[] udp = {(byte) 0xc0, 1, 0x17, (byte) 0xc1, 0, 0, 0, 0};
        byte[] p = ether(0x0800, ipv4(17), udp, gen, inner);
        assertTrue(matches("geneve", p));
        assertTrue(matches("geneve 5", p));
        assertFalse(matches("geneve 6", p));
        assertTrue(matches("geneve and tcp", p));
        assertFalse(matches("geneve and udp", p));
        assertTrue(matches("geneve and ether src 00:01:02:03:04:06", p));
        assertTrue(matches("geneve and host 10.0.0.2", p));
        // bare IPv6 inside (protocol 0x86dd): no Ethernet header, so ether tests fail
        byte[] bare = {0, 0, (byte) 0x86, (byte) 0xdd, 0, 0, 7, 0};
        byte[] q = ether(0x0800, ipv4(17), udp, bare, ipv6(17), new byte[8]);
        assertTrue(matches("geneve 7 and ip6 and udp", q));
        assertFalse(matches("geneve and ether host 00:01:02:03:04:05", q));
        assertFalse(matches("geneve and broadcast", q));
        // version 1 is not looked into
        byte[] v1 = gen.clone();
        v1[0] = 0x41;
        assertFalse(matches("geneve", ether(0x0800, ipv4(17), udp, v1, inner)));
    }

    @Test
    void refusalsNameTheProblem() {
        String[][] cases = {
            {"geneve 16777216", "greater than maximum"},
            {"ether protochain 6", "bad protocol applied for 'protochain'"},
            {"protochain foo", "unknown ip proto 'foo'"},
            {"protochain 1.2.3.4", "'protochain' modifier applied to ip host"},
            {"geneve and protochain 6", "not supported with variable length headers"},
            {"ip6[40:2] > 1000 and net 10", "rejects all packets"},
        };
        for (String[] c : cases) {
            FilterException e = assertThrows(FilterException.class, () -> BpfProgram.compile(c[0], c[0].contains("net 10") ? 0 : 1), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        FilterException e = assertThrows(FilterException.class, () -> BpfProgram.compile("geneve", 127));
        assertTrue(e.getMessage().contains("unset register"), e.getMessage());
        assertThrows(FilterException.class, () -> BpfProgram.compile("protochain 6", 105));
        // what libpcap keeps on loopback stays accepted
        BpfProgram.compile("ip6[40:2] > 1000 and tcp", 0);
        BpfProgram.compile("ip6 net fe80::/10 and icmp[0] = 8", 0);
    }

    @Test
    void dumpIsLibpcapsUnoptimisedProgram() {
        // tcpdump -d -y EN10MB 'ip6 protochain 17' | sed 's/ *$//' (libpcap 1.10.3; protochain
        // turns its optimiser off, so this is also its generated program)
        String want = String.join("\n",
                "(000) ldh      [12]",
                "(001) jeq      #0x86dd          jt 2\tjf 35",
                "(002) ldb      [20]",
                "(003) ldx      #0x28",
                "(004) jeq      #0x11            jt 32\tjf 5",
                "(005) jeq      #0x3b            jt 32\tjf 6",
                "(006) jeq      #0x0             jt 10\tjf 7",
                "(007) jeq      #0x3c            jt 10\tjf 8",
                "(008) jeq      #0x2b            jt 10\tjf 9",
                "(009) jeq      #0x2c            jt 10\tjf 19",
                "(010) ldb      [x + 14]",
                "(011) st       M[0]",
                "(012) ldb      [x + 15]",
                "(013) add      #1",
                "(014) mul      #8",
                "(015) add      x",
                "(016) tax",
                "(017) ld       M[0]",
                "(018) ja       4",
                "(019) jeq      #0x33            jt 20\tjf 32",
                "(020) txa",
                "(021) ldb      [x + 14]",
                "(022) st       M[0]",
                "(023) txa",
                "(024) add      #1",
                "(025) tax",
                "(026) ldb      [x + 14]",
                "(027) add      #2",
                "(028) mul      #4",
                "(029) tax",
                "(030) ld       M[0]",
                "(031) ja       4",
                "(032) add      #0",
                "(033) jeq      #0x11            jt 34\tjf 35",
                "(034) ret      #262144",
                "(035) ret      #0",
                "");
        String got = BpfProgram.compile("ip6 protochain 17", 1).dump();
        assertEquals(want, got);
    }

    @Test
    void randomAndCutBytesNeverThrowOrHang() {
        Random r = new Random(42);
        List<BpfProgram> progs = new ArrayList<>();
        for (int lt : new int[] {1, 101, 113, 276, 0, 228, 229}) {
            for (String e : new String[] {"protochain 6", "ip6 protochain 17", "geneve and tcp", "geneve 5 and vlan and ip6",
                "geneve and ether host 00:01:02:03:04:05", "not geneve and ip"}) {
                progs.add(BpfProgram.compile(e, lt));
            }
        }
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int n = 0; n < 20_000; n++) {
                byte[] p = new byte[r.nextInt(200)];
                r.nextBytes(p);
                if (p.length > 14 && r.nextBoolean()) {
                    p[12] = (byte) (r.nextBoolean() ? 0x86 : 0x08);
                    p[13] = (byte) (p[12] == (byte) 0x86 ? 0xdd : 0);
                    p[14] = (byte) (p[12] == (byte) 0x86 ? 0x60 : 0x45);
                }
                for (BpfProgram prog : progs) {
                    prog.run(p, 0, p.length, p.length + r.nextInt(3));
                }
            }
        });
    }

    @Test
    void runningProtochainAndGeneveAllocatesNothingPerPacket() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        byte[] hbh = {6, 0, 0, 0, 0, 0, 0, 0};
        byte[] v6 = ether(0x86dd, ipv6(0), hbh, new byte[20]);
        byte[] gen = {0, 0, (byte) 0x65, (byte) 0x58, 0, 0, 5, 0};
        byte[] udp = {(byte) 0xc0, 1, 0x17, (byte) 0xc1, 0, 0, 0, 0};
        byte[] g = ether(0x0800, ipv4(17), udp, gen, ether(0x0800, ipv4(6), new byte[20]));
        BpfProgram a = BpfProgram.compile("protochain 6", 1);
        BpfProgram b = BpfProgram.compile("geneve and tcp", 1);
        for (int i = 0; i < 50_000; i++) {
            a.run(v6, 0, v6.length, v6.length);
            b.run(g, 0, g.length, g.length);
        }
        long tid = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(tid);
        int n = 200_000;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            kept += a.matches(v6, 0, v6.length, v6.length) ? 1 : 0;
            kept += b.matches(g, 0, g.length, g.length) ? 1 : 0;
        }
        long allocated = hot.getThreadAllocatedBytes(tid) - before;
        assertEquals(2 * n, kept);
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for " + n + " packets");
    }
}
