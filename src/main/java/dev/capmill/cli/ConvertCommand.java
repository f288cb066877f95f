package dev.capmill.cli;

import dev.capmill.format.WriteOptions;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "convert",
        description = {"Convert captures to pcap or pcapng, or write them as text, CSV or TSV.",
            "",
            "Reads every input in the order given (format found by content, compressed input "
                + "decompressed) and writes one output. The output format comes from -F or from the "
                + "output name (.pcap, .pcapng, .txt, .csv, .tsv; a .gz, .bz2, .xz, .zst or .lz4 suffix "
                + "compresses it). "
                + "The output is written to a temporary file and renamed into place when complete, so "
                + "a failed run leaves nothing behind and an input is never overwritten.",
            "",
            "pcap holds one link type and no metadata: converting comments, packet flags or "
                + "several link types to pcap fails unless --lossy is given, which drops the "
                + "metadata with a warning (several link types still fail).",
            "",
            "text writes the lines of tshark -n -r (see 'capmill print'); csv and tsv write the fields named "
                + "with -e, valued as tshark -T fields -e prints them: tsv line for line as tshark, csv as "
                + "RFC 4180 with a header row (quotes doubled, CRLF line ends)."},
        footer = {"%nExamples:",
            "  capmill convert trace.pcap -o trace.pcapng",
            "  capmill convert capture.pcapng.gz -o capture.pcap --lossy",
            "  capmill convert a.pcap b.pcapng -o both.pcapng.zst",
            "  cat trace.pcap | capmill convert - -F pcapng -o - > trace.pcapng",
            "  capmill convert trace.pcap -o trace.csv -e frame.time_epoch -e ip.src -e ip.dst -e _ws.col.Info",
            "  capmill convert trace.pcapng -F tsv -o - -e frame.number,tcp.flags --header"})
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input captures (\"-\" for standard input).")
    List<String> inputs;

    @Mixin
    OutputOptions out = new OutputOptions();

    @Mixin
    ReadingOptions reading;

    @Mixin
    EditingOptions editing = new EditingOptions();

    @Mixin
    FilterOption filter = new FilterOption();

    @Mixin
    TextOutputOptions text = new TextOutputOptions();

    /** convert is the pipeline with its inputs read one after another into one output. */
    @Override
    public Integer call() throws IOException {
        out.text = text.toOptions(out.chooseFormat(dev.capmill.format.FormatRegistry.standard()).id());
        return new EditJob(inputs, reading, editing, filter, out).run();
    }

    static WriteOptions.PcapPrecision parsePrecision(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "auto": return WriteOptions.PcapPrecision.AUTO;
            case "us": case "usec": case "micro": return WriteOptions.PcapPrecision.MICRO;
            case "ns": case "nsec": case "nano": return WriteOptions.PcapPrecision.NANO;
            default: throw new UserError(ExitCodes.USAGE, "--pcap-precision takes auto, us or ns, not '" + s + "'");
        }
    }
}
