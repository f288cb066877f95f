package dev.capmill.format;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** How to read: limits, leniency, where warnings go, the zone of formats that store local time. */
public final class ReadOptions {
    private final ReadLimits limits;
    private final boolean lenient;
    private final Diagnostics diagnostics;
    private final ZoneId timeZone;
    private final boolean includeDrops;

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics) {
        this(limits, lenient, diagnostics, ZoneOffset.UTC);
    }

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics, ZoneId timeZone) {
        this(limits, lenient, diagnostics, timeZone, false);
    }

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics, ZoneId timeZone,
            boolean includeDrops) {
        this.limits = limits;
        this.lenient = lenient;
        this.diagnostics = diagnostics;
        this.timeZone = timeZone;
        this.includeDrops = includeDrops;
    }

    /**
     * Whether formats that log dropped packets next to captured ones (ETL: PktMon drop events)
     * return them as packets too. Off by default, as {@code pktmon etl2pcap} does.
     */
    public boolean includeDrops() {
        return includeDrops;
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
