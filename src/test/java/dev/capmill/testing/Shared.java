package dev.capmill.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared folder (corpus, notes) and the project are, and what a test does when a
 * prerequisite is missing: in CI (env CI set) or with -Dcapmill.require=true it fails with a
 * message; elsewhere the test is skipped with the same message, which JUnit reports.
 */
public final class Shared {
    private Shared() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("capmill.basedir", ".")).toAbsolutePath().normalize();
    }

    public static Path sharedDir() {
        return Path.of(System.getProperty("capmill.shared", projectDir().resolve("../shared").toString()))
                .toAbsolutePath().normalize();
    }

    public static Path corpus() {
        return sharedDir().resolve("corpus");
    }

    public static boolean required() {
        String ci = System.getenv("CI");
        return (ci != null && !ci.isEmpty() && !"false".equalsIgnoreCase(ci)) || Boolean.getBoolean("capmill.require");
    }

    /** Fails (CI) or skips (elsewhere) with {@code why} unless {@code present}. */
    public static void requirePrerequisite(boolean present, String why) {
        if (present) {
            return;
        }
        if (required()) {
            fail(why + " (required in CI)");
        }
        Assumptions.assumeTrue(false, why + " — test skipped; set CI=true or -Dcapmill.require=true to make this a failure");
    }

    /** The corpus folder, or a failure/skip when it is absent. */
    public static Path requireCorpus() {
        Path c = corpus();
        requirePrerequisite(Files.isDirectory(c), "corpus not found at " + c);
        return c;
    }
}
