package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;
import java.io.IOException;

/** Wireshark fields ({@code -e}) separated by tabs, as {@code tshark -T fields} writes them: an output-only format. */
public final class TsvFormat extends OutputOnlyFormat {
    public static final String ID = "tsv";

    public TsvFormat() {
        super(ID, "Wireshark fields (-e) as tshark -T fields writes them (output only)", "tsv");
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) throws IOException {
        return new TsvWriter(out, metadata, options.text());
    }
}
