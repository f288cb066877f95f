package dev.capmill.cli;

import picocli.CommandLine.Option;

/** Splitting the output into pieces. */
public final class SplitOptions {
    @Option(names = "--split-count", paramLabel = "N",
            description = "A new piece every N packets (editcap -c).")
    Long count;

    @Option(names = "--split-duration", paramLabel = "DURATION", converter = TimeArgs.DurationConverter.class,
            description = "A new piece every DURATION of packet time, from the first packet; a packet at exactly "
                + "the end of an interval stays in it (editcap -i, which also writes empty pieces; capmill does not).")
    Long duration;

    @Option(names = "--split-size", paramLabel = "SIZE", converter = TimeArgs.SizeConverter.class,
            description = "A new piece before one would exceed SIZE bytes of packets: 100M, 1G (powers of 1000), 64MiB.")
    Long size;

    boolean any() {
        return count != null || duration != null || size != null;
    }

    void check() {
        if (count != null && count < 1) {
            throw new UserError(ExitCodes.USAGE, "--split-count must be at least 1");
        }
        if (duration != null && duration <= 0) {
            throw new UserError(ExitCodes.USAGE, "--split-duration must be positive");
        }
    }
}
