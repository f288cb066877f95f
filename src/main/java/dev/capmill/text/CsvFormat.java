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

/** RFC 4180 CSV of Wireshark fields ({@code -e}), with a header row: an output-only format. */
public final class CsvFormat implements CaptureFormat {
    public static final String ID = "csv";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Wireshark fields (-e) as RFC 4180 CSV with a header row (output only)";
    }

    @Override
    public List<String> extensions() {
        return List.of("csv");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        return false;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        throw new CaptureException.Unsupported(ID, -1, -1, "csv output cannot be read back");
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) throws IOException {
        return new CsvWriter(out, metadata, options.text());
    }
}
