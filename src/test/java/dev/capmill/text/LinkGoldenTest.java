package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.testing.LinkCaptures;
import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * capmill's text against tshark 4.0.17's, byte for byte, on the link-layer, fragment, ICMPv6 and
 * damaged-header samples (testdata/pcap/README.md): every line of these captures is decoded, so
 * every line must be identical.
 */
class LinkGoldenTest {
    static Stream<String> captures() {
        return LinkCaptures.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyLineIsTsharks(String name) throws IOException {
        Path capture = Shared.projectDir().resolve("testdata/pcap").resolve(name);
        List<String> tshark = TextWriterGoldenTest.lines(Files.readAllBytes(capture.resolveSibling(name + ".tshark-n.txt")));
        List<String> mine = TextWriterGoldenTest.lines(TextWriterGoldenTest.text(capture));
        assertEquals(tshark.size(), mine.size(), "one line per packet");
        for (int i = 0; i < tshark.size(); i++) {
            assertEquals(tshark.get(i), mine.get(i), name + " frame " + (i + 1));
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void theCommittedCaptureIsWhatTheGeneratorWrites(String name) throws IOException {
        Path dir = Files.createTempDirectory("capmill-links");
        try {
            LinkCaptures.main(new String[] {dir.toString()});
            assertEquals(java.util.Arrays.toString(Files.readAllBytes(Shared.projectDir().resolve("testdata/pcap").resolve(name))),
                    java.util.Arrays.toString(Files.readAllBytes(dir.resolve(name))), name);
        } finally {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
