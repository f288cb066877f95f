package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.pipeline.ConcatSource;
import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterCommandTest {
    @TempDir
    Path tmp;

    private static final List<String> FILES = List.of(
            "libpcap/tests/filter/vrrp.pcap", "libpcap/tests/filter/pim-packet-assortment.pcap",
            "libpcap/tests/filter/ipv6_ext_headers.pcap", "libpcap/tests/filter/isakmp4500.pcap",
            "libpcap/tests/filter/vxlan.pcap", "libpcap/tests/filter/geneve.pcap");

    private static final List<String> EXPRESSIONS = List.of(
            "tcp port 80", "ip and not tcp", "udp port 4789 or udp port 6081", "ip6", "vrrp or pim",
            "host 192.168.2.1 and port 80", "tcp[tcpflags] & (tcp-rst|tcp-fin) != 0", "greater 100",
            "src net 10.0.0.0/8 or dst net 192.168.0.0/16", "ether multicast and not ip6", "udp[8:2] > 0x100");

    /** Every packet of a capture as timestamp + hex, in order. */
    private static List<String> packets(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (ConcatSource s = new ConcatSource(FormatRegistry.standard(), ReadOptions.defaults(),
                List.of(file.toString()))) {
            PacketRecord r = new PacketRecord();
            while (s.next(r)) {
                if (r.isPacket()) {
                    out.add(r.seconds() + "." + r.nanos() + " " + HexFormat.of().formatHex(r.payloadCopy()));
                }
            }
        }
        return out;
    }

    @Test
    void keepsTheSamePacketsAsTcpdump() throws Exception {
        Tools.require("tcpdump");
        Path corpus = Shared.corpus();
        Shared.requirePrerequisite(Files.isDirectory(corpus), "no corpus at " + corpus);
        int compared = 0;
        int nonEmpty = 0;
        for (String f : FILES) {
            Path in = corpus.resolve(f);
            for (String e : EXPRESSIONS) {
                Path mine = tmp.resolve("mine.pcap");
                Path theirs = tmp.resolve("theirs.pcap");
                Files.deleteIfExists(mine);
                Files.deleteIfExists(theirs);
                Cli r = Cli.run("filter", in.toString(), "-o", mine.toString(), "-q", e);
                Tools.Result t = Tools.run(List.of("tcpdump", "-r", in.toString(), "-w", theirs.toString(), e));
                assertEquals(0, t.exit, "tcpdump " + e + ": " + t.err);
                assertEquals(0, r.exit, f + " '" + e + "': " + r);
                List<String> want = packets(theirs);
                assertEquals(want, packets(mine), f + " '" + e + "'");
                compared++;
                if (!want.isEmpty()) {
                    nonEmpty++;
                }
            }
        }
        assertEquals(FILES.size() * EXPRESSIONS.size(), compared);
        assertTrue(nonEmpty >= 15, "too few expressions matched anything: " + nonEmpty);
    }

    @Test
    void syntaxErrorIsAUsageErrorNamingThePosition() {
        Cli r = Cli.run("filter", "--dump", "tcp port 80 and (host");
        assertEquals(ExitCodes.USAGE, r.exit, r.toString());
        assertTrue(r.err.startsWith("capmill: filter: syntax error at position 22"), r.err);
        assertTrue(r.err.contains("expected"), r.err);
    }

    @Test
    void namesNeedingTheNetworkAreRefused() {
        Cli r = Cli.run("filter", "--dump", "host example.com");
        assertEquals(ExitCodes.USAGE, r.exit);
        assertTrue(r.err.contains("does not resolve host or network names"), r.err);
        r = Cli.run("filter", "--dump", "gateway 10.0.0.1");
        assertEquals(ExitCodes.USAGE, r.exit);
        assertTrue(r.err.contains("gateway"), r.err);
    }

    @Test
    void dumpPrintsTheProgramLikeTcpdump() {
        Cli r = Cli.run("filter", "--dump", "--linktype", "1", "ip");
        assertEquals(0, r.exit, r.toString());
        assertEquals("(000) ldh      [12]\n(001) jeq      #0x800           jt 2\tjf 3\n(002) ret      #262144\n"
                + "(003) ret      #0\n", r.out);
    }

    @Test
    void unsupportedLinkTypeIsAClearError() throws Exception {
        Path in = Shared.corpus().resolve("libpcap/tests/filter/slip-bad-direction.pcap");
        Shared.requirePrerequisite(Files.isRegularFile(in), "no corpus file " + in);
        Cli r = Cli.run("filter", in.toString(), "-o", tmp.resolve("o.pcap").toString(), "tcp");
        assertEquals(ExitCodes.USAGE, r.exit, r.toString());
        assertTrue(r.err.contains("does not support link type SLIP"), r.err);
        assertFalse(Files.exists(tmp.resolve("o.pcap")));
    }

    @Test
    void convertTakesFilterInTheSamePass() throws Exception {
        Path in = Shared.corpus().resolve("libpcap/tests/filter/vrrp.pcap");
        Shared.requirePrerequisite(Files.isRegularFile(in), "no corpus file " + in);
        Path out = tmp.resolve("v.pcapng");
        Cli r = Cli.run("convert", in.toString(), "-o", out.toString(), "--filter", "vrrp", "-q");
        assertEquals(0, r.exit, r.toString());
        List<String> all = packets(in);
        List<String> kept = packets(out);
        assertFalse(kept.isEmpty());
        assertTrue(kept.size() < all.size(), kept.size() + " of " + all.size());
        assertTrue(all.containsAll(kept));
    }
}
