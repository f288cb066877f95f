package dev.capmill.decode;

/**
 * A fixed-size, 4-way set-associative table from 64-bit keys to slot numbers, evicting the least
 * recently used entry of a set when full. Its memory is set at creation and never grows, whatever
 * the number of packets; the owner keeps per-slot state in parallel arrays. Keys are 64-bit hashes
 * of a conversation's identity, so two conversations share state only if their hashes collide.
 */
final class ConversationTable {
    private static final int WAYS = 4;
    private final long[] keys;
    private final long[] used;
    private final int setMask;
    private long clock;
    /** Whether the last {@link #slot} call created the entry (its state must be reset by the owner). */
    boolean created;

    ConversationTable(int sets) {
        if (Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException("sets must be a power of two: " + sets);
        }
        keys = new long[sets * WAYS];
        used = new long[sets * WAYS];
        setMask = sets - 1;
    }

    /** Forgets every entry. */
    void clear() {
        java.util.Arrays.fill(keys, 0);
        java.util.Arrays.fill(used, 0);
        clock = 0;
    }

    int capacity() {
        return keys.length;
    }

    /** The slot of {@code key}, made (evicting the least recently used of its set) when absent. */
    int slot(long key) {
        long k = key == 0 ? 1 : key;
        int base = (int) (mix(k) & setMask) * WAYS;
        int victim = base;
        clock++;
        for (int i = base; i < base + WAYS; i++) {
            if (keys[i] == k) {
                used[i] = clock;
                created = false;
                return i;
            }
            if (used[i] < used[victim]) {
                victim = i;
            }
        }
        keys[victim] = k;
        used[victim] = clock;
        created = true;
        return victim;
    }

    /** The slot of {@code key} or -1, without creating it. */
    int find(long key) {
        long k = key == 0 ? 1 : key;
        int base = (int) (mix(k) & setMask) * WAYS;
        for (int i = base; i < base + WAYS; i++) {
            if (keys[i] == k) {
                used[i] = ++clock;
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
