package dev.capmill.text;

import java.util.List;
import java.util.Locale;

/**
 * Choices of the text outputs: the Time column's format, tshark 1.x arrows, the columns of a
 * text line and their padding, the fields of CSV/TSV and whether a header row is written.
 */
public final class TextOptions {
    /** A column of the text line, with tshark's alignment when padding is on. */
    public enum Column {
        /** No.: right-aligned to 5 characters. */
        NO("no"),
        /** Time: right-aligned to 10. */
        TIME("time"),
        /** Source: right-aligned to 12; " → " follows when Destination comes next. */
        SOURCE("source"),
        /** Destination: left-aligned to 12. */
        DESTINATION("destination"),
        PROTOCOL("protocol"),
        LENGTH("length"),
        INFO("info");

        private final String id;

        Column(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The column named {@code s} (its name, or "src", "dst", "proto", "len", "number"), or null. */
        public static Column parse(String s) {
            String l = s.trim().toLowerCase(Locale.ROOT);
            switch (l) {
                case "no": case "no.": case "number": return NO;
                case "time": return TIME;
                case "source": case "src": return SOURCE;
                case "destination": case "dst": return DESTINATION;
                case "protocol": case "proto": return PROTOCOL;
                case "length": case "len": return LENGTH;
                case "info": return INFO;
                default: return null;
            }
        }
    }

    public static final List<Column> DEFAULT_COLUMNS = List.of(Column.values());

    private TimeFormat timeFormat = TimeFormat.R;
    private boolean ascii;
    private List<Column> columns = DEFAULT_COLUMNS;
    private boolean padding = true;
    private List<String> fields = List.of();
    private Boolean header;
    private boolean blockFrames = true;

    public static TextOptions defaults() {
        return new TextOptions();
    }

    public TimeFormat timeFormat() {
        return timeFormat;
    }

    public TextOptions timeFormat(TimeFormat f) {
        timeFormat = f;
        return this;
    }

    /** tshark 1.x's arrows: " -> " between Source and Destination, " > " between ports in Info. */
    public boolean ascii() {
        return ascii;
    }

    public TextOptions ascii(boolean b) {
        ascii = b;
        return this;
    }

    public List<Column> columns() {
        return columns;
    }

    public TextOptions columns(List<Column> c) {
        if (c.isEmpty()) {
            throw new IllegalArgumentException("no column chosen");
        }
        columns = List.copyOf(c);
        return this;
    }

    /** Whether columns are aligned as tshark aligns them; without, one separator and no spaces added. */
    public boolean padding() {
        return padding;
    }

    public TextOptions padding(boolean b) {
        padding = b;
        return this;
    }

    /** The fields of CSV/TSV output, in order; empty for the default set. */
    public List<String> fields() {
        return fields;
    }

    public TextOptions fields(List<String> f) {
        fields = List.copyOf(f);
        return this;
    }

    /** Whether a header row is written; null for the format's default (CSV yes, TSV no, as tshark). */
    public Boolean header() {
        return header;
    }

    public TextOptions header(Boolean h) {
        header = h;
        return this;
    }

    /**
     * Whether the records tshark shows as frames although they are not packets (pcapng custom
     * blocks, NetMon's event and filter frames: {@code BlockFrames}) get lines and numbers of their
     * own, as in tshark, so that frame numbers are Wireshark's. Off when packets are selected (a
     * filter, a range, a time window, dedup): then only the chosen packets are written.
     */
    public boolean blockFrames() {
        return blockFrames;
    }

    public TextOptions blockFrames(boolean b) {
        blockFrames = b;
        return this;
    }
}
