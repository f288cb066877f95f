package dev.capmill.pipeline;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.model.PacketRecord;
import java.io.Closeable;
import java.io.IOException;

/** A stream of records with the sections and interfaces they refer to: one reader, or several combined. */
public interface RecordSource extends CaptureMetadata, Closeable {
    /** Fills {@code into} with the next record; false when every input is done. */
    boolean next(PacketRecord into) throws IOException;

    /** Bytes consumed so far over all inputs, for progress. */
    long position();
}
