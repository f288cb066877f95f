package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * HTTP/1.x over TCP as tshark 4.0 summarises it (epan/dissectors/packet-http.c,
 * epan/req_resp_hdrs.c; facts only): a request or status line becomes the Info text followed by
 * one space; the headers, and a body whose length Content-Length or chunked encoding gives, are
 * reassembled before the message is shown; what the body adds to the Info text is
 * {@link HttpBody}'s; data that is not a message in a conversation that has carried a request is
 * "Continuation". Per-conversation state lives in arrays indexed by the TCP conversation slot.
 */
public final class Http {
    /** tshark's default HTTP ports (TCP_DEFAULT_RANGE in packet-http.c). */
    static boolean isPort(int p) {
        return switch (p) {
            case 80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710 -> true;
            default -> false;
        };
    }

    static final int ONE_MORE_SEGMENT = 0x0fffffff;
    static final int UNTIL_FIN = 0x0ffffffe;

    private final boolean[] seenRequest;
    private final byte[] lastMethod;
    private static final byte HEAD = 1;
    private static final byte CONNECT = 2;
    private static final byte OTHER = 3;

    /** Set by {@link #dissect}: where and how much more data the message needs (0: none). */
    int desegOffset;
    int desegLen;

    // fields of the first message of the packet (http.request.method, ...)
    final TextBuffer method = new TextBuffer(16);
    final TextBuffer uri = new TextBuffer(128);
    final TextBuffer host = new TextBuffer(64);
    int responseCode = -1;
    boolean any;

    Http(int conversations) {
        seenRequest = new boolean[conversations];
        lastMethod = new byte[conversations];
    }

    void newConversation(int conv) {
        seenRequest[conv] = false;
        lastMethod[conv] = 0;
    }

    void newPacket() {
        method.setLength(0);
        uri.setLength(0);
        host.setLength(0);
        responseCode = -1;
        any = false;
    }

    /**
     * The http.* fields of one message that is not carried by TCP: SSDP over UDP, which tshark
     * dissects with its HTTP dissector (packet-ssdp.c calls packet-http.c): method, URI and Host of
     * a request, the status code of a response. {@code b[p, end)} is the datagram's payload.
     */
    void messageFields(byte[] b, int p, int end) {
        newPacket();
        int lineEnd = lineEnd(b, p, end);
        if (lineEnd < 0) {
            return;
        }
        int type = kind(b, p, lineEnd);
        if (type == 1) {
            int sp = indexOf(b, p, lineEnd, ' ');
            if (sp - p > 2 && b[p] == 'M' && b[p + 1] == '-') {
                method.append("M-").append(latin(b, p + 2, sp)); // M-SEARCH, M-POST (HTTPU)
            } else {
                method.append(latin(b, p, sp));
            }
            int sp2 = indexOf(b, sp + 1, lineEnd, ' ');
            appendLatin(uri, b, sp + 1, sp2);
            headerValue(b, lineEnd, end, "Host:", host);
        } else if (type == 2) {
            responseCode = statusCode(b, p, lineEnd);
        }
    }

    /** dissect_http_heur_tcp: a first line that starts or ends with "HTTP/1.". */
    static boolean heuristic(byte[] b, int off, int len) {
        int end = lineEnd(b, off, off + len);
        if (end < 0) {
            return false;
        }
        int linelen = end - off;
        if (linelen == 8) {
            return false;
        }
        return (linelen >= 8 && startsWith(b, off + linelen - 8, off + len, "HTTP/1.", true))
                || startsWith(b, off, off + len, "HTTP/1.", true);
    }

    /** Messages in {@code b[off, off+len)}: dissect_http_on_stream. */
    void dissect(byte[] b, int off, int len, boolean canDesegment, boolean fin, int conv, Columns col) {
        desegOffset = 0;
        desegLen = 0;
        tunnel = false;
        int p = off;
        int end = off + len;
        while (p < end) {
            int n = message(b, p, end, off, canDesegment, fin, conv, col);
            if (n < 0) {
                break;
            }
            p += n;
            col.fence();
        }
    }

    private int message(byte[] b, int start, int end, int base, boolean canDesegment, boolean fin, int conv, Columns col) {
        int p = start;
        if (end - p > 3 && b[p] == '\r' && b[p + 1] == '\n') {
            p += 2;
        }
        boolean seen = seenRequest[conv];
        if (!printable(b[p])) {
            if (seen) {
                col.setProtocol("HTTP");
                col.set("Continuation");
            }
            return -1;
        }
        int lineEnd = lineEnd(b, p, end);
        if (lineEnd < 0) {
            if (canDesegment) {
                desegOffset = p - base;
                desegLen = ONE_MORE_SEGMENT;
                return -1;
            }
            lineEnd = end;
        }
        int type = kind(b, p, lineEnd);
        boolean response = type == 2;
        if (type != 0) {
            TextBuffer info = col.replace();
            for (int i = p; i < lineEnd; i++) {
                appendText(info, b[i]);
            }
            info.append(' ');
            boolean body = true;
            if (response) {
                int code = statusCode(b, p, lineEnd);
                byte m = lastMethod[conv];
                if (m == HEAD || (code / 100 == 2 && m == CONNECT) || code / 100 == 1 || code == 204 || code == 304) {
                    body = false;
                }
            }
            // RPC over HTTP: the body of RPC_IN_DATA and RPC_OUT_DATA is a stream of RPC PDUs behind
            // a huge Content-Length, which packet-http.c does not wait for
            boolean wholeBody = type != 1 || !startsWith(b, p, lineEnd, "RPC_IN_DATA ", false)
                    && !startsWith(b, p, lineEnd, "RPC_OUT_DATA ", false);
            long r = headers(b, p, end, canDesegment && !fin, wholeBody, body, response);
            if (r < 0) {
                desegOffset = p - base;
                desegLen = (int) -r;
                return -1;
            }
            col.setProtocol("HTTP");
            int headerEnd = (int) (r >>> 32);
            int bodyLen = (int) r;
            if (type == 1) {
                lastMethod[conv] = methodOf(b, p, lineEnd);
                seenRequest[conv] = true;
                if (!any) {
                    int sp = indexOf(b, p, lineEnd, ' ');
                    method.append(latin(b, p, sp));
                    int sp2 = indexOf(b, sp + 1, lineEnd, ' ');
                    appendLatin(uri, b, sp + 1, sp2);
                    headerValue(b, lineEnd, headerEnd, "Host:", host);
                }
            } else {
                if (!any) {
                    responseCode = statusCode(b, p, lineEnd);
                }
                // a 2xx answer to CONNECT opens a tunnel: what follows on the connection is TLS
                // to tshark (packet-http.c hands the tunnelled data to the TLS dissector)
                tunnel |= lastMethod[conv] == CONNECT && statusCode(b, p, lineEnd) / 100 == 2;
            }
            any = true;
            if (!ntlmssp.headers(b, lineEnd, headerEnd, info)) {
                return headerEnd + bodyLen - start; // a malformed token ends tshark's dissection
            }
            if (bodyLen > 0) {
                contentType(b, lineEnd, headerEnd, scratch);
                bodyInfo.describe(col.info, b, lineEnd, headerEnd, Math.min(end, headerEnd + bodyLen), chunkedBody, scratch);
            }
            return headerEnd + bodyLen - start;
        }
        if (seen) {
            col.set("Continuation");
            col.setProtocol("HTTP");
            return end - start;
        }
        return -1;
    }

    private final TextBuffer scratch = new TextBuffer(64);
    private final HttpBody bodyInfo = new HttpBody();
    private final Ntlmssp ntlmssp = new Ntlmssp();
    /** Set by headers(): the body just read is in chunked transfer coding. */
    private boolean chunkedBody;
    /** After {@link #dissect}: whether a response opened a CONNECT tunnel. */
    boolean tunnel;

    private static String latin(byte[] b, int from, int to) {
        // methods are a fixed set; compare against it to avoid building a string
        for (String m : METHODS) {
            if (m.length() == to - from && startsWith(b, from, to, m, false)) {
                return m;
            }
        }
        return "";
    }

    private static void appendLatin(TextBuffer sb, byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            sb.append((char) (b[i] & 0xff));
        }
    }

    private static byte methodOf(byte[] b, int p, int lineEnd) {
        if (startsWith(b, p, lineEnd, "HEAD ", false)) {
            return HEAD;
        }
        if (startsWith(b, p, lineEnd, "CONNECT ", false)) {
            return CONNECT;
        }
        return OTHER;
    }

    static final String[] METHODS = {"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
        "MKCOL", "TRACE", "PATCH", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY",
        "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH",
        "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "RPC_CONNECT", "RPC_IN_DATA",
        "UNSUBSCRIBE", "RPC_OUT_DATA", "VERSION-CONTROL", "BASELINE-CONTROL", "SSTP_DUPLEX_POST"};

    /** 0: neither, 1: request (a method tshark knows), 2: response ("HTTP/" or "ICY"). */
    private static int kind(byte[] b, int p, int end) {
        if (end - p >= 2 && b[p] == 'M' && b[p + 1] == '-') {
            p += 2;
        }
        if (startsWith(b, p, end, "HTTP/", false) || startsWith(b, p, end, "ICY", false)) {
            return 2;
        }
        int sp = indexOf(b, p, end, ' ');
        for (String m : METHODS) {
            if (m.length() == sp - p && startsWith(b, p, end, m, false)) {
                return 1;
            }
        }
        return 0;
    }

    /** The three digits after the first space of a status line (parse_http_status_code), or 0. */
    private static int statusCode(byte[] b, int p, int end) {
        int sp = indexOf(b, p, end, ' ');
        if (sp + 4 > end) {
            return 0;
        }
        int v = 0;
        for (int i = sp + 1; i < sp + 4; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return 0;
            }
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /**
     * req_resp_hdrs_do_reassembly: {@code (headerEnd << 32) | bodyLength} when the message is all
     * there, or minus the number of bytes still needed (or {@link #ONE_MORE_SEGMENT}, {@link #UNTIL_FIN}).
     */
    private long headers(byte[] b, int p, int end, boolean canDesegment, boolean wholeBody, boolean body,
            boolean response) {
        chunkedBody = false;
        int q = p;
        long contentLength = -1;
        boolean chunked = false;
        boolean complete = false;
        while (q < end) {
            int le = lineEnd(b, q, end);
            if (le < 0) {
                break;
            }
            int next = nextLine(b, le, end);
            if (le == q) {
                q = next;
                complete = true;
                break;
            }
            if (body && q > p) {
                if (startsWith(b, q, le, "Content-Length:", true)) {
                    contentLength = parseInt(b, q + 15, le);
                } else if (startsWith(b, q, le, "Transfer-Encoding:", true)) {
                    int v = q + 18;
                    while (v < le && (b[v] == ' ' || b[v] == '\t')) {
                        v++;
                    }
                    chunked = startsWith(b, v, le, "chunked", true);
                }
            }
            q = next;
        }
        if (!complete) {
            if (canDesegment) {
                return -ONE_MORE_SEGMENT;
            }
            return (long) end << 32;
        }
        int headerEnd = q;
        canDesegment &= wholeBody;
        if (!body || !canDesegment && !chunked && contentLength < 0) {
            return (long) headerEnd << 32 | (response && body && contentLength < 0 ? end - headerEnd : 0);
        }
        if (chunked) {
            chunkedBody = true;
            int c = headerEnd;
            while (true) {
                int le = c < end ? lineEnd(b, c, end) : -1;
                if (le < 0) {
                    return canDesegment ? -ONE_MORE_SEGMENT : (long) headerEnd << 32 | (end - headerEnd);
                }
                long size = parseHex(b, c, le);
                if (size < 0 || size > 1L << 31) {
                    return (long) headerEnd << 32 | (end - headerEnd);
                }
                int next = nextLine(b, le, end);
                if (size == 0) {
                    int le2 = next < end ? lineEnd(b, next, end) : -1;
                    if (le2 < 0) {
                        return canDesegment ? -ONE_MORE_SEGMENT : (long) headerEnd << 32 | (end - headerEnd);
                    }
                    int done = nextLine(b, le2, end);
                    return (long) headerEnd << 32 | (done - headerEnd);
                }
                if (end - next > size) {
                    c = (int) (next + size + 2);
                    if (c > end) {
                        return canDesegment ? -ONE_MORE_SEGMENT : (long) headerEnd << 32 | (end - headerEnd);
                    }
                } else {
                    return canDesegment ? -ONE_MORE_SEGMENT : (long) headerEnd << 32 | (end - headerEnd);
                }
            }
        }
        if (contentLength >= 0) {
            if (end - headerEnd < contentLength) {
                if (!canDesegment) {
                    return (long) headerEnd << 32 | (end - headerEnd);
                }
                return -(contentLength - (end - headerEnd));
            }
            return (long) headerEnd << 32 | contentLength;
        }
        if (response && canDesegment) {
            return -UNTIL_FIN;
        }
        return (long) headerEnd << 32;
    }

    /** The Content-Type value (lower case, without parameters) when the text-lines or media dissector names it. */
    private static boolean contentType(byte[] b, int from, int to, TextBuffer out) {
        out.setLength(0);
        int q = nextLine(b, from, to);
        while (q < to) {
            int le = lineEnd(b, q, to);
            if (le < 0 || le == q) {
                break;
            }
            if (startsWith(b, q, le, "Content-Type:", true)) {
                int v = q + 13;
                while (v < le && (b[v] == ' ' || b[v] == '\t')) {
                    v++;
                }
                int e = v;
                while (e < le && b[e] != ';' && b[e] != ' ' && b[e] != '\t') {
                    e++;
                }
                for (int i = v; i < e; i++) {
                    out.append(Character.toLowerCase((char) (b[i] & 0xff)));
                }
                return out.length() > 0;
            }
            q = nextLine(b, le, to);
        }
        return false;
    }

    private static void headerValue(byte[] b, int from, int to, String name, TextBuffer out) {
        int q = nextLine(b, from, to);
        while (q < to) {
            int le = lineEnd(b, q, to);
            if (le < 0 || le == q) {
                return;
            }
            if (startsWith(b, q, le, name, true)) {
                int v = q + name.length();
                while (v < le && (b[v] == ' ' || b[v] == '\t')) {
                    v++;
                }
                int e = le;
                while (e > v && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                    e--;
                }
                appendLatin(out, b, v, e);
                return;
            }
            q = nextLine(b, le, to);
        }
    }

    /**
     * tvb_find_line_end with desegmentation: the end of the line that starts at {@code p} (CR, LF
     * or CRLF), or -1 when no terminator is there yet (or a CR is the last byte).
     */
    static int lineEnd(byte[] b, int p, int end) {
        for (int i = p; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
            if (b[i] == '\r') {
                return i + 1 < end ? i : -1;
            }
        }
        return -1;
    }

    static int nextLine(byte[] b, int le, int end) {
        if (le < end && b[le] == '\r') {
            return le + 1 < end && b[le + 1] == '\n' ? le + 2 : le + 1;
        }
        return Math.min(end, le + 1);
    }

    private static long parseInt(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        while (end > p && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        if (p == end) {
            return -1;
        }
        long v = 0;
        for (int i = p; i < end; i++) {
            if (b[i] < '0' || b[i] > '9' || v > Integer.MAX_VALUE) {
                return -1;
            }
            v = v * 10 + (b[i] - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : v;
    }

    static long parseHex(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        long v = 0;
        int digits = 0;
        for (int i = p; i < end && digits < 9; i++, digits++) {
            int d = Character.digit((char) (b[i] & 0xff), 16);
            if (d < 0) {
                break;
            }
            v = v * 16 + d;
        }
        return digits == 0 ? -1 : v;
    }

    private static int indexOf(byte[] b, int p, int end, char c) {
        for (int i = p; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return end;
    }

    static boolean startsWith(byte[] b, int p, int end, String s, boolean ignoreCase) {
        if (end - p < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char x = (char) (b[p + i] & 0xff);
            char y = s.charAt(i);
            if (x != y && !(ignoreCase && Character.toLowerCase(x) == Character.toLowerCase(y))) {
                return false;
            }
        }
        return true;
    }

    static boolean printable(byte c) {
        return c >= 0x20 && c < 0x7f;
    }

    /** format_text: printable ASCII as is, other bytes escaped as Wireshark does. */
    static void appendText(TextBuffer sb, byte c) {
        int v = c & 0xff;
        if (v >= 0x20 && v < 0x7f) {
            sb.append((char) v);
            return;
        }
        sb.append('\\');
        switch (v) {
            case 7 -> sb.append('a');
            case 8 -> sb.append('b');
            case 9 -> sb.append('t');
            case 10 -> sb.append('n');
            case 11 -> sb.append('v');
            case 12 -> sb.append('f');
            case 13 -> sb.append('r');
            default -> sb.append('x').append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
    }
}
