package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed text goldens are what tshark prints today: {@code TZ=UTC tshark -n -r CAPTURE}
 * (see testdata/pcap/README.md). Fails in CI, skips elsewhere, when tshark is missing.
 */
class TextGoldenOracleTest {
    @ParameterizedTest
    @ValueSource(strings = {"testdata/pcap/sample.pcap", "testdata/pcap/sample-nsec.pcap", "testdata/pcap/udp-apps.pcap"})
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
