package dev.capmill.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reusable list of pcapng-style options: (code, value bytes) pairs in the order they were read.
 *
 * <p>Values of options whose layout is known (numbers, custom options' PEN) are kept in
 * little-endian order whatever the byte order of the file they came from, so that a writer can
 * copy them without knowing the source; the reader that filled the list did the swapping.
 * Values of unknown options are kept as read. Clearing the list keeps its arrays, so a reader
 * that reuses one {@code Options} per record allocates nothing per packet once warmed up.
 */
public final class Options {
    /** Option code 1, opt_comment, valid on every block. */
    public static final int COMMENT = 1;

    private int count;
    private int[] codes = new int[4];
    private int[] offsets = new int[4];
    private int[] lengths = new int[4];
    private byte[] store = new byte[64];
    private int used;

    public void clear() {
        count = 0;
        used = 0;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int code(int i) {
        return codes[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** The backing array of value {@code i}; read it at {@link #offset(int)} for {@link #length(int)} bytes. */
    public byte[] array() {
        return store;
    }

    public int offset(int i) {
        return offsets[i];
    }

    public byte[] value(int i) {
        return Arrays.copyOfRange(store, offsets[i], offsets[i] + lengths[i]);
    }

    /** Adds an option; the value is copied. */
    public void add(int code, byte[] src, int off, int len) {
        int at = reserve(code, len);
        System.arraycopy(src, off, store, at, len);
    }

    /** Appends an option of {@code len} bytes and returns where its value starts in {@link #array()}. */
    private int reserve(int code, int len) {
        if (count == codes.length) {
            int n = count * 2;
            codes = Arrays.copyOf(codes, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
        }
        if (used + len > store.length) {
            store = Arrays.copyOf(store, Math.max(store.length * 2, used + len));
        }
        int at = used;
        codes[count] = code;
        offsets[count] = at;
        lengths[count] = len;
        used += len;
        count++;
        return at;
    }

    public void add(int code, byte[] value) {
        add(code, value, 0, value.length);
    }

    public void addString(int code, String s) {
        add(code, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a little-endian u32 option (written in place: no temporary array per call). */
    public void addU32(int code, long v) {
        int at = reserve(code, 4); // before reading store: reserve may replace it
        Bytes.putI32LE(store, at, (int) v);
    }

    /** Adds a little-endian u64 option. */
    public void addU64(int code, long v) {
        int at = reserve(code, 8);
        Bytes.putI64LE(store, at, v);
    }

    /** Index of the first option with this code, or -1. */
    public int indexOf(int code) {
        for (int i = 0; i < count; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(int code) {
        return indexOf(code) >= 0;
    }

    /**
     * The value of option {@code i} as UTF-8 text. pcapng strings are not NUL-terminated; like
     * Wireshark, a NUL inside the value ends the string.
     */
    public String string(int i) {
        int off = offsets[i];
        int len = lengths[i];
        int end = off;
        while (end < off + len && store[end] != 0) {
            end++;
        }
        return new String(store, off, end - off, StandardCharsets.UTF_8);
    }

    /** First string value with this code, or null. */
    public String string(int code, String dflt) {
        int i = indexOf(code);
        return i < 0 ? dflt : string(i);
    }

    /** Every string value with this code, in order. */
    public List<String> strings(int code) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (codes[i] == code) {
                out.add(string(i));
            }
        }
        return out;
    }

    /** Unsigned little-endian number of 1, 2, 4 or 8 bytes; -1 when absent or of another size. */
    public long number(int code) {
        int i = indexOf(code);
        if (i < 0) {
            return -1;
        }
        int off = offsets[i];
        switch (lengths[i]) {
            case 1: return store[off] & 0xFF;
            case 2: return Bytes.u16LE(store, off);
            case 4: return Bytes.u32LE(store, off);
            case 8: return Bytes.i64LE(store, off);
            default: return -1;
        }
    }

    /** Replaces this list's content by a copy of {@code other}. */
    public void copyFrom(Options other) {
        clear();
        for (int i = 0; i < other.count; i++) {
            add(other.codes[i], other.store, other.offsets[i], other.lengths[i]);
        }
    }

    /** Removes every option with this code. */
    public void remove(int code) {
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (codes[r] != code) {
                codes[w] = codes[r];
                offsets[w] = offsets[r];
                lengths[w] = lengths[r];
                w++;
            }
        }
        count = w;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Options)) {
            return false;
        }
        Options other = (Options) o;
        if (other.count != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (codes[i] != other.codes[i] || !Arrays.equals(store, offsets[i], offsets[i] + lengths[i],
                    other.store, other.offsets[i], other.offsets[i] + other.lengths[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = count;
        for (int i = 0; i < count; i++) {
            h = h * 31 + codes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(codes[i]).append(':').append(lengths[i]).append('B');
        }
        return sb.append(']').toString();
    }
}
