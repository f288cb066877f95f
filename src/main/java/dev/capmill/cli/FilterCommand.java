package dev.capmill.cli;

import dev.capmill.filter.BpfProgram;
import dev.capmill.filter.FilterException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "filter",
        description = {"Keep the packets that match a tcpdump filter expression.",
            "",
            "The expression is in tcpdump's language (pcap-filter(7)) and is decided as libpcap decides: it is "
                + "compiled to classic BPF for each interface's link type (Ethernet, raw IP, IPv4, IPv6, Linux "
                + "SLL/SLL2, BSD loopback, 802.11 bare or under radiotap, Prism or AVS headers) and run in capmill, "
                + "without native libpcap, on every format capmill reads. 802.11 has 'wlan' addresses (host, src, "
                + "dst, ra, ta, addr1..addr4), 'type'/'subtype'/'dir'; 'llc', 'pppoed', 'pppoes [id]', "
                + "'inbound'/'outbound' and 'ifindex' (Linux cooked captures), IPX, AppleTalk, DECnet, ISO, IS-IS "
                + "and STP keywords are known. 'protochain N' walks IPv6 extension headers and AH as libpcap's "
                + "loop does (a packet on which that loop would never end is dropped); 'geneve [vni]' looks at "
                + "what follows the Geneve header as Ethernet. Not supported: ATM/MTP/pf keywords, 'pppoes' or "
                + "'geneve' after a radio header. Host and port names that need the network (host names, "
                + "'gateway') are refused; well-known service names (http, domain, ...) are built in.",
            "",
            "--dump prints the compiled program the way 'tcpdump -d' does (the program is equivalent to "
                + "libpcap's, not optimised the same way; with protochain or geneve, which libpcap does not "
                + "optimise, it is libpcap's program line for line)."},
        footer = {"%nExamples:",
            "  capmill filter trace.pcapng -o web.pcapng 'tcp port 80 or tcp port 443'",
            "  capmill filter a.pcap -o syn.pcap 'tcp[tcpflags] & tcp-syn != 0'",
            "  capmill filter --dump --linktype 1 'host 192.168.2.1 and port 80'"})
public final class FilterCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ARG", description = "Input captures then the expression (the last "
            + "argument); with --dump, the expression only.")
    List<String> args;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (\"-\" for standard output).")
    String output;

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT", description = "Output format: pcap or pcapng. "
            + "Default: from the output name; pcapng for standard output.")
    String format;

    @Option(names = "--lossy", description = "Drop, with a warning, what the output format cannot hold.")
    boolean lossy;

    @Option(names = "--pcap-precision", paramLabel = "auto|us|ns", defaultValue = "auto",
            description = "Timestamp precision of pcap output. Default: ${DEFAULT-VALUE}.")
    String pcapPrecision;

    @Option(names = "--dump", description = "Print the compiled BPF program (as tcpdump -d) and exit.")
    boolean dump;

    @Option(names = "--linktype", paramLabel = "N", defaultValue = "1",
            description = "Link type number for --dump (1 Ethernet, 101 raw IP, 113 Linux SLL, 276 SLL2, 0 BSD "
                + "loopback, 228 IPv4, 229 IPv6, 105 802.11, 127 radiotap, 119 Prism, 163 AVS). Default: ${DEFAULT-VALUE}.")
    int linktype;

    @Mixin
    ReadingOptions reading;

    @Override
    public Integer call() throws Exception {
        String expr = args.get(args.size() - 1);
        if (dump) {
            if (args.size() != 1) {
                throw new UserError(ExitCodes.USAGE, "--dump takes the expression only");
            }
            try {
                System.out.print(BpfProgram.compile(expr, linktype).dump());
            } catch (FilterException e) {
                throw new UserError(ExitCodes.USAGE, "filter: " + e.getMessage());
            }
            return ExitCodes.OK;
        }
        if (args.size() < 2) {
            throw new UserError(ExitCodes.USAGE, "give the input captures, then the filter expression");
        }
        if (output == null) {
            throw new UserError(ExitCodes.USAGE, "an output is required (-o OUT)");
        }
        FilterOption keep = new FilterOption();
        keep.expression = expr;
        OutputOptions out = new OutputOptions();
        out.output = output;
        out.format = format;
        out.lossy = lossy;
        out.pcapPrecision = pcapPrecision;
        return new EditJob(args.subList(0, args.size() - 1), reading, new EditingOptions(), keep, out).run();
    }
}
