package dev.capmill.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the project's link-layer, IP fragment and ICMPv6 samples ({@code testdata/pcap/links-*.pcap},
 * {@code ip-fragments.pcap}, {@code icmpv6.pcap}, {@code ip-damaged.pcap}), built byte by byte here:
 * one capture per link type (Linux cooked v1 and v2, raw IP, BSD null and loopback, IEEE 802.3 with
 * LLC, IEEE 802.11 with and without radiotap), IPv4 and IPv6 datagrams in fragments (in order, out of
 * order, never completed), IPv6 extension headers, ICMPv6 messages, and IP headers cut short or bogus.
 * Checksums are computed. Deterministic: the same bytes every run.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.testing.LinkCaptures</pre>
 */
public final class LinkCaptures {
    static final byte[] MAC_A = SampleCaptures.MAC_A;
    static final byte[] MAC_B = SampleCaptures.MAC_B;
    static final byte[] MAC_AP = {2, 0, 0, 0, 0x0a, (byte) 0xaa};
    static final byte[] BCAST = SampleCaptures.BCAST;
    static final byte[] IP_A = {(byte) 192, 0, 2, 1};
    static final byte[] IP_B = {(byte) 192, 0, 2, 2};
    static final byte[] IP6_A = v6("20010db8000000000000000000000001");
    static final byte[] IP6_B = v6("20010db8000000000000000000000002");
    static final byte[] IP6_C = v6("20010db8000000000000000000000003");
    static final byte[] LL_A = v6("fe800000000000000000000000000001");
    static final byte[] LL_B = v6("fe800000000000000000000000000002");
    static final byte[] ALL_NODES = v6("ff020000000000000000000000000001");
    static final byte[] ALL_ROUTERS = v6("ff020000000000000000000000000002");
    static final byte[] SOLICITED_B = v6("ff0200000000000000000001ff000002");

    private LinkCaptures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Shared.projectDir().resolve(args.length > 0 ? args[0] : "testdata/pcap");
        Files.createDirectories(dir);
        write(dir, "links-sll.pcap", 113, sll(false));
        write(dir, "links-sll2.pcap", 276, sll(true));
        write(dir, "links-raw.pcap", 101, raw());
        write(dir, "links-null.pcap", 0, nullLoopback(false));
        write(dir, "links-loop.pcap", 108, nullLoopback(true));
        write(dir, "links-llc.pcap", 1, llc());
        write(dir, "links-wlan.pcap", 105, wlan());
        write(dir, "links-radiotap.pcap", 127, radiotap());
        write(dir, "ip-fragments.pcap", 1, fragments());
        write(dir, "icmpv6.pcap", 1, icmpv6());
        write(dir, "ip-damaged.pcap", 1, damaged());
    }

    /** The names of the captures {@link #main} writes. */
    public static final List<String> NAMES = List.of("links-sll.pcap", "links-sll2.pcap", "links-raw.pcap",
            "links-null.pcap", "links-loop.pcap", "links-llc.pcap", "links-wlan.pcap", "links-radiotap.pcap",
            "ip-fragments.pcap", "icmpv6.pcap", "ip-damaged.pcap");

    private static void write(Path dir, String name, int linkType, List<byte[][]> frames) throws IOException {
        Files.write(dir.resolve(name), pcap(linkType, frames));
        System.err.println("wrote " + dir.resolve(name));
    }

    /** A little-endian microsecond pcap; each frame is {data} or {data, original length as 4 bytes}. */
    static byte[] pcap(int linkType, List<byte[][]> frames) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        o.writeBytes(h.array());
        long t = 1_714_564_800_000_000L; // 2024-05-01T12:00:00Z in µs
        int i = 0;
        for (byte[][] f : frames) {
            t += 1_000 + (i++ * 7_919L) % 30_000;
            int orig = f.length > 1 ? ByteBuffer.wrap(f[1]).getInt() : f[0].length;
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(f[0].length).putInt(orig);
            o.writeBytes(r.array());
            o.writeBytes(f[0]);
        }
        return o.toByteArray();
    }

    private static byte[][] f(byte[] data) {
        return new byte[][] {data};
    }

    /** A frame of which only {@code captured} bytes were kept (snapshot length). */
    private static byte[][] cut(byte[] data, int captured) {
        return new byte[][] {java.util.Arrays.copyOf(data, captured), ByteBuffer.allocate(4).putInt(data.length).array()};
    }

    static byte[] v6(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] text(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** IPv4 header with the given identification, flags/offset word and total length (-1: computed). */
    static byte[] ip4(byte[] src, byte[] dst, int proto, int id, int flagsOffset, int ttl, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) flagsOffset).put((byte) ttl).put((byte) proto).putShort((short) 0).put(src).put(dst);
        byte[] a = b.put(payload).array();
        int c = SampleCaptures.checksum(a, 0, 20, 0);
        a[10] = (byte) (c >> 8);
        a[11] = (byte) c;
        return a;
    }

    static byte[] udp4(byte[] src, byte[] dst, int sport, int dport, byte[] data) {
        return SampleCaptures.udp(src, dst, 17, sport, dport, data);
    }

    static byte[] ipUdp(byte[] src, byte[] dst, int id, String data) {
        return ip4(src, dst, 17, id, 0x4000, 64, udp4(src, dst, 40000, 40001, text(data)));
    }

    /** An upper-layer message with its IPv6 pseudo-header checksum at {@code ckOffset}. */
    static byte[] sum6(byte[] src, byte[] dst, int next, byte[] m, int ckOffset) {
        long s = SampleCaptures.sum(src) + SampleCaptures.sum(dst) + m.length + next;
        int c = SampleCaptures.checksum(m, 0, m.length, s);
        m[ckOffset] = (byte) (c >> 8);
        m[ckOffset + 1] = (byte) c;
        return m;
    }

    static byte[] udp6(byte[] src, byte[] dst, int sport, int dport, byte[] data) {
        byte[] u = new byte[8 + data.length];
        ByteBuffer.wrap(u).putShort((short) sport).putShort((short) dport).putShort((short) u.length).putShort((short) 0).put(data);
        return sum6(src, dst, 17, u, 6);
    }

    static byte[] icmp6(byte[] src, byte[] dst, int type, int code, byte[] body) {
        byte[] m = cat(bytes(type, code, 0, 0), body);
        return sum6(src, dst, 58, m, 2);
    }

    /** IPv6 header; {@code extensions} (already chained) sit between it and the payload. */
    static byte[] ip6(byte[] src, byte[] dst, int next, int hopLimit, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(40 + rest.length);
        b.putInt(0x60000000).putShort((short) rest.length).put((byte) next).put((byte) hopLimit).put(src).put(dst).put(rest);
        return b.array();
    }

    static byte[] ip6Udp(byte[] src, byte[] dst, String data) {
        return ip6(src, dst, 17, 64, udp6(src, dst, 40000, 40001, text(data)));
    }

    static byte[] eth(byte[] src, byte[] dst, int type, byte[] payload) {
        byte[] e = SampleCaptures.eth(src, dst, type, payload);
        return e.length >= 60 ? e : java.util.Arrays.copyOf(e, 60);
    }

    static byte[] arpRequest() {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(MAC_A).put(IP_A).put(new byte[6]).put(IP_B);
        return b.array();
    }

    private static List<byte[][]> sll(boolean v2) {
        List<byte[][]> l = new ArrayList<>();
        int[][] kinds = {{0, 0x0800}, {4, 0x0800}, {1, 0x0806}, {3, 0x86dd}, {2, 0x0800}, {0, 0x1234}, {4, 0x0004}};
        for (int[] k : kinds) {
            byte[] payload = switch (k[1]) {
                case 0x0800 -> ipUdp(IP_A, IP_B, 0x100 + l.size(), "cooked");
                case 0x0806 -> arpRequest();
                case 0x86dd -> ip6Udp(IP6_A, IP6_B, "cooked");
                case 0x0004 -> stpConfig();
                default -> new byte[20];
            };
            l.add(f(cat(sllHeader(v2, k[0], 1, MAC_A, k[1]), payload)));
        }
        // loopback device: no address; a header cut short; an IPv4 header cut short by the snapshot length
        l.add(f(cat(sllHeader(v2, 0, 772, new byte[0], 0x0800), ipUdp(IP_A, IP_A, 0x120, "lo"))));
        l.add(f(cat(sllHeader(v2, 0, 1, MAC_A, 0x0800), java.util.Arrays.copyOf(ipUdp(IP_A, IP_B, 1, "x"), 12))));
        l.add(cut(cat(sllHeader(v2, 0, 1, MAC_A, 0x0800), ipUdp(IP_A, IP_B, 0x121, "snap")), (v2 ? 20 : 16) + 18));
        l.add(f(bytes(0, 0, 0)));
        // a VLAN tag inside the cooked header's protocol
        l.add(f(cat(sllHeader(v2, 0, 1, MAC_A, 0x8100), bytes(0x20, 7, 8, 0), ipUdp(IP_A, IP_B, 0x122, "tagged"))));
        return l;
    }

    static byte[] sllHeader(boolean v2, int packetType, int hatype, byte[] addr, int protocol) {
        byte[] a = java.util.Arrays.copyOf(addr, 8);
        if (v2) {
            return ByteBuffer.allocate(20).putShort((short) protocol).putShort((short) 0).putInt(3).putShort((short) hatype)
                    .put((byte) packetType).put((byte) addr.length).put(a).array();
        }
        return ByteBuffer.allocate(16).putShort((short) packetType).putShort((short) hatype).putShort((short) addr.length)
                .put(a).putShort((short) protocol).array();
    }

    private static List<byte[][]> raw() {
        List<byte[][]> l = new ArrayList<>();
        l.add(f(ipUdp(IP_A, IP_B, 0x200, "raw")));
        l.add(f(ip6Udp(IP6_A, IP6_B, "raw six")));
        l.add(f(ip4(IP_A, IP_B, 1, 0x201, 0x4000, 64, icmpEcho(8, 0x42, 1))));
        l.add(f(ip4(IP_B, IP_A, 1, 0x202, 0x4000, 63, icmpEcho(0, 0x42, 1))));
        l.add(f(cat(bytes(0x50), new byte[30])));
        l.add(f(new byte[0]));
        l.add(f(java.util.Arrays.copyOf(ipUdp(IP_A, IP_B, 1, "x"), 8)));
        return l;
    }

    static byte[] icmpEcho(int type, int id, int seq) {
        return SampleCaptures.icmpEcho(type, id, seq);
    }

    private static List<byte[][]> nullLoopback(boolean loop) {
        List<byte[][]> l = new ArrayList<>();
        ByteOrder host = loop ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] families = loop ? new int[] {2, 24, 28, 30, 99} : new int[] {2, 24, 28, 30, 99, 0x0800};
        for (int fam : families) {
            byte[] h = ByteBuffer.allocate(4).order(host).putInt(fam).array();
            byte[] payload = fam == 2 || fam == 0x0800 || fam == 99 ? ipUdp(IP_A, IP_B, 0x300 + fam, "loopback")
                    : ip6Udp(IP6_A, IP6_B, "loopback");
            l.add(f(cat(h, payload)));
        }
        if (!loop) {
            // written on a big-endian host: tshark swaps a value whose upper half is not zero
            l.add(f(cat(bytes(0, 0, 0, 2), ipUdp(IP_A, IP_B, 0x310, "swapped"))));
            l.add(f(bytes(2, 0)));
            l.add(f(cat(bytes(2, 0, 0, 0), java.util.Arrays.copyOf(ipUdp(IP_A, IP_B, 1, "x"), 12))));
        }
        return l;
    }

    static byte[] stpConfig() {
        return cat(bytes(0x42, 0x42, 0x03, 0, 0, 0, 0, 0x01), bytes(0x80, 0x01), MAC_A, bytes(0, 0, 0, 4),
                bytes(0x80, 0x01), MAC_B, bytes(0x80, 0x02, 0, 0, 20, 0, 2, 0, 15, 0));
    }

    static byte[] dot3(byte[] dst, byte[] llc) {
        byte[] e = cat(dst, MAC_A, ByteBuffer.allocate(2).putShort((short) llc.length).array(), llc);
        return e.length >= 60 ? e : java.util.Arrays.copyOf(e, 60);
    }

    private static List<byte[][]> llc() {
        List<byte[][]> l = new ArrayList<>();
        byte[] stpGroup = bytes(0x01, 0x80, 0xc2, 0, 0, 0);
        l.add(f(dot3(stpGroup, stpConfig())));
        byte[] rst = cat(bytes(0x42, 0x42, 0x03, 0, 0, 2, 2, 0x3d), bytes(0x10, 0x05), MAC_A, bytes(0, 0, 0x4e, 0x20),
                bytes(0x80, 0x01), MAC_B, bytes(0x80, 0x03, 0, 0, 20, 0, 2, 0, 15, 0, 0));
        l.add(f(dot3(stpGroup, rst)));
        l.add(f(dot3(stpGroup, bytes(0x42, 0x42, 0x03, 0, 0, 0, 0x80))));
        byte[] snap = bytes(0xaa, 0xaa, 0x03, 0, 0, 0);
        l.add(f(dot3(MAC_B, cat(snap, bytes(0x08, 0x00), ipUdp(IP_A, IP_B, 0x400, "snap")))));
        l.add(f(dot3(MAC_B, cat(snap, bytes(0x08, 0x06), arpRequest()))));
        l.add(f(dot3(MAC_B, cat(snap, bytes(0x12, 0x34), new byte[10]))));
        l.add(f(dot3(MAC_B, cat(bytes(0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x09, 0x99), new byte[10]))));
        // U frames of several functions, an S frame and the SAP names tshark knows
        l.add(f(dot3(MAC_B, cat(bytes(0x10, 0x10, 0xe3), new byte[10]))));
        l.add(f(dot3(MAC_B, cat(bytes(0x10, 0x11, 0xbf), new byte[10]))));
        l.add(f(dot3(MAC_B, cat(bytes(0xf4, 0xf4, 0x6f)))));
        l.add(f(dot3(MAC_B, cat(bytes(0xaa, 0xab, 0x01, 0x05), new byte[10]))));
        l.add(f(dot3(MAC_B, cat(bytes(0x06, 0x06, 0x03), ipUdp(IP_A, IP_B, 0x401, "sap 6")))));
        // a length between 1500 and 1536; an unknown EtherType behind a VLAN tag; a runt
        byte[] odd = cat(MAC_B, MAC_A, bytes(0x05, 0xff), new byte[46]);
        l.add(f(odd));
        l.add(f(SampleCaptures.vlan(MAC_A, MAC_B, 0x2007, 0x1234, new byte[42])));
        l.add(f(SampleCaptures.vlan(MAC_A, MAC_B, 30, 0x0800, ipUdp(IP_A, IP_B, 0x402, "vlan 30"))));
        l.add(f(eth(MAC_A, MAC_B, 0x1234, new byte[46])));
        l.add(f(cat(MAC_B, MAC_A, bytes(8))));
        return l;
    }

    static byte[] wlanHeader(int fc0, int flags, byte[] a1, byte[] a2, byte[] a3, int seq, byte[] a4, boolean qos) {
        ByteBuffer b = ByteBuffer.allocate(24 + (a4 != null ? 6 : 0) + (qos ? 2 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) fc0).put((byte) flags).putShort((short) 0x013a).put(a1).put(a2).put(a3).putShort((short) (seq << 4));
        if (a4 != null) {
            b.put(a4);
        }
        return b.array();
    }

    static byte[] snap(int type, byte[] payload) {
        return cat(bytes(0xaa, 0xaa, 0x03, 0, 0, 0, type >> 8, type & 0xff), payload);
    }

    private static List<byte[][]> wlan() {
        List<byte[][]> l = new ArrayList<>();
        byte[] ip = ipUdp(IP_A, IP_B, 0x500, "wifi");
        l.add(f(cat(wlanHeader(0x08, 0x01, MAC_AP, MAC_A, MAC_B, 10, null, false), snap(0x0800, ip))));
        l.add(f(cat(wlanHeader(0x08, 0x02, MAC_B, MAC_AP, MAC_A, 11, null, false), snap(0x0800, ip))));
        l.add(f(cat(wlanHeader(0x08, 0x00, MAC_B, MAC_A, MAC_AP, 12, null, false), snap(0x0800, ip))));
        l.add(f(cat(wlanHeader(0x08, 0x03, MAC_AP, MAC_AP, MAC_B, 13, MAC_A, false), snap(0x0800, ip))));
        l.add(f(cat(wlanHeader(0x88, 0x01, MAC_AP, MAC_A, MAC_B, 14, null, true), snap(0x86dd, ip6Udp(IP6_A, IP6_B, "qos")))));
        l.add(f(cat(wlanHeader(0x08, 0x01, MAC_AP, MAC_A, BCAST, 15, null, false), snap(0x0806, arpRequest()))));
        l.add(f(wlanHeader(0x48, 0x11, MAC_AP, MAC_A, MAC_AP, 16, null, false)));
        l.add(f(wlanHeader(0xc8, 0x01, MAC_AP, MAC_A, MAC_AP, 17, null, true)));
        l.add(f(cat(wlanHeader(0x88, 0x41, MAC_AP, MAC_A, MAC_B, 18, null, true), new byte[40])));
        l.add(f(cat(wlanHeader(0x08, 0x01, MAC_AP, MAC_A, MAC_B, 19, null, false), snap(0x1234, new byte[8]))));
        l.addAll(management(false));
        l.add(f(cat(bytes(0xd4, 0, 0, 0), MAC_A)));
        l.add(f(cat(bytes(0xc4, 0, 0x10, 0), MAC_A)));
        l.add(f(cat(bytes(0xb4, 0, 0x20, 0), MAC_AP, MAC_A)));
        l.add(f(cat(bytes(0xa4, 0x10, 0x01, 0xc0), MAC_AP, MAC_A)));
        l.add(f(cat(bytes(0x84, 0, 0, 0), MAC_AP, MAC_A, bytes(4, 0, 0x10, 0))));
        l.add(f(bytes(0x08, 0x01, 0)));
        return l;
    }

    private static List<byte[][]> management(boolean withFcs) {
        List<byte[][]> l = new ArrayList<>();
        byte[] rates = bytes(1, 4, 0x82, 0x84, 0x8b, 0x96);
        l.add(f(cat(wlanHeader(0x80, 0, BCAST, MAC_AP, MAC_AP, 100, null, false), new byte[8], bytes(100, 0, 0x01, 0x04),
                bytes(0, 7), text("capmill"), rates)));
        l.add(f(cat(wlanHeader(0x80, 0, BCAST, MAC_AP, MAC_AP, 101, null, false), new byte[8], bytes(100, 0, 0x01, 0x04),
                bytes(0, 5), text("caf"), bytes(0xc3, 0xa9), rates)));
        l.add(f(cat(wlanHeader(0x80, 0, BCAST, MAC_AP, MAC_AP, 102, null, false), new byte[8], bytes(0x64, 0, 0x01, 0x04),
                bytes(0, 3, 0x61, 0x00, 0x62), rates)));
        l.add(f(cat(wlanHeader(0x40, 0, BCAST, MAC_A, BCAST, 103, null, false), bytes(0, 0), rates)));
        l.add(f(cat(wlanHeader(0x40, 0, MAC_AP, MAC_A, MAC_AP, 104, null, false), bytes(0, 7), text("capmill"), rates)));
        l.add(f(cat(wlanHeader(0x50, 0, MAC_A, MAC_AP, MAC_AP, 105, null, false), new byte[8], bytes(100, 0, 1, 4),
                bytes(0, 7), text("capmill"), rates)));
        l.add(f(cat(wlanHeader(0xb0, 0, MAC_AP, MAC_A, MAC_AP, 106, null, false), bytes(0, 0, 1, 0, 0, 0))));
        l.add(f(cat(wlanHeader(0x00, 0, MAC_AP, MAC_A, MAC_AP, 107, null, false), bytes(1, 4, 10, 0, 0, 7),
                text("capmill"), rates)));
        l.add(f(cat(wlanHeader(0xc0, 0, MAC_A, MAC_AP, MAC_AP, 108, null, false), bytes(3, 0))));
        l.add(f(cat(wlanHeader(0xa0, 0x08, MAC_A, MAC_AP, MAC_AP, 109, null, false), bytes(8, 0))));
        return l;
    }

    private static List<byte[][]> radiotap() {
        List<byte[][]> l = new ArrayList<>();
        byte[] plain = bytes(0, 0, 8, 0, 0, 0, 0, 0);
        // TSFT and Flags present; Flags 0x10: the frame ends with its FCS
        byte[] fcs = cat(bytes(0, 0, 24, 0, 0x03, 0, 0, 0), new byte[4], new byte[8], bytes(0x10), new byte[3]);
        byte[] ip = ipUdp(IP_A, IP_B, 0x600, "radiotap");
        l.add(f(cat(plain, wlanHeader(0x08, 0x01, MAC_AP, MAC_A, MAC_B, 20, null, false), snap(0x0800, ip))));
        l.add(f(cat(fcs, wlanHeader(0x08, 0x02, MAC_B, MAC_AP, MAC_A, 21, null, false), snap(0x0800, ip), bytes(1, 2, 3, 4))));
        for (byte[][] m : management(false)) {
            l.add(f(cat(plain, m[0])));
        }
        l.add(f(cat(fcs, cat(bytes(0xd4, 0, 0, 0), MAC_A), bytes(9, 9, 9, 9))));
        l.add(f(bytes(0, 0, 8)));
        return l;
    }

    private static List<byte[][]> fragments() {
        List<byte[][]> l = new ArrayList<>();
        byte[] data = new byte[1400];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('A' + i % 26);
        }
        // a UDP datagram in three fragments, in order
        byte[] u = udp4(IP_A, IP_B, 5000, 6000, data);
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 17, 0x1234, 0x2000, 64, java.util.Arrays.copyOfRange(u, 0, 600)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 17, 0x1234, 0x2000 | 75, 64, java.util.Arrays.copyOfRange(u, 600, 1200)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 17, 0x1234, 150, 64, java.util.Arrays.copyOfRange(u, 1200, u.length)))));
        // an ICMP echo request in two fragments, the last first; and its reply, whole
        byte[] echo = cat(icmpEchoLong(8, 0x77, 3, java.util.Arrays.copyOf(data, 1000)));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, 0xabcd, 75, 64, java.util.Arrays.copyOfRange(echo, 600, echo.length)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, 0xabcd, 0x2000, 64, java.util.Arrays.copyOfRange(echo, 0, 600)))));
        byte[] reply = icmpEchoLong(0, 0x77, 3, java.util.Arrays.copyOf(data, 1000));
        l.add(f(eth(MAC_B, MAC_A, 0x0800, ip4(IP_B, IP_A, 1, 0x4321, 0x2000, 60, java.util.Arrays.copyOfRange(reply, 0, 600)))));
        l.add(f(eth(MAC_B, MAC_A, 0x0800, ip4(IP_B, IP_A, 1, 0x4321, 75, 60, java.util.Arrays.copyOfRange(reply, 600, reply.length)))));
        // a first fragment never completed; a lone middle fragment of TCP; an unnamed protocol in two parts
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 17, 0x0999, 0x2000, 64, java.util.Arrays.copyOfRange(u, 0, 600)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 6, 0x0998, 0x2000 | 10, 64, java.util.Arrays.copyOf(data, 80)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 99, 0x0777, 0x2000, 64, java.util.Arrays.copyOf(data, 16)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 99, 0x0777, 2, 64, java.util.Arrays.copyOf(data, 16)))));
        // IPv6: a UDP datagram in two fragments; a lone first fragment behind a hop-by-hop header
        byte[] u6 = udp6(IP6_A, IP6_B, 5000, 6000, java.util.Arrays.copyOf(data, 1000));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 44, 64, cat(frag6(17, 0, true, 0xabcdef01), java.util.Arrays.copyOfRange(u6, 0, 504))))));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 44, 64, cat(frag6(17, 504, false, 0xabcdef01), java.util.Arrays.copyOfRange(u6, 504, u6.length))))));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 0, 64, cat(bytes(44, 0, 1, 4, 0, 0, 0, 0), frag6(58, 0, true, 0x44),
                java.util.Arrays.copyOf(data, 200))))));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 44, 64, cat(frag6(6, 160, true, 0x45), java.util.Arrays.copyOf(data, 80))))));
        // an atomic fragment (offset 0, no more): tshark decodes it as it is
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 44, 64, cat(frag6(17, 0, false, 0x46), udp6(IP6_A, IP6_B, 5000, 6000, text("atomic")))))));
        // extension headers: hop-by-hop, destination options, routing type 0 with a segment left
        byte[] udpC = udp6(IP6_A, IP6_C, 5000, 6000, text("routed"));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 0, 64, cat(bytes(60, 0, 1, 4, 0, 0, 0, 0), bytes(17, 0, 1, 4, 0, 0, 0, 0),
                udp6(IP6_A, IP6_B, 5000, 6000, text("options")))))));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 43, 64, cat(bytes(17, 2, 0, 1, 0, 0, 0, 0), IP6_C, udpC)))));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 59, 64, new byte[0]))));
        l.add(f(eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 99, 64, new byte[20]))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 99, 0x0778, 0, 64, new byte[20]))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 132, 0x0779, 0, 64, new byte[0]))));
        return l;
    }

    static byte[] icmpEchoLong(int type, int id, int seq, byte[] payload) {
        byte[] m = cat(bytes(type, 0, 0, 0, id >> 8, id, seq >> 8, seq), payload);
        int c = SampleCaptures.checksum(m, 0, m.length, 0);
        m[2] = (byte) (c >> 8);
        m[3] = (byte) c;
        return m;
    }

    static byte[] frag6(int next, int offset, boolean more, int ident) {
        return ByteBuffer.allocate(8).put((byte) next).put((byte) 0).putShort((short) (offset | (more ? 1 : 0))).putInt(ident).array();
    }

    private static byte[] e6(byte[] src, byte[] dst, int hop, int type, int code, byte[] body) {
        byte[] mac = dst[0] == (byte) 0xff ? bytes(0x33, 0x33, dst[12], dst[13], dst[14], dst[15]) : MAC_B;
        return eth(MAC_A, mac, 0x86dd, ip6(src, dst, 58, hop, icmp6(src, dst, type, code, body)));
    }

    private static List<byte[][]> icmpv6() {
        List<byte[][]> l = new ArrayList<>();
        byte[] ping = text("capmill ping data");
        l.add(f(e6(IP6_A, IP6_B, 64, 128, 0, cat(bytes(0x12, 0x34, 0, 1), ping))));
        l.add(f(e6(IP6_B, IP6_A, 63, 129, 0, cat(bytes(0x12, 0x34, 0, 1), ping))));
        l.add(f(e6(IP6_A, IP6_B, 64, 128, 0, cat(bytes(0x12, 0x34, 0, 2), ping))));
        l.add(f(e6(IP6_B, IP6_A, 64, 129, 0, cat(bytes(0x12, 0x34, 0, 3), ping))));
        l.add(f(e6(IP6_B, IP6_A, 64, 129, 0, cat(bytes(0x12, 0x34, 0, 2), text("other data")))));
        l.add(f(e6(LL_A, SOLICITED_B, 255, 135, 0, cat(new byte[4], LL_B, bytes(1, 1), MAC_A))));
        l.add(f(e6(v6("00000000000000000000000000000000"), SOLICITED_B, 255, 135, 0, cat(new byte[4], LL_B))));
        l.add(f(e6(LL_B, LL_A, 255, 136, 0, cat(bytes(0x60, 0, 0, 0), LL_B, bytes(2, 1), MAC_B))));
        l.add(f(e6(LL_B, ALL_NODES, 255, 136, 0, cat(bytes(0xa0, 0, 0, 0), LL_B))));
        l.add(f(e6(LL_B, LL_A, 255, 136, 0, cat(bytes(0, 0, 0, 0), LL_B))));
        l.add(f(e6(LL_A, ALL_ROUTERS, 255, 133, 0, cat(new byte[4], bytes(1, 1), MAC_A))));
        l.add(f(e6(LL_A, ALL_ROUTERS, 255, 133, 0, new byte[4])));
        byte[] prefix = cat(bytes(3, 4, 64, 0xc0, 0, 1, 0x51, 0x80, 0, 0, 0x38, 0x40, 0, 0, 0, 0), IP6_A);
        l.add(f(e6(LL_B, ALL_NODES, 255, 134, 0, cat(bytes(64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0), bytes(1, 1), MAC_B,
                prefix, bytes(5, 1, 0, 0, 0, 0, 0x05, 0xdc)))));
        l.add(f(e6(LL_B, ALL_NODES, 255, 134, 0, bytes(64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0))));
        l.add(f(e6(LL_B, LL_A, 255, 137, 0, cat(new byte[4], IP6_A, IP6_B))));
        byte[] inner = ip6(IP6_B, IP6_C, 17, 1, udp6(IP6_B, IP6_C, 5000, 6000, text("inner")));
        for (int code = 0; code <= 8; code++) {
            l.add(f(e6(IP6_A, IP6_B, 64, 1, code, cat(new byte[4], inner))));
        }
        l.add(f(e6(IP6_A, IP6_B, 64, 2, 0, cat(bytes(0, 0, 0x05, 0x00), inner))));
        l.add(f(e6(IP6_A, IP6_B, 64, 3, 0, cat(new byte[4], inner))));
        l.add(f(e6(IP6_A, IP6_B, 64, 3, 1, cat(new byte[4], inner))));
        l.add(f(e6(IP6_A, IP6_B, 64, 3, 2, cat(new byte[4], inner))));
        for (int code = 0; code <= 4; code++) {
            l.add(f(e6(IP6_A, IP6_B, 64, 4, code, cat(bytes(0, 0, 0, 6), inner))));
        }
        byte[] group = SOLICITED_B;
        l.add(f(e6(LL_A, ALL_NODES, 1, 130, 0, cat(bytes(0x03, 0xe8, 0, 0), new byte[16]))));
        l.add(f(e6(LL_A, group, 1, 131, 0, cat(new byte[4], group))));
        l.add(f(e6(LL_A, ALL_ROUTERS, 1, 132, 0, cat(new byte[4], group))));
        for (int type : new int[] {0, 5, 100, 127, 200, 255}) {
            l.add(f(e6(IP6_A, IP6_B, 64, type, 0, new byte[8])));
        }
        // ICMP (IPv4) errors quoting the datagram that caused them
        byte[] quoted = ipUdp(IP_B, bytes(198, 51, 100, 7), 0x55, "quoted");
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, 0x700, 0, 64, icmpError(3, 3, new byte[4], quoted)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, 0x701, 0, 64, icmpError(3, 4, bytes(0, 0, 0x05, 0x78), java.util.Arrays.copyOf(quoted, 28))))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, 0x702, 0, 64, icmpError(11, 0, new byte[4], quoted)))));
        l.add(f(eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, 0x703, 0, 64, icmpError(5, 1, IP_B, quoted)))));
        return l;
    }

    static byte[] icmpError(int type, int code, byte[] word, byte[] quoted) {
        byte[] m = cat(bytes(type, code, 0, 0), word, quoted);
        int c = SampleCaptures.checksum(m, 0, m.length, 0);
        m[2] = (byte) (c >> 8);
        m[3] = (byte) c;
        return m;
    }

    private static List<byte[][]> damaged() {
        List<byte[][]> l = new ArrayList<>();
        byte[] ip = ipUdp(IP_A, IP_B, 0x800, "damaged headers");
        byte[] six = ip6Udp(IP6_A, IP6_B, "damaged");
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, java.util.Arrays.copyOf(ip, 10))));
        l.add(cut(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, ip), 14 + 10));
        l.add(cut(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, ip), 14 + 19));
        l.add(cut(SampleCaptures.eth(MAC_A, MAC_B, 0x86dd, six), 14 + 30));
        l.add(f(cat(MAC_B, MAC_A, bytes(0x86, 0xdd), java.util.Arrays.copyOf(six, 20))));
        byte[] badVersion = ip.clone();
        badVersion[0] = 0x35;
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, badVersion)));
        byte[] badHl = ip.clone();
        badHl[0] = 0x44;
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, badHl)));
        byte[] badLen = ip.clone();
        badLen[2] = 0;
        badLen[3] = 10;
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, badLen)));
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x86dd, ip)));
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, six)));
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x0800, ip4(IP_A, IP_B, 1, 0x801, 0, 64, bytes(8, 0, 0, 0)))));
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 58, 64, bytes(128, 0, 0)))));
        l.add(f(SampleCaptures.eth(MAC_A, MAC_B, 0x86dd, ip6(IP6_A, IP6_B, 44, 64, bytes(17, 0, 0, 0)))));
        l.add(f(cat(MAC_B, MAC_A, bytes(8))));
        return l;
    }
}
