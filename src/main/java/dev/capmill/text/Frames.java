package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.model.PacketRecord;
import dev.capmill.text.fields.Packet;

/** The per-packet state a text output shares: numbering and times, the summary, and the field view of both. */
final class Frames {
    final Summarizer summary = new Summarizer();
    final Clock clock;
    final Packet packet;

    private final boolean blockFrames;

    Frames(CaptureMetadata metadata, TextOptions options) {
        this.blockFrames = options.blockFrames();
        TimeFormat timeFormat = options.timeFormat();
        clock = new Clock(metadata);
        packet = new Packet(summary.dissection(), clock, timeFormat, summary.source, summary.destination,
                summary.protocol, summary.info);
    }

    /**
     * Numbers, times and summarises record {@code r} when tshark shows it as a frame (a packet, or
     * one of {@link BlockFrames}), and then {@link #packet} describes it; returns false for the
     * other records, which a text output does not show.
     */
    boolean next(PacketRecord r) {
        boolean isPacket = r.isPacket();
        if (!isPacket && (!blockFrames || !BlockFrames.isFrame(r))) {
            return false;
        }
        clock.next(r);
        packet.record = r;
        if (isPacket) {
            summary.summarize(r.data(), r.offset(), r.capturedLength(),
                    (int) Math.min(Integer.MAX_VALUE, r.originalLength()), clock.linkType, clock.frame,
                    r.seconds() * 1_000_000_000L + r.nanos());
            packet.length = r.originalLength();
            packet.capturedLength = r.capturedLength();
        } else {
            summary.blank(clock.frame);
            BlockFrames.summarize(r, summary.protocol, summary.info);
            packet.length = BlockFrames.originalLength(r);
            packet.capturedLength = BlockFrames.length(r);
        }
        return true;
    }
}
