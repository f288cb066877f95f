package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP responses in the segment that carries the server's FIN, against tshark 4.0.17
 * (testdata/pcap/http-fin, made by its make.py; golden by {@code TZ=UTC tshark -n -r}): the body is
 * what the segment holds (no reassembly can follow a FIN), so its media type or image is shown.
 */
class HttpFinTest {
    @Test
    void bodiesEndingWithTheFinShowTheirType() throws Exception {
        Path capture = Shared.projectDir().resolve("testdata/pcap/http-fin/http-fin.pcap");
        List<String> mine = TextWriterGoldenTest.lines(TextWriterGoldenTest.text(capture));
        List<String> tshark = TextWriterGoldenTest.lines(Files.readAllBytes(
                capture.resolveSibling("http-fin.pcap.tshark-n.txt")));
        assertEquals(tshark.size(), mine.size());
        for (int i = 0; i < tshark.size(); i++) {
            assertEquals(tshark.get(i), mine.get(i), "frame " + (i + 1));
        }
    }
}
