package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.model.PacketRecord;
import dev.capmill.text.fields.Packet;

/** The per-packet state a text output shares: numbering and times, the summary, and the field view of both. */
final class Frames {
    final Summarizer summary = new Summarizer();
    final Clock clock;
    final Packet packet;

    Frames(CaptureMetadata metadata, TimeFormat timeFormat) {
        clock = new Clock(metadata);
        packet = new Packet(summary.dissection(), clock, timeFormat, summary.source, summary.destination,
                summary.protocol, summary.info);
    }

    /** Numbers, times and summarises packet {@code r}; then {@link #packet} describes it. */
    void next(PacketRecord r) {
        clock.next(r);
        summary.summarize(r.data(), r.offset(), r.capturedLength(),
                (int) Math.min(Integer.MAX_VALUE, r.originalLength()), clock.linkType, clock.frame);
        packet.record = r;
    }
}
