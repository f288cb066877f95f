package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;

/** tshark-style one-line text: an output-only format (a text file is never read as a capture). */
public final class TextFormat extends OutputOnlyFormat {
    public static final String ID = "text";

    public TextFormat() {
        super(ID, "tshark -n -r one-line summaries (output only)", "txt");
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) {
        return new TextWriter(out, metadata, options.text());
    }
}
