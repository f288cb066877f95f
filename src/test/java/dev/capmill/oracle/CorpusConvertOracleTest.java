package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Sink;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.pipeline.ConcatSource;
import dev.capmill.pipeline.Convert;
import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle test (tshark required in CI): capmill's conversions of the whole corpus read back in
 * tshark 4.0 with the same packets — count, times, lengths, encapsulations, bytes — as tshark
 * reads from the originals (the committed answers). To start tshark a few times rather than
 * thousands, the files are converted in batches into one multi-section pcapng each (every
 * input keeps its own sections), and for pcap into one file per link type; tshark's rows are
 * then cut back into files by their packet counts.
 */
class CorpusConvertOracleTest {
    static final Path PROJECT = Shared.projectDir();
    static final int BATCH = 300;

    @TempDir
    Path tmp;

    /**
     * Corpus files that tshark and capmill both read to the end. Files where capmill's own reading
     * differs from tshark's on purpose (SunATM pseudo-headers, for instance) are included: what
     * matters here is that tshark reads capmill's output as it reads the original. Files listed
     * with the "convert" aspect in corpus-differences.tsv are left out, with their reason there.
     */
    static List<CorpusGolden.Entry> agreed(Path corpus) throws IOException {
        Map<Integer, Integer> encaps = CorpusGolden.loadEncaps(PROJECT);
        Map<String, KnownDifferences.Entry> known = KnownDifferences.load(PROJECT);
        List<CorpusGolden.Entry> out = new ArrayList<>();
        for (CorpusGolden.Entry e : CorpusGolden.load(PROJECT)) {
            if (e.tsharkExit != 0 || !e.tsharkError.isEmpty() || e.packets() == 0
                    || (known.containsKey(e.path) && known.get(e.path).has(KnownDifferences.CONVERT))) {
                continue;
            }
            CapmillFingerprints.Reading c = CapmillFingerprints.read(corpus.resolve(e.path), encaps, null);
            if (c.error.isEmpty()) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void pcapngConversionsReadBackAsTheOriginals() throws IOException {
        Path corpus = Shared.requireCorpus();
        Tools.require("tshark");
        List<CorpusGolden.Entry> all = agreed(corpus);
        // each file converted alone first: the few whose times pcapng cannot hold are refused
        List<CorpusGolden.Entry> files = new ArrayList<>();
        Map<String, Path> single = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        for (CorpusGolden.Entry e : all) {
            Path one = tmp.resolve("one" + single.size() + ".pcapng");
            try {
                convert(List.of(corpus.resolve(e.path).toString()), one, "pcapng", WriteOptions.PcapPrecision.AUTO);
                single.put(e.path, one);
                files.add(e);
            } catch (CaptureException.Unwritable u) {
                assertTrue(u.getMessage().contains("cannot be stored"), e.path + ": refused for another reason: " + u.getMessage());
                refused.add(e.path + ": " + u.getMessage());
            }
        }
        assertTrue(refused.size() <= 5, "too many files refused: " + refused);
        assertTrue(files.size() > 1000, "only " + files.size() + " corpus files agreed");
        int checked = 0;
        for (int from = 0; from < files.size(); from += BATCH) {
            List<CorpusGolden.Entry> batch = files.subList(from, Math.min(files.size(), from + BATCH));
            Path out = tmp.resolve("batch" + from + ".pcapng");
            List<String> inputs = new ArrayList<>();
            long[] counts = new long[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                inputs.add(single.get(batch.get(i).path).toString());
                counts[i] = batch.get(i).packets();
            }
            convert(inputs, out, "pcapng", WriteOptions.PcapPrecision.AUTO);
            List<String> got = TsharkFingerprints.readSplit(out, counts);
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(batch.get(i).fingerprint, got.get(i), batch.get(i).path + ": pcapng conversion reads back differently in tshark");
                checked++;
            }
        }
        assertEquals(files.size(), checked);
    }

    @Test
    void pcapConversionsReadBackAsTheOriginals() throws IOException {
        Path corpus = Shared.requireCorpus();
        Tools.require("tshark");
        List<CorpusGolden.Entry> files = agreed(corpus);
        // one pcap per link type: each file converted alone first (some cannot be pcap at all)
        Map<Integer, List<CorpusGolden.Entry>> byLink = new TreeMap<>();
        Map<String, Path> single = new LinkedHashMap<>();
        int refused = 0;
        for (CorpusGolden.Entry e : files) {
            Path one = tmp.resolve("one" + single.size() + ".pcap");
            Integer link = pcapable(corpus.resolve(e.path));
            if (link == null) {
                refused++;
                continue;
            }
            try {
                convert(List.of(corpus.resolve(e.path).toString()), one, "pcap", WriteOptions.PcapPrecision.NANO);
            } catch (CaptureException.Unwritable u) {
                refused++;
                continue;
            }
            // (pcap refuses: times outside 1970-2106, and link types or metadata it cannot hold)
            single.put(e.path, one);
            byLink.computeIfAbsent(link, k -> new ArrayList<>()).add(e);
        }
        assertTrue(single.size() > 900, "only " + single.size() + " files converted to pcap (" + refused + " refused)");
        for (Map.Entry<Integer, List<CorpusGolden.Entry>> g : byLink.entrySet()) {
            List<CorpusGolden.Entry> group = g.getValue();
            List<String> inputs = new ArrayList<>();
            long[] counts = new long[group.size()];
            for (int i = 0; i < group.size(); i++) {
                inputs.add(single.get(group.get(i).path).toString());
                counts[i] = group.get(i).packets();
            }
            Path out = tmp.resolve("link" + g.getKey() + ".pcap");
            convert(inputs, out, "pcap", WriteOptions.PcapPrecision.NANO);
            List<String> got = TsharkFingerprints.readSplit(out, counts);
            for (int i = 0; i < group.size(); i++) {
                assertEquals(group.get(i).fingerprint, got.get(i),
                        group.get(i).path + ": pcap conversion reads back differently in tshark");
            }
        }
    }

    /** The one link type of a file whose packets all have times at most ns-precise, or null when pcap cannot hold it. */
    private static Integer pcapable(Path f) throws IOException {
        Integer link = null;
        try (ConcatSource src = new ConcatSource(FormatRegistry.standard(),
                new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics()), List.of(f.toString()))) {
            dev.capmill.model.PacketRecord r = new dev.capmill.model.PacketRecord();
            while (src.next(r)) {
                if (!r.isPacket()) {
                    continue;
                }
                if (!r.hasTimestamp()) {
                    return null;
                }
                InterfaceInfo i = src.interfaces().get(r.interfaceId());
                if (!i.decimalResolution() || i.tsResolution() > 9) {
                    return null;
                }
                if (link != null && link != i.linkType()) {
                    return null;
                }
                link = i.linkType();
            }
        }
        return link;
    }

    static void convert(List<String> inputs, Path out, String format, WriteOptions.PcapPrecision precision) throws IOException {
        FormatRegistry reg = FormatRegistry.standard();
        CaptureFormat f = reg.byId(format);
        Diagnostics d = new Diagnostics();
        try (ConcatSource src = new ConcatSource(reg, new ReadOptions(ReadLimits.DEFAULT, false, d), inputs);
             Sink sink = Sink.open(out.toString(), inputs)) {
            CaptureWriter w = f.writer(sink.output(), src, new WriteOptions(WriteOptions.LossPolicy.WARN, precision, d));
            new Convert().run(src, w);
            sink.commit();
            if (!src.failures().isEmpty()) {
                throw new IOException(src.failures().get(0).message());
            }
        }
    }
}
