package dev.capmill.format;

import dev.capmill.model.PacketRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * A pull reader. {@link #next(PacketRecord)} fills the record and returns true, or returns false
 * at a clean end of input. An input that ends inside a record throws
 * {@link CaptureException.Truncated} after every complete record before it was returned; damage
 * throws {@link CaptureException.Corrupt} (or, in lenient mode, is skipped and counted in
 * {@link #skipped()}). A reader never prints and never uses runtime exceptions for end of file.
 */
public interface CaptureReader extends CaptureMetadata, Closeable {
    /** The id of the format read, e.g. "pcap". */
    String formatId();

    /** The variant read, for people: "pcap (nanosecond, big-endian)", "pcapng", "NetMon 2.1". */
    String fileType();

    boolean next(PacketRecord into) throws IOException;

    /** Bytes consumed so far of the (decompressed) input, for progress reports. */
    long position();

    /** Records skipped as damaged in lenient mode, or as not representable. */
    default long skipped() {
        return 0;
    }

    /**
     * Figures about the input beyond its packets, for {@code capmill info}: label → number, text,
     * or a map of label → number, in the order to show. Complete once {@link #next} returned false
     * (or failed); still readable after {@link #close()}. Most formats have none.
     */
    default Map<String, Object> details() {
        return Map.of();
    }
}
