package dev.capmill.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * A buffered, forward-reading view of one (already decompressed) input, made for parsers that
 * read headers straight out of a byte array. The parser asks for {@link #ensure(int)} bytes,
 * reads them from {@link #buffer()} at {@link #pos()}, then {@link #advance(int)}s. Records that
 * fit in the buffer are handed out as views into it, without copying; the buffer grows only when
 * a parser asks for more than it holds, and parsers check lengths against their limits first.
 */
public final class Input implements Closeable {
    public static final int DEFAULT_BUFFER = 1 << 20;

    private final String name;
    private final InputStream stream;
    private final FileChannel channel;
    private final boolean compressed;
    private final long size;
    private byte[] buf;
    private int pos;
    private int lim;
    private long base;
    private boolean eof;
    private long bytesRead;

    private Input(String name, InputStream stream, FileChannel channel, boolean compressed, long size, int bufferSize) {
        this.name = name;
        this.stream = stream;
        this.channel = channel;
        this.compressed = compressed;
        this.size = size;
        this.buf = new byte[bufferSize];
    }

    /** An input read from a file channel, seekable. */
    public static Input of(String name, FileChannel channel) throws IOException {
        return of(name, channel, DEFAULT_BUFFER);
    }

    /**
     * An input read from a file channel with a buffer of {@code bufferSize} bytes, or of the
     * file's size if that is less (many small files merged at once then take what they hold).
     */
    public static Input of(String name, FileChannel channel, int bufferSize) throws IOException {
        long size = channel.size();
        return new Input(name, null, channel, false, size, (int) Math.max(64, Math.min(bufferSize, size + 1)));
    }

    /** An input read from a stream (stdin, a decompressor). */
    public static Input of(String name, InputStream stream, boolean compressed) {
        return of(name, stream, compressed, DEFAULT_BUFFER);
    }

    /** An input read from a stream with a buffer of {@code bufferSize} bytes. */
    public static Input of(String name, InputStream stream, boolean compressed, int bufferSize) {
        return new Input(name, stream, null, compressed, -1, Math.max(64, bufferSize));
    }

    /** An input over bytes in memory (tests, probes). */
    public static Input of(String name, byte[] content) {
        Input in = new Input(name, InputStream.nullInputStream(), null, false, content.length, Math.max(16, content.length));
        System.arraycopy(content, 0, in.buf, 0, content.length);
        in.lim = content.length;
        in.eof = true;
        return in;
    }

    /** The name to use in messages: the path as the user gave it, or "-" for standard input. */
    public String name() {
        return name;
    }

    public boolean compressed() {
        return compressed;
    }

    /** Total bytes of the file when known (uncompressed regular files), else -1. */
    public long size() {
        return size;
    }

    public byte[] buffer() {
        return buf;
    }

    public int pos() {
        return pos;
    }

    /** Bytes ready in the buffer from {@link #pos()}. */
    public int available() {
        return lim - pos;
    }

    /** Offset in the input of the byte at {@link #pos()}. */
    public long offset() {
        return base + pos;
    }

    /**
     * Makes at least {@code n} bytes available at {@link #pos()}, growing the buffer if needed.
     * Returns false when the input ends first (then {@link #available()} says how many there are).
     * Callers check {@code n} against their limits before asking.
     */
    public boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (n > buf.length) {
            int cap = buf.length;
            while (cap < n) {
                cap = cap > (1 << 29) ? n : cap * 2;
            }
            byte[] nb = new byte[Math.max(cap, n)];
            System.arraycopy(buf, pos, nb, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
            buf = nb;
        } else if (pos > 0 && buf.length - pos < n) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r = readInto(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos >= n;
    }

    private int readInto(byte[] b, int off, int len) throws IOException {
        int r = channel != null ? channel.read(ByteBuffer.wrap(b, off, len)) : stream.read(b, off, len);
        if (r > 0) {
            bytesRead += r;
        }
        return r;
    }

    /**
     * Bytes read from the file or stream so far (by the buffer and by {@link #readAt}), a measure
     * of the I/O a reader did: seeking readers read much less than {@link #size()}.
     */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Reads up to {@code len} bytes at {@code position} of a file into {@code b}, without moving
     * {@link #offset()} or touching the buffer (for readers that probe a file before they
     * {@link #seek}). Returns the number read, less than {@code len} only at the end of the file.
     * Only for {@link #seekable()} inputs.
     */
    public int readAt(long position, byte[] b, int off, int len) throws IOException {
        if (channel == null) {
            throw new IOException("cannot read at offset " + position + " of a stream");
        }
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        int total = 0;
        while (bb.hasRemaining()) {
            int r = channel.read(bb, position + total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        bytesRead += total;
        return total;
    }

    public void advance(int n) {
        if (n < 0 || n > lim - pos) {
            throw new IllegalArgumentException("advance " + n + " with " + (lim - pos) + " available");
        }
        pos += n;
    }

    /** Whether the input is at its end (nothing buffered and nothing more to read). */
    public boolean atEnd() throws IOException {
        return !ensure(1);
    }

    /**
     * Skips {@code n} bytes. Returns the number skipped, less than {@code n} only at the end of
     * the input. Seeks when the input is a file.
     */
    public long skip(long n) throws IOException {
        long avail = lim - pos;
        if (n <= avail) {
            pos += (int) n;
            return n;
        }
        long done = avail;
        base += lim;
        pos = 0;
        lim = 0;
        long rest = n - done;
        if (channel != null) {
            long here = channel.position();
            long target = Math.min(size, here + rest);
            channel.position(target);
            base = target;
            return done + (target - here);
        }
        while (rest > 0) {
            int r = stream.read(buf, 0, (int) Math.min(buf.length, rest));
            if (r < 0) {
                eof = true;
                break;
            }
            bytesRead += r;
            rest -= r;
            base += r;
        }
        return n - rest;
    }

    /**
     * Whether {@link #seek(long)} can go anywhere: a file. A stream can only seek within what is
     * buffered (a reader that needs random access buffers the whole stream first, see
     * {@link #ensure(int)}).
     */
    public boolean seekable() {
        return channel != null;
    }

    /**
     * Moves to {@code target}, backwards or forwards. Within the buffered bytes this only moves
     * the position; otherwise a file is repositioned and the buffer emptied. A stream cannot go
     * outside what it has buffered: an {@link IOException} says so.
     */
    public void seek(long target) throws IOException {
        if (target < 0) {
            throw new IOException("seek to negative offset " + target);
        }
        if (target >= base && target <= base + lim) {
            pos = (int) (target - base);
            return;
        }
        if (channel == null) {
            throw new IOException("cannot seek to offset " + target + " of a stream outside its buffered bytes");
        }
        channel.position(target);
        base = target;
        pos = 0;
        lim = 0;
        eof = false;
    }

    /** Copies {@code len} bytes at the current position into a new array and advances. */
    public byte[] readBytes(int len) throws IOException {
        if (!ensure(len)) {
            throw new EOFException();
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (stream != null) {
            stream.close();
        }
    }
}
