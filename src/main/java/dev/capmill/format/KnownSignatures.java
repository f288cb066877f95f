package dev.capmill.format;

import java.nio.charset.StandardCharsets;

/**
 * Names what an input is when no reader claims it, so that the message says "Solaris snoop
 * capture (not supported)" rather than just "unknown format".
 */
final class KnownSignatures {
    private KnownSignatures() {
    }

    private static boolean startsWith(byte[] head, int n, byte... sig) {
        if (n < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (head[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    static String describe(byte[] head, int n, boolean compressed) {
        String what;
        if (n == 0) {
            return compressed ? "empty after decompression" : "empty file";
        } else if (startsWith(head, n, "snoop\0\0\0".getBytes(StandardCharsets.ISO_8859_1))) {
            what = "a Solaris snoop capture, which capmill does not read";
        } else if (startsWith(head, n, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            what = "a JPEG image, not a capture file";
        } else if (startsWith(head, n, (byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G')) {
            what = "a PNG image, not a capture file";
        } else if (startsWith(head, n, (byte) 'P', (byte) 'K', (byte) 3, (byte) 4)) {
            what = "a ZIP archive, not a capture file (unzip it first)";
        } else if (startsWith(head, n, (byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xcb)
                || startsWith(head, n, (byte) 0xcb, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1)) {
            what = "a libpcap BPF program savefile (cbpf), not packets";
        } else if (looksLikeText(head, n)) {
            what = "a text file, not a capture file";
        } else {
            StringBuilder sb = new StringBuilder("not a capture format capmill reads (starts with");
            for (int i = 0; i < Math.min(8, n); i++) {
                sb.append(String.format(" %02x", head[i] & 0xFF));
            }
            what = sb.append(')').toString();
        }
        return what;
    }

    private static boolean looksLikeText(byte[] head, int n) {
        int m = Math.min(n, 512);
        for (int i = 0; i < m; i++) {
            int c = head[i] & 0xFF;
            if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) {
                return false;
            }
        }
        return true;
    }
}
