package dev.capmill.cli;

import dev.capmill.pipeline.DedupStage;
import dev.capmill.pipeline.PacketRangeStage;
import dev.capmill.pipeline.PacketRanges;
import dev.capmill.pipeline.RecordSource;
import dev.capmill.pipeline.ReorderStage;
import dev.capmill.pipeline.SeekPlan;
import dev.capmill.pipeline.ShiftStage;
import dev.capmill.pipeline.TimeSpec;
import dev.capmill.pipeline.TimeWindowStage;
import picocli.CommandLine.Option;

/**
 * The editing stages every command can apply in the same pass, in this order: packet numbers
 * (counted on the combined input, as tshark numbers frames), time shift, time window (on the
 * shifted times, the times the output shows), dedup.
 */
public final class EditingOptions {
    @Option(names = "--packets", paramLabel = "RANGES", converter = TimeArgs.RangesConverter.class,
            description = "Keep only these packets, numbered from 1 as tshark does: 1-100,250,300- (editcap -r).")
    PacketRanges packets;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeArgs.TimeConverter.class,
            description = "Keep packets at or after TIME: 2024-03-01T12:00:00Z, 2024-03-01T13:00:00.5+01:00, "
                + "epoch seconds 1709294400.5, or +10s after the first packet (editcap -A).")
    TimeSpec from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeArgs.TimeConverter.class,
            description = "Keep packets before TIME (same forms as --from; editcap -B).")
    TimeSpec to;

    @Option(names = {"--shift", "--by"}, paramLabel = "DURATION", converter = TimeArgs.DurationConverter.class,
            description = "Move every packet's time by DURATION: -1h, +2.5s, 3600, -0.000123, 1h30m, 250ms (editcap -t).")
    Long shift;

    @Option(names = {"--shift-start", "--start"}, paramLabel = "TIME", converter = TimeArgs.TimeConverter.class,
            description = "Move times so that the first packet is at TIME (the others keep their distance).")
    TimeSpec shiftStart;

    @Option(names = "--dedup", description = "Remove a packet identical to one of the 4 before it (editcap -d).")
    boolean dedup;

    @Option(names = "--dedup-window", paramLabel = "N",
            description = "Remove a packet identical to one of the N-1 before it (editcap -D N).")
    Integer dedupWindow;

    @Option(names = "--dedup-time", paramLabel = "DURATION", converter = TimeArgs.DurationConverter.class,
            description = "Remove a packet identical to one at most DURATION before it (editcap -w).")
    Long dedupTime;

    @Option(names = "--reorder-window", paramLabel = "DURATION", converter = TimeArgs.DurationConverter.class,
            description = "Sort packets by time within DURATION (each input, before merging): a packet may "
                + "come up to DURATION after later-stamped ones (reordercap without holding the file).")
    Long reorderWindow;

    @Option(names = "--no-seek",
            description = "Read every packet of the input to find the --from/--to window. By default a pcap file "
                + "is searched by binary search (as tcpslice does), pcapng packets before the window are skipped "
                + "without being decoded, and reading stops after --to: this assumes the packets are in time order "
                + "up to --seek-margin, and it does not check the packets it skips.")
    boolean noSeek;

    /** Default of {@link #seekMargin}: 1 s. */
    static final long DEFAULT_SEEK_MARGIN = 1_000_000_000L;

    @Option(names = "--seek-margin", paramLabel = "DURATION", converter = TimeArgs.DurationConverter.class,
            description = "How far out of time order the input may be when seeking the --from/--to window "
                + "(a packet may come after packets up to DURATION later than it): the search stops this much "
                + "before --from and reading goes on this much after --to. Default 1s; at least --reorder-window.")
    Long seekMargin;

    boolean any() {
        return packets != null || from != null || to != null || shift != null || shiftStart != null || dedup
                || dedupWindow != null || dedupTime != null || reorderWindow != null;
    }

    void check() {
        if (shift != null && shiftStart != null) {
            throw new UserError(ExitCodes.USAGE, "--shift and --shift-start cannot be combined");
        }
        if (reorderWindow != null && reorderWindow < 0) {
            throw new UserError(ExitCodes.USAGE, "--reorder-window cannot be negative");
        }
        if (dedupTime != null && dedupTime < 0) {
            throw new UserError(ExitCodes.USAGE, "--dedup-time cannot be negative");
        }
        if (dedupWindow != null && (dedupWindow < 1 || dedupWindow > DedupStage.MAX_WINDOW)) {
            throw new UserError(ExitCodes.USAGE, "--dedup-window takes 1.." + DedupStage.MAX_WINDOW);
        }
        if (seekMargin != null && seekMargin < 0) {
            throw new UserError(ExitCodes.USAGE, "--seek-margin cannot be negative");
        }
        if ((dedup ? 1 : 0) + (dedupWindow != null ? 1 : 0) + (dedupTime != null ? 1 : 0) > 1) {
            throw new UserError(ExitCodes.USAGE, "use one of --dedup, --dedup-window and --dedup-time");
        }
    }

    /**
     * Where the time window lies in one input's time, for seeking; null when there is nothing to
     * seek (no --from/--to, --no-seek, --packets, which counts every packet) or when a merged input
     * cannot know it alone (relative times and --shift-start count from the merged first packet).
     */
    SeekPlan seekPlan(long inputOffset, boolean merged) {
        if (noSeek || (from == null && to == null) || packets != null) {
            return null;
        }
        long margin = Math.max(seekMargin != null ? seekMargin : DEFAULT_SEEK_MARGIN,
                reorderWindow != null ? reorderWindow : 0);
        SeekPlan plan = new SeekPlan(from, to, shift != null ? shift : 0, shift != null ? null : shiftStart,
                inputOffset, margin, reorderWindow != null);
        return merged && plan.needsFirst() ? null : plan;
    }

    /** A reorder stage when asked for (applied per input by merges, on the whole input otherwise). */
    RecordSource reorder(RecordSource s) {
        return reorderWindow != null ? new ReorderStage(s, reorderWindow) : s;
    }

    /** Whether the stages choose packets (a range, a time window, dedup), not only change them. */
    boolean selects() {
        return packets != null || from != null || to != null || dedup || dedupWindow != null || dedupTime != null;
    }

    /** The stages after the inputs are combined. */
    RecordSource apply(RecordSource s) {
        check();
        if (packets != null) {
            s = new PacketRangeStage(s, packets);
        }
        if (shift != null) {
            s = new ShiftStage(s, shift);
        } else if (shiftStart != null) {
            s = new ShiftStage(s, shiftStart);
        }
        if (from != null || to != null) {
            s = new TimeWindowStage(s, from, to);
        }
        if (dedup) {
            s = DedupStage.packets(s, DedupStage.DEFAULT_WINDOW);
        } else if (dedupWindow != null) {
            s = DedupStage.packets(s, dedupWindow);
        } else if (dedupTime != null) {
            s = DedupStage.time(s, dedupTime);
        }
        return s;
    }
}
