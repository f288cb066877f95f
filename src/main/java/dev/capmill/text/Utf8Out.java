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
    private char[] chars = new char[256];

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
        int n = to - from;
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        if (s instanceof String str) {
            str.getChars(from, to, chars, 0);
        } else {
            for (int i = from; i < to; i++) {
                chars[i - from] = s.charAt(i);
            }
        }
        encodeAll(chars, 0, n, null);
    }

    /**
     * Writes {@code s} with each {@link Summarizer#ARROW_MARK} as the bytes {@code mark} (at most
     * three), reading the buffer's array in place.
     */
    void writeMarked(TextBuffer s, byte[] mark) throws IOException {
        encodeAll(s.array(), 0, s.length(), mark);
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
        encodeAll(c, off, off + len, null);
    }

    /**
     * Encodes {@code c[off, end)} and writes it out; with a {@code mark}, each {@link
     * Summarizer#ARROW_MARK} is written as those bytes instead. The bytes go straight into the
     * output's buffer (one copy less per byte), or through this object's own array when the text
     * could need more than that buffer holds.
     */
    private void encodeAll(char[] c, int off, int end, byte[] mark) throws IOException {
        int most = (end - off) * 3;
        byte[] b = out.reserve(most);
        if (b != null) {
            out.position(encode(c, off, end, mark, b, out.position()));
            return;
        }
        room(end - off);
        out.bytes(bytes, 0, encode(c, off, end, mark, bytes, 0));
    }

    /**
     * Encodes into {@code b} from {@code p} (room for three bytes a character); returns the end.
     * Printable ASCII, the common run, is copied with one unsigned compare per character;
     * everything else (control characters, the mark, non-ASCII) goes through the slower branch.
     */
    private static int encode(char[] c, int off, int end, byte[] mark, byte[] b, int p) {
        int i = off;
        while (i < end) {
            while (i < end && (char) (c[i] - 2) < 0x7e) {
                b[p++] = (byte) c[i++];
            }
            if (i == end) {
                break;
            }
            char ch = c[i];
            if (mark != null && ch == Summarizer.ARROW_MARK) {
                for (byte m : mark) {
                    b[p++] = m;
                }
            } else if (ch < 0x80) {
                b[p++] = (byte) ch;
            } else {
                p = encode(ch, i + 1 < end ? c[i + 1] : 0, b, p);
                if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                    i++;
                }
            }
            i++;
        }
        return p;
    }

    private void room(int chars) {
        int need = chars * 3;
        if (bytes.length < need) {
            bytes = new byte[Math.max(need, bytes.length * 2)];
        }
    }

    /** Encodes {@code c} (with {@code next} when c is a high surrogate) at {@code p}; returns the new position. */
    private static int encode(char c, char next, byte[] bytes, int p) {
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
