package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An HTTP CONNECT answered 2xx turns the connection into TLS, one answered otherwise leaves it
 * HTTP; a TLS 1.3 server's Change Cipher Spec does not make its next Server Hello encrypted.
 * Against tshark 4.0.17: testdata/pcap/http-connect (made by its make.py; golden by
 * {@code TZ=UTC tshark -n -r}).
 */
class HttpTunnelTest {
    @Test
    void connectTunnelsAndTls13RetryAsTsharkShowsThem() throws Exception {
        Path capture = Shared.projectDir().resolve("testdata/pcap/http-connect/tunnels.pcap");
        List<String> mine = TextWriterGoldenTest.lines(TextWriterGoldenTest.text(capture));
        List<String> tshark = TextWriterGoldenTest.lines(Files.readAllBytes(
                capture.resolveSibling("tunnels.pcap.tshark-n.txt")));
        assertEquals(tshark.size(), mine.size());
        for (int i = 0; i < tshark.size(); i++) {
            assertEquals(tshark.get(i), mine.get(i), "frame " + (i + 1));
        }
    }
}
