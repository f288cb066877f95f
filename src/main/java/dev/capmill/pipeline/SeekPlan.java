package dev.capmill.pipeline;

/**
 * Where a time window ({@code --from/--to}) lies in one input's own time, for {@link SeekStage}.
 * The window is given in output time: an input's time plus its merge offset plus the shift
 * ({@code --shift}, or {@code --shift-start}, which puts the first packet at a time); relative
 * ends count from the first packet. Everything here depends on the first packet's time {@code f}
 * only through terms {@code c + f} or {@code c}, so bounds that hold for every {@code f} in
 * {@code [f - uncertainty, f]} are those at the two ends of that range. The uncertainty is the
 * margin when a reorder window comes before the time window: its first packet may be up to the
 * margin earlier than the first one read.
 *
 * <p>The margin is how far out of time order the input may be: a packet may come after packets up
 * to that much later than itself. Then every packet that comes before a packet earlier than
 * {@link #from} is earlier than the window, and no packet that comes after one at or after
 * {@link #stop} is in it. All times are epoch nanoseconds; a bound that does not
 * fit in a long disables the seek ({@link Long#MIN_VALUE} from, {@link Long#MAX_VALUE} stop).
 */
public final class SeekPlan {
    private static final long NANOS = 1_000_000_000L;

    private final TimeSpec from;
    private final TimeSpec to;
    private final long shift;
    private final TimeSpec shiftStart;
    private final long inputOffset;
    private final long margin;
    private final long uncertainty;

    /**
     * @param shift       --shift in ns (0 when absent)
     * @param shiftStart  --shift-start, or null
     * @param inputOffset the input's merge offset (--offset) in ns
     * @param margin      how far out of order the input may be, in ns (at least 0)
     * @param firstUncertain whether the window's first packet may be up to the margin earlier than the input's first
     */
    public SeekPlan(TimeSpec from, TimeSpec to, long shift, TimeSpec shiftStart, long inputOffset, long margin,
            boolean firstUncertain) {
        if (margin < 0) {
            throw new IllegalArgumentException("negative margin");
        }
        this.from = from;
        this.to = to;
        this.shift = shift;
        this.shiftStart = shiftStart;
        this.inputOffset = inputOffset;
        this.margin = margin;
        this.uncertainty = firstUncertain ? margin : 0;
    }

    public long margin() {
        return margin;
    }

    /**
     * How much later than the first packet a packet must have been passed on before skipping: a
     * reorder window decides its first packet (from which relative times count) only once it has
     * seen a packet more than its window later, and skipping sooner would change that packet.
     */
    public long settle() {
        return uncertainty;
    }

    /** Whether the plan depends on the first packet (so that an input merged with others cannot use it alone). */
    public boolean needsFirst() {
        return shiftStart != null || (from != null && from.isRelative()) || (to != null && to.isRelative());
    }

    /**
     * The input time before which no packet is in the window: packets before the first packet
     * earlier than it can be skipped. {@code first} is the input's first packet time.
     */
    public long from(long first) {
        if (from == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Math.subtractExact(inputTime(from, Math.subtractExact(first, uncertainty)), margin);
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The input time at or after which a packet read ends the window (if the input was in order so far). */
    public long stop(long first) {
        if (to == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.addExact(inputTime(to, first), margin);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code spec} (output time) in the input's time, when the first packet is at {@code f}. */
    private long inputTime(TimeSpec spec, long f) {
        // output time = input time + inputOffset + s, where s is the shift
        long s;
        if (shiftStart != null) {
            // the first packet (output time f + inputOffset) is put at the start time
            long firstOut = Math.addExact(f, inputOffset);
            s = Math.subtractExact(resolve(shiftStart, firstOut), firstOut);
        } else {
            s = shift;
        }
        long firstOut = Math.addExact(Math.addExact(f, inputOffset), s);
        long out = resolve(spec, firstOut);
        return Math.subtractExact(Math.subtractExact(out, inputOffset), s);
    }

    private static long resolve(TimeSpec spec, long firstNanos) {
        long[] t = spec.resolve(Math.floorDiv(firstNanos, NANOS), (int) Math.floorMod(firstNanos, NANOS));
        return Math.addExact(Math.multiplyExact(t[0], NANOS), t[1]);
    }

    /** Whether a time of {@code seconds} (plus a fraction) fits in a long of epoch nanoseconds. */
    static boolean fits(long seconds) {
        return seconds > Long.MIN_VALUE / NANOS + 1 && seconds < Long.MAX_VALUE / NANOS - 1;
    }
}
