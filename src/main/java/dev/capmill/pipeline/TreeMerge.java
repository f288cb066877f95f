package dev.capmill.pipeline;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Input;
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
 * A merge of any number of inputs with at most {@code fanIn} files open and bounded memory. When
 * there are more inputs than that, just enough of the first ones are merged, in groups of at most
 * {@code fanIn}, into temporary pcapng files (lossless: every interface, time resolution, option
 * and block is kept) for the rest to fit in one last merge, which is read as it goes: with a
 * fan-in of 1,500 and 2,000 inputs, about a quarter of the data passes through a temporary file,
 * not all of it. Groups are runs of consecutive inputs and come first in the next level, so equal
 * times still come out in input order. Interfaces are named after their original input when it is
 * first merged, so the names survive. The temporary files are deleted when the source is closed.
 */
public final class TreeMerge implements RecordSource {
    /** Smallest read buffer an input gets however many are open (it grows for a larger record). */
    static final int MIN_BUFFER = 16 << 10;
    /** What an open input holds besides its buffer: reader, stages, records, channel (estimate). */
    static final int PER_INPUT = 4 << 10;
    /** What a decompressor holds (buffers, window), for inputs named as compressed. */
    static final int PER_COMPRESSED = 256 << 10;
    /** Files kept free for the output, a temporary file and the JVM's own. */
    public static final int RESERVED_FILES = 16;

    private final MergeSource last;
    private final List<InputFailure> failures = new ArrayList<>();
    private final List<Path> temps = new ArrayList<>();
    private final Path tempDir;

    private TreeMerge(MergeSource last, Path tempDir) {
        this.last = last;
        this.tempDir = tempDir;
    }

    /** The read buffers of all open inputs together: a quarter of the heap. */
    static long budget(long maxHeap) {
        return maxHeap / 4;
    }

    private static int overhead(boolean compressed) {
        return compressed ? PER_COMPRESSED : PER_INPUT;
    }

    /**
     * How many of {@code inputs} to merge at once: all of them if the heap can buffer them
     * ({@link #MIN_BUFFER} each at least, within {@link #budget}) and the process may open that
     * many files ({@code freeFiles}, less {@link #RESERVED_FILES}); never fewer than two.
     */
    public static int fanIn(int inputs, long maxHeap, long freeFiles, boolean compressed) {
        long byMemory = budget(maxHeap) / (MIN_BUFFER + overhead(compressed));
        long byFiles = freeFiles - RESERVED_FILES;
        return (int) Math.max(2, Math.min(inputs, Math.min(byMemory, byFiles)));
    }

    /** The read buffer of each of {@code open} inputs merged at once: a share of the budget, 16 KiB to 1 MiB. */
    public static int bufferSize(int open, long maxHeap, boolean compressed) {
        long share = budget(maxHeap) / Math.max(1, open) - overhead(compressed);
        return (int) Math.max(MIN_BUFFER, Math.min(Input.DEFAULT_BUFFER, share));
    }

    /** An entry of a merge level: an original input (its index) or a temporary file. */
    private static final class Entry {
        final String name;
        final int input;

        Entry(String name, int input) {
            this.name = name;
            this.input = input;
        }
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
            List<Entry> level = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                level.add(new Entry(names.get(i), i));
            }
            while (level.size() > fanIn) {
                // each group of g entries merged into one file takes g - 1 off the level
                int excess = level.size() - fanIn;
                List<Entry> next = new ArrayList<>();
                int from = 0;
                while (excess > 0 && from < level.size()) {
                    int g = Math.min(fanIn, Math.min(excess + 1, level.size() - from));
                    List<Entry> group = level.subList(from, from + g);
                    Path t = writeTemp(merge(group, opener, mergeIdentical, registry, readOptions), dir, temps,
                            registry, failures);
                    for (Entry e : group) {
                        if (e.input < 0) {
                            Files.deleteIfExists(Path.of(e.name));
                        }
                    }
                    next.add(new Entry(t.toString(), -1));
                    from += g;
                    excess -= g - 1;
                }
                next.addAll(level.subList(from, level.size()));
                level = next;
            }
            MergeSource last = merge(level, opener, mergeIdentical, registry, readOptions);
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

    /** A merge of {@code entries}: inputs through their opener (interfaces labelled), temporary files as they are. */
    private static MergeSource merge(List<Entry> entries, MergeSource.Opener opener, boolean mergeIdentical,
            FormatRegistry registry, ReadOptions readOptions) {
        List<Entry> es = List.copyOf(entries);
        List<String> names = new ArrayList<>();
        for (Entry e : es) {
            names.add(e.name);
        }
        return new MergeSource(names, i -> es.get(i).input >= 0 ? opener.open(es.get(i).input)
                : new ReaderSource(registry.open(es.get(i).name, readOptions)), mergeIdentical,
                i -> es.get(i).input >= 0);
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
