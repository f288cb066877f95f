package dev.capmill.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFilesTest {
    @TempDir
    Path tmp;

    private Path proc(String openFilesLine, int open) throws IOException {
        Files.writeString(tmp.resolve("limits"), "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max cpu time              unlimited            unlimited            seconds\n"
                + openFilesLine + "\n"
                + "Max locked memory         8388608              8388608              bytes\n");
        Path fd = Files.createDirectories(tmp.resolve("fd"));
        for (int i = 0; i < open; i++) {
            Files.writeString(fd.resolve(Integer.toString(i)), "");
        }
        return tmp;
    }

    @Test
    void softLimitLessOpenFiles() throws IOException {
        assertEquals(256 - 5, OpenFiles.fromProc(proc("Max open files            256                  4096                 files", 5)));
    }

    @Test
    void unlimitedOrUnreadableIsUnknown() throws IOException {
        assertEquals(OpenFiles.UNKNOWN, OpenFiles.fromProc(proc("Max open files            unlimited            unlimited            files", 1)));
        assertEquals(OpenFiles.UNKNOWN, OpenFiles.fromProc(tmp.resolve("missing")));
    }

    @Test
    void thisProcessHasSomeFree() {
        long free = OpenFiles.free();
        assertTrue(free > 0, "free file descriptors: " + free);
    }
}
