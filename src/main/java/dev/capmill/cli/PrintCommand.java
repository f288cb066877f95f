package dev.capmill.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "print",
        description = {"Print packets as tshark -n -r prints them, one line each, to standard output.",
            "",
            "The short form of 'convert IN... -F text -o -'. Columns: No., relative time (in the "
                + "precision the capture holds), Source, Destination, Protocol, Length, Info. "
                + "Decoded so far: Ethernet (802.1Q), ARP, IPv4, IPv6, TCP (with tshark's analysis "
                + "flags), HTTP and TLS over TCP (reassembled as tshark does), UDP, ICMP; other "
                + "application protocols show as TCP or UDP."},
        footer = {"%nExamples:",
            "  capmill print trace.pcapng",
            "  capmill print trace.pcap --filter 'tcp port 80'"})
public final class PrintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input captures (\"-\" for standard input).")
    List<String> inputs;

    @Mixin
    ReadingOptions reading;

    @Mixin
    EditingOptions editing = new EditingOptions();

    @Mixin
    FilterOption filter = new FilterOption();

    /** The editing pipeline with its output fixed to text on standard output. */
    @Override
    public Integer call() throws IOException {
        OutputOptions out = new OutputOptions();
        out.output = dev.capmill.io.Sources.STDIN;
        out.format = dev.capmill.text.TextFormat.ID;
        out.pcapPrecision = "auto";
        return new EditJob(inputs, reading, editing, filter, out).run();
    }
}
