package dev.capmill.decode;

import dev.capmill.model.Bytes;
import java.util.Arrays;

/**
 * SSH on TCP port 22 as tshark 4.0 writes its columns (epan/dissectors/packet-ssh.c; facts only,
 * checked with crafted captures against tshark 4.0.17).
 *
 * <p>Protocol is "SSH" until a client banner has named the version ("SSH-2." and "SSH-1.99-" are
 * SSHv2, "SSH-1." SSHv1; the server's banner does not count), then "SSHv2" or "SSHv1"; it is set
 * before the segment is read, so the client's banner itself still shows "SSH". The side is the
 * server when the destination port is not 22. Each message appends its text with ", "; at the end
 * "Client: " or "Server: " is put before the whole column (before TCP's analysis marks too, and
 * again for a second PDU of the segment). A read past the data ends the line with the exception's
 * mark and no prefix; a message that needs more data (reassembled as tcp_dissect_pdus would) also
 * leaves the prefix out.
 *
 * <p>Banners ("Protocol (...)", up to the line feed, less CR) are taken in each direction until
 * one has been read, and in the rest of that segment. Binary packets (length, padding length,
 * code) are named by code; codes 30 to 39 by the key exchange chosen from both Key Exchange Inits
 * (the first of the client's kex algorithms the server also lists): group exchange, elliptic
 * curve (ecdh-sha2-*, curve25519, curve448), else plain Diffie-Hellman. The fields each message
 * reads are checked for the malformed mark. After a direction's New Keys its data is encrypted:
 * "Encrypted packet (len=N)" for the rest of the segment, except that once a (EC)DH reply was
 * read tshark 4.0 tries to decrypt without keys and shows nothing (4 bytes must be there; for
 * aes*-gcm the length read in clear must fit). Data before any banner is "Encrypted packet".
 * Not modelled: an aes-gcm packet whose length fits (tshark decrypts it with a zero key and names
 * what it finds), the ChaCha20 length that decrypts to 32 KiB or less with a zero key (about one
 * in 131,072 packets), and rekeying.
 *
 * <p>Bounded state: per conversation its version, key exchange kind and decryption flag; per side
 * the frame of its banner and whether New Keys was read; the algorithm lists of a Key Exchange
 * Init wait for the other side's in one of {@value #NEGOTIATIONS} slots (by conversation, a
 * newer negotiation taking an older one's slot).
 */
final class Ssh {
    static final int PORT = 22;
    private static final int NEGOTIATIONS = 256;
    private static final int LIST = 32;
    private static final byte DH = 0;
    private static final byte GEX = 1;
    private static final byte ECDH = 2;
    // cipher kinds chosen at New Keys
    private static final byte AES_GCM = 1;

    private static final String[] MSG = new String[256];
    private static final String[] SSH1 = {"No Message", "Disconnect", "Public Key", "Session Key", "User"};

    static {
        MSG[1] = "Disconnect";
        MSG[2] = "Ignore";
        MSG[3] = "Unimplemented";
        MSG[4] = "Debug";
        MSG[5] = "Service Request";
        MSG[6] = "Service Accept";
        MSG[20] = "Key Exchange Init";
        MSG[21] = "New Keys";
        MSG[50] = "User Authentication Request";
        MSG[51] = "User Authentication Failure";
        MSG[52] = "User Authentication Success";
        MSG[53] = "User Authentication Banner";
        MSG[60] = "Public Key algorithm accepted";
        MSG[80] = "Global Request";
        MSG[81] = "Request Success";
        MSG[82] = "Request Failure";
        MSG[90] = "Channel Open";
        MSG[91] = "Channel Open Confirmation";
        MSG[92] = "Channel Open Failure";
        MSG[93] = "Window Adjust";
        MSG[94] = "Channel Data";
        MSG[95] = "Channel Extended Data";
        MSG[96] = "Channel EOF";
        MSG[97] = "Channel Close";
        MSG[98] = "Channel Request";
        MSG[99] = "Channel Success";
        MSG[100] = "Channel Failure";
    }

    /** A read past the data (one instance, no stack trace). */
    private static final class Short extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Short() {
            super(null, null, false, false);
        }
    }

    private static final Short SHORT = new Short();

    int desegLen;
    int desegOffset;

    // per conversation
    private final byte[] version;
    private final byte[] kex;
    private final boolean[] kexChosen;
    private final boolean[] decrypting;
    // per side (2 * conversation + 1 for the server)
    private final long[] bannerFrame;
    private final boolean[] newKeys;
    private final long[] ssh1Frame;
    private final byte[] cipher;
    // negotiations: for each side, its kex list and its two encryption lists, as name hashes
    private final int[] negOwner = new int[NEGOTIATIONS];
    private final boolean[][] negHave = new boolean[NEGOTIATIONS][2];
    private final int[][] negList = new int[NEGOTIATIONS][2 * 3 * LIST];
    private final int[][] negCount = new int[NEGOTIATIONS][2 * 3];
    private final int[] negCipher = new int[NEGOTIATIONS * 2];

    // the current dissection
    private byte[] b;
    private int base;
    private int cap;
    private int rep;
    private boolean limitedOnly;

    Ssh(int conversations) {
        version = new byte[conversations];
        kex = new byte[conversations];
        kexChosen = new boolean[conversations];
        decrypting = new boolean[conversations];
        bannerFrame = new long[conversations * 2];
        newKeys = new boolean[conversations * 2];
        ssh1Frame = new long[conversations * 2];
        cipher = new byte[conversations * 2];
        Arrays.fill(negOwner, -1);
    }

    void newConversation(int conv) {
        version[conv] = 0;
        kex[conv] = DH;
        kexChosen[conv] = false;
        decrypting[conv] = false;
        for (int side = 0; side < 2; side++) {
            bannerFrame[2 * conv + side] = 0;
            newKeys[2 * conv + side] = false;
            ssh1Frame[2 * conv + side] = 0;
            cipher[2 * conv + side] = 0;
        }
        int n = conv & (NEGOTIATIONS - 1);
        if (negOwner[n] == conv) {
            negOwner[n] = -1;
        }
    }

    /**
     * dissect_ssh on {@code b[off, off+len)}, of which {@code reported} bytes the packet claims
     * (all captured when {@code canDesegment}).
     */
    void dissect(byte[] data, int off, int len, int reported, boolean canDesegment, boolean response, int conv,
            long frame, Columns col) {
        desegLen = 0;
        desegOffset = 0;
        b = data;
        base = off;
        cap = off + len;
        rep = off + Math.max(len, reported);
        limitedOnly = !canDesegment && reported > len;
        int side = 2 * conv + (response ? 1 : 0);
        int v = version[conv];
        col.setProtocol(v == 0 ? "SSH" : v == 1 ? "SSHv1" : "SSHv2");
        col.clear();
        int p = off;
        try {
            while (p < rep) {
                int last = p;
                boolean bannerTime = bannerFrame[side] == 0 || bannerFrame[side] == frame + 1;
                if (bannerTime && startsWith(p, "SSH-")) {
                    if (!response) {
                        if (startsWith(p, "SSH-2.") || startsWith(p, "SSH-1.99-")) {
                            v = 2;
                        } else if (startsWith(p, "SSH-1.")) {
                            v = 1;
                        }
                    }
                    p = banner(p, canDesegment, col);
                    if (p < 0) {
                        return;
                    }
                    bannerFrame[side] = frame + 1;
                    version[conv] = (byte) v;
                } else if (v == 2) {
                    p = ssh2(p, canDesegment, conv, side, response, col);
                    if (p < 0) {
                        return;
                    }
                } else if (v == 1) {
                    p = ssh1(p, canDesegment, side, frame, col);
                    if (p < 0) {
                        return;
                    }
                } else {
                    p = encrypted(p, col);
                }
                if (p <= last) {
                    break;
                }
            }
        } catch (Short e) {
            col.info.append(limitedOnly ? Columns.LIMITED : Columns.MALFORMED);
            return;
        }
        col.info.insert(0, response ? "Server: " : "Client: ");
    }

    private boolean startsWith(int p, String s) {
        if (p + s.length() > cap) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int c = b[p + i] & 0xff;
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** ssh_dissect_protocol: the offset after the banner, or -1 when more data was asked for. */
    private int banner(int p, boolean canDesegment, Columns col) {
        int remain = cap - p;
        if (remain <= 0) {
            throw SHORT;
        }
        int lf = -1;
        for (int i = p; i < cap; i++) {
            if (b[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (canDesegment && lf < 0) {
            // tshark asks for (line end - remaining) bytes, a negative number when no line feed was
            // found: the bytes are dropped and the next segment is read on its own
            desegOffset = p - base;
            desegLen = -1 - remain;
            return -1;
        }
        int lineLen;
        int protoLen;
        if (lf < 0) {
            lineLen = remain;
            protoLen = remain;
        } else {
            lineLen = lf - p + 1;
            protoLen = lineLen > 1 && b[p + lineLen - 2] == '\r' ? lineLen - 2 : lineLen - 1;
        }
        col.appendSep(", ", "Protocol (");
        for (int i = p; i < p + protoLen; i++) {
            Http.appendText(col.info, b[i]);
        }
        col.info.append(')');
        return p + lineLen;
    }

    /** "Encrypted packet (len=N)" for the rest of the data. */
    private int encrypted(int p, Columns col) {
        col.appendSep(", ", "Encrypted packet (len=");
        col.info.append(rep - p).append(')');
        return rep;
    }

    private int ssh2(int p, boolean canDesegment, int conv, int side, boolean response, Columns col) {
        while (cap - p > 0) {
            if (!newKeys[side]) {
                p = keyExchange(p, canDesegment, conv, side, response, col);
                if (p < 0) {
                    return -1;
                }
            } else if (decrypting[conv]) {
                // tshark 4.0 tries to decrypt without keys: the length (4 bytes) is read; for
                // aes-gcm the packet it gives must be there; nothing is shown
                long need = 4;
                if (cipher[side] == AES_GCM) {
                    need(p, 4);
                    need += u32(p);
                }
                need(p, need);
                return cap;
            } else {
                p = encrypted(p, col);
            }
        }
        return p;
    }

    private int keyExchange(int p, boolean canDesegment, int conv, int side, boolean response, Columns col) {
        int start = p;
        long remain = cap - p;
        if (canDesegment && remain < 4) {
            desegOffset = p - base;
            desegLen = Http.ONE_MORE_SEGMENT;
            return -1;
        }
        long plen = u32(p);
        if (canDesegment && ((plen + 4) & 0xffffffffL) > remain) {
            desegOffset = p - base;
            desegLen = (int) (plen + 4 - remain);
            return -1;
        }
        if (plen >= 0xffff) {
            plen = (remain - 4) & 0xffffffffL;
        }
        p += 4;
        int padding = u8(p);
        p += 1;
        int code = u8(p);
        if (code >= 30 && code < 40) {
            p = kexSpecific(code, p + 1, conv, col);
        } else {
            p += 1;
            col.appendSep(", ", MSG[code] != null ? MSG[code] : "Unknown (" + code + ")");
            if (code == 20) {
                p = kexInit(p, conv, response);
            } else if (code == 21 && !newKeys[side]) {
                newKeys[side] = true;
                cipher[side] = (byte) chosenCipher(conv, response);
            }
        }
        long len = (plen + 4 - padding - (p - start)) & 0xffffffffL;
        if (len != 0) {
            need(p, len);
        }
        p += (int) len;
        need(p, padding);
        return p + padding;
    }

    private int kexSpecific(int code, int p, int conv, Columns col) {
        byte k = kex[conv];
        String name = null;
        if (k == GEX) {
            name = switch (code) {
                case 30 -> "Diffie-Hellman Group Exchange Request (Old)";
                case 31 -> "Diffie-Hellman Group Exchange Group";
                case 32 -> "Diffie-Hellman Group Exchange Init";
                case 33 -> "Diffie-Hellman Group Exchange Reply";
                case 34 -> "Diffie-Hellman Group Exchange Request";
                default -> null;
            };
        } else if (code == 30 || code == 31) {
            name = (k == ECDH ? "Elliptic Curve Diffie-Hellman Key Exchange " : "Diffie-Hellman Key Exchange ")
                    + (code == 30 ? "Init" : "Reply");
        }
        col.appendSep(", ", name != null ? name : "Unknown (" + code + ")");
        if (k == GEX) {
            switch (code) {
                case 30 -> {
                    need(p, 4);
                    p += 4;
                }
                case 31 -> p = string(string(p));
                case 32 -> p = string(p);
                case 33 -> p = signature(string(hostKey(p)));
                case 34 -> {
                    need(p, 12);
                    p += 12;
                }
                default -> {
                }
            }
        } else if (code == 30) {
            readPublic(p);
            p = string(p);
        } else if (code == 31) {
            p = hostKey(p);
            readPublic(p);
            decrypting[conv] = true;
            p = signature(string(p));
        }
        return p;
    }

    /** ssh_read_e / ssh_read_f: the length, and the value when it is 1 to 512 bytes. */
    private void readPublic(int p) {
        long n = u32(p);
        if (n >= 1 && n <= 512) {
            need(p + 4, n);
        }
    }

    /** An mpint or string: its length and its bytes; the offset after it. */
    private int string(int p) {
        long n = u32(p);
        need(p + 4, n);
        return p + 4 + (int) n;
    }

    private int hostKey(int p) {
        long keyLen = u32(p);
        long typeLen = u32(p + 4);
        need(p + 8, typeLen);
        int q = p + 8 + (int) typeLen;
        need(p + 4, keyLen);
        if (is(p + 8, typeLen, "ssh-rsa")) {
            string(string(q));
        } else if (is(p + 8, typeLen, "ssh-dss")) {
            string(string(string(string(q))));
        } else if (prefix(p + 8, typeLen, "ecdsa-sha2-")) {
            string(string(q));
        } else if (prefix(p + 8, typeLen, "ssh-ed")) {
            string(q);
        } else {
            rest(q, keyLen - typeLen - 4);
        }
        return p + 4 + (int) keyLen;
    }

    private int signature(int p) {
        long sigLen = u32(p);
        long typeLen = u32(p + 4);
        need(p + 8, typeLen);
        int q = p + 8 + (int) typeLen;
        if (is(p + 8, typeLen, "ssh-rsa") || is(p + 8, typeLen, "ssh-dss")) {
            string(q);
        } else if (!prefix(p + 8, typeLen, "ecdsa-sha2-") && !prefix(p + 8, typeLen, "ssh-ed")) {
            rest(q, sigLen - typeLen - 4);
        }
        return p + 4 + (int) sigLen;
    }

    /** proto_tree_add_item of {@code n} bytes (a gint: -1 is the rest of the data). */
    private void rest(int p, long n) {
        int len = (int) n;
        if (len == -1) {
            need(p, 0);
        } else if (len < 0) {
            throw SHORT;
        } else {
            need(p, len);
        }
    }

    private int kexInit(int p, int conv, boolean response) {
        need(p, 16);
        p += 16;
        int n = conv & (NEGOTIATIONS - 1);
        if (negOwner[n] != conv) {
            negOwner[n] = conv;
            negHave[n][0] = false;
            negHave[n][1] = false;
        }
        int s = response ? 1 : 0;
        for (int i = 0; i < 10; i++) {
            long len = u32(p);
            need(p + 4, len);
            int list = i == 0 ? 0 : i == 2 ? 1 : i == 3 ? 2 : -1;
            if (list >= 0) {
                store(n, s * 3 + list, p + 4, (int) len);
            }
            p += 4 + (int) len;
        }
        need(p, 5);
        p += 5;
        negHave[n][s] = true;
        if (negHave[n][0] && negHave[n][1] && !kexChosen[conv]) {
            kexChosen[conv] = true;
            int chosen = choose(n, 0, 3);
            kex[conv] = (byte) (chosen == hash("diffie-hellman-group-exchange-sha1")
                    || chosen == hash("diffie-hellman-group-exchange-sha256") ? GEX
                    : chosen != 0 && (chosen == hash("curve25519-sha256@libssh.org")
                    || chosen == hash("curve25519-sha256") || chosen == hash("curve448-sha512")
                    || ecdhPrefix[n]) ? ECDH : DH);
        }
        return p;
    }

    private final boolean[] ecdhPrefix = new boolean[NEGOTIATIONS];
    private final int[][] prefixHash = new int[NEGOTIATIONS][2 * 3 * LIST];

    private void store(int n, int list, int p, int len) {
        int count = 0;
        int i = p;
        int end = p + len;
        while (i <= end && count < LIST) {
            int j = i;
            while (j < end && b[j] != ',') {
                j++;
            }
            int h = 1;
            int pre = 0;
            for (int k = i; k < j; k++) {
                h = 31 * h + (b[k] & 0xff);
                if (k - i == 9) {
                    pre = h;
                }
            }
            negList[n][list * LIST + count] = h;
            prefixHash[n][list * LIST + count] = pre;
            count++;
            i = j + 1;
        }
        negCount[n][list] = count;
    }

    /** ssh_choose_algo: the first of the client's list that the server's has (its hash, 0 if none). */
    private int choose(int n, int clientList, int serverList) {
        ecdhPrefix[n] = false;
        if (!negHave[n][0] || !negHave[n][1]) {
            return 0;
        }
        for (int i = 0; i < negCount[n][clientList]; i++) {
            int h = negList[n][clientList * LIST + i];
            for (int j = 0; j < negCount[n][serverList]; j++) {
                if (negList[n][serverList * LIST + j] == h) {
                    ecdhPrefix[n] = prefixHash[n][clientList * LIST + i] == ECDH_SHA2;
                    return h;
                }
            }
        }
        return 0;
    }

    private static final int ECDH_SHA2 = hash("ecdh-sha2-");

    private int chosenCipher(int conv, boolean response) {
        int n = conv & (NEGOTIATIONS - 1);
        if (negOwner[n] != conv) {
            return 0;
        }
        int list = response ? 2 : 1;
        int h = choose(n, list, 3 + list);
        return h == hash("aes128-gcm@openssh.com") || h == hash("aes256-gcm@openssh.com")
                || h == hash("aes128-gcm") || h == hash("aes256-gcm") ? AES_GCM : 0;
    }

    private static int hash(String s) {
        int h = 1;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private boolean is(int p, long len, String s) {
        return len == s.length() && startsWithExact(p, s);
    }

    private boolean prefix(int p, long len, String s) {
        return len >= s.length() && startsWithExact(p, s);
    }

    private boolean startsWithExact(int p, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[p + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** ssh_dissect_ssh1. */
    private int ssh1(int p, boolean canDesegment, int side, long frame, Columns col) {
        long remain = cap - p;
        if (remain <= 0) {
            throw SHORT;
        }
        if (canDesegment && remain < 4) {
            desegOffset = p - base;
            desegLen = Http.ONE_MORE_SEGMENT;
            return -1;
        }
        long plen = u32(p);
        long padding = 8 - plen % 8;
        if (canDesegment && plen + 4 + padding > remain) {
            desegOffset = p - base;
            desegLen = (int) (plen + padding - remain);
            return -1;
        }
        if (plen >= 0xffff) {
            plen = (remain - 4 - padding) & 0xffffffffL;
        }
        p += 4 + (int) padding;
        long len;
        if (ssh1Frame[side] == 0 || ssh1Frame[side] == frame + 1) {
            int code = u8(p);
            col.appendSep(", ", code < SSH1.length ? SSH1[code] : "Unknown (" + code + ")");
            p += 1;
            len = (plen - 1) & 0xffffffffL;
            ssh1Frame[side] = frame + 1;
        } else {
            len = plen;
            col.appendSep(", ", "Encrypted packet (len=");
            col.info.append((int) len).append(')');
        }
        return p + (int) len;
    }

    private int u8(int p) {
        need(p, 1);
        return b[p] & 0xff;
    }

    private long u32(int p) {
        need(p, 4);
        return Bytes.u32BE(b, p) & 0xffffffffL;
    }

    /** The {@code n} bytes at {@code p} must be there (tvb_ensure_bytes_exist). */
    private void need(int p, long n) {
        if (p < base || n < 0 || p + n > cap) {
            if (p + n > rep || p < base || n < 0) {
                limitedOnly = false;
            } else {
                limitedOnly = true;
            }
            throw SHORT;
        }
    }
}
