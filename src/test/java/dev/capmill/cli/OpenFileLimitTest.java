package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.pipeline.Caps;
import dev.capmill.pipeline.Caps.Pkt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's "many inputs" promise in a real process: 10,000 inputs merge under {@code ulimit -n
 * 256} (the merge reads the limit and opens no more than it allows, merging the first inputs
 * through temporary files), with the launcher's heap. Needs a POSIX shell for ulimit; fails
 * (never skips) without one.
 */
class OpenFileLimitTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_709_294_400L * S;

    @TempDir
    Path tmp;

    @Test
    void tenThousandInputsMergeUnderUlimit256() throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of("/bin/sh")), "this test needs /bin/sh (for ulimit -n)");
        int n = 10_000;
        Path dir = Files.createDirectories(tmp.resolve("in"));
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                "ulimit -n 256 && java=\"$0\" && cp=\"$1\" && shift"
                    + " && exec \"$java\" -Xmx256m -XX:+UseSerialGC -cp \"$cp\" dev.capmill.cli.Main \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"),
                "merge", "-q"));
        for (int i = 0; i < n; i++) {
            // times interleave across files, so every level of the merge has work to do
            Path f = Caps.pcap(dir.resolve(String.format("f%05d.pcap", i)), 1,
                    List.of(Pkt.of(T0 + (long) ((i * 7919L) % n) * 1000, i, 60)));
            cmd.add(f.toString());
        }
        Path out = tmp.resolve("out.pcap");
        cmd.addAll(List.of("-o", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "merge did not finish");
        assertEquals(0, p.exitValue(), said);
        List<Long> t = Caps.times(Caps.drain(Caps.read(out), null));
        assertEquals(n, t.size());
        for (int i = 1; i < n; i++) {
            assertTrue(t.get(i - 1) <= t.get(i), "out of order at " + i);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(x -> x.getFileName().toString()).filter(x -> x.contains("capmill")).toList(),
                    "temporary files left behind");
        }
    }
}
