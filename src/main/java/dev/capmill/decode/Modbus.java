package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * Modbus/TCP on port 502 as tshark 4.0's packet-mbtcp.c writes its columns (facts only).
 *
 * <p>The port's dissector takes the data only when it holds at least 8 bytes, the protocol id
 * (bytes 2–3) is 0 and the length field (bytes 4–5) is at least 2; otherwise TCP's heuristics
 * and plain TCP follow. The data is then cut into PDUs of 6 + length bytes as tcp_dissect_pdus
 * does: a PDU that needs more data than the segment holds is reassembled (fewer than 6 bytes left:
 * one more segment); each PDU replaces the Info of the one before. A PDU's Info is
 * {@code "%8s: Trans: %5u; Unit: %3u, Func: %3u: %s"}: "Query" toward port 502, "Response" from it,
 * "unknown" (with ". Unable to classify as query or response.") when both or neither port is 502;
 * the function's name, with ". Exception returned " when bit 7 of the function code is set (the
 * exception code is read at byte 8). Diagnostics (8) and Encapsulated Interface Transport (43)
 * without an exception show "Func: %3u/%3u" where the second number is always 1 (the dissector
 * prints a flag, not the sub-function) and the name of the sub-function (u16 at byte 8) or MEI
 * type (byte at 8).
 */
final class Modbus {
    static final int PORT = 502;
    private static final int HEADER = 6;

    private static final String[] FUNCTIONS = new String[91];
    private static final String[] DIAGNOSTICS = {"Return Query Data", "Restart Communications Option",
        "Return Diagnostic Register", "Change ASCII Input Delimiter", "Force Listen Only Mode", null, null, null, null,
        null, "Clear Counters and Diagnostic Register", "Return Bus Message Count",
        "Return Bus Communication Error Count", "Return Bus Exception Error Count", "Return Slave Message Count",
        "Return Slave No Response Count", "Return Slave NAK Count", "Return Slave Busy Count",
        "Return Bus Character Overrun Count", null, "Clear Overrun Counter and Flag"};

    static {
        // function_code_vals (Modbus Application Protocol v1.1b names)
        FUNCTIONS[1] = "Read Coils";
        FUNCTIONS[2] = "Read Discrete Inputs";
        FUNCTIONS[3] = "Read Holding Registers";
        FUNCTIONS[4] = "Read Input Registers";
        FUNCTIONS[5] = "Write Single Coil";
        FUNCTIONS[6] = "Write Single Register";
        FUNCTIONS[7] = "Read Exception Status";
        FUNCTIONS[8] = "Diagnostics";
        FUNCTIONS[11] = "Get Comm. Event Counters";
        FUNCTIONS[12] = "Get Comm. Event Log";
        FUNCTIONS[15] = "Write Multiple Coils";
        FUNCTIONS[16] = "Write Multiple Registers";
        FUNCTIONS[17] = "Report Slave ID";
        FUNCTIONS[20] = "Read File Record";
        FUNCTIONS[21] = "Write File Record";
        FUNCTIONS[22] = "Mask Write Register";
        FUNCTIONS[23] = "Read Write Register";
        FUNCTIONS[24] = "Read FIFO Queue";
        FUNCTIONS[43] = "Encapsulated Interface Transport";
        FUNCTIONS[90] = "Unity (Schneider)";
    }

    /** After {@link #dissect}: bytes still needed (0: none; Http.ONE_MORE_SEGMENT) and where that PDU starts. */
    int desegLen;
    int desegOffset;

    /**
     * Dissects the segment data {@code b[off, off+len)} (all of it captured when {@code
     * canDesegment}); false when the port's dissector does not take it.
     */
    boolean dissect(byte[] b, int off, int len, boolean canDesegment, int srcPort, int dstPort, Columns col) {
        desegLen = 0;
        desegOffset = 0;
        if (len < 8 || Bytes16.be(b, off + 2) != 0 || Bytes16.be(b, off + 4) < 2) {
            return false;
        }
        int at = 0;
        while (at < len) {
            int rest = len - at;
            if (canDesegment && rest < HEADER) {
                desegOffset = at;
                desegLen = Http.ONE_MORE_SEGMENT;
                return true;
            }
            if (rest < HEADER) {
                // the length field cannot be read: the PDU ends the segment's dissection
                col.setProtocol("Modbus/TCP");
                col.appendSep("", Columns.LIMITED);
                return true;
            }
            int plen = HEADER + Bytes16.be(b, off + at + 4);
            if (canDesegment && rest < plen) {
                desegOffset = at;
                desegLen = plen - rest;
                return true;
            }
            // no fence between PDUs: each one's col_clear wipes the Info of the one before, so a
            // segment of several PDUs shows the last one (and its malformed mark, if any)
            pdu(b, off + at, Math.min(rest, plen), plen, srcPort, dstPort, col);
            at += plen;
        }
        return true;
    }

    /** dissect_mbtcp_pdu on {@code b[p, p+captured)} of a PDU of {@code plen} bytes. */
    private static void pdu(byte[] b, int p, int captured, int plen, int srcPort, int dstPort, Columns col) {
        col.setProtocol("Modbus/TCP");
        TextBuffer info = col.replace();
        // transaction, protocol, length, unit and function are read first; then the byte(s) at 8
        if (!readable(8, captured, plen, info)) {
            return;
        }
        int trans = Bytes16.be(b, p);
        int unit = b[p + 6] & 0xff;
        int fc = b[p + 7] & 0xff;
        int function = fc & 0x7f;
        boolean exception = false;
        if ((fc & 0x80) != 0) {
            if (!readable(9, captured, plen, info)) {
                return;
            }
            exception = b[p + 8] != 0;
        }
        String name;
        boolean sub = false;
        if (function == 43 && !exception) {
            if (!readable(9, captured, plen, info)) {
                return;
            }
            int mei = b[p + 8] & 0xff;
            name = mei == 13 ? "CANopen Request/Response " : mei == 14 ? "Read Device Identification"
                    : "Encapsulated Interface Transport";
            sub = true;
        } else if (function == 8 && !exception) {
            if (!readable(10, captured, plen, info)) {
                return;
            }
            int code = Bytes16.be(b, p + 8);
            name = code < DIAGNOSTICS.length && DIAGNOSTICS[code] != null ? DIAGNOSTICS[code] : "Diagnostics";
            sub = true;
        } else {
            name = function < FUNCTIONS.length ? FUNCTIONS[function] : null;
            if (name == null) {
                name = "Unknown function (" + function + ")";
            }
        }
        String type;
        String err = "";
        if (srcPort == PORT && dstPort != PORT) {
            type = "Response";
        } else if (srcPort != PORT && dstPort == PORT) {
            type = "Query";
        } else {
            type = "unknown";
            err = "Unable to classify as query or response.";
        }
        if (exception) {
            err = "Exception returned ";
        }
        writeInfo(info, type, trans, unit, function, sub, name, err);
        // dissect_modbus then reads the PDU's data; of its per-function reads only these are
        // checked here: Mask Write Register (reference, AND and OR masks: 6 bytes, query and
        // response) and a Read Write Register query (read and write references and counts, byte count: 9)
        if (!exception && (function == 22 || function == 23 && "Query".equals(type))) {
            readable(function == 22 ? 14 : 17, captured, plen, info);
        }
    }

    private static void writeInfo(TextBuffer info, String type, int trans, int unit, int function, boolean sub,
            String name, String err) {
        pad(info, type, 8);
        info.append(": Trans: ");
        pad(info, trans, 5);
        info.append("; Unit: ");
        pad(info, unit, 3);
        info.append(", Func: ");
        pad(info, function, 3);
        if (sub) {
            info.append("/  1");
        }
        info.append(": ").append(name);
        if (!err.isEmpty()) {
            info.append(". ").append(err);
        }
    }

    /** Whether {@code need} bytes of the PDU can be read; if not, writes tshark's mark for the failed read. */
    private static boolean readable(int need, int captured, int plen, TextBuffer info) {
        if (need <= captured) {
            return true;
        }
        info.append(Columns.truncationMark(need, plen));
        return false;
    }

    private static void pad(TextBuffer t, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            t.append(' ');
        }
        t.append(s);
    }

    private static void pad(TextBuffer t, int v, int width) {
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : 5;
        for (int i = digits; i < width; i++) {
            t.append(' ');
        }
        t.append(v);
    }

}
