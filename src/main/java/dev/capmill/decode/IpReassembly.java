package dev.capmill.decode;

/**
 * Reassembles IP datagrams from their fragments (IPv4, RFC 791 section 3.2; IPv6 fragment header,
 * RFC 8200 section 4.5) the way tshark does by default: a datagram is complete once the fragment
 * without "more fragments" has been seen and the fragments cover every byte before its end
 * without a gap (Wireshark epan/reassemble.c, fragment_add_work). A completed datagram leaves the
 * table, so a fragment seen again afterwards starts a new one, as in tshark's single pass.
 *
 * <p>Memory is bounded: at most {@link #DEFAULT_SLOTS} datagrams are in progress at once (the least
 * recently touched one is dropped to make room), each of at most {@link #MAX_DATAGRAM} bytes and
 * {@link #MAX_FRAGMENTS} fragments (a datagram past either limit is dropped). tshark keeps every
 * unfinished datagram until the end of the file, so a datagram whose fragments are separated by
 * more than that many other unfinished datagrams completes in tshark and not here. A slot's buffer
 * grows to the largest datagram it has held and is then reused: no allocation in steady state.
 */
public final class IpReassembly {
    public static final int DEFAULT_SLOTS = 64;
    public static final int MAX_DATAGRAM = 65_535;
    public static final int MAX_FRAGMENTS = 512;
    /** Bytes reserved in front of a reassembled payload for the caller (addresses, see {@link #buffer()}). */
    public static final int PREFIX = 32;

    private final long[] keys;
    private final long[] used;
    private final int[] total;
    private final int[] count;
    private final int[][] starts;
    private final int[][] ends;
    private final byte[][] data;
    private long clock;
    private int lastSlot = -1;
    private int length;

    public IpReassembly() {
        this(DEFAULT_SLOTS);
    }

    public IpReassembly(int slots) {
        keys = new long[slots];
        used = new long[slots];
        total = new int[slots];
        count = new int[slots];
        starts = new int[slots][];
        ends = new int[slots][];
        data = new byte[slots][];
    }

    /**
     * Adds the fragment of {@code len} bytes at {@code b[off]}, at byte {@code fragmentOffset} of the
     * datagram identified by {@code key} (a hash of addresses, identification and protocol). True when
     * the datagram is now complete: its payload is then at {@code buffer()[PREFIX..PREFIX+length())}
     * until the next call.
     */
    public boolean add(long key, byte[] b, int off, int len, int fragmentOffset, boolean more) {
        long k = key == 0 ? 1 : key;
        int s = find(k);
        int end = fragmentOffset + len;
        if (end > MAX_DATAGRAM || len < 0) {
            if (s >= 0) {
                keys[s] = 0;
            }
            return false;
        }
        if (s < 0) {
            s = claim(k);
        }
        used[s] = ++clock;
        if (count[s] == MAX_FRAGMENTS) {
            keys[s] = 0;
            return false;
        }
        ensure(s, PREFIX + end);
        System.arraycopy(b, off, data[s], PREFIX + fragmentOffset, len);
        insert(s, fragmentOffset, end);
        if (!more) {
            total[s] = end;
        }
        if (total[s] < 0 || !covered(s)) {
            return false;
        }
        keys[s] = 0;
        lastSlot = s;
        length = total[s];
        return true;
    }

    /** The buffer holding the datagram the last successful {@link #add} completed. */
    public byte[] buffer() {
        return data[lastSlot];
    }

    /** Length of that datagram's payload. */
    public int length() {
        return length;
    }

    /** Datagrams in progress (for tests). */
    public int inProgress() {
        int n = 0;
        for (long k : keys) {
            if (k != 0) {
                n++;
            }
        }
        return n;
    }

    private int find(long k) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == k) {
                return i;
            }
        }
        return -1;
    }

    private int claim(long k) {
        int victim = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == 0) {
                victim = i;
                break;
            }
            if (used[i] < used[victim]) {
                victim = i;
            }
        }
        keys[victim] = k;
        total[victim] = -1;
        count[victim] = 0;
        if (starts[victim] == null) {
            starts[victim] = new int[16];
            ends[victim] = new int[16];
        }
        return victim;
    }

    private void ensure(int s, int size) {
        byte[] d = data[s];
        if (d == null || d.length < size) {
            int n = Math.max(size, d == null ? 2048 : Math.min(PREFIX + MAX_DATAGRAM, 2 * d.length));
            byte[] grown = new byte[n];
            if (d != null) {
                System.arraycopy(d, 0, grown, 0, d.length);
            }
            data[s] = grown;
        }
    }

    /** Keeps the fragments sorted by start offset. */
    private void insert(int s, int start, int end) {
        int n = count[s];
        if (n == starts[s].length) {
            starts[s] = java.util.Arrays.copyOf(starts[s], Math.min(MAX_FRAGMENTS, 2 * n));
            ends[s] = java.util.Arrays.copyOf(ends[s], starts[s].length);
        }
        int[] st = starts[s];
        int[] en = ends[s];
        int i = n;
        while (i > 0 && st[i - 1] > start) {
            st[i] = st[i - 1];
            en[i] = en[i - 1];
            i--;
        }
        st[i] = start;
        en[i] = end;
        count[s] = n + 1;
    }

    private boolean covered(int s) {
        int reach = 0;
        int[] st = starts[s];
        int[] en = ends[s];
        for (int i = 0; i < count[s]; i++) {
            if (st[i] > reach) {
                return false;
            }
            reach = Math.max(reach, en[i]);
        }
        return reach >= total[s];
    }

    /** A key for a datagram: the address bytes, then the identification and protocol numbers. */
    public static long key(byte[] b, int src, int dst, int addrLen, long identification, int protocol, int vlan) {
        long h = ConversationTable.SEED;
        h = ConversationTable.hash(h, b, src, addrLen);
        h = ConversationTable.hash(h, b, dst, addrLen);
        h = ConversationTable.hash(h, identification << 16 ^ (long) protocol << 8 ^ (long) vlan << 48 ^ addrLen);
        return ConversationTable.mix(h);
    }
}
