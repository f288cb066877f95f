package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.Shared;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capmill as a separate process: standard input and output, exit codes through System.exit. */
class ProcessCliTest {
    static final Path SAMPLE = Shared.projectDir().resolve("testdata/pcap/sample.pcap");

    @TempDir
    Path tmp;

    private Process start(Path stdin, Path stdout, Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.capmill.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    private int run(Path stdin, Path stdout, Path stderr, String... args) throws Exception {
        Process p = start(stdin, stdout, stderr, args);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "capmill did not finish");
        return p.exitValue();
    }

    @Test
    void pipesThroughStandardInputAndOutput() throws Exception {
        Path ng = tmp.resolve("out.pcapng");
        Path err = tmp.resolve("err");
        assertEquals(0, run(SAMPLE, ng, err, "convert", "-", "-o", "-"));
        assertEquals("", Files.readString(err));
        Path back = tmp.resolve("back.pcap");
        assertEquals(0, run(ng, back, err, "convert", "-", "-o", "-", "-F", "pcap"));
        assertArrayEquals(Files.readAllBytes(SAMPLE), Files.readAllBytes(back), "pcap -> pcapng -> pcap is byte-identical");
    }

    @Test
    void damagedInputGivesOneLineAndExitCodeWithoutStackTrace() throws Exception {
        Path bad = tmp.resolve("bad.pcapng");
        byte[] b = Files.readAllBytes(Shared.projectDir().resolve("testdata/pcapng/sample.pcapng"));
        // corrupt the first EPB's trailing length: find the second block and poison its length
        int shbLen = (b[4] & 0xFF) | (b[5] & 0xFF) << 8;
        int idbLen = (b[shbLen + 4] & 0xFF) | (b[shbLen + 5] & 0xFF) << 8;
        int epb = shbLen + idbLen;
        b[epb + 4] = (byte) 0xFF;
        b[epb + 5] = (byte) 0xFF;
        b[epb + 6] = (byte) 0xFF;
        b[epb + 7] = (byte) 0xFF;
        Files.write(bad, b);
        Path out = tmp.resolve("out.pcap");
        Path so = tmp.resolve("so");
        Path err = tmp.resolve("err");
        int rc = run(null, so, err, "convert", bad.toString(), "-o", out.toString());
        String e = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.INPUT, rc, e);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("capmill: " + bad + ": pcapng: ") && e.contains("offset 0x" + Integer.toHexString(epb)), e);
        assertTrue(!Files.exists(out), "no packet could be read: no output");
    }
}
