package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The committed goldens of the link-layer, fragment and ICMPv6 samples are what tshark prints today:
 * {@code TZ=UTC tshark -n -r CAPTURE} (testdata/pcap/README.md). Fails in CI, skips elsewhere, when
 * tshark is missing.
 */
class LinkGoldenOracleTest {
    static Stream<String> captures() {
        return LinkCaptures.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void goldenIsTsharksOutput(String name) throws IOException {
        Tools.require("tshark");
        Path c = Shared.projectDir().resolve("testdata/pcap").resolve(name);
        Tools.Result r = Tools.run(List.of("tshark", "-n", "-r", c.toString()));
        assertEquals(0, r.exit, r.firstError());
        byte[] golden = Files.readAllBytes(c.resolveSibling(name + ".tshark-n.txt"));
        assertArrayEquals(golden, r.out, () -> "tshark now prints:\n" + r.outText()
                + "\ncommitted:\n" + new String(golden, StandardCharsets.UTF_8));
    }
}
