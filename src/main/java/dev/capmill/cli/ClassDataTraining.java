package dev.capmill.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run the launcher archives classes from (JVM class-data sharing, {@code
 * -XX:ArchiveClassesAtExit}): every command once, in process, on a small capture, so that the
 * classes each command loads at start are mapped from the archive instead of being read from the
 * jar and verified — about a third of a second of CPU for a command whose classes were not
 * archived. Not a command users see: {@code java -cp capmill.jar dev.capmill.cli.ClassDataTraining SAMPLE}.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassDataTraining SAMPLE.pcap");
            System.exit(2);
        }
        String in = args[0];
        Path dir = Files.createTempDirectory("capmill-cds");
        PrintStream out = System.out;
        int failures = 0;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            String d = dir.toString();
            List<String[]> runs = List.of(
                    new String[] {"convert", "-q", in, "-o", d + "/a.pcapng"},
                    new String[] {"convert", "-q", d + "/a.pcapng", "-o", d + "/b.pcap"},
                    new String[] {"convert", "-q", in, "-o", d + "/c.csv", "-e", "frame.number,ip.src,_ws.col.Protocol"},
                    new String[] {"convert", "-q", in, "-o", d + "/c.tsv"},
                    new String[] {"print", "-q", in},
                    new String[] {"filter", "-q", in, "-o", d + "/f.pcap", "tcp port 80 or (udp and host 192.0.2.1)"},
                    new String[] {"merge", "-q", in, d + "/a.pcapng", "-o", d + "/m.pcapng"},
                    new String[] {"slice", "-q", in, "--split-count", "10", "-o", d + "/s.pcap"},
                    new String[] {"slice", "-q", in, "--packets", "2-5", "--from", "+0.001s", "-o", d + "/p.pcap"},
                    new String[] {"slice", "-q", in, "--from", "+0.2s", "--to", "+0.3s", "-o", d + "/w.pcap"},
                    new String[] {"shift", "-q", in, "--by", "+1s", "-o", d + "/t.pcap"},
                    new String[] {"info", "-q", in},
                    // picocli's path too (help, errors, --version), which the runs above no longer take
                    new String[] {"merge", "--help"});
            for (String[] run : runs) {
                if (Main.execute(run) != 0) {
                    failures++;
                }
            }
        } finally {
            System.setOut(out);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
