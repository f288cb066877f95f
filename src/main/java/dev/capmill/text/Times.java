package dev.capmill.text;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Time formatting shared by the text outputs: UTC always, never the machine's zone. */
public final class Times {
    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private Times() {
    }

    /** "2024-03-01 12:00:00.000004" with {@code digits} (0–9) fraction digits, truncated, in UTC. */
    public static String utc(long sec, int nanos, int digits) {
        StringBuilder sb = new StringBuilder(32);
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return epoch(sec, nanos) + " (epoch seconds; outside the calendar range)";
        }
        int y = t.getYear();
        if (y < 0 || y > 9999) {
            sb.append(y);
        } else {
            pad(sb, y, 4);
        }
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append(' ');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        appendFraction(sb, nanos, digits);
        return sb.toString();
    }

    /** "1709294400.000004000": epoch seconds with nine fraction digits, as tshark's frame.time_epoch. */
    public static String epoch(long sec, int nanos) {
        StringBuilder sb = new StringBuilder(24);
        if (sec < 0 && nanos > 0) {
            // -1.5 s is stored as sec -2, nanos 500000000
            long s = sec + 1;
            sb.append(s == 0 ? "-0" : Long.toString(s));
            appendFraction(sb, 1_000_000_000 - nanos, 9);
        } else {
            sb.append(sec);
            appendFraction(sb, nanos, 9);
        }
        return sb.toString();
    }

    /** Seconds between two times, with nine fraction digits. */
    public static String epochDiff(long s1, int n1, long s2, int n2) {
        long s = s2 - s1;
        long n = (long) n2 - n1;
        if (n < 0) {
            n += 1_000_000_000L;
            s -= 1;
        }
        return epoch(s, (int) n);
    }

    static void appendFraction(StringBuilder sb, int nanos, int digits) {
        if (digits <= 0) {
            return;
        }
        sb.append('.');
        pad(sb, nanos / POW10[9 - digits], digits);
    }

    static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    /** An Instant for ordinary ranges, for JSON consumers. */
    public static Instant instant(long sec, int nanos) {
        return Instant.ofEpochSecond(sec, nanos);
    }
}
