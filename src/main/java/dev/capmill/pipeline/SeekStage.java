package dev.capmill.pipeline;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.PacketSkipping;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Sits directly over one input's reader and lets it skip what a time window cannot use, as
 * tcpslice does for pcap: once the first packet has been read (relative times count from it; with
 * a reorder window, once a packet more than the margin later has been passed on, for the reorder
 * window's first packet is settled only then), a
 * reader that can ({@link PacketSkipping}) is told to leave out the packets before the window's
 * start minus the margin, which a pcap file does by a binary search over its offsets; and once a
 * packet at or after the window's end plus the margin has been read, while no packet read so far
 * came more than the margin after a later-stamped one, it is told to leave out every further
 * packet. Records pass unchanged; the time window stage further down still decides which packets
 * are in the window, so the output is the same as without this stage whenever the input is in
 * time order up to the margin. Packets the reader leaves out are never seen by the stages after
 * this one (order warnings, for instance, count only what was read).
 */
public final class SeekStage extends StageSource {
    private static final long NANOS = 1_000_000_000L;

    private final Supplier<CaptureReader> reader;
    private final SeekPlan plan;
    private boolean first = true;
    private long stop = Long.MAX_VALUE;
    private long skipTo = Long.MIN_VALUE;
    /** The skip target once known, until the packets passed on have settled the first packet downstream. */
    private long wanted = Long.MIN_VALUE;
    private long settledAfter = Long.MIN_VALUE;
    private boolean stopPending;
    private boolean stopped;
    private long latest = Long.MIN_VALUE;
    private long maxLate;
    private PacketSkipping used;

    /** {@code reader} gives the reader under {@code upstream} (null when there is none now). */
    public SeekStage(RecordSource upstream, Supplier<CaptureReader> reader, SeekPlan plan) {
        super(upstream);
        this.reader = reader;
        this.plan = plan;
    }

    /** The reader's skipping statistics, or null when it was never asked to skip. */
    public PacketSkipping skipper() {
        return used;
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        // The reader is moved only here, after the record returned last has been used.
        if (skipTo != Long.MIN_VALUE) {
            PacketSkipping s = skipping();
            if (s != null) {
                s.skipUntil(Math.floorDiv(skipTo, NANOS), (int) Math.floorMod(skipTo, NANOS));
            }
            skipTo = Long.MIN_VALUE;
        }
        if (stopPending) {
            PacketSkipping s = skipping();
            if (s != null) {
                s.skipRemainingPackets();
            }
            stopPending = false;
            stopped = true;
        }
        if (!upstream.next(into)) {
            return false;
        }
        if (!stopped && into.isPacket() && into.hasTimestamp()) {
            look(into);
        }
        return true;
    }

    private void look(PacketRecord p) {
        if (!SeekPlan.fits(p.seconds())) {
            stopped = true; // a time beyond what the plan can compare: read on without skipping
            return;
        }
        long t = p.seconds() * NANOS + p.nanos();
        if (first) {
            first = false;
            long from = plan.from(t);
            stop = plan.stop(t);
            if (from != Long.MIN_VALUE && t < from) {
                wanted = from;
                settledAfter = plan.settle() == 0 ? Long.MIN_VALUE
                        : t > Long.MAX_VALUE - plan.settle() ? Long.MAX_VALUE : t + plan.settle();
            }
        }
        if (wanted != Long.MIN_VALUE && t > settledAfter) {
            if (t < wanted) {
                skipTo = wanted;
            }
            wanted = Long.MIN_VALUE;
        }
        if (t < latest) {
            maxLate = Math.max(maxLate, latest - t);
        } else {
            latest = t;
        }
        if (t >= stop && maxLate <= plan.margin()) {
            stopPending = true;
        }
    }

    private PacketSkipping skipping() {
        CaptureReader r = reader.get();
        if (r instanceof PacketSkipping s) {
            used = s;
            return s;
        }
        return null;
    }
}
