package dev.capmill.decode;

import dev.capmill.model.Bytes;
import dev.capmill.model.TextBuffer;

/**
 * DoIP (ISO 13400-2) on TCP port 13400 as tshark 4.0 writes its columns (packet-doip.c: dissect_doip,
 * get_doip_message_len, dissect_doip_message; facts only, checked against tshark 4.0.17). The
 * stream is cut into messages of 8 header bytes plus the length field, reassembled across segments
 * as tcp_dissect_pdus does. Each message sets the Protocol "DoIP", clears Info (to the fence TCP
 * set) and names its payload type; a segment of several messages shows the last one. The length
 * function checks that the second byte is the complement of the first at the start of the data,
 * not of each message: when it is not, the segment is malformed. The payload fields are read only
 * into a tree. A diagnostic message shows "Diagnostic message": the UDS tshark finds in it is not
 * decoded.
 */
public final class DoIp {
    static final int PORT = 13400;
    private static final int HEADER = 8;

    /** After {@link #dissect}: bytes still needed (0: none; Http.ONE_MORE_SEGMENT) and where that message starts. */
    int desegLen;
    int desegOffset;

    /** Dissects the segment data {@code b[off, off+len)} (all of it captured when {@code canDesegment}). */
    void dissect(byte[] b, int off, int len, boolean canDesegment, Columns col) {
        desegLen = 0;
        desegOffset = 0;
        int at = 0;
        while (at < len) {
            int rest = len - at;
            if (rest < HEADER && canDesegment) {
                desegOffset = at;
                desegLen = Http.ONE_MORE_SEGMENT;
                return;
            }
            if (len < 2 || (b[off] & 0xff) != (~b[off + 1] & 0xff)) {
                // the length function's answer 1 is under the header's 8: a reported-bounds error
                col.info.append(len < 2 ? Columns.LIMITED : Columns.MALFORMED);
                return;
            }
            if (rest < HEADER) {
                // the length field cannot be read: the segment's dissection ends there
                col.info.append(Columns.LIMITED);
                return;
            }
            long plen = (Bytes.u32BE(b, off + at + 4) + HEADER);
            if (plen > 0x7fffffffL) {
                plen = HEADER;
            }
            if (canDesegment && rest < plen) {
                desegOffset = at;
                desegLen = (int) Math.min(Integer.MAX_VALUE, plen - rest);
                return;
            }
            message(b, off + at, col);
            at += (int) Math.min(plen, rest);
        }
    }

    private static void message(byte[] b, int p, Columns col) {
        col.setProtocol("DoIP");
        TextBuffer info = col.replace();
        int version = b[p] & 0xff;
        int type = Bytes16.be(b, p + 2);
        if (version >= 1 && version <= 4 || version == 0xff && type >= 1 && type <= 3) {
            String name = payload(type);
            if (name != null) {
                info.append(name);
            } else {
                info.append("0x").appendHex(type, 4).append(" Unknown Payload");
            }
        } else {
            info.append("Invalid/unsupported DoIP version");
        }
    }

    /** The payload type's name (doip_payloads), or null. */
    public static String payload(int t) {
        return switch (t) {
            case 0x0000 -> "Generic DoIP header NACK";
            case 0x0001 -> "Vehicle identification request";
            case 0x0002 -> "Vehicle identification request with EID";
            case 0x0003 -> "Vehicle identification request with VIN";
            case 0x0004 -> "Vehicle announcement message/vehicle identification response message";
            case 0x0005 -> "Routing activation request";
            case 0x0006 -> "Routing activation response";
            case 0x0007 -> "Alive check request";
            case 0x0008 -> "Alive check response";
            case 0x4001 -> "DoIP entity status request";
            case 0x4002 -> "DoIP entity status response";
            case 0x4003 -> "Diagnostic power mode information request";
            case 0x4004 -> "Diagnostic power mode information response";
            case 0x8001 -> "Diagnostic message";
            case 0x8002 -> "Diagnostic message ACK";
            case 0x8003 -> "Diagnostic message NACK";
            default -> null;
        };
    }
}
