package dev.capmill.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "slice",
        description = {"Cut packets out of a capture by number or time, or split it into pieces.",
            "",
            "--packets keeps packets by number (from 1, as tshark numbers them); --from/--to keep a time "
                + "window (from inclusive, to exclusive, as editcap -A/-B). Times are ISO 8601 (UTC unless an "
                + "offset is given), epoch seconds, or +DURATION after the first packet.",
            "",
            "A window late in a pcap file is found by binary search, as tcpslice does, and pcapng packets "
                + "before it are skipped without being decoded; reading stops --seek-margin after --to. This "
                + "assumes the packets are in time order up to --seek-margin (default 1s); --no-seek reads "
                + "every packet.",
            "",
            "--split-count, --split-duration and --split-size write pieces named "
                + "<base>_<NNNNN>_<yyyymmddTHHMMSSZ>.<ext> (UTC time of the piece's first packet, so the names "
                + "sort in time order) and <base>_manifest.json listing each piece's first and last time, "
                + "packets and bytes."},
        footer = {"%nExamples:",
            "  capmill slice big.pcap --packets 1-100,250,300- -o some.pcap",
            "  capmill slice big.pcapng --from 2024-03-01T12:00:00Z --to 2024-03-01T12:00:10Z -o ten.pcapng",
            "  capmill slice big.pcap --from +60s --to +70s -o minute2.pcap",
            "  capmill slice big.pcap --split-count 100000 -o pieces/big.pcap",
            "  capmill slice big.pcap --split-duration 15m --dedup -o quarter.pcapng"})
public final class SliceCommand implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "IN", description = "Input capture.")
    String input;

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
        if (!editing.any() && !split.any() && filter.expression == null) {
            throw new UserError(ExitCodes.USAGE, "slice needs --packets, --from/--to, --reorder-window, --filter or a --split-* option");
        }
        EditJob job = new EditJob(List.of(input), reading, editing, filter, output);
        job.split = split;
        return job.run();
    }
}
