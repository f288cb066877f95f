package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declared-protocol files: their syntax, and which lines they enforce. */
class DecodedProtocolsTest {
    @TempDir
    Path dir;

    private DecodedProtocols parse(String... lines) throws IOException {
        Files.write(dir.resolve("p.tsv"), List.of(lines), StandardCharsets.UTF_8);
        return DecodedProtocols.load(dir, "p.tsv");
    }

    @Test
    void protocolsAndExcuses() throws IOException {
        DecodedProtocols p = parse("# comment", "ARP", "TCP\t\\[TCP Retransmission\\]\tanalysis flags not decoded yet",
                "TCP\t^\\s*\\d+\\s+-\tnegative times", "", "UDP\tcapmill:Link type \\d+ is not decoded\tlink layer", "ICMP\tfile:^odd/\tquirk");
        assertEquals(List.of("ARP", "TCP", "UDP", "ICMP"), p.names());
        assertTrue(p.enforced("ARP", "a/b.pcap", "anything", "other"));
        assertFalse(p.enforced("DNS", "a/b.pcap", "anything", "other"));
        String ack = "    7   0.1 a \u2192 b TCP 54 40000 \u2192 80 [ACK]";
        assertTrue(p.enforced("TCP", "a/b.pcap", ack, ack));
        assertFalse(p.enforced("TCP", "a/b.pcap", "    7   0.1 a \u2192 b TCP 54 [TCP Retransmission] 40000 \u2192 80 [ACK]", ack));
        assertEquals(4, p.excuse("TCP", "a/b.pcap", "    9 -0.5 x", "    9 -0.5 x").line);
        assertNull(p.excuse("ARP", "a/b.pcap", "[TCP Retransmission]", null));
        // a capmill: excuse looks at capmill's line only
        assertTrue(p.enforced("UDP", "a/b.pcap", "Link type 9 is not decoded", "1 0.0 a \u2192 b UDP 60 1 \u2192 2 Len=0"));
        assertFalse(p.enforced("UDP", "a/b.pcap", "1 0.0 a \u2192 b UDP 60 1 \u2192 2 Len=0", "1 0.0 \u2192 Unknown 60 Link type 9 is not decoded yet"));
        assertTrue(p.enforced("UDP", "a/b.pcap", "x", null), "no capmill line: a capmill: excuse does not apply");
        // a file: excuse looks at the capture's path only
        assertFalse(p.enforced("ICMP", "odd/x.pcap", "x", "y"));
        assertTrue(p.enforced("ICMP", "a/odd/x.pcap", "odd/", "odd/"));
        assertEquals(4, p.excuses().size());
    }

    @Test
    void malformedLinesAreRefusedWithTheLineNumber() {
        IOException e = assertThrows(IOException.class, () -> parse("ARP", "TCP\t[unclosed\treason"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        e = assertThrows(IOException.class, () -> parse("TCP\tregex without reason"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void committedFilesParse() throws IOException {
        for (String f : List.of(DecodedProtocols.TEXT, DecodedProtocols.TSV)) {
            DecodedProtocols.load(Shared.projectDir(), f);
        }
    }
}
