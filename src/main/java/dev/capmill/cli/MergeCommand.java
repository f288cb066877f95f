package dev.capmill.cli;

import dev.capmill.pipeline.DedupTapsStage;
import dev.capmill.pipeline.TapAlign;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "merge",
        description = {"Merge captures into one, by packet time.",
            "",
            "Packets come out in time order; equal times in the order the inputs were given (as mergecap). "
                + "With --append the inputs are concatenated instead (mergecap -a). Each input's interfaces stay "
                + "apart, and in pcapng their names say which input they came from; --merge-interfaces makes "
                + "identical interfaces one (mergecap -I all). Writing several link types to pcap is refused "
                + "before anything is read.",
            "",
            "An input whose packets are not in time order is reported; --reorder-window sorts each input "
                + "within a window first. Any number of inputs: all are merged at once while the limit of open "
                + "files (ulimit -n) and the heap allow (past --max-open), and beyond that just enough of them "
                + "are merged first into temporary files beside the output, so open files and memory stay bounded.",
            "",
            "Captures taken at several points of a network: --align estimates each input's clock offset "
                + "relative to the first input from the packets seen at both, prints each offset with how many "
                + "packets support it, and applies it as --offset would. Packets are matched on what stays the "
                + "same from hop to hop: IP version, addresses, IPv4 identification, protocol, ports, TCP "
                + "sequence and acknowledgement numbers and a digest of the payload, ignoring TTL/hop limit, MAC "
                + "addresses, VLAN tags and checksums (ARP by its whole body; other frames are not matched). "
                + "The offset is the 1st percentile of the time differences of the matched packets, taken "
                + "within 50 ms of their mode (the densest 1 ms) so that stray matches are ignored: it removes "
                + "the clock difference and the path delay together, so that afterwards each copy lies at or "
                + "just after the first input's copy. Memory is bounded: at most --align-sample packets of "
                + "each input are read, and at most 131,072 keys (about 11 MB) kept. An input with fewer than "
                + "10 matched packets is refused; an --offset given for an input wins over the estimate; stdin "
                + "cannot be aligned (it cannot be read twice): it may not be the first input, and needs its "
                + "--offset otherwise.",
            "",
            "--dedup-taps then keeps one copy of a packet seen at several points: the first in merged "
                + "order; a later packet that matches it (same rules) from another interface within "
                + "--dedup-taps-window is dropped, and the number removed is printed. It remembers only the "
                + "packets of the last window (at most 262,144), and runs after the other editing options, "
                + "before --filter.",
            "",
            "A damaged input is reported by name (exit 1) and the packets of every other input are written; "
                + "the output appears only when complete."},
        footer = {"%nExamples:",
            "  capmill merge a.pcap b.pcapng -o ab.pcapng",
            "  capmill merge --append part1.pcap part2.pcap -o whole.pcap",
            "  capmill merge tapA.pcap tapB.pcap --offset tapB.pcap=-0.0035 -o taps.pcapng",
            "  capmill merge tapA.pcap tapB.pcap tapC.pcapng --align --dedup-taps -o taps.pcapng",
            "  capmill merge core.pcap edge.pcap --align --align-sample 5000000 --dedup-taps-window 5ms -o both.pcap",
            "  capmill merge a.pcap b.pcap --from 2024-03-01T12:00:00Z --to +10s --shift +2s -o out.pcapng",
            "  capmill merge logs/*.pcap --reorder-window 2s --split-duration 1h -o hourly.pcapng"})
public final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input captures, any format capmill reads.")
    List<String> inputs;

    @Option(names = {"-a", "--append"}, description = "Concatenate in the given order instead of merging by time.")
    boolean append;

    @Option(names = {"-I", "--merge-interfaces"}, description = "Make interfaces that are identical in every input one.")
    boolean mergeIdentical;

    @Option(names = "--offset", paramLabel = "FILE=DURATION",
            description = "Move the times of one input before merging (repeatable): --offset b.pcap=-1.5ms.")
    List<String> offsets = new ArrayList<>();

    @Option(names = "--align", description = "Estimate each input's clock offset against the first input from "
            + "packets seen at both, print it with its support, and apply it (see above).")
    boolean align;

    @Option(names = "--align-sample", paramLabel = "N", defaultValue = "" + TapAlign.DEFAULT_SAMPLE,
            description = "Packets of each input read to estimate offsets (the inputs are then read again to merge). "
                + "Default: ${DEFAULT-VALUE}.")
    int alignSample;

    @Option(names = "--dedup-taps", description = "Keep one copy of a packet seen at several inputs (interfaces) "
            + "within --dedup-taps-window: the first in merged order.")
    boolean dedupTaps;

    @Option(names = "--dedup-taps-window", paramLabel = "DURATION", converter = TimeArgs.DurationConverter.class,
            description = "How far apart two copies of a packet may be for --dedup-taps. Default: 1ms.")
    Long dedupTapsWindow;

    @Option(names = "--max-open", paramLabel = "N",
            description = "Inputs merged at once (open files); more are merged in a tree through temporary files. "
                + "Default: as many as the limit of open files (ulimit -n) allows, and at most what a quarter of "
                + "the heap can buffer at 16 KiB each (about 3,000 with the launcher's 256 MiB).")
    Integer maxOpen;

    @Mixin
    OutputOptions output;

    @Mixin
    EditingOptions editing;

    @Mixin
    FilterOption filter = new FilterOption();

    @Mixin
    SplitOptions split;

    @Mixin
    ReadingOptions reading;

    @Override
    public Integer call() throws IOException {
        if (maxOpen != null && maxOpen < 2) {
            throw new UserError(ExitCodes.USAGE, "--max-open must be at least 2");
        }
        EditJob job = new EditJob(inputs, reading, editing, filter, output);
        job.merge = !append;
        job.mergeIdentical = mergeIdentical;
        job.maxOpen = maxOpen;
        Map<String, Long> offs = new LinkedHashMap<>();
        for (String o : offsets) {
            EditJob.addOffset(offs, o);
        }
        job.offsets = offs;
        job.split = split;
        if (dedupTapsWindow != null && !dedupTaps) {
            throw new UserError(ExitCodes.USAGE, "--dedup-taps-window is for --dedup-taps");
        }
        if (dedupTaps) {
            if (mergeIdentical) {
                throw new UserError(ExitCodes.USAGE, "--dedup-taps tells capture points apart by interface, "
                        + "which --merge-interfaces makes one; use one or the other");
            }
            long w = dedupTapsWindow == null ? DedupTapsStage.DEFAULT_WINDOW_NANOS : dedupTapsWindow;
            if (w < 0) {
                throw new UserError(ExitCodes.USAGE, "--dedup-taps-window cannot be negative");
            }
            job.dedupTapsWindow = w;
        }
        job.align = align;
        job.alignSample = alignSample;
        return job.run();
    }
}
