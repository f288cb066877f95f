package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.B;
import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** ISAKMP/IKE lines, each checked against tshark 4.0.17 on the same bytes. */
class IsakmpTest {
    private final Summarizer s = new Summarizer();
    private long frame;

    private String line(int sp, int dp, byte[] payload) {
        byte[] f = eth(0x0800, ip4(A, B, 17, udp(sp, dp, payload)));
        s.summarize(f, 0, f.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    /** An ISAKMP header: version byte, exchange type, flags, message id. */
    private static byte[] ike(int version, int exchange, int flags, long mid) {
        return ByteBuffer.allocate(28).put(16, (byte) 0).put(17, (byte) version).put(18, (byte) exchange)
                .put(19, (byte) flags).putInt(20, (int) mid).putInt(24, 28).array();
    }

    @Test
    void ikeV1NamesTheExchange() {
        assertEquals("ISAKMP Identity Protection (Main Mode)", line(500, 500, ike(0x10, 2, 0, 0)));
        assertEquals("ISAKMP Quick Mode", line(500, 500, ike(0x10, 32, 0, 0)));
        assertEquals("ISAKMP Unknown 34", line(500, 500, ike(0x10, 34, 0, 0)));
    }

    @Test
    void ikeV2NamesExchangeMessageIdRoleAndDirection() {
        assertEquals("ISAKMP IKE_SA_INIT MID=00 Initiator Request", line(500, 500, ike(0x20, 34, 0x08, 0)));
        assertEquals("ISAKMP IKE_AUTH MID=01 Responder Response", line(500, 500, ike(0x20, 35, 0x20, 1)));
        assertEquals("ISAKMP INFORMATIONAL MID=123 Responder Request", line(500, 500, ike(0x20, 37, 0, 123)));
        assertEquals("ISAKMP IKE_SA_INIT MID=4294967295 Initiator Request",
                line(500, 500, ike(0x20, 34, 0x08, 0xffffffffL)));
        assertEquals("ISAKMP Unknown 2 MID=05 Initiator Request", line(500, 500, ike(0x20, 2, 0x08, 5)));
    }

    @Test
    void natTraversalShortHeadersAndOtherVersions() {
        // port 4500 after the non-ESP marker, also when the other port is 500
        assertEquals("ISAKMP IKE_SA_INIT MID=00 Initiator Request",
                line(4500, 4500, cat(new byte[4], ike(0x20, 34, 0x08, 0))));
        assertEquals("ISAKMP Identity Protection (Main Mode)", line(500, 4500, cat(new byte[4], ike(0x10, 2, 8, 0))));
        // a header shorter than 28 bytes, or another major version: an empty Info
        assertEquals("ISAKMP ", line(500, 500, java.util.Arrays.copyOf(ike(0x20, 34, 8, 0), 27)));
        assertEquals("ISAKMP ", line(500, 500, ike(0x30, 34, 8, 0)));
        assertEquals("ISAKMP ", line(4500, 4500, new byte[4]));
    }
}
