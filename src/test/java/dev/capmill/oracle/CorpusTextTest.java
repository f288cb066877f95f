package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * capmill's text (TextWriter, in process) against {@code TZ=UTC tshark -n -r} over the corpus:
 * every line whose tshark Protocol is declared in testdata/oracle/text-decoded.tsv is identical.
 * Needs no tshark (the answers are committed); {@code CorpusTextReport} prints the rates.
 */
class CorpusTextTest extends CorpusLinesTestBase {
    @Override
    CorpusComparison.Kind kind() {
        return CorpusComparison.Kind.TEXT;
    }

    @Test
    void goldenCoversEveryCaptureTsharkReads() throws IOException {
        Shared.requireCorpus();
        List<String> want = CorpusTextGolden.files(PROJECT);
        for (String golden : List.of(TextGoldens.TEXT, TextGoldens.FIELDS_FILE)) {
            assertTrue(Files.exists(PROJECT.resolve(golden)), golden + " is missing: " + CorpusTextGolden.COMMAND);
            assertEquals(want, new ArrayList<>(TextGoldens.load(PROJECT.resolve(golden)).keySet()),
                    golden + " does not list the captures of testdata/oracle/corpus-tshark*.tsv: regenerate it with "
                            + CorpusTextGolden.COMMAND);
        }
    }
}
