package dev.capmill.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many more files this process may open: the limit of open files (RLIMIT_NOFILE, what
 * {@code ulimit -n} sets) less those already open. A merge of many inputs opens as many at once as
 * this allows, and merges the rest in a tree through temporary files.
 */
public final class OpenFiles {
    /** Answer when the platform does not say (Windows has no small per-process limit). */
    public static final long UNKNOWN = Long.MAX_VALUE;

    private OpenFiles() {
    }

    /** Files that can still be opened, or {@link #UNKNOWN}. */
    public static long free() {
        long fromProc = fromProc(Path.of("/proc/self"));
        if (fromProc != UNKNOWN) {
            return fromProc;
        }
        // other Unix systems: the JDK's own view (loads the management classes, so only as a fallback)
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
            com.sun.management.UnixOperatingSystemMXBean u = (com.sun.management.UnixOperatingSystemMXBean) os;
            long max = u.getMaxFileDescriptorCount();
            long open = u.getOpenFileDescriptorCount();
            if (max > 0 && open >= 0) {
                return Math.max(0, max - open);
            }
        }
        return UNKNOWN;
    }

    /**
     * Linux: the soft limit from {@code limits} ("Max open files") less the entries of {@code fd}
     * under {@code procSelf}; {@link #UNKNOWN} if either cannot be read.
     */
    static long fromProc(Path procSelf) {
        try {
            List<String> lines = Files.readAllLines(procSelf.resolve("limits"));
            long soft = -1;
            for (String l : lines) {
                if (l.startsWith("Max open files")) {
                    String[] f = l.substring("Max open files".length()).trim().split("\\s+");
                    soft = "unlimited".equals(f[0]) ? UNKNOWN : Long.parseLong(f[0]);
                }
            }
            if (soft < 0) {
                return UNKNOWN;
            }
            if (soft == UNKNOWN) {
                return UNKNOWN;
            }
            long open = 0;
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(procSelf.resolve("fd"))) {
                for (Path ignored : fds) {
                    open++;
                }
            }
            return Math.max(0, soft - open);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
