package dev.capmill.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "print",
        description = {"Print packets as tshark -n -r prints them, one line each, to standard output.",
            "",
            "The short form of 'convert IN... -F text -o -'. Columns: No., relative time (in the "
                + "precision the capture holds), Source, Destination, Protocol, Length, Info. "
                + "Decoded so far: Ethernet (802.1Q, 802.3 LLC/SNAP), Linux cooked (SLL, SLL2), raw IP, "
                + "BSD loopback, IEEE 802.11 (also under radiotap), FDDI, Linux NFLOG, SocketCAN, PPP and Cisco HDLC "
                + "(carrying IP or MPLS), the tunnels VXLAN, GRE, IP in IP, MPLS and PPPoE (to the innermost "
                + "packet), STP (also Cisco PVST+), CDP, DTP, LLDP, LOOP, ARP, IPv4 and IPv6 (extension "
                + "headers; fragments reassembled as tshark does, at most 64 datagrams at a time), TCP (with "
                + "tshark's analysis flags), HTTP and TLS over TCP (reassembled as tshark does), UDP, "
                + "ICMP, ICMPv6, and over UDP DNS, mDNS, LLMNR, NBNS, DHCP/BOOTP, DHCPv6, NTP and SSDP (chosen "
                + "by port as tshark does); other application protocols show as TCP or UDP.",
            "",
            "With -e FIELD it prints fields as tshark -T fields -e FIELD does (-F tsv); -F csv prints them as "
                + "CSV."},
        footer = {"%nExamples:",
            "  capmill print trace.pcapng",
            "  capmill print trace.pcap --filter 'tcp port 80'",
            "  capmill print trace.pcap -t ud --ascii --columns no,time,source,destination,info",
            "  capmill print trace.pcap -e frame.time_epoch -e ip.src -e tcp.flags"})
public final class PrintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input captures (\"-\" for standard input).")
    List<String> inputs;

    @Mixin
    ReadingOptions reading;

    @Mixin
    EditingOptions editing = new EditingOptions();

    @Mixin
    FilterOption filter = new FilterOption();

    @Mixin
    TextOutputOptions text = new TextOutputOptions();

    @Option(names = {"-F", "--format"}, paramLabel = "text|tsv|csv",
            description = "What to print: text (the default), tsv (the default with -e) or csv.")
    String format;

    /** The editing pipeline with its output fixed to text, TSV or CSV on standard output. */
    @Override
    public Integer call() throws IOException {
        OutputOptions out = new OutputOptions();
        out.output = dev.capmill.io.Sources.STDIN;
        String f = format != null ? format.toLowerCase(java.util.Locale.ROOT)
                : text.fields.isEmpty() ? dev.capmill.text.TextFormat.ID : dev.capmill.text.TsvFormat.ID;
        if (!List.of("text", "tsv", "csv").contains(f)) {
            throw new UserError(ExitCodes.USAGE, "print writes text, tsv or csv, not '" + format
                    + "' (use convert for capture formats)");
        }
        out.format = f;
        out.pcapPrecision = "auto";
        out.text = text.toOptions(f);
        return new EditJob(inputs, reading, editing, filter, out).run();
    }
}
