package dev.capmill.pipeline;

import dev.capmill.model.PacketRecord;
import java.time.Instant;

/**
 * A point in time given on the command line: absolute (seconds + nanoseconds since the epoch) or
 * relative to the first packet's time ({@code +10s}), resolved once the first packet is seen.
 */
public final class TimeSpec {
    private final boolean relative;
    private final long seconds;
    private final int nanos;
    private final long offsetNanos;

    private TimeSpec(boolean relative, long seconds, int nanos, long offsetNanos) {
        this.relative = relative;
        this.seconds = seconds;
        this.nanos = nanos;
        this.offsetNanos = offsetNanos;
    }

    public static TimeSpec absolute(long seconds, int nanos) {
        return new TimeSpec(false, seconds, nanos, 0);
    }

    public static TimeSpec absolute(Instant i) {
        return absolute(i.getEpochSecond(), i.getNano());
    }

    public static TimeSpec relative(long nanos) {
        return new TimeSpec(true, 0, 0, nanos);
    }

    public boolean isRelative() {
        return relative;
    }

    public long offsetNanos() {
        return offsetNanos;
    }

    /** Seconds of the absolute time; for a relative time, of first + offset. */
    public long[] resolve(long firstSeconds, int firstNanos) {
        if (!relative) {
            return new long[] {seconds, nanos};
        }
        long s = Math.addExact(firstSeconds, Math.floorDiv(offsetNanos, 1_000_000_000L));
        long n = firstNanos + Math.floorMod(offsetNanos, 1_000_000_000L);
        if (n >= 1_000_000_000L) {
            s = Math.addExact(s, 1);
            n -= 1_000_000_000L;
        }
        return new long[] {s, n};
    }

    /** Compares a packet's time with (seconds, nanos). */
    static int compare(PacketRecord r, long sec, long ns) {
        int c = Long.compare(r.seconds(), sec);
        return c != 0 ? c : Long.compare(r.nanos(), ns);
    }

    @Override
    public String toString() {
        return relative ? "+" + offsetNanos + "ns" : Instant.ofEpochSecond(seconds, nanos).toString();
    }
}
