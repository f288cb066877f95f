package dev.capmill.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An output stream that hands full blocks to a second thread, which writes them (and compresses
 * them, when the stream it writes to compresses). Converting is then two overlapping jobs on two
 * cores: the caller's thread parses and formats, this thread copies into the kernel. A fixed
 * number of blocks circulates between the two, so memory stays bounded whatever the output size.
 * A failure on the writing thread is reported by the next call on this stream.
 */
public final class AsyncOutputStream extends OutputStream {
    private static final byte[] END = new byte[0];
    private static final int BLOCKS = 4;

    private final OutputStream target;
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final Thread thread;
    private final int blockSize;
    private volatile Throwable failure;
    private byte[] block;
    private int pos;
    private boolean closed;

    public AsyncOutputStream(OutputStream target, int blockSize) {
        this.target = target;
        this.blockSize = blockSize;
        for (int i = 0; i < BLOCKS - 1; i++) {
            free.add(new byte[blockSize]);
        }
        block = new byte[blockSize];
        thread = new Thread(this::drain, "capmill-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void drain() {
        try {
            while (true) {
                byte[] b = full.take();
                if (b == END) {
                    target.flush();
                    return;
                }
                int n = lengths.take();
                target.write(b, 0, n);
                free.put(b);
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("output writer interrupted");
        } catch (Throwable t) {
            failure = t;
            free.offer(new byte[0]); // wake a caller waiting for a free block
        }
    }

    private void check() throws IOException {
        Throwable f = failure;
        if (f != null) {
            if (f instanceof IOException) {
                throw (IOException) f;
            }
            throw new IOException(f.getMessage(), f);
        }
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    private void handOver() throws IOException {
        block = pass(block, pos);
        pos = 0;
    }

    /** Queues {@code len} bytes of {@code b} for the writing thread and waits for a free block. */
    private byte[] pass(byte[] b, int len) throws IOException {
        check();
        try {
            lengths.put(len);
            full.put(b);
            byte[] next = free.take();
            check();
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == block.length) {
            handOver();
        }
        block[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == block.length) {
                handOver();
            }
            int n = Math.min(len, block.length - pos);
            System.arraycopy(b, off, block, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** The size of the blocks that circulate. */
    public int blockSize() {
        return blockSize;
    }

    /**
     * Hands over a block its caller filled ({@code len} bytes of {@code b}, which now belongs to
     * the writing thread) and returns an empty one to fill next: an {@link Output} over this
     * stream formats straight into the blocks, instead of into a buffer of its own that {@link
     * #write(byte[], int, int)} would copy. What was written through {@code write} goes first.
     */
    public byte[] exchange(byte[] b, int len) throws IOException {
        if (pos > 0) {
            handOver();
        }
        byte[] next = pass(b, len);
        return next.length == blockSize ? next : new byte[blockSize];
    }

    /** Hands over what is buffered (the data reaches the target asynchronously). */
    @Override
    public void flush() throws IOException {
        if (pos > 0) {
            handOver();
        }
    }

    /** Writes everything, waits for the writing thread and closes the target. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
            full.put(END);
            thread.join();
            closed = true;
            check0();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } finally {
            closed = true;
            target.close();
        }
    }

    private void check0() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw f instanceof IOException ? (IOException) f : new IOException(f.getMessage(), f);
        }
    }

    /** Stops the writing thread without writing what is left, and closes the target. */
    public void abort() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            target.close();
        } catch (IOException ignored) {
            // the output is being discarded
        }
    }
}
