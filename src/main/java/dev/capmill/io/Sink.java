package dev.capmill.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Where an output goes: a temporary file beside the target, renamed into place by
 * {@link #commit()} (so a failed run leaves nothing half-written and an existing file stays as it
 * was), or standard output ("-"). Compression is chosen by the target's name.
 */
public final class Sink implements Closeable {
    private final String name;
    private final Path target;
    private final Path temp;
    private final OutputStream raw;
    private final AsyncOutputStream async;
    private final Output output;
    private boolean done;

    private Sink(String name, Path target, Path temp, OutputStream raw, Compression c) throws IOException {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.raw = raw;
        if (temp != null) {
            // files: formatting on this thread, compressing and writing on another
            this.async = new AsyncOutputStream(c.compress(raw), 1 << 20);
            this.output = new Output(async);
        } else {
            this.async = null;
            this.output = new Output(c.compress(raw));
        }
    }

    /**
     * Opens an output. Refuses a target that is one of {@code inputs} (same file, whatever the path
     * spelling), since writing it would destroy the input before it is read.
     */
    public static Sink open(String name, Collection<String> inputs) throws IOException {
        if (Sources.STDIN.equals(name)) {
            OutputStream so = new FilterOutputStream(new FileOutputStream(java.io.FileDescriptor.out)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            return new Sink(name, null, null, so, Compression.NONE);
        }
        Path target = Path.of(name).toAbsolutePath();
        for (String in : inputs) {
            if (Sources.STDIN.equals(in)) {
                continue;
            }
            Path ip = Path.of(in).toAbsolutePath();
            if (ip.normalize().equals(target.normalize())
                    || (Files.exists(target) && Files.exists(ip) && Files.isSameFile(ip, target))) {
                throw new IOException("refusing to overwrite input file " + in);
            }
        }
        if (Files.isDirectory(target)) {
            throw new IOException("is a directory");
        }
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("directory " + dir + " does not exist");
        }
        Path temp = null;
        OutputStream file = null;
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; file == null; attempt++) {
            // CREATE_NEW with the default permissions (0666 less the umask), as any other tool's
            // output; createTempFile would make it 0600
            Path candidate = (dir != null ? dir : Path.of(".")).resolve("." + target.getFileName() + "."
                    + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + ".capmill-partial");
            try {
                file = Files.newOutputStream(candidate, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                temp = candidate;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
        if (Files.exists(target)) {
            try {
                // replacing a file keeps its permissions, as overwriting it in place would
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException | IOException ignored) {
                // not a POSIX file system, or not ours to read: the defaults stay
            }
        }
        OutputStream raw = new BufferedOutputStream(file, 1 << 20);
        try {
            return new Sink(name, target, temp, raw, Compression.forName(name));
        } catch (IOException | RuntimeException e) {
            raw.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public Output output() {
        return output;
    }

    /** The output's name without a compression suffix, to choose the format by. */
    public String formatName() {
        return Compression.stripSuffix(name);
    }

    /** Finishes the output: closes it and, for a file, renames the temporary file into place. */
    public void commit() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            output.close();
            if (temp != null) {
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            abortQuietly();
            throw e;
        }
    }

    /** Discards the output: nothing is left at the target (an existing file there is untouched). */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        abortQuietly();
    }

    private void abortQuietly() {
        if (async != null) {
            async.abort();
        }
        try {
            raw.close();
        } catch (IOException ignored) {
            // the temporary file is deleted below either way
        }
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing else can be done; the name says it is partial
            }
        }
    }

    /** Same as {@link #abort()} unless committed: an output that was not committed is never kept. */
    @Override
    public void close() {
        abort();
    }

}
