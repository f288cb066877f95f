package dev.capmill.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** TextBuffer against StringBuilder, the class whose behaviour it keeps, on the same operations. */
class TextBufferTest {
    @Test
    void numbersAreWrittenAsStringBuilderWritesThem() {
        long[] edge = {0, 1, 9, 10, 99, 100, 255, 999, 1000, -1, -999, -1000, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_295L};
        for (long x : edge) {
            assertEquals(new StringBuilder().append(x).toString(), new TextBuffer(1).append(x).toString());
            if (x == (int) x) {
                assertEquals(new StringBuilder().append((int) x).toString(), new TextBuffer(1).append((int) x).toString());
            }
        }
        // each digit count's first and last value, both signs
        for (long p = 10; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long x : new long[] {p - 1, p, p + 1, -p + 1, -p, -p - 1}) {
                assertEquals(Long.toString(x), new TextBuffer(1).append(x).toString());
                if (x == (int) x) {
                    assertEquals(Integer.toString((int) x), new TextBuffer(1).append((int) x).toString());
                }
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        Random r = new Random(7);
        for (int k = 0; k < 100_000; k++) {
            int i = k < 2000 ? k - 1000 : r.nextInt();
            long l = r.nextLong() >> r.nextInt(64);
            assertEquals(Integer.toString(i), new TextBuffer(2).append(i).toString());
            assertEquals(Long.toString(l), new TextBuffer(2).append(l).toString());
        }
    }

    @Test
    void editsMatchStringBuilder() {
        Random r = new Random(11);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            TextBuffer tb = new TextBuffer(1);
            for (int step = 0; step < 30; step++) {
                int op = r.nextInt(9);
                String s = Integer.toString(r.nextInt(100_000), 36) + (r.nextBoolean() ? "\u2192" : "");
                int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
                switch (op) {
                    case 0 -> {
                        sb.append(s);
                        tb.append(s);
                    }
                    case 1 -> {
                        sb.append((CharSequence) sb.toString(), 0, at);
                        tb.append(tb, 0, at);
                    }
                    case 2 -> {
                        sb.insert(at, s);
                        tb.insert(at, s);
                    }
                    case 3 -> {
                        sb.setLength(at);
                        tb.setLength(at);
                    }
                    case 4 -> {
                        sb.append('x');
                        tb.append('x');
                    }
                    case 5 -> {
                        sb.appendCodePoint(0x1f600);
                        tb.appendCodePoint(0x1f600);
                    }
                    case 6 -> {
                        int e = Math.min(sb.length(), at + 3);
                        sb.delete(at, e);
                        tb.delete(at, e);
                    }
                    case 7 -> {
                        sb.insert(at, 42);
                        tb.insert(at, 42);
                    }
                    default -> {
                        if (at < sb.length()) {
                            sb.setCharAt(at, 'Q');
                            tb.setCharAt(at, 'Q');
                        }
                    }
                }
                assertEquals(sb.toString(), tb.toString());
                assertEquals(sb.length(), tb.length());
                assertTrue(tb.contentEquals(sb));
            }
        }
    }

    @Test
    void boundsAreCheckedAsStringBuilderChecksThem() {
        TextBuffer tb = new TextBuffer().append("abc");
        assertThrows(IndexOutOfBoundsException.class, () -> tb.charAt(3));
        assertThrows(IndexOutOfBoundsException.class, () -> tb.charAt(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> tb.insert(4, "x"));
        assertThrows(IndexOutOfBoundsException.class, () -> tb.append("abc", 2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> tb.setLength(-1));
        tb.setLength(5);
        assertEquals("abc\0\0", tb.toString());
        assertEquals("null", new TextBuffer().append((String) null).toString());
    }

    /** Every byte value in every position reads as java.net's dotted decimal, after what was there. */
    @Test
    void ipv4AddressesAreDottedDecimal() throws Exception {
        byte[] b = new byte[6];
        for (int v = 0; v < 256; v++) {
            for (int pos = 0; pos < 4; pos++) {
                java.util.Arrays.fill(b, (byte) (v * 7 + pos));
                b[1 + pos] = (byte) v;
                TextBuffer tb = new TextBuffer(16).append("x=");
                tb.appendIpv4(b, 1);
                String want = java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 1, 5)).getHostAddress();
                assertEquals("x=" + want, tb.toString());
            }
        }
    }
}
