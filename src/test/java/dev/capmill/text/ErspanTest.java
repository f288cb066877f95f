package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.columns;
import static dev.capmill.text.SummarizerTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * ERSPAN in GRE. The frames were written by a Python script (Ethernet, IPv4 10.1.1.1 → 10.2.2.2,
 * GRE, the ERSPAN header, then an Ethernet frame with an ICMP echo request from 172.16.0.1 to
 * 8.8.8.8); the expected lines are what TZ=UTC tshark -n -r (4.0.17) printed for them: Source,
 * Destination, Protocol, Info.
 */
class ErspanTest {
    final Summarizer s = new Summarizer();
    long frame;

    String line(String frameHex) {
        return columns(s, hex(frameHex), 1, ++frame);
    }

    @Test
    void typesOneTwoAndThree() {
        // type1
        assertEquals("172.16.0.1 → 8.8.8.8 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64", line("02000000000202000000000108004500004a00010000402f637f0a0101010a020202000088be020000000004020000000003080045000024000100004001beb7ac1000010808080808006662000700016162636465666768"));
        // type2
        assertEquals("172.16.0.1 → 8.8.8.8 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64", line("02000000000202000000000108004500005600010000402f63730a0101010a020202100088be000000071001000500000000020000000004020000000003080045000024000100004001beb7ac1000010808080808006662000700016162636465666768"));
        // type3 ft0
        assertEquals("172.16.0.1 → 8.8.8.8 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64", line("02000000000202000000000108004500005600010000402f63730a0101010a020202000022eb200000050000000000000000020000000004020000000003080045000024000100004001beb7ac1000010808080808006662000700016162636465666768"));
        // type3 ft0 O
        assertEquals("172.16.0.1 → 8.8.8.8 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64", line("02000000000202000000000108004500005e00010000402f636b0a0101010a020202000022eb2000000500000000000000010000000000000000020000000004020000000003080045000024000100004001beb7ac1000010808080808006662000700016162636465666768"));
        // type3 ft7
        assertEquals("10.1.1.1 → 10.2.2.2 ERSPAN ERSPAN:", line("02000000000202000000000108004500005600010000402f63730a0101010a020202000022eb200000050000000000001c00020000000004020000000003080045000024000100004001beb7ac1000010808080808006662000700016162636465666768"));
        // type3 cut
        assertEquals("10.1.1.1 → 10.2.2.2 ERSPAN ERSPAN:[Malformed Packet]", line("02000000000202000000000108004500001e00010000402f63ab0a0101010a020202000022eb200000050000"));
    }
}
