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

/** Wireshark fields ({@code -e}) separated by tabs, as {@code tshark -T fields} writes them: an output-only format. */
public final class TsvFormat implements CaptureFormat {
    public static final String ID = "tsv";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Wireshark fields (-e) as tshark -T fields writes them (output only)";
    }

    @Override
    public List<String> extensions() {
        return List.of("tsv");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        return false;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        throw new CaptureException.Unsupported(ID, -1, -1, "tsv output cannot be read back");
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) throws IOException {
        return new TsvWriter(out, metadata, options.text());
    }
}
