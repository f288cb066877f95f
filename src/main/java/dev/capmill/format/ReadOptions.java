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
    private final int bufferSize;

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics) {
        this(limits, lenient, diagnostics, ZoneOffset.UTC);
    }

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics, ZoneId timeZone) {
        this(limits, lenient, diagnostics, timeZone, false);
    }

    public ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics, ZoneId timeZone,
            boolean includeDrops) {
        this(limits, lenient, diagnostics, timeZone, includeDrops, dev.capmill.io.Input.DEFAULT_BUFFER);
    }

    private ReadOptions(ReadLimits limits, boolean lenient, Diagnostics diagnostics, ZoneId timeZone,
            boolean includeDrops, int bufferSize) {
        this.bufferSize = bufferSize;
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

    /**
     * The read buffer of each input opened with these options (it grows for a larger record). A
     * merge of many inputs gives each a smaller one, so that their sum stays within the heap.
     */
    public int bufferSize() {
        return bufferSize;
    }

    /** These options with another {@link #bufferSize()}. */
    public ReadOptions withBufferSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("buffer size " + size);
        }
        return new ReadOptions(limits, lenient, diagnostics, timeZone, includeDrops, size);
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
