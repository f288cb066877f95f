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
 * Writes {@code testdata/pcap/udp-apps.pcap}: the UDP application protocols of the text output,
 * built byte by byte (documentation addresses only): DNS queries and responses of several types,
 * NXDOMAIN with SOA and OPT, compression loops, a malformed and a snap-length-cut message, mDNS
 * questions and announcements, LLMNR, NBNS name query, registration and response, DHCP
 * discover/offer/request/ack and plain BOOTP, DHCPv6 solicit/advertise/relay, NTP client/server/
 * private, SSDP M-SEARCH/NOTIFY/response. Deterministic.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.testing.UdpAppCaptures</pre>
 */
public final class UdpAppCaptures {
    private static final byte[] MAC_A = SampleCaptures.MAC_A;
    private static final byte[] MAC_B = SampleCaptures.MAC_B;
    private static final byte[] CLIENT = {10, 1, 0, 5};
    private static final byte[] SERVER = {(byte) 192, 0, 2, 53};
    private static final byte[] ZERO = {0, 0, 0, 0};
    private static final byte[] BCAST = {-1, -1, -1, -1};
    private static final byte[] MDNS4 = {(byte) 224, 0, 0, (byte) 251};
    private static final byte[] LLMNR4 = {(byte) 224, 0, 0, (byte) 252};
    private static final byte[] SSDP4 = {(byte) 239, (byte) 255, (byte) 255, (byte) 250};
    private static final byte[] NB_BCAST = {10, 1, (byte) 255, (byte) 255};

    private UdpAppCaptures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Shared.projectDir().resolve(args.length > 0 ? args[0] : "testdata/pcap/udp-apps.pcap");
        Files.createDirectories(out.getParent());
        Files.write(out, pcap());
        System.err.println("wrote " + out);
    }

    /** The capture: little-endian microsecond pcap; a record may be cut (captured &lt; original). */
    public static byte[] pcap() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        o.writeBytes(h.array());
        long t = 1_709_294_400_000_000L;
        int i = 0;
        for (byte[][] f : frames()) {
            byte[] frame = f[0];
            int captured = f.length > 1 ? f[1][0] & 0xff : frame.length;
            t += 1_000 + (i++ * 7_919L) % 30_000;
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(captured).putInt(frame.length);
            o.writeBytes(r.array());
            o.write(frame, 0, captured);
        }
        return o.toByteArray();
    }

    static List<byte[][]> frames() {
        List<byte[][]> f = new ArrayList<>();
        byte[] www = name("www.example.com");
        // DNS: queries of several types, responses with answers
        f.add(v4(CLIENT, SERVER, 53001, 53, dns(0x1a2b, 0x0100, 1, 0, 0, 0, cat(www, u16(1), u16(1)))));
        f.add(v4(SERVER, CLIENT, 53, 53001, dns(0x1a2b, 0x8180, 1, 3, 0, 0, cat(www, u16(1), u16(1),
                rr(ptr(12), 5, 300, name("edge.example.net")), rr(ptr(33), 1, 60, new byte[] {93, (byte) 184, (byte) 216, 34}),
                rr(ptr(33), 1, 60, new byte[] {(byte) 192, 0, 2, 7})))));
        f.add(v4(CLIENT, SERVER, 53002, 53, dns(0x0002, 0x0100, 1, 0, 0, 1, cat(www, u16(28), u16(1), opt()))));
        f.add(v4(SERVER, CLIENT, 53, 53002, dns(0x0002, 0x8180, 1, 1, 0, 1, cat(www, u16(28), u16(1),
                rr(ptr(12), 28, 60, bytes(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80)), opt()))));
        byte[] rev = name("80.2.0.192.in-addr.arpa");
        f.add(v4(CLIENT, SERVER, 53003, 53, dns(0x0003, 0x0100, 1, 0, 0, 0, cat(rev, u16(12), u16(1)))));
        f.add(v4(SERVER, CLIENT, 53, 53003, dns(0x0003, 0x8580, 1, 1, 0, 0, cat(rev, u16(12), u16(1),
                rr(ptr(12), 12, 3600, name("www.example.com"))))));
        byte[] mx = name("example.org");
        f.add(v4(SERVER, CLIENT, 53, 53004, dns(0x0004, 0x8180, 1, 2, 0, 0, cat(mx, u16(15), u16(1),
                rr(ptr(12), 15, 3600, cat(u16(10), name("mail.example.org"))), rr(ptr(12), 16, 3600, bytes(4, 'v', '=', 'x', '1')),
                new byte[0]))));
        byte[] srv = name("_ldap._tcp.example.org");
        f.add(v4(SERVER, CLIENT, 53, 53005, dns(0x0005, 0x8180, 1, 1, 0, 0, cat(srv, u16(33), u16(1),
                rr(ptr(12), 33, 600, cat(u16(0), u16(100), u16(389), name("dc1.example.org")))))));
        // NXDOMAIN with the SOA in the authority section and an OPT record
        byte[] nx = name("nothing.example.com");
        byte[] soa = cat(name("ns1.example.com"), name("hostmaster.example.com"), u32(2024030101), u32(7200), u32(900),
                u32(1209600), u32(300));
        f.add(v4(SERVER, CLIENT, 53, 53006, dns(0x0006, 0x8183, 1, 0, 1, 1, cat(nx, u16(1), u16(1),
                rr(bytes(0xc0, 20), 6, 900, soa), opt()))));
        f.add(v4(SERVER, CLIENT, 53, 53007, dns(0x0007, 0x8182, 1, 0, 0, 0, cat(www, u16(255), u16(1)))));
        f.add(v4(CLIENT, SERVER, 53008, 53, dns(0x0008, 0x2800, 1, 0, 1, 0, cat(name("example.org"), u16(6), u16(1),
                rr(ptr(12), 1, 300, new byte[] {(byte) 192, 0, 2, 9})))));
        // a name with a pointer to itself, a message cut in its question, and one cut by the snap length
        f.add(v4(CLIENT, SERVER, 53009, 53, dns(0x0009, 0x0100, 1, 0, 0, 0, cat(ptr(12), u16(1), u16(1)))));
        f.add(v4(CLIENT, SERVER, 53010, 53, dns(0x000a, 0x0100, 1, 0, 0, 0, bytes(7, 'e', 'x', 'a'))));
        byte[][] cut = v4(CLIENT, SERVER, 53011, 53, dns(0x000b, 0x0100, 1, 0, 0, 0, cat(www, u16(1), u16(1))));
        f.add(new byte[][] {cut[0], {(byte) 60}});
        f.add(v4(CLIENT, SERVER, 53012, 53, dns(0x000c, 0x0100, 1, 0, 0, 0, cat(bytes(4, 'a', 1, 'b', 0x7f, 0), u16(1), u16(1)))));
        // mDNS: a QU question, an announcement with cache-flush records, an NSEC
        f.add(v4(CLIENT, MDNS4, 5353, 5353, dns(0, 0, 2, 0, 0, 0, cat(name("_ipp._tcp.local"), u16(12), u16(0x8001),
                name("printer.local"), u16(1), u16(1)))));
        byte[] host = name("printer.local");
        f.add(v4(CLIENT, MDNS4, 5353, 5353, dns(0, 0x8400, 0, 2, 0, 1, cat(
                rr(host, 1, 120, 0x8001, new byte[] {10, 1, 0, 5}),
                rr(ptr(12), 28, 120, 0x8001, bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5)),
                rr(ptr(12), 47, 120, 0x8001, cat(ptr(12), bytes(0, 4, 0x40, 0, 0, 8)))))));
        // LLMNR query and response
        f.add(v4(CLIENT, LLMNR4, 50001, 5355, dns(0x4c4c, 0x0000, 1, 0, 0, 0, cat(name("fileserver"), u16(1), u16(1)))));
        f.add(v4(SERVER, CLIENT, 5355, 50001, dns(0x4c4c, 0x8000, 1, 1, 0, 0, cat(name("fileserver"), u16(1), u16(1),
                rr(ptr(12), 1, 30, new byte[] {(byte) 192, 0, 2, 53})))));
        // NBNS: name query, positive response, registration with its record, negative response
        f.add(v4(CLIENT, NB_BCAST, 137, 137, dns(0x8001, 0x0110, 1, 0, 0, 0, cat(nbName("WORKGROUP", 0x1c), u16(0x20), u16(1)))));
        f.add(v4(SERVER, CLIENT, 137, 137, dns(0x8001, 0x8500, 0, 1, 0, 0, rr(nbName("WORKGROUP", 0x1c), 0x20, 300000,
                cat(u16(0x6000), new byte[] {(byte) 192, 0, 2, 53})))));
        f.add(v4(CLIENT, NB_BCAST, 137, 137, dns(0x8002, 0x2910, 1, 0, 0, 1, cat(nbName("CAPMILL-PC", 0x00), u16(0x20), u16(1),
                rr(ptr(12), 0x20, 300000, cat(u16(0), CLIENT))))));
        f.add(v4(CLIENT, NB_BCAST, 137, 137, dns(0x8003, 0x0110, 1, 0, 0, 0, cat(nbName("\u0001\u0002__MSBROWSE__\u0002", 0x01),
                u16(0x20), u16(1)))));
        f.add(v4(SERVER, CLIENT, 137, 137, dns(0x8004, 0x8500, 0, 1, 0, 0, rr(nbName("*", 0x00), 0x21, 0, nbstat()))));
        // DHCP: discover, offer, request, ack; plain BOOTP request and reply
        f.add(v4(ZERO, BCAST, 68, 67, bootp(1, 0x3903f326, bytes(53, 1, 1, 55, 3, 1, 3, 6, 255))));
        f.add(v4(SERVER, BCAST, 67, 68, bootp(2, 0x3903f326, cat(bytes(53, 1, 2, 54, 4), SERVER, bytes(51, 4, 0, 0, 14, 16, 255)))));
        f.add(v4(ZERO, BCAST, 68, 67, bootp(1, 0x3903f327, cat(bytes(53, 1, 3, 50, 4), CLIENT, bytes(255)))));
        f.add(v4(SERVER, BCAST, 67, 68, bootp(2, 0x3903f327, bytes(53, 1, 5, 255))));
        f.add(v4(ZERO, BCAST, 68, 67, bootp(1, 0x00000777, bytes(255))));
        f.add(v4(SERVER, CLIENT, 67, 68, bootp(2, 0x00000777, bytes(255))));
        // DHCPv6: solicit, advertise with an address, relay-forward carrying a solicit
        byte[] duid = opt6(1, bytes(0, 1, 0, 1, 0x2d, 0x5c, 0x1b, 0x80, 2, 0, 0, 0, 0, 1));
        byte[] iaNa = opt6(3, cat(u32(1), u32(0), u32(0), opt6(5, cat(bytes(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x05),
                u32(3600), u32(7200)))));
        f.add(v6(546, 547, cat(bytes(1, 0x10, 0x08, 0x74), duid, opt6(8, u16(0)), opt6(3, cat(u32(1), u32(0), u32(0))))));
        f.add(v6(547, 546, cat(bytes(2, 0x10, 0x08, 0x74), opt6(2, bytes(0, 3, 0, 1, 2, 0, 0, 0, 0, 2)), duid, iaNa)));
        f.add(v6(547, 547, cat(bytes(12, 0), bytes(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
                bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5), opt6(9, cat(bytes(1, 0xab, 0xcd, 0xef), duid)))));
        // NTP: client and server (version 4 and 3), a private mode request
        f.add(v4(CLIENT, SERVER, 123, 123, ntp(0x23)));
        f.add(v4(SERVER, CLIENT, 123, 123, ntp(0x24)));
        f.add(v4(CLIENT, SERVER, 50123, 123, ntp(0x1b)));
        f.add(v4(CLIENT, SERVER, 50124, 123, bytes(0x17, 0, 3, 42, 0, 0, 0, 0)));
        // SSDP: M-SEARCH, NOTIFY and a unicast response
        f.add(v4(CLIENT, SSDP4, 50900, 1900, ascii("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
                + "MX: 2\r\nST: ssdp:all\r\n\r\n")));
        f.add(v4(SERVER, SSDP4, 1900, 1900, ascii("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\n"
                + "NTS: ssdp:alive\r\nUSN: uuid:00000000-0000-0000-0000-000000000001::upnp:rootdevice\r\n\r\n")));
        f.add(v4(SERVER, CLIENT, 1900, 50900, ascii("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\n\r\n")));
        return f;
    }

    public static byte[][] v4(byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        byte[] mac = dst[0] == -1 || (dst[0] & 0xf0) == 0xe0 || dst[3] == -1 ? SampleCaptures.BCAST : MAC_B;
        return new byte[][] {SampleCaptures.eth(MAC_A, mac, 0x0800,
                SampleCaptures.ipv4(src, dst, 17, 0x100 + sport % 200, SampleCaptures.udp(src, dst, 17, sport, dport, payload)))};
    }

    static byte[][] v6(int sport, int dport, byte[] payload) {
        byte[] src = bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5);
        byte[] dst = bytes(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2);
        byte[] u = SampleCaptures.udp(src, dst, 17, sport, dport, payload);
        ByteBuffer b = ByteBuffer.allocate(40 + u.length);
        b.putInt(0x60000000).putShort((short) u.length).put((byte) 17).put((byte) 1).put(src).put(dst).put(u);
        return new byte[][] {SampleCaptures.eth(MAC_A, bytes(0x33, 0x33, 0, 1, 0, 2), 0x86dd, b.array())};
    }

    public static byte[] dns(int id, int flags, int qd, int an, int ns, int ar, byte[] body) {
        return cat(u16(id), u16(flags), u16(qd), u16(an), u16(ns), u16(ar), body);
    }

    static byte[] rr(byte[] owner, int type, long ttl, byte[] data) {
        return rr(owner, type, ttl, 1, data);
    }

    static byte[] rr(byte[] owner, int type, long ttl, int cls, byte[] data) {
        return cat(owner, u16(type), u16(cls), u32(ttl), u16(data.length), data);
    }

    /** An OPT pseudo-record: root owner, UDP payload size 1232. */
    static byte[] opt() {
        return cat(bytes(0), u16(41), u16(1232), u32(0), u16(0));
    }

    static byte[] ptr(int offset) {
        return bytes(0xc0 | offset >> 8, offset & 0xff);
    }

    public static byte[] name(String n) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (String label : n.split("\\.")) {
            o.write(label.length());
            o.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        o.write(0);
        return o.toByteArray();
    }

    /** A NetBIOS name in first-level encoding (RFC 1001 section 14.1): 15 characters padded with spaces, then the type. */
    static byte[] nbName(String n, int type) {
        byte[] raw = new byte[16];
        for (int i = 0; i < 15; i++) {
            raw[i] = (byte) (i < n.length() ? n.charAt(i) : ' ');
        }
        raw[15] = (byte) type;
        byte[] out = new byte[34];
        out[0] = 32;
        for (int i = 0; i < 16; i++) {
            out[1 + 2 * i] = (byte) ('A' + ((raw[i] >> 4) & 15));
            out[2 + 2 * i] = (byte) ('A' + (raw[i] & 15));
        }
        return out;
    }

    /** Node status data (RFC 1002 section 4.2.18): one name, then 46 bytes of statistics with a MAC first. */
    static byte[] nbstat() {
        byte[] name = "SERVER         ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return cat(bytes(1), name, bytes(0x20), u16(0x0400), MAC_B, new byte[40]);
    }

    static byte[] bootp(int op, long xid, byte[] options) {
        ByteBuffer b = ByteBuffer.allocate(240 + options.length);
        b.put((byte) op).put((byte) 1).put((byte) 6).put((byte) 0).putInt((int) xid).putShort((short) 0).putShort((short) 0x8000);
        b.put(new byte[16]).put(MAC_A).put(new byte[10]).put(new byte[64]).put(new byte[128]);
        b.putInt(0x63825363).put(options);
        return b.array();
    }

    static byte[] opt6(int code, byte[] data) {
        return cat(u16(code), u16(data.length), data);
    }

    static byte[] ntp(int first) {
        byte[] n = new byte[48];
        n[0] = (byte) first;
        n[1] = (byte) ((first & 7) == 4 ? 2 : 0);
        return n;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
