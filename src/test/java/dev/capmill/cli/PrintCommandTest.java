package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.Shared;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capmill print and convert -F text / .txt: the pipeline with the text writer at its end. Standard
 * output is written to the file descriptor directly, so commands writing to it run as a process.
 */
class PrintCommandTest {
    /** Runs capmill as a process; returns its exit code and standard output. */
    static Cli process(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.capmill.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "capmill did not finish");
        return new Cli(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static final Path SAMPLE = Shared.projectDir().resolve("testdata/pcap/sample.pcap");
    static final Path GOLDEN = Shared.projectDir().resolve("testdata/pcap/sample.pcap.tshark-n.txt");

    @Test
    void printWritesTsharkLinesToStandardOutput(@TempDir Path dir) throws Exception {
        Cli c = process(dir, "print", SAMPLE.toString());
        assertEquals(0, c.exit, c.toString());
        List<String> mine = c.out.lines().toList();
        List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
        assertEquals(24, mine.size());
        for (int frame : new int[] {1, 2, 5, 6, 7, 9, 11, 12, 13, 14, 15, 16, 17, 22, 23}) {
            assertEquals(golden.get(frame - 1), mine.get(frame - 1), "frame " + frame);
        }
    }

    @Test
    void filterRenumbersAndTimesFromTheFirstPacketWritten(@TempDir Path dir) throws Exception {
        Cli c = process(dir, "print", SAMPLE.toString(), "--filter", "icmp");
        assertEquals(0, c.exit, c.toString());
        assertEquals(List.of(
                "    1   0.000000     10.1.0.5 \u2192 192.0.2.80   ICMP 74 Echo (ping) request  id=0x0077, seq=1/256, ttl=64",
                "    2   0.032116   192.0.2.80 \u2192 10.1.0.5     ICMP 74 Echo (ping) reply    id=0x0077, seq=1/256, ttl=64 (request in 1)",
                "    3   0.072151     10.1.0.5 \u2192 192.0.2.80   ICMP 74 Echo (ping) request  id=0x0077, seq=2/512, ttl=64",
                "    4   0.080105   192.0.2.80 \u2192 10.1.0.5     ICMP 74 Echo (ping) reply    id=0x0077, seq=2/512, ttl=64 (request in 3)"),
                c.out.lines().toList());
    }

    @Test
    void convertChoosesTextByNameOrByFormat(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("out.txt");
        Cli a = Cli.run("convert", SAMPLE.toString(), "-o", txt.toString());
        assertEquals(0, a.exit, a.toString());
        Cli b = process(dir, "convert", SAMPLE.toString(), "-F", "text", "-o", "-");
        assertEquals(0, b.exit, b.toString());
        Cli p = process(dir, "print", SAMPLE.toString());
        byte[] written = Files.readAllBytes(txt);
        assertArrayEquals(p.out.getBytes(StandardCharsets.UTF_8), written);
        assertEquals(p.out, b.out);
        // the arrow is UTF-8 (E2 86 92), as tshark writes it
        String first = new String(written, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertTrue(first.contains(" \u2192 "), first);
    }

    @Test
    void textIsNeverReadAsACapture(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("out.txt");
        assertEquals(0, Cli.run("convert", SAMPLE.toString(), "-o", txt.toString()).exit);
        Cli c = process(dir, "print", txt.toString());
        assertNotEquals(0, c.exit, c.toString());
        assertEquals("", c.out);
    }
}
