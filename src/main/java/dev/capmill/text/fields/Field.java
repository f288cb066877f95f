package dev.capmill.text.fields;

import dev.capmill.decode.Dissection;
import dev.capmill.decode.Occurrences;
import dev.capmill.model.TextBuffer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One Wireshark display field as {@code tshark -T fields -e NAME} prints it: nothing when the
 * packet does not have it, its occurrences joined with ',' when it has several. Extractors read
 * {@link Packet} (the decoders the summary already ran) and append to a reused builder: they
 * allocate nothing. Numeric fields also give their value as a number, so that writers can skip
 * text.
 */
public abstract class Field {
    /** What {@link #number(Packet)} returns when the packet does not have the field. */
    public static final long ABSENT = Long.MIN_VALUE;
    /**
     * What {@link #number(Packet)} returns when the packet has several values of the field (a
     * tunnel's outer and inner header, say): then the writer takes {@link #append}'s text.
     */
    public static final long MULTIPLE = Long.MIN_VALUE + 1;

    private final String name;
    private final String description;

    protected Field(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public final String name() {
        return name;
    }

    public final String description() {
        return description;
    }

    /** Appends the value (nothing when absent). */
    public abstract void append(Packet p, TextBuffer sb);

    /** Whether {@link #number(Packet)} gives the value (written in decimal). */
    public boolean numeric() {
        return false;
    }

    /** The value of a numeric field, {@link #ABSENT}, or {@link #MULTIPLE} (then use {@link #append}). */
    public long number(Packet p) {
        throw new UnsupportedOperationException(name + " is not numeric");
    }

    /** An extractor that appends text; {@code layer} (Dissection bits, 0 for none) must all be decoded. */
    public interface Text {
        void append(Packet p, TextBuffer sb);
    }

    /** A field whose value is text, present when the packet has every layer of {@code layers}. */
    public static Field text(String name, String description, long layers, Text f) {
        return new Field(name, description) {
            @Override
            public void append(Packet p, TextBuffer sb) {
                if ((p.d.layers & layers) == layers) {
                    f.append(p, sb);
                }
            }
        };
    }

    /** A decimal unsigned field, present when the packet has every layer of {@code layers}. */
    public static Field number(String name, String description, long layers, ToLongFunction<Packet> f) {
        return new Field(name, description) {
            @Override
            public void append(Packet p, TextBuffer sb) {
                long v = number(p);
                if (v != ABSENT) {
                    sb.append(v);
                }
            }

            @Override
            public boolean numeric() {
                return true;
            }

            @Override
            public long number(Packet p) {
                return (p.d.layers & layers) == layers ? f.applyAsLong(p) : ABSENT;
            }
        };
    }

    /**
     * A field tshark shows in hex with {@code digits} digits ("0x0800"), present with every layer
     * of {@code layers} and when {@code f} gives a value other than {@link #ABSENT}.
     */
    public static Field hex(String name, String description, long layers, int digits, ToLongFunction<Packet> f) {
        return new Field(name, description) {
            @Override
            public void append(Packet p, TextBuffer sb) {
                if ((p.d.layers & layers) == layers) {
                    long v = f.applyAsLong(p);
                    if (v != ABSENT) {
                        appendHex(sb, v, digits);
                    }
                }
            }
        };
    }

    /** What one header of an {@link Occurrences} list gives a text field; false when it appended nothing. */
    public interface OccurrenceText {
        boolean append(Occurrences o, int i, TextBuffer sb);
    }

    /** What one header of an {@link Occurrences} list gives a number field, or {@link #ABSENT}. */
    public interface OccurrenceNumber {
        long of(Occurrences o, int i);
    }

    /**
     * A field tshark shows once per header of a protocol (a tunnel's outer and inner, the header an
     * ICMP error quotes): the values of the headers of {@code at}, outermost first, joined with ','.
     */
    public static Field each(String name, String description, Function<Packet, Occurrences> at, OccurrenceText f) {
        return new Field(name, description) {
            @Override
            public void append(Packet p, TextBuffer sb) {
                Occurrences o = at.apply(p);
                int start = sb.length();
                for (int i = 0; i < o.count(); i++) {
                    int mark = sb.length();
                    if (mark > start) {
                        sb.append(',');
                    }
                    if (!f.append(o, i, sb)) {
                        sb.setLength(mark);
                    }
                }
            }
        };
    }

    /**
     * As {@link #each} for a number: decimal, or hex with at least {@code hexDigits} digits
     * ("0x0800") when that is above 0; a header without the value adds nothing.
     */
    public static Field eachNumber(String name, String description, Function<Packet, Occurrences> at, int hexDigits,
            OccurrenceNumber f) {
        return new Numbers(name, description, hexDigits) {
            @Override
            int count(Packet p) {
                return at.apply(p).count();
            }

            @Override
            long value(Packet p, int k) {
                return f.of(at.apply(p), k);
            }
        };
    }

    /**
     * A TCP field: the packet's own segment ({@code own}, with its conversation state), then each
     * TCP header an ICMP error quotes ({@code quoted}, from {@link Dissection#tcpAt}).
     */
    public static Field tcp(String name, String description, int hexDigits, ToLongFunction<Packet> own,
            OccurrenceNumber quoted) {
        return new Numbers(name, description, hexDigits) {
            @Override
            int count(Packet p) {
                return 1 + p.d.tcpAt.count();
            }

            @Override
            long value(Packet p, int k) {
                if (k == 0) {
                    return p.d.has(Dissection.TCP) ? own.applyAsLong(p) : ABSENT;
                }
                return quoted.of(p.d.tcpAt, k - 1);
            }
        };
    }

    /**
     * A number field with one value per occurrence, joined with ','. A decimal one is also
     * {@link #numeric()}: {@link #number} gives the value when the packet has exactly one, and
     * {@link #MULTIPLE} when it has several (then writers take the text).
     */
    private abstract static class Numbers extends Field {
        private final int hexDigits;

        Numbers(String name, String description, int hexDigits) {
            super(name, description);
            this.hexDigits = hexDigits;
        }

        /** How many candidate values (some may be {@link #ABSENT}). */
        abstract int count(Packet p);

        abstract long value(Packet p, int k);

        @Override
        public void append(Packet p, TextBuffer sb) {
            int start = sb.length();
            int n = count(p);
            for (int k = 0; k < n; k++) {
                long v = value(p, k);
                if (v != ABSENT) {
                    appendNumber(sb.length() > start ? sb.append(',') : sb, v, hexDigits);
                }
            }
        }

        @Override
        public boolean numeric() {
            return hexDigits == 0;
        }

        @Override
        public long number(Packet p) {
            long found = ABSENT;
            int n = count(p);
            for (int k = 0; k < n; k++) {
                long v = value(p, k);
                if (v != ABSENT) {
                    if (found != ABSENT) {
                        return MULTIPLE;
                    }
                    found = v;
                }
            }
            return found;
        }
    }

    private static void appendNumber(TextBuffer sb, long v, int hexDigits) {
        if (hexDigits > 0) {
            appendHex(sb, v, hexDigits);
        } else {
            sb.append(v);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** "0x" and at least {@code digits} lower-case hex digits. */
    public static void appendHex(TextBuffer sb, long v, int digits) {
        sb.append("0x");
        int n = Math.max(digits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        for (int i = n - 1; i >= 0; i--) {
            sb.append(HEX[(int) (v >>> (4 * i)) & 15]);
        }
    }
}
