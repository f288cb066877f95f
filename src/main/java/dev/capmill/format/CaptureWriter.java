package dev.capmill.format;

import dev.capmill.model.PacketRecord;
import java.io.IOException;

/**
 * Writes records of every kind, in order, to an {@link dev.capmill.io.Output}. Interfaces and
 * sections referred to by records are looked up in the {@link CaptureMetadata} given at creation.
 * What the format cannot hold is refused with {@link CaptureException.Unwritable} or dropped with a
 * warning, as {@link WriteOptions#lossPolicy()} says. {@link #finish()} completes the file (a
 * writer that saw no packet still writes a valid empty file); it does not close the output.
 */
public interface CaptureWriter {
    String formatId();

    void write(PacketRecord record) throws IOException;

    void finish() throws IOException;
}
