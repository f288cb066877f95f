package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * A DNS message (RFC 1035 section 4) as carried over UDP by DNS, multicast DNS (RFC 6762) and
 * LLMNR (RFC 4795): the header, bounds-checked reads relative to the message start and name
 * expansion with compression pointers. Reset in place; nothing is allocated per packet.
 *
 * <p>Reads past the bytes at hand never throw: they return 0 and record why they failed, the way
 * Wireshark's tvbuff raises its two bounds errors: past the length the message claims (the UDP
 * length) is {@link #MALFORMED}, past what was captured but within that length is
 * {@link #TRUNCATED} ("Packet size limited during capture").
 *
 * <p>Names are written as Wireshark 4.0's {@code expand_dns_name}/{@code format_text} show them
 * (epan/dissectors/packet-dns.c, epan/strutil.c): labels joined by '.', "&lt;Root&gt;" for the
 * empty name, "&lt;Name too long&gt;" beyond 253 characters, "&lt;Name contains a pointer that
 * loops&gt;" after more than 255 pointers or a pointer to two bytes past itself; control
 * characters as C escapes (\a \b \t \n \v \f \r) or three octal digits, valid UTF-8 kept,
 * invalid bytes as U+FFFD.
 */
public final class Dns {
    public static final int HEADER = 12;
    /** No read went past the data. */
    public static final int OK = 0;
    /** A read went past the length the message claims. */
    public static final int MALFORMED = 1;
    /** A read went past the captured bytes but not past the claimed length. */
    public static final int TRUNCATED = 2;

    private static final int MAX_NAME = 255;

    private byte[] b;
    private int base;
    private int captured;
    private int reported;
    private int error;

    private int id;
    private int flags;
    private int questions;
    private int answers;
    private int authorities;
    private int additionals;
    private boolean header;
    private int queryNameOffset;
    private int queryType;

    /**
     * Starts a message of {@code reported} bytes at {@code off}, of which {@code captured} are in
     * {@code b}. False when the message is empty (nothing is dissected then).
     */
    public boolean reset(byte[] buf, int off, int capturedLength, int reportedLength) {
        b = buf;
        base = off;
        reported = Math.max(0, reportedLength);
        captured = Math.max(0, Math.min(capturedLength, reported));
        if (off + captured > buf.length) {
            captured = Math.max(0, buf.length - off);
        }
        error = OK;
        header = captured >= HEADER;
        queryType = -1;
        queryNameOffset = -1;
        if (header) {
            id = Bytes16.be(b, base);
            flags = Bytes16.be(b, base + 2);
            questions = Bytes16.be(b, base + 4);
            answers = Bytes16.be(b, base + 6);
            authorities = Bytes16.be(b, base + 8);
            additionals = Bytes16.be(b, base + 10);
            if (questions > 0) {
                int used = name(HEADER, null);
                if (used > 0 && ensure(HEADER + used, 4)) {
                    queryNameOffset = HEADER;
                    queryType = u16(HEADER + used);
                }
            }
            error = OK;
        } else {
            id = captured >= 2 ? Bytes16.be(b, base) : 0;
            flags = captured >= 4 ? Bytes16.be(b, base + 2) : 0;
            questions = answers = authorities = additionals = 0;
        }
        return reported > 0;
    }

    /** Whether the whole 12-byte header was captured. */
    public boolean hasHeader() {
        return header;
    }

    /** dns.id */
    public int id() {
        return id;
    }

    /** The flags word (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode). */
    public int flags() {
        return flags;
    }

    /** dns.flags.response */
    public boolean isResponse() {
        return (flags & 0x8000) != 0;
    }

    public int opcode() {
        return (flags >> 11) & 15;
    }

    public int rcode() {
        return flags & 15;
    }

    public int questions() {
        return questions;
    }

    public int answers() {
        return answers;
    }

    public int authorities() {
        return authorities;
    }

    public int additionals() {
        return additionals;
    }

    /** dns.qry.type of the first question, or -1 when there is none that decodes. */
    public int queryType() {
        return queryType;
    }

    /** Appends dns.qry.name of the first question; false (nothing appended) when there is none. */
    public boolean appendQueryName(TextBuffer sb) {
        if (queryNameOffset < 0) {
            return false;
        }
        int saved = error;
        error = OK; // a failure later in the message (the summary's) does not stop the question
        name(queryNameOffset, sb);
        error = saved;
        return true;
    }

    /**
     * Appends every question's name ({@code types} false) or type ({@code types} true) joined with
     * ',', as tshark's {@code -T fields -E occurrence=a} prints dns.qry.name and dns.qry.type: only
     * questions whose name and type both decode, stopping at the first that does not. False when
     * nothing was appended.
     */
    public boolean appendQuestions(TextBuffer sb, boolean types) {
        if (queryNameOffset < 0) {
            return false;
        }
        int saved = error;
        error = OK; // a failure later in the message (the summary's) does not stop the questions
        int p = queryNameOffset;
        int n = 0;
        for (int q = 0; q < questions; q++) {
            int used = name(p, null);
            if (used <= 0 || !ensure(p + used, 4)) {
                break;
            }
            if (n++ > 0) {
                sb.append(',');
            }
            if (types) {
                sb.append(u16(p + used));
            } else {
                name(p, sb);
            }
            p += used + 4;
        }
        error = saved;
        return n > 0;
    }

    /** Length the message claims. */
    public int length() {
        return reported;
    }

    /** {@link #OK}, or why the first failed read failed. */
    public int error() {
        return error;
    }

    public boolean failed() {
        return error != OK;
    }

    /** Whether bytes [p, p+n) of the message are at hand; records the failure when not. */
    public boolean ensure(int p, int n) {
        if (p < 0 || n < 0) {
            fail(Integer.MAX_VALUE);
            return false;
        }
        long end = (long) p + n;
        if (end > captured) {
            fail(end);
            return false;
        }
        return true;
    }

    /** Records a failure past the claimed length (a field whose length would be negative, say). */
    public void markMalformed() {
        fail(Long.MAX_VALUE);
    }

    private void fail(long end) {
        if (error == OK) {
            error = end > reported ? MALFORMED : TRUNCATED;
        }
    }

    public int u8(int p) {
        return ensure(p, 1) ? b[base + p] & 0xff : 0;
    }

    public int u16(int p) {
        return ensure(p, 2) ? Bytes16.be(b, base + p) : 0;
    }

    public long u32(int p) {
        return ensure(p, 4) ? Bytes16.be32(b, base + p) : 0;
    }

    /** Absolute offset in the buffer of message offset {@code p} (for address formatting). */
    public int absolute(int p) {
        return base + p;
    }

    public byte[] buffer() {
        return b;
    }

    /**
     * Expands the name at message offset {@code p}, appending its text to {@code out} (may be
     * null). Returns the bytes the name occupies at {@code p}, or -1 when a read failed (see
     * {@link #error()}); on failure nothing is appended.
     */
    public int name(int p, TextBuffer out) {
        int mark = out == null ? 0 : out.length();
        int offset = p;
        int used = -1;
        int pointers = 0;
        int chars = 0;
        boolean tooLong = false;
        int budget = MAX_NAME;
        boolean first = true;
        while (true) {
            int len = u8(offset);
            if (failed()) {
                return abort(out, mark);
            }
            offset++;
            if (len == 0) {
                break;
            }
            switch (len & 0xc0) {
                case 0x00 -> {
                    if (!first) {
                        if (budget > 0) {
                            if (out != null) {
                                out.append('.');
                            }
                            chars++;
                            budget--;
                        }
                    } else {
                        budget--;
                    }
                    first = false;
                    if (!ensure(offset, len)) {
                        return abort(out, mark);
                    }
                    int take = Math.max(0, Math.min(len, budget));
                    if (out != null && take > 0) {
                        appendText(out, b, base + offset, take);
                    }
                    chars += take;
                    budget -= take;
                    offset += len;
                }
                case 0xc0 -> {
                    int low = u8(offset);
                    if (failed()) {
                        return abort(out, mark);
                    }
                    int target = ((len & 0x3f) << 8) | low;
                    offset++;
                    pointers++;
                    if (used < 0) {
                        used = offset - p;
                    }
                    if (target == offset + 2 || pointers > MAX_NAME) {
                        if (out != null) {
                            out.setLength(mark);
                            out.append("<Name contains a pointer that loops>");
                        }
                        return used;
                    }
                    offset = target;
                }
                default -> {
                    // 0x80 is reserved; 0x40 extended labels (RFC 6891 deprecates them) end in
                    // a bounds error in Wireshark 4.0 as well
                    fail(Long.MAX_VALUE);
                    return abort(out, mark);
                }
            }
        }
        if (used < 0) {
            used = offset - p;
        }
        if (budget <= 0) {
            tooLong = true;
        }
        if (out != null) {
            if (tooLong) {
                out.setLength(mark);
                out.append("<Name too long>");
            } else if (chars == 0 && used <= 2) {
                out.append("<Root>");
            }
        }
        if (!tooLong && chars == 0 && used > 2) {
            fail(Long.MAX_VALUE);
            return abort(out, mark);
        }
        return used;
    }

    private static int abort(TextBuffer out, int mark) {
        if (out != null) {
            out.setLength(mark);
        }
        return -1;
    }

    /**
     * Appends bytes as Wireshark 4.0's format_text shows them: printable ASCII as is, control
     * characters as C escapes or \ooo, UTF-8 sequences decoded (overlong forms accepted,
     * surrogates and broken sequences as one U+FFFD).
     */
    public static void appendText(TextBuffer sb, byte[] b, int p, int n) {
        int end = p + n;
        while (p < end) {
            int c = b[p] & 0xff;
            if (c < 0x80) {
                p++;
                if (c >= 0x20 && c < 0x7f) {
                    sb.append((char) c);
                } else {
                    escape(sb, c);
                }
                continue;
            }
            int need;
            int cp;
            if (c >= 0xc0 && c < 0xe0) {
                need = 1;
                cp = c & 0x1f;
            } else if (c >= 0xe0 && c < 0xf0) {
                need = 2;
                cp = c & 0x0f;
            } else if (c >= 0xf0 && c < 0xf8) {
                need = 3;
                cp = c & 0x07;
            } else {
                sb.append('\ufffd');
                p++;
                continue;
            }
            int q = p + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++) {
                if (q >= end || (b[q] & 0xc0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (b[q] & 0x3f);
                q++;
            }
            p = q;
            if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                sb.append('\ufffd');
            } else {
                sb.appendCodePoint(cp);
            }
        }
    }

    private static void escape(TextBuffer sb, int c) {
        switch (c) {
            case 7 -> sb.append("\\a");
            case 8 -> sb.append("\\b");
            case 9 -> sb.append("\\t");
            case 10 -> sb.append("\\n");
            case 11 -> sb.append("\\v");
            case 12 -> sb.append("\\f");
            case 13 -> sb.append("\\r");
            default -> sb.append('\\').append((char) ('0' + ((c >> 6) & 7))).append((char) ('0' + ((c >> 3) & 7)))
                    .append((char) ('0' + (c & 7)));
        }
    }
}
