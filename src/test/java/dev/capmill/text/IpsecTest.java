package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.columns;
import static dev.capmill.text.SummarizerTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What follows an IPsec authentication header (AH), and IPComp. The frames were written by a Python
 * script (Ethernet, IPv4 10.1.1.1 → 10.2.2.2, an AH of 24 bytes with SPI 0x1000; the IPComp
 * payloads deflated by zlib) and the expected lines are what TZ=UTC tshark -n -r (4.0.17) printed
 * for them: Source, Destination, Protocol, Info.
 */
class IpsecTest {
    final Summarizer s = new Summarizer();
    long frame;

    static final String ETH = "0200000000020200000000010800";
    static final String AH_HEADER = "0400000000100000000001" + "000000000000000000000000";

    String line(String frameHex) {
        return columns(s, hex(frameHex), 1, ++frame);
    }

    @Test
    void whatAhCarriesIsDecodedWithoutTheIpHeadersTtl() {
        // ICMP after AH: no "ttl=", and the reply is not matched with the request
        assertEquals("10.1.1.1 → 10.2.2.2 ICMP Echo (ping) request  id=0x0007, seq=1/256", line(ETH
                + "4500003c00010000403363890a0101010a02020201" + AH_HEADER + "08006662000700016162636465666768"));
        assertEquals("10.2.2.2 → 10.1.1.1 ICMP Echo (ping) reply    id=0x0007, seq=1/256", line(ETH
                + "4500003c00010000403363890a0202020a01010101" + AH_HEADER + "00006662000700016162636465666768"));
        assertEquals("10.1.1.1 → 10.2.2.2 UDP 1000 → 2000 Len=3",
                line(ETH + "45000037000100004033638e0a0101010a02020211" + AH_HEADER + "03e807d0000b0000616263"));
        assertEquals("10.1.1.1 → 10.2.2.2 DNS Standard query 0xabcd A www.example.com", line(ETH
                + "4500005500010000403363700a0101010a02020211" + AH_HEADER
                + "03e8003500290000abcd0100000100000000000003777777076578616d706c6503636f6d0000010001"));
        assertEquals("10.1.1.1 → 10.2.2.2 TCP 1234 → 80 [SYN] Seq=0 Win=8192 Len=0", line(ETH
                + "4500004000010000403363850a0101010a02020206" + AH_HEADER + "04d2005000000001000000005002200000000000"));
        // IP in IP after AH: the inner header is handed on, so the ttl is there
        assertEquals("192.168.3.1 → 192.168.3.2 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64", line(ETH
                + "4500005000010000403363750a0101010a02020204" + AH_HEADER
                + "45000024000100004001f384c0a80301c0a8030208006662000700016162636465666768"));
    }

    @Test
    void ipcompPayloadsAreInflatedAndDecoded() {
        String echo = "192.168.3.1 → 192.168.3.2 ICMP Echo (ping) request  id=0x0007, seq=1/256, ttl=64";
        // AH, then IPComp (dynamic CPI 0x63e1) carrying IP in IP, raw deflate
        assertEquals(echo, line(ETH + "4500005500010000403363700a0101010a0202026c" + AH_HEADER
                + "040063e173656050616064607060fcdc726005332310337130a42531b03330262625a7a4a6a5670000"));
        // IPComp alone (CPI 2, DEFLATE), raw deflate and with a zlib header
        assertEquals("192.168.3.1 → 192.168.3.2 UDP 1000 → 2000 Len=3", line(ETH
                + "4500003800010000406c63540a0101010a020202" + "0400000273656090676064607010fc5c7960053323103331bf60bfc0c0cdc09098940c00"));
        assertEquals(echo, line(ETH + "4500004300010000406c63490a0101010a020202"
                + "04000002789c73656050616064607060fcdc726005332310337130a42531b03330262625a7a4a6a567000091e308f8"));
    }
}
