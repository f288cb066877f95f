package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.model.TextBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-free calendar arithmetic against java.time, and the signed differences. */
class TimesTest {
    private static String date(long sec, boolean doy) {
        TextBuffer sb = new TextBuffer();
        Times.appendDate(sb, sec, doy);
        return sb.toString();
    }

    @Test
    void datesAgreeWithJavaTimeOverTenThousandYears() {
        Random rnd = new Random(1);
        DateTimeFormatter ymd = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
        DateTimeFormatter yd = DateTimeFormatter.ofPattern("uuuu/DDD", Locale.ROOT);
        long[] fixed = {0, -1, 86_399, 86_400, 951_782_400L /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */,
            -62_135_596_800L /* 0001-01-01 */, 253_402_300_799L /* 9999-12-31 */, 1_709_294_400L};
        for (int i = 0; i < 20_000 + fixed.length; i++) {
            long sec = i < fixed.length ? fixed[i] : rnd.nextLong() % 253_402_300_799L;
            LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
            if (t.getYear() < 0) {
                continue;
            }
            assertEquals(t.format(ymd), date(sec, false), "second " + sec);
            assertEquals(t.format(yd), date(sec, true), "second " + sec);
            TextBuffer tod = new TextBuffer();
            Times.appendTimeOfDay(tod, sec, 5_000, 6);
            assertEquals(t.format(DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)) + ".000005", tod.toString());
        }
    }

    @Test
    void frameTimeIsWiresharksAbsoluteTime() {
        TextBuffer sb = new TextBuffer();
        Times.appendFrameTime(sb, 1_709_294_400L, 1_250_000);
        assertEquals("Mar  1, 2024 12:00:00.001250000 UTC", sb.toString());
        sb.setLength(0);
        Times.appendFrameTime(sb, 1_734_307_199L, 999_999_999);
        assertEquals("Dec 15, 2024 23:59:59.999999999 UTC", sb.toString());
    }

    @Test
    void differencesAreSignedAndTruncated() {
        TextBuffer sb = new TextBuffer();
        Times.appendDifference(sb, 10, 500_000_000, 9, 750_000_000, 6);
        assertEquals("-0.750000", sb.toString());
        sb.setLength(0);
        Times.appendDifference(sb, 10, 0, 8, 0, 3);
        assertEquals("-2.000", sb.toString());
        sb.setLength(0);
        Times.appendDifference(sb, 0, 0, 1, 123_456_789, 6);
        assertEquals("1.123456", sb.toString());
        sb.setLength(0);
        Times.appendDifference(sb, 0, 0, 5, 0, 0);
        assertEquals("5", sb.toString());
    }
}
