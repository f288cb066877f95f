package dev.capmill.cli;

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
                + "within a window first. Any number of inputs: past --max-open, groups are merged into "
                + "temporary files beside the output, so open files and memory stay bounded.",
            "",
            "A damaged input is reported by name (exit 1) and the packets of every other input are written; "
                + "the output appears only when complete."},
        footer = {"%nExamples:",
            "  capmill merge a.pcap b.pcapng -o ab.pcapng",
            "  capmill merge --append part1.pcap part2.pcap -o whole.pcap",
            "  capmill merge tapA.pcap tapB.pcap --offset tapB.pcap=-0.0035 -o taps.pcapng",
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

    @Option(names = "--max-open", paramLabel = "N", defaultValue = "" + EditJob.DEFAULT_MAX_OPEN,
            description = "Inputs merged at once (open files); more are merged in a tree. Default: ${DEFAULT-VALUE}.")
    int maxOpen;

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
        if (maxOpen < 2) {
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
        return job.run();
    }
}
