package dev.capmill.cli;

import dev.capmill.pipeline.PacketRanges;
import dev.capmill.pipeline.TimeSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers and picocli converters for durations, times, packet ranges and sizes. */
public final class TimeArgs {
    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|min|h|d)?");
    private static final BigDecimal NS_PER_S = BigDecimal.valueOf(1_000_000_000L);

    private TimeArgs() {
    }

    /**
     * A signed duration in nanoseconds, exact: {@code -1h}, {@code +2.5s}, {@code 3600} (seconds),
     * {@code -0.000123}, {@code 1h30m}, {@code 250ms}, {@code 10us}, {@code 5ns}. A bare number is seconds.
     * Finer than a nanosecond is refused rather than rounded.
     */
    public static long parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int sign = 1;
        if (s.startsWith("+") || s.startsWith("-")) {
            sign = s.charAt(0) == '-' ? -1 : 1;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        Matcher m = TERM.matcher(s);
        int at = 0;
        BigDecimal total = BigDecimal.ZERO;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 2.5s, -1h, 1h30m, 250ms, 3600)");
            }
            BigDecimal v = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            if (m.group(2) == null && m.end() != s.length()) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (a number without unit must come last)");
            }
            long perUnit = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m", "min" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                default -> throw new IllegalArgumentException("unknown unit " + unit);
            };
            total = total.add(v.multiply(BigDecimal.valueOf(perUnit)));
            at = m.end();
        }
        try {
            return sign * total.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is finer than a nanosecond or too large");
        }
    }

    /**
     * A time: {@code +DURATION} relative to the first packet; epoch seconds ({@code 1709294400.5});
     * ISO 8601 with Z or an offset ({@code 2024-03-01T12:00:00.5Z}, {@code 2024-03-01T13:00:00+01:00});
     * ISO 8601 without zone is UTC ({@code 2024-03-01T12:00:00}, also with a space for the T).
     */
    public static TimeSpec parseTime(String text) {
        String s = text.trim();
        if (s.startsWith("+")) {
            return TimeSpec.relative(parseDuration(s));
        }
        if (s.matches("-?\\d+(\\.\\d+)?") ) {
            BigDecimal v = new BigDecimal(s);
            BigDecimal sec = v.setScale(0, RoundingMode.FLOOR);
            BigDecimal frac = v.subtract(sec).multiply(NS_PER_S);
            if (frac.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("'" + text + "' is finer than a nanosecond");
            }
            return TimeSpec.absolute(sec.longValueExact(), frac.intValueExact());
        }
        String iso = s.replace(' ', 'T');
        try {
            return TimeSpec.absolute(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            // no offset: UTC
        }
        try {
            return TimeSpec.absolute(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            // try a local date-time below
        }
        try {
            return TimeSpec.absolute(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time (examples: 2024-03-01T12:00:00Z, "
                    + "2024-03-01T13:00:00.25+01:00, 1709294400.5, +10s)");
        }
    }

    /** A size in bytes: {@code 100000}, {@code 10k}, {@code 5M}, {@code 1G} (powers of 1000), {@code 64KiB}, {@code 1MiB}, {@code 2GiB}. */
    public static long parseSize(String text) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?)?b?", Pattern.CASE_INSENSITIVE).matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 100000, 10M, 64KiB, 1G)");
        }
        String u = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        long mult = switch (u) {
            case "" -> 1L;
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            case "t" -> 1_000_000_000_000L;
            case "ki" -> 1L << 10;
            case "mi" -> 1L << 20;
            case "gi" -> 1L << 30;
            default -> 1L << 40;
        };
        long v = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(mult)).setScale(0, RoundingMode.DOWN).longValueExact();
        if (v <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive size");
        }
        return v;
    }

    public static final class DurationConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class TimeConverter implements ITypeConverter<TimeSpec> {
        @Override
        public TimeSpec convert(String value) {
            try {
                return parseTime(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class RangesConverter implements ITypeConverter<PacketRanges> {
        @Override
        public PacketRanges convert(String value) {
            try {
                return PacketRanges.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseSize(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
