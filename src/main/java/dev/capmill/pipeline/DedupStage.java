package dev.capmill.pipeline;

import dev.capmill.model.PacketRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Drops a packet whose bytes (MD5 and captured length, as editcap) equal those of a packet
 * shortly before it: within the previous {@code window - 1} packets ({@code editcap -D window};
 * {@code -d} is a window of 5), or within a time (editcap -w: a packet at most that much earlier).
 * As in editcap, dropped packets stay in the window, so a burst of copies is reduced to one.
 * The window holds digests only (24 bytes a packet), at most 1,000,000 of them.
 */
public final class DedupStage extends StageSource.PacketFilter {
    public static final int MAX_WINDOW = 1_000_000;
    public static final int DEFAULT_WINDOW = 5;

    private record Key(long a, long b, int len) {
    }

    private record Entry(Key key, long seconds, int nanos) {
    }

    private final int window;
    private final long timeWindowNanos;
    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<Key, int[]> counts = new HashMap<>();
    private long dropped;

    /** Packet window: each packet is compared with the {@code window - 1} before it. */
    public static DedupStage packets(RecordSource upstream, int window) {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("a dedup window is 1.." + MAX_WINDOW + " packets, not " + window);
        }
        return new DedupStage(upstream, window, -1);
    }

    /** Time window: each packet is compared with the packets at most {@code nanos} before it. */
    public static DedupStage time(RecordSource upstream, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a dedup time window cannot be negative");
        }
        return new DedupStage(upstream, MAX_WINDOW, nanos);
    }

    private DedupStage(RecordSource upstream, int window, long timeWindowNanos) {
        super(upstream);
        this.window = window;
        this.timeWindowNanos = timeWindowNanos;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long dropped() {
        return dropped;
    }

    @Override
    protected boolean accept(PacketRecord p) {
        md5.update(p.data(), p.offset(), p.capturedLength());
        try {
            md5.digest(digest, 0, 16);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        Key key = new Key(dev.capmill.model.Bytes.i64LE(digest, 0), dev.capmill.model.Bytes.i64LE(digest, 8),
                p.capturedLength());
        if (timeWindowNanos >= 0) {
            // forget what is more than the window before this packet (editcap stops its backward scan there)
            while (!entries.isEmpty() && older(entries.peekFirst(), p)) {
                forget(entries.pollFirst());
            }
        }
        // the packets this one is compared with: at most window - 1 before it
        while (entries.size() > window - 1) {
            forget(entries.pollFirst());
        }
        int[] c = counts.get(key);
        boolean dup = c != null && c[0] > 0;
        entries.addLast(new Entry(key, p.seconds(), p.nanos()));
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        if (dup) {
            dropped++;
        }
        return !dup;
    }

    /** Whether {@code e} is more than the time window before {@code p}. */
    private boolean older(Entry e, PacketRecord p) {
        long ds = p.seconds() - e.seconds;
        long dn = p.nanos() - e.nanos;
        // delta = ds s + dn ns; compare with the window without overflow
        long w = timeWindowNanos;
        long ws = w / 1_000_000_000L;
        long wn = w % 1_000_000_000L;
        if (dn < 0) {
            ds--;
            dn += 1_000_000_000L;
        }
        return ds > ws || (ds == ws && dn > wn);
    }

    private void forget(Entry e) {
        int[] c = counts.get(e.key);
        if (--c[0] == 0) {
            counts.remove(e.key);
        }
    }
}
