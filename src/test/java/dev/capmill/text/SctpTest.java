package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SCTP summaries ({@link Sctp}). The expected texts are what TZ=UTC tshark -n -r (4.0.17) printed,
 * Protocol and Info columns, for the same frames written by a Python script (struct only) into a
 * pcap: Ethernet, IPv4 10.0.0.x, protocol 132, checksum 0 (tshark does not check it by default);
 * the cut frames with a smaller captured length.
 */
class SctpTest {
    final Summarizer s = new Summarizer();
    long frame;

    static final byte[] A = {10, 0, 0, 1};
    static final byte[] B = {10, 0, 0, 2};
    static final byte[] C = {10, 0, 0, 3};
    static final byte[] D = {10, 0, 0, 4};

    static byte[] ipv4(byte[] src, byte[] dst, byte[] sctp) {
        return eth(0x0800, ByteBuffer.allocate(20 + sctp.length).put((byte) 0x45).put((byte) 0)
                .putShort((short) (20 + sctp.length)).putShort((short) 1).putShort((short) 0).put((byte) 64)
                .put((byte) 132).putShort((short) 0).put(src).put(dst).put(sctp).array());
    }

    static byte[] header(int sport, int dport, int vtag) {
        return ByteBuffer.allocate(12).putShort((short) sport).putShort((short) dport).putInt(vtag).putInt(0).array();
    }

    static byte[] sctp(int sport, int dport, int vtag, byte[]... chunks) {
        return cat(header(sport, dport, vtag), cat(chunks));
    }

    /** A chunk of {@code value}, its length field {@code length} (-1: the true one), padded to 4 bytes. */
    static byte[] chunk(int type, int flags, byte[] value, int length, boolean pad) {
        int l = length < 0 ? 4 + value.length : length;
        int n = 4 + value.length;
        int padded = pad ? (n + 3) & ~3 : n;
        return ByteBuffer.allocate(padded).put((byte) type).put((byte) flags).putShort((short) l).put(value).array();
    }

    static byte[] chunk(int type, byte[] value) {
        return chunk(type, 0, value, -1, true);
    }

    static byte[] raw(int type, int flags, int length) {
        return new byte[] {(byte) type, (byte) flags, (byte) (length >> 8), (byte) length};
    }

    static byte[] data(int tsn, int flags, int stream, int ssn, int ppid, byte[] payload) {
        return chunk(0, flags, cat(ByteBuffer.allocate(12).putInt(tsn).putShort((short) stream)
                .putShort((short) ssn).putInt(ppid).array(), payload), -1, true);
    }

    static byte[] data(int tsn) {
        return data(tsn, 3, 0, 0, 0, "abcd".getBytes());
    }

    static byte[] sack(int ack, int arwnd, int[] gaps, int... dups) {
        ByteBuffer v = ByteBuffer.allocate(12 + 2 * gaps.length + 4 * dups.length).putInt(ack).putInt(arwnd)
                .putShort((short) (gaps.length / 2)).putShort((short) dups.length);
        for (int g : gaps) {
            v.putShort((short) g);
        }
        for (int d : dups) {
            v.putInt(d);
        }
        return chunk(3, v.array());
    }

    static byte[] sack(int ack) {
        return sack(ack, 1000, new int[0]);
    }

    String line(byte[] f) {
        return line(f, f.length);
    }

    String line(byte[] f, int captured) {
        s.summarize(f, 0, captured, f.length, 1, ++frame, 0);
        return s.protocol + " " + s.infoText();
    }

    String line(byte[] src, byte[] dst, byte[] sctp) {
        return line(ipv4(src, dst, sctp));
    }

    /** One chunk of 16 zero bytes in a packet of tag 0. */
    String one(int type) {
        return line(A, B, sctp(1000, 2000, 0, chunk(type, new byte[16])));
    }

    @Test
    void everyChunkTypeByName() {
        // t4.pcap
        String[] expected = {"INIT ", "INIT_ACK ", "HEARTBEAT ", "HEARTBEAT_ACK ", "ABORT ", "SHUTDOWN ",
            "SHUTDOWN_ACK ", "ERROR ", "COOKIE_ECHO ", "COOKIE_ACK ", "ECNE ", "CWR ", "SHUTDOWN_COMPLETE ",
            "AUTH ", "NR_SACK ", "I_DATA (TSN=0) ", "ASCONF_ACK [Malformed Packet]", "PKTDROP ",
            "RE_CONFIG [Malformed Packet]", "PAD ", "FORWARD_TSN ", "ASCONF [Malformed Packet]", "I_FORWARD_TSN ",
            "IETF_EXTENSION ", "RESERVED ", "RESERVED ", "RESERVED ", "RESERVED "};
        int[] types = {1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 64, 128, 129, 130, 132, 192, 193, 194, 255,
            17, 0x41, 0x85, 0xfe};
        for (int i = 0; i < types.length; i++) {
            assertEquals("SCTP " + expected[i], one(types[i]), "type " + types[i]);
        }
        assertEquals("SCTP INIT HEARTBEAT COOKIE_ACK RESERVED ", line(A, B, sctp(1000, 2000, 0,
                chunk(1, new byte[16]), chunk(4, new byte[16]), chunk(11, new byte[16]), chunk(0x85, new byte[16]))));
        // no chunk at all: an empty Info
        assertEquals("SCTP ", line(A, B, header(1000, 2000, 0)));
    }

    @Test
    void shortChunkValuesOfEachType() {
        // t6.pcap: each chunk with a value of 0 or 8 bytes, then a COOKIE_ACK
        byte[] ack = chunk(11, new byte[0]);
        assertEquals("SCTP DATA COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(0, new byte[0]), ack)));
        assertEquals("SCTP SACK [Malformed Packet]", line(A, B, sctp(1, 2, 0, chunk(3, new byte[8]), ack)));
        assertEquals("SCTP ECNE [Malformed Packet]", line(A, B, sctp(1, 2, 0, chunk(12, new byte[0]), ack)));
        assertEquals("SCTP ECNE COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(12, new byte[2]), ack)));
        assertEquals("SCTP AUTH [Malformed Packet]", line(A, B, sctp(1, 2, 0, chunk(15, new byte[2]), ack)));
        assertEquals("SCTP AUTH COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(15, new byte[4]), ack)));
        assertEquals("SCTP NR_SACK [Malformed Packet]", line(A, B, sctp(1, 2, 0, chunk(16, new byte[12]), ack)));
        assertEquals("SCTP INIT COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(1, new byte[8]), ack)));
        assertEquals("SCTP ASCONF_ACK COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(128, new byte[4]), ack)));
        assertEquals("SCTP ASCONF [Malformed Packet]", line(A, B, sctp(1, 2, 0, chunk(193, new byte[8]), ack)));
        assertEquals("SCTP RE_CONFIG COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(130, new byte[0]), ack)));
        assertEquals("SCTP RE_CONFIG [Malformed Packet]", line(A, B, sctp(1, 2, 0, chunk(130, new byte[2]), ack)));
        assertEquals("SCTP I_DATA COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(64, new byte[12]), ack)));
        assertEquals("SCTP HEARTBEAT COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(4, new byte[0]), ack)));
    }

    @Test
    void badChunkLengthsAndShortPackets() {
        // t5.pcap
        byte[] h = header(1000, 2000, 0);
        assertEquals("SCTP [Malformed Packet]", line(A, B, java.util.Arrays.copyOf(h, 8)));
        assertEquals("SCTP [Malformed Packet]", line(A, B, java.util.Arrays.copyOf(h, 11)));
        assertEquals("SCTP [Malformed Packet]", line(A, B, cat(h, raw(1, 0, 0))));
        assertEquals("SCTP HEARTBEAT ", line(A, B, cat(h, raw(4, 0, 2))));
        assertEquals("SCTP HEARTBEAT [Malformed Packet]", line(A, B, cat(h, raw(4, 0, 40), new byte[8])));
        assertEquals("SCTP COOKIE_ACK ", line(A, B, cat(h, raw(11, 0, 5), new byte[] {'x'})));
        assertEquals("SCTP COOKIE_ACK [Malformed Packet]",
                line(A, B, cat(h, raw(11, 0, 5), new byte[] {'x'}, raw(11, 0, 4))));
        assertEquals("SCTP COOKIE_ACK [Malformed Packet]", line(A, B, cat(h, raw(11, 0, 4), new byte[2])));
        assertEquals("SCTP COOKIE_ACK [Malformed Packet]", line(A, B, cat(h, raw(11, 0, 4), new byte[4])));
        assertEquals("SCTP DATA ", line(A, B, cat(h, raw(0, 3, 8), new byte[4])));
        assertEquals("SCTP DATA (TSN=0) ", line(A, B, cat(h, raw(0, 3, 16), new byte[12])));
        assertEquals("SCTP COOKIE_ACK INIT ", line(A, B, cat(h, raw(11, 0, 4), raw(1, 0, 3))));
        assertEquals("SCTP [Malformed Packet]", line(A, B, cat(h, new byte[] {11, 0})));
        assertEquals("SCTP COOKIE_ACK ", line(A, B, cat(h, raw(11, 0, 6), new byte[] {'x', 'x', 0, 0})));
        assertEquals("SCTP COOKIE_ACK DATA (TSN=0) [Malformed Packet]",
                line(A, B, cat(h, raw(11, 0, 4), raw(0, 3, 20), new byte[12])));
        // t11.pcap: a length below 4 moves on by 4
        assertEquals("SCTP HEARTBEAT COOKIE_ACK ", line(A, B, cat(h, raw(4, 0, 2), raw(11, 0, 4))));
        // t8.pcap: a chunk longer than the packet
        assertEquals("SCTP COOKIE_ACK [Malformed Packet]", line(A, B, cat(h, raw(11, 0, 12), new byte[6])));
        assertEquals("SCTP PAD [Malformed Packet]", line(A, B, cat(h, raw(132, 0, 40), new byte[4])));
        // t9.pcap
        assertEquals("SCTP DATA [Malformed Packet]", line(A, B, cat(h, raw(0, 3, 12), new byte[4])));
        assertEquals("SCTP INIT [Malformed Packet]", line(A, B, cat(h, raw(1, 0, 24), new byte[12])));
        assertEquals("SCTP SACK (Ack=0, Arwnd=0) [Malformed Packet]", line(A, B, cat(h, raw(3, 0, 24), new byte[12])));
    }

    @Test
    void packetsCutByTheSnapLength() {
        // t5b.pcap and t9b.pcap: 8 bytes of the first chunk captured
        byte[] h = header(1000, 2000, 0);
        int cut = 14 + 20 + 12 + 8;
        assertEquals("SCTP INIT [Packet size limited during capture]",
                line(ipv4(A, B, cat(h, chunk(1, new byte[16]))), cut));
        assertEquals("SCTP COOKIE_ACK INIT [Packet size limited during capture]",
                line(ipv4(A, B, cat(h, raw(11, 0, 4), chunk(1, new byte[16]))), cut));
        assertEquals("SCTP DATA [Packet size limited during capture]", line(ipv4(A, B, cat(h, data(5))), cut));
        assertEquals("SCTP SACK [Packet size limited during capture]", line(ipv4(A, B, cat(h, sack(5))), cut));
        assertEquals("SCTP COOKIE_ACK [Packet size limited during capture]",
                line(ipv4(A, B, cat(h, raw(11, 0, 12), new byte[8])), cut));
    }

    static byte[] param(int type, byte[] value, int length) {
        int l = length < 0 ? 4 + value.length : length;
        return ByteBuffer.allocate((4 + value.length + 3) & ~3).putShort((short) type).putShort((short) l).put(value)
                .array();
    }

    @Test
    void parametersOfAnInit() {
        // t7.pcap
        byte[] fixed = ByteBuffer.allocate(16).putInt(1).putInt(2).putShort((short) 3).putShort((short) 4).putInt(5)
                .array();
        byte[] ack = chunk(11, new byte[0]);
        byte[] v4 = {1, 2, 3, 4};
        assertEquals("SCTP INIT COOKIE_ACK ", line(A, B, sctp(1, 2, 0, chunk(1, cat(fixed, param(5, v4, -1))), ack)));
        assertEquals("SCTP INIT [Malformed Packet]",
                line(A, B, sctp(1, 2, 0, chunk(1, cat(fixed, param(5, new byte[0], 0))), ack)));
        assertEquals("SCTP INIT COOKIE_ACK ",
                line(A, B, sctp(1, 2, 0, chunk(1, cat(fixed, param(5, new byte[0], 3))), ack)));
        assertEquals("SCTP INIT [Malformed Packet]",
                line(A, B, sctp(1, 2, 0, chunk(1, cat(fixed, param(5, v4, 40))), ack)));
        assertEquals("SCTP INIT [Malformed Packet]",
                line(A, B, sctp(1, 2, 0, chunk(1, cat(fixed, param(5, v4, -1), new byte[2])), ack)));
    }

    @Test
    void sackGapsAndDuplicates() {
        // t9.pcap and t7.pcap
        byte[] h = header(1000, 2000, 0);
        assertEquals("SCTP SACK (Ack=5+6, Arwnd=100) ", line(A, B, cat(h, sack(5, 100, new int[] {1, 2, 4, 6}, 7, 8))));
        assertEquals("SCTP SACK (Ack=5+2, Arwnd=100) ", line(A, B, cat(h, sack(5, 100, new int[] {3, 2}))));
        assertEquals("SCTP SACK (Ack=4294967294+4, Arwnd=100) ", line(A, B, cat(h, sack(-2, 100, new int[] {3, 4}))));
        byte[] twoGaps = chunk(3, cat(ByteBuffer.allocate(12).putInt(5).putInt(100).putShort((short) 2).array(),
                new byte[4]));
        assertEquals("SCTP SACK [Malformed Packet]", line(A, B, cat(h, twoGaps, chunk(11, new byte[0]))));
        byte[] twoDups = chunk(3, cat(ByteBuffer.allocate(12).putInt(5).putInt(100).putShort((short) 0)
                .putShort((short) 2).array(), new byte[4]));
        assertEquals("SCTP SACK (Ack=5, Arwnd=100) [Malformed Packet]",
                line(A, B, cat(h, twoDups, chunk(11, new byte[0]))));
    }

    @Test
    void relativeTsnsByHalfAssociation() {
        // t1.pcap
        assertEquals("SCTP DATA (TSN=0) ", line(A, B, sctp(1000, 2000, 0x1111, data(100))));
        assertEquals("SCTP SACK (Ack=0, Arwnd=1000) ", line(B, A, sctp(2000, 1000, 0x2222, sack(100))));
        assertEquals("SCTP DATA (TSN=1) ", line(A, B, sctp(1000, 2000, 0x1111, data(101))));
        assertEquals("SCTP SACK (Ack=1, Arwnd=1000) ", line(B, A, sctp(2000, 1000, 0x2222, sack(101))));
        // a SACK before any DATA of the other side stays absolute
        assertEquals("SCTP SACK (Ack=500, Arwnd=1000) ", line(B, A, sctp(3000, 4000, 0x3333, sack(500))));
        assertEquals("SCTP DATA (TSN=0) ", line(A, B, sctp(4000, 3000, 0x4444, data(490))));
        assertEquals("SCTP SACK (Ack=5, Arwnd=1000) ", line(B, A, sctp(3000, 4000, 0x3333, sack(495))));
        // tag 0: no association, absolute
        assertEquals("SCTP DATA (TSN=77) ", line(A, B, sctp(5000, 6000, 0, data(77))));
        assertEquals("SCTP SACK (Ack=77, Arwnd=1000) ", line(B, A, sctp(6000, 5000, 0, sack(77))));
        // a SACK in the DATA's own direction has no peer yet
        assertEquals("SCTP DATA (TSN=0) ", line(A, B, sctp(7000, 8000, 0x5555, data(1000))));
        assertEquals("SCTP SACK (Ack=1000, Arwnd=1000) ", line(A, B, sctp(7000, 8000, 0x5555, sack(1000))));
        assertEquals("SCTP SACK (Ack=0, Arwnd=1000) ", line(B, A, sctp(8000, 7000, 0x5555, sack(1000))));
        // the half association is found by ports and tag whatever the addresses
        assertEquals("SCTP DATA (TSN=100) ", line(C, B, sctp(1000, 2000, 0x1111, data(200))));
        // a third tag on the reverse ports finds the peer taken
        assertEquals("SCTP SACK (Ack=101, Arwnd=1000) ", line(B, A, sctp(2000, 1000, 0x6666, sack(101))));
    }

    @Test
    void peersArePairedByPortsAndAddresses() {
        // t2.pcap and t3.pcap
        assertEquals("SCTP DATA (TSN=0) ", line(A, B, sctp(1000, 2000, 1, data(100))));
        assertEquals("SCTP SACK (Ack=100, Arwnd=1000) ", line(C, D, sctp(2000, 1000, 2, sack(100))));
        assertEquals("SCTP SACK (Ack=0, Arwnd=1000) ", line(B, A, sctp(2000, 1000, 3, sack(100))));
        assertEquals("SCTP SACK (Ack=100, Arwnd=1000) ", line(B, A, sctp(2000, 1000, 4, sack(100))));
        assertEquals("SCTP DATA (TSN=0) ", line(B, A, sctp(2000, 1000, 4, data(50))));
        assertEquals("SCTP SACK (Ack=50, Arwnd=1000) ", line(A, B, sctp(1000, 2000, 1, sack(50))));
        assertEquals("SCTP DATA (TSN=0) ", line(B, A, sctp(2000, 1000, 3, data(60))));
        assertEquals("SCTP SACK (Ack=1, Arwnd=1000) ", line(A, B, sctp(1000, 2000, 1, sack(61))));
        // any packet with a tag makes its half association (here a HEARTBEAT)
        byte[] hb = chunk(4, new byte[] {0, 1, 0, 8, 'a', 'b', 'c', 'd'});
        assertEquals("SCTP HEARTBEAT ", line(B, A, sctp(3000, 4000, 7, hb)));
        assertEquals("SCTP DATA (TSN=0) ", line(A, B, sctp(4000, 3000, 6, data(100))));
        assertEquals("SCTP SACK (Ack=100, Arwnd=1000) ", line(B, A, sctp(3000, 4000, 8, sack(100))));
    }

    @Test
    void retransmissionsAndFragments() {
        // t10.pcap and t11.pcap
        byte[] p = "abcd".getBytes();
        assertEquals("SCTP DATA (TSN=0) (Message Fragment) ", line(A, B, sctp(1000, 2000, 0x77, data(1, 2, 0, 5, 0, p))));
        assertEquals("SCTP DATA (TSN=1) (Message Fragment) ", line(A, B, sctp(1000, 2000, 0x77, data(2, 0, 0, 5, 0, p))));
        assertEquals("SCTP DATA (TSN=2) ", line(A, B, sctp(1000, 2000, 0x77, data(3, 1, 0, 5, 0, p))));
        assertEquals("SCTP DATA (TSN=2) (retransmission) ", line(A, B, sctp(1000, 2000, 0x77, data(3, 1, 0, 5, 0, p))));
        assertEquals("SCTP DATA (TSN=0) (retransmission) ", line(A, B, sctp(1000, 2000, 0x77, data(1, 2, 0, 5, 0, p))));
        assertEquals("SCTP DATA (TSN=9) (Message Fragment) ", line(A, B, sctp(1000, 2000, 0x77, data(10, 1, 0, 6, 0, p))));
        assertEquals("SCTP DATA (TSN=8) ", line(A, B, sctp(1000, 2000, 0x77, data(9, 2, 0, 6, 0, p))));
        assertEquals("SCTP DATA (TSN=19) (Message Fragment) DATA (TSN=20) ",
                line(A, B, sctp(1000, 2000, 0x77, data(20, 2, 1, 0, 0, p), data(21, 1, 1, 0, 0, p))));
        assertEquals("SCTP DATA (TSN=39) ", line(A, B, sctp(1000, 2000, 0x77, data(40, 2, 0, 0, 0, new byte[0]))));
        assertEquals("SCTP DATA (TSN=49) ", line(A, B, sctp(1000, 2000, 0x77, data(50, 3, 0, 0, 9999, p))));
        assertEquals("SCTP DATA (TSN=51) (Message Fragment) ", line(A, B, sctp(1000, 2000, 0x77, data(52, 6, 2, 0, 0, p))));
        assertEquals("SCTP DATA (TSN=52) ", line(A, B, sctp(1000, 2000, 0x77, data(53, 5, 2, 0, 0, p))));
        // the same TSN twice in one frame is no retransmission; below the first TSN wraps
        assertEquals("SCTP DATA (TSN=0) DATA (TSN=0) ", line(A, B, sctp(1, 2, 0x78, data(5), data(5))));
        assertEquals("SCTP DATA (TSN=4294967295) ", line(A, B, sctp(1, 2, 0x78, data(4))));
        assertEquals("SCTP DATA (TSN=0) (retransmission) ", line(A, B, sctp(1, 2, 0x78, data(5))));
        // tag 0: no retransmissions, but reassembly
        assertEquals("SCTP DATA (TSN=5) ", line(A, B, sctp(1, 2, 0, data(5))));
        assertEquals("SCTP DATA (TSN=5) ", line(A, B, sctp(1, 2, 0, data(5))));
        assertEquals("SCTP DATA (TSN=6) (Message Fragment) ", line(A, B, sctp(1, 2, 0, data(6, 2, 0, 1, 0, p))));
        assertEquals("SCTP DATA (TSN=7) ", line(A, B, sctp(1, 2, 0, data(7, 1, 0, 1, 0, p))));
    }

    static byte[] idata(int tsn, int flags, int mid, int fsn) {
        return chunk(64, flags, cat(ByteBuffer.allocate(16).putInt(tsn).putShort((short) 0).putShort((short) 0)
                .putInt(mid).putInt(fsn).array(), "abcd".getBytes()), -1, true);
    }

    @Test
    void interleavedDataByMessageAndFsn() {
        // t12.pcap and t13.pcap: I_DATA shares DATA's relative TSNs; its fragments go by MID and FSN
        assertEquals("SCTP I_DATA (TSN=0) ", line(A, B, sctp(1000, 2000, 0x77, idata(100, 3, 0, 0))));
        assertEquals("SCTP I_DATA (TSN=1) ", line(A, B, sctp(1000, 2000, 0x77, idata(101, 3, 0, 0))));
        assertEquals("SCTP DATA (TSN=400) ", line(A, B, sctp(1000, 2000, 0x77, data(500))));
        assertEquals("SCTP I_DATA (TSN=0) (Message Fragment) ", line(A, B, sctp(1000, 2000, 0x79, idata(1, 2, 1, 0))));
        assertEquals("SCTP I_DATA (TSN=1) (Message Fragment) ", line(A, B, sctp(1000, 2000, 0x79, idata(2, 2, 2, 0))));
        assertEquals("SCTP I_DATA (TSN=2) ", line(A, B, sctp(1000, 2000, 0x79, idata(3, 1, 1, 1))));
        assertEquals("SCTP I_DATA (TSN=3) (Message Fragment) ", line(A, B, sctp(1000, 2000, 0x79, idata(4, 0, 2, 1))));
        assertEquals("SCTP I_DATA (TSN=4) ", line(A, B, sctp(1000, 2000, 0x79, idata(5, 1, 2, 2))));
    }

    @Test
    void overIpv6() {
        byte[] a6 = new byte[16];
        byte[] b6 = new byte[16];
        a6[0] = b6[0] = 0x20;
        a6[15] = 1;
        b6[15] = 2;
        byte[] sctp = sctp(1000, 2000, 9, data(42));
        byte[] ip = ByteBuffer.allocate(40 + sctp.length).putInt(0x60000000).putShort((short) sctp.length)
                .put((byte) 132).put((byte) 64).put(a6).put(b6).put(sctp).array();
        assertEquals("SCTP DATA (TSN=0) ", line(eth(0x86dd, ip)));
    }

    @Test
    void garbageNeverThrows() {
        Random r = new Random(132);
        for (int i = 0; i < 20000; i++) {
            byte[] body = new byte[12 + r.nextInt(80)];
            r.nextBytes(body);
            if (r.nextBoolean()) {
                body[4] = body[5] = 0;
            }
            byte[] f = ipv4(r.nextBoolean() ? A : B, r.nextBoolean() ? A : B, body);
            s.summarize(f, 0, 14 + 20 + r.nextInt(body.length + 1), f.length, 1, ++frame, 0);
        }
    }
}
