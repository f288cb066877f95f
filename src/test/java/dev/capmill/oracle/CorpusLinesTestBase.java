package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus oracle for one output (text or TSV): over every capture of ../shared/corpus that
 * tshark reads, each line whose tshark Protocol is declared decoded must be identical to the
 * committed tshark line; an excuse that no longer covers a differing line must be removed. The
 * whole corpus is compared once per class (a few seconds), then reported file by file.
 */
abstract class CorpusLinesTestBase {
    static final Path PROJECT = Shared.projectDir();

    private CorpusComparison comparison;
    private List<CorpusComparison.FileResult> results;

    abstract CorpusComparison.Kind kind();

    /** Skips or fails (CI) when a prerequisite of this output is missing. */
    void requireOutput() {
    }

    private synchronized List<CorpusComparison.FileResult> results() throws IOException {
        if (results == null) {
            Path corpus = Shared.requireCorpus();
            requireOutput();
            comparison = new CorpusComparison(kind(), PROJECT, corpus);
            results = new ArrayList<>();
            for (String p : comparison.paths()) {
                results.add(comparison.compare(p));
            }
        }
        return results;
    }

    @TestFactory
    Stream<DynamicTest> declaredProtocolsPrintAsTsharkDoes() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (CorpusComparison.FileResult r : results()) {
            tests.add(DynamicTest.dynamicTest(r.path, () -> {
                if (r.enforcedDifferent > 0) {
                    fail(r.enforcedDifferent + " of the " + r.enforced + " lines of " + r.path + " that "
                            + comparison.rules().file + " declares decoded differ from tshark's"
                            + (r.error.isEmpty() ? "" : " (capmill failed: " + r.error + ")") + "; the first:\n"
                            + r.failures.stream().map(Object::toString).collect(Collectors.joining("\n")));
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void everyExcuseStillCoversADifference() throws IOException {
        results();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<DecodedProtocols.Excuse, Long> e : comparison.tally.excused.entrySet()) {
            if (e.getValue() == 0) {
                stale.add(e.getKey().toString());
            }
        }
        assertTrue(stale.isEmpty(), "these excuses in " + comparison.rules().file
                + " cover no differing line any more: delete them\n" + String.join("\n", stale));
    }
}
