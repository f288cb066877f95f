package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.B;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** PTPv2 lines, each checked against tshark 4.0.17 on the same bytes. */
class PtpTest {
    private final Summarizer s = new Summarizer();
    private long frame;

    /** An Ethernet frame without the padding to 60 bytes that {@link SummarizerTest#eth} adds. */
    private static byte[] bare(int type, byte[] payload) {
        return ByteBuffer.allocate(14 + payload.length).put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1})
                .putShort((short) type).put(payload).array();
    }

    private String line(byte[] ethernetFrame) {
        s.summarize(ethernetFrame, 0, ethernetFrame.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    /** A PTPv2 header of message type {@code type}, {@code n} bytes, the version nibble {@code version}. */
    private static byte[] ptp(int type, int version, int n) {
        byte[] m = new byte[n];
        if (n > 0) {
            m[0] = (byte) type;
        }
        if (n > 1) {
            m[1] = (byte) version;
        }
        return m;
    }

    private static byte[] management(int tlv, int id, int action) {
        ByteBuffer m = ByteBuffer.wrap(ptp(0x0d, 2, 60));
        m.put(46, (byte) action).putShort(48, (short) tlv).putShort(50, (short) 2).putShort(52, (short) id);
        return m.array();
    }

    @Test
    void messageNamesOverEthernetAndUdp() {
        assertEquals("PTPv2 Sync Message", line(eth(0x88f7, ptp(0, 2, 44))));
        assertEquals("PTPv2 Peer_Delay_Resp_Follow_Up Message", line(eth(0x88f7, ptp(0x0a, 2, 44))));
        assertEquals("PTPv2 Signalling Message", line(eth(0x88f7, ptp(0x0c, 2, 44))));
        assertEquals("PTPv2 Unknown PTP Message (4)", line(eth(0x88f7, ptp(4, 2, 44))));
        // over Ethernet even a version 1 header goes to the version 2 dissector
        assertEquals("PTPv2 Sync Message", line(eth(0x88f7, ptp(0, 1, 44))));
        assertEquals("PTPv2 Announce Message", line(eth(0x0800, ip4(A, B, 17, udp(5000, 320, ptp(0x0b, 2, 64))))));
        // over UDP a version 1 message is PTPv1, not decoded here: the UDP line
        assertEquals("UDP 319 \u2192 319 Len=44", line(eth(0x0800, ip4(A, B, 17, udp(319, 319, ptp(0, 1, 44))))));
    }

    @Test
    void managementNamesItsTlv() {
        assertEquals("PTPv2 Management (Port dataset) GET", line(eth(0x88f7, management(1, 0x2004, 0))));
        assertEquals("PTPv2 Management (Log min pdelay req. interval) RESPONSE",
                line(eth(0x88f7, management(1, 0x6001, 2))));
        assertEquals("PTPv2 Management (Unknown management Id 39321) Unknown Action 7",
                line(eth(0x88f7, management(1, 0x9999, 7))));
        assertEquals("PTPv2 Management Error Message (NO_SUCH_ID)", line(eth(0x88f7, management(2, 2, 0))));
        assertEquals("PTPv2 Management Error Message (Unknown Error Id 16)", line(eth(0x88f7, management(2, 16, 0))));
        assertEquals("PTPv2 Management Message", line(eth(0x88f7, management(3, 0, 0))));
    }

    @Test
    void shortMessagesKeepTheCarriersInfoAndAreMalformed() {
        // the first 8 bytes are read before the name is written
        assertEquals("PTPv2 Ethernet II[Malformed Packet]", line(bare(0x88f7, ptp(0, 2, 7))));
        assertEquals("PTPv2 Sync Message", line(bare(0x88f7, ptp(0, 2, 8))));
        // a Management message reads its TLV type (bytes 48-49), then the id (52-53)
        assertEquals("PTPv2 Ethernet II[Malformed Packet]", line(bare(0x88f7, java.util.Arrays.copyOf(
                management(1, 0x2004, 2), 53))));
        assertEquals("PTPv2 319 \u2192 319 Len=4[Malformed Packet]",
                line(eth(0x0800, ip4(A, B, 17, udp(319, 319, ptp(0, 2, 4))))));
        // one byte: the version check fails before PTP names itself
        assertEquals("UDP 319 \u2192 319 Len=1[Malformed Packet]",
                line(eth(0x0800, ip4(A, B, 17, udp(319, 319, new byte[] {0})))));
    }
}
