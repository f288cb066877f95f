package dev.capmill.pipeline;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A merge of any number of inputs with at most {@code fanIn} files open and bounded memory: when
 * there are more inputs than that, groups of {@code fanIn} are merged into temporary pcapng files
 * (lossless: every interface, time resolution, option and block is kept), level by level, and the
 * last level is merged while it is read. Interfaces are named after their original input in the
 * first level, so the names survive. The temporary files are deleted when the source is closed.
 */
public final class TreeMerge implements RecordSource {
    private final MergeSource last;
    private final List<InputFailure> failures = new ArrayList<>();
    private final List<Path> temps = new ArrayList<>();
    private final Path tempDir;

    private TreeMerge(MergeSource last, Path tempDir) {
        this.last = last;
        this.tempDir = tempDir;
    }

    /**
     * A merge of {@code names}: a plain {@link MergeSource} when they are at most {@code fanIn},
     * else a tree whose temporary files go in {@code tempDir} (created and deleted here).
     */
    public static RecordSource open(List<String> names, MergeSource.Opener opener, boolean mergeIdentical,
            int fanIn, Path tempParent, FormatRegistry registry, ReadOptions readOptions) throws IOException {
        if (fanIn < 2) {
            throw new IllegalArgumentException("fan-in must be at least 2");
        }
        if (names.size() <= fanIn) {
            return new MergeSource(names, opener, mergeIdentical, true);
        }
        Path dir = Files.createTempDirectory(tempParent, ".capmill-merge-");
        List<InputFailure> failures = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        TreeMerge done = null;
        try {
            // level 1: the inputs themselves, through their per-input stages
            List<String> level = new ArrayList<>();
            for (int from = 0; from < names.size(); from += fanIn) {
                int to = Math.min(names.size(), from + fanIn);
                int base = from;
                MergeSource m = new MergeSource(names.subList(from, to), i -> opener.open(base + i), mergeIdentical, true);
                level.add(writeTemp(m, dir, temps, registry, failures).toString());
            }
            // further levels: temporary files, read as they are
            while (level.size() > fanIn) {
                List<String> next = new ArrayList<>();
                for (int from = 0; from < level.size(); from += fanIn) {
                    List<String> group = level.subList(from, Math.min(level.size(), from + fanIn));
                    MergeSource m = new MergeSource(group, i -> new ReaderSource(registry.open(group.get(i), readOptions)),
                            mergeIdentical, false);
                    next.add(writeTemp(m, dir, temps, registry, failures).toString());
                    for (String g : group) {
                        Files.deleteIfExists(Path.of(g));
                    }
                }
                level = next;
            }
            List<String> finalLevel = level;
            MergeSource last = new MergeSource(finalLevel,
                    i -> new ReaderSource(registry.open(finalLevel.get(i), readOptions)), mergeIdentical, false);
            done = new TreeMerge(last, dir);
            done.failures.addAll(failures);
            done.temps.addAll(temps);
            return done;
        } finally {
            if (done == null) {
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    private static Path writeTemp(MergeSource m, Path dir, List<Path> temps, FormatRegistry registry,
            List<InputFailure> failures) throws IOException {
        Path t = dir.resolve("level-" + temps.size() + ".pcapng");
        temps.add(t);
        CaptureFormat pcapng = registry.byId("pcapng");
        try (m; OutputStream os = new BufferedOutputStream(Files.newOutputStream(t), 1 << 16)) {
            Output out = new Output(os, 1 << 16);
            CaptureWriter w = pcapng.writer(out, m, new WriteOptions(WriteOptions.LossPolicy.FAIL,
                    WriteOptions.PcapPrecision.AUTO, new Diagnostics()));
            new Convert().run(m, w);
            out.close();
        }
        failures.addAll(m.failures());
        return t;
    }

    /** Failures of every input, at every level. */
    public List<InputFailure> failures() {
        List<InputFailure> all = new ArrayList<>(failures);
        all.addAll(last.failures());
        return all;
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        return last.next(into);
    }

    @Override
    public long position() {
        return last.position();
    }

    @Override
    public List<SectionInfo> sections() {
        return last.sections();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return last.interfaces();
    }

    @Override
    public void close() throws IOException {
        last.close();
        for (Path t : temps) {
            Files.deleteIfExists(t);
        }
        Files.deleteIfExists(tempDir);
    }
}
