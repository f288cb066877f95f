package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * SMTP (TCP ports 25 and 587, tshark 4.0's defaults) as tshark writes its columns; facts from
 * Wireshark's epan/dissectors/packet-smtp.c and from tshark 4.0.17 runs on crafted captures.
 *
 * <p>Lines end at CR, LF or CRLF. When the segment's first line has no end (or ends in a CR that is
 * the last byte), the line is reassembled: one more segment is asked for. Later lines without an
 * end run to the end of the data. A segment sent to the port the dissector was found by is a
 * request ("C: "), else a response ("S: ").
 *
 * <p>Responses: every line gets "S: " (first) or " | ", then, when it starts with three digits,
 * the line; a line after the first "NNN-" line of a multi-line reply (until its last line) shows
 * only what follows its fourth character. Lines without a code add only the separator.
 *
 * <p>Requests walk a per-conversation state machine: DATA starts the message (its lines are
 * "C: DATA fragment, N bytes" for the whole segment), a line "." ends it when the data before
 * ended in CRLF (or "\r\n.\r\n" starts a line), and that segment is "C: .". BDAT counts its chunk.
 * Lines that are not commands (four letters, or STARTTLS, X-EXPS, X-LINK2STATE, XEXCH50) are
 * message data before the first command changes the state, after any DATA or BDAT, else
 * commands. AUTH LOGIN / PLAIN / NTLM follow the 334 challenges: the user name line is "User: ",
 * the password line "Pass: " and the rest as sent (tshark's base64 decoding is off by default).
 * A 220 reply to STARTTLS hands the later segments to TLS when they look like TLS records.
 *
 * <p>Not modelled: the IMF dissection of the reassembled message on the "." segment (tshark
 * shows "SMTP/IMF" and the message's header fields there).
 */
final class Smtp {
    static final int PORT = 25;
    static final int SUBMISSION = 587;

    // smtp_state
    private static final byte START = 0;
    private static final byte CMDS = 1;
    private static final byte DATA = 2;
    private static final byte AWAIT_STARTTLS = 3;
    // auth_state
    private static final byte A_NONE = 0;
    private static final byte A_START = 1;
    private static final byte A_USER_REQ = 2;
    private static final byte A_USER_RSP = 3;
    private static final byte A_PASS_REQ = 4;
    private static final byte A_PASS_RSP = 5;
    private static final byte A_PLAIN_START_REQ = 6;
    private static final byte A_PLAIN_CRED_REQ = 7;
    private static final byte A_PLAIN_REQ = 8;
    private static final byte A_PLAIN_RSP = 9;
    private static final byte A_NTLM_REQ = 10;
    private static final byte A_NTLM_CHALLENGE = 11;
    private static final byte A_NTLM_RSP = 12;
    private static final byte A_SUCCESS = 13;
    private static final byte A_FAILED = 14;
    // pdu types
    private static final int PDU_CMD = 0;
    private static final int PDU_MESSAGE = 1;
    private static final int PDU_EOM = 2;

    private final byte[] state;
    private final byte[] auth;
    private final boolean[] crlfSeen;
    private final boolean[] dataSeen;
    /** BDAT: bytes of the chunks announced and read (32-bit, as tshark keeps them). */
    private final int[] msgRead;
    private final int[] msgTotal;
    /** The frame of the 220 that accepted STARTTLS (0: none): later frames may be TLS. */
    private final long[] tlsAfter;

    /** After {@link #dissect}: bytes still needed (0: none; Http.ONE_MORE_SEGMENT) and where. */
    int desegLen;
    int desegOffset;

    // per packet: which line kinds this frame set (tshark compares the frame numbers it saved)
    private boolean userFrame;
    private boolean passFrame;
    private boolean userCmdFrame;
    private int nextOffset;

    Smtp(int conversations) {
        state = new byte[conversations];
        auth = new byte[conversations];
        crlfSeen = new boolean[conversations];
        dataSeen = new boolean[conversations];
        msgRead = new int[conversations];
        msgTotal = new int[conversations];
        tlsAfter = new long[conversations];
    }

    static boolean isPort(int p) {
        return p == PORT || p == SUBMISSION;
    }

    void newConversation(int conv) {
        state[conv] = START;
        auth[conv] = A_NONE;
        crlfSeen[conv] = false;
        dataSeen[conv] = false;
        msgRead[conv] = 0;
        msgTotal[conv] = 0;
        tlsAfter[conv] = 0;
    }

    /** Whether a STARTTLS was accepted in a frame before {@code frame}: TLS gets the data first. */
    boolean tlsFor(int conv, long frame) {
        return tlsAfter[conv] != 0 && frame > tlsAfter[conv];
    }

    /**
     * tvb_find_line_end: the length of the line starting at {@code from} (its end in {@link
     * #nextOffset}), or -1 when {@code desegment} and the line's end is not in the data.
     */
    private int lineEnd(byte[] b, int from, int end, boolean desegment) {
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                nextOffset = i + 1;
                return i - from;
            }
            if (c == '\r') {
                if (i + 1 >= end) {
                    if (desegment) {
                        return -1; // whether an LF follows is not known yet
                    }
                    nextOffset = i + 1;
                } else {
                    nextOffset = b[i + 1] == '\n' ? i + 2 : i + 1;
                }
                return i - from;
            }
        }
        if (desegment) {
            return -1;
        }
        nextOffset = end;
        return end - from;
    }

    private static boolean startsWith(byte[] b, int p, int end, String s) {
        if (end - p < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[p + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int p, int end, String s) {
        if (p < 0 || end - p < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int c = b[p + i];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean alpha(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** line_is_smtp_command: four letters, or one of the longer commands tshark knows. */
    private static boolean isCommand(byte[] b, int p, int cmdLen, int end) {
        if (cmdLen == 4 && alpha(b[p]) && alpha(b[p + 1]) && alpha(b[p + 2]) && alpha(b[p + 3])) {
            return true;
        }
        return (cmdLen == 8 && startsWithIgnoreCase(b, p, end, "STARTTLS"))
                || (cmdLen == 6 && startsWithIgnoreCase(b, p, end, "X-EXPS"))
                || (cmdLen == 12 && startsWithIgnoreCase(b, p, end, "X-LINK2STATE"))
                || (cmdLen == 7 && startsWithIgnoreCase(b, p, end, "XEXCH50"));
    }

    /** strtoul(line + 5, NULL, 10) as the 32-bit value tshark keeps. */
    private static long strtoul(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || (b[p] >= 9 && b[p] <= 13))) {
            p++;
        }
        boolean negative = false;
        if (p < end && (b[p] == '+' || b[p] == '-')) {
            negative = b[p] == '-';
            p++;
        }
        long v = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            v = Math.min(0xffffffffL, v * 10 + (b[p] - '0'));
            p++;
        }
        return (negative ? -v : v) & 0xffffffffL;
    }

    /**
     * Dissects the data {@code b[off, off+len)} of conversation {@code conv}; {@code request} when
     * it goes to the port the dissector was found by.
     */
    void dissect(byte[] b, int off, int len, boolean canDesegment, boolean request, int conv, long frame,
            Columns col) {
        desegLen = 0;
        desegOffset = 0;
        userFrame = false;
        passFrame = false;
        userCmdFrame = false;
        int end = off + len;
        int pdu = PDU_CMD;
        boolean eom = false;
        int loffset = off;
        int linelen = 0;
        while (loffset < end) {
            linelen = lineEnd(b, loffset, end, canDesegment);
            if (linelen == -1) {
                if (loffset == off) {
                    desegOffset = 0;
                    desegLen = Http.ONE_MORE_SEGMENT;
                    return;
                }
                linelen = end - loffset;
                nextOffset = end;
            }
            if (state[conv] == DATA) {
                if ((crlfSeen[conv] && startsWith(b, loffset, end, ".\r\n")) || startsWith(b, loffset, end, "\r\n.\r\n")) {
                    eom = true;
                }
                crlfSeen[conv] = canDesegment && len >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n';
            }
            if (request) {
                if (state[conv] == DATA) {
                    if (eom) {
                        pdu = PDU_EOM;
                        state[conv] = CMDS;
                        break;
                    }
                    pdu = PDU_MESSAGE;
                    if (msgTotal[conv] != 0) {
                        // a BDAT chunk: the rest of the data counts toward it
                        msgRead[conv] += end - loffset;
                        nextOffset = end;
                        if (msgRead[conv] == msgTotal[conv]) {
                            state[conv] = CMDS;
                            break;
                        }
                    }
                } else {
                    pdu = commandLine(b, loffset, linelen, end, conv, pdu);
                }
            }
            loffset = nextOffset;
        }

        col.setProtocol("SMTP");
        col.clear();
        TextBuffer info = col.info;
        if (!request) {
            response(b, off, end, conv, frame, info);
            return;
        }
        switch (pdu) {
            case PDU_MESSAGE -> {
                col.set("C: DATA fragment");
                info.append(", ").append(len).append(len == 1 ? " byte" : " bytes");
            }
            case PDU_EOM -> col.set("C: .");
            default -> commands(b, off, end, info);
        }
    }

    /** The state machine for one request line outside the message; returns the frame's PDU type. */
    private int commandLine(byte[] b, int p, int linelen, int end, int conv, int pdu) {
        int lineEnd = p + linelen;
        int q = p;
        while (q < lineEnd && b[q] != ' ') {
            q++;
        }
        if (isCommand(b, p, q - p, end)) {
            if (startsWithIgnoreCase(b, p, end, "DATA")) {
                state[conv] = DATA;
                dataSeen[conv] = true;
            } else if (startsWithIgnoreCase(b, p, end, "BDAT")) {
                long n = strtoul(b, p + 5, end);
                dataSeen[conv] = true;
                msgTotal[conv] += (int) n;
                state[conv] = n == 0 ? CMDS : DATA;
            } else if (startsWithIgnoreCase(b, p, end, "AUTH LOGIN")) {
                state[conv] = CMDS;
                if (linelen <= 11) {
                    auth[conv] = A_START;
                } else {
                    auth[conv] = A_USER_RSP;
                    userCmdFrame = true;
                }
            } else if (startsWithIgnoreCase(b, p, end, "AUTH PLAIN")) {
                state[conv] = CMDS;
                auth[conv] = linelen <= 11 ? A_PLAIN_START_REQ : A_PLAIN_CRED_REQ;
            } else if (startsWithIgnoreCase(b, p, end, "AUTH NTLM") && linelen > 10) {
                state[conv] = CMDS;
                auth[conv] = A_NTLM_REQ;
            } else if (startsWithIgnoreCase(b, p, end, "STARTTLS")) {
                state[conv] = AWAIT_STARTTLS;
            }
            return PDU_CMD;
        }
        switch (auth[conv]) {
            case A_USER_REQ -> {
                auth[conv] = A_USER_RSP;
                userFrame = true;
            }
            case A_PASS_REQ -> {
                auth[conv] = A_PASS_RSP;
                passFrame = true;
            }
            case A_PLAIN_REQ -> auth[conv] = A_PLAIN_RSP;
            case A_NTLM_CHALLENGE -> auth[conv] = A_NTLM_RSP;
            default -> {
                return dataSeen[conv] || state[conv] == START ? PDU_MESSAGE : PDU_CMD;
            }
        }
        return pdu; // the auth lines leave the frame's type as it was
    }

    /** Info of a command segment: every line, "C: " before the first and " | " between them. */
    private void commands(byte[] b, int off, int end, TextBuffer info) {
        int p = off;
        while (p < end) {
            int linelen = lineEnd(b, p, end, false);
            info.append(p == off ? "C: " : " | ");
            if (userFrame) {
                info.append("User: ");
                text(info, b, p, linelen);
            } else if (passFrame) {
                info.append("Pass: ");
                text(info, b, p, linelen);
            } else if (userCmdFrame && linelen >= 11) {
                // "AUTH LOGIN " and the user name
                text(info, b, p, 11);
                info.append("User: ");
                text(info, b, p + 11, linelen - 11);
            } else {
                text(info, b, p, linelen);
            }
            p = nextOffset;
        }
    }

    /** Info of a response segment, and the states its codes change. */
    private void response(byte[] b, int off, int end, int conv, long frame, TextBuffer info) {
        int p = off;
        int multiline = 0; // 0 none, 1 start, 2 continue, 3 end
        while (p < end) {
            int linelen = lineEnd(b, p, end, false);
            info.append(p == off ? "S: " : " | ");
            if (linelen >= 3 && digit(b[p]) && digit(b[p + 1]) && digit(b[p + 2])) {
                int code = (b[p] - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
                if (linelen > 3 && b[p + 3] == '-') {
                    multiline = multiline == 0 ? 1 : 2;
                } else if (multiline == 1 || multiline == 2) {
                    multiline = 3;
                }
                if (state[conv] == AWAIT_STARTTLS) {
                    if (code == 220) {
                        tlsAfter[conv] = frame;
                    }
                    state[conv] = CMDS;
                }
                if (code == 334) {
                    switch (auth[conv]) {
                        case A_START -> auth[conv] = A_USER_REQ;
                        case A_USER_RSP -> auth[conv] = A_PASS_REQ;
                        case A_PLAIN_REQ -> auth[conv] = A_PLAIN_RSP;
                        case A_PLAIN_START_REQ -> auth[conv] = A_PLAIN_REQ;
                        case A_NTLM_REQ -> auth[conv] = A_NTLM_CHALLENGE;
                        default -> {
                        }
                    }
                } else if (auth[conv] == A_PASS_RSP || auth[conv] == A_PLAIN_RSP || auth[conv] == A_NTLM_RSP
                        || auth[conv] == A_PLAIN_CRED_REQ) {
                    auth[conv] = code == 235 ? A_SUCCESS : A_FAILED;
                }
                if (linelen >= 4 && (multiline == 2 || multiline == 3)) {
                    text(info, b, p + 4, linelen - 4);
                } else {
                    text(info, b, p, linelen);
                }
                if (multiline == 3) {
                    multiline = 0;
                }
            }
            p = nextOffset;
        }
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static void text(TextBuffer info, byte[] b, int p, int n) {
        for (int i = 0; i < n; i++) {
            Http.appendText(info, b[p + i]);
        }
    }
}
