package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;
import java.io.IOException;

/** RFC 4180 CSV of Wireshark fields ({@code -e}), with a header row: an output-only format. */
public final class CsvFormat extends OutputOnlyFormat {
    public static final String ID = "csv";

    public CsvFormat() {
        super(ID, "Wireshark fields (-e) as RFC 4180 CSV with a header row (output only)", "csv");
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) throws IOException {
        return new CsvWriter(out, metadata, options.text());
    }
}
