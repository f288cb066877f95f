package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import dev.capmill.text.TimeFormat;
import dev.capmill.text.fields.FieldRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed field and time-format goldens are what tshark prints today (commands in
 * testdata/pcap/README.md and testdata/pcapng/README.md). Fails in CI, skips elsewhere, when
 * tshark is missing.
 */
class FieldsGoldenOracleTest {
    private static void same(Path golden, List<String> command) throws IOException {
        Tools.require("tshark");
        Tools.Result r = Tools.run(command);
        assertEquals(0, r.exit, r.firstError());
        byte[] committed = Files.readAllBytes(golden);
        assertArrayEquals(committed, r.out, () -> golden.getFileName() + ": tshark now prints:\n" + r.outText()
                + "\ncommitted:\n" + new String(committed, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/pcap/sample.pcap", "testdata/pcap/sample-nsec.pcap",
        "testdata/pcapng/sample-fields.pcapng"})
    void everyFieldAsTsharkPrintsIt(String capture) throws IOException {
        Path c = Shared.projectDir().resolve(capture);
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", c.toString(), "-T", "fields", "-E", "header=y"));
        for (String f : FieldRegistry.standard().names()) {
            cmd.add("-e");
            cmd.add(f);
        }
        same(c.resolveSibling(c.getFileName() + ".tshark-fields.tsv"), cmd);
    }

    @ParameterizedTest
    @EnumSource(TimeFormat.class)
    void everyTimeFormatAsTsharkPrintsIt(TimeFormat format) throws IOException {
        Path c = Shared.projectDir().resolve("testdata/pcapng/sample-fields.pcapng");
        same(c.resolveSibling(c.getFileName() + ".tshark-t" + format.option() + ".txt"),
                List.of("tshark", "-n", "-t", format.option(), "-r", c.toString()));
    }
}
