package dev.capmill.text.fields;

import dev.capmill.decode.Dissection;
import dev.capmill.model.PacketRecord;
import dev.capmill.text.Clock;
import dev.capmill.text.TimeFormat;

/**
 * What a field extractor reads for the current packet: the record, what the summary decoded
 * ({@link Dissection}: read a decoder only when its layer bit is set), frame number and times,
 * and the summary's columns. One instance per output, refilled for every packet.
 */
public final class Packet {
    /** The packet being written (its payload view is valid until the next packet). */
    public PacketRecord record;
    /** The frame's length on the wire and as captured, as tshark gives them (a block's differ from its record's). */
    public long length;
    public long capturedLength;
    public final Dissection d;
    public final Clock clock;
    /** The Time column's format (tshark's -t). */
    public final TimeFormat timeFormat;
    /** The summary's Source, Destination, Protocol and Info columns of the current packet. */
    public final CharSequence source;
    public final CharSequence destination;
    public final CharSequence protocol;
    public final CharSequence info;

    public Packet(Dissection d, Clock clock, TimeFormat timeFormat, CharSequence source, CharSequence destination,
            CharSequence protocol, CharSequence info) {
        this.d = d;
        this.clock = clock;
        this.timeFormat = timeFormat;
        this.source = source;
        this.destination = destination;
        this.protocol = protocol;
        this.info = info;
    }

    /** The packet's bytes (offsets in the decoders are absolute in this array). */
    public byte[] bytes() {
        return record.data();
    }
}
