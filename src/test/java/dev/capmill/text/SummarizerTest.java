package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Summaries of packets built here, against the Info texts tshark 4.0.17 printed for the same bytes
 * (a probe capture made while writing the decoders; the expected strings are copied from its output).
 */
class SummarizerTest {
    static final byte[] A = {10, 0, 0, 1};
    static final byte[] B = {10, 0, 0, 2};
    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16, URG = 32;

    final Summarizer s = new Summarizer();
    long frame;

    static byte[] eth(int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + payload.length));
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) type).put(payload);
        return b.array();
    }

    static byte[] ip4(byte[] src, byte[] dst, int proto, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) proto).putShort((short) 0).put(src).put(dst).put(payload);
        return b.array();
    }

    static byte[] tcp(int sp, int dp, long seq, long ack, int flags, int win, byte[] opts, int dataLen, int urg) {
        int optLen = (opts.length + 3) / 4 * 4;
        ByteBuffer b = ByteBuffer.allocate(20 + optLen + dataLen);
        b.putShort((short) sp).putShort((short) dp).putInt((int) seq).putInt((int) ack)
                .putShort((short) (((20 + optLen) / 4) << 12 | flags)).putShort((short) win).putShort((short) 0)
                .putShort((short) urg).put(opts);
        for (int i = opts.length; i < optLen; i++) {
            b.put((byte) 1);
        }
        return b.array();
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] ts(int val, int ecr) {
        return ByteBuffer.allocate(10).put((byte) 8).put((byte) 10).putInt(val).putInt(ecr).array();
    }

    static final byte[] MSS = {2, 4, 5, (byte) 0xb4};
    static final byte[] NOP = {1};

    String info(byte[] frameBytes) {
        s.summarize(frameBytes, 0, frameBytes.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    String tcpInfo(byte[] src, byte[] dst, byte[] tcp) {
        return info(eth(0x0800, ip4(src, dst, 6, tcp)));
    }

    @Test
    void aMultipathTcpOptionNamesTheProtocolUnlessAnApplicationDoes() {
        byte[] mpCapable = {30, 12, 0x00, (byte) 0x81, 1, 2, 3, 4, 5, 6, 7, 8};
        // the option itself is not shown in Info; only the Protocol column changes
        assertEquals("MPTCP 5100 \u2192 7000 [SYN] Seq=0 Win=65535 Len=0 MSS=1460",
                tcpInfo(A, B, tcp(5100, 7000, 1000, 0, SYN, 65535, cat(MSS, mpCapable), 0, 0)));
        // a segment of a PDU being reassembled is TCP's again, as tshark's reassembly sets it
        byte[] dss = {30, 4, 0x20, 0};
        String partial = tcpInfo(A, B, cat(tcp(5101, 80, 1, 1, PSH | ACK, 100, dss, 0, 0),
                "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(partial.startsWith("TCP ") && partial.endsWith("[TCP segment of a reassembled PDU]"), partial);
    }

    @Test
    void handshakeOptionsInHeaderOrderAndScaledWindows() {
        assertEquals("TCP 5000 \u2192 80 [SYN] Seq=0 Win=65535 Len=0 MSS=1460 WS=128 TSval=11 TSecr=0 SACK_PERM",
                tcpInfo(A, B, tcp(5000, 80, 1000, 0, SYN, 65535,
                        cat(MSS, NOP, new byte[] {3, 3, 7}, NOP, NOP, ts(11, 0), new byte[] {4, 2}), 0, 0)));
        assertEquals("TCP 80 \u2192 5000 [SYN, ACK] Seq=0 Ack=1 Win=28960 Len=0 MSS=1460 SACK_PERM TSval=22 TSecr=11 WS=4",
                tcpInfo(B, A, tcp(80, 5000, 7000, 1001, SYN | ACK, 28960,
                        cat(MSS, new byte[] {4, 2}, ts(22, 11), NOP, new byte[] {3, 3, 2}), 0, 0)));
        assertEquals("TCP 5000 \u2192 80 [ACK] Seq=1 Ack=1 Win=64256 Len=0 TSval=12 TSecr=22",
                tcpInfo(A, B, tcp(5000, 80, 1001, 7001, ACK, 502, cat(NOP, NOP, ts(12, 22)), 0, 0)));
        assertEquals("TCP 5000 \u2192 80 [PSH, ACK, URG] Seq=1 Ack=1 Win=64256 Urg=3 Len=10",
                tcpInfo(A, B, tcp(5000, 80, 1001, 7001, ACK | PSH | URG, 502, new byte[0], 10, 3)));
        byte[] sack = ByteBuffer.allocate(12).put((byte) 1).put((byte) 1).put((byte) 5).put((byte) 10)
                .putInt(1011).putInt(1021).array();
        assertEquals("TCP 80 \u2192 5000 [ACK] Seq=1 Ack=11 Win=1200 Len=0 SLE=11 SRE=21",
                tcpInfo(B, A, tcp(80, 5000, 7001, 1011, ACK, 300, sack, 0, 0)));
    }

    @Test
    void midstreamConversationsCountFromOneBeforeTheFirstSequenceNumber() {
        assertEquals("TCP 2200 \u2192 6000 [ACK] Seq=1 Ack=1 Win=1000 Len=0",
                tcpInfo(B, A, tcp(2200, 6000, 90000, 50000, ACK, 1000, new byte[0], 0, 0)));
        assertEquals("TCP 6000 \u2192 2200 [PSH, ACK] Seq=1 Ack=1 Win=1000 Len=5",
                tcpInfo(A, B, tcp(6000, 2200, 50000, 90000, ACK | PSH, 1000, new byte[0], 5, 0)));
        assertEquals("TCP 2200 \u2192 6000 [ACK] Seq=1 Ack=6 Win=1000 Len=0",
                tcpInfo(B, A, tcp(2200, 6000, 90000, 50005, ACK, 1000, new byte[0], 0, 0)));
        assertEquals("TCP 443 \u2192 40001 [RST, ACK] Seq=1 Ack=1 Win=0 Len=0",
                tcpInfo(B, A, tcp(443, 40001, 0, 9001, RST | ACK, 0, new byte[0], 0, 0)));
        assertEquals("TCP 6002 \u2192 24 [SYN, ECE, CWR, AE] Seq=0 Win=1000 Len=0",
                tcpInfo(A, B, tcp(6002, 24, 5, 0, SYN | 0x40 | 0x80 | 0x100, 1000, new byte[0], 0, 0)));
        assertEquals("TCP 80 \u2192 5000 [FIN] Seq=1 Win=1 Len=0",
                tcpInfo(B, A, tcp(80, 5000, 7, 0, FIN, 1, new byte[0], 0, 0)));
    }

    @Test
    void icmpTypesAndCodesAsTsharkNamesThem() {
        byte[] inner = ip4(A, B, 17, new byte[8]);
        assertEquals("ICMP Destination unreachable (Port unreachable)", icmp(3, 3, inner));
        assertEquals("ICMP Destination unreachable (Unknown code: 16)", icmp(3, 16, inner));
        assertEquals("ICMP Time-to-live exceeded (Time to live exceeded in transit)", icmp(11, 0, inner));
        assertEquals("ICMP Redirect             (Redirect for TOS and host)", icmp(5, 3, inner));
        assertEquals("ICMP Parameter problem    (Bad length)", icmp(12, 2, inner));
        assertEquals("ICMP Router solicitation ", icmp(10, 0, inner));
        assertEquals("ICMP Source quench (flow control)", icmp(4, 1, inner));
        assertEquals("ICMP Timestamp reply      id=0x0001, seq=2/512, ttl=64", icmp(14, 0, inner));
        assertEquals("ICMP Unknown ICMP (obsolete or malformed?)", icmp(253, 0, inner));
        assertEquals("ICMP Photuris             (Need Authorization)", icmp(40, 5, inner));
    }

    String icmp(int type, int code, byte[] rest) {
        byte[] h = ByteBuffer.allocate(8 + rest.length).put((byte) type).put((byte) code).putShort((short) 0)
                .putShort((short) 1).putShort((short) 2).put(rest).array();
        return info(eth(0x0800, ip4(B, A, 1, h)));
    }

    @Test
    void echoRepliesNameTheirRequestAndOnlyAMatchingOne() {
        assertEquals("ICMP Echo (ping) request  id=0x0009, seq=1/256, ttl=64", echo(A, B, 8, 9, 1));
        assertEquals("ICMP Echo (ping) reply    id=0x0009, seq=7/1792, ttl=64", echo(A, B, 0, 9, 7));
        assertEquals("ICMP Echo (ping) reply    id=0x0009, seq=1/256, ttl=64 (request in 1)", echo(B, A, 0, 9, 1));
    }

    @Test
    void aReplyMatchesOnlyWhenItsChecksumIsTheRequestsCorrectedForTheType() {
        // tshark 4.0.17 printed no "(request in 1)" for a reply whose checksum field equals the request's
        assertEquals("ICMP Echo (ping) request  id=0x0009, seq=1/256, ttl=64", echo(A, B, 8, 9, 1, 0x1111));
        assertEquals("ICMP Echo (ping) reply    id=0x0009, seq=1/256, ttl=64", echo(B, A, 0, 9, 1, 0x1111));
        assertEquals("ICMP Echo (ping) reply    id=0x0009, seq=1/256, ttl=64 (request in 1)", echo(B, A, 0, 9, 1, 0x1911));
    }

    /** An echo whose checksum field is right for an empty payload (0 for a request, 0x0800 for a reply). */
    String echo(byte[] src, byte[] dst, int type, int id, int seq) {
        return echo(src, dst, type, id, seq, type == 0 ? 0x0800 : 0);
    }

    String echo(byte[] src, byte[] dst, int type, int id, int seq, int checksum) {
        byte[] h = ByteBuffer.allocate(10).put((byte) type).put((byte) 0).putShort((short) checksum)
                .putShort((short) id).putShort((short) seq).array();
        return info(eth(0x0800, ip4(src, dst, 1, h)));
    }

    @Test
    void udpWithoutAnApplicationAndIpv6Addresses() {
        byte[] udp = ByteBuffer.allocate(11).putShort((short) 40000).putShort((short) 40001).putShort((short) 11)
                .array();
        assertEquals("UDP 40000 \u2192 40001 Len=3", info(eth(0x0800, ip4(A, B, 17, udp))));
        byte[] t = tcp(1, 2, 3, 4, SYN, 100, new byte[0], 0, 0);
        ByteBuffer v6 = ByteBuffer.allocate(40 + t.length).putInt(0x60000000).putShort((short) t.length)
                .put((byte) 6).put((byte) 64);
        v6.put(hex("20010db8000000000000000000000001")).put(hex("fe800000000000000000000000000abc")).put(t);
        assertEquals("TCP 1 \u2192 2 [SYN] Seq=0 Win=100 Len=0", info(eth(0x86dd, v6.array())));
        assertEquals("2001:db8::1", s.source.toString());
        assertEquals("fe80::abc", s.destination.toString());
    }

    static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }

    /** FDDI (link type 10): addresses bit-reversed per byte, the frame control named, LLC/SNAP to IP. */
    @Test
    void fddiAddressesAreBitReversedAndAsyncLlcCarriesIp() {
        byte[] udp = ByteBuffer.allocate(8).putShort((short) 1000).putShort((short) 53).putShort((short) 8).array();
        byte[] frameBytes = cat(new byte[] {0x50, 0x40, 0, 0, 0, 0, (byte) 0x80, 0x40, 0, 0, 0, 0, 0x01},
                new byte[] {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0, 8, 0}, ip4(A, B, 17, udp));
        s.summarize(frameBytes, 0, frameBytes.length, 10, ++frame);
        assertEquals("10.0.0.1|10.0.0.2|UDP", s.source + "|" + s.destination + "|" + s.protocol);
        byte[] smt = {0x41, 0x40, 0, 0, 0, 0, (byte) 0x80, 0x40, 0, 0, 0, 0, (byte) 0x80};
        s.summarize(smt, 0, smt.length, 10, ++frame);
        assertEquals("02:00:00:00:00:01|02:00:00:00:00:01|FDDI|SMT info",
                s.source + "|" + s.destination + "|" + s.protocol + "|" + s.infoText());
    }

    /** NFLOG (link type 239): little-endian TLVs, the payload TLV decoded by the header's family. */
    @Test
    void nflogPayloadIsDecodedByFamilyOrHardwareProtocol() {
        byte[] udp = ByteBuffer.allocate(8).putShort((short) 1000).putShort((short) 53).putShort((short) 8).array();
        byte[] ip = ip4(A, B, 17, udp);
        ByteBuffer f = ByteBuffer.allocate(4 + 8 + 8 + 4 + ip.length + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        f.put((byte) 2).put((byte) 0).putShort((short) 0);
        f.putShort((short) 5).putShort((short) 10).put(new byte[] {'p', 0, 0, 0}); // prefix "p", padded
        f.putShort((short) 8).putShort((short) 1).put(new byte[] {0, 0, 0, 0});   // packet header, hw 0
        f.putShort((short) (4 + ip.length)).putShort((short) 9).put(ip);
        byte[] frameBytes = java.util.Arrays.copyOf(f.array(), f.position());
        s.summarize(frameBytes, 0, frameBytes.length, 239, ++frame);
        assertEquals("10.0.0.1|10.0.0.2|UDP", s.source + "|" + s.destination + "|" + s.protocol);
        byte[] none = {2, 0, 0, 0, 8, 0, 1, 0, 8, 0, 0, 0};
        s.summarize(none, 0, none.length, 239, ++frame);
        assertEquals("NFLOG|", s.protocol + "|" + s.infoText());
    }

    static byte[] arp(int op, int senderMacLast, byte[] senderIp, byte[] targetMac, byte[] targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op)
                .put(new byte[] {2, 0, 0, 0, 0, (byte) senderMacLast}).put(senderIp).put(targetMac).put(targetIp);
        return eth(0x0806, b.array());
    }

    /** packet-arp.c's Info: announcements, gratuitous ARPs, probes, and duplicate address detection. */
    @Test
    void arpInfoAsTsharkWritesIt() {
        byte[] zero = new byte[6];
        byte[] mac1 = {2, 0, 0, 0, 0, 1};
        byte[] mac9 = {2, 0, 0, 0, 0, 9};
        byte[] none = {0, 0, 0, 0};
        assertEquals("ARP Who has 10.0.0.2? Tell 10.0.0.1", info(arp(1, 1, A, zero, B)));
        assertEquals("ARP ARP Announcement for 10.0.0.1", info(arp(1, 1, A, zero, A)));
        assertEquals("ARP Gratuitous ARP for 10.0.0.1 (Request)", info(arp(1, 1, A, mac9, A)));
        assertEquals("ARP Who has 10.0.0.2? (ARP Probe)", info(arp(1, 1, none, zero, B)));
        assertEquals("ARP Gratuitous ARP for 10.0.0.1 (Reply)", info(arp(2, 1, A, mac1, A)));
        // 10.0.0.1 was first seen at ...:01: another MAC claiming it is a duplicate, every time
        assertEquals("ARP Who has 10.0.0.2? Tell 10.0.0.1 (duplicate use of 10.0.0.1 detected!)",
                info(arp(1, 7, A, zero, B)));
        assertEquals("ARP Who has 10.0.0.2? Tell 10.0.0.1", info(arp(1, 1, A, zero, B)));
        // a reply's target pair is checked after the sender's and its answer replaces it, as in
        // tshark: 10.0.0.2 first seen here, so no report although the sender is a duplicate
        assertEquals("ARP 10.0.0.1 is at 02:00:00:00:00:07", info(arp(2, 7, A, mac9, B)));
        assertEquals("ARP 10.0.0.3 is at 02:00:00:00:00:03 (duplicate use of 10.0.0.2 detected!)",
                info(arp(2, 3, new byte[] {10, 0, 0, 3}, new byte[] {2, 0, 0, 0, 0, 8}, B)));
        // the other opcodes
        assertEquals("RARP Who is 02:00:00:00:00:09? Tell 02:00:00:00:00:01", info(arp(3, 1, A, mac9, B)));
        assertEquals("RARP 02:00:00:00:00:09 is at 10.0.0.2", info(arp(4, 1, A, mac9, B)));
        assertEquals("Inverse ARP 02:00:00:00:00:01 is at 10.0.0.1", info(arp(9, 1, A, mac9, B)));
        assertEquals("ARP Reserved opcode 0", info(arp(0, 1, A, mac9, B)));
        assertEquals("ARP Unknown ARP opcode 0x7501", info(arp(0x7501, 1, A, mac9, B)));
    }

    static final byte[] C = {(byte) 192, 0, 2, 1};
    static final byte[] D = {(byte) 198, 51, 100, 7};

    static byte[] icmpEcho() {
        return ByteBuffer.allocate(16).put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) 1)
                .putShort((short) 1).putLong(0).array();
    }

    /** The innermost packet of VXLAN, GRE, IP in IP, MPLS and PPPoE names the columns, as in tshark. */
    @Test
    void tunnelsShowTheirInnermostPacket() {
        byte[] inner = ip4(A, B, 1, icmpEcho());
        // (the echo matching's "(no response found!)" is left out: these frames repeat one request)
        String echo = "10.0.0.1|10.0.0.2|ICMP|Echo (ping) request  id=0x0001, seq=1/256, ttl=64";
        // GRE (key present) carrying IPv4 over IPv4
        byte[] gre = cat(new byte[] {0x20, 0, 8, 0, 0, 0, 0, 42}, inner);
        assertEquals(echo, columns(eth(0x0800, ip4(C, D, 47, gre))));
        // IPv4 in IPv4
        assertEquals(echo, columns(eth(0x0800, ip4(C, D, 4, inner))));
        // VXLAN: UDP to 4789, 8 bytes, an Ethernet frame
        byte[] vxlan = cat(new byte[] {8, 0, 0, 0, 0, 0, 1, 0}, java.util.Arrays.copyOf(eth(0x0800, inner), 14 + inner.length));
        byte[] udp = cat(ByteBuffer.allocate(8).putShort((short) 40000).putShort((short) 4789)
                .putShort((short) (8 + vxlan.length)).putShort((short) 0).array(), vxlan);
        assertEquals(echo, columns(eth(0x0800, ip4(C, D, 17, udp))));
        // MPLS: two labels, the second the bottom of the stack
        byte[] mpls = cat(new byte[] {0, 1, 0x20, (byte) 254, 0, 1, 0x01, (byte) 255}, inner);
        assertEquals(echo, columns(eth(0x8847, mpls)));
        // PPPoE session carrying PPP's IPv4
        byte[] pppoe = cat(ByteBuffer.allocate(8).put((byte) 0x11).put((byte) 0).putShort((short) 7)
                .putShort((short) (2 + inner.length)).putShort((short) 0x0021).array(), inner);
        assertEquals(echo, columns(eth(0x8864, pppoe)));
        // an MPLS payload that is neither IP nor a pseudowire keeps tshark's MPLS line
        assertEquals("MPLS MPLS Label Switched Packet", info(eth(0x8847, new byte[] {0, 1, 0x21, 1, 0x70, 0, 0, 0})));
        // every truncation and a tunnel nested in itself many times: an answer, never an exception
        byte[][] frames = {eth(0x0800, ip4(C, D, 47, gre)), eth(0x0800, ip4(C, D, 17, udp)), eth(0x8847, mpls),
            eth(0x8864, pppoe)};
        for (byte[] f : frames) {
            for (int n = 0; n <= f.length; n++) {
                s.summarize(f, 0, n, 1, ++frame);
                assertTrue(s.protocol.length() > 0, "protocol of a " + n + "-byte prefix");
            }
        }
        byte[] deep = inner;
        for (int i = 0; i < 40; i++) {
            deep = ip4(C, D, 4, deep);
        }
        s.summarize(eth(0x0800, deep), 0, eth(0x0800, deep).length, 1, ++frame);
        assertEquals("IPv4", s.protocol.toString());
    }

    /** PPP (link type 9) with and without address and control, a one-byte protocol, MPLS inside; Cisco HDLC (104). */
    @Test
    void pppAndCiscoHdlcCarryIp() {
        byte[] inner = ip4(A, B, 1, icmpEcho());
        String echo = "10.0.0.1|10.0.0.2|ICMP|Echo (ping) request  id=0x0001, seq=1/256, ttl=64";
        for (byte[] f : new byte[][] {cat(new byte[] {(byte) 0xff, 3, 0, 0x21}, inner), cat(new byte[] {0x21}, inner),
            cat(new byte[] {(byte) 0xff, 3, 0x02, (byte) 0x81, 0, 1, 0x01, (byte) 255}, inner)}) {
            s.summarize(f, 0, f.length, 9, ++frame);
            assertEquals(echo, (s.source + "|" + s.destination + "|" + s.protocol + "|" + s.infoText())
                    .replace(" (no response found!)", ""));
        }
        byte[] hdlc = cat(new byte[] {0x0f, 0, 8, 0}, inner);
        s.summarize(hdlc, 0, hdlc.length, 104, ++frame);
        assertEquals("ICMP", s.protocol.toString());
        byte[] lcp = {(byte) 0xff, 3, (byte) 0xc0, 0x21, 1, 1, 0, 4};
        s.summarize(lcp, 0, lcp.length, 9, ++frame);
        assertEquals("Unknown Link type 9 is not decoded yet", s.protocol + " " + s.infoText());
    }

    /** Cisco's PVST+ (SNAP under OUI 00000c, PID 0x010b) is STP to tshark. */
    @Test
    void pvstPlusIsStp() {
        byte[] bpdu = new byte[35];
        bpdu[5] = (byte) 0x80; // root priority 32768, system id extension 1 (VLAN 1)
        bpdu[6] = 1;
        byte[] llc = cat(new byte[] {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0x0c, 1, 0x0b}, bpdu);
        byte[] f = cat(new byte[] {1, 0, 0x0c, (byte) 0xcc, (byte) 0xcc, (byte) 0xcd, 2, 0, 0, 0, 0, 1, 0, (byte) llc.length}, llc);
        s.summarize(f, 0, f.length, 1, ++frame);
        assertEquals("STP", s.protocol.toString(), s.infoText());
        assertTrue(s.infoText().startsWith("Conf. Root = 32768/1/"), s.infoText());
    }

    /** CDP names its Device ID and Port ID TLVs; DTP only itself. */
    @Test
    void ciscoCdpAndDtp() {
        byte[] cdp = cat(new byte[] {2, (byte) 180, 0, 0}, new byte[] {0, 1, 0, 6, 'R', '1'},
                new byte[] {0, 5, 0, 6, 'x', 'y'}, new byte[] {0, 3, 0, 9, 'F', 'a', '0', '/', '0'});
        byte[] llc = cat(new byte[] {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0x0c, 0x20, 0}, cdp);
        byte[] f = cat(new byte[] {1, 0, 0x0c, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, 2, 0, 0, 0, 0, 1, 0, (byte) llc.length}, llc);
        assertEquals("CDP Device ID: R1  Port ID: Fa0/0  ", info(f));
        byte[] dtp = cat(new byte[] {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0x0c, 0x20, 4}, new byte[30]);
        byte[] g = cat(new byte[] {1, 0, 0x0c, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, 2, 0, 0, 0, 0, 1, 0, (byte) dtp.length}, dtp);
        assertEquals("DTP Dynamic Trunk Protocol", info(g));
    }

    /** The configuration testing protocol names the function its skip count points at. */
    @Test
    void loopbackTestFunctions() {
        assertEquals("LOOP Reply", info(eth(0x9000, new byte[] {0, 0, 1, 0, 0, 0})));
        assertEquals("LOOP Forward Data", info(eth(0x9000, new byte[] {0, 0, 2, 0, 2, 0, 0, 0, 0, 1, 1, 0, 0, 0})));
        assertEquals("LOOP Reply", info(eth(0x9000, new byte[] {8, 0, 2, 0, 2, 0, 0, 0, 0, 1, 1, 0, 0, 0})));
    }

    /** LLDP's Info: chassis id, port id, TTL, system name and description, as packet-lldp.c writes them. */
    @Test
    void lldpInfo() {
        byte[] lldp = cat(new byte[] {0x02, 0x07, 4, 0, 0x11, 0x22, 0x33, 0x44, 0x55}, // chassis: MAC
                new byte[] {0x04, 0x05, 5, 'e', 't', 'h', '0'},                          // port: interface name
                new byte[] {0x06, 0x02, 0, 120},                                         // TTL
                new byte[] {0x0a, 0x02, 's', '1'},                                       // system name
                new byte[] {0x0c, 0x03, 'a', '\n', 'b'},                                 // system description
                new byte[] {0, 0});
        assertEquals("LLDP MA/00:11:22:33:44:55 IN/eth0 120 SysN=s1 SysD=a\\nb ", info(eth(0x88cc, lldp)));
        assertEquals("LLDP Invalid Chassis ID TLV", info(eth(0x88cc, new byte[] {0x02, 0x05, 4, 0, 0x11, 0x22, 0x33})));
    }

    /** SocketCAN: big-endian id and flags, the length byte, the RTR mark; error frames not decoded. */
    @Test
    void socketCanFrames() {
        byte[] rtr = {0x41, 0x02, 0, 0, 2, 0, 0, 0, 1, 0};
        s.summarize(rtr, 0, rtr.length, 227, ++frame);
        assertEquals("CAN ID: 0 (0x0), Length: 2(Remote Transmission Request)", s.protocol + " " + s.infoText());
        byte[] std = {0, 0, 0x07, (byte) 0xdf, 3, 0, 0, 0, 1, 2, 3};
        s.summarize(std, 0, std.length, 227, ++frame);
        assertEquals("CAN ID: 2015 (0x7df), Length: 3", s.protocol + " " + s.infoText());
        byte[] ext = {(byte) 0x98, (byte) 0xda, (byte) 0xf1, 0x10, 0, 0, 0, 0};
        s.summarize(ext, 0, ext.length, 227, ++frame);
        assertEquals("CAN Ext. ID: 417001744 (0x18daf110), Length: 0", s.protocol + " " + s.infoText());
        // error frames: the classes named in bit order, the bits above them "Reserved"; the
        // dissector reads all eight data bytes, so eight bytes of header alone are malformed
        byte[] err = {0x20, 0, 0, 4, 8, 0, 0, 0};
        s.summarize(err, 0, err.length, 227, ++frame);
        assertEquals("CAN ERR: Controller problems[Malformed Packet]", s.protocol + " " + s.infoText());
        byte[] errs = {0x20, 0x06, 0x01, (byte) 0x41, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        s.summarize(errs, 0, errs.length, 227, ++frame);
        assertEquals("CAN ERR: Transmit timeout, Bus off, Controller restarted, Reserved", s.protocol + " " + s.infoText());
        byte[] none = {0x20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        s.summarize(none, 0, none.length, 227, ++frame);
        assertEquals("CAN ERR", s.protocol + " " + s.infoText());
        // Linux cooked capture, protocol 0x000C: classic CAN, the id little-endian; no addresses
        byte[] sllCan = {0, 1, 0x01, 0x18, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0c,
            0x10, 0x07, 0, 0, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        s.summarize(sllCan, 0, sllCan.length, 113, ++frame); // LINKTYPE_LINUX_SLL
        assertEquals("|CAN ID: 1808 (0x710), Length: 8", s.source + "|" + s.protocol + " " + s.infoText());
        // a CAN FD frame (FDF set, reserved bytes zero) with the error bit is not an error frame: not decoded
        byte[] fdErr = {0x20, 0, 0, 1, 8, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        s.summarize(fdErr, 0, fdErr.length, 227, ++frame);
        assertEquals("Unknown", s.protocol.toString());
        // id 0 (bits above the 11 of a standard id ignored): AUTOSAR NM by tshark's default preferences
        byte[] nm = {0x0a, 0, 0, 0, 5, 0, 0, 0, 0x14, (byte) 0xd4, 0, (byte) 0xdb, (byte) 0xf0};
        s.summarize(nm, 0, nm.length, 227, ++frame);
        assertEquals("AUTOSAR NM NM (CBV: 0x14, SNI: 0xd4)", s.protocol + " " + s.infoText());
        byte[] shortNm = {0, 0, 0, 0, 1, 0, 0, 0, 0x45};
        s.summarize(shortNm, 0, shortNm.length, 227, ++frame);
        assertEquals("AUTOSAR NM [Malformed Packet]", s.protocol + " " + s.infoText());
    }

    String columns(byte[] frameBytes) {
        s.summarize(frameBytes, 0, frameBytes.length, 1, ++frame);
        return (s.source + "|" + s.destination + "|" + s.protocol + "|" + s.infoText()).replace(" (no response found!)", "");
    }

    /** Summarises {@code f} as frame {@code frame} and gives "source → destination protocol info". */
    static String columns(Summarizer s, byte[] f, int linkType, long frame) {
        s.summarize(f, 0, f.length, linkType, frame);
        return s.source + " → " + s.destination + " " + s.protocol + " " + s.infoText();
    }

    static byte[] udp(int sp, int dp, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sp).putShort((short) dp)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    @Test
    void espShowsItsSpiAlsoInUdpOnPort4500() {
        byte[] esp = hex("3d71315a00000001deadbeefcafef00d");
        assertEquals("ESP ESP (SPI=0x3d71315a)", info(eth(0x0800, ip4(A, B, 50, esp))));
        // the IP datagram ends before the sequence number: tshark's read fails past the reported end
        assertEquals("ESP [Malformed Packet]", info(eth(0x0800, ip4(A, B, 50, hex("3d71315a")))));
        // RFC 3948 on port 4500: a NAT keepalive, ESP, or IKE after four zero bytes (here a header
        // too short for ISAKMP's Info, which tshark 4.0.17 leaves empty)
        assertEquals("UDPENCAP NAT-keepalive", info(eth(0x0800, ip4(A, B, 17, udp(4500, 4500, hex("ff"))))));
        assertEquals("ESP ESP (SPI=0x0000abcd)", info(eth(0x0800, ip4(A, B, 17, udp(51000, 4500,
                hex("0000abcd00000007aabbccdd"))))));
        assertEquals("ISAKMP ", info(eth(0x0800, ip4(A, B, 17, udp(4500, 4500, hex("0000000011223344"))))));
    }

    @Test
    void pimNamesItsVersionAndTypeAndRegisterShowsTheCarriedAddresses() {
        // Hello with a hold-time option (type 1, length 2, 105 s)
        assertEquals("PIMv2 Hello", info(eth(0x0800, ip4(A, B, 103, hex("20000000" + "00010002" + "0069")))));
        // a generation-ID option whose value runs past the datagram's end
        assertEquals("PIMv2 Hello[Malformed Packet]", info(eth(0x0800, ip4(A, B, 103,
                hex("20000000" + "00140004" + "1234")))));
        assertEquals("PIMv2 Join/Prune", info(eth(0x0800, ip4(A, B, 103, hex("23000000")))));
        assertEquals("PIMv2 DF election", info(eth(0x0800, ip4(A, B, 103, hex("2a000000")))));
        assertEquals("PIMv2 Unknown (13)", info(eth(0x0800, ip4(A, B, 103, hex("2d000000")))));
        assertEquals("PIMv1 Unknown", info(eth(0x0800, ip4(A, B, 103, hex("11000000")))));
        // Register: the Info stays, the addresses are the carried packet's
        byte[] inner = ip4(new byte[] {(byte) 192, (byte) 168, 20, 10}, new byte[] {(byte) 239, 1, 2, 3}, 17,
                udp(1000, 2000, new byte[4]));
        assertEquals("PIMv2 Register", info(eth(0x0800, ip4(A, B, 103, cat(hex("21000000" + "00000000"), inner)))));
        assertEquals("192.168.20.10", s.source.toString());
        assertEquals("239.1.2.3", s.destination.toString());
        // a null register (version 0 dummy header) keeps the outer addresses
        assertEquals("PIMv2 Register", info(eth(0x0800, ip4(A, B, 103, cat(hex("21000000" + "40000000"),
                new byte[20])))));
        assertEquals("10.0.0.1", s.source.toString());
    }

    @Test
    void ftpControlLinesAreRequestsToPort21AndResponsesFromIt() {
        byte[] user = "USER anonymous\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("FTP Request: USER anonymous", tcpInfo(A, B, cat(tcp(50000, 21, 1, 1, PSH | ACK, 100, new byte[0],
                0, 0), user)));
        byte[] hello = "220-Welcome\r\n220 \u0001ready\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("FTP Response: 220-Welcome", tcpInfo(B, A, cat(tcp(21, 50001, 1, 1, PSH | ACK, 100, new byte[0],
                0, 0), hello)));
        // only the first line, escaped as format_text does
        byte[] odd = "PASS \u0007x\nNOOP\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("FTP Request: PASS \\ax", tcpInfo(A, B, cat(tcp(50002, 21, 1, 1, PSH | ACK, 100, new byte[0],
                0, 0), odd)));
    }

    @Test
    void modbusTcpOnPort502() {
        byte[] h = new byte[0];
        // a query to 502, a response from it; numbers right-aligned as packet-mbtcp.c's %5u/%3u
        assertEquals("Modbus/TCP    Query: Trans:     1; Unit:   1, Func:   3: Read Holding Registers",
                tcpInfo(A, B, cat(tcp(50100, 502, 1, 1, PSH | ACK, 100, h, 0, 0), hex("000100000006010300000001"))));
        assertEquals("Modbus/TCP Response: Trans:   513; Unit:  17, Func:   4: Read Input Registers",
                tcpInfo(B, A, cat(tcp(502, 50101, 1, 1, PSH | ACK, 100, h, 0, 0), hex("02010000000511040200ff"))));
        // an exception; Diagnostics and MEI show "/  1" (a flag, not the sub-function) and the sub-function's name
        assertEquals("Modbus/TCP Response: Trans:     0; Unit:  10, Func:   8: Diagnostics. Exception returned ",
                tcpInfo(B, A, cat(tcp(502, 50102, 1, 1, PSH | ACK, 100, h, 0, 0), hex("0000000000030a8801"))));
        assertEquals("Modbus/TCP    Query: Trans:     0; Unit:  10, Func:   8/  1: Force Listen Only Mode",
                tcpInfo(A, B, cat(tcp(50103, 502, 1, 1, PSH | ACK, 100, h, 0, 0), hex("0000000000060a0800040000"))));
        assertEquals("Modbus/TCP    Query: Trans:     1; Unit:  10, Func:  43/  1: Read Device Identification",
                tcpInfo(A, B, cat(tcp(50104, 502, 1, 1, PSH | ACK, 100, h, 0, 0), hex("0001000000050a2b0e0100"))));
        // both ports 502: neither query nor response
        assertEquals("Modbus/TCP  unknown: Trans:     7; Unit:   1, Func:  99: Unknown function (99). Unable to classify"
                + " as query or response.", tcpInfo(A, B, cat(tcp(502, 502, 1, 1, PSH | ACK, 100, h, 0, 0),
                hex("0007000000020163"))));
        // two PDUs in one segment: the second's Info replaces the first's, even its malformed mark
        assertEquals("Modbus/TCP Response: Trans:   258; Unit:   1, Func:   3: Read Holding Registers",
                tcpInfo(B, A, cat(tcp(502, 50105, 1, 1, PSH | ACK, 100, h, 0, 0),
                        hex("0101000000020181" + "0102000000050103021234"))));
        // a body shorter than Mask Write Register reads
        assertEquals("Modbus/TCP    Query: Trans:     0; Unit:   1, Func:  22: Mask Write Register[Malformed Packet]",
                tcpInfo(A, B, cat(tcp(50106, 502, 1, 1, PSH | ACK, 100, h, 0, 0), hex("0000000000060116000a0001"))));
        // not Modbus/TCP: fewer than 8 bytes, or a protocol id other than 0: the TCP line
        assertEquals("TCP 50107 \u2192 502 [PSH, ACK] Seq=1 Ack=1 Win=100 Len=7",
                tcpInfo(A, B, cat(tcp(50107, 502, 1, 1, PSH | ACK, 100, h, 0, 0), hex("00010000000601"))));
        assertEquals("TCP 50108 \u2192 502 [PSH, ACK] Seq=1 Ack=1 Win=100 Len=12",
                tcpInfo(A, B, cat(tcp(50108, 502, 1, 1, PSH | ACK, 100, h, 0, 0), hex("000100010006010300000001"))));
    }

    @Test
    void openFlowMessagesOnPorts6633And6653() {
        byte[] h = new byte[0];
        assertEquals("OpenFlow Type: OFPT_HELLO",
                tcpInfo(A, B, cat(tcp(50300, 6633, 1, 1, PSH | ACK, 100, h, 0, 0), hex("0100000800000001"))));
        // 1.3: a multipart reply names its multipart type
        assertEquals("OpenFlow Type: OFPT_MULTIPART_REPLY, OFPMP_TABLE_FEATURES", tcpInfo(B, A,
                cat(tcp(6653, 50301, 1, 1, PSH | ACK, 100, h, 0, 0), hex("041300100000000a000c000000000000"))));
        // several messages in one segment: the last one's Info
        assertEquals("OpenFlow Type: OFPT_BARRIER_REPLY", tcpInfo(B, A, cat(tcp(6653, 50302, 1, 1, PSH | ACK, 100, h,
                0, 0), hex("0103000800000001" + "0113000800000002"))));
        // 6633 is not a registered port: OpenFlow's heuristic takes data sent to it and then the
        // whole conversation, so the switch's first message, before any from the controller, is TCP
        assertEquals("TCP 6633 \u2192 50306 [PSH, ACK] Seq=1 Ack=1 Win=100 Len=8",
                tcpInfo(B, A, cat(tcp(6633, 50306, 1, 1, PSH | ACK, 100, h, 0, 0), hex("0100000800000001"))));
        assertEquals("OpenFlow Type: OFPT_ECHO_REQUEST",
                tcpInfo(A, B, cat(tcp(50306, 6633, 1, 9, PSH | ACK, 100, h, 0, 0), hex("0102000800000002"))));
        assertEquals("OpenFlow Type: OFPT_ECHO_REPLY",
                tcpInfo(B, A, cat(tcp(6633, 50306, 9, 9, PSH | ACK, 100, h, 0, 0), hex("0103000800000002"))));
        assertEquals("OpenFlow Type: Unknown message type",
                tcpInfo(A, B, cat(tcp(50303, 6633, 1, 1, PSH | ACK, 100, h, 0, 0), hex("0163000800000001"))));
        // a 1.0 FLOW_MOD of 72 bytes: tshark 4.0 reads past it
        assertEquals("OpenFlow Type: OFPT_FLOW_MOD[Malformed Packet]", tcpInfo(A, B,
                cat(tcp(50304, 6633, 1, 1, PSH | ACK, 100, h, 0, 0), hex("010e0048" + "00".repeat(68)))));
        // a message split across segments
        assertEquals("TCP 50305 \u2192 6633 [PSH, ACK] Seq=1 Ack=1 Win=100 Len=6 [TCP segment of a reassembled PDU]",
                tcpInfo(A, B, cat(tcp(50305, 6633, 1, 1, PSH | ACK, 100, h, 0, 0), hex("010500080000"))));
        assertEquals("OpenFlow Type: OFPT_FEATURES_REQUEST",
                tcpInfo(A, B, cat(tcp(50305, 6633, 7, 1, PSH | ACK, 100, h, 0, 0), hex("0002"))));
    }

    @Test
    void modbusPduSplitAcrossSegmentsIsReassembled() {
        byte[] h = new byte[0];
        assertEquals("TCP 50200 \u2192 502 [PSH, ACK] Seq=1 Ack=1 Win=100 Len=9 [TCP segment of a reassembled PDU]",
                tcpInfo(A, B, cat(tcp(50200, 502, 1, 1, PSH | ACK, 100, h, 0, 0), hex("000900000006010300"))));
        assertEquals("Modbus/TCP    Query: Trans:     9; Unit:   1, Func:   3: Read Holding Registers",
                tcpInfo(A, B, cat(tcp(50200, 502, 10, 1, PSH | ACK, 100, h, 0, 0), hex("000001"))));
    }

    @Test
    void ospfVrrpAndWhatAnAuthenticationHeaderCarries() {
        assertEquals("OSPF Hello Packet", info(eth(0x0800, ip4(A, B, 89, hex("0201002c0a0000010000000000000000")))));
        assertEquals("OSPF LS Acknowledge", info(eth(0x0800, ip4(A, B, 89, hex("0205002c0a0000010000000000000000")))));
        assertEquals("VRRP Announcement (v2)", info(eth(0x0800, ip4(A, B, 112, hex("21016401000100000a000001")))));
        // the checksum (bytes 6 and 7) is read whether or not a tree is built
        assertEquals("VRRP Announcement (v3)[Malformed Packet]", info(eth(0x0800, ip4(A, B, 112, hex("3101640100")))));
        // AH (next header, length 4 = 24 bytes, SPI 0x1234): the protocol after it writes the line
        String ah = "3204000000001234000000010000000000000000000000000000";
        assertEquals("ESP ESP (SPI=0x0000abcd)", info(eth(0x0800, ip4(A, B, 51, hex(ah.substring(0, 48)
                + "0000abcd00000001")))));
        assertEquals("OSPF Hello Packet", info(eth(0x0800, ip4(A, B, 51, hex("59" + ah.substring(2, 48)
                + "0201002c0a0000010000000000000000")))));
        assertEquals("EIGRP Hello", info(eth(0x0800, ip4(A, B, 88, hex("0205ee0000000000000000000000000000000001")))));
        assertEquals("EIGRP Hello (Ack)", info(eth(0x0800, ip4(A, B, 88, hex("0205ee0000000000000000000000000700000001")))));
        assertEquals("EIGRP Update", info(eth(0x0800, ip4(A, B, 88, hex("0201ee0000000000000000010000000000000001")))));
        // a protocol capmill does not decode after AH: AH's own line
        assertEquals("AH AH (SPI=0x00001234)", info(eth(0x0800, ip4(A, B, 51, hex("fd" + ah.substring(2, 48) + "00")))));
    }

    // ---- ONC RPC / NFS over UDP (expected texts from tshark 4.0.17 on the same bytes, crafted captures)

    /** XDR words. */
    static byte[] xdr(long... words) {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length);
        for (long w : words) {
            b.putInt((int) w);
        }
        return b.array();
    }

    /** XDR opaque: length, bytes, padding to four. */
    static byte[] opaque(byte[] v) {
        return cat(xdr(v.length), v, new byte[(4 - v.length % 4) % 4]);
    }

    /** The 32-byte handle 00 01 .. 1f, whose CRC-32 tshark shows as 0x91267e8a. */
    static final byte[] FH = opaque(hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    static final byte[] AUTH_UNIX = cat(xdr(1), opaque(cat(xdr(0), opaque("host".getBytes()), xdr(0, 0, 1, 0))));

    static byte[] rpcCall(long xid, int vers, int proc, byte[] args) {
        return cat(xdr(xid, 0, 2, 100003, vers, proc), AUTH_UNIX, xdr(0, 0), args);
    }

    static byte[] rpcReply(long xid, byte[] body) {
        return cat(xdr(xid, 1, 0, 0, 0, 0), body);
    }

    static byte[] fattr3(int type, int mode, int uid, int gid) {
        return cat(xdr(type, mode, 1, uid, gid, 0, 10, 0, 4096, 0, 0, 0, 1, 0, 2, 1, 2, 3, 4, 5, 6));
    }

    String toServer(int clientPort, byte[] rpc) {
        return info(eth(0x0800, ip4(A, B, 17, udp(clientPort, 2049, rpc))));
    }

    String toClient(int clientPort, byte[] rpc) {
        return info(eth(0x0800, ip4(B, A, 17, udp(2049, clientPort, rpc))));
    }

    @Test
    void nfsReplyNamesItsCallAndRepeatsAreMarked() {
        assertEquals("NFS V3 GETATTR Call, FH: 0x91267e8a", toServer(800, rpcCall(1, 3, 1, FH)));
        assertEquals("NFS V3 GETATTR Reply (Call In 1)  Directory mode: 0755 uid: 5 gid: 6",
                toClient(800, rpcReply(1, cat(xdr(0), fattr3(2, 040755, 5, 6)))));
        // the same XID again: a retransmission of the first call, then a duplicate of the first reply
        assertEquals("NFS [RPC retransmission of #1]V3 GETATTR Call (Reply In 2), FH: 0x91267e8a",
                toServer(800, rpcCall(1, 3, 1, FH)));
        assertEquals("NFS [RPC duplicate of #2]V3 GETATTR Reply (Call In 1)  Regular File mode: 0644 uid: 0 gid: 0",
                toClient(800, rpcReply(1, cat(xdr(0), fattr3(1, 0644, 0, 0)))));
        // the client's port is not part of the match (packet-rpc.c): a reply to another port still matches
        assertEquals("NFS V3 GETATTR Call, FH: 0x91267e8a", toServer(801, rpcCall(2, 3, 1, FH)));
        assertEquals("NFS V3 GETATTR Reply (Call In 5)  Regular File mode: 0644 uid: 0 gid: 0",
                toClient(802, rpcReply(2, cat(xdr(0), fattr3(1, 0644, 0, 0)))));
        assertEquals("NFS V3 GETATTR Reply (Call In 7) Error: NFS3ERR_STALE",
                toServer(800, rpcCall(3, 3, 1, FH)).isEmpty() ? "" : toClient(800, rpcReply(3, xdr(70))));
        // an unknown procedure and another version: the name only
        assertEquals("NFS V3 proc-30 Call", toServer(800, rpcCall(4, 3, 30, FH)));
        assertEquals("NFS V7 proc-1 Call", toServer(800, rpcCall(5, 7, 1, FH)));
    }

    @Test
    void nfsReplyWithoutASeenCallAndOtherDatagramsStayUdp() {
        assertEquals("UDP 2049 \u2192 800 Len=112", toClient(800, rpcReply(99, cat(xdr(0), fattr3(1, 0644, 0, 0)))));
        assertEquals("NFS V3 GETATTR Call, FH: 0x91267e8a", toServer(800, rpcCall(7, 3, 1, FH)));
        // another XID, or the right XID from another server port: no call seen
        assertEquals("UDP 2049 \u2192 800 Len=112", toClient(800, rpcReply(8, cat(xdr(0), fattr3(1, 0644, 0, 0)))));
        assertEquals("UDP 2050 \u2192 800 Len=112", info(eth(0x0800, ip4(B, A, 17, udp(2050, 800,
                rpcReply(7, cat(xdr(0), fattr3(1, 0644, 0, 0))))))));
        assertEquals("UDP 800 \u2192 2049 Len=20", toServer(800, "hello world, not rpc".getBytes()));
        // a program other than NFS, and NFSv4, are not decoded
        assertEquals("UDP 800 \u2192 2049 Len=104", toServer(800, cat(xdr(9, 0, 2, 100005, 3, 1), AUTH_UNIX, xdr(0, 0),
                FH)));
        assertEquals("UDP 800 \u2192 2049 Len=104", toServer(800, rpcCall(10, 4, 1, FH)));
    }

    @Test
    void nfsWriteAccessAndLookupFormats() {
        assertEquals("NFS V3 WRITE Call, FH: 0x91267e8a Offset: 0 Len: 3 Stable: 9",
                toServer(800, rpcCall(20, 3, 7, cat(FH, xdr(0, 0, 3, 9), opaque("abc".getBytes())))));
        assertEquals("NFS V3 WRITE Reply (Call In 1) Len: 3 FILE_SYNC",
                toClient(800, rpcReply(20, xdr(0, 0, 0, 3, 2, 0, 0))));
        assertEquals("NFS V3 ACCESS Call, FH: 0x91267e8a, [Check: RD LU MD XT DL XE XAR XAW XAL]",
                toServer(800, rpcCall(21, 3, 4, cat(FH, xdr(0x1ff)))));
        assertEquals("NFS V3 ACCESS Reply (Call In 3), [Access Denied: LU XT XE XAW], [Allowed: RD MD DL XAR XAL]",
                toClient(800, rpcReply(21, xdr(0, 0, 0x155))));
        assertEquals("NFS V3 LOOKUP Call, DH: 0x91267e8a/<EMPTY>", toServer(800, rpcCall(22, 3, 3, cat(FH, xdr(0)))));
        assertEquals("NFS V3 LOOKUP Reply (Call In 5) Error: NFS3ERR_NOENT", toClient(800, rpcReply(22, xdr(2, 0))));
        // tshark 4.0 turns each byte past ASCII into U+FFFD and cuts the result to the byte count
        assertEquals("NFS V3 LOOKUP Call, DH: 0x91267e8a/a\\001b\ufffd\ufffd",
                toServer(800, rpcCall(23, 3, 3, cat(FH, opaque(hex("610162c3a92063"))))));
        assertEquals("NFS V3 LOOKUP Reply (Call In 7), FH: 0x91267e8a",
                toClient(800, rpcReply(23, cat(xdr(0), FH, xdr(1), fattr3(1, 0644, 0, 0), xdr(0)))));
        assertEquals("NFS V3 CREATE Call, DH: 0x91267e8a/f.txt Mode: EXCLUSIVE",
                toServer(800, rpcCall(24, 3, 8, cat(FH, opaque("f.txt".getBytes()), xdr(2, 0, 77)))));
        assertEquals("NFS V3 READDIR Reply (Call In 10) a bb", toServer(800, rpcCall(25, 3, 16, cat(FH, xdr(0, 0, 0, 0,
                100)))).isEmpty() ? "" : toClient(800, rpcReply(25, cat(xdr(0, 0, 0, 0, 1, 0, 5), opaque(new byte[] {'a'}),
                xdr(0, 1, 1, 0, 6), opaque("bb".getBytes()), xdr(0, 2, 0, 1)))));
    }

    @Test
    void nfsTruncatedCallsEndWithTheExceptionsMark() {
        byte[] write = eth(0x0800, ip4(A, B, 17, udp(800, 2049, rpcCall(30, 3, 7, cat(FH, xdr(0, 0, 100, 0),
                opaque(new byte[100]))))));
        // cut by the snapshot length inside the handle: the call's text is never written
        s.summarize(write, 0, 100, write.length, 1, ++frame, 0);
        assertEquals("NFS V3 WRITE Call[Packet size limited during capture]", s.protocol + " " + s.infoText());
        // the datagram itself ends inside the data: the text is there, the data read fails
        byte[] shortWrite = rpcCall(31, 3, 7, cat(FH, xdr(0, 0, 100, 0), opaque(new byte[100])));
        assertEquals("NFS V3 WRITE Call, FH: 0x91267e8a Offset: 0 Len: 100 UNSTABLE[Malformed Packet]",
                toServer(800, java.util.Arrays.copyOf(shortWrite, shortWrite.length - 40)));
        // tcpdump's nfs-cannot-pad-32-bit.pcap: a v2 LOOKUP whose name claims 0xffffffff bytes
        assertEquals("NFS V2 LOOKUP Call[Malformed Packet]", info(hex("060504030201010203040506080045000"
                + "06c0100000040117b7f7f0000017f000001f7f40801005855" + "2a45a1175600000000000000020001"
                + "86a3000000020000000400000000000000000000000000000000" + "bb".repeat(32) + "ffffffff2eddddd"
                + "d")));
        // nothing after the verifier: the procedure is not dissected at all
        assertEquals("NFS V3 GETATTR Call", toServer(800, rpcCall(32, 3, 1, new byte[0])));
        // a reply cut before its state: the name, then the mark
        assertEquals("NFS V3 GETATTR Call", toServer(800, rpcCall(33, 3, 1, new byte[0])));
        assertEquals("NFS V3 GETATTR Reply[Malformed Packet]", toClient(800, xdr(33, 1)));
    }

    /**
     * Damaged and cut NFS traffic (huge lengths, wrong flags, any cut) never throws out of the
     * summary, and reads no byte past the captured length: the same frame inside a larger buffer
     * gives the same columns.
     */
    @Test
    void nfsDamagedOrCutNeverThrowsNorReadsPastTheFrame() {
        byte[] attrs = fattr3(1, 0644, 0, 0);
        byte[][] calls = {
            rpcCall(40, 3, 7, cat(FH, xdr(0, 0, 3, 0), opaque("abc".getBytes()))),
            rpcCall(41, 3, 4, cat(FH, xdr(0x3f))),
            rpcCall(42, 3, 16, cat(FH, xdr(0, 0, 0, 0, 100))),
            rpcCall(43, 3, 3, cat(FH, opaque("name".getBytes()))),
            rpcCall(44, 3, 2, cat(FH, xdr(1, 0644, 1, 0, 1, 0, 1, 0, 5, 2, 1, 2, 2, 3, 4, 1, 5, 6))),
            rpcCall(45, 3, 14, cat(FH, opaque("a".getBytes()), FH, opaque("b".getBytes()))),
            rpcCall(46, 2, 4, cat(hex("00".repeat(32)), opaque("n".getBytes()))),
        };
        byte[][] replies = {
            rpcReply(40, cat(xdr(0, 1, 0, 0, 0, 0, 0, 0, 1), attrs, xdr(3, 0, 0, 0))),
            rpcReply(41, cat(xdr(0, 1), attrs, xdr(0x1b))),
            rpcReply(42, cat(xdr(0, 1), attrs, xdr(0, 0, 1, 0, 5), opaque("x".getBytes()), xdr(0, 1, 0, 1))),
            rpcReply(43, cat(xdr(0), FH, xdr(1), attrs, xdr(1), attrs)),
            rpcReply(44, cat(xdr(0, 1, 0, 1, 0, 2, 0, 3, 1), attrs)),
            rpcReply(45, xdr(0, 0, 0, 0, 0)),
            rpcReply(46, cat(xdr(0), hex("00".repeat(32)), hex("00".repeat(68)))),
        };
        Summarizer inBig = new Summarizer();
        Summarizer exact = new Summarizer();
        java.util.Random rnd = new java.util.Random(11);
        long n = 0;
        for (int round = 0; round < 400; round++) {
            for (int k = 0; k < calls.length; k++) {
                for (int dir = 0; dir < 2; dir++) {
                    byte[] rpc = (dir == 0 ? calls[k] : replies[k]).clone();
                    int damage = rnd.nextInt(4);
                    for (int d = 0; d < damage; d++) {
                        int at = 8 + rnd.nextInt(rpc.length / 4 - 2) * 4;
                        int v = switch (rnd.nextInt(4)) {
                            case 0 -> -1;
                            case 1 -> rnd.nextInt(8);
                            case 2 -> 0x7ffffffd;
                            default -> rnd.nextInt();
                        };
                        ByteBuffer.wrap(rpc).putInt(at, v);
                    }
                    if (rnd.nextInt(3) == 0) {
                        rpc = java.util.Arrays.copyOf(rpc, rnd.nextInt(rpc.length + 1));
                    }
                    byte[] f = dir == 0 ? eth(0x0800, ip4(A, B, 17, udp(800, 2049, rpc)))
                            : eth(0x0800, ip4(B, A, 17, udp(2049, 800, rpc)));
                    int len = rnd.nextInt(2) == 0 ? f.length : 42 + rnd.nextInt(f.length - 41);
                    byte[] big = new byte[len + 64];
                    java.util.Arrays.fill(big, (byte) 0xee);
                    System.arraycopy(f, 0, big, 16, len);
                    n++;
                    inBig.summarize(big, 16, len, f.length, 1, n, 0);
                    exact.summarize(java.util.Arrays.copyOf(f, len), 0, len, f.length, 1, n, 0);
                    assertEquals(exact.protocol + "|" + exact.infoText(), inBig.protocol + "|" + inBig.infoText());
                    assertTrue(inBig.protocol.length() > 0);
                }
            }
        }
    }

    // ---- NetBEUI: NBF over LLC SAP 0xF0, SMB in it, browser mailslots (expected texts: tshark 4.0.17 on the same bytes)

    /** An 802.3 frame (length field) carrying {@code llc}, padded to 60 bytes as Ethernet pads it. */
    static byte[] dot3(byte[] llc) {
        return cat(new byte[] {3, 0, 0, 0, 0, 1, 0, 0x50, 0x56, 0x33, 0x78, (byte) 0x99, 0, (byte) llc.length}, llc,
                new byte[Math.max(0, 46 - llc.length)]);
    }

    static byte[] nbName(String name, int type) {
        byte[] n = new byte[16];
        java.util.Arrays.fill(n, (byte) ' ');
        byte[] t = name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, n, 0, t.length);
        n[15] = (byte) type;
        return n;
    }

    /** An NBF header of 44 bytes (command, then the receiver's and sender's names) in a UI frame. */
    static byte[] nbfUi(int command, int data2, byte[] receiver, byte[] sender) {
        return cat(new byte[] {(byte) 0xf0, (byte) 0xf0, 3, 44, 0, (byte) 0xff, (byte) 0xef, (byte) command, 0,
            (byte) data2, 0, 0, 0, 0, 0}, receiver, sender);
    }

    /** A 14-byte NBF session header (command, sessions 3 and 0x15) then {@code payload}, in an I frame. */
    static byte[] nbfI(int command, byte[] payload) {
        return cat(new byte[] {(byte) 0xf0, (byte) 0xf0, 2, 4, 14, 0, (byte) 0xff, (byte) 0xef, (byte) command, 0x0c, 0, 0,
            1, 0, 0x28, 0, 3, 0x15}, payload);
    }

    static byte[] smbHeader(int command, boolean response, int errorClass, int errorCode) {
        byte[] h = new byte[32];
        h[0] = (byte) 0xff;
        h[1] = 'S';
        h[2] = 'M';
        h[3] = 'B';
        h[4] = (byte) command;
        h[5] = (byte) errorClass;
        h[7] = (byte) errorCode;
        h[8] = (byte) (errorCode >> 8);
        h[9] = (byte) (response ? 0x80 : 0);
        return h;
    }

    String summary(byte[] frameBytes) {
        s.summarize(frameBytes, 0, frameBytes.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    @Test
    void nbfNameCommandsShowTheirNames() {
        byte[] zero = new byte[16];
        assertEquals("NetBIOS Add Name Query - MDJR98<03>", summary(dot3(nbfUi(0x01, 0, zero, nbName("MDJR98", 3)))));
        assertEquals("NetBIOS Add Group Name Query - WORKGROUP<00>",
                summary(dot3(nbfUi(0x00, 0, zero, nbName("WORKGROUP", 0)))));
        assertEquals("NetBIOS Add Group Name Query - <01><02>__MSBROWSE__<02><01>",
                summary(dot3(nbfUi(0x00, 0, zero, nbName("\u0001\u0002__MSBROWSE__\u0002", 1)))));
        assertEquals("NetBIOS Name Query for MDJR98<20>",
                summary(dot3(nbfUi(0x0a, 3, nbName("MDJR98", 0x20), nbName("TEST1", 0)))));
        assertEquals("NetBIOS Name Recognized - MDJR98<20>",
                summary(dot3(nbfUi(0x0e, 0x15, nbName("TEST1", 0), nbName("MDJR98", 0x20)))));
        // an all-space name keeps its spaces; other commands show only their names
        assertEquals("NetBIOS Add Name Query -                <20>", summary(dot3(nbfUi(0x01, 0, zero, nbName("", 0x20)))));
        assertEquals("NetBIOS Status Query", summary(dot3(nbfUi(0x03, 0, zero, zero))));
        // unknown commands, those past the table clamped to 0x21
        assertEquals("NetBIOS Unknown (0x04)", summary(dot3(nbfUi(0x04, 0, zero, zero))));
        assertEquals("NetBIOS Unknown (0x21)", summary(dot3(nbfUi(0x7f, 0, zero, zero))));
        assertEquals("NetBIOS Bad packet, no 0xEFFF marker",
                summary(dot3(new byte[] {(byte) 0xf0, (byte) 0xf0, 3, 44, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0})));
        // S and U frames other than UI stay LLC
        assertEquals("LLC S, func=RR, N(R)=4; DSAP NetBIOS Individual, SSAP NetBIOS Response",
                summary(dot3(new byte[] {(byte) 0xf0, (byte) 0xf1, 1, 8})));
    }

    @Test
    void nbfSessionCommands() {
        assertEquals("NetBIOS Session Initialize", summary(dot3(nbfI(0x19, new byte[0]))));
        assertEquals("NetBIOS Session Confirm", summary(dot3(nbfI(0x17, new byte[0]))));
        assertEquals("NetBIOS Data Ack", summary(dot3(nbfI(0x14, new byte[0]))));
        assertEquals("NetBIOS Session Alive", summary(dot3(nbfI(0x1f, new byte[0]))));
        assertEquals("NetBIOS Session End", summary(dot3(nbfI(0x18, new byte[0]))));
        // user data that is not SMB is shown as data; a first fragment waits for reassembly
        assertEquals("NetBIOS Data Only Last", summary(dot3(nbfI(0x16, "hello".getBytes()))));
        assertEquals("NetBIOS Data First Middle", summary(dot3(nbfI(0x15, smbHeader(0x2b, false, 0, 0)))));
    }

    @Test
    void smbRequestAndResponseInNbf() {
        byte[] openWords = cat(new byte[] {15, (byte) 0xff, 0, 0, 0}, new byte[26]);
        byte[] path = "\\TEST.TXT\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] open = cat(smbHeader(0x2d, false, 0, 0), openWords, new byte[] {(byte) path.length, 0}, path);
        assertEquals("SMB Open AndX Request, Path: \\TEST.TXT", summary(dot3(nbfI(0x16, open))));
        byte[] reply = cat(smbHeader(0x2d, true, 0, 0), new byte[] {15, (byte) 0xff, 0, 0, 0, 1, 0}, new byte[26], new byte[2]);
        assertEquals("SMB Open AndX Response, FID: 0x0001", summary(dot3(nbfI(0x16, reply))));
        // a DOS error follows the command's text, on responses only
        byte[] error = cat(smbHeader(0x2d, true, 1, 2), new byte[] {15, (byte) 0xff, 0, 0, 0, 7, 0}, new byte[26], new byte[2]);
        assertEquals("SMB Open AndX Response, FID: 0x0007, Error: File not found (pathname error)",
                summary(dot3(nbfI(0x16, error))));
        byte[] search = cat(smbHeader(0x81, false, 0, 0), new byte[] {2, 0, 0, 0, 0, 3, 0, 4, 0, 5, 0});
        assertEquals("SMB Search Request, File: ", summary(dot3(nbfI(0x16, search))));
        byte[] none = cat(smbHeader(0x81, true, 1, 18), new byte[3]);
        assertEquals("SMB Search Response, Error: No more files found in file search", summary(dot3(nbfI(0x16, none))));
        byte[] write = cat(smbHeader(0x0b, false, 0, 0), new byte[] {5, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals("SMB Write Request, FID: 0x0000, 100 bytes at offset 0", summary(dot3(nbfI(0x16, write))));
        assertEquals("SMB Unknown (0x40) Request", summary(dot3(nbfI(0x16, cat(smbHeader(0x40, false, 0, 0), new byte[3])))));
    }

    /** An NBF datagram carrying an SMB Trans request to \\MAILSLOT\\BROWSE with {@code data}. */
    static byte[] browseDatagram(byte[] data) {
        byte[] name = "\\MAILSLOT\\BROWSE\0".getBytes();
        int wc = 17;
        int dataOffset = 32 + 1 + wc * 2 + 2 + name.length;
        ByteBuffer w = ByteBuffer.allocate(wc * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        w.putShort((short) 0).putShort((short) data.length).putShort((short) 0).putShort((short) 0).put((byte) 0)
                .put((byte) 0).putShort((short) 0).putInt(0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) data.length).putShort((short) dataOffset).put((byte) 3).put((byte) 0)
                .putShort((short) 1).putShort((short) 1).putShort((short) 2);
        byte[] trans = cat(smbHeader(0x25, false, 0, 0), new byte[] {(byte) wc}, w.array(),
                new byte[] {(byte) (name.length + data.length), 0}, name, data);
        return cat(new byte[] {(byte) 0xf0, (byte) 0xf0, 3, 44, 0, (byte) 0xff, (byte) 0xef, 8, 0, 0, 0, 0, 0, 0, 0},
                nbName("WORKGROUP", 0x1d), nbName("MDJR98", 0), trans);
    }

    @Test
    void browserAnnouncementsInNbfDatagrams() {
        byte[] host = new byte[16];
        System.arraycopy("HOST".getBytes(), 0, host, 0, 4);
        byte[] announce = cat(new byte[] {0x0f, 1, 0, 0, 0, 0}, host, new byte[] {4, 0, 3, 0, 0, 0}, new byte[4]);
        assertEquals("BROWSER Local Master Announcement HOST, Workstation, Server",
                summary(dot3(browseDatagram(cat(announce, "comment\0".getBytes())))));
        // the comment without its NUL
        assertEquals("BROWSER Local Master Announcement HOST, Workstation, Server[Malformed Packet]",
                summary(dot3(browseDatagram(cat(announce, "comment".getBytes())))));
        assertEquals("BROWSER Request Announcement MDJR98",
                summary(dot3(browseDatagram(cat(new byte[] {2, 0}, "MDJR98\0".getBytes())))));
        assertEquals("BROWSER Browser Election Request",
                summary(dot3(browseDatagram(cat(new byte[] {8, 1}, new byte[12], "MDJR98\0".getBytes())))));
    }

    @Test
    void truncatedNetbeuiFramesEndWithTsharksMarks() {
        byte[] zero = new byte[16];
        byte[] whole = dot3(nbfUi(0x01, 0, zero, nbName("MDJR98", 3)));
        // the names cut by the length field: the LLC text stays, malformed
        byte[] claimed = java.util.Arrays.copyOf(whole, 14 + 3 + 20);
        claimed[13] = 3 + 20;
        assertEquals("NetBIOS U, func=UI; DSAP NetBIOS Individual, SSAP NetBIOS Command[Malformed Packet]",
                summary(claimed));
        // cut by the capture: limited, never an exception
        for (int len = 14; len < whole.length; len++) {
            s.summarize(whole, 0, len, whole.length, 1, ++frame, 0);
            String text = s.protocol + " " + s.infoText();
            assertTrue(len <= 17 || text.endsWith("[Packet size limited during capture]") || text.startsWith("NetBIOS Add"), text);
        }
        s.summarize(whole, 0, 40, whole.length, 1, ++frame, 0);
        assertEquals("NetBIOS U, func=UI; DSAP NetBIOS Individual, SSAP NetBIOS Command[Packet size limited during capture]",
                s.protocol + " " + s.infoText());
        // an SMB header cut short of its 32 bytes: an empty Info with the mark
        byte[] shortSmb = dot3(nbfI(0x16, java.util.Arrays.copyOf(smbHeader(0x2b, false, 0, 0), 10)));
        assertEquals("SMB [Malformed Packet]", summary(java.util.Arrays.copyOf(shortSmb, 14 + shortSmb[13])));
        // a file name without its NUL
        byte[] search = cat(smbHeader(0x81, false, 0, 0), new byte[] {2, 0, 0, 0, 0, 5, 0, 4, 'a', 'b', 'c'});
        byte[] f = dot3(nbfI(0x16, search));
        assertEquals("SMB Search Request[Malformed Packet]", summary(java.util.Arrays.copyOf(f, 14 + f[13])));
        // every prefix of a browser datagram and an SMB exchange: no exception escapes
        byte[] open = dot3(nbfI(0x16, cat(smbHeader(0x2d, false, 0, 0), new byte[] {15, (byte) 0xff, 0, 0, 0},
                new byte[26], new byte[] {4, 0}, "\\A\0".getBytes())));
        for (int len = 0; len <= open.length; len++) {
            s.summarize(open, 0, len, open.length, 1, ++frame, 0);
        }
    }
}
