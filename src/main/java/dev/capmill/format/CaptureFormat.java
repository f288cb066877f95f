package dev.capmill.format;

import dev.capmill.io.Input;
import dev.capmill.io.Output;
import java.io.IOException;
import java.util.List;

/**
 * One on-disk format: how to recognise it by content, read it and (where possible) write it.
 * Probes look only at the first bytes and answer yes or no; they never throw for content.
 */
public interface CaptureFormat {
    /** Bytes given to {@link #probe(byte[], int)} (fewer when the input is shorter). */
    int PROBE_BYTES = 4096;

    /** Short id used on the command line and in messages: "pcap", "pcapng", "netmon". */
    String id();

    String description();

    /** Usual file name extensions, without the dot, for choosing an output format by name. */
    List<String> extensions();

    /** Whether the magic number (or signature) at the start of the input is this format's. */
    boolean probe(byte[] head, int length);

    /** Opens a reader positioned at the start of {@code in}, which {@link #probe} accepted. */
    CaptureReader open(Input in, ReadOptions options) throws IOException;

    default boolean writable() {
        return false;
    }

    /** A writer to {@code out} for records described by {@code metadata}. */
    default CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) throws IOException {
        throw new CaptureException.Unsupported(id(), -1, -1, "writing is not supported");
    }
}
