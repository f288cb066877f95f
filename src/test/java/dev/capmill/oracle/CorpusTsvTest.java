package dev.capmill.oracle;

import org.junit.jupiter.api.Assumptions;

/**
 * capmill's TSV ({@code capmill convert FILE -F tsv -e ...}, in process) against {@code tshark -T
 * fields -E occurrence=a -e ...} over the corpus, for the fields of {@link TextGoldens#FIELDS}:
 * every line whose tshark Protocol is declared in testdata/oracle/tsv-decoded.tsv is identical.
 *
 * <p>Until capmill has a {@code tsv} output (another branch of issue 5 adds it), these tests are
 * skipped with that reason, in CI too: the missing piece is capmill's, not the machine's. They
 * run as soon as a format with id {@code tsv} is registered.
 */
class CorpusTsvTest extends CorpusLinesTestBase {
    @Override
    CorpusComparison.Kind kind() {
        return CorpusComparison.Kind.TSV;
    }

    @Override
    void requireOutput() {
        Assumptions.assumeTrue(CorpusLines.tsvAvailable(),
                "capmill has no tsv output yet (issue 5, -F tsv -e FIELD): the TSV corpus oracle waits for it");
    }
}
