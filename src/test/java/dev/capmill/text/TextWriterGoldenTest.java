package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** capmill's text lines against tshark 4.0's, byte for byte, on the project's sample capture. */
class TextWriterGoldenTest {
    static final Path SAMPLE = dev.capmill.testing.Shared.projectDir().resolve("testdata/pcap/sample.pcap");
    static final Path GOLDEN = dev.capmill.testing.Shared.projectDir().resolve("testdata/pcap/sample.pcap.tshark-n.txt");
    /** Protocols whose lines capmill decodes fully; their lines must be identical to tshark's. */
    static final Set<String> DECODED = Set.of("ARP", "TCP", "UDP", "ICMP", "HTTP", "DNS", "MDNS", "LLMNR", "NBNS",
        "DHCP", "BOOTP", "DHCPv6", "NTP", "SSDP");

    static byte[] text(Path capture) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureReader reader = FormatRegistry.standard().open(capture.toString(), ReadOptions.defaults());
             Output out = new Output(bytes)) {
            TextWriter w = new TextWriter(out, reader);
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                w.write(r);
            }
            w.finish();
        }
        return bytes.toByteArray();
    }

    /**
     * Asserts that capmill's text of {@code capture} is, line for line, tshark's answer stored beside
     * it as {@code <name>.tshark-n.txt} (made by {@code TZ=UTC tshark -n -r}).
     */
    static void sameAsTshark(Path capture) throws IOException {
        List<String> mine = lines(text(capture));
        List<String> tshark = lines(java.nio.file.Files.readAllBytes(
                capture.resolveSibling(capture.getFileName() + ".tshark-n.txt")));
        org.junit.jupiter.api.Assertions.assertEquals(tshark.size(), mine.size(), capture + ": lines");
        for (int i = 0; i < tshark.size(); i++) {
            org.junit.jupiter.api.Assertions.assertEquals(tshark.get(i), mine.get(i), capture.getFileName() + " frame " + (i + 1));
        }
    }

    static List<String> lines(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        assertTrue(s.endsWith("\n"), "every line ends with a newline");
        return Arrays.asList(s.substring(0, s.length() - 1).split("\n", -1));
    }

    /** tshark's Protocol column: the word after the destination column. */
    static String protocolOf(String tsharkLine) {
        int arrow = tsharkLine.indexOf(" \u2192 ");
        String rest = tsharkLine.substring(arrow + 3);
        // destination is padded to 12 characters, then one space
        int dstEnd = Math.max(12, rest.indexOf(' '));
        String after = rest.substring(dstEnd).stripLeading();
        return after.substring(0, after.indexOf(' '));
    }

    /** Asserts the decoded frames' lines equal the golden's and returns the frames whose lines are identical. */
    static Set<Integer> compare(Path capture, Path golden) throws IOException {
        List<String> mine = lines(text(capture));
        List<String> tshark = lines(Files.readAllBytes(golden));
        assertEquals(tshark.size(), mine.size(), "one line per packet");
        Set<Integer> identical = new TreeSet<>();
        Set<Integer> mustMatch = new TreeSet<>();
        for (int i = 0; i < tshark.size(); i++) {
            if (tshark.get(i).equals(mine.get(i))) {
                identical.add(i + 1);
            }
            if (DECODED.contains(protocolOf(tshark.get(i)))) {
                mustMatch.add(i + 1);
                assertEquals(tshark.get(i), mine.get(i), capture.getFileName() + " frame " + (i + 1));
            }
        }
        return identical;
    }

    @Test
    void decodedLinesAreTsharksByteForByte() throws IOException {
        // every frame of the sample is decoded now, and identical
        Set<Integer> identical = compare(SAMPLE, GOLDEN);
        assertEquals(ALL, identical);
    }

    @Test
    void nanosecondCapturesShowNineDigitsAsTsharkDoes() throws IOException {
        Path dir = SAMPLE.getParent();
        Set<Integer> identical = compare(dir.resolve("sample-nsec.pcap"), dir.resolve("sample-nsec.pcap.tshark-n.txt"));
        assertEquals(ALL, identical);
    }

    static final Set<Integer> ALL = new TreeSet<>(java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());

    @Test
    void udpApplicationProtocolsAreTsharksByteForByte() throws IOException {
        Path dir = SAMPLE.getParent();
        Set<Integer> identical = compare(dir.resolve("udp-apps.pcap"), dir.resolve("udp-apps.pcap.tshark-n.txt"));
        assertEquals(40, identical.size(), "every line of udp-apps.pcap: " + identical);
    }

    @Test
    void precisionFollowsTheInterfaceResolution() {
        assertEquals(6, TextWriter.digits(6));
        assertEquals(9, TextWriter.digits(9));
        assertEquals(3, TextWriter.digits(3));
        assertEquals(3, TextWriter.digits(4));
        assertEquals(0, TextWriter.digits(0));
        assertEquals(1, TextWriter.digits(1));
        assertEquals(2, TextWriter.digits(2));
        assertEquals(6, TextWriter.digits(0x80 | 20)); // 2^20 per second
        assertEquals(9, TextWriter.digits(0x80 | 30));
    }
}
