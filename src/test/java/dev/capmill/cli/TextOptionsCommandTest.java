package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -e, --header, -t, --ascii, --columns and --no-padding on convert and print. */
class TextOptionsCommandTest {
    static final Path SAMPLE = Shared.projectDir().resolve("testdata/pcap/sample.pcap");
    static final Path FIELDS = Shared.projectDir().resolve("testdata/pcapng/sample-fields.pcapng");

    @Test
    void convertWritesCsvAndTsvByTheOutputName(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out.csv");
        Cli c = Cli.run("convert", SAMPLE.toString(), "-o", csv.toString(), "-e", "frame.number,ip.src", "-e", "tcp.flags");
        assertEquals(0, c.exit, c.toString());
        List<String> lines = List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n"));
        assertEquals("frame.number,ip.src,tcp.flags", lines.get(0));
        assertEquals("5,10.1.0.5,0x0002", lines.get(5));
        Path tsv = dir.resolve("out.tsv");
        c = Cli.run("convert", SAMPLE.toString(), "-o", tsv.toString(), "-e", "frame.number", "-e", "eth.type", "--header",
                "-t", "e", "-e", "_ws.col.Time");
        assertEquals(0, c.exit, c.toString());
        List<String> t = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        assertEquals("frame.number\teth.type\t_ws.col.Time", t.get(0));
        assertEquals("19\t0x8100\t1709294400.417899", t.get(19));
    }

    @Test
    void printWithFieldsIsTsharkFieldsOutput(@TempDir Path dir) throws Exception {
        Cli c = PrintCommandTest.process(dir, "print", FIELDS.toString(), "-e", "frame.number,frame.interface_id,frame.comment");
        assertEquals(0, c.exit, c.toString());
        List<String> lines = c.out.lines().toList();
        assertEquals(48, lines.size());
        assertEquals("3\t0\tsay \"hi\", twice", lines.get(2));
        assertEquals("10\t1\treply\\nwith two lines\\ttab", lines.get(9));
        c = PrintCommandTest.process(dir, "print", SAMPLE.toString(), "-F", "csv", "-e", "frame.interface_id,ip.ttl",
                "--no-header");
        assertEquals(0, c.exit, c.toString());
        assertEquals(",\r\n,\r\n,64\r\n", c.out.substring(0, 11), "pcap records no interface ids, as tshark shows");
    }

    @Test
    void textOptions(@TempDir Path dir) throws Exception {
        Cli c = PrintCommandTest.process(dir, "print", SAMPLE.toString(), "-t", "ud", "--ascii");
        assertEquals(0, c.exit, c.toString());
        List<String> lines = c.out.lines().toList();
        assertEquals("    5 2024-03-01 12:00:00.085440     10.1.0.5 -> 192.0.2.80   TCP 58 40000 > 80 [SYN] Seq=0 "
                + "Win=64240 Len=0 MSS=1460", lines.get(4));
        c = PrintCommandTest.process(dir, "print", SAMPLE.toString(), "--columns", "time,protocol,src,dst,info",
                "--no-padding", "-t", "adoy");
        assertEquals(0, c.exit, c.toString());
        assertEquals("2024/061 12:00:00.085440 TCP 10.1.0.5 \u2192 192.0.2.80 40000 \u2192 80 [SYN] Seq=0 Win=64240 "
                + "Len=0 MSS=1460", c.out.lines().toList().get(4));
        c = PrintCommandTest.process(dir, "print", SAMPLE.toString(), "--columns", "no,destination,source");
        assertEquals("    1 ff:ff:ff:ff:ff:ff 02:00:00:00:00:01", c.out.lines().findFirst().orElseThrow(),
                "the arrow only between Source and Destination in that order");
    }

    @Test
    void unknownFieldsAndMisplacedOptionsAreUsageErrors(@TempDir Path dir) {
        Cli c = Cli.run("convert", SAMPLE.toString(), "-o", dir.resolve("x.csv").toString(), "-e", "ip.src,dns.qry.name");
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains("unknown or unsupported field dns.qry.name; supported: frame.number "), c.err);
        assertTrue(c.err.lines().count() == 1, "one line: " + c.err);
        assertFalse(Files.exists(dir.resolve("x.csv")));
        c = Cli.run("convert", SAMPLE.toString(), "-o", dir.resolve("x.pcapng").toString(), "-e", "ip.src");
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains("apply to text, csv and tsv output, not pcapng"), c.err);
        c = Cli.run("convert", SAMPLE.toString(), "-o", dir.resolve("x.txt").toString(), "-t", "xyz");
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains("unknown time format (use one of r, a, ad, adoy, d, dd, e, u, ud, udoy)"), c.err);
        c = Cli.run("convert", SAMPLE.toString(), "-o", dir.resolve("x.csv").toString(), "--ascii");
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        c = Cli.run("convert", SAMPLE.toString(), "-o", dir.resolve("x.txt").toString(), "--columns", "no,colour");
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains("unknown column 'colour'"), c.err);
        c = Cli.run("print", SAMPLE.toString(), "-F", "pcap");
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
    }

    @Test
    void formatsListsTheFields(@TempDir Path dir) throws Exception {
        Cli c = PrintCommandTest.process(dir, "formats", "--fields");
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.contains("tcp.window_size_value"), c.out);
        c = PrintCommandTest.process(dir, "formats");
        assertTrue(c.out.lines().anyMatch(l -> l.startsWith("csv      no    yes")), c.out);
    }
}
