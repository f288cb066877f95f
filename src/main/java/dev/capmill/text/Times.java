package dev.capmill.text;

import dev.capmill.model.TextBuffer;
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
        TextBuffer sb = new TextBuffer(32);
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
        TextBuffer sb = new TextBuffer(24);
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

    static void appendFraction(TextBuffer sb, int nanos, int digits) {
        if (digits <= 0) {
            return;
        }
        sb.append('.');
        pad(sb, nanos / POW10[9 - digits], digits);
    }

    static void pad(TextBuffer sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    /**
     * Appends t2 − t1 in seconds with {@code digits} fraction digits, truncated towards zero, a
     * minus sign when negative ("-0.000250"). Allocates nothing.
     */
    public static void appendDifference(TextBuffer sb, long s1, int n1, long s2, int n2, int digits) {
        long s = s2 - s1;
        long n = (long) n2 - n1;
        if (n < 0) {
            n += 1_000_000_000L;
            s--;
        }
        if (s < 0) {
            sb.append('-');
            if (n > 0) {
                s = -s - 1;
                n = 1_000_000_000L - n;
            } else {
                s = -s;
            }
        }
        sb.append(s);
        appendFractionDigits(sb, n, digits);
    }

    /** ".001250" for {@code digits} 6 and 1,250,000 ns: the first {@code digits} digits, nothing for 0. */
    public static void appendFractionDigits(TextBuffer sb, long nanos, int digits) {
        if (digits <= 0) {
            return;
        }
        sb.append('.');
        zeroPadded(sb, nanos / POW10[9 - digits], digits);
    }

    /** "12:00:00.001250": the UTC time of day. */
    public static void appendTimeOfDay(TextBuffer sb, long sec, int nanos, int digits) {
        long s = Math.floorMod(sec, 86_400L);
        zeroPadded(sb, s / 3600, 2);
        sb.append(':');
        zeroPadded(sb, s / 60 % 60, 2);
        sb.append(':');
        zeroPadded(sb, s % 60, 2);
        appendFractionDigits(sb, nanos, digits);
    }

    /** "2024-03-01", or with {@code dayOfYear} "2024/061": the UTC date. */
    public static void appendDate(TextBuffer sb, long sec, boolean dayOfYear) {
        long days = Math.floorDiv(sec, 86_400L);
        long packed = civil(days);
        long y = packed >> 9;
        int m = (int) (packed >> 5 & 15);
        int d = (int) (packed & 31);
        year(sb, y);
        if (dayOfYear) {
            boolean leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            sb.append('/');
            zeroPadded(sb, DAYS_BEFORE_MONTH[m - 1] + (leap && m > 2 ? 1 : 0) + d, 3);
        } else {
            sb.append('-');
            zeroPadded(sb, m, 2);
            sb.append('-');
            zeroPadded(sb, d, 2);
        }
    }

    /**
     * tshark's frame.time with TZ=UTC: "Mar  1, 2024 12:00:00.001250000 UTC" (Wireshark's absolute
     * local time, "%b %e, %Y %H:%M:%S" and nine fraction digits, then the zone's name).
     */
    public static void appendFrameTime(TextBuffer sb, long sec, int nanos) {
        long packed = civil(Math.floorDiv(sec, 86_400L));
        int m = (int) (packed >> 5 & 15);
        int d = (int) (packed & 31);
        sb.append(MONTHS[m - 1]).append(' ');
        if (d < 10) {
            sb.append(' ');
        }
        sb.append(d).append(", ");
        year(sb, packed >> 9);
        sb.append(' ');
        appendTimeOfDay(sb, sec, nanos, 9);
        sb.append(" UTC");
    }

    private static void year(TextBuffer sb, long y) {
        if (y >= 0 && y <= 9999) {
            zeroPadded(sb, y, 4);
        } else {
            sb.append(y);
        }
    }

    /**
     * Year, month and day of a day count since 1970-01-01 in the proleptic Gregorian calendar,
     * packed as year << 9 | month << 5 | day (the "civil from days" algorithm of H. Hinnant's
     * chrono-compatible low-level date algorithms, eras of 400 years).
     */
    static long civil(long days) {
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return y << 9 | m << 5 | d;
    }

    /** {@code v} (≥ 0) with leading zeros to {@code width} digits, without allocating. */
    public static void zeroPadded(TextBuffer sb, long v, int width) {
        for (long p = width > 1 ? POW10[Math.min(width, 10) - 1] : 1; p > 1 && v < p; p /= 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    /** An Instant for ordinary ranges, for JSON consumers. */
    public static Instant instant(long sec, int nanos) {
        return Instant.ofEpochSecond(sec, nanos);
    }
}
