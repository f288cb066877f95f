package dev.capmill.pipeline;

import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * Sorts packets by time within a bounded window, as reordercap does without holding the whole
 * file: a packet is held until a packet more than {@code window} later has been read, then the
 * earliest held packet goes on (equal times keep their input order). A packet that arrives more than
 * the window late still comes out in order relative to what is held, but after what already went
 * on; {@link #late()} counts those. Records that are not packets pass at once.
 */
public final class ReorderStage extends StageSource {
    private static final class Held {
        final PacketRecord r = new PacketRecord();
        long seq;
    }

    private final long windowNanos;
    private final PriorityQueue<Held> heap = new PriorityQueue<>((a, b) -> {
        int c = PacketRecord.compareTime(a.r, b.r);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private final ArrayDeque<Held> free = new ArrayDeque<>();
    private long maxS = Long.MIN_VALUE;
    private int maxN;
    private long lastOutS = Long.MIN_VALUE;
    private int lastOutN;
    private long seq;
    private long late;
    private long moved;
    private boolean draining;
    private Held lent;

    public ReorderStage(RecordSource upstream, long windowNanos) {
        super(upstream);
        this.windowNanos = windowNanos;
    }

    /** Packets that came later than the window allows, so that the output is still out of order there. */
    public long late() {
        return late;
    }

    /** Packets that were held back because a later-stamped packet came before them. */
    public long moved() {
        return moved;
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        if (lent != null) {
            free.add(lent);
            lent = null;
        }
        while (true) {
            if (!heap.isEmpty() && (draining || exceeded(heap.peek().r))) {
                Held h = heap.poll();
                emit(h, into);
                return true;
            }
            if (draining) {
                return false;
            }
            if (!upstream.next(into)) {
                draining = true;
                continue;
            }
            if (!into.isPacket() || !into.hasTimestamp()) {
                // metadata, and packets without a time to sort by, go on at once
                return true;
            }
            if (maxS != Long.MIN_VALUE && TimeSpec.compare(into, maxS, maxN) < 0) {
                moved++;
            } else {
                maxS = into.seconds();
                maxN = into.nanos();
            }
            Held h = take();
            h.r.copyFrom(into);
            h.seq = seq++;
            heap.add(h);
        }
    }

    private void emit(Held h, PacketRecord into) {
        PacketRecord r = h.r;
        if (lastOutS != Long.MIN_VALUE && r.hasTimestamp() && TimeSpec.compare(r, lastOutS, lastOutN) < 0) {
            late++;
        }
        if (r.hasTimestamp()) {
            lastOutS = r.seconds();
            lastOutN = r.nanos();
        }
        into.shareFrom(r);
        lent = h;
    }

    private Held take() {
        Held h = free.poll();
        return h != null ? h : new Held();
    }

    /** Whether the newest time seen is more than the window after {@code r}'s. */
    private boolean exceeded(PacketRecord r) {
        if (!r.hasTimestamp()) {
            return true;
        }
        long ds = maxS - r.seconds();
        long dn = maxN - r.nanos();
        if (ds > windowNanos / 1_000_000_000L + 1) {
            return true;
        }
        return ds * 1_000_000_000L + dn > windowNanos;
    }
}
