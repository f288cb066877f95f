package dev.capmill.pipeline;

import dev.capmill.model.PacketRecord;
import java.io.IOException;

/**
 * Keeps the packets whose number (from 1, counting every packet that reaches this stage, as tshark
 * numbers frames) is in the ranges. Once past the last range, reading stops.
 */
public final class PacketRangeStage extends StageSource {
    private final PacketRanges ranges;
    private long number;
    private boolean done;

    public PacketRangeStage(RecordSource upstream, PacketRanges ranges) {
        super(upstream);
        this.ranges = ranges;
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        while (!done && upstream.next(into)) {
            if (!into.isPacket()) {
                return true;
            }
            number++;
            if (ranges.contains(number)) {
                return true;
            }
            if (number >= ranges.last()) {
                done = true;
            }
        }
        return false;
    }
}
