package dev.capmill.decode;

/**
 * Where the headers of one protocol are in the current packet, in the order tshark's protocol
 * tree holds them: the outer header of a tunnel before the inner one, the header quoted in an
 * ICMP error last. With {@code -T fields -E occurrence=a} tshark prints a field once for each of
 * them, joined with ','; the text columns show only the innermost, so the summary's decoders
 * keep only that one and this list remembers the others. Each entry is a buffer, the absolute
 * offset of the header and the bytes from there that a field may read (what was captured, or
 * less where tshark's dissector stops early), and whether it is quoted in an ICMP error. Fixed
 * capacity, nothing allocated per packet; entries past the capacity are dropped.
 */
public final class Occurrences {
    /** More than any nesting the summary follows (tunnels are bounded by its nesting limit). */
    public static final int MAX = 8;

    private final byte[][] buffer = new byte[MAX][];
    private final int[] offset = new int[MAX];
    private final int[] length = new int[MAX];
    private final boolean[] quoted = new boolean[MAX];
    private final int[] aux = new int[MAX];
    private int count;

    /** Forgets the entries of the previous packet. */
    public void clear() {
        count = 0;
    }

    /** Adds a header at {@code at} in {@code b} of which {@code len} bytes may be read. */
    public void add(byte[] b, int at, int len) {
        add(b, at, len, false);
    }

    /** As {@link #add(byte[], int, int)}; {@code inError}: the header is quoted in an ICMP error message. */
    public void add(byte[] b, int at, int len, boolean inError) {
        if (count < MAX) {
            buffer[count] = b;
            offset[count] = at;
            length[count] = Math.max(0, len);
            quoted[count] = inError;
            aux[count] = 0;
            count++;
        }
    }

    /** Cuts the readable length of the last entry to {@code len} (a dissector that stopped early). */
    public void limitLast(int len) {
        if (count > 0) {
            length[count - 1] = Math.min(length[count - 1], Math.max(0, len));
        }
    }

    /** Keeps a value the recorder worked out for the last entry (a quoted TCP header's stream index). */
    public void setAux(int v) {
        if (count > 0 && count <= MAX) {
            aux[count - 1] = v;
        }
    }

    /** The value {@link #setAux} kept for entry {@code i} (0 when none was). */
    public int aux(int i) {
        return aux[i];
    }

    public int count() {
        return count;
    }

    public byte[] buffer(int i) {
        return buffer[i];
    }

    public int offset(int i) {
        return offset[i];
    }

    /** Bytes of entry {@code i} that may be read from its offset. */
    public int length(int i) {
        return length[i];
    }

    /** Whether entry {@code i} is the header quoted in an ICMP error (tshark's "in error packet"). */
    public boolean inError(int i) {
        return quoted[i];
    }

    /** Whether entry {@code i} has the {@code width} bytes at {@code at} (relative to its offset). */
    public boolean has(int i, int at, int width) {
        return at + width <= length[i];
    }

    /** The unsigned byte at {@code at} (relative) of entry {@code i}. */
    public int u8(int i, int at) {
        return buffer[i][offset[i] + at] & 0xff;
    }

    /** The big-endian 16-bit value at {@code at} (relative) of entry {@code i}. */
    public int u16(int i, int at) {
        return Bytes16.be(buffer[i], offset[i] + at);
    }

    /** The big-endian 32-bit value at {@code at} (relative) of entry {@code i}. */
    public long u32(int i, int at) {
        return Bytes16.be32(buffer[i], offset[i] + at);
    }
}
