package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/** Address formatting as tshark -n prints it, appended without intermediate objects. */
public final class Addresses {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addresses() {
    }

    /** "02:00:00:00:00:01": six bytes, lower-case hex, colons. */
    public static void mac(TextBuffer sb, byte[] b, int p) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int v = b[p + i] & 0xff;
            sb.append(HEX[v >> 4]).append(HEX[v & 15]);
        }
    }

    /**
     * A MAC address stored with each byte's bits reversed, as FDDI captures hold them (Wireshark's
     * "fddi-swapped" encapsulation, which it uses for LINKTYPE_FDDI): shown in canonical order.
     */
    public static void macBitReversed(TextBuffer sb, byte[] b, int p) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int v = Integer.reverse(b[p + i] & 0xff) >>> 24;
            sb.append(HEX[v >> 4]).append(HEX[v & 15]);
        }
    }

    public static void ipv4(TextBuffer sb, byte[] b, int p) {
        sb.appendIpv4(b, p);
    }

    /**
     * RFC 5952 text: lower-case hex without leading zeros, the longest run (first of equal ones) of
     * two or more zero groups as "::". The embedded-IPv4 forms (::ffff:a.b.c.d) are not written yet.
     */
    public static void ipv6(TextBuffer sb, byte[] b, int p) {
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (Bytes16.be(b, p + 2 * i) == 0) {
                int j = i;
                while (j < 8 && Bytes16.be(b, p + 2 * j) == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) {
                sb.append(':');
            }
            hex(sb, Bytes16.be(b, p + 2 * i));
        }
    }

    private static void hex(TextBuffer sb, int v) {
        boolean started = false;
        for (int s = 12; s >= 0; s -= 4) {
            int d = (v >> s) & 15;
            if (d != 0 || started || s == 0) {
                sb.append(HEX[d]);
                started = true;
            }
        }
    }
}
