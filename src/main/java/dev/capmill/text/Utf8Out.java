package dev.capmill.text;

import dev.capmill.io.Output;
import dev.capmill.model.TextBuffer;
import java.io.IOException;
import java.io.Writer;

/**
 * Characters to UTF-8 bytes on an {@link Output}, through one reused buffer: the text writers'
 * way out, and the {@link Writer} the CSV generator writes to. Allocates nothing once grown.
 */
final class Utf8Out extends Writer {
    private final Output out;
    private byte[] bytes = new byte[1024];

    Utf8Out(Output out) {
        this.out = out;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write(s, off, off + len);
    }

    void write(CharSequence s) throws IOException {
        write(s, 0, s.length());
    }

    /** Writes the characters of {@code t}, read in place. */
    void write(TextBuffer t) throws IOException {
        write(t.array(), 0, t.length());
    }

    /** Writes characters {@code from} (inclusive) to {@code to} (exclusive) of {@code s}. */
    void write(CharSequence s, int from, int to) throws IOException {
        room(to - from);
        int p = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[p++] = (byte) c;
            } else {
                p = encode(c, i + 1 < to ? s.charAt(i + 1) : 0, p);
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            }
        }
        out.bytes(bytes, 0, p);
    }

    /**
     * Writes {@code s} with each {@link Summarizer#ARROW_MARK} as the bytes {@code mark} (at most
     * three), reading the buffer's array in place; nothing is allocated once grown.
     */
    void writeMarked(TextBuffer s, byte[] mark) throws IOException {
        int n = s.length();
        room(n);
        char[] c = s.array();
        byte[] b = bytes;
        int p = 0;
        int i = 0;
        while (i < n) {
            // the common run: printable ASCII, copied with one unsigned compare per character
            // (0x02..0x7f; the mark is 0x01, and control characters never reach a column)
            while (i < n && (char) (c[i] - 2) < 0x7e) {
                b[p++] = (byte) c[i++];
            }
            if (i == n) {
                break;
            }
            char ch = c[i];
            if (ch == Summarizer.ARROW_MARK) {
                for (byte m : mark) {
                    b[p++] = m;
                }
            } else if (ch < 0x80) {
                b[p++] = (byte) ch;
            } else {
                p = encode(ch, i + 1 < n ? c[i + 1] : 0, p);
                if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                    i++;
                }
            }
            i++;
        }
        out.bytes(b, 0, p);
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
        room(len);
        byte[] b = bytes;
        int p = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            // a run of ASCII in one tight loop; anything else through encode
            while (i < end && c[i] < 0x80) {
                b[p++] = (byte) c[i++];
            }
            if (i == end) {
                break;
            }
            char ch = c[i];
            p = encode(ch, i + 1 < end ? c[i + 1] : 0, p);
            if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                i++;
            }
            i++;
        }
        out.bytes(b, 0, p);
    }

    private void room(int chars) {
        int need = chars * 3;
        if (bytes.length < need) {
            bytes = new byte[Math.max(need, bytes.length * 2)];
        }
    }

    /** Encodes {@code c} (with {@code next} when c is a high surrogate) at {@code p}; returns the new position. */
    private int encode(char c, char next, int p) {
        if (c < 0x800) {
            bytes[p++] = (byte) (0xc0 | c >> 6);
            bytes[p++] = (byte) (0x80 | c & 0x3f);
        } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
            int cp = Character.toCodePoint(c, next);
            bytes[p++] = (byte) (0xf0 | cp >> 18);
            bytes[p++] = (byte) (0x80 | (cp >> 12) & 0x3f);
            bytes[p++] = (byte) (0x80 | (cp >> 6) & 0x3f);
            bytes[p++] = (byte) (0x80 | cp & 0x3f);
        } else if (Character.isSurrogate(c)) {
            bytes[p++] = (byte) '?';
        } else {
            bytes[p++] = (byte) (0xe0 | c >> 12);
            bytes[p++] = (byte) (0x80 | (c >> 6) & 0x3f);
            bytes[p++] = (byte) (0x80 | c & 0x3f);
        }
        return p;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes; the Output is closed by its owner. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
