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
                "TCP\t^\\s*\\d+\\s+-\tnegative times", "");
        assertEquals(List.of("ARP", "TCP"), p.names());
        assertTrue(p.enforced("ARP", "anything"));
        assertFalse(p.enforced("DNS", "anything"));
        assertTrue(p.enforced("TCP", "    7   0.1 a \u2192 b TCP 54 40000 \u2192 80 [ACK]"));
        assertFalse(p.enforced("TCP", "    7   0.1 a \u2192 b TCP 54 [TCP Retransmission] 40000 \u2192 80 [ACK]"));
        assertEquals(5, p.excuse("TCP", "    9 -0.5 x").line);
        assertNull(p.excuse("ARP", "[TCP Retransmission]"));
        assertEquals(2, p.excuses().size());
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
