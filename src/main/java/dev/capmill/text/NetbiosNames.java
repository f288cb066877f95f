package dev.capmill.text;

import dev.capmill.model.TextBuffer;

/**
 * NetBIOS names as Wireshark shows them (packet-netbios.c, process_netbios_name, which NBNS
 * and the NetBIOS Frames protocol share): the first 15 bytes, printable ASCII as is and any other
 * byte as &lt;xx&gt; in lower-case hex, trailing spaces removed (looking back at most 15
 * characters, so an all-space name keeps its spaces), then the 16th byte, the name type, as
 * &lt;xx&gt;.
 */
final class NetbiosNames {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private NetbiosNames() {
    }

    /** Appends the 16-byte NetBIOS name at {@code b[p]} to {@code out}; the caller has checked the bytes are there. */
    static void append(TextBuffer out, byte[] b, int p) {
        int start = out.length();
        for (int k = 0; k < 15; k++) {
            int ch = b[p + k] & 0xff;
            if (ch >= ' ' && ch <= '~') {
                out.append((char) ch);
            } else {
                out.append('<').append(HEX[ch >> 4]).append(HEX[ch & 15]).append('>');
            }
        }
        int end = out.length();
        for (int k = 0; k < 15 && end - 1 - k >= start; k++) {
            if (out.charAt(end - 1 - k) != ' ') {
                out.setLength(end - k);
                break;
            }
        }
        type(out, b[p + 15] & 0xff);
    }

    /** Appends a name type as &lt;xx&gt;. */
    static void type(TextBuffer out, int type) {
        out.append('<').append(HEX[type >> 4]).append(HEX[type & 15]).append('>');
    }
}
