package dev.capmill.cli;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Sink;
import dev.capmill.io.Sources;
import dev.capmill.pipeline.ConcatSource;
import dev.capmill.pipeline.Convert;
import dev.capmill.pipeline.InputFailure;
import dev.capmill.pipeline.Progress;
import dev.capmill.pipeline.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "convert",
        description = {"Convert captures to pcap or pcapng.",
            "",
            "Reads every input in the order given (format found by content, compressed input "
                + "decompressed) and writes one output. The output format comes from -F or from the "
                + "output name (.pcap, .pcapng; a .gz, .bz2, .xz, .zst or .lz4 suffix compresses it). "
                + "The output is written to a temporary file and renamed into place when complete, so "
                + "a failed run leaves nothing behind and an input is never overwritten.",
            "",
            "pcap holds one link type and no metadata: converting comments, packet flags or "
                + "several link types to pcap fails unless --lossy is given, which drops the "
                + "metadata with a warning (several link types still fail)."},
        footer = {"%nExamples:",
            "  capmill convert trace.pcap -o trace.pcapng",
            "  capmill convert capture.pcapng.gz -o capture.pcap --lossy",
            "  capmill convert a.pcap b.pcapng -o both.pcapng.zst",
            "  cat trace.pcap | capmill convert - -F pcapng -o - > trace.pcapng"})
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input captures (\"-\" for standard input).")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (\"-\" for standard output).")
    String output;

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT",
            description = "Output format: pcap or pcapng. Default: from the output name; pcapng for standard output.")
    String format;

    @Option(names = "--lossy", description = "Drop, with a warning, what the output format cannot hold "
            + "(comments, packet flags, metadata blocks) instead of failing.")
    boolean lossy;

    @Option(names = "--pcap-precision", paramLabel = "auto|us|ns", defaultValue = "auto",
            description = "Timestamp precision of pcap output: us, ns, or auto (ns when the input has "
                + "finer than microsecond precision). Default: ${DEFAULT-VALUE}.")
    String pcapPrecision;

    @Mixin
    ReadingOptions reading;

    @Mixin
    EditingOptions editing = new EditingOptions();

    @Mixin
    FilterOption filter = new FilterOption();

    private final FormatRegistry registry = FormatRegistry.standard();

    @Override
    public Integer call() throws IOException {
        CaptureFormat target = chooseFormat();
        WriteOptions.PcapPrecision precision = parsePrecision(pcapPrecision);
        Diagnostics diag = new Diagnostics();
        WriteOptions wopts = new WriteOptions(lossy ? WriteOptions.LossPolicy.WARN : WriteOptions.LossPolicy.FAIL,
                precision, diag);
        Convert pump = new Convert();
        int exit;
        try (ConcatSource source = new ConcatSource(registry, reading.readOptions(diag), inputs)) {
            // reorder ▸ packet numbers ▸ shift ▸ time window ▸ dedup ▸ filter, in one pass
            dev.capmill.pipeline.RecordSource in = filter.apply(editing.apply(editing.reorder(source)));
            Sink sink = openSink();
            try (sink; Progress progress = Progress.start(!reading.quiet && Terminal.stderrIsTerminal()
                    && !Sources.STDIN.equals(output), System.err, pump::packets, source::position, totalSize())) {
                CaptureWriter writer = target.writer(sink.output(), in, wopts);
                try {
                    pump.run(in, writer);
                } catch (dev.capmill.filter.FilterException e) {
                    sink.abort();
                    progress.close();
                    throw new UserError(ExitCodes.USAGE, "filter: " + e.getMessage());
                } catch (CaptureException.Unwritable e) {
                    sink.abort();
                    progress.close();
                    Console.warnings(diag, reading.quiet);
                    throw new UserError(ExitCodes.OUTPUT, output + ": " + e.getMessage());
                }
                progress.close();
                List<InputFailure> failures = source.failures();
                boolean hardFailure = failures.stream().anyMatch(f -> !f.truncation());
                if (hardFailure && pump.packets() == 0) {
                    // nothing readable: no output rather than an empty capture
                    sink.abort();
                } else {
                    sink.commit();
                }
                Console.warnings(diag, reading.quiet);
                exit = report(failures);
            }
        }
        return exit;
    }

    private int report(List<InputFailure> failures) {
        int exit = ExitCodes.OK;
        for (InputFailure f : failures) {
            if (f.truncation() && !reading.strict) {
                if (!reading.quiet) {
                    Console.warning(f.message() + " (the packets before it were kept)");
                }
            } else {
                Console.error(f.message());
                exit = ExitCodes.INPUT;
            }
        }
        return exit;
    }

    private Sink openSink() {
        try {
            return Sink.open(output, inputs);
        } catch (IOException e) {
            throw new UserError(ExitCodes.OUTPUT, output + ": " + e.getMessage());
        }
    }

    private CaptureFormat chooseFormat() {
        CaptureFormat f;
        if (format != null) {
            f = registry.byId(format);
            if (f == null || !f.writable()) {
                throw new UserError(ExitCodes.USAGE, "unknown output format '" + format + "' (use pcap or pcapng)");
            }
            return f;
        }
        if (Sources.STDIN.equals(output)) {
            return registry.byId("pcapng");
        }
        f = registry.byOutputName(dev.capmill.io.Compression.stripSuffix(output));
        if (f == null) {
            throw new UserError(ExitCodes.USAGE, output
                    + ": cannot tell the output format from the name; add -F pcap or -F pcapng");
        }
        return f;
    }

    static WriteOptions.PcapPrecision parsePrecision(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "auto": return WriteOptions.PcapPrecision.AUTO;
            case "us": case "usec": case "micro": return WriteOptions.PcapPrecision.MICRO;
            case "ns": case "nsec": case "nano": return WriteOptions.PcapPrecision.NANO;
            default: throw new UserError(ExitCodes.USAGE, "--pcap-precision takes auto, us or ns, not '" + s + "'");
        }
    }

    /** Bytes the inputs hold, to estimate the time left; -1 (no estimate) for pipes and compressed files. */
    private long totalSize() {
        long total = 0;
        for (String in : inputs) {
            if (Sources.STDIN.equals(in)) {
                return -1;
            }
            try (java.io.InputStream s = Files.newInputStream(Path.of(in))) {
                byte[] head = s.readNBytes(8);
                if (dev.capmill.io.Compression.detect(head, head.length) != dev.capmill.io.Compression.NONE) {
                    return -1;
                }
                total += Files.size(Path.of(in));
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }
}
