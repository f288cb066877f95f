package dev.capmill.format.etl;

/**
 * A hash table from a key of two longs and an int to a long, open addressing with linear probing:
 * looking a key up allocates nothing (no boxing), so the reader can find a packet's interface or
 * count an event per packet without garbage. Grows at half full.
 */
final class KeyTable {
    private long[] a = new long[16];
    private long[] b = new long[16];
    private int[] c = new int[16];
    private long[] value = new long[16];
    private boolean[] used = new boolean[16];
    private int size;

    private static int hash(long x, long y, int z) {
        long h = x * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(y * 0xC2B2AE3D27D4EB4FL, 31) ^ (z * 0x165667B19E3779F9L);
        return (int) (h ^ h >>> 29 ^ h >>> 47);
    }

    private int slot(long x, long y, int z) {
        int mask = used.length - 1;
        int i = hash(x, y, z) & mask;
        while (used[i] && (a[i] != x || b[i] != y || c[i] != z)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** The value of the key, or {@code absent}. */
    long get(long x, long y, int z, long absent) {
        int i = slot(x, y, z);
        return used[i] ? value[i] : absent;
    }

    void put(long x, long y, int z, long v) {
        int i = slot(x, y, z);
        if (!used[i]) {
            if (2 * (size + 1) > used.length) {
                grow();
                i = slot(x, y, z);
            }
            used[i] = true;
            a[i] = x;
            b[i] = y;
            c[i] = z;
            size++;
        }
        value[i] = v;
    }

    /** Adds {@code delta} to the key's value (0 when absent). */
    void add(long x, long y, int z, long delta) {
        put(x, y, z, get(x, y, z, 0) + delta);
    }

    int size() {
        return size;
    }

    void clear() {
        java.util.Arrays.fill(used, false);
        size = 0;
    }

    /** Visits every entry, in no particular order. */
    void forEach(Visitor v) {
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                v.entry(a[i], b[i], c[i], value[i]);
            }
        }
    }

    interface Visitor {
        void entry(long x, long y, int z, long value);
    }

    private void grow() {
        long[] oa = a;
        long[] ob = b;
        int[] oc = c;
        long[] ov = value;
        boolean[] ou = used;
        int n = ou.length * 2;
        a = new long[n];
        b = new long[n];
        c = new int[n];
        value = new long[n];
        used = new boolean[n];
        size = 0;
        for (int i = 0; i < ou.length; i++) {
            if (ou[i]) {
                put(oa[i], ob[i], oc[i], ov[i]);
            }
        }
    }
}
