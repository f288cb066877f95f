package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class FastArgsTest {
    @Test
    void committedTableMatchesTheAnnotations() throws IOException {
        assertEquals(ArgsTableWriter.source(), Files.readString(ArgsTableWriter.COMMITTED, StandardCharsets.UTF_8),
                ArgsTableWriter.COMMITTED + " is out of date; regenerate it with the command in ArgsTableWriter");
        assertEquals(ArgsTableWriter.render(), ArgsTable.TEXT);
    }

    @Test
    void typicalCommandLinesTakeTheQuickPathAndParseAsPicocliDoes() {
        for (String[] args : QuickPathCheck.typical()) {
            assertTrue(QuickPathCheck.samePick(args), String.join(" ", args));
        }
    }

    @Test
    void whatTheQuickPathIsNotSureOfGoesToPicocli() {
        String[][] refused = {
            {},
            {"--version"},
            {"help", "merge"},
            {"merge", "--help"},
            {"merge", "-h"},
            {"merge", "-V"},
            {"merge", "a.pcap", "b.pcap"},                       // -o is required
            {"merge", "a.pcap", "-o"},                           // no value
            {"merge", "a.pcap", "-o", "-q"},                     // an option where its value should be
            {"merge", "a.pcap", "-o", "x", "-o", "y"},           // given twice
            {"merge", "a.pcap", "-q", "-q", "-o", "x"},
            {"merge", "a.pcap", "--max-open", "many", "-o", "x"}, // does not convert
            {"merge", "a.pcap", "--by", "soon", "-o", "x"},
            {"merge", "a.pcap", "--unknown", "-o", "x"},
            {"merge", "a.pcap", "-qa", "-o", "x"},               // a cluster
            {"merge", "a.pcap", "-ox"},                          // an attached value
            {"merge", "a.pcap", "--lossy=true", "-o", "x"},
            {"merge", "-o", "x"},                                // no input
            {"shift", "a.pcap", "b.pcap", "-o", "x"},            // one input only
            {"print", "a.pcap", "--no-header"},
            {"print", "a.pcap", "--header"},
            {"formats2"},
        };
        for (String[] args : refused) {
            assertFalse(QuickPathCheck.samePick(args), String.join(" ", args));
        }
    }

    @Test
    void aCommandRunThroughTheQuickPathExitsAsThroughPicocli() {
        // UserError and I/O errors reach the same handler, with the same exit codes
        assertEquals(ExitCodes.USAGE, Main.run(() -> {
            throw new UserError(ExitCodes.USAGE, "bad");
        }));
        assertEquals(ExitCodes.OUTPUT, Main.run(() -> {
            throw new IOException("disk full");
        }));
        assertEquals(0, Main.run(() -> null));
        assertEquals(3, Main.run(() -> 3));
    }
}
