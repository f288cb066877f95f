package dev.capmill.text;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Input;
import dev.capmill.io.Output;
import java.io.IOException;
import java.util.List;

/** tshark-style one-line text: an output-only format (a text file is never read as a capture). */
public final class TextFormat implements CaptureFormat {
    public static final String ID = "text";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "tshark -n -r one-line summaries (output only)";
    }

    @Override
    public List<String> extensions() {
        return List.of("txt");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        return false;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        throw new CaptureException.Unsupported(ID, -1, -1, "text output cannot be read back");
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) {
        return new TextWriter(out, metadata, options.text());
    }
}
