package dev.capmill.cli;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Compression;
import dev.capmill.io.OpenFiles;
import dev.capmill.io.Sink;
import dev.capmill.io.Sources;
import dev.capmill.model.LinkType;
import dev.capmill.model.PacketRecord;
import dev.capmill.pipeline.ConcatSource;
import dev.capmill.pipeline.Convert;
import dev.capmill.pipeline.DedupTapsStage;
import dev.capmill.pipeline.InputFailure;
import dev.capmill.pipeline.MergeSource;
import dev.capmill.pipeline.OrderWatch;
import dev.capmill.pipeline.ReaderSource;
import dev.capmill.pipeline.RecordSource;
import dev.capmill.pipeline.SeekPlan;
import dev.capmill.pipeline.SeekStage;
import dev.capmill.pipeline.ShiftStage;
import dev.capmill.pipeline.SplitWriter;
import dev.capmill.pipeline.TapAlign;
import dev.capmill.pipeline.TreeMerge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline that merge, slice and shift configure: inputs (concatenated, or merged by time with
 * per-input offsets and reordering), the editing stages, then one output or split pieces.
 */
final class EditJob {
    List<String> inputs;
    boolean merge;
    boolean mergeIdentical;
    /** Inputs merged at once as asked (--max-open); null: as many as open files and the heap allow. */
    Integer maxOpen;
    Map<String, Long> offsets = new LinkedHashMap<>();
    /** Estimate the offsets of inputs 2.. from packets they share with input 1 (hand-set offsets win). */
    boolean align;
    int alignSample = TapAlign.DEFAULT_SAMPLE;
    /** Keep one copy of a packet seen at several interfaces within {@link #dedupTapsWindow} ns; null: off. */
    Long dedupTapsWindow;
    ReadingOptions reading;
    EditingOptions editing;
    FilterOption filter;
    OutputOptions out;
    SplitOptions split;

    private final FormatRegistry registry = FormatRegistry.standard();

    /** A job reading {@code inputs} one after another (set {@link #merge} to merge them by time). */
    EditJob(List<String> inputs, ReadingOptions reading, EditingOptions editing, FilterOption filter, OutputOptions out) {
        this.inputs = inputs;
        this.reading = reading;
        this.editing = editing;
        this.filter = filter;
        this.out = out;
    }

    int run() throws IOException {
        editing.check();
        if (split != null) {
            split.check();
        }
        Diagnostics diag = new Diagnostics();
        ReadOptions ropts = reading.readOptions(diag);
        CaptureFormat target = out.chooseFormat(registry);
        WriteOptions wopts = out.writeOptions(diag);
        boolean splitting = split != null && split.any();
        if (splitting && Sources.STDIN.equals(out.output)) {
            throw new UserError(ExitCodes.USAGE, "--split-* writes files; give a file name with -o");
        }
        for (String k : offsets.keySet()) {
            if (!inputs.contains(k)) {
                throw new UserError(ExitCodes.USAGE, "--offset " + k + "=...: " + k + " is not one of the inputs");
            }
        }
        if (target.id().equals("pcap") && inputs.size() > 1) {
            checkOneLinkType(ropts);
        }
        if (align) {
            alignInputs(ropts);
        }
        List<String> warnings = new ArrayList<>();
        RecordSource combined;
        List<OrderWatch> watches = new ArrayList<>();
        if (merge && inputs.size() > 1) {
            boolean compressed = anyCompressed();
            int fanIn = fanIn(warnings, compressed);
            ReadOptions merged = ropts.withBufferSize(TreeMerge.bufferSize(fanIn, Runtime.getRuntime().maxMemory(),
                    compressed));
            MergeSource.Opener opener = i -> {
                String name = inputs.get(i);
                CaptureReader reader = registry.open(name, merged);
                RecordSource s = new ReaderSource(reader);
                Long off = offsets.get(name);
                SeekPlan plan = reading.strict ? null : editing.seekPlan(off == null ? 0 : off, true);
                if (plan != null) {
                    s = new SeekStage(s, () -> reader, plan);
                }
                if (off != null) {
                    s = new ShiftStage(s, off);
                }
                s = new OrderWatch(s, name, editing.reorderWindow == null ? warnings::add : null);
                return editing.reorder(s);
            };
            Path parent = Sources.STDIN.equals(out.output) ? Path.of(".")
                    : Path.of(out.output).toAbsolutePath().getParent();
            combined = TreeMerge.open(inputs, opener, mergeIdentical, fanIn, parent, registry, merged);
        } else {
            if (!offsets.isEmpty()) {
                throw new UserError(ExitCodes.USAGE, "--offset applies to merged inputs; with one input or --append use --shift");
            }
            ConcatSource concat = new ConcatSource(registry, ropts, inputs);
            SeekPlan plan = inputs.size() == 1 && !reading.strict ? editing.seekPlan(0, false) : null;
            RecordSource in = plan == null ? concat : new SeekStage(concat, concat::currentReader, plan);
            OrderWatch w = new OrderWatch(in, inputs.size() == 1 ? inputs.get(0) : "input",
                    editing.reorderWindow == null && inputs.size() == 1 ? warnings::add : null);
            watches.add(w);
            combined = editing.reorder(w);
            combined = new FailureCarrier(combined, concat::failures);
        }
        RecordSource edited = editing.apply(combined);
        DedupTapsStage taps = null;
        if (dedupTapsWindow != null) {
            edited = taps = new DedupTapsStage(edited, dedupTapsWindow);
        }
        RecordSource source = filter.apply(edited);
        if (editing.selects() || source != edited || dedupTapsWindow != null) {
            wopts.text().blockFrames(false); // only the chosen packets get lines
        }
        Convert pump = new Convert();
        int exit;
        try (source) {
            if (splitting) {
                SplitWriter sw = new SplitWriter(target, source, wopts, out.output, inputs,
                        split.count == null ? 0 : split.count, split.duration == null ? 0 : split.duration,
                        split.size == null ? 0 : split.size);
                try {
                    pump.run(source, sw);
                } catch (IOException | RuntimeException e) {
                    sw.abort();
                    Console.warnings(diag, reading.quiet);
                    if (e instanceof dev.capmill.filter.FilterException) {
                        throw new UserError(ExitCodes.USAGE, "filter: " + e.getMessage());
                    }
                    if (e instanceof CaptureException.Unwritable) {
                        throw new UserError(ExitCodes.OUTPUT, out.output + ": " + e.getMessage());
                    }
                    throw e;
                }
                if (!reading.quiet) {
                    Console.warning("wrote " + sw.pieces() + " piece" + (sw.pieces() == 1 ? "" : "s")
                            + " and " + sw.manifestPath());
                }
            } else {
                Sink sink0 = openSink();
                try (Sink sink = sink0; dev.capmill.pipeline.Progress progress = dev.capmill.pipeline.Progress.start(
                        !reading.quiet && dev.capmill.pipeline.Terminal.stderrIsTerminal()
                            && !Sources.STDIN.equals(out.output),
                        System.err, pump::packets, source::position, totalSize())) {
                    CaptureWriter writer = target.writer(sink.output(), source, wopts);
                    try {
                        pump.run(source, writer);
                        progress.close();
                    } catch (dev.capmill.filter.FilterException e) {
                        sink.abort();
                        progress.close();
                        throw new UserError(ExitCodes.USAGE, "filter: " + e.getMessage());
                    } catch (CaptureException.Unwritable e) {
                        sink.abort();
                        progress.close();
                        Console.warnings(diag, reading.quiet);
                        throw new UserError(ExitCodes.OUTPUT, out.output + ": " + e.getMessage());
                    }
                    List<InputFailure> failures = failures(combined);
                    boolean hard = failures.stream().anyMatch(f -> !f.truncation());
                    if (hard && pump.packets() == 0) {
                        sink.abort();
                    } else {
                        sink.commit();
                    }
                }
            }
        }
        if (taps != null && !reading.quiet) {
            Console.note("dedup-taps: removed " + taps.removed() + " cop" + (taps.removed() == 1 ? "y" : "ies")
                    + " of packets already seen at another interface within " + seconds(dedupTapsWindow) + "s");
        }
        if (taps != null && taps.forgottenEarly() > 0) {
            diag.warn("dedup-taps: more than " + DedupTapsStage.MAX_ENTRIES + " packets fell within the window; "
                    + taps.forgottenEarly() + " were forgotten early, so some copies may remain (use a shorter window)");
        }
        for (String w : warnings) {
            diag.warn(w);
        }
        Console.warnings(diag, reading.quiet);
        exit = report(failures(combined));
        return exit;
    }

    private static List<InputFailure> failures(RecordSource combined) {
        if (combined instanceof TreeMerge t) {
            return t.failures();
        }
        if (combined instanceof MergeSource m) {
            return m.failures();
        }
        if (combined instanceof FailureCarrier f) {
            return f.failures.get();
        }
        return List.of();
    }

    /**
     * Estimates each input's offset against the first one from a bounded sample of each and puts
     * it in {@link #offsets}, where the merge applies it. An offset set by hand is kept (and not
     * estimated); the reference's own hand-set offset is added to the others so that they line up
     * with it as written. An input with too few matches is refused, unless it failed to read (then
     * it stays at 0 and the merge reports the damage).
     */
    private void alignInputs(ReadOptions ropts) {
        if (!merge || inputs.size() < 2) {
            throw new UserError(ExitCodes.USAGE, "--align needs two or more inputs merged by time (not --append)");
        }
        if (alignSample < 1) {
            throw new UserError(ExitCodes.USAGE, "--align-sample must be at least 1");
        }
        String ref = inputs.get(0);
        if (Sources.STDIN.equals(ref)) {
            throw new UserError(ExitCodes.USAGE, "--align reads each input twice (a sample, then the merge), "
                    + "so the first input, the reference, cannot be stdin");
        }
        for (int i = 1; i < inputs.size(); i++) {
            if (Sources.STDIN.equals(inputs.get(i)) && !offsets.containsKey(inputs.get(i))) {
                throw new UserError(ExitCodes.USAGE, "--align reads each input twice, which stdin (-) cannot be; "
                        + "save it to a file, or give its offset with --offset -=DURATION");
            }
        }
        // sampling warnings are not repeated: the merge reads the same inputs and reports them
        ReadOptions sampling = new ReadOptions(ropts.limits(), ropts.lenient(), new Diagnostics(), ropts.timeZone(),
                ropts.includeDrops());
        TapAlign ta = new TapAlign(alignSample);
        TapAlign.Measure rm;
        try {
            rm = ta.reference(ref, new ReaderSource(registry.open(ref, sampling)));
        } catch (IOException e) {
            rm = new TapAlign.Measure(ref, 0, 0, 0, 0, e.getMessage());
        }
        long refOffset = offsets.getOrDefault(ref, 0L);
        note("align: " + ref + " is the reference" + (refOffset != 0 ? " (moved by --offset " + signed(refOffset) + "s)" : "")
                + ": " + rm.sampled() + " packets read, " + ta.referenceKeys() + " keys kept"
                + (ta.level() > 0 ? " (1 in " + (1L << ta.level()) + " sampled)" : "")
                + (rm.problem() != null ? "; it could not be read further: " + rm.problem() : ""));
        List<String> refused = new ArrayList<>();
        for (int i = 1; i < inputs.size(); i++) {
            String name = inputs.get(i);
            if (offsets.containsKey(name)) {
                note("align: " + name + " " + signed(offsets.get(name)) + "s (set by --offset, not estimated)");
                continue;
            }
            TapAlign.Measure m;
            try {
                m = ta.measure(name, new ReaderSource(registry.open(name, sampling)));
            } catch (IOException e) {
                m = new TapAlign.Measure(name, 0, 0, 0, 0, e.getMessage());
            }
            if (m.estimated()) {
                long off = m.offsetNanos() + refOffset;
                offsets.put(name, off);
                note("align: " + name + " " + signed(off) + "s from " + m.matched() + " packets also seen in " + ref
                        + (m.outliers() > 0 ? " (" + m.outliers() + " outliers ignored)" : "")
                        + "; " + m.sampled() + " packets read");
            } else if (m.problem() != null || rm.problem() != null) {
                String why = m.problem() != null ? name + " could not be read: " + m.problem()
                        : ref + " could not be read: " + rm.problem();
                if (!reading.quiet) {
                    Console.warning("align: " + name + " left at offset 0: " + m.matched()
                            + " packets matched before " + why);
                }
            } else {
                refused.add(name + ": only " + m.matched() + " of its first " + m.sampled() + " packets were also among the first "
                        + rm.sampled() + " of " + ref + " (at least " + TapAlign.MIN_MATCHES + " are needed)");
            }
        }
        if (!refused.isEmpty()) {
            throw new UserError(ExitCodes.USAGE, "--align: " + refused.get(0)
                    + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more inputs)" : "")
                    + "; read more with --align-sample N, or set the offset with --offset FILE=DURATION");
        }
    }

    private void note(String line) {
        if (!reading.quiet) {
            Console.note(line);
        }
    }

    /** Nanoseconds as signed seconds with nine decimals: +0.000180000, -2.500000000. */
    static String signed(long ns) {
        return (ns < 0 ? "-" : "+") + seconds(Math.abs(ns));
    }

    /** Non-negative nanoseconds as seconds with nine decimals. */
    static String seconds(long ns) {
        return ns / 1_000_000_000L + "." + String.format("%09d", ns % 1_000_000_000L);
    }

    /** Refuses, before reading any packet, inputs whose link types one pcap file cannot hold. */
    private boolean anyCompressed() {
        for (String in : inputs) {
            if (Compression.forName(in) != Compression.NONE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inputs merged at once: all while open files and the heap allow (at most --max-open when
     * given); a warning when --max-open asked for more than that.
     */
    private int fanIn(List<String> warnings, boolean compressed) {
        long heap = Runtime.getRuntime().maxMemory();
        int want = maxOpen == null ? inputs.size() : Math.min(maxOpen, inputs.size());
        if (want <= 2) {
            return 2;
        }
        long free = OpenFiles.free();
        int limit = TreeMerge.fanIn(want, heap, free, compressed);
        if (maxOpen != null && limit < want) {
            warnings.add("--max-open " + maxOpen + " lowered to " + limit + ": "
                    + (free - TreeMerge.RESERVED_FILES <= limit ? "the limit of open files (ulimit -n) leaves " + free + " free"
                        : "what a heap of " + (heap >> 20) + " MiB can buffer at once"));
        }
        return limit;
    }

    private void checkOneLinkType(ReadOptions ropts) {
        Map<Integer, String> seen = new LinkedHashMap<>();
        PacketRecord r = new PacketRecord();
        for (String in : inputs) {
            if (Sources.STDIN.equals(in)) {
                continue;
            }
            // a small buffer: only the file's first records are read
            try (CaptureReader reader = registry.open(in, ropts.withBufferSize(1 << 14))) {
                for (int n = 0; n < 10_000 && reader.next(r) && !r.isPacket(); n++) {
                    // read the header records: interfaces are declared before the first packet
                }
                reader.interfaces().forEach(i -> seen.putIfAbsent(i.linkType(), in));
            } catch (IOException e) {
                // reported by the merge itself, with the other inputs' packets kept
            }
            if (seen.size() > 1) {
                StringBuilder sb = new StringBuilder();
                seen.forEach((lt, f) -> sb.append(sb.length() == 0 ? "" : ", ").append(f).append(" has ")
                        .append(LinkType.describe(lt)));
                throw new UserError(ExitCodes.OUTPUT, out.output + ": pcap holds one link type, but " + sb
                        + "; write pcapng (-F pcapng or a .pcapng name) to keep them all");
            }
        }
    }

    /** Bytes the inputs hold, to estimate the time left; -1 (no estimate) for pipes and compressed files. */
    private long totalSize() {
        long total = 0;
        for (String in : inputs) {
            if (Sources.STDIN.equals(in)) {
                return -1;
            }
            try (java.io.InputStream s = java.nio.file.Files.newInputStream(Path.of(in))) {
                byte[] head = s.readNBytes(8);
                if (dev.capmill.io.Compression.detect(head, head.length) != dev.capmill.io.Compression.NONE) {
                    return -1;
                }
                total += java.nio.file.Files.size(Path.of(in));
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }

    private Sink openSink() {
        try {
            return Sink.open(out.output, inputs);
        } catch (IOException e) {
            throw new UserError(ExitCodes.OUTPUT, out.output + ": " + e.getMessage());
        }
    }

    private int report(List<InputFailure> failures) {
        int exit = ExitCodes.OK;
        for (InputFailure f : failures) {
            if (f.truncation() && !reading.strict) {
                if (!reading.quiet) {
                    Console.warning(f.message() + " (the packets before it were kept)");
                }
            } else {
                Console.error(f.message());
                exit = ExitCodes.INPUT;
            }
        }
        return exit;
    }

    /** Passes records through and remembers where the input failures are kept. */
    private static final class FailureCarrier extends dev.capmill.pipeline.StageSource {
        final java.util.function.Supplier<List<InputFailure>> failures;

        FailureCarrier(RecordSource upstream, java.util.function.Supplier<List<InputFailure>> failures) {
            super(upstream);
            this.failures = failures;
        }

        @Override
        public boolean next(PacketRecord into) throws IOException {
            return upstream.next(into);
        }
    }

    /** Parses FILE=DURATION (the last '=' separates, so file names may hold one). */
    static void addOffset(Map<String, Long> offsets, String spec) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0) {
            throw new UserError(ExitCodes.USAGE, "--offset takes FILE=DURATION, not '" + spec + "'");
        }
        try {
            offsets.put(spec.substring(0, eq), TimeArgs.parseDuration(spec.substring(eq + 1)));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, "--offset " + spec + ": " + e.getMessage());
        }
    }
}
