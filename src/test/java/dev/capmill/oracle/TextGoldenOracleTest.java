package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.LinkCaptures;
import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed text goldens are what tshark prints today: {@code TZ=UTC tshark -n -r CAPTURE}
 * for every {@code CAPTURE.tshark-n.txt} under testdata/pcap (see testdata/pcap/README.md and each
 * fixture folder's README), but the link samples, which {@link LinkGoldenOracleTest} checks. Fails
 * in CI, skips elsewhere, when tshark is missing.
 */
class TextGoldenOracleTest {
    static Stream<String> captures() throws IOException {
        Path root = Shared.projectDir();
        try (Stream<Path> all = Files.walk(root.resolve("testdata/pcap"))) {
            List<String> found = all.map(Path::toString).filter(n -> n.endsWith(".tshark-n.txt"))
                    .map(n -> n.substring(0, n.length() - ".tshark-n.txt".length()))
                    .filter(n -> !LinkCaptures.NAMES.contains(Path.of(n).getFileName().toString()))
                    .map(n -> root.relativize(Path.of(n)).toString()).sorted().toList();
            assertTrue(found.size() >= 10, "the text goldens of testdata/pcap: " + found);
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void goldenIsTsharksOutput(String capture) throws IOException {
        Tools.require("tshark");
        Path c = Shared.projectDir().resolve(capture);
        Tools.Result r = Tools.run(List.of("tshark", "-n", "-r", c.toString()));
        assertEquals(0, r.exit, r.firstError());
        byte[] golden = Files.readAllBytes(c.resolveSibling(c.getFileName() + ".tshark-n.txt"));
        assertArrayEquals(golden, r.out, () -> "tshark now prints:\n" + r.outText()
                + "\ncommitted:\n" + new String(golden, StandardCharsets.UTF_8));
    }
}
