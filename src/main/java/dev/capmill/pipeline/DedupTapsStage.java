package dev.capmill.pipeline;

import dev.capmill.decode.TapKey;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps one copy of a packet captured at several points: a packet is dropped when a packet with
 * the same {@link TapKey} came before it, from another interface, at most {@code window} earlier
 * or later. Interfaces stand for capture points (a merge keeps each input's interfaces apart).
 * The copy kept is the first in the stream's order; packets without a key (not IP or ARP) pass.
 *
 * <p>The window is a ring of the recent packets' keys, times and interfaces, indexed by a hash
 * whose chains run from newer to older entries and end at the first entry that has left the ring,
 * so nothing is ever removed from the index. The ring grows while all it holds is within the
 * window, up to {@link #MAX_ENTRIES}; past that the oldest are forgotten early and counted.
 */
public final class DedupTapsStage extends StageSource.PacketFilter {
    /** Default window: 1 ms. */
    public static final long DEFAULT_WINDOW_NANOS = 1_000_000L;
    /** Most packets remembered (52 bytes each: about 14 MB). */
    public static final int MAX_ENTRIES = 1 << 18;

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private final long window;
    private final TapKey key = new TapKey();
    private int cap;
    private long[] hiOf;
    private long[] loOf;
    private long[] timeOf;
    private int[] ifaceOf;
    private long[] older;
    private long[] bucket;
    private long head;
    private long tail;
    private long removed;
    private long forgottenEarly;

    public DedupTapsStage(RecordSource upstream, long windowNanos) {
        super(upstream);
        if (windowNanos < 0) {
            throw new IllegalArgumentException("a window cannot be negative");
        }
        this.window = windowNanos;
        allocate(4096);
    }

    /** Packets dropped as copies of one seen at another interface. */
    public long removed() {
        return removed;
    }

    /** Packets forgotten before the window had passed them, because the ring was full. */
    public long forgottenEarly() {
        return forgottenEarly;
    }

    private void allocate(int capacity) {
        cap = capacity;
        hiOf = new long[capacity];
        loOf = new long[capacity];
        timeOf = new long[capacity];
        ifaceOf = new int[capacity];
        older = new long[capacity];
        bucket = new long[capacity * 2];
        Arrays.fill(bucket, -1L);
    }

    @Override
    protected boolean accept(PacketRecord p) {
        if (!p.hasTimestamp() || p.seconds() < 0 || p.seconds() > MAX_SECONDS) {
            return true;
        }
        List<InterfaceInfo> ifs = upstream.interfaces();
        int iface = p.interfaceId();
        if (iface < 0 || iface >= ifs.size()
                || !key.compute(p.data(), p.offset(), p.capturedLength(), ifs.get(iface).linkType())) {
            return true;
        }
        long t = p.seconds() * 1_000_000_000L + p.nanos();
        long hi = key.hi();
        long lo = key.lo();
        int mask = cap - 1;
        while (tail < head && t - timeOf[(int) (tail & mask)] > window) {
            tail++;
        }
        int b = bucketOf(lo);
        for (long seq = bucket[b]; seq >= tail; ) {
            int s = (int) (seq & mask);
            if (hiOf[s] == hi && loOf[s] == lo && ifaceOf[s] != iface && Math.abs(t - timeOf[s]) <= window) {
                removed++;
                return false;
            }
            seq = older[s];
        }
        if (head - tail == cap) {
            if (cap < MAX_ENTRIES) {
                grow();
                mask = cap - 1;
                b = bucketOf(lo);
            } else {
                tail++;
                forgottenEarly++;
            }
        }
        int s = (int) (head & mask);
        hiOf[s] = hi;
        loOf[s] = lo;
        timeOf[s] = t;
        ifaceOf[s] = iface;
        older[s] = bucket[b];
        bucket[b] = head;
        head++;
        return true;
    }

    private int bucketOf(long lo) {
        return (int) (lo ^ (lo >>> 29)) & (bucket.length - 1);
    }

    /** Doubles the ring, keeping each entry's sequence number, and rebuilds the chains. */
    private void grow() {
        int oldMask = cap - 1;
        long[] h = hiOf;
        long[] l = loOf;
        long[] tm = timeOf;
        int[] f = ifaceOf;
        allocate(cap * 2);
        int mask = cap - 1;
        for (long seq = tail; seq < head; seq++) {
            int o = (int) (seq & oldMask);
            int s = (int) (seq & mask);
            hiOf[s] = h[o];
            loOf[s] = l[o];
            timeOf[s] = tm[o];
            ifaceOf[s] = f[o];
            int b = bucketOf(l[o]);
            older[s] = bucket[b];
            bucket[b] = seq;
        }
    }
}
