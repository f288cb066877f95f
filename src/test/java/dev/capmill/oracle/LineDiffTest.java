package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting tshark lines into columns and naming kinds of difference, on lines as tshark 4.0 prints them. */
class LineDiffTest {
    @Test
    void columnsOfTsharkLines() {
        assertArrayEquals(new String[] {"5", "0.084190", "10.1.0.5", "192.0.2.80", "TCP", "58",
            "40000 \u2192 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460"},
                LineDiff.columns("    5   0.084190     10.1.0.5 \u2192 192.0.2.80   TCP 58 40000 \u2192 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460"));
        // a Protocol with spaces and an empty source and destination
        assertArrayEquals(new String[] {"12", "3.500000", "", "", "IEEE 802.15.4", "127", "Data, Dst: 0xffff"},
                LineDiff.columns("   12   3.500000              \u2192              IEEE 802.15.4 127 Data, Dst: 0xffff"));
        // no Info
        assertArrayEquals(new String[] {"1", "0.000000", "a", "b", "LLC", "60", ""},
                LineDiff.columns("    1   0.000000            a \u2192 b            LLC 60"));
        assertNull(LineDiff.columns("not a tshark line"));
    }

    @Test
    void normaliseReplacesAddressesAndNumbers() {
        assertEquals("A.B.C.D is at MAC", LineDiff.normalise("192.0.2.80 is at 02:00:00:00:00:02"));
        assertEquals("Echo (ping) request id=HEX, seq=#/#, ttl=#",
                LineDiff.normalise("Echo (ping) request id=0x1a2b, seq=1/256, ttl=64"));
        assertEquals("Who has X::Y? Tell X::Y", LineDiff.normalise("Who has 2001:db8::1? Tell fe80::1"));
    }

    @Test
    void kindNamesProtocolColumnsAndTheDifferingWords() {
        String t = "    7   0.100000     10.1.0.5 \u2192 192.0.2.80   TCP 54 [TCP Retransmission] 40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=502 Len=0";
        String c = "    7   0.100000     10.1.0.5 \u2192 192.0.2.80   TCP 54 40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=502 Len=0";
        assertEquals("TCP | Info | tshark adds \u00ab[TCP Retransmission]\u00bb", LineDiff.textKind("TCP", t, c));
        String seg = " [TCP segment of a reassembled PDU]";
        assertEquals("TCP | Info | tshark adds \u00ab[TCP segment of a reassembled PDU]\u00bb", LineDiff.textKind("TCP", c + seg, c));
        assertEquals("TCP | Info | capmill adds \u00ab[TCP segment of a reassembled PDU]\u00bb", LineDiff.textKind("TCP", c, c + seg));
        assertEquals("TCP | Info | tshark \u00abWin=#\u00bb capmill \u00abWin=#x\u00bb", LineDiff.textKind("TCP", c, c.replace("Win=502", "Win=502x")));
        String dns = "    3   0.026257     10.1.0.5 \u2192 192.0.2.53   DNS 75 Standard query 0x1234 A www.example.com";
        String udp = "    3   0.026257     10.1.0.5 \u2192 192.0.2.53   UDP 75 53000 \u2192 53 Len=33";
        assertEquals("DNS | Protocol,Info | capmill's Protocol is UDP", LineDiff.textKind("DNS", dns, udp));
        assertEquals("DNS | line | capmill prints no line for this frame", LineDiff.textKind("DNS", dns, null));
        // same columns, different padding
        assertEquals("ARP | padding | tshark \u00ab #.#\u00bb capmill \u00ab#.#\u00bb",
                LineDiff.textKind("ARP", "    1   0.000000 a \u2192 b            ARP 60 x", "    1  0.000000 a \u2192 b            ARP 60 x"));
    }

    @Test
    void fieldKindNamesTheFieldsThatDiffer() {
        List<String> fields = List.of("frame.number", "ip.src", "tcp.stream", "_ws.col.Protocol");
        assertEquals("TCP | tcp.stream | tshark adds \u00ab#\u00bb",
                LineDiff.fieldsKind("TCP", fields, "1\t10.0.0.1\t0\tTCP", "1\t10.0.0.1\t\tTCP"));
        assertEquals("TCP | line | capmill prints 3 fields, tshark 4", LineDiff.fieldsKind("TCP", fields, "1\t10.0.0.1\t0\tTCP", "1\t10.0.0.1\t0"));
        assertArrayEquals(new boolean[] {false, false, true, false}, LineDiff.fieldsDiffer("1\ta\t0\tTCP", "1\ta\t\tTCP", 4));
        assertArrayEquals(new boolean[] {true, true, true, true}, LineDiff.fieldsDiffer("1\ta\t0\tTCP", null, 4));
    }
}
