package dev.capmill.format.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.oracle.CorpusFiles;
import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every pcap and pcapng file of the corpus that capmill reads to its end, skipped to targets at a
 * third, two thirds, the last packet and after it: from the target plus the file's own disorder
 * on, the packets and every record that is not a packet are those of a full read. pcap files are
 * searched down to single records (and with the default distance), so that the binary search runs
 * on small files too. Damaged files are skipped once, to see that nothing but a CaptureException comes out.
 */
class SeekCorpusTest {
    @Test
    void skippingGivesTheSamePacketsOnEveryCorpusFile() throws IOException {
        Path corpus = Shared.requireCorpus();
        List<Path> files = CorpusFiles.find(corpus, CorpusFiles.Kind.PCAP, CorpusFiles.Kind.PCAPNG);
        int compared = 0;
        int unreadable = 0;
        int disordered = 0;
        long jumped = 0;
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            PcapSeekTest.Read full = PcapSeekTest.read(f, null, 0, false);
            if (full.error != null || full.times.size() < 2) {
                unreadable++;
                if (!full.times.isEmpty() && full.times.get(full.times.size() / 2) != Long.MIN_VALUE) {
                    // damaged: only no exception but CaptureException (read() lets others through)
                    PcapSeekTest.read(f, full.times.get(full.times.size() / 2), 1, false);
                }
                continue;
            }
            long late = PcapSeekTest.maxLate(full.times);
            if (late > 0) {
                disordered++;
            }
            List<Long> timed = full.times.stream().filter(t -> t != Long.MIN_VALUE).toList();
            if (timed.isEmpty()) {
                continue;
            }
            int n = timed.size();
            long[] targets = {timed.get(n / 3), timed.get(2 * n / 3), timed.get(n - 1), timed.get(n - 1) + 1};
            for (long target : targets) {
                for (long linear : new long[] {1, 0}) {
                    PcapSeekTest.Read seek = PcapSeekTest.read(f, target, linear, false);
                    jumped += seek.bytesJumped;
                    long threshold = late > Long.MAX_VALUE - target ? Long.MAX_VALUE : target + late;
                    String what = corpus.relativize(f) + " target " + target + " linear " + linear;
                    if (seek.error != null) {
                        failures.add(what + ": " + seek.error);
                    } else if (!PcapSeekTest.from(full, threshold).equals(PcapSeekTest.from(seek, threshold))) {
                        failures.add(what + ": other packets");
                    } else if (!full.others.equals(seek.others)) {
                        failures.add(what + ": other records that are not packets");
                    }
                }
            }
            compared++;
        }
        assertEquals(List.of(), failures);
        assertTrue(compared > 500, compared + " files compared, " + unreadable + " unreadable");
        assertTrue(jumped > 0, "the search jumped somewhere");
        System.out.println("seek corpus: " + compared + " files compared (" + disordered + " out of time order), "
                + unreadable + " not read to their end or with fewer than 2 packets, " + jumped + " bytes jumped");
    }
}
