package dev.capmill.format;

/** How to read: limits, leniency, where warnings go. */
public final class ReadOptions {
    private final ReadLimits limits;
    private final boolean lenient;
    private final Diagnostics diagnostics;

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics) {
        this.limits = limits;
        this.lenient = lenient;
        this.diagnostics = diagnostics;
    }

    public static ReadOptions defaults() {
        return new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics());
    }

    public ReadLimits limits() {
        return limits;
    }

    /** Skip damaged records (counting them) instead of stopping at the first. */
    public boolean lenient() {
        return lenient;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
