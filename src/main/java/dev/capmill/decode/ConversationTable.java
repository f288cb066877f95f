package dev.capmill.decode;

/**
 * A fixed-size, 4-way set-associative table from 64-bit keys to slot numbers, evicting the least
 * recently used entry of a set when full. Its memory is set at creation and never grows, whatever
 * the number of packets; the owner keeps per-slot state in parallel arrays. Keys are 64-bit hashes
 * of a conversation's identity, so two conversations share state only if their hashes collide.
 */
final class ConversationTable {
    private static final int WAYS = 4;
    /**
     * Entry i's key at {@code 2i} and its last use at {@code 2i + 1}: a set's four ways are one
     * 64-byte line, so a lookup misses the cache once, not once per array.
     */
    private final long[] entries;
    private final int setMask;
    private long clock;
    /** Whether the last {@link #slot} call created the entry (its state must be reset by the owner). */
    boolean created;

    ConversationTable(int sets) {
        if (Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException("sets must be a power of two: " + sets);
        }
        entries = new long[sets * WAYS * 2];
        setMask = sets - 1;
    }

    /** Forgets every entry. */
    void clear() {
        java.util.Arrays.fill(entries, 0);
        clock = 0;
    }

    int capacity() {
        return entries.length / 2;
    }

    /** The slot of {@code key}, made (evicting the least recently used of its set) when absent. */
    int slot(long key) {
        long k = key == 0 ? 1 : key;
        int base = (int) (mix(k) & setMask) * WAYS;
        int victim = base;
        clock++;
        long[] e = entries;
        for (int i = base; i < base + WAYS; i++) {
            if (e[2 * i] == k) {
                e[2 * i + 1] = clock;
                created = false;
                return i;
            }
            if (e[2 * i + 1] < e[2 * victim + 1]) {
                victim = i;
            }
        }
        e[2 * victim] = k;
        e[2 * victim + 1] = clock;
        created = true;
        return victim;
    }

    /** The slot of {@code key} or -1, without creating it. */
    int find(long key) {
        long k = key == 0 ? 1 : key;
        int base = (int) (mix(k) & setMask) * WAYS;
        for (int i = base; i < base + WAYS; i++) {
            if (entries[2 * i] == k) {
                entries[2 * i + 1] = ++clock;
                return i;
            }
        }
        return -1;
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Folds {@code len} bytes into a running 64-bit hash (FNV-1a, then mixed by the caller's use). */
    static long hash(long h, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            h ^= b[off + i] & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long hash(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (8 * i)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static final long SEED = 0xcbf29ce484222325L;
}
