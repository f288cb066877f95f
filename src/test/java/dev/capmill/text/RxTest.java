package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RX and AFS lines ({@link Rx}). The expected texts are tshark 4.0.17's for the same bytes: each
 * datagram was written to a pcap (Ethernet, IPv4 from 10.0.0.1 when the source port is the lower,
 * else from 10.0.0.2, not padded) by a small Python script and read with {@code TZ=UTC tshark -n -r
 * x.pcap}.
 */
class RxTest {
    final Summarizer s = new Summarizer();
    long frame;

    static final byte[] LOW = {10, 0, 0, 1};
    static final byte[] HIGH = {10, 0, 0, 2};

    static byte[] frame(int sp, int dp, byte[] payload) {
        byte[] src = sp < dp ? LOW : HIGH;
        byte[] dst = sp < dp ? HIGH : LOW;
        byte[] e = eth(0x0800, ip4(src, dst, 17, udp(sp, dp, payload)));
        return Arrays.copyOf(e, 14 + 20 + 8 + payload.length);
    }

    String line(int sp, int dp, byte[] payload) {
        byte[] f = frame(sp, dp, payload);
        s.summarize(f, 0, f.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    /** The same with only {@code captured} bytes of the payload at hand. */
    String cut(int sp, int dp, byte[] payload, int captured) {
        byte[] f = frame(sp, dp, payload);
        s.summarize(f, 0, 14 + 20 + 8 + captured, f.length, 1, ++frame, 0);
        return s.protocol + " " + s.infoText();
    }

    static byte[] rx(int type, int flags, long call, long seq, byte[] body) {
        return rx(1, 2, type, flags, call, seq, body);
    }

    static byte[] rx(int epoch, int cid, int type, int flags, long call, long seq, byte[] body) {
        return cat(ByteBuffer.allocate(28).putInt(epoch).putInt(cid).putInt((int) call).putInt((int) seq).putInt(1)
                .put((byte) type).put((byte) flags).put((byte) 0).put((byte) 0).putShort((short) 0)
                .putShort((short) 1).array(), body);
    }

    static byte[] ack(int reason, int n, int extra) {
        byte[] b = new byte[18 + n + extra];
        b[16] = (byte) reason;
        b[17] = (byte) n;
        Arrays.fill(b, 18, 18 + n, (byte) 1);
        return b;
    }

    static byte[] be32(long... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (long x : v) {
            b.putInt((int) x);
        }
        return b.array();
    }

    static final String PORTS = "  Seq: 1  Call: 3  Source Port: 7001  Destination Port: 7000  ";

    @Test
    void packetTypes() {
        // python3 t1.py && TZ=UTC tshark -n -r t1.pcap (frames 1-16: types 0-15, 26-byte bodies)
        byte[] body = cat(ack(8, 0, 0), new byte[8]);
        assertEquals("UDP 7001 → 7000 Len=54", line(7001, 7000, rx(0, 1, 3, 1, body)));
        assertEquals("AFS (RX) FS Request: Unknown(0) (0)", line(7001, 7000, rx(1, 1, 3, 1, body)));
        assertEquals("RX ACK Delay" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, body)));
        assertEquals("RX ", line(7001, 7000, rx(3, 1, 3, 1, body)));
        assertEquals("RX ABORT" + PORTS, line(7001, 7000, rx(4, 1, 3, 1, body)));
        assertEquals("RX ACKALL" + PORTS, line(7001, 7000, rx(5, 1, 3, 1, body)));
        assertEquals("RX CHALLENGE" + PORTS, line(7001, 7000, rx(6, 1, 3, 1, body)));
        assertEquals("RX RESPONSE" + PORTS, line(7001, 7000, rx(7, 1, 3, 1, body)));
        assertEquals("RX ", line(7001, 7000, rx(8, 1, 3, 1, body)));
        assertEquals("RX ", line(7001, 7000, rx(9, 1, 3, 1, body)));
        for (int t : new int[] {10, 11, 12, 14, 15}) {
            assertEquals("UDP 7001 → 7000 Len=54", line(7001, 7000, rx(t, 1, 3, 1, body)));
        }
        assertEquals("RX VERSION request" + PORTS, line(7001, 7000, rx(13, 1, 3, 1, body)));
        assertEquals("RX VERSION request" + PORTS, line(7001, 7000, rx(13, 0, 3, 1, new byte[0])));
        // sequence and call numbers are unsigned
        assertEquals("RX ACKALL  Seq: 4294967294  Call: 4294967295  Source Port: 7001  Destination Port: 7000  ",
                line(7001, 7000, rx(5, 1, 0xffffffffL, 0xfffffffeL, new byte[0])));
    }

    @Test
    void versionOfConnectionZeroIsNatPing() {
        // python3 t14.py && TZ=UTC tshark -n -r t14.pcap (epoch, cid) = (0,1), (0,0), (1,0)
        assertEquals("RX VERSION request" + PORTS, line(7001, 7000, rx(0, 1, 13, 1, 3, 1, new byte[0])));
        assertEquals("RX VERSION NAT ping" + PORTS, line(7001, 7000, rx(0, 0, 13, 1, 3, 1, new byte[0])));
        assertEquals("RX VERSION NAT ping" + PORTS, line(7001, 7000, rx(1, 0, 13, 1, 3, 1, new byte[0])));
    }

    @Test
    void cutWhereTheBodyStarts() {
        // python3 t15.py, t16.py && TZ=UTC tshark -n -r ...: the subtree tshark adds over the body
        // fails as cut by the capture when no body byte is at hand but some are claimed
        for (int t : new int[] {4, 6, 7}) {
            String name = t == 4 ? "ABORT" : t == 6 ? "CHALLENGE" : "RESPONSE";
            assertEquals("RX " + name + PORTS + "[Packet size limited during capture]",
                    cut(7001, 7000, rx(t, 1, 3, 1, new byte[1]), 28));
            assertEquals("RX " + name + PORTS + "[Malformed Packet]", cut(7001, 7000, rx(t, 1, 3, 1, new byte[3]), 29));
            assertEquals("RX " + name + PORTS + "[Malformed Packet]", line(7001, 7000, rx(t, 1, 3, 1, new byte[2])));
        }
        // past it, a read passing the claimed end is malformed (CHALLENGE's nonce) ...
        assertEquals("RX CHALLENGE" + PORTS + "[Malformed Packet]", cut(7001, 7000, rx(6, 1, 3, 1, cat(be32(2), new byte[1])), 32));
        // ... unless it starts RESPONSE's encrypted part, a subtree of its own
        assertEquals("RX RESPONSE" + PORTS + "[Packet size limited during capture]",
                cut(7001, 7000, rx(7, 1, 3, 1, cat(be32(2), new byte[5])), 36));
        assertEquals("RX [Packet size limited during capture]", cut(7001, 7000, rx(2, 1, 3, 1, new byte[18]), 28));
        assertEquals("RX [Packet size limited during capture]", cut(7001, 7000, rx(2, 1, 3, 1, new byte[1]), 28));
        // AFS has no such subtree: its opcode read passes the claimed end
        assertEquals("AFS (RX) [Malformed Packet]", cut(7001, 7000, rx(1, 1, 77, 1, new byte[1]), 28));
        assertEquals("AFS (RX) [Packet size limited during capture]", cut(7001, 7000, rx(1, 1, 78, 1, new byte[4]), 28));
    }

    @Test
    void ackReasonsAndTrailer() {
        // t1.pcap frames 17-22, t2.pcap frames 11-16 and 20-22, t3.pcap frames 1-16
        assertEquals("RX ACK 0" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, ack(0, 0, 0))));
        assertEquals("RX ACK 10" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, ack(10, 0, 0))));
        assertEquals("RX ACK Ack Requested" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, ack(1, 0, 0))));
        assertEquals("RX ACK Idle" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, ack(9, 2, 19))));
        assertEquals("RX ACK Idle" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, ack(9, 2, 17))));
        assertEquals("RX ACK Idle" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, ack(9, 2, 23))));
        for (int k = 0; k < 8; k++) {
            assertEquals("RX ACK Delay" + PORTS, line(7001, 7000, rx(2, 1, 3, 1, ack(8, 0, k))));
        }
        // Info is written after the acknowledgements and the trailer are read
        assertEquals("RX [Malformed Packet]", line(7001, 7000, rx(2, 1, 3, 1, new byte[0])));
        assertEquals("RX [Malformed Packet]", line(7001, 7000, rx(2, 1, 3, 1, new byte[16])));
        assertEquals("RX [Malformed Packet]", line(7001, 7000, rx(2, 1, 3, 1, new byte[17])));
        assertEquals("RX [Malformed Packet]", line(7001, 7000, rx(2, 1, 3, 1, Arrays.copyOf(ack(1, 3, 0), 19))));
        // the trailer is read when three captured bytes follow the acknowledgements
        byte[] full = rx(2, 1, 3, 1, ack(8, 0, 7));
        for (int k = 0; k < 3; k++) {
            assertEquals("RX ACK Delay" + PORTS, cut(7001, 7000, full, 28 + 18 + k));
        }
        for (int k = 3; k < 7; k++) {
            assertEquals("RX [Packet size limited during capture]", cut(7001, 7000, full, 28 + 18 + k));
        }
        assertEquals("RX [Packet size limited during capture]", cut(7001, 7000, full, 28 + 10));
    }

    @Test
    void shortBodies() {
        // t1.pcap frames 23-28, t2.pcap frames 1-10 and 17-19, t3.pcap frames 23-29
        assertEquals("RX ABORT" + PORTS + "[Malformed Packet]", line(7001, 7000, rx(4, 1, 3, 1, new byte[0])));
        assertEquals("RX ABORT" + PORTS + "[Packet size limited during capture]",
                cut(7001, 7000, rx(4, 1, 3, 1, new byte[4]), 30));
        assertEquals("RX CHALLENGE" + PORTS + "[Malformed Packet]", line(7001, 7000, rx(6, 1, 3, 1, new byte[0])));
        assertEquals("RX CHALLENGE" + PORTS + "[Malformed Packet]", line(7001, 7000, rx(6, 1, 3, 1, be32(2))));
        assertEquals("RX CHALLENGE" + PORTS, line(7001, 7000, rx(6, 1, 3, 1, be32(2, 0, 0))));
        assertEquals("RX CHALLENGE" + PORTS, line(7001, 7000, rx(6, 1, 3, 1, be32(3))));
        assertEquals("RX RESPONSE" + PORTS + "[Malformed Packet]", line(7001, 7000, rx(7, 1, 3, 1, be32(2))));
        assertEquals("RX RESPONSE" + PORTS + "[Malformed Packet]",
                line(7001, 7000, rx(7, 1, 3, 1, Arrays.copyOf(be32(2), 52))));
        assertEquals("RX RESPONSE" + PORTS, line(7001, 7000, rx(7, 1, 3, 1, Arrays.copyOf(be32(2), 56))));
        // the ticket is not read: a length past the datagram is no error
        assertEquals("RX RESPONSE" + PORTS,
                line(7001, 7000, rx(7, 1, 3, 1, cat(Arrays.copyOf(be32(2), 56), be32(4), new byte[3]))));
        assertEquals("RX RESPONSE" + PORTS, line(7001, 7000, rx(7, 1, 3, 1, be32(3))));
        // fewer than 28 bytes at hand: RX refuses
        assertEquals("UDP 7001 → 7000 Len=27", line(7001, 7000, Arrays.copyOf(rx(1, 1, 3, 1, new byte[0]), 27)));
        assertEquals("UDP 7001 → 7000 Len=0", line(7001, 7000, new byte[0]));
        assertEquals("UDP 7001 → 7000 Len=28", cut(7001, 7000, rx(3, 1, 3, 1, new byte[0]), 20));
        assertEquals("AFS (RX) [Packet size limited during capture]", cut(7001, 7000, rx(1, 1, 3, 1, new byte[4]), 30));
        // garbage after a valid header
        assertEquals("RX ", line(7001, 7000, rx(8, 1, 3, 1, "garbage!".getBytes())));
    }

    static byte[] request(long call, long opcode) {
        return rx(1, 1, call, 1, be32(opcode));
    }

    static byte[] reply(long call) {
        return rx(1, 0, call, 1, new byte[8]);
    }

    @Test
    void afsRequestsAndReplies() {
        // python3 t5.py, t4.py && TZ=UTC tshark -n -r ...
        assertEquals("AFS (RX) FS Request: fetch-status (132)", line(7001, 7000, rx(1, 1, 10, 1, cat(be32(132), new byte[12]))));
        assertEquals("AFS (RX) FS Reply: fetch-status (132)", line(7000, 7001, reply(10)));
        assertEquals("AFS (RX) FS Reply: fetch-status (132)", line(7000, 7001, reply(10)));
        // a reply with no request seen, and a reply whose epoch or connection id differs
        assertEquals("AFS (RX) FS Reply: Unknown(0) (0)", line(7000, 7001, reply(11)));
        assertEquals("AFS (RX) FS Reply: Unknown(0) (0)", line(7000, 7001, rx(5, 2, 1, 0, 10, 1, new byte[8])));
        assertEquals("AFS (RX) FS Reply: Unknown(0) (0)", line(7000, 7001, rx(1, 5, 1, 0, 10, 1, new byte[8])));
        // a later request of the same call keeps the first opcode; an empty reply is fine
        assertEquals("AFS (RX) FS Request: fetch-data (130)", line(1234, 7000, request(53, 130)));
        assertEquals("AFS (RX) FS Request: fetch-data (130)", line(1234, 7000, request(53, 132)));
        assertEquals("AFS (RX) FS Reply: fetch-data (130)", line(7000, 1234, rx(1, 0, 53, 1, new byte[0])));
        // the same call number between other endpoints is another call
        assertEquals("AFS (RX) FS Reply: Unknown(0) (0)", line(7000, 1235, reply(53)));
        // a request whose opcode is not at hand
        assertEquals("AFS (RX) [Malformed Packet]", line(7001, 7000, rx(1, 1, 12, 1, new byte[2])));
        assertEquals("AFS (RX) [Malformed Packet]", line(7001, 7000, rx(1, 1, 13, 1, new byte[0])));
        // the client port of a call from the server: CB
        assertEquals("AFS (RX) CB Request: callback (204)", line(7000, 7001, request(55, 204)));
        assertEquals("AFS (RX) CB Reply: callback (204)", line(7001, 7000, reply(55)));
    }

    @Test
    void afsServicesAndOpcodes() {
        // t4.pcap frames 6-24, t5.pcap, t6.pcap, t7.pcap
        String[] names = {"PROT Request: Unknown(1) (1)", "VLDB Request: Unknown(1) (1)", "KAUTH Request: auth-old (1)",
            "VOL Request: Unknown(1) (1)", "ERR Request: Unknown(1)", "BOS Request: Unknown(1) (1)",
            "UPD Request: fetch-file (1)", "RMT Request: setpag (1)"};
        for (int i = 0; i < names.length; i++) {
            assertEquals("AFS (RX) " + names[i], line(1234, 7002 + i, request(100 + i, 1)));
        }
        assertEquals("AFS (RX) ERR Reply: Unknown(1)", line(7006, 1234, reply(104)));
        assertEquals("AFS (RX) BKUP Request: add-volume (0)", line(1235, 7021, request(78, 0)));
        assertEquals("AFS (RX) BKUP Reply: add-volume (0)", line(7021, 1235, reply(78)));
        assertEquals("AFS (RX) BKUP Reply: add-volume (0)", line(7021, 1235, reply(79)));
        assertEquals("AFS (RX) BUTC Request: Unknown(1) (1)", line(7000, 7025, request(201, 1)));
        assertEquals("AFS (RX) Unknown(7010) Request: Unknown(1)", line(7000, 7010, request(202, 1)));
        // ports from 7025 up are tape coordinators' (t9.pcap, t10.pcap)
        assertEquals("AFS (RX) Unknown(7024) Request: Unknown(100)", line(7000, 7024, request(203, 100)));
        assertEquals("AFS (RX) BUTC Request: perform-dump (100)", line(7000, 7025, request(204, 100)));
        assertEquals("AFS (RX) Unknown(7030) Request: perform-dump (100)", line(7000, 7030, request(205, 100)));
        assertEquals("AFS (RX) Unknown(65535) Request: perform-dump (100)", line(7000, 65535, request(206, 100)));
        assertEquals("AFS (RX) Unknown(8000) Request: Unknown(132) (132)", line(7000, 8000, request(207, 132)));
        assertEquals("AFS (RX) Unknown(6000) Request: Unknown(1)", line(7000, 6000, request(208, 1)));
        assertEquals("AFS (RX) UBIK-Unknown(7030) Request: vote-beacon (10000)", line(7000, 7030, request(209, 10000)));
        assertEquals("AFS (RX) Unknown(1234) Reply: Unknown(0)", line(1234, 7000, reply(99)));
        // ubik calls on any service
        assertEquals("AFS (RX) UBIK-VLDB Request: vote-beacon (10000)", line(1235, 7003, request(79, 10000)));
        assertEquals("AFS (RX) UBIK-VLDB Reply: vote-beacon (10000)", line(7003, 1235, reply(79)));
        assertEquals("AFS (RX) UBIK-VLDB Request: disk-commit (20001)", line(1235, 7003, request(80, 20001)));
        assertEquals("AFS (RX) UBIK-ERR Request: vote-beacon (10000)", line(1235, 7006, request(81, 10000)));
        assertEquals("AFS (RX) UBIK-Unknown(1234) Request: vote-beacon (10000)", line(7000, 1234, request(82, 10000)));
        assertEquals("AFS (RX) FS Request: Unknown(10008) (10008)", line(1234, 7000, request(83, 10008)));
        assertEquals("AFS (RX) FS Request: Unknown(20014) (20014)", line(1234, 7000, request(84, 20014)));
        // opcodes above 66000 are taken for encrypted calls
        assertEquals("AFS (RX) FS Request: fetch-data-64 (65537)", line(1234, 7000, request(85, 65537)));
        assertEquals("AFS (RX) FS Request: Unknown(66000) (66000)", line(1234, 7000, request(86, 66000)));
        assertEquals("AFS (RX) Encrypted FS Request", line(1234, 7000, request(87, 66001)));
        assertEquals("AFS (RX) Encrypted FS Request", line(1234, 7000, request(88, 0xfffffffeL)));
        assertEquals("AFS (RX) Encrypted ERR Request", line(1234, 7006, request(89, 99999)));
        assertEquals("AFS (RX) Encrypted Unknown(1234) Request", line(7000, 1234, request(90, 99999)));
        assertEquals("AFS (RX) Encrypted BKUP Request", line(1234, 7021, request(91, 99999)));
        // both ports outside RX's: plain UDP
        assertEquals("UDP 1235 → 1236 Len=32", line(1235, 1236, request(92, 10000)));
    }

    @Test
    void manyCallsStayInTheTable() {
        for (int c = 0; c < 3 * Rx.SLOTS; c++) {
            line(1234, 7000, request(1000 + c, 130 + c % 30));
        }
        // the last calls are still remembered
        assertEquals("AFS (RX) FS Reply: get-volume-info (148)", line(7000, 1234, reply(1000 + 3 * Rx.SLOTS - 30)));
    }
}
