package dev.capmill.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the peer tools (tshark, capinfos, editcap, tcpdump) for oracle tests, with TZ=UTC. */
public final class Tools {
    private Tools() {
    }

    public static boolean available(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Fails in CI, skips elsewhere, unless {@code tool} is on the PATH. */
    public static void require(String tool) {
        Shared.requirePrerequisite(available(tool), tool + " is not installed (apt-get install -y tshark tcpdump)");
    }

    /** Result of a finished process: exit code, stdout bytes and stderr text without tshark's root warning. */
    public static final class Result {
        public final int exit;
        public final byte[] out;
        public final String err;

        Result(int exit, byte[] out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        public String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        /** The first stderr line that is not tshark's "Running as user root" notice, or "". */
        public String firstError() {
            for (String l : err.split("\n")) {
                if (!l.isBlank() && !l.startsWith("Running as user")) {
                    return l.trim();
                }
            }
            return "";
        }
    }

    public static Result run(List<String> command) throws IOException {
        return run(command, null);
    }

    /** Runs a command with TZ=UTC and LC_ALL=C, stdout to a temporary file (outputs can be large). */
    public static Result run(List<String> command, Path stdoutFile) throws IOException {
        Path out = stdoutFile != null ? stdoutFile : Files.createTempFile("capmill-tool", ".out");
        Path err = Files.createTempFile("capmill-tool", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
            Map<String, String> env = pb.environment();
            env.put("TZ", "UTC");
            env.put("LC_ALL", "C");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            byte[] o = stdoutFile != null ? new byte[0] : Files.readAllBytes(out);
            return new Result(p.exitValue(), o, Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            if (stdoutFile == null) {
                Files.deleteIfExists(out);
            }
            Files.deleteIfExists(err);
        }
    }

    public static InputStream nothing() {
        return InputStream.nullInputStream();
    }
}
