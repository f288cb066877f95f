package dev.capmill.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the project's own small sample capture ({@code testdata/pcap/sample.pcap}): 24 Ethernet
 * frames of everyday traffic (ARP, DNS over UDP, a TCP handshake with an HTTP request and reply,
 * ICMP echo, an IPv6 UDP datagram, an 802.1Q-tagged frame), built byte by byte here so that no
 * third-party capture is needed. Checksums are computed. Deterministic: the same bytes every run.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.testing.SampleCaptures</pre>
 */
public final class SampleCaptures {
    static final byte[] MAC_A = {2, 0, 0, 0, 0, 1};
    static final byte[] MAC_B = {2, 0, 0, 0, 0, 2};
    static final byte[] BCAST = {-1, -1, -1, -1, -1, -1};
    static final byte[] IP_A = {10, 1, 0, 5};
    static final byte[] IP_B = {(byte) 192, 0, 2, 80};
    static final byte[] IP_DNS = {(byte) 192, 0, 2, 53};

    private SampleCaptures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Shared.projectDir().resolve(args.length > 0 ? args[0] : "testdata/pcap/sample.pcap");
        Files.createDirectories(out.getParent());
        Files.write(out, samplePcap());
        System.err.println("wrote " + out);
    }

    /** The sample as a little-endian microsecond pcap. */
    public static byte[] samplePcap() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        o.writeBytes(h.array());
        long t = 1_709_294_400_000_000L; // 2024-03-01T12:00:00Z in µs
        int i = 0;
        for (byte[] f : frames()) {
            t += 1_250 + (i++ * 7_919L) % 40_000;
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(f.length).putInt(f.length);
            o.writeBytes(r.array());
            o.writeBytes(f);
        }
        return o.toByteArray();
    }

    static byte[][] frames() {
        String get = "GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: capmill-sample\r\n\r\n";
        String ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<p>hello</p>\n";
        return new byte[][] {
            arp(1, MAC_A, IP_A, new byte[6], IP_B, BCAST),
            arp(2, MAC_B, IP_B, MAC_A, IP_A, MAC_A),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_DNS, 17, 101, udp(IP_A, IP_DNS, 17, 53000, 53, dnsQuery(0x1234, "www.example.com", 1, false)))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_DNS, IP_A, 17, 7, udp(IP_DNS, IP_A, 17, 53, 53000, dnsQuery(0x1234, "www.example.com", 1, true)))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 6, 102, tcp(IP_A, IP_B, 40000, 80, 1000, 0, 0x02, new byte[0]))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_B, IP_A, 6, 8, tcp(IP_B, IP_A, 80, 40000, 5000, 1001, 0x12, new byte[0]))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 6, 103, tcp(IP_A, IP_B, 40000, 80, 1001, 5001, 0x10, new byte[0]))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 6, 104, tcp(IP_A, IP_B, 40000, 80, 1001, 5001, 0x18, get.getBytes()))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_B, IP_A, 6, 9, tcp(IP_B, IP_A, 80, 40000, 5001, 1001 + get.length(), 0x10, new byte[0]))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_B, IP_A, 6, 10, tcp(IP_B, IP_A, 80, 40000, 5001, 1001 + get.length(), 0x18, ok.getBytes()))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 6, 105, tcp(IP_A, IP_B, 40000, 80, 1001 + get.length(), 5001 + ok.length(), 0x11, new byte[0]))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_B, IP_A, 6, 11, tcp(IP_B, IP_A, 80, 40000, 5001 + ok.length(), 1002 + get.length(), 0x11, new byte[0]))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 6, 106, tcp(IP_A, IP_B, 40000, 80, 1002 + get.length(), 5002 + ok.length(), 0x10, new byte[0]))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 1, 107, icmpEcho(8, 0x77, 1))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_B, IP_A, 1, 12, icmpEcho(0, 0x77, 1))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 1, 108, icmpEcho(8, 0x77, 2))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_B, IP_A, 1, 13, icmpEcho(0, 0x77, 2))),
            eth(MAC_A, MAC_B, 0x86DD, ipv6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x35}, 17,
                dnsQuery(0x4321, "ipv6.example.net", 28, false))),
            vlan(MAC_A, MAC_B, 20, 0x0800, ipv4(IP_A, IP_DNS, 17, 109, udp(IP_A, IP_DNS, 17, 53001, 53, dnsQuery(0x5678, "tagged.example.org", 1, false)))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_DNS, IP_A, 17, 14, udp(IP_DNS, IP_A, 17, 53, 53001, dnsQuery(0x5678, "tagged.example.org", 1, true)))),
            eth(MAC_A, BCAST, 0x0800, ipv4(IP_A, new byte[] {10, 1, (byte) 255, (byte) 255}, 17, 110,
                udp(IP_A, new byte[] {10, 1, (byte) 255, (byte) 255}, 17, 137, 137, new byte[50]))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 6, 111, tcp(IP_A, IP_B, 40001, 443, 9000, 0, 0x02, new byte[0]))),
            eth(MAC_B, MAC_A, 0x0800, ipv4(IP_B, IP_A, 6, 15, tcp(IP_B, IP_A, 443, 40001, 0, 9001, 0x14, new byte[0]))),
            eth(MAC_A, MAC_B, 0x0800, ipv4(IP_A, IP_B, 17, 112, udp(IP_A, IP_B, 17, 123, 123, ntp()))),
        };
    }

    static byte[] eth(byte[] src, byte[] dst, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(dst).put(src).putShort((short) type).put(payload);
        return b.array();
    }

    static byte[] vlan(byte[] src, byte[] dst, int vid, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(18 + payload.length);
        b.put(dst).put(src).putShort((short) 0x8100).putShort((short) vid).putShort((short) type).put(payload);
        return b.array();
    }

    static byte[] arp(int op, byte[] sha, byte[] spa, byte[] tha, byte[] tpa, byte[] dst) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op);
        b.put(sha).put(spa).put(tha).put(tpa);
        byte[] frame = eth(sha, dst, 0x0806, b.array());
        byte[] padded = new byte[60];
        System.arraycopy(frame, 0, padded, 0, frame.length);
        return padded;
    }

    static byte[] ipv4(byte[] src, byte[] dst, int proto, int id, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) 0x4000).put((byte) 64).put((byte) proto).putShort((short) 0).put(src).put(dst);
        byte[] a = b.put(payload).array();
        int c = checksum(a, 0, 20, 0);
        a[10] = (byte) (c >> 8);
        a[11] = (byte) c;
        return a;
    }

    static byte[] ipv6(byte[] src, byte[] dst, int next, byte[] dnsPayload) {
        byte[] u = new byte[8 + dnsPayload.length];
        ByteBuffer ub = ByteBuffer.wrap(u);
        ub.putShort((short) 53002).putShort((short) 53).putShort((short) u.length).putShort((short) 0).put(dnsPayload);
        long sum = sum(src) + sum(dst) + u.length + next;
        int c = checksum(u, 0, u.length, sum);
        u[6] = (byte) (c >> 8);
        u[7] = (byte) c;
        ByteBuffer b = ByteBuffer.allocate(40 + u.length);
        b.putInt(0x60000000).putShort((short) u.length).put((byte) next).put((byte) 64).put(src).put(dst).put(u);
        return b.array();
    }

    static byte[] udp(byte[] src, byte[] dst, int proto, int sport, int dport, byte[] payload) {
        byte[] u = new byte[8 + payload.length];
        ByteBuffer.wrap(u).putShort((short) sport).putShort((short) dport).putShort((short) u.length).putShort((short) 0).put(payload);
        int c = checksum(u, 0, u.length, sum(src) + sum(dst) + proto + u.length);
        u[6] = (byte) (c >> 8);
        u[7] = (byte) c;
        return u;
    }

    static byte[] tcp(byte[] src, byte[] dst, int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        boolean syn = (flags & 0x02) != 0;
        int hl = syn ? 24 : 20;
        byte[] t = new byte[hl + payload.length];
        ByteBuffer b = ByteBuffer.wrap(t);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) ((hl / 4) << 4)).put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        if (syn) {
            b.put((byte) 2).put((byte) 4).putShort((short) 1460);
        }
        b.put(payload);
        int c = checksum(t, 0, t.length, sum(src) + sum(dst) + 6 + t.length);
        t[16] = (byte) (c >> 8);
        t[17] = (byte) c;
        return t;
    }

    static byte[] icmpEcho(int type, int id, int seq) {
        byte[] m = new byte[8 + 32];
        ByteBuffer b = ByteBuffer.wrap(m);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq);
        for (int i = 0; i < 32; i++) {
            m[8 + i] = (byte) ('a' + i % 23);
        }
        int c = checksum(m, 0, m.length, 0);
        m[2] = (byte) (c >> 8);
        m[3] = (byte) c;
        return m;
    }

    static byte[] dnsQuery(int id, String name, int qtype, boolean response) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(12);
        h.putShort((short) id).putShort((short) (response ? 0x8180 : 0x0100)).putShort((short) 1)
                .putShort((short) (response ? 1 : 0)).putShort((short) 0).putShort((short) 0);
        o.writeBytes(h.array());
        for (String label : name.split("\\.")) {
            o.write(label.length());
            o.writeBytes(label.getBytes());
        }
        o.write(0);
        o.writeBytes(new byte[] {0, (byte) qtype, 0, 1});
        if (response) {
            // answer: pointer to the question name, type A, class IN, TTL 300, 192.0.2.80
            o.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, (byte) 192, 0, 2, 80});
        }
        return o.toByteArray();
    }

    static byte[] ntp() {
        byte[] n = new byte[48];
        n[0] = 0x23; // version 4, client
        return n;
    }

    static long sum(byte[] b) {
        long s = 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        return s;
    }

    static int checksum(byte[] b, int off, int len, long initial) {
        long s = initial;
        for (int i = off; i + 1 < off + len; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xFF) << 8;
        }
        while ((s >> 16) != 0) {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (int) (~s & 0xFFFF);
    }
}
