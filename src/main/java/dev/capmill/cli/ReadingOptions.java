package dev.capmill.cli;

import dev.capmill.format.Diagnostics;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import picocli.CommandLine.Option;

/** Options shared by every command that reads captures. */
public final class ReadingOptions {
    @Option(names = "--strict", description = "Treat an input that ends inside a record as an error (exit 1). "
            + "Without it, the packets before the cut are kept and a warning is printed.")
    boolean strict;

    @Option(names = "--lenient", description = "Skip damaged records where the format allows it (they are counted) "
            + "instead of stopping at the first.")
    boolean lenient;

    @Option(names = {"-q", "--quiet"}, description = "Print neither progress nor warnings (errors are still printed).")
    boolean quiet;

    @Option(names = "--tz", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone in which captures that store local time without a zone (NetMon 1.x and "
                + "2.0-2.2, DOS Sniffer) were taken, e.g. Europe/Berlin or +05:30. Default: ${DEFAULT-VALUE}, so "
                + "that output never depends on the machine's zone.")
    String timeZone;

    @Option(names = "--include-drops", description = "Also read packets that a capture logged as dropped "
            + "(ETL: pktmon drop events, with the drop reason in the packet comment). Default: only captured packets.")
    boolean includeDrops;

    ReadOptions readOptions(Diagnostics d) {
        java.time.ZoneId zone;
        try {
            zone = java.time.ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            throw new UserError(ExitCodes.USAGE, "--tz: unknown time zone '" + timeZone + "'");
        }
        return new ReadOptions(ReadLimits.DEFAULT, lenient, d, zone, includeDrops);
    }
}
