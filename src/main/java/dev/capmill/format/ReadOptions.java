package dev.capmill.format;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** How to read: limits, leniency, where warnings go, the zone of formats that store local time. */
public final class ReadOptions {
    private final ReadLimits limits;
    private final boolean lenient;
    private final Diagnostics diagnostics;
    private final ZoneId timeZone;

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics) {
        this(limits, lenient, diagnostics, ZoneOffset.UTC);
    }

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics, ZoneId timeZone) {
        this.limits = limits;
        this.lenient = lenient;
        this.diagnostics = diagnostics;
        this.timeZone = timeZone;
    }

    /**
     * The zone in which formats that store local wall-clock time without a zone (NetMon 1.x and
     * 2.0–2.2, DOS Sniffer) were written. UTC unless the user says otherwise (--tz): capmill's
     * output never depends on the zone of the machine it runs on.
     */
    public ZoneId timeZone() {
        return timeZone;
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
