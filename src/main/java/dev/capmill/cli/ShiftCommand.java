package dev.capmill.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "shift",
        description = {"Move the packet times of a capture.",
            "",
            "--by DURATION adds a signed duration to every time, exactly to the nanosecond (editcap -t); "
                + "--start TIME moves the first packet to TIME and the others by the same amount. A shift that "
                + "would put a packet before 1970 or beyond what the output format holds is refused and nothing "
                + "is written. To shift one input of a merge, use merge --offset FILE=DURATION."},
        footer = {"%nExamples:",
            "  capmill shift trace.pcap --by -1h -o trace-utc.pcap",
            "  capmill shift trace.pcapng --by +2.5s -o later.pcapng",
            "  capmill shift trace.pcap --by -0.000123 -o earlier.pcap",
            "  capmill shift trace.pcap --start 2024-03-01T12:00:00Z -o moved.pcap"})
public final class ShiftCommand implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "IN", description = "Input capture.")
    String input;

    @Mixin
    OutputOptions output;

    @Mixin
    EditingOptions editing;

    @Mixin
    FilterOption filter = new FilterOption();

    @Mixin
    ReadingOptions reading;

    @Override
    public Integer call() throws IOException {
        if (editing.shift == null && editing.shiftStart == null) {
            throw new UserError(ExitCodes.USAGE, "shift needs --by DURATION or --start TIME");
        }
        return new EditJob(List.of(input), reading, editing, filter, output).run();
    }
}
