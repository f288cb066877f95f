package dev.capmill.text;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A developer's measuring tool (not a test): compares capmill's text with {@code TZ=UTC tshark -n
 * -r} line by line for the captures named on the command line (or in {@code @listfile}), and prints
 * the identical-line rate per tshark Protocol column and every differing line pair to a diff file.
 * tshark's answers are cached in {@code $CAPMILL_TSHARK_CACHE} (default /tmp/capmill-tshark-cache).
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.capmill.text.TextCompare -o diffs.txt FILE...</pre>
 */
public final class TextCompare {
    private TextCompare() {
    }

    public static void main(String[] args) throws IOException {
        List<String> files = new ArrayList<>();
        Path diffs = Path.of("/tmp/capmill-text-diffs.txt");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-o")) {
                diffs = Path.of(args[++i]);
            } else if (args[i].startsWith("@")) {
                for (String l : Files.readAllLines(Path.of(args[i].substring(1)))) {
                    if (!l.isBlank()) {
                        files.add(l.trim());
                    }
                }
            } else {
                files.add(args[i]);
            }
        }
        Path cache = Path.of(System.getenv().getOrDefault("CAPMILL_TSHARK_CACHE", "/tmp/capmill-tshark-cache"));
        Files.createDirectories(cache);
        Map<String, int[]> perProtocol = new TreeMap<>();
        long same = 0;
        long total = 0;
        try (PrintStream d = new PrintStream(Files.newOutputStream(diffs), true, StandardCharsets.UTF_8)) {
            for (String f : files) {
                Path key = cache.resolve(Integer.toHexString(f.hashCode()) + "-" + Path.of(f).getFileName() + ".txt");
                if (!Files.exists(key)) {
                    Tools.Result r = Tools.run(List.of("tshark", "-n", "-r", f));
                    Files.write(key, r.out);
                }
                List<String> theirs = split(Files.readAllBytes(key));
                List<String> mine;
                try {
                    mine = split(text(Path.of(f)));
                } catch (IOException | RuntimeException e) {
                    d.println("## " + f + ": capmill failed: " + e);
                    continue;
                }
                int n = Math.min(theirs.size(), mine.size());
                for (int i = 0; i < theirs.size(); i++) {
                    String t = theirs.get(i);
                    String proto = protocolOf(t);
                    int[] c = perProtocol.computeIfAbsent(proto, k -> new int[2]);
                    c[1]++;
                    total++;
                    if (i < n && t.equals(mine.get(i))) {
                        c[0]++;
                        same++;
                    } else {
                        d.println("## " + f + " #" + (i + 1) + " [" + proto + "]");
                        d.println("T " + t);
                        d.println("C " + (i < n ? mine.get(i) : "<none>"));
                    }
                }
            }
        }
        System.out.printf("identical %d of %d lines (%.2f%%)%n", same, total, total == 0 ? 0 : 100.0 * same / total);
        perProtocol.entrySet().stream().sorted((a, b) -> b.getValue()[1] - a.getValue()[1])
                .forEach(e -> System.out.printf("%-24s %7d / %7d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
    }

    static List<String> split(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        List<String> l = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    static byte[] text(Path capture) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureReader reader = FormatRegistry.standard().open(capture.toString(), ReadOptions.defaults());
             Output out = new Output(bytes)) {
            TextWriter w = new TextWriter(out, reader);
            PacketRecord r = new PacketRecord();
            try {
                while (reader.next(r)) {
                    w.write(r);
                }
            } catch (IOException e) {
                // keep the lines written before damage, as capmill print does
            }
            w.finish();
        }
        return bytes.toByteArray();
    }

    static String protocolOf(String line) {
        int arrow = line.indexOf(" \u2192 ");
        if (arrow < 0) {
            return "?";
        }
        String rest = line.substring(arrow + 3);
        int dstEnd = Math.max(12, rest.indexOf(' '));
        if (dstEnd >= rest.length()) {
            return "?";
        }
        String after = rest.substring(dstEnd).stripLeading();
        int sp = after.indexOf(' ');
        return sp < 0 ? after : after.substring(0, sp);
    }
}
