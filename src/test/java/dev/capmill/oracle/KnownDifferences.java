package dev.capmill.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Corpus files where capmill reads differently from tshark on purpose: path → reason (testdata/oracle/corpus-differences.tsv). */
public final class KnownDifferences {
    public static final String FILE = "testdata/oracle/corpus-differences.tsv";
    /** A reason starting so concerns only capinfos' first/last time; the packets must still agree. */
    public static final String CAPINFOS_TIME = "capinfos time:";

    private KnownDifferences() {
    }

    public static Map<String, String> load(Path project) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path f = project.resolve(FILE);
        if (!Files.exists(f)) {
            return m;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", 2);
            m.put(c[0], c.length > 1 ? c[1] : "");
        }
        return m;
    }
}
