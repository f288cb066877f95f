package dev.capmill.model;

import java.util.Arrays;

/**
 * A growable run of characters over a plain {@code char} array: the part of StringBuilder that
 * the text output (columns, lines, field values) uses, reused from packet to packet.
 *
 * <p>Why not StringBuilder: its compact strings make every append test the builder's coder (and
 * widen all of it when one character needs two bytes), which made its methods too large for the
 * compiler to inline into the summary code: in a 1.5 M-packet text run, StringBuilder's own
 * methods and the copy out of it took a quarter of the main thread. Here an append is a bounds
 * check and a store, numbers are written straight into the array, and the encoder reads the
 * array in place ({@link #array()}).
 */
public final class TextBuffer implements CharSequence {
    private char[] v;
    private int n;

    public TextBuffer() {
        this(64);
    }

    public TextBuffer(int capacity) {
        v = new char[Math.max(16, capacity)];
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public boolean isEmpty() {
        return n == 0;
    }

    @Override
    public char charAt(int i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + i + ", length " + n);
        }
        return v[i];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        check(start, end, n);
        return new String(v, start, end - start);
    }

    @Override
    public String toString() {
        return new String(v, 0, n);
    }

    /** The characters, valid up to {@link #length()}; read-only for callers, and only until the next change. */
    public char[] array() {
        return v;
    }

    /** Cuts to {@code len} characters, or extends with NUL characters as StringBuilder does. */
    public void setLength(int len) {
        if (len < 0) {
            throw new IndexOutOfBoundsException("length " + len);
        }
        if (len > n) {
            room(len - n);
            Arrays.fill(v, n, len, '\0');
        }
        n = len;
    }

    public void setCharAt(int i, char c) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + i + ", length " + n);
        }
        v[i] = c;
    }

    public TextBuffer append(char c) {
        if (n == v.length) {
            grow(n + 1);
        }
        v[n++] = c;
        return this;
    }

    /** Appends {@code v} in lower-case hexadecimal, zero-padded (or cut) to its last {@code digits} digits. */
    public TextBuffer appendHex(long v, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            append(Character.forDigit((int) (v >> shift) & 15, 16));
        }
        return this;
    }

    public TextBuffer append(String s) {
        if (s == null) {
            return append("null");
        }
        int l = s.length();
        room(l);
        s.getChars(0, l, v, n);
        n += l;
        return this;
    }

    public TextBuffer append(TextBuffer t) {
        if (t == null) {
            return append("null");
        }
        int l = t.n;
        room(l);
        System.arraycopy(t.v, 0, v, n, l);
        n += l;
        return this;
    }

    public TextBuffer append(CharSequence s) {
        if (s instanceof String str) {
            return append(str);
        }
        if (s instanceof TextBuffer t) {
            return append(t);
        }
        if (s == null) {
            return append("null");
        }
        return append(s, 0, s.length());
    }

    /** Appends characters {@code start} (inclusive) to {@code end} (exclusive) of {@code s}. */
    public TextBuffer append(CharSequence s, int start, int end) {
        if (s == null) {
            return append("null", start, end);
        }
        check(start, end, s.length());
        int l = end - start;
        room(l);
        if (s instanceof String str) {
            str.getChars(start, end, v, n);
        } else if (s instanceof TextBuffer t) {
            System.arraycopy(t.v, start, v, n, l);
        } else {
            for (int i = start; i < end; i++) {
                v[n + i - start] = s.charAt(i);
            }
        }
        n += l;
        return this;
    }

    public TextBuffer append(char[] c, int off, int len) {
        check(off, off + len, c.length);
        room(len);
        System.arraycopy(c, off, v, n, len);
        n += len;
        return this;
    }

    public TextBuffer append(int i) {
        if (i >= 0 && i < 1000) {
            // the common case (ports, lengths, address bytes): at most three digits, no loop
            room(3);
            if (i >= 100) {
                v[n++] = (char) ('0' + i / 100);
                i %= 100;
                v[n++] = (char) ('0' + i / 10);
            } else if (i >= 10) {
                v[n++] = (char) ('0' + i / 10);
            }
            v[n++] = (char) ('0' + i % 10);
            return this;
        }
        if (i < 0) {
            return append((long) i);
        }
        appendPositive(i);
        return this;
    }

    /** The decimal digits of 0..255, three characters each (leading NULs), for {@link #appendIpv4}. */
    private static final char[] BYTE_DIGITS = new char[256 * 3];

    static {
        for (int i = 0; i < 256; i++) {
            BYTE_DIGITS[3 * i] = i >= 100 ? (char) ('0' + i / 100) : 0;
            BYTE_DIGITS[3 * i + 1] = i >= 10 ? (char) ('0' + i / 10 % 10) : 0;
            BYTE_DIGITS[3 * i + 2] = (char) ('0' + i % 10);
        }
    }

    /**
     * Appends the dotted-decimal IPv4 address in {@code b[p, p+4)}: one room check and a table
     * lookup per byte (two addresses on most lines of a text run).
     */
    public TextBuffer appendIpv4(byte[] b, int p) {
        room(15);
        char[] a = v;
        int q = n;
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                a[q++] = '.';
            }
            int d = 3 * (b[p + i] & 0xff);
            char c0 = BYTE_DIGITS[d];
            char c1 = BYTE_DIGITS[d + 1];
            if (c0 != 0) {
                a[q++] = c0;
            }
            if (c1 != 0) {
                a[q++] = c1;
            }
            a[q++] = BYTE_DIGITS[d + 2];
        }
        n = q;
        return this;
    }

    /** Appends {@code x} in decimal, as {@link Long#toString(long)} writes it. */
    public TextBuffer append(long x) {
        if (x >= 0 && x <= Integer.MAX_VALUE) {
            return append((int) x);
        }
        if (x == Long.MIN_VALUE) {
            return append("-9223372036854775808");
        }
        if (x < 0) {
            append('-');
            x = -x;
            if (x <= Integer.MAX_VALUE) {
                return append((int) x);
            }
        }
        int d = 1;
        for (long t = x; t >= 10; t /= 10) {
            d++;
        }
        room(d);
        int p = n + d;
        do {
            v[--p] = (char) ('0' + (int) (x % 10));
            x /= 10;
        } while (x != 0);
        n += d;
        return this;
    }

    /**
     * A non-negative int, two digits per division (frame numbers, sequence numbers, times): a
     * third of a text run's numbers are above 999.
     */
    private void appendPositive(int i) {
        int d = i < 10_000 ? 4 : i < 100_000 ? 5 : i < 1_000_000 ? 6 : i < 10_000_000 ? 7 : i < 100_000_000 ? 8
                : i < 1_000_000_000 ? 9 : 10;
        d = i < 1000 ? (i < 100 ? (i < 10 ? 1 : 2) : 3) : d;
        room(d);
        char[] a = v;
        int p = n + d;
        while (i >= 100) {
            int q = i / 100;
            int r = i - q * 100;
            a[--p] = (char) ('0' + r % 10);
            a[--p] = (char) ('0' + r / 10);
            i = q;
        }
        if (i >= 10) {
            a[--p] = (char) ('0' + i % 10);
            a[--p] = (char) ('0' + i / 10);
        } else {
            a[--p] = (char) ('0' + i);
        }
        n += d;
    }

    public TextBuffer append(boolean b) {
        return append(b ? "true" : "false");
    }

    public TextBuffer append(double d) {
        return append(Double.toString(d));
    }

    public TextBuffer append(Object o) {
        return append(String.valueOf(o));
    }

    public TextBuffer appendCodePoint(int cp) {
        if (Character.isBmpCodePoint(cp)) {
            return append((char) cp);
        }
        return append(Character.highSurrogate(cp)).append(Character.lowSurrogate(cp));
    }

    public TextBuffer insert(int at, int i) {
        return insert(at, Integer.toString(i));
    }

    public TextBuffer insert(int at, char c) {
        return insert(at, String.valueOf(c), 0, 1);
    }

    public TextBuffer insert(int at, CharSequence s) {
        return insert(at, s, 0, s.length());
    }

    /** Inserts characters {@code start} to {@code end} of {@code s} before index {@code at}. */
    public TextBuffer insert(int at, CharSequence s, int start, int end) {
        if (at < 0 || at > n) {
            throw new IndexOutOfBoundsException("offset " + at + ", length " + n);
        }
        check(start, end, s.length());
        int l = end - start;
        room(l);
        System.arraycopy(v, at, v, at + l, n - at);
        for (int i = start; i < end; i++) {
            v[at + i - start] = s.charAt(i);
        }
        n += l;
        return this;
    }

    /** Removes characters {@code start} (inclusive) to {@code end} (exclusive, clamped to the length). */
    public TextBuffer delete(int start, int end) {
        end = Math.min(end, n);
        check(start, end, n);
        System.arraycopy(v, end, v, start, n - end);
        n -= end - start;
        return this;
    }

    /** Whether the characters equal those of {@code s}. */
    public boolean contentEquals(CharSequence s) {
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (v[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void room(int more) {
        if (more > v.length - n) {
            grow(n + more);
        }
    }

    private void grow(int min) {
        if (min < 0) {
            throw new OutOfMemoryError("text longer than an array can hold");
        }
        int cap = v.length * 2;
        v = Arrays.copyOf(v, cap < min || cap < 0 ? min : cap);
    }

    private static void check(int start, int end, int length) {
        if (start < 0 || start > end || end > length) {
            throw new IndexOutOfBoundsException("start " + start + ", end " + end + ", length " + length);
        }
    }
}
