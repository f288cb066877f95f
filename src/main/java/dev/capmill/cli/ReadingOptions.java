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

    ReadOptions readOptions(Diagnostics d) {
        return new ReadOptions(ReadLimits.DEFAULT, lenient, d);
    }
}
