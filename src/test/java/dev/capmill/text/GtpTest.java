package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.columns;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.hex;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * GTPv1-U on UDP 2152. The expected lines are what TZ=UTC tshark -n -r (4.0.17) printed for the
 * same datagrams (Source, Destination, Protocol, Info), sent by a Python script from 10.1.1.1 to
 * 10.2.2.2, port 2152 to 2152, in Ethernet frames of a pcap.
 */
class GtpTest {
    final Summarizer s = new Summarizer();
    long frame;

    /** An ICMP echo request from 172.16.0.1 to 8.8.8.8 (id 7, sequence 1, 8 bytes of data), as an IPv4 packet. */
    static final String ICMP = "45000024000100004001beb7ac1000010808080808006662000700016162636465666768";

    static final byte[] SRC = {10, 1, 1, 1};
    static final byte[] DST = {10, 2, 2, 2};

    String line(String gtpHex) {
        return columns(s, eth(0x0800, ip4(SRC, DST, 17, udp(2152, 2152, hex(gtpHex)))), 1, ++frame);
    }

    @Test
    void tunnelledPacketsShowTheInnerLineUnderGtp() {
        String echo = "172.16.0.1 → 8.8.8.8 GTP <ICMP> Echo (ping) request  id=0x0007, seq=1/256, ttl=64";
        assertEquals(echo, line("30ff002400000001" + ICMP));
        // with a sequence number, and with a PDU session container extension header
        assertEquals(echo, line("32ff00280000000100050000" + ICMP));
        assertEquals(echo, line("34ff002c000000010000008501100900" + ICMP));
        assertEquals("172.16.0.1 → 8.8.4.4 GTP <DNS> Standard query 0xabcd A www.example.com",
                line("30ff003d000000014500003d000100004011c292ac1000010808040404d2003500290000abcd01000001"
                        + "00000000000003777777076578616d706c6503636f6d0000010001"));
    }

    @Test
    void gtpsOwnMessages() {
        assertEquals("10.1.1.1 → 10.2.2.2 GTP Echo request", line("320100040000000000010000"));
        assertEquals("10.1.1.1 → 10.2.2.2 GTP Echo response", line("3202000600000000000100000e00"));
        assertEquals("10.1.1.1 → 10.2.2.2 GTP End Marker", line("30fe000000000005"));
        assertEquals("10.1.1.1 → 10.2.2.2 GTP Error indication", line("321a000900000000000100001000000001"));
        // the protocol-type bit is not checked
        assertEquals("10.1.1.1 → 10.2.2.2 GTP Echo request", line("2001000000000000"));
    }

    @Test
    void whatTsharkDoesNotTakeForGtpStaysUdp() {
        // version 0, and message types without a name
        assertEquals("10.1.1.1 → 10.2.2.2 UDP 2152 → 2152 Len=20", line("10" + "00".repeat(19)));
        assertEquals("10.1.1.1 → 10.2.2.2 UDP 2152 → 2152 Len=8", line("30c8000000000001"));
        assertEquals("10.1.1.1 → 10.2.2.2 UDP 2152 → 2152 Len=8", line("3008000000000001"));
    }

    @Test
    void payloadsThatAreNotIpAndDamagedHeaders() {
        assertEquals("10.1.1.1 → 10.2.2.2 GTP <GTP> T-PDU", line("30ff00040000000100010203"));
        assertEquals("10.1.1.1 → 10.2.2.2 GTP T-PDU[Malformed Packet]", line("30ff0004"));
        // an extension header of length 0 ends the dissection before the payload
        assertEquals("10.1.1.1 → 10.2.2.2 GTP T-PDU", line("34ff002c000000010000008500100900" + ICMP));
        // the inner IPv4 header cut (by the data, or by the length GTP gives): IPv4's exception
        assertEquals("10.1.1.1 → 10.2.2.2 IPv4 [Malformed Packet]", line("30ff000a00000001" + ICMP.substring(0, 20)));
        assertEquals("10.1.1.1 → 10.2.2.2 IPv4 [Malformed Packet]", line("30ff000a00000001" + ICMP));
        // a length beyond the data: what is there
        assertEquals("172.16.0.1 → 8.8.8.8 GTP <ICMP> Echo (ping) request  id=0x0007, seq=1/256, ttl=64",
                line("30ff01f400000001" + ICMP));
        // options announced but not there
        assertEquals("10.1.1.1 → 10.2.2.2 GTP Echo request", line("32010004000000000001"));
    }
}
