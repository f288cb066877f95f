package dev.capmill.format.pcap;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/corpus (system property capmill.shared); skips without it unless CI is set. */
final class Corpus {
    private Corpus() {
    }

    static Path root() {
        String shared = System.getProperty("capmill.shared");
        Path p = shared == null ? null : Path.of(shared, "corpus");
        boolean present = p != null && Files.isDirectory(p);
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("corpus not found at " + p + " (system property capmill.shared); CI must provide it");
            }
            Assumptions.assumeTrue(false, "corpus not found at " + p + "; skipping corpus tests outside CI");
        }
        return p;
    }
}
