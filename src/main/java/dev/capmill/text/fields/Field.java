package dev.capmill.text.fields;

import dev.capmill.model.TextBuffer;
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

    /** The value of a numeric field, or {@link #ABSENT}. */
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
