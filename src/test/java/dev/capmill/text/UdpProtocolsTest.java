package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.hex;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * HSRP, BFD, TFTP, STUN and DoIP lines ({@link UdpProtocols}). The expected texts are tshark
 * 4.0.17's for the same bytes: each datagram was written to a pcap (Ethernet, IPv4, UDP, the
 * frame not padded) by a small Python script and read with {@code TZ=UTC tshark -n -r x.pcap}.
 */
class UdpProtocolsTest {
    final Summarizer s = new Summarizer();
    long frame;

    static final byte[] HSRP_GROUP = {(byte) 224, 0, 0, 2};
    static final byte[] HSRP2_GROUP = {(byte) 224, 0, 0, 102};

    /** Protocol and Info of an IPv4 datagram from 10.0.0.1 to {@code dst}, not padded. */
    String line(byte[] dst, int sp, int dp, byte[] payload) {
        byte[] f = frame(dst, sp, dp, payload);
        s.summarize(f, 0, f.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    /** The same with only {@code captured} bytes of the payload at hand (a snap length). */
    String cut(byte[] dst, int sp, int dp, byte[] payload, int captured) {
        byte[] f = frame(dst, sp, dp, payload);
        s.summarize(f, 0, 14 + 20 + 8 + captured, f.length, 1, ++frame, 0);
        return s.protocol + " " + s.infoText();
    }

    static byte[] frame(byte[] dst, int sp, int dp, byte[] payload) {
        byte[] e = eth(0x0800, ip4(A, dst, 17, udp(sp, dp, payload)));
        return Arrays.copyOf(e, 14 + 20 + 8 + payload.length);
    }

    // ---- HSRP

    static byte[] hsrp1(int opcode, int state) {
        return cat(new byte[] {0, (byte) opcode, (byte) state, 3, 10, 100, 1, 0}, "cisco\0\0\0".getBytes(),
                new byte[] {10, 0, 0, 1});
    }

    static byte[] hsrp2Group(int opcode, int state) {
        return hex(String.format("0128" + "02%02x%02x04" + "0001" + "000000000000" + "00000064" + "00000bb8"
                + "00002710" + "00000000000000000000000000000000", opcode, state));
    }

    @Test
    void hsrpVersion1NamesOpcodeAndState() {
        // python3 hsrp.py (frames 1-7, 16-18, 22-25) && TZ=UTC tshark -n -r hsrp1.pcap
        assertEquals("HSRP Hello (state Active)", line(HSRP_GROUP, 1985, 1985, hsrp1(0, 16)));
        assertEquals("HSRP Coup (state Listen)", line(HSRP_GROUP, 1985, 1985, hsrp1(1, 2)));
        assertEquals("HSRP Resign (state Standby)", line(HSRP_GROUP, 1985, 1985, hsrp1(2, 8)));
        assertEquals("HSRP Hello (state Unknown)", line(HSRP_GROUP, 1985, 1985, hsrp1(0, 3)));
        assertEquals("HSRP Advertise (state Passive)", line(HSRP_GROUP, 1985, 1985,
                hex("00030001000a02000001000000000000")));
        assertEquals("HSRP Advertise (state Unknown)", line(HSRP_GROUP, 1985, 1985, hex("00030001000a07000001000000000000")));
        assertEquals("HSRP Unknown", line(HSRP_GROUP, 1985, 1985, hex("00090001000a0700")));
        // with an MD5 TLV after it (the 50-byte case the dissector looks into)
        assertEquals("HSRP Hello (state Active)", line(HSRP_GROUP, 1985, 1985, cat(hsrp1(0, 16), hex("041c"), new byte[28])));
        assertEquals("HSRP Hello (state Active)", line(HSRP_GROUP, 2029, 2029, hsrp1(0, 16)));
        assertEquals("HSRP Hello (state Active)", line(HSRP_GROUP, 5000, 1985, hsrp1(0, 16)));
    }

    @Test
    void hsrpOtherAddressesAndPortsStayUdp() {
        // unicast: the dissector takes the datagram and writes nothing
        assertEquals("UDP 1985 → 1985 Len=20", line(new byte[] {10, 0, 0, 9}, 1985, 1985, hsrp1(0, 16)));
        // not sent to 1985 or 2029: rejected
        assertEquals("UDP 1985 → 5000 Len=20", line(HSRP_GROUP, 1985, 5000, hsrp1(0, 16)));
        assertEquals("UDP 1985 → 161 Len=20", line(HSRP_GROUP, 1985, 161, hsrp1(0, 16)));
    }

    @Test
    void hsrpShortDatagramsAreMarked() {
        byte[] h = hsrp1(0, 16);
        assertEquals("HSRP 1985 → 1985 Len=1[Malformed Packet]", line(HSRP_GROUP, 1985, 1985, Arrays.copyOf(h, 1)));
        assertEquals("HSRP Hello[Malformed Packet]", line(HSRP_GROUP, 1985, 1985, Arrays.copyOf(h, 2)));
        assertEquals("HSRP Hello (state Active)[Malformed Packet]", line(HSRP_GROUP, 1985, 1985, Arrays.copyOf(h, 3)));
        assertEquals("HSRP Hello (state Active)[Malformed Packet]", line(HSRP_GROUP, 1985, 1985, Arrays.copyOf(h, 16)));
        assertEquals("HSRP Hello (state Active)[Malformed Packet]", line(HSRP_GROUP, 1985, 1985, Arrays.copyOf(h, 19)));
        assertEquals("HSRP Hello (state Active)[Packet size limited during capture]",
                cut(HSRP_GROUP, 1985, 1985, h, 10));
        assertEquals("HSRP Advertise (state Passive)[Malformed Packet]",
                line(HSRP_GROUP, 1985, 1985, hex("00030001000a02000001")));
        assertEquals("HSRP Advertise[Malformed Packet]", line(HSRP_GROUP, 1985, 1985, hex("00030001000a")));
    }

    @Test
    void hsrpVersion2Tlvs() {
        // python3 hsrp2.py && TZ=UTC tshark -n -r hsrp2.pcap
        assertEquals("HSRPv2 Hello (state Active)", line(HSRP2_GROUP, 1985, 1985, hsrp2Group(0, 6)));
        assertEquals("HSRPv2 Coup (state Listen)", line(HSRP2_GROUP, 1985, 1985,
                cat(hsrp2Group(1, 3), hex("0308"), "cisco\0\0\0".getBytes())));
        assertEquals("HSRPv2 Resign (state Unknown)", line(HSRP2_GROUP, 1985, 1985, hsrp2Group(2, 0)));
        assertEquals("HSRPv2 Interface State TLV (Act=1 Pass=2)", line(HSRP2_GROUP, 1985, 1985,
                cat(hsrp2Group(0, 6), hex("020400010002"))));
        assertEquals("HSRPv2 Hello (state Standby)", line(HSRP2_GROUP, 1985, 1985,
                cat(hex("020400010002"), hsrp2Group(0, 5))));
        assertEquals("HSRPv2 Hello (state Standby)", line(HSRP2_GROUP, 1985, 1985,
                cat(hsrp2Group(0, 6), hsrp2Group(0, 5))));
        // an unknown TLV ends the walk; a short MD5 TLV is not read without a tree
        assertEquals("HSRPv2 1985 → 1985 Len=4", line(HSRP2_GROUP, 1985, 1985, hex("09020000")));
        assertEquals("HSRPv2 Hello (state Active)", line(HSRP2_GROUP, 1985, 1985,
                cat(hsrp2Group(0, 6), hex("041c"), new byte[8])));
    }

    @Test
    void hsrpVersion2ShortDatagrams() {
        byte[] g = hsrp2Group(0, 6);
        // the group state TLV's other fields go only into a tree
        assertEquals("HSRPv2 Hello (state Active)", line(HSRP2_GROUP, 1985, 1985, Arrays.copyOf(g, 10)));
        assertEquals("HSRPv2 Hello[Malformed Packet]", line(HSRP2_GROUP, 1985, 1985, Arrays.copyOf(g, 4)));
        assertEquals("HSRPv2 1985 → 1985 Len=1[Malformed Packet]", line(HSRP2_GROUP, 1985, 1985, Arrays.copyOf(g, 1)));
        assertEquals("HSRPv2 1985 → 1985 Len=4[Malformed Packet]", line(HSRP2_GROUP, 1985, 1985, hex("02040001")));
        assertEquals("HSRPv2 Hello (state Active)[Malformed Packet]", line(HSRP2_GROUP, 1985, 1985, cat(g, hex("07"))));
        assertEquals("HSRPv2 Hello[Malformed Packet]", line(HSRP2_GROUP, 1985, 1985, cat(g, hex("01280200"))));
        assertEquals("HSRPv2 1985 → 1985 Len=42[Packet size limited during capture]", cut(HSRP2_GROUP, 1985, 1985, g, 3));
    }

    // ---- BFD

    static byte[] bfd(int version, int diag, int flags, int length, byte[] auth) {
        return cat(hex(String.format("%02x%02x03%02x", version << 5 | diag, flags, length)
                + "00000001" + "00000002" + "000f4240" + "000f4240" + "00000000"), auth);
    }

    static final byte[] B = {10, 0, 0, 2};

    @Test
    void bfdControlDiagStateAndFlags() {
        // python3 bfd.py && TZ=UTC tshark -n -r bfd.pcap
        assertEquals("BFD Control Diag: No Diagnostic, State: Down, Flags: 0x00", line(B, 49152, 3784, bfd(1, 0, 0x40, 24, new byte[0])));
        assertEquals("BFD Control Diag: Neighbor Signaled Session Down, State: Up, Flags: 0x08",
                line(B, 49152, 4784, bfd(1, 3, 0xc8, 24, new byte[0])));
        assertEquals("BFD Control Diag: Mis-Connectivity Defect, State: AdminDown, Flags: 0x20",
                line(B, 49152, 6784, bfd(1, 9, 0x20, 24, new byte[0])));
        assertEquals("BFD Control Diag: Unknown, State: AdminDown, Flags: 0x3e", line(B, 49152, 7784, bfd(1, 10, 0x3f, 24, new byte[0])));
        // version 0: no state, all 8 flag bits, diagnostics 0-7 only; other versions read as 1
        assertEquals("BFD Control Diag: Echo Function Failed, Flags: 0xff", line(B, 49152, 3784, bfd(0, 2, 0xff, 24, new byte[0])));
        assertEquals("BFD Control Diag: Unknown, Flags: 0x12", line(B, 49152, 3784, bfd(0, 8, 0x12, 24, new byte[0])));
        assertEquals("BFD Control Diag: Control Detection Time Expired, State: Init, Flags: 0x00",
                line(B, 49152, 3784, bfd(2, 1, 0x80, 24, new byte[0])));
        assertEquals("BFD Echo Originator specific content", line(B, 49152, 3785, hex("010203")));
        // the lower port first: DNS takes 3784 -> 53
        assertEquals("DNS", line(B, 3784, 53, bfd(1, 0, 0x40, 24, new byte[0])).substring(0, 3));
    }

    @Test
    void bfdShortMessagesAndAuthentication() {
        byte[] m = bfd(1, 0, 0xc0, 24, new byte[0]);
        assertEquals("BFD Control [Malformed Packet]", line(B, 49152, 3784, Arrays.copyOf(m, 23)));
        assertEquals("BFD Control [Malformed Packet]", line(B, 49152, 3784, Arrays.copyOf(m, 1)));
        assertEquals("BFD Control [Packet size limited during capture]", cut(B, 49152, 3784, m, 10));
        String up = "BFD Control Diag: No Diagnostic, State: Up, Flags: 0x04";
        // simple password: the len - 3 bytes of it are read
        assertEquals(up, line(B, 49152, 3784, bfd(1, 0, 0xc4, 33, cat(hex("010901"), "secret".getBytes()))));
        assertEquals(up + "[Malformed Packet]", line(B, 49152, 3784, bfd(1, 0, 0xc4, 33, cat(hex("010901"), "sec".getBytes()))));
        assertEquals(up, line(B, 49152, 3784, bfd(1, 0, 0xc4, 33, cat(hex("010201"), "secret".getBytes()))));
        assertEquals(up + "[Malformed Packet]", line(B, 49152, 3784, bfd(1, 0, 0xc4, 33, cat(hex("010001"), "secret".getBytes()))));
        assertEquals(up + "[Packet size limited during capture]",
                cut(B, 49152, 3784, bfd(1, 0, 0xc4, 33, cat(hex("010901"), "secret".getBytes())), 30));
        // keyed MD5/SHA1: only a wrong section length puts an item over its bytes
        assertEquals(up, line(B, 49152, 3784, bfd(1, 0, 0xc4, 48, hex("0218010000000000"))));
        assertEquals(up + "[Malformed Packet]", line(B, 49152, 3784, bfd(1, 0, 0xc4, 48, hex("0414010000000000"))));
        assertEquals(up, line(B, 49152, 3784, bfd(1, 0, 0xc4, 48, hex("0408010000000000"))));
        // the A flag with a message length under 28: an item of length - 24 bytes
        assertEquals(up, line(B, 49152, 3784, bfd(1, 0, 0xc4, 24, new byte[0])));
        assertEquals(up + "[Malformed Packet]", line(B, 49152, 3784, bfd(1, 0, 0xc4, 25, new byte[0])));
        assertEquals(up + "[Malformed Packet]", line(B, 49152, 3784, bfd(1, 0, 0xc4, 23, new byte[0])));
        assertEquals(up + "[Malformed Packet]", cut(B, 49152, 3784, bfd(1, 0, 0xc4, 22, new byte[0]), 24));
        assertEquals(up + "[Packet size limited during capture]", cut(B, 49152, 3784, bfd(1, 0, 0xc4, 25, new byte[4]), 24));
        assertEquals(up + "[Malformed Packet]", line(B, 49152, 3784, bfd(1, 0, 0xc4, 28, new byte[0])));
        assertEquals(up, line(B, 49152, 3784, bfd(1, 0, 0xc4, 28, hex("0904"))));
        // version 0 has no authentication section
        assertEquals("BFD Control Diag: No Diagnostic, Flags: 0x04",
                line(B, 49152, 3784, bfd(0, 0, 0x04, 33, cat(hex("010901"), "sec".getBytes()))));
    }
}
