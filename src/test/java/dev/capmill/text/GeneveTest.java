package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.columns;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.hex;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Geneve on UDP 6081. The expected lines are what TZ=UTC tshark -n -r (4.0.17) printed for the
 * same datagrams (Source, Destination, Protocol, Info), sent by a Python script from 10.1.1.1:40000
 * to 10.2.2.2:6081 in Ethernet frames of a pcap.
 */
class GeneveTest {
    final Summarizer s = new Summarizer();
    long frame;

    /** An ICMP echo request from 172.16.0.1 to 8.8.8.8, as an IPv4 packet, and in an Ethernet frame. */
    static final String ICMP = "45000024000100004001beb7ac1000010808080808006662000700016162636465666768";
    static final String ETH_ICMP = "0200000000040200000000030800" + ICMP;
    static final String ECHO = "172.16.0.1 → 8.8.8.8 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64";

    static final byte[] SRC = {10, 1, 1, 1};
    static final byte[] DST = {10, 2, 2, 2};

    String line(String geneveHex) {
        return columns(s, eth(0x0800, ip4(SRC, DST, 17, udp(40000, 6081, hex(geneveHex)))), 1, ++frame);
    }

    @Test
    void theInnerFrameOrPacketIsTheLine() {
        assertEquals(ECHO, line("0000655800000100" + ETH_ICMP));
        assertEquals(ECHO, line("0000080000000100" + ICMP));
        // 8 bytes of options; the version is not checked
        assertEquals(ECHO, line("02006558000001000102030100000000" + ETH_ICMP));
        assertEquals(ECHO, line("4000655800000100" + ETH_ICMP));
    }

    @Test
    void cutHeadersAndOptionsEndWithTheMark() {
        assertEquals("10.1.1.1 → 10.2.2.2 Geneve Encapsulated Transparent Ethernet bridging[Malformed Packet]",
                line("3f00655800000100" + ETH_ICMP));
        assertEquals("10.1.1.1 → 10.2.2.2 Geneve [Malformed Packet]", line("000065"));
    }
}
