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

    // ---- TFTP

    static byte[] rq(int op, String name, String mode, String opts) {
        return cat(new byte[] {0, (byte) op}, (name + "\0" + mode + "\0" + opts).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    static byte[] data(int block, int size) {
        return cat(new byte[] {0, 3, (byte) (block >> 8), (byte) block}, new byte[size]);
    }

    static byte[] ack(int block) {
        return new byte[] {0, 4, (byte) (block >> 8), (byte) block};
    }

    /** A datagram between 10.0.0.1 (the client, "c") and 10.0.0.2 (the server, "s"). */
    String tftp(boolean fromClient, int sp, int dp, byte[] payload) {
        byte[] f = eth(0x0800, ip4(fromClient ? A : B, fromClient ? B : A, 17, udp(sp, dp, payload)));
        f = Arrays.copyOf(f, 14 + 20 + 8 + payload.length);
        s.summarize(f, 0, f.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    @Test
    void tftpFollowsTheTransferFromItsRequest() {
        // python3 tftp.py && TZ=UTC tshark -n -r tftp.pcap (frames 1-16, 30-32, 40)
        assertEquals("TFTP Read Request, File: file1, Transfer type: octet", tftp(true, 1000, 69, rq(1, "file1", "octet", "")));
        assertEquals("TFTP Data Packet, Block: 1", tftp(false, 3000, 1000, data(1, 512)));
        assertEquals("TFTP Acknowledgement, Block: 1", tftp(true, 1000, 3000, ack(1)));
        assertEquals("TFTP Data Packet, Block: 2 (last)", tftp(false, 3000, 1000, data(2, 10)));
        // any server port continues it
        assertEquals("TFTP Acknowledgement, Block: 2", tftp(false, 3333, 1000, ack(2)));
        // options; an option acknowledgement's blksize changes the size of a last block
        assertEquals("TFTP Read Request, File: big, Transfer type: octet, blksize=1024, tsize=0",
                tftp(true, 1001, 69, rq(1, "big", "octet", "blksize\0001024\0tsize\0000\0")));
        assertEquals("TFTP Option Acknowledgement, blksize=1024, tsize=99",
                tftp(false, 3001, 1001, cat(new byte[] {0, 6}, "blksize\0001024\0tsize\00099\0".getBytes())));
        assertEquals("TFTP Data Packet, Block: 1", tftp(false, 3001, 1001, data(1, 1024)));
        assertEquals("TFTP Data Packet, Block: 2 (last)", tftp(false, 3001, 1001, data(2, 512)));
        assertEquals("TFTP Error Code, Code: File not found, Message: File not found",
                tftp(false, 3001, 1001, cat(hex("00050001"), "File not found\0".getBytes())));
        assertEquals("TFTP Error Code, Code: Unknown (9), Message: weird", tftp(false, 3001, 1001, cat(hex("00050009"), "weird\0".getBytes())));
        assertEquals("TFTP Write Request, File: up.txt, Transfer type: netascii", tftp(true, 1002, 69, rq(2, "up.txt", "netascii", "")));
        assertEquals("TFTP Acknowledgement, Block: 0", tftp(false, 3002, 1002, ack(0)));
        assertEquals("TFTP Data Packet, Block: 1 (last)", tftp(true, 1002, 3002, data(1, 0)));
    }

    @Test
    void tftpANewRequestStartsTheConversationOver() {
        // python3 (tftp3.pcap): the second request's transfer has the block size 512 again
        tftp(true, 1000, 69, rq(1, "a", "octet", "blksize\0001024\0"));
        tftp(false, 3000, 1000, cat(new byte[] {0, 6}, "blksize\0001024\0".getBytes()));
        assertEquals("TFTP Data Packet, Block: 1 (last)", tftp(false, 3000, 1000, data(1, 512)));
        tftp(true, 1000, 69, rq(1, "b", "octet", ""));
        assertEquals("TFTP Data Packet, Block: 1", tftp(false, 3001, 1000, data(1, 512)));
        // also for a conversation the heuristic started, when the request comes within it
        tftp(true, 5000, 6000, rq(1, "heur", "octet", ""));
        tftp(false, 6000, 5000, cat(new byte[] {0, 6}, "blksize\0001024\0".getBytes()));
        tftp(true, 5000, 6000, rq(1, "heur2", "octet", ""));
        assertEquals("TFTP Data Packet, Block: 1", tftp(false, 6000, 5000, data(1, 512)));
    }

    @Test
    void tftpBlockNumbersWrapPast65535() {
        tftp(true, 1000, 69, rq(1, "f", "octet", ""));
        assertEquals("TFTP Data Packet, Block: 65535", tftp(false, 3000, 1000, data(65535, 512)));
        assertEquals("TFTP Data Packet, Block: 65536", tftp(false, 3000, 1000, data(0, 512)));
        assertEquals("TFTP Acknowledgement, Block: 65536", tftp(true, 1000, 3000, ack(0)));
        // sent to port 69 from the client's port: the same conversation
        assertEquals("TFTP Acknowledgement, Block: 65541", tftp(true, 1000, 69, ack(5)));
    }

    @Test
    void tftpPort69AlwaysButOnlyValidRequestsStartAConversation() {
        // python3 tftp.py (frames 17-20, 23-29, 33-39, 41-43), tftp2.py (frame 8)
        assertEquals("TFTP Read Request, File: x, Transfer type: foo", tftp(true, 1003, 69, rq(1, "x", "foo", "")));
        assertEquals("UDP 3003 → 1003 Len=4", tftp(false, 3003, 1003, ack(0)));
        assertEquals("TFTP Read Request, File: x\\001y, Transfer type: octet", tftp(true, 1004, 69, rq(1, "x\001y", "octet", "")));
        assertEquals("UDP 3004 → 1004 Len=4", tftp(false, 3004, 1004, ack(0)));
        assertEquals("TFTP Data Packet, Block: 1", tftp(false, 69, 7000, data(1, 512)));
        assertEquals("TFTP Read Request, File: dir/f\ufffd.bin, Transfer type: octet",
                tftp(true, 1009, 69, rq(1, "dir/f\u00e9.bin", "octet", "")));
        assertEquals("TFTP Unknown (0x0009)", tftp(true, 1007, 69, hex("0009616263")));
    }

    @Test
    void tftpShortAndBrokenMessages() {
        assertEquals("TFTP Read Request[Malformed Packet]", tftp(true, 1005, 69, hex("0001")));
        assertEquals("TFTP Read Request[Malformed Packet]", tftp(true, 1006, 69, hex("0001616263")));
        assertEquals("TFTP Read Request, File: a, Transfer type: octet[Malformed Packet]", tftp(true, 1011, 69, rq(1, "a", "octet", "\0")));
        assertEquals("TFTP 69 → 1000 Len=1[Malformed Packet]", tftp(false, 69, 1000, hex("00")));
        assertEquals("TFTP Unknown (0x0007)[Malformed Packet]", tftp(false, 69, 1000, hex("0007")));
        assertEquals("TFTP Data Packet[Malformed Packet]", tftp(false, 69, 1000, hex("000300")));
        assertEquals("TFTP Error Code[Malformed Packet]", tftp(false, 69, 1000, hex("000500")));
        assertEquals("TFTP Error Code, Code: File not found[Malformed Packet]", tftp(false, 69, 1000, hex("00050001616263")));
        assertEquals("TFTP Information (MSDP), k=v", tftp(false, 69, 1000, hex("00ff6b007600")));
        assertEquals("TFTP Option Acknowledgement[Malformed Packet]", tftp(false, 69, 1000, hex("00066b0076")));
        assertEquals("TFTP Option Acknowledgement[Malformed Packet]", tftp(false, 69, 1000, hex("00066b")));
        // tcpdump/tests/tftp-heapoverflow.pcap: the name runs past the captured bytes
        byte[] f = eth(0x0800, ip4(A, B, 17, udp(1000, 69, cat(hex("0001"), new byte[0], "aaaaaaaa".getBytes()))));
        s.summarize(f, 0, 14 + 20 + 8 + 6, f.length, 1, ++frame, 0);
        assertEquals("TFTP Read Request[Packet size limited during capture]", s.protocol + " " + s.infoText());
    }

    @Test
    void tftpHeuristicOnOtherPorts() {
        // python3 tftp2.py && TZ=UTC tshark -n -r tftp2.pcap (frames 9-25)
        assertEquals("TFTP Read Request, File: a, Transfer type: netascii", tftp(true, 5010, 6010, rq(1, "a", "netascii", "")));
        assertEquals("TFTP Acknowledgement, Block: 0", tftp(false, 6010, 5010, ack(0)));
        assertEquals("TFTP Acknowledgement, Block: 0", tftp(false, 6011, 5010, ack(0)));
        // the opcode is not looked at
        assertEquals("TFTP Error Code, Code: Unknown (24832), Message: octet", tftp(true, 5001, 6001, hex("000561006f6374657400")));
        assertEquals("TFTP Unknown (0x0101)", tftp(true, 5007, 6007, hex("010161006f6374657400")));
        assertEquals("TFTP Read Request, File: a, Transfer type: OCTET", tftp(true, 5003, 6003, rq(1, "a", "OCTET", "")));
        assertEquals("TFTP Read Request, File: a, Transfer type: octet, x=y", tftp(true, 5005, 6005, rq(1, "a", "octet", "x\0y\0")));
        // a mode it does not know, an odd count of NULs, a byte that is not printable: UDP
        assertEquals("UDP 5002 → 6002 Len=8", tftp(true, 5002, 6002, rq(1, "a", "foo", "")));
        assertEquals("UDP 5004 → 6004 Len=12", tftp(true, 5004, 6004, rq(1, "a", "octet", "x\0")));
        assertEquals("UDP 5006 → 6006 Len=11", tftp(true, 5006, 6006, rq(1, "a\001", "octet", "")));
        assertEquals("UDP 5016 → 6016 Len=9", tftp(true, 5016, 6016, rq(1, "a", "oct\u0080", "")));
        // a port's dissector first: DNS
        assertEquals("DNS", tftp(true, 53, 6012, rq(2, "a", "octet", "")).substring(0, 3));
    }

    // ---- STUN

    static byte[] stun(int method, int cls, byte[] attrs) {
        int type = (method & 0xf) | (method & 0x70) << 1 | (method & 0xf80) << 2 | (cls & 1) << 4 | (cls & 2) << 7;
        return cat(hex(String.format("%04x%04x2112a442", type, attrs.length)), hex("010101010101010101010101"), attrs);
    }

    static byte[] attr(int type, byte[] value) {
        int padded = (value.length + 3) & ~3;
        return cat(hex(String.format("%04x%04x", type, value.length)), Arrays.copyOf(value, padded));
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void stunMethodsClassesAndAttributes() {
        // python3 stun_methods.py, stun_m2.py, stun3.py && TZ=UTC tshark -n -r ...
        assertEquals("STUN Binding Request", line(B, 40000, 3478, stun(1, 0, new byte[0])));
        assertEquals("STUN Binding Indication", line(B, 40000, 3478, stun(1, 1, new byte[0])));
        assertEquals("STUN Channel-Bind Request", line(B, 40000, 3478, stun(9, 0, new byte[0])));
        assertEquals("STUN Unknown Request", line(B, 40000, 3478, stun(5, 0, new byte[0])));
        assertEquals("STUN GooglePing Request", line(B, 40000, 3478, stun(0x80, 0, new byte[0])));
        assertEquals("UDP 40000 → 3478 Len=20", line(B, 40000, 3478, stun(0x100, 0, new byte[0])));
        assertEquals("STUN Binding Request user: alice realm: example.com", line(B, 40000, 3478,
                stun(1, 0, cat(attr(6, bytes("alice")), attr(0x14, bytes("example.com"))))));
        assertEquals("STUN Binding Success Response MAPPED-ADDRESS: 10.0.0.1:4660 XOR-MAPPED-ADDRESS: 43.18.164.67:13094",
                line(B, 3478, 40000, stun(1, 2, cat(attr(1, hex("000112340a000001")), attr(0x20, hex("000112340a000001"))))));
        assertEquals("STUN Binding Success Response MAPPED-ADDRESS: 1:203:405:607:809:a0b:c0d:e0f:4660",
                line(B, 3478, 40000, stun(1, 2, attr(1, hex("00021234000102030405060708090a0b0c0d0e0f")))));
        assertEquals("STUN Binding Success Response XOR-MAPPED-ADDRESS: 2113:a641:504:706:908:b0a:d0c:f0e:13094",
                line(B, 3478, 40000, stun(1, 2, attr(0x20, hex("00021234000102030405060708090a0b0c0d0e0f")))));
        assertEquals("STUN Binding Error Response error-code: 401 (Unauthenticated) Unauthorized",
                line(B, 3478, 40000, stun(1, 3, attr(9, cat(hex("00000401"), bytes("Unauthorized"))))));
        assertEquals("STUN Binding Error Response error-code: 1801 (*Unknown error code*)",
                line(B, 3478, 40000, stun(1, 3, attr(9, hex("00001201")))));
        assertEquals("STUN Allocate Request UDP TCP lifetime: 600 bandwidth: 70196 with nonce ChannelNumber=0x4001",
                line(B, 40000, 3478, stun(3, 0, cat(attr(0x19, hex("11000000")), attr(0x19, hex("06000000")),
                        attr(0x0d, hex("00000258")), attr(0x10, hex("00011234")), attr(0x15, bytes("n")),
                        attr(0x0c, hex("40010000"))))));
        assertEquals("STUN Binding Request Unknown (0x      63)", line(B, 40000, 3478, stun(1, 0, attr(0x19, hex("63000000")))));
        // strings end at a NUL, broken UTF-8 as U+FFFD, control characters as they are
        assertEquals("STUN Binding Request user: a\ufffdb", line(B, 40000, 3478, stun(1, 0, attr(6, bytes("a\u00ffb\0c\u0002")))));
        assertEquals("STUN Binding Error Response error-code: 401 (Unauthenticated) a\nb\tc",
                line(B, 3478, 40000, stun(1, 3, attr(9, cat(hex("00000401"), bytes("a\nb\tc"))))));
        // the heuristic on other ports; a TURN ChannelData message only on the port
        assertEquals("STUN Binding Request user: alice", line(B, 40000, 50000, stun(1, 0, attr(6, bytes("alice")))));
        assertEquals("STUN ChannelData TURN Message", line(B, 40000, 3478, hex("40000004616263ff")));
        assertEquals("UDP 40000 → 50000 Len=8", line(B, 40000, 50000, hex("40000004616263ff")));
    }

    @Test
    void stunRejectedShortAndBogusMessages() {
        // python3 stun3.py, stun4.py && TZ=UTC tshark -n -r ...
        byte[] m = stun(1, 0, attr(6, bytes("abcd")));
        assertEquals("UDP 40000 → 3478 Len=19", line(B, 40000, 3478, Arrays.copyOf(m, 19)));
        // the length field must give the datagram's length, the cookie must be there
        byte[] wrong = m.clone();
        wrong[3] = 4;
        assertEquals("UDP 40000 → 3478 Len=28", line(B, 40000, 3478, wrong));
        assertEquals("UDP 40000 → 3478 Len=20", line(B, 40000, 3478, hex("0001000000000000000000000000000000000000")));
        assertEquals("STUN Binding Request[Packet size limited during capture]",
                cut(B, 40000, 3478, stun(1, 0, attr(6, bytes("abcdefgh"))), 26));
        // a named attribute going past the end (its padding counted) stops the walk
        assertEquals("STUN Binding Request", line(B, 40000, 3478, stun(1, 0, hex("0006001061626364"))));
        assertEquals("STUN Binding Request", line(B, 40000, 3478, stun(1, 0, hex("00060003616263"))));
        assertEquals("STUN Binding Request user: abc realm: r",
                line(B, 40000, 3478, stun(1, 0, hex("0006000361626300" + "0014000172000000"))));
        // one it has no name for is read as bytes
        assertEquals("STUN Binding Request[Malformed Packet]", line(B, 40000, 3478, stun(1, 0, hex("7777001061626364"))));
        assertEquals("STUN Binding Request user: abc[Malformed Packet]",
                line(B, 40000, 3478, stun(1, 0, hex("00060003616263" + "0014000172000000"))));
        assertEquals("STUN Binding Request[Malformed Packet]", line(B, 40000, 3478, stun(1, 0, hex("000600"))));
        // short values write nothing
        assertEquals("STUN Binding Request error-code: 401 (Unauthenticated)", line(B, 40000, 3478, stun(1, 0, attr(9, hex("00000401")))));
        assertEquals("STUN Binding Request", line(B, 40000, 3478, stun(1, 0, attr(9, hex("000004")))));
        assertEquals("STUN Binding Request", line(B, 40000, 3478, stun(1, 0, attr(0x20, hex("000112340a0000")))));
        assertEquals("STUN Binding Request", line(B, 40000, 3478, stun(1, 0, attr(0x0d, hex("0001")))));
    }

    // ---- DoIP

    static byte[] doip(int version, int inverse, int type, int length, byte[] body) {
        return cat(hex(String.format("%02x%02x%04x%08x", version, inverse, type, length)), body);
    }

    static byte[] doip(int type, byte[] body) {
        return doip(2, 0xfd, type, body.length, body);
    }

    @Test
    void doipNamesEachPayloadType() {
        // python3 doip.py && TZ=UTC tshark -n -r doip.pcap
        assertEquals("DoIP Generic DoIP header NACK", line(B, 50000, 13400, doip(0, hex("01"))));
        assertEquals("DoIP Vehicle identification request", line(B, 50000, 13400, doip(1, new byte[0])));
        assertEquals("DoIP Vehicle identification request with EID", line(B, 50000, 13400, doip(2, new byte[6])));
        assertEquals("DoIP Vehicle identification request with VIN", line(B, 50000, 13400, doip(3, new byte[17])));
        assertEquals("DoIP Vehicle announcement message/vehicle identification response message",
                line(B, 13400, 50000, doip(4, new byte[33])));
        assertEquals("DoIP Routing activation request", line(B, 50000, 13400, doip(5, new byte[7])));
        assertEquals("DoIP Routing activation response", line(B, 13400, 50000, doip(6, new byte[9])));
        assertEquals("DoIP Alive check request", line(B, 50000, 13400, doip(7, new byte[0])));
        assertEquals("DoIP Alive check response", line(B, 13400, 50000, doip(8, new byte[2])));
        assertEquals("DoIP DoIP entity status request", line(B, 50000, 13400, doip(0x4001, new byte[0])));
        assertEquals("DoIP DoIP entity status response", line(B, 13400, 50000, doip(0x4002, new byte[7])));
        assertEquals("DoIP Diagnostic power mode information request", line(B, 50000, 13400, doip(0x4003, new byte[0])));
        assertEquals("DoIP Diagnostic power mode information response", line(B, 13400, 50000, doip(0x4004, new byte[1])));
        assertEquals("DoIP Diagnostic message ACK", line(B, 13400, 50000, doip(0x8002, new byte[5])));
        assertEquals("DoIP Diagnostic message NACK", line(B, 13400, 50000, doip(0x8003, new byte[5])));
        assertEquals("DoIP 0x7777 Unknown Payload", line(B, 50000, 13400, doip(0x7777, new byte[0])));
        // versions 1-4, and 0xff for the vehicle identification requests
        assertEquals("DoIP Vehicle identification request", line(B, 50000, 13400, doip(0xff, 0, 1, 0, new byte[0])));
        assertEquals("DoIP Invalid/unsupported DoIP version", line(B, 50000, 13400, doip(0xff, 0, 5, 7, new byte[7])));
        assertEquals("DoIP Invalid/unsupported DoIP version", line(B, 50000, 13400, doip(0, 0xff, 1, 0, new byte[0])));
        assertEquals("DoIP Vehicle identification request", line(B, 50000, 13400, doip(4, 0xfb, 1, 0, new byte[0])));
        // the payload is read only into a tree: short bodies are not marked
        assertEquals("DoIP Vehicle announcement message/vehicle identification response message",
                line(B, 13400, 50000, doip(4, new byte[10])));
        assertEquals("DoIP Vehicle identification request", line(B, 50000, 13400, doip(2, 0xfd, 1, 10, new byte[0])));
    }

    @Test
    void doipCutsTheDatagramIntoMessages() {
        // the last message shows
        assertEquals("DoIP Alive check request", line(B, 50000, 13400, cat(doip(1, new byte[0]), doip(7, new byte[0]))));
        // a remainder too short for a header, or a header whose inverse version is wrong: malformed
        assertEquals("DoIP Vehicle identification request[Malformed Packet]",
                line(B, 50000, 13400, doip(2, 0xfd, 1, 0, hex("7878"))));
        assertEquals("DoIP Vehicle identification request[Malformed Packet]",
                line(B, 50000, 13400, cat(doip(1, new byte[0]), hex("02"))));
        assertEquals("UDP 50000 → 13400 Len=8[Malformed Packet]", line(B, 50000, 13400, doip(2, 0, 1, 0, new byte[0])));
        assertEquals("UDP 50000 → 13400 Len=5[Malformed Packet]", line(B, 50000, 13400, hex("02fd000100")));
        // python3 (doip2.pcap): only the datagram's first header has its inverse version checked
        assertEquals("DoIP Alive check request", line(B, 50000, 13400, cat(doip(1, new byte[0]), doip(2, 0, 7, 0, new byte[0]))));
        assertEquals("UDP 50000 → 13400 Len=16[Malformed Packet]",
                line(B, 50000, 13400, cat(doip(2, 0, 1, 0, new byte[0]), doip(7, new byte[0]))));
        assertEquals("DoIP Invalid/unsupported DoIP version",
                line(B, 50000, 13400, cat(doip(1, new byte[0]), doip(9, 0, 7, 0, new byte[0]))));
        assertEquals("UDP 50000 → 13400 Len=7[Malformed Packet]", line(B, 50000, 13400, hex("02fd0001000000")));
    }

    /** A TCP segment from 10.0.0.1:50000 to 10.0.0.2:13400 with PSH, ACK. */
    String tcpLine(long seq, int flags, byte[] data) {
        byte[] t = java.nio.ByteBuffer.allocate(20 + data.length).putShort((short) 50000).putShort((short) 13400)
                .putInt((int) seq).putInt(1).putShort((short) (5 << 12 | flags)).putShort((short) 8192).putInt(0)
                .put(data).array();
        byte[] f = eth(0x0800, ip4(A, B, 6, t));
        f = Arrays.copyOf(f, 14 + 20 + t.length);
        s.summarize(f, 0, f.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    @Test
    void doipOverTcpIsCutAndReassembledAsTcpDissectPdusDoes() {
        // python3 doiptcp.py && TZ=UTC tshark -n -r doiptcp.pcap
        tcpLine(0, 0x02, new byte[0]);
        assertEquals("DoIP Routing activation request", tcpLine(1, 0x18, doip(5, new byte[7])));
        assertEquals("DoIP Alive check request", tcpLine(16, 0x18, cat(doip(1, new byte[0]), doip(7, new byte[0]))));
        assertEquals("TCP 50000 → 13400 [PSH, ACK] Seq=32 Ack=1 Win=8192 Len=8[Malformed Packet]",
                tcpLine(32, 0x18, doip(2, 0, 1, 0, new byte[0])));
        byte[] alive = doip(7, new byte[0]);
        assertEquals("TCP 50000 → 13400 [PSH, ACK] Seq=40 Ack=1 Win=8192 Len=5 [TCP segment of a reassembled PDU]",
                tcpLine(40, 0x18, Arrays.copyOf(alive, 5)));
        assertEquals("DoIP Alive check request", tcpLine(45, 0x18, Arrays.copyOfRange(alive, 5, 8)));
        assertEquals("DoIP 0x7777 Unknown Payload", tcpLine(48, 0x18, doip(0x7777, new byte[0])));
    }
}
