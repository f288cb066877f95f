package dev.capmill.io;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens inputs: files or standard input ("-"), decompressing gzip, bzip2, xz, zstd and lz4 found by magic. */
public final class Sources {
    public static final String STDIN = "-";

    private Sources() {
    }

    public static Input open(String name) throws IOException {
        return open(name, Input.DEFAULT_BUFFER);
    }

    /**
     * Opens {@code name} with a read buffer of {@code bufferSize} bytes (less for a smaller
     * uncompressed file: the buffer grows if a record needs more).
     */
    public static Input open(String name, int bufferSize) throws IOException {
        if (STDIN.equals(name)) {
            return open(name, System.in, bufferSize);
        }
        Path p = Path.of(name);
        if (Files.isDirectory(p)) {
            throw new FileNotFoundException("is a directory");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("no such file");
        }
        try {
            ByteBuffer head = ByteBuffer.allocate(8);
            while (head.hasRemaining() && ch.read(head) > 0) {
                // fill the first bytes
            }
            ch.position(0);
            Compression c = Compression.detect(head.array(), head.position());
            if (c == Compression.NONE) {
                return Input.of(name, ch, bufferSize);
            }
            InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), Math.min(bufferSize, 1 << 16));
            return Input.of(name, c.decompress(raw), true, bufferSize);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** An input over a stream (standard input, tests), decompressing if it starts with a compression magic. */
    public static Input open(String name, InputStream in) throws IOException {
        return open(name, in, Input.DEFAULT_BUFFER);
    }

    private static Input open(String name, InputStream in, int bufferSize) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(16);
        byte[] head = b.readNBytes(8);
        b.reset();
        Compression c = Compression.detect(head, head.length);
        return c == Compression.NONE ? Input.of(name, b, false, bufferSize)
                : Input.of(name, c.decompress(b), true, bufferSize);
    }
}
