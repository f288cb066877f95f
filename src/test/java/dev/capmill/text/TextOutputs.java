package dev.capmill.text;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Shared;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Runs a capture through a text output (text, tsv, csv) in process, and reads the committed goldens. */
final class TextOutputs {
    static final Path PCAP = Shared.projectDir().resolve("testdata/pcap/sample.pcap");
    static final Path NSEC = Shared.projectDir().resolve("testdata/pcap/sample-nsec.pcap");
    /** Two Ethernet interfaces (µs and ns) interleaved, and comments with quotes, commas, tab, CR, LF. */
    static final Path FIELDS = Shared.projectDir().resolve("testdata/pcapng/sample-fields.pcapng");
    /** Protocols the summary decodes fully; other lines fall back to the transport layer. */
    static final Set<String> DECODED = Set.of("ARP", "TCP", "UDP", "ICMP");

    private TextOutputs() {
    }

    interface Factory {
        CaptureWriter open(Output out, CaptureReader metadata) throws IOException;
    }

    static String write(Path capture, Factory factory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureReader reader = FormatRegistry.standard().open(capture.toString(), ReadOptions.defaults());
             Output out = new Output(bytes)) {
            CaptureWriter w = factory.open(out, reader);
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                w.write(r);
            }
            w.finish();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String text(Path capture, TextOptions o) throws IOException {
        return write(capture, (out, m) -> new TextWriter(out, m, o));
    }

    static String tsv(Path capture, TextOptions o) throws IOException {
        return write(capture, (out, m) -> new TsvWriter(out, m, o));
    }

    static String csv(Path capture, TextOptions o) throws IOException {
        return write(capture, (out, m) -> new CsvWriter(out, m, o));
    }

    /** The lines of {@code s}, which must end with a newline. */
    static List<String> lines(String s) {
        if (!s.endsWith("\n")) {
            throw new AssertionError("output does not end with a newline");
        }
        return Arrays.asList(s.substring(0, s.length() - 1).split("\n", -1));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static Path golden(Path capture, String suffix) {
        return capture.resolveSibling(capture.getFileName() + suffix);
    }
}
