package dev.capmill.pipeline;

import dev.capmill.format.CaptureException;
import dev.capmill.model.PacketRecord;
import java.io.IOException;

/**
 * Moves every packet's time by a fixed number of nanoseconds, exactly, or so that the first packet
 * is at a given time. A shift that would put a packet before 1970-01-01 (which no output format can
 * hold) or beyond what a long of seconds holds is refused with the packet's number.
 */
public final class ShiftStage extends StageSource.PacketFilter {
    private long offsetNanos;
    private final TimeSpec start;
    private boolean resolved;

    public ShiftStage(RecordSource upstream, long offsetNanos) {
        super(upstream);
        this.offsetNanos = offsetNanos;
        this.start = null;
        this.resolved = true;
    }

    /** The first packet that has a time is put at {@code start}; the others keep their distance from it. */
    public ShiftStage(RecordSource upstream, TimeSpec start) {
        super(upstream);
        this.start = start;
    }

    /** The offset applied (known after the first packet when shifting to a start time). */
    public long offsetNanos() {
        return offsetNanos;
    }

    @Override
    protected boolean accept(PacketRecord p) throws IOException {
        if (!p.hasTimestamp()) {
            return true;
        }
        if (!resolved) {
            long[] t = start.resolve(p.seconds(), p.nanos());
            try {
                offsetNanos = Math.addExact(Math.multiplyExact(Math.subtractExact(t[0], p.seconds()), 1_000_000_000L),
                        t[1] - p.nanos());
            } catch (ArithmeticException e) {
                throw new CaptureException.Unwritable("shift", "the distance from the first packet to " + start
                        + " is more than 292 years");
            }
            resolved = true;
        }
        long sec;
        try {
            sec = Math.addExact(p.seconds(), Math.floorDiv(offsetNanos, 1_000_000_000L));
        } catch (ArithmeticException e) {
            throw new CaptureException.Unwritable("shift", "packet " + (seen()) + " would be beyond the largest time");
        }
        long ns = p.nanos() + Math.floorMod(offsetNanos, 1_000_000_000L);
        if (ns >= 1_000_000_000L) {
            if (sec == Long.MAX_VALUE) {
                throw new CaptureException.Unwritable("shift", "packet " + seen() + " would be beyond the largest time");
            }
            sec++;
            ns -= 1_000_000_000L;
        }
        if (sec < 0) {
            throw new CaptureException.Unwritable("shift", "packet " + seen() + " at " + p.seconds() + "."
                    + String.format("%09d", p.nanos()) + " would be moved before 1970-01-01 (" + sec + "."
                    + String.format("%09d", ns) + "), which capture formats cannot hold; shift by less");
        }
        p.setTime(sec, ns);
        return true;
    }
}
