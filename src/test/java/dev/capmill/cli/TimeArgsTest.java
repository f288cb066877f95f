package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.pipeline.PacketRanges;
import dev.capmill.pipeline.TimeSpec;
import org.junit.jupiter.api.Test;

class TimeArgsTest {
    @Test
    void durations() {
        assertEquals(-3_600_000_000_000L, TimeArgs.parseDuration("-1h"));
        assertEquals(2_500_000_000L, TimeArgs.parseDuration("+2.5s"));
        assertEquals(3_600_000_000_000L, TimeArgs.parseDuration("3600"));
        assertEquals(-123_000L, TimeArgs.parseDuration("-0.000123"));
        assertEquals(5_400_000_000_000L, TimeArgs.parseDuration("1h30m"));
        assertEquals(250_000_000L, TimeArgs.parseDuration("250ms"));
        assertEquals(7L, TimeArgs.parseDuration("7ns"));
        assertEquals(10_000L, TimeArgs.parseDuration("10us"));
        assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseDuration("0.0000000001"));
        assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseDuration("abc"));
        assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseDuration("5x"));
    }

    @Test
    void times() {
        assertEquals("2024-03-01T12:00:00Z", TimeArgs.parseTime("2024-03-01T12:00:00Z").toString());
        assertEquals("2024-03-01T12:00:00.500Z", TimeArgs.parseTime("2024-03-01T13:00:00.5+01:00").toString());
        assertEquals("2024-03-01T12:00:00Z", TimeArgs.parseTime("2024-03-01 12:00:00").toString());
        long[] t = TimeArgs.parseTime("1709294400.000000001").resolve(0, 0);
        assertEquals(1_709_294_400L, t[0]);
        assertEquals(1, t[1]);
        TimeSpec rel = TimeArgs.parseTime("+10s");
        assertTrue(rel.isRelative());
        long[] r = rel.resolve(100, 999_999_999);
        assertEquals(110, r[0]);
        assertEquals(999_999_999, r[1]);
        assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseTime("yesterday"));
    }

    @Test
    void sizesAndRanges() {
        assertEquals(10_000_000L, TimeArgs.parseSize("10M"));
        assertEquals(65_536L, TimeArgs.parseSize("64KiB"));
        assertEquals(1_000_000_000L, TimeArgs.parseSize("1GB"));
        assertEquals(123L, TimeArgs.parseSize("123"));
        assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseSize("ten"));
        PacketRanges p = PacketRanges.parse("1-100,250,300-");
        assertTrue(p.contains(1) && p.contains(100) && p.contains(250) && p.contains(300) && p.contains(1L << 40));
        assertFalse(p.contains(101) || p.contains(249) || p.contains(299) || p.contains(0));
        assertEquals(Long.MAX_VALUE, p.last());
        assertEquals(7, PacketRanges.parse("5-7,3").last());
        assertThrows(IllegalArgumentException.class, () -> PacketRanges.parse("5-3"));
        assertThrows(IllegalArgumentException.class, () -> PacketRanges.parse("0"));
    }
}
