package dev.capmill.text;

import dev.capmill.model.Bytes;
import dev.capmill.model.TextBuffer;

/**
 * ISAKMP/IKE on UDP port 500, and after the four zero bytes of RFC 3948 on port 4500, as tshark
 * 4.0 writes its Info (packet-isakmp.c; each rule checked against tshark 4.0.17 on made-up
 * datagrams). A header shorter than its 28 bytes, or of a major version other than 1 or 2, leaves
 * Info empty. IKEv1 shows the exchange type's name ("Identity Protection (Main Mode)", "Quick
 * Mode", ..., "Unknown n"); IKEv2 "<exchange> MID=%02u <Initiator|Responder> <Request|Response>"
 * from the flags (0x08 initiator, 0x20 response). The payloads are not read (their malformed
 * marks, a handful of corpus lines, are not given).
 */
final class Isakmp {
    private Isakmp() {
    }

    private static final int HEADER = 28;
    private static final String[] V1 = {"NONE", "Base", "Identity Protection (Main Mode)", "Authentication Only",
        "Aggressive", "Informational", "Transaction (Config Mode)"};
    private static final String[] V2 = {"IKE_SA_INIT", "IKE_AUTH", "CREATE_CHILD_SA", "INFORMATIONAL",
        "IKE_SESSION_RESUME"};

    /** Appends the Info of the ISAKMP message at {@code b[p, p+len)}. */
    static void info(byte[] b, int p, int len, TextBuffer info) {
        if (len < HEADER) {
            return;
        }
        int major = (b[p + 17] & 0xff) >> 4;
        int exchange = b[p + 18] & 0xff;
        if (major == 1) {
            String name = exchange < V1.length ? V1[exchange] : exchange == 32 ? "Quick Mode"
                    : exchange == 33 ? "New Group Mode" : null;
            if (name != null) {
                info.append(name);
            } else {
                info.append("Unknown ").append(exchange);
            }
        } else if (major == 2) {
            if (exchange >= 34 && exchange - 34 < V2.length) {
                info.append(V2[exchange - 34]);
            } else {
                info.append("Unknown ").append(exchange);
            }
            int flags = b[p + 19] & 0xff;
            long mid = Bytes.u32BE(b, p + 20);
            info.append(" MID=");
            if (mid < 10) {
                info.append('0');
            }
            info.append(mid).append((flags & 0x08) != 0 ? " Initiator" : " Responder")
                    .append((flags & 0x20) != 0 ? " Response" : " Request");
        }
    }
}
