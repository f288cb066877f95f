package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A UDP datagram in two IPv6 fragments (an mDNS query of eight questions, fe80::1 to ff02::fb):
 * the datagram's length is the reassembled one, not the last fragment's payload length. The frames
 * were written by a Python script; the expected line is what TZ=UTC tshark -n -r (4.0.17) printed.
 */
class Ipv6FragmentsTest {
    static final String FIRST = "3333000000fb02000000000186dd6000000000702cfffe800000000000000000000000000001ff0200000000000000000000000000fb110000010000123414e914e900ec00000000000000080000000000000a5f736572766963653030045f746370056c6f63616c00000c80010a5f736572766963653031045f746370056c6f63616c00000c80010a5f736572766963653032045f746370056c6f63616c00000c80010a5f73";
    static final String LAST = "3333000000fb02000000000186dd60000000008c2cfffe800000000000000000000000000001ff0200000000000000000000000000fb11000068000012346572766963653033045f746370056c6f63616c00000c80010a5f736572766963653034045f746370056c6f63616c00000c80010a5f736572766963653035045f746370056c6f63616c00000c80010a5f736572766963653036045f746370056c6f63616c00000c80010a5f736572766963653037045f746370056c6f63616c00000c8001";

    @Test
    void aReassembledDatagramIsReadToItsEnd() {
        Summarizer s = new Summarizer();
        byte[] first = hex(FIRST);
        s.summarize(first, 0, first.length, 1, 1);
        assertEquals("IPv6 IPv6 fragment (off=0 more=y ident=0x00001234 nxt=17)", s.protocol + " " + s.infoText());
        byte[] last = hex(LAST);
        s.summarize(last, 0, last.length, 1, 2);
        assertEquals("MDNS Standard query 0x0000 PTR _service00._tcp.local, \"QU\" question PTR _service01._tcp.local, \"QU\" question PTR _service02._tcp.local, \"QU\" question PTR _service03._tcp.local, \"QU\" question PTR _service04._tcp.local, \"QU\" question PTR _service05._tcp.local, \"QU\" question PTR _service06._tcp.local, \"QU\" question PTR _service07._tcp.local, \"QU\" question", s.protocol + " " + s.infoText());
    }
}
