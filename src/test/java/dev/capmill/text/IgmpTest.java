package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.B;
import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * IGMP summaries ({@link Igmp}). The expected texts are what TZ=UTC tshark -n -r (4.0.17) printed
 * for the same frames, written by a Python script into a pcap (Ethernet, IPv4 10.0.0.1 → 10.0.0.2,
 * protocol 2; the cut frames with a smaller captured length), Protocol and Info columns.
 */
class IgmpTest {
    final Summarizer s = new Summarizer();
    long frame;

    static final byte[] G = {(byte) 239, 1, 2, 3};

    /** An IGMP message in IPv4 whose total length claims {@code claim} bytes of it (-1: all). */
    static byte[] frame(byte[] igmp, int claim) {
        int tl = 20 + (claim < 0 ? igmp.length : claim);
        byte[] ip = ByteBuffer.allocate(20 + igmp.length).put((byte) 0x45).put((byte) 0).putShort((short) tl)
                .putShort((short) 1).putShort((short) 0).put((byte) 64).put((byte) 2).putShort((short) 0).put(A).put(B)
                .put(igmp).array();
        return eth(0x0800, ip);
    }

    static byte[] msg(int type, int second, byte[] group, byte[]... rest) {
        return cat(new byte[] {(byte) type, (byte) second, 0, 0}, group, cat(rest));
    }

    static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] record(int type, int aux, byte[]... sources) {
        return cat(new byte[] {(byte) type, (byte) aux}, u16(sources.length), ip(239, 9, 9, 9), cat(sources),
                new byte[4 * aux]);
    }

    String line(byte[] igmp) {
        return line(igmp, -1, -1);
    }

    String line(byte[] igmp, int claim, int captured) {
        byte[] f = frame(igmp, claim);
        s.summarize(f, 0, captured < 0 ? f.length : captured, f.length, 1, ++frame, 0);
        return s.protocol + " " + s.infoText();
    }

    @Test
    void queriesOfTheThreeVersions() {
        assertEquals("IGMPv2 Membership Query, general", line(msg(0x11, 100, new byte[4])));
        assertEquals("IGMPv1 Membership Query", line(msg(0x11, 0, new byte[4])));
        assertEquals("IGMPv2 Membership Query, specific for group 239.1.2.3", line(msg(0x11, 100, G)));
        byte[] v3 = {2, 125};
        assertEquals("IGMPv3 Membership Query, specific for group 239.1.2.3, sources {1.2.3.4, 5.6.7.8}",
                line(msg(0x11, 100, G, v3, u16(2), ip(1, 2, 3, 4), ip(5, 6, 7, 8))));
        assertEquals("IGMPv3 Membership Query, specific for group 239.1.2.3, source {1.2.3.4}",
                line(msg(0x11, 100, G, v3, u16(1), ip(1, 2, 3, 4))));
        assertEquals("IGMPv3 Membership Query, general", line(msg(0x11, 100, new byte[4], v3, u16(0))));
    }

    @Test
    void reportsAndLeaves() {
        assertEquals("IGMPv1 Membership Report", line(msg(0x12, 0, G)));
        assertEquals("IGMPv2 Membership Report group 239.1.2.3", line(msg(0x16, 0, G)));
        assertEquals("IGMPv2 Leave Group 239.1.2.3", line(msg(0x17, 0, G)));
        assertEquals("IGMPv2 Leave Group, general", line(msg(0x17, 0, new byte[4])));
        assertEquals("IGMPv3 Membership Report - General query", line(msg(0x22, 0, new byte[4])));
    }

    @Test
    void version3GroupRecordsOfEveryKind() {
        byte[] report = msg(0x22, 0, new byte[] {0, 0, 0, 6}, record(5, 1, ip(1, 1, 1, 1)), record(6, 0),
                record(9, 0, ip(2, 2, 2, 2), ip(3, 3, 3, 3)), record(2, 0, ip(4, 4, 4, 4)),
                record(6, 0, ip(5, 5, 5, 5), ip(6, 6, 6, 6)), record(5, 0));
        assertEquals("IGMPv3 Membership Report / Group 239.9.9.9, new source {1.1.1.1}"
                + " / Group 239.9.9.9, BLOCK_OLD_SOURCES but no source specified (?)"
                + " / Group 239.9.9.9, unknown record type (?), sources {2.2.2.2, 3.3.3.3}"
                + " / Join group 239.9.9.9, for source not {4.4.4.4}"
                + " / Group 239.9.9.9, block sources {5.5.5.5, 6.6.6.6}"
                + " / Group 239.9.9.9, ALLOW_NEW_SOURCES but no source specified (?)", line(report));
        // two records announced, one there
        assertEquals("IGMPv3 Membership Report / Join group 239.9.9.9 for any sources[Malformed Packet]",
                line(msg(0x22, 0, new byte[] {0, 0, 0, 2}, record(4, 0))));
    }

    @Test
    void version0AndMulticastTraceroute() {
        assertEquals("IGMPv0 Join Group Request", line(msg(3, 0, new byte[16])));
        assertEquals("IGMPv0 Unknown Type:0x0a", line(msg(0x0a, 0, new byte[16])));
        assertEquals("IGMP Traceroute Response, 2 blocks", line(msg(0x1e, 5, new byte[20], new byte[64])));
        assertEquals("IGMP Traceroute Response, 1 block", line(msg(0x1e, 5, new byte[20], new byte[40])));
        assertEquals("IGMP Traceroute Query", line(msg(0x1f, 5, new byte[20])));
        assertEquals("IGMP Traceroute Request", line(msg(0x1f, 5, new byte[20], new byte[8])));
    }

    @Test
    void shortMessagesEndWithTheExceptionsMark() {
        assertEquals("IGMPv2 Membership Report[Malformed Packet]", line(msg(0x16, 0, G), 6, -1));
        assertEquals("IGMPv2 Membership Report[Malformed Packet]", line(msg(0x16, 0, G), 3, -1));
        // a query of one byte: the version test fails before IGMP writes a column
        assertEquals("IPv4 [Malformed Packet]", line(msg(0x11, 0, G), 1, -1));
        assertEquals("IGMPv1 Membership Query[Malformed Packet]", line(msg(0x11, 0, G), 3, -1));
        assertEquals("IGMPv0 Join Group Request[Malformed Packet]", line(msg(3, 0, new byte[16]), 1, -1));
        byte[] q = msg(0x11, 100, G, new byte[] {2, 125}, u16(2), ip(1, 2, 3, 4), ip(5, 6, 7, 8));
        assertEquals("IGMPv3 Membership Query, specific for group 239.1.2.3, sources {[Malformed Packet]",
                line(q, 14, -1));
        assertEquals("IGMPv3 Membership Query, specific for group 239.1.2.3, sources {1.2.3.4, "
                + "[Packet size limited during capture]", line(q, -1, 14 + 20 + 18));
        assertEquals("IGMPv3 Membership Query[Packet size limited during capture]", line(q, -1, 14 + 20 + 10));
    }
}
