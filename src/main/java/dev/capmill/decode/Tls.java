package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * TLS records over TCP as tshark 4.0 summarises them without keys (epan/dissectors/packet-tls.c
 * and packet-tls-utils.c; facts only): one Info item per record or handshake message ("Client
 * Hello", "Change Cipher Spec", "Application Data", "Encrypted Handshake Message", ...), joined
 * by ", "; the Protocol column names the version tshark settles on: the record's version until
 * a message other than a Client Hello fixes the session's, and the Server Hello's
 * supported_versions extension (TLS 1.3). A record split over segments is reassembled first;
 * a handshake message split over records is followed by its remaining length only.
 */
public final class Tls {
    static final int ONE_MORE_SEGMENT = Http.ONE_MORE_SEGMENT;

    /** Ports where tshark 4.0 calls TLS by default (tls.port associations made by ssl_dissector_add). */
    static boolean isPort(int p) {
        return switch (p) {
            case 443, 465, 636, 853, 993, 995, 2221, 2443, 3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999 -> true;
            default -> false;
        };
    }

    private static final int SSLV3 = 0x0300;
    private static final int TLS10 = 0x0301;
    private static final int TLS11 = 0x0302;
    private static final int TLS12 = 0x0303;
    private static final int TLS13 = 0x0304;
    private static final int GMTLS = 0x0101;

    /** Per conversation: the session version (0 unknown). */
    private final short[] version;
    /** Per direction: frame of its Change Cipher Spec, a pending handshake message's remaining bytes. */
    private final long[] ccsFrame;
    private final int[] hsRemaining;
    private final byte[] hsType;

    int desegOffset;
    int desegLen;

    /** tls.handshake.type values of the packet, in order, and the server name of a Client Hello. */
    final int[] handshakeTypes = new int[32];
    int handshakeCount;
    final TextBuffer serverName = new TextBuffer(64);
    boolean any;

    Tls(int conversations) {
        version = new short[conversations];
        ccsFrame = new long[conversations * 2];
        hsRemaining = new int[conversations * 2];
        hsType = new byte[conversations * 2];
    }

    void newConversation(int conv) {
        version[conv] = 0;
        for (int d = 2 * conv; d < 2 * conv + 2; d++) {
            ccsFrame[d] = 0;
            hsRemaining[d] = 0;
        }
    }

    void newPacket() {
        handshakeCount = 0;
        serverName.setLength(0);
        any = false;
    }

    static boolean validContentType(int t) {
        return t >= 20 && t <= 25;
    }

    private static boolean tlsVersion(int v) {
        return v == SSLV3 || v == TLS10 || v == TLS11 || v == TLS12 || v == GMTLS;
    }

    /** is_sslv3_or_tls: the heuristic on TCP. */
    static boolean heuristic(byte[] b, int off, int len) {
        if (len < 5) {
            return false;
        }
        int type = b[off] & 0xff;
        int v = Bytes16.be(b, off + 1);
        int l = Bytes16.be(b, off + 3);
        return (type == 22 || type == 23) && tlsVersion(v) && l != 0 && l < 16384 + 2048;
    }

    static String versionName(int v) {
        return switch (v) {
            case 0x0002 -> "SSLv2";
            case SSLV3 -> "SSLv3";
            case TLS10 -> "TLSv1";
            case GMTLS -> "GMTLSv1";
            case TLS11 -> "TLSv1.1";
            case TLS12 -> "TLSv1.2";
            case TLS13 -> "TLSv1.3";
            default -> "SSL";
        };
    }

    /** dissect_ssl: false when tshark's TLS refuses the data (four printable characters). */
    boolean dissect(byte[] b, int off, int len, boolean canDesegment, int conv, int dir, long frame, Columns col) {
        desegOffset = 0;
        desegLen = 0;
        if (len > 4 && Http.printable(b[off]) && Http.printable(b[off + 1]) && Http.printable(b[off + 2])
                && Http.printable(b[off + 3])) {
            return false;
        }
        col.setProtocol(versionName(version[conv]));
        col.clear();
        any = true;
        int p = off;
        int end = off + len;
        while (p < end) {
            int v = version[conv];
            int remaining = end - p;
            if (remaining < 5) {
                if (canDesegment) {
                    desegOffset = p - off;
                    desegLen = ONE_MORE_SEGMENT;
                    return true;
                }
                break;
            }
            if (!tlsVersion(v)) {
                // version unknown (or TLS 1.3): does the record look like SSLv3/TLS?
                if (!(validContentType(b[p] & 0xff) && tlsVersion(Bytes16.be(b, p + 1)))) {
                    col.appendSep(", ", "Continuation Data");
                    break;
                }
            }
            int r = record(b, p, end, canDesegment, conv, dir, frame, col);
            if (r < 0) {
                desegOffset = p - off;
                return true;
            }
            p = r;
        }
        col.fence();
        return true;
    }

    /** dissect_ssl3_record: the offset after the record, or -1 when it must be reassembled ({@link #desegLen} set). */
    private int record(byte[] b, int p, int end, boolean canDesegment, int conv, int dir, long frame, Columns col) {
        int available = end - p;
        int sv = version[conv];
        int type = b[p] & 0xff;
        if ((sv == TLS10 || sv == TLS11 || sv == TLS12 || sv == GMTLS) && !validContentType(type)) {
            col.appendSep(", ", "Ignored Unknown Record");
            return end;
        }
        int recVersion = Bytes16.be(b, p + 1);
        int length = Bytes16.be(b, p + 3);
        if (!validContentType(type)) {
            col.appendSep(", ", "Continuation Data");
            return Math.min(end, p + 5 + length);
        }
        if (available < length + 5) {
            if (canDesegment) {
                desegLen = length + 5 - available;
                return -1;
            }
            return end;
        }
        int body = p + 5;
        int v = recVersion;
        if (sv == 0) {
            int next = length > 0 ? b[body] & 0xff : 0;
            // ssl_is_authoritative_version_message: not a Client Hello, and (TLS, not DTLS) not a Hello Verify Request
            if (type != 22 || (next != 1 && next != 3 && handshakeName(next) != null)) {
                trySetVersion(conv, recVersion, false);
            }
            col.setProtocol(versionName(recVersion));
        } else {
            v = sv;
        }
        switch (type) {
            case 20 -> {
                col.appendSep(", ", "Change Cipher Spec");
                ccsFrame[dir] = frame;
            }
            case 21 -> {
                if (length != 2) {
                    col.appendSep(", ", "Encrypted Alert");
                } else {
                    col.appendSep(", ", "Alert (Level: ");
                    col.info.append(switch (b[body]) {
                        case 1 -> "Warning";
                        case 2 -> "Fatal";
                        default -> "Unknown";
                    }).append(", Description: ").append(alertName(b[body + 1] & 0xff)).append(')');
                }
            }
            case 22 -> handshake(b, body, body + length, conv, dir, frame, v, col);
            case 23 -> col.appendSep(", ", "Application Data");
            case 24 -> col.appendSep(", ", "Encrypted Heartbeat");
            default -> {
            }
        }
        return body + length;
    }

    private void trySetVersion(int conv, int v, boolean serverHello) {
        if (serverHello && ((v & 0xff00) == 0x7f00 || v == 0xfb17 || v == 0xfb1a)) {
            v = TLS13;
        }
        if (tlsVersion(v) || v == TLS13) {
            version[conv] = (short) v;
        }
    }

    /** dissect_tls_handshake, without decryption. */
    private void handshake(byte[] b, int p, int end, int conv, int dir, long frame, int v, Columns col) {
        boolean first = true;
        if (hsRemaining[dir] > 0) {
            int take = Math.min(hsRemaining[dir], end - p);
            hsRemaining[dir] -= take;
            p += take;
            if (hsRemaining[dir] > 0) {
                return;
            }
            String name = handshakeName(hsType[dir] & 0xff);
            col.appendSep(", ", name != null ? name : "Encrypted Handshake Message");
            addType(hsType[dir] & 0xff);
            first = false;
        } else if (encrypted(b, p, end, dir, frame, version[conv] == TLS13)) {
            col.appendSep(", ", "Encrypted Handshake Message");
            return;
        }
        while (p < end) {
            int subset = end - p;
            int msgLen = subset >= 4 ? 4 + ((b[p + 1] & 0xff) << 16 | Bytes16.be(b, p + 2)) : 0;
            int msgType = b[p] & 0xff;
            String name = handshakeName(msgType);
            if (msgLen == 0 || subset < msgLen) {
                if (msgLen > 0) {
                    hsRemaining[dir] = msgLen - subset;
                    hsType[dir] = (byte) msgType;
                }
                if (first) {
                    col.appendSep(", ", "[");
                    col.info.append(name != null ? name : "Encrypted Handshake Message").append(" Fragment]");
                }
                return;
            }
            if (name == null && !first) {
                return;
            }
            if (first && msgType == 2 && msgLen - 4 > 2) {
                int sv = serverVersion(b, p + 4, p + msgLen);
                trySetVersion(conv, sv, true);
                if (isHelloRetry(b, p + 4, p + msgLen, sv)) {
                    name = "Hello Retry Request";
                }
            }
            col.appendSep(", ", name != null ? name : "Encrypted Handshake Message");
            addType(msgType);
            if (msgType == 2) {
                col.setProtocol(versionName(version[conv]));
            } else if (msgType == 1 && serverName.length() == 0) {
                serverName(b, p + 4, p + msgLen);
            }
            p += msgLen;
            first = false;
        }
    }

    private void addType(int t) {
        if (handshakeCount < handshakeTypes.length) {
            handshakeTypes[handshakeCount++] = t;
        }
    }

    /** is_encrypted_handshake_message for a record tshark could not decrypt. */
    private boolean encrypted(byte[] b, int p, int end, int dir, long frame, boolean tls13) {
        int length = end - p;
        if (length < 16) {
            return false;
        }
        if ((b[p] | b[p + 1] | b[p + 2] | b[p + 3] | b[p + 4]) == 0) {
            return true;
        }
        // in TLS 1.3 a Change Cipher Spec is only for middleboxes: after a Hello Retry Request the
        // server's second Server Hello follows it in the clear (tshark 4.0.17 names it)
        if (ccsFrame[dir] != 0 && frame > ccsFrame[dir] && !tls13) {
            return true;
        }
        int type = b[p] & 0xff;
        if (handshakeName(type) == null) {
            return true;
        }
        return ((b[p + 1] & 0xff) << 16 | Bytes16.be(b, p + 2)) >= 0x10000;
    }

    /** tls_scan_server_hello: the legacy version, or supported_versions' when the legacy one is TLS 1.2. */
    private static int serverVersion(byte[] b, int p, int end) {
        int v = Bytes16.be(b, p);
        if (v != TLS12 || end - p < 46) {
            return v;
        }
        int q = p + 2 + 32;
        int sid = b[q] & 0xff;
        q++;
        if (end - q < sid + 5) {
            return v;
        }
        q += sid + 5;
        while (end - q >= 6) {
            int type = Bytes16.be(b, q);
            int len = Bytes16.be(b, q + 2);
            if (end - q < 4 + len) {
                break;
            }
            if (type == 43 && len == 2) {
                return Bytes16.be(b, q + 4);
            }
            q += 4 + len;
        }
        return v;
    }

    private static final byte[] HRR_RANDOM = {
        (byte) 0xcf, 0x21, (byte) 0xad, 0x74, (byte) 0xe5, (byte) 0x9a, 0x61, 0x11, (byte) 0xbe, 0x1d, (byte) 0x8c, 0x02,
        0x1e, 0x65, (byte) 0xb8, (byte) 0x91, (byte) 0xc2, (byte) 0xa2, 0x11, 0x16, 0x7a, (byte) 0xbb, (byte) 0x8c, 0x5e,
        0x07, (byte) 0x9e, 0x09, (byte) 0xe2, (byte) 0xc8, (byte) 0xa8, 0x33, (byte) 0x9c};

    private static boolean isHelloRetry(byte[] b, int p, int end, int sv) {
        if (Bytes16.be(b, p) != TLS12 || end - p < 46) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (b[p + 2 + i] != HRR_RANDOM[i]) {
                return false;
            }
        }
        return true;
    }

    /** The host name of a Client Hello's server_name extension (tls.handshake.extensions_server_name). */
    private void serverName(byte[] b, int p, int end) {
        int q = p + 2 + 32;
        if (q >= end) {
            return;
        }
        q += 1 + (b[q] & 0xff);
        if (q + 2 > end) {
            return;
        }
        q += 2 + Bytes16.be(b, q);
        if (q >= end) {
            return;
        }
        q += 1 + (b[q] & 0xff);
        if (q + 2 > end) {
            return;
        }
        int extEnd = Math.min(end, q + 2 + Bytes16.be(b, q));
        q += 2;
        while (q + 4 <= extEnd) {
            int type = Bytes16.be(b, q);
            int len = Bytes16.be(b, q + 2);
            int data = q + 4;
            if (data + len > extEnd) {
                return;
            }
            if (type == 0 && len >= 5) {
                int nameType = b[data + 2] & 0xff;
                int nameLen = Bytes16.be(b, data + 3);
                if (nameType == 0 && data + 5 + nameLen <= data + len) {
                    for (int i = data + 5; i < data + 5 + nameLen; i++) {
                        serverName.append((char) (b[i] & 0xff));
                    }
                }
                return;
            }
            q = data + len;
        }
    }

    static String handshakeName(int t) {
        return switch (t) {
            case 0 -> "Hello Request";
            case 1 -> "Client Hello";
            case 2 -> "Server Hello";
            case 3 -> "Hello Verify Request";
            case 4 -> "New Session Ticket";
            case 5 -> "End of Early Data";
            case 6 -> "Hello Retry Request";
            case 8, 67 -> "Encrypted Extensions";
            case 11 -> "Certificate";
            case 12 -> "Server Key Exchange";
            case 13 -> "Certificate Request";
            case 14 -> "Server Hello Done";
            case 15 -> "Certificate Verify";
            case 16 -> "Client Key Exchange";
            case 20 -> "Finished";
            case 21 -> "Client Certificate URL";
            case 22 -> "Certificate Status";
            case 23 -> "Supplemental Data";
            case 24 -> "Key Update";
            case 25 -> "Compressed Certificate";
            default -> null;
        };
    }

    static String alertName(int d) {
        return switch (d) {
            case 0 -> "Close Notify";
            case 1 -> "End of Early Data";
            case 10 -> "Unexpected Message";
            case 20 -> "Bad Record MAC";
            case 21 -> "Decryption Failed";
            case 22 -> "Record Overflow";
            case 30 -> "Decompression Failure";
            case 40 -> "Handshake Failure";
            case 41 -> "No Certificate";
            case 42 -> "Bad Certificate";
            case 43 -> "Unsupported Certificate";
            case 44 -> "Certificate Revoked";
            case 45 -> "Certificate Expired";
            case 46 -> "Certificate Unknown";
            case 47 -> "Illegal Parameter";
            case 48 -> "Unknown CA";
            case 49 -> "Access Denied";
            case 50 -> "Decode Error";
            case 51 -> "Decrypt Error";
            case 60 -> "Export Restriction";
            case 70 -> "Protocol Version";
            case 71 -> "Insufficient Security";
            case 80 -> "Internal Error";
            case 86 -> "Inappropriate Fallback";
            case 90 -> "User Canceled";
            case 100 -> "No Renegotiation";
            case 109 -> "Missing Extension";
            case 110 -> "Unsupported Extension";
            case 111 -> "Certificate Unobtainable";
            case 112 -> "Unrecognized Name";
            case 113 -> "Bad Certificate Status Response";
            case 114 -> "Bad Certificate Hash Value";
            case 115 -> "Unknown PSK Identity";
            case 116 -> "Certificate Required";
            case 120 -> "No application Protocol";
            case 121 -> "ECH Required";
            default -> "Unknown";
        };
    }
}
