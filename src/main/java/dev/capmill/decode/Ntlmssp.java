package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * NTLMSSP tokens in HTTP's authentication headers (Authorization, Proxy-Authorization,
 * WWW-Authenticate, Proxy-Authenticate: "NTLM " or "Negotiate " and base64), as tshark 4.0 adds
 * them to the Info column: ", NTLMSSP_NEGOTIATE", ", NTLMSSP_CHALLENGE", ", NTLMSSP_AUTH, User:
 * DOMAIN\\user" (names from {@code tshark -G values}, ntlmssp.messagetype; the message layouts of
 * MS-NLMP sections 2.2.1.1 to 2.2.1.3). A token shorter than its message, or whose strings lie
 * beyond it, ends the line with "[Malformed Packet]", as tshark's reads of the missing bytes do.
 * Probed with tshark 4.0.17 (testdata/pcap/http-ntlm). The token is decoded into one reused
 * buffer: nothing is allocated per packet.
 */
final class Ntlmssp {
    /** The longest token decoded; a longer one is cut (its strings then read as missing). */
    private static final int MAX = 4096;
    private static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    private static final int[] BASE64 = new int[128];

    static {
        java.util.Arrays.fill(BASE64, -1);
        String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < a.length(); i++) {
            BASE64[a.charAt(i)] = i;
        }
    }

    private static final String[] HEADERS = {"Authorization:", "Proxy-Authorization:", "WWW-Authenticate:",
        "Proxy-Authenticate:"};

    private final byte[] token = new byte[MAX];
    private int n;

    /**
     * Looks at the header lines in {@code b[from, to)} (the header block after the start line) and
     * appends what each NTLMSSP token adds. Returns false when a token was malformed: tshark's
     * exception ends the HTTP dissection there.
     */
    boolean headers(byte[] b, int from, int to, TextBuffer info) {
        int p = from;
        while (p < to) {
            int eol = p;
            while (eol < to && b[eol] != '\n') {
                eol++;
            }
            int c = b[p] | 0x20;
            if (c == 'a' || c == 'w' || c == 'p') {
                int v = value(b, p, eol);
                if (v >= 0 && !token(b, v, eol, info)) {
                    return false;
                }
            }
            p = eol + 1;
        }
        return true;
    }

    /** Where the token of an authentication header starts (after "NTLM " or "Negotiate "), or -1. */
    private static int value(byte[] b, int p, int eol) {
        int colon = -1;
        for (String h : HEADERS) {
            if (Http.startsWith(b, p, eol, h, true)) {
                colon = p + h.length();
                break;
            }
        }
        if (colon < 0) {
            return -1;
        }
        int v = colon;
        while (v < eol && (b[v] == ' ' || b[v] == '\t')) {
            v++;
        }
        if (Http.startsWith(b, v, eol, "NTLM ", false)) {
            return v + 5;
        }
        if (Http.startsWith(b, v, eol, "Negotiate ", false)) {
            return v + 10;
        }
        return -1;
    }

    /** Decodes and describes one token; false when it is an NTLMSSP message too short for itself. */
    private boolean token(byte[] b, int p, int eol, TextBuffer info) {
        decode(b, p, eol);
        if (n < SIGNATURE.length) {
            return true;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (token[i] != SIGNATURE[i]) {
                return true;
            }
        }
        if (n < 12) {
            info.append(Columns.MALFORMED);
            return false;
        }
        int type = u32(8);
        info.append(", ").append(switch (type) {
            case 1 -> "NTLMSSP_NEGOTIATE";
            case 2 -> "NTLMSSP_CHALLENGE";
            case 3 -> "NTLMSSP_AUTH";
            case 4 -> "NTLMSSP_UNKNOWN";
            default -> "Unknown NTLMSSP message type";
        });
        // the fixed part of each message, then the strings its security buffers point at
        boolean whole = switch (type) {
            case 1 -> n >= 32 && within(16) && within(24);
            case 2 -> n >= 48 && within(12) && within(40);
            case 3 -> n >= 64 && within(12) && within(20) && within(28) && within(36) && within(44) && within(52);
            default -> true;
        };
        if (!whole) {
            info.append(Columns.MALFORMED);
            return false;
        }
        if (type == 3) {
            boolean unicode = (u32(60) & 1) != 0;
            info.append(", User: ");
            string(28, unicode, info);
            info.append('\\');
            string(36, unicode, info);
        }
        return true;
    }

    /** Whether the security buffer at {@code at} (length, allocated length, offset) lies in the token. */
    private boolean within(int at) {
        int len = u16(at);
        long off = u32(at + 4) & 0xFFFFFFFFL;
        return len == 0 || off + len <= n;
    }

    private void string(int at, boolean unicode, TextBuffer info) {
        int len = u16(at);
        int off = u32(at + 4);
        if (unicode) {
            for (int i = 0; i + 1 < len; i += 2) {
                info.append((char) ((token[off + i] & 0xff) | (token[off + i + 1] & 0xff) << 8));
            }
        } else {
            for (int i = 0; i < len; i++) {
                info.append((char) (token[off + i] & 0xff));
            }
        }
    }

    private int u16(int at) {
        return (token[at] & 0xff) | (token[at + 1] & 0xff) << 8;
    }

    private int u32(int at) {
        return u16(at) | u16(at + 2) << 16;
    }

    /** Base64 as GLib's decoder reads it: other characters are skipped, '=' ends the data. */
    private void decode(byte[] b, int p, int eol) {
        n = 0;
        int acc = 0;
        int bits = 0;
        for (int i = p; i < eol && n < MAX; i++) {
            int c = b[i] & 0xff;
            if (c == '=') {
                break;
            }
            int v = c < 128 ? BASE64[c] : -1;
            if (v < 0) {
                continue;
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                token[n++] = (byte) (acc >> bits);
            }
        }
    }
}
