package dev.capmill.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, without native code: Linux's /proc says where fd 2 points. */
public final class Terminal {
    private Terminal() {
    }

    public static boolean stderrIsTerminal() {
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.exists(Path.of("/proc/self/fd"))) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through to the portable guess
        }
        return System.console() != null;
    }
}
