package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * capmill reads every pcap and pcapng file of the shared corpus as tshark 4.0 does (the committed
 * answers in testdata/oracle/corpus-tshark.tsv): the same packets, times, lengths, link types and
 * bytes; it rejects what tshark rejects; and `capmill info` agrees with capinfos on packet count,
 * link types and first/last time. Differences capmill makes on purpose are listed, with the
 * reason, in testdata/oracle/corpus-differences.tsv, and this test checks they are still real.
 */
class CorpusReadTest {
    static final Path PROJECT = Shared.projectDir();

    @Test
    void goldenCoversEveryPcapAndPcapngOfTheCorpus() throws IOException {
        Path corpus = Shared.requireCorpus();
        for (CorpusGolden.Group g : CorpusGolden.Group.values()) {
            if (!Files.exists(PROJECT.resolve(g.file))) {
                continue; // a group whose reader does not exist yet
            }
            List<String> golden = new ArrayList<>();
            for (CorpusGolden.Entry e : CorpusGolden.load(PROJECT, g)) {
                golden.add(e.path);
            }
            List<String> found = new ArrayList<>();
            for (Path p : CorpusFiles.find(corpus, g.kinds)) {
                found.add(corpus.relativize(p).toString());
            }
            assertEquals(found, golden, "the corpus changed: regenerate " + g.file + " with " + CorpusGolden.COMMAND);
        }
        assertTrue(Files.exists(PROJECT.resolve(CorpusGolden.Group.PCAP.file)));
    }

    @TestFactory
    Stream<DynamicTest> everyFileReadsAsTsharkDoes() throws IOException {
        Path corpus = Shared.requireCorpus();
        Map<Integer, Integer> encaps = CorpusGolden.loadEncaps(PROJECT);
        Map<String, KnownDifferences.Entry> differences = KnownDifferences.load(PROJECT);
        List<DynamicTest> tests = new ArrayList<>();
        for (CorpusGolden.Entry e : CorpusGolden.load(PROJECT)) {
            tests.add(DynamicTest.dynamicTest(e.path, () -> check(corpus.resolve(e.path), e, encaps, differences.get(e.path))));
        }
        return tests.stream();
    }

    private static void check(Path file, CorpusGolden.Entry e, Map<Integer, Integer> encaps, KnownDifferences.Entry known)
            throws IOException {
        CapmillFingerprints.Reading c = CapmillFingerprints.read(file, encaps, null);
        boolean tsharkOk = e.tsharkExit == 0 && e.tsharkError.isEmpty();
        boolean capmillOk = c.error.isEmpty();
        if (e.tsharkError.contains("record data that TShark doesn't support")) {
            // a link type (or record) Wireshark cannot dissect: capmill copies bytes, so it reads at
            // least what tshark read before giving up
            assertTrue(c.stats.packets() >= e.packets(), e.path + ": tshark stops at an unsupported record after "
                    + e.packets() + " packets, capmill read only " + c.stats.packets() + " (" + c.error + ")");
            return;
        }
        boolean capinfosTimeDiffers = known != null && known.has(KnownDifferences.CAPINFOS_TIME);
        boolean same = c.fingerprint.equals(e.fingerprint) && tsharkOk == capmillOk;
        if (known != null && known.has(KnownDifferences.READ)) {
            assertFalse(same, e.path + " is listed in " + KnownDifferences.FILE + " (" + known.reason
                    + ") but capmill now reads it as tshark does: remove the line");
            return;
        }
        assertEquals(-1, c.unmappedLinkType, "link type " + c.unmappedLinkType + " of " + e.path
                + " has no Wireshark encapsulation in " + CorpusGolden.ENCAPS);
        assertEquals(e.fingerprint, c.fingerprint, e.path + ": packets differ from tshark's (tshark: "
                + (tsharkOk ? "read it all" : e.tsharkError) + "; capmill: " + (capmillOk ? "read it all" : c.error) + ")");
        if (tsharkOk) {
            assertTrue(capmillOk || c.truncated, e.path + ": tshark reads it whole, capmill says: " + c.error);
            assertTrue(capmillOk, e.path + ": tshark reads it whole, capmill says it is truncated: " + c.error);
        } else {
            assertFalse(capmillOk, e.path + ": tshark reports '" + e.tsharkError + "' but capmill read it without complaint");
        }
        // capmill info == capinfos on count and first/last time
        if (e.capinfosPackets >= 0) {
            assertEquals(e.capinfosPackets, c.stats.packets(), e.path + ": packet count differs from capinfos");
            if (capinfosTimeDiffers) {
                assertFalse(e.capinfosStart.equals(sameDigits(e.capinfosStart, c.stats.firstSeconds(), c.stats.firstNanos()))
                        && e.capinfosEnd.equals(sameDigits(e.capinfosEnd, c.stats.lastSeconds(), c.stats.lastNanos())),
                        e.path + " is listed as a capinfos time difference but agrees now: remove the line");
            } else if (!"n/a".equals(e.capinfosStart) && !e.capinfosStart.isEmpty() && c.stats.hasTimes()) {
                assertEquals(e.capinfosStart, sameDigits(e.capinfosStart, c.stats.firstSeconds(), c.stats.firstNanos()),
                        e.path + ": first packet time differs from capinfos");
                assertEquals(e.capinfosEnd, sameDigits(e.capinfosEnd, c.stats.lastSeconds(), c.stats.lastNanos()),
                        e.path + ": last packet time differs from capinfos");
            }
        }
    }

    /** Our time printed with as many fraction digits as capinfos printed (capinfos truncates). */
    static String sameDigits(String capinfos, long sec, int ns) {
        int dot = capinfos.indexOf('.');
        int digits = dot < 0 ? 0 : capinfos.length() - dot - 1;
        String frac = String.format("%09d", ns).substring(0, Math.min(9, digits));
        return digits == 0 ? Long.toString(sec) : sec + "." + frac;
    }

    @Test
    void knownDifferencesNameCorpusFiles() throws IOException {
        Path corpus = Shared.requireCorpus();
        for (String p : KnownDifferences.load(PROJECT).keySet()) {
            assertTrue(Files.isRegularFile(corpus.resolve(p)), p + " in " + KnownDifferences.FILE + " is not in the corpus");
        }
        assertNotEquals(0, CorpusGolden.load(PROJECT).size());
    }
}
