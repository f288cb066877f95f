package dev.capmill.pipeline;

import dev.capmill.model.PacketRecord;
import java.io.IOException;

/**
 * Keeps the packets with {@code from <= time < to} (as editcap -A/-B). Either end may be absent.
 * Relative ends ({@code +10s}) count from the first packet that has a time. Packets without a time
 * are kept only when there is no window. Every packet is read: an input out of time order may have
 * packets of the window after later ones.
 */
public final class TimeWindowStage extends StageSource.PacketFilter {
    private final TimeSpec from;
    private final TimeSpec to;
    private boolean resolved;
    private long fromS = Long.MIN_VALUE;
    private long fromN;
    private long toS = Long.MAX_VALUE;
    private long toN = Long.MAX_VALUE;

    public TimeWindowStage(RecordSource upstream, TimeSpec from, TimeSpec to) {
        super(upstream);
        this.from = from;
        this.to = to;
    }

    @Override
    protected boolean accept(PacketRecord p) throws IOException {
        if (!p.hasTimestamp()) {
            return false;
        }
        if (!resolved) {
            if (from != null) {
                long[] t = from.resolve(p.seconds(), p.nanos());
                fromS = t[0];
                fromN = t[1];
            }
            if (to != null) {
                long[] t = to.resolve(p.seconds(), p.nanos());
                toS = t[0];
                toN = t[1];
            }
            resolved = true;
        }
        return TimeSpec.compare(p, fromS, fromN) >= 0 && TimeSpec.compare(p, toS, toN) < 0;
    }
}
