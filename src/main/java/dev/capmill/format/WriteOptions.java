package dev.capmill.format;

/** How to write: what to do with what the format cannot hold, and format-specific choices. */
public final class WriteOptions {
    /** What a writer does with metadata its format cannot hold (comments, flags, blocks). */
    public enum LossPolicy { FAIL, WARN }

    /** Timestamp precision of pcap output. AUTO: nanoseconds when the first interface is finer than microseconds. */
    public enum PcapPrecision { AUTO, MICRO, NANO }

    private final LossPolicy lossPolicy;
    private final PcapPrecision pcapPrecision;
    private final Diagnostics diagnostics;
    private final dev.capmill.text.TextOptions text;

    public WriteOptions(LossPolicy lossPolicy, PcapPrecision pcapPrecision, Diagnostics diagnostics) {
        this(lossPolicy, pcapPrecision, diagnostics, dev.capmill.text.TextOptions.defaults());
    }

    public WriteOptions(LossPolicy lossPolicy, PcapPrecision pcapPrecision, Diagnostics diagnostics,
            dev.capmill.text.TextOptions text) {
        this.lossPolicy = lossPolicy;
        this.pcapPrecision = pcapPrecision;
        this.diagnostics = diagnostics;
        this.text = text;
    }

    public static WriteOptions defaults() {
        return new WriteOptions(LossPolicy.FAIL, PcapPrecision.AUTO, new Diagnostics());
    }

    public LossPolicy lossPolicy() {
        return lossPolicy;
    }

    public PcapPrecision pcapPrecision() {
        return pcapPrecision;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** Choices of the text outputs (text, csv, tsv): time format, columns, fields, header. */
    public dev.capmill.text.TextOptions text() {
        return text;
    }
}
