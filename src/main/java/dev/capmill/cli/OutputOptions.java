package dev.capmill.cli;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Sources;
import picocli.CommandLine.Option;

/** Options of commands that write one capture (or pieces of one). */
public final class OutputOptions {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (\"-\" for standard output). With --split-*, the name pieces are named after.")
    String output;

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT",
            description = "Output format: pcap, pcapng, text (tshark -n -r lines), csv (fields as RFC 4180 CSV) or "
                + "tsv (fields as tshark -T fields). Default: from the output name (.pcap, .pcapng, .txt, .csv, "
                + ".tsv); pcapng for standard output.")
    String format;

    /** Choices of the text outputs, set by the commands that offer them. */
    dev.capmill.text.TextOptions text = dev.capmill.text.TextOptions.defaults();

    @Option(names = "--lossy", description = "Drop, with a warning, what the output format cannot hold "
            + "(comments, packet flags, metadata blocks) instead of failing.")
    boolean lossy;

    @Option(names = "--pcap-precision", paramLabel = "auto|us|ns", defaultValue = "auto",
            description = "Timestamp precision of pcap output: us, ns, or auto. Default: ${DEFAULT-VALUE}.")
    String pcapPrecision;

    CaptureFormat chooseFormat(FormatRegistry registry) {
        if (format != null) {
            CaptureFormat f = registry.byId(format);
            if (f == null || !f.writable()) {
                throw new UserError(ExitCodes.USAGE, "unknown output format '" + format + "' (use pcap, pcapng, text, csv or tsv)");
            }
            return f;
        }
        if (Sources.STDIN.equals(output)) {
            return registry.byId("pcapng");
        }
        CaptureFormat f = registry.byOutputName(dev.capmill.io.Compression.stripSuffix(output));
        if (f == null) {
            throw new UserError(ExitCodes.USAGE, output
                    + ": cannot tell the output format from the name; add -F pcap or -F pcapng");
        }
        return f;
    }

    WriteOptions writeOptions(Diagnostics diag) {
        return new WriteOptions(lossy ? WriteOptions.LossPolicy.WARN : WriteOptions.LossPolicy.FAIL,
                ConvertCommand.parsePrecision(pcapPrecision), diag, text);
    }
}
