package dev.capmill.cli;

import dev.capmill.filter.FilterException;
import dev.capmill.filter.FilterStage;
import dev.capmill.pipeline.RecordSource;
import picocli.CommandLine.Option;

/** {@code --filter EXPR}: a mixin for every command that reads packets. */
public final class FilterOption {
    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Keep only the packets that match EXPR, in tcpdump's filter language (pcap-filter), "
                + "decided as libpcap decides, e.g. 'tcp port 80 and host 10.0.0.1'.")
    String expression;

    /** The source, filtered when --filter was given; a syntax error is a usage error (exit 2). */
    RecordSource apply(RecordSource source) {
        if (expression == null) {
            return source;
        }
        try {
            return new FilterStage(source, expression);
        } catch (FilterException e) {
            throw new UserError(ExitCodes.USAGE, "filter: " + e.getMessage());
        }
    }
}
