package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.columns;
import static dev.capmill.text.SummarizerTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Frame Relay (link type 107). The frames were written by a Python script into a pcap of link type
 * 107 (DLCI 102, then an IPv4 ICMP echo request from 172.16.0.1 to 8.8.8.8); the expected lines are
 * what TZ=UTC tshark -n -r (4.0.17) printed for them.
 */
class FrameRelayTest {
    final Summarizer s = new Summarizer();
    long frame;

    static final String ICMP = "45000024000100004001beb7ac1000010808080808006662000700016162636465666768";
    static final String ECHO = "172.16.0.1 → 8.8.8.8 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64";

    String line(String frameHex) {
        return columns(s, hex(frameHex), 107, ++frame);
    }

    @Test
    void ciscoEtherTypeAndRfc2427Nlpid() {
        assertEquals(ECHO, line("18610800" + ICMP));
        assertEquals(ECHO, line("186103cc" + ICMP));
        assertEquals(ECHO, line("18610300cc" + ICMP));
        // a three-byte address
        assertEquals(ECHO, line("1860010800" + ICMP));
    }

    @Test
    void otherPayloadsKeepTheLinkFallback() {
        assertEquals(" →  Unknown Link type 107 is not decoded yet", line("186103080000"));
    }
}
