package dev.capmill.text;

import dev.capmill.testing.Shared;
import org.junit.jupiter.api.Test;

/**
 * TCP application cases in crafted captures, each against tshark 4.0.17's answer beside it (made by the
 * folder's make.py; golden by {@code TZ=UTC tshark -n -r}).
 */
class TcpCapturesTest {
    /**
     * Responses in the segment that carries the server's FIN (testdata/pcap/http-fin): the body is
     * what the segment holds (no reassembly can follow a FIN), so its media type or image is shown;
     * a FIN without data ends a body without length, which is shown on the FIN's frame (not when a
     * segment of it is missing).
     */
    @Test
    void bodiesEndingWithTheFinShowTheirType() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/http-fin/http-fin.pcap"));
    }

    /**
     * What a body adds to the Info column (testdata/pcap/http-body): content-encoded bodies
     * inflated first (nothing when empty or broken), de-chunked bodies, the image dissectors'
     * and heuristics' rules, and the types that show nothing.
     */
    @Test
    void bodiesNamedAsTsharkDoes() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/http-body/http-body.pcap"));
    }

    /**
     * A CONNECT answered 2xx turns the connection into TLS, one answered otherwise leaves it HTTP; a
     * TLS 1.3 server's Change Cipher Spec does not make its next Server Hello encrypted
     * (testdata/pcap/http-connect).
     */
    @Test
    void connectTunnelsAndTls13Retry() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/http-connect/tunnels.pcap"));
    }

    /**
     * DNS over TCP (testdata/pcap/dns-tcp): messages behind their length, several in a segment,
     * split across segments, and data that is not DNS.
     */
    @Test
    void dnsOverTcp() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/dns-tcp/dns-tcp.pcap"));
    }

    /**
     * NTLMSSP tokens in HTTP's authentication headers (testdata/pcap/http-ntlm): the message type,
     * the AUTH message's domain and user (Unicode or OEM), and a token cut short.
     */
    @Test
    void ntlmsspInHttpHeaders() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/http-ntlm/http-ntlm.pcap"));
    }
}
