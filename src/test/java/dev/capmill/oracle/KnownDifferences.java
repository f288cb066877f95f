package dev.capmill.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus files where capmill differs from tshark or capinfos on purpose
 * (testdata/oracle/corpus-differences.tsv: path, aspects, reason).
 */
public final class KnownDifferences {
    public static final String FILE = "testdata/oracle/corpus-differences.tsv";
    /** capmill's packets differ from tshark's reading of the original. */
    public static final String READ = "read";
    /** capinfos' first/last time differs; the packets agree. */
    public static final String CAPINFOS_TIME = "capinfos-time";
    /** tshark reads capmill's conversion differently from the original. */
    public static final String CONVERT = "convert";

    /** One listed file: which aspects differ, and why. */
    public static final class Entry {
        public final List<String> aspects;
        public final String reason;

        Entry(List<String> aspects, String reason) {
            this.aspects = aspects;
            this.reason = reason;
        }

        public boolean has(String aspect) {
            return aspects.contains(aspect);
        }
    }

    private KnownDifferences() {
    }

    public static Map<String, Entry> load(Path project) throws IOException {
        Map<String, Entry> m = new LinkedHashMap<>();
        Path f = project.resolve(FILE);
        if (!Files.exists(f)) {
            return m;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", 3);
            if (c.length < 3) {
                throw new IOException(FILE + ": expected path, aspects and reason: " + line);
            }
            for (String a : c[1].split(",")) {
                if (!List.of(READ, CAPINFOS_TIME, CONVERT).contains(a)) {
                    throw new IOException(FILE + ": unknown aspect '" + a + "' in " + line);
                }
            }
            m.put(c[0], new Entry(List.of(c[1].split(",")), c[2]));
        }
        return m;
    }
}
