package dev.capmill.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import dev.capmill.model.Bytes;

/**
 * A buffered output that writers fill with little-endian numbers and byte runs. Large runs
 * bypass the buffer. {@link #written()} counts every byte handed over.
 */
public final class Output implements Closeable {
    private final OutputStream out;
    /** Set when {@link #out} takes whole blocks: then {@link #buf} is one of its blocks, exchanged when full. */
    private final AsyncOutputStream blocks;
    private byte[] buf;
    private int pos;
    private long flushed;

    public Output(OutputStream out) {
        this(out, 1 << 20);
    }

    public Output(OutputStream out, int bufferSize) {
        this.out = out;
        this.blocks = null;
        this.buf = new byte[bufferSize];
    }

    /** An output that fills the blocks of {@code out} itself (one copy less per byte than through write). */
    public Output(AsyncOutputStream out) {
        this.out = out;
        this.blocks = out;
        this.buf = new byte[out.blockSize()];
    }

    public long written() {
        return flushed + pos;
    }

    private void room(int n) throws IOException {
        if (buf.length - pos < n) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            if (blocks != null) {
                buf = blocks.exchange(buf, pos);
            } else {
                out.write(buf, 0, pos);
            }
            flushed += pos;
            pos = 0;
        }
    }

    public Output u8(int v) throws IOException {
        room(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public Output u16(int v) throws IOException {
        room(2);
        Bytes.putI16LE(buf, pos, v);
        pos += 2;
        return this;
    }

    public Output u32(long v) throws IOException {
        room(4);
        Bytes.putI32LE(buf, pos, (int) v);
        pos += 4;
        return this;
    }

    public Output u64(long v) throws IOException {
        room(8);
        Bytes.putI64LE(buf, pos, v);
        pos += 8;
        return this;
    }

    public Output u16BE(int v) throws IOException {
        room(2);
        Bytes.putI16BE(buf, pos, v);
        pos += 2;
        return this;
    }

    public Output u32BE(long v) throws IOException {
        room(4);
        Bytes.putI32BE(buf, pos, (int) v);
        pos += 4;
        return this;
    }

    public Output bytes(byte[] b, int off, int len) throws IOException {
        if (len > buf.length / 2) {
            flushBuffer();
            out.write(b, off, len);
            flushed += len;
            return this;
        }
        room(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /**
     * The buffer, with room for {@code n} bytes from {@link #position()} on, for a writer that fills
     * it in place and then calls {@link #position(int)}; null when {@code n} is more than the buffer
     * holds (then write through {@link #bytes}).
     */
    public byte[] reserve(int n) throws IOException {
        if (n > buf.length) {
            return null;
        }
        room(n);
        return buf;
    }

    /** Where the next byte goes in the array {@link #reserve(int)} returned. */
    public int position() {
        return pos;
    }

    /** Marks the array {@link #reserve(int)} returned as filled up to {@code p}. */
    public void position(int p) {
        if (p < pos || p > buf.length) {
            throw new IllegalArgumentException("position " + p + " outside " + pos + ".." + buf.length);
        }
        pos = p;
    }

    public Output bytes(byte[] b) throws IOException {
        return bytes(b, 0, b.length);
    }

    public Output zeros(int n) throws IOException {
        room(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = 0;
        }
        return this;
    }

    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
