package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    static final Path TD = Shared.projectDir().resolve("testdata");

    @TempDir
    Path tmp;

    @Test
    void textReportOfTheSample() {
        Cli c = Cli.run("info", TD.resolve("pcap/sample.pcap").toString());
        assertEquals(0, c.exit, c.toString());
        // figures from capinfos 4.0 on the same file (capinfos -M testdata/pcap/sample.pcap)
        assertTrue(c.out.contains("File encapsulation:   Ethernet\n"), c.out);
        assertTrue(c.out.contains("Number of packets:    24\n"), c.out);
        assertTrue(c.out.contains("Data size:            1798 bytes\n"), c.out);
        assertTrue(c.out.contains("First packet time:    2024-03-01 12:00:00.001250\n"), c.out);
        assertTrue(c.out.contains("Last packet time:     2024-03-01 12:00:00.535644\n"), c.out);
        assertTrue(c.out.contains("Capture duration:     0.534394 seconds\n"), c.out);
        assertTrue(c.out.contains("Average packet size:  74.92 bytes\n"), c.out);
        assertTrue(c.out.contains("Strict time order:    True\n"), c.out);
    }

    @Test
    void jsonForSeveralFilesWithPerPacketEncapsulationAndComments() throws IOException {
        Cli c = Cli.run("info", "--json", TD.resolve("pcapng/sample-two-linktypes.pcapng").toString(),
                TD.resolve("pcapng/sample-comments.pcapng").toString());
        assertEquals(0, c.exit, c.toString());
        JsonNode all = new ObjectMapper().readTree(c.out);
        assertEquals(2, all.size());
        JsonNode two = all.get(0);
        assertEquals("per packet", two.get("encapsulation").asText());
        assertEquals(48, two.get("packets").asLong());
        assertEquals(2, two.get("interfaces").size());
        assertEquals(228, two.get("interfaces").get(1).get("linkType").asInt());
        assertEquals(24, two.get("interfaces").get(1).get("packets").asLong());
        assertEquals("1709294400.001250000", two.get("firstEpoch").asText());
        assertEquals(3, all.get(1).get("packetComments").asLong());
    }

    @Test
    void damagedFileIsReportedWithFiguresOfWhatWasRead() throws IOException {
        byte[] all = Files.readAllBytes(TD.resolve("pcap/sample.pcap"));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 5));
        Cli c = Cli.run("info", cut.toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.contains("Number of packets:    23\n"), c.out);
        assertTrue(c.err.startsWith("capmill: warning: " + cut + ": pcap: "), c.err);
        Cli s = Cli.run("info", "--strict", cut.toString());
        assertEquals(ExitCodes.INPUT, s.exit, s.toString());
        Path junk = tmp.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Cli j = Cli.run("info", junk.toString(), TD.resolve("pcap/sample.pcap").toString());
        assertEquals(ExitCodes.INPUT, j.exit, j.toString());
        assertEquals("capmill: " + junk + ": not a capture format capmill reads (starts with 01 02 03 04 05 06 07 08)\n", j.err);
        assertTrue(j.out.contains("Number of packets:    24"), "the good file is still described");
    }

    @Test
    void usageErrorsAndHelp() {
        Cli none = Cli.run("info");
        assertEquals(ExitCodes.USAGE, none.exit);
        assertTrue(none.err.startsWith("capmill: Missing required parameter"), none.err);
        Cli help = Cli.run("info", "--help");
        assertEquals(0, help.exit);
        assertTrue(help.out.contains("Examples:") && help.out.contains("Exit status:"), help.out);
        Cli version = Cli.run("--version");
        assertEquals(0, version.exit);
        assertTrue(version.out.startsWith("capmill "), version.out);
        Cli formats = Cli.run("formats");
        assertEquals(0, formats.exit);
        assertTrue(formats.out.contains("pcapng") && formats.out.contains("zstd"), formats.out);
    }

    @Test
    void etlEventsThatAreNotPacketsAreCountedNotLost() throws IOException {
        Path etl = Shared.requireCorpus().resolve("etl/pktmon/kesiya_PktMon.etl");
        Cli c = Cli.run("info", etl.toString());
        assertEquals(0, c.exit, c.toString());
        // kesiya is a pktmon trace without packets: its rundown is all there is (the events add up to the 657 walked)
        assertTrue(c.out.contains("Number of packets:    0\n"), c.out);
        assertTrue(c.out.contains("Packet events:        0\n"), c.out);
        assertTrue(c.out.contains("Events not converted:\n"), c.out);
        assertTrue(c.out.contains("                      Microsoft-Windows-PktMon 80: 97\n"), c.out);
        assertTrue(c.out.contains("Events-lost buffers:  0\n"), c.out);
        Cli j = Cli.run("info", "--json", etl.toString());
        JsonNode d = new ObjectMapper().readTree(j.out).get(0).get("formatDetails");
        assertEquals(657, d.get("EVENT_HEADER events").asLong());
        assertEquals(116, d.get("Events not converted").get("Microsoft-Windows-PktMon 90").asLong());
        // other formats have no such details
        Cli p = Cli.run("info", "--json", TD.resolve("pcap/sample.pcap").toString());
        assertTrue(new ObjectMapper().readTree(p.out).get(0).get("formatDetails") == null, p.out);
    }
}
