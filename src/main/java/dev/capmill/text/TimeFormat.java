package dev.capmill.text;

import dev.capmill.model.TextBuffer;
import java.util.Locale;

/**
 * The time formats of tshark's {@code -t} option, for the Time column (text output and
 * {@code _ws.col.Time}). Every format shows the precision of the packet's interface (tshark's
 * automatic precision), truncated, never rounded. capmill writes UTC always, so the local-time
 * formats (a, ad, adoy) are the same as their UTC twins (u, ud, udoy) — tshark's with {@code TZ=UTC}.
 * Checked against TShark 4.0.17 (goldens in testdata/pcap and testdata/pcapng).
 */
public enum TimeFormat {
    /** Seconds since the first packet written. */
    R("r", "relative to the first packet"),
    /** Absolute time of day (UTC). */
    A("a", "time of day"),
    /** Absolute date and time, "2024-03-01 12:00:00.001250". */
    AD("ad", "date and time"),
    /** Year, day of year and time, "2024/061 12:00:00.001250". */
    ADOY("adoy", "year/day-of-year and time"),
    /** Seconds since the previous packet written. */
    D("d", "delta to the previous packet"),
    /**
     * Seconds since the previous packet displayed; capmill filters before it writes, so every
     * packet written is displayed and this equals {@link #D}.
     */
    DD("dd", "delta to the previous packet shown (the same as d)"),
    /** Seconds since the Unix epoch. */
    E("e", "seconds since 1970"),
    U("u", "time of day (UTC)"),
    UD("ud", "date and time (UTC)"),
    UDOY("udoy", "year/day-of-year and time (UTC)");

    private final String option;
    private final String description;

    TimeFormat(String option, String description) {
        this.option = option;
        this.description = description;
    }

    /** The letters tshark's -t takes. */
    public String option() {
        return option;
    }

    public String description() {
        return description;
    }

    /** The format tshark's {@code -t} names {@code s}, or null. */
    public static TimeFormat parse(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        for (TimeFormat f : values()) {
            if (f.option.equals(l)) {
                return f;
            }
        }
        return null;
    }

    /** "r, a, ad, ..." for messages and help. */
    public static String choices() {
        TextBuffer sb = new TextBuffer();
        for (TimeFormat f : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.option);
        }
        return sb.toString();
    }

    /** Appends the time of {@code clock}'s current packet in this format with {@code digits} fraction digits. */
    public void append(TextBuffer sb, Clock clock, int digits) {
        long sec = clock.seconds;
        int nanos = clock.nanos;
        switch (this) {
            case R -> Times.appendDifference(sb, clock.firstSeconds, clock.firstNanos, sec, nanos, digits);
            case D, DD -> Times.appendDifference(sb, clock.previousSeconds, clock.previousNanos, sec, nanos, digits);
            case E -> Times.appendDifference(sb, 0, 0, sec, nanos, digits);
            case A, U -> Times.appendTimeOfDay(sb, sec, nanos, digits);
            case AD, UD -> {
                Times.appendDate(sb, sec, false);
                sb.append(' ');
                Times.appendTimeOfDay(sb, sec, nanos, digits);
            }
            case ADOY, UDOY -> {
                Times.appendDate(sb, sec, true);
                sb.append(' ');
                Times.appendTimeOfDay(sb, sec, nanos, digits);
            }
            default -> throw new IllegalStateException(name());
        }
    }
}
