package dev.capmill.decode;

/**
 * BGP-4 on TCP port 179 as tshark 4.0 writes its columns (epan/dissectors/packet-bgp.c, facts
 * only, checked with tshark 4.0.17 on crafted captures).
 *
 * <p>The data is scanned for the 16-byte marker of all ones: a byte where the marker (or, at the
 * end of the data, the part of it that is there) does not start is skipped. A header cut by the end
 * of the data (fewer than 19 bytes from a marker) and a message longer than the data are
 * reassembled. A length under 19 ends the segment's dissection with "[Malformed Packet]". Every
 * message adds its type's name to Info, ", " between messages ("Unknown message type (0x%02x)"
 * outside the table); a message whose body a read runs past ends with the exception's mark and
 * the scan goes on after it. Data without a marker leaves Info empty, Protocol "BGP".
 *
 * <p>Of the body, only the reads of the fixed parts are checked: OPEN's 10 bytes and its optional
 * parameters' type and length, NOTIFICATION's error code and subcode, UPDATE's withdrawn-routes
 * and path-attributes lengths and each attribute's flags, type and length. What tshark's decoders
 * of capabilities, prefixes and attribute values find malformed inside them is not modelled.
 */
final class Bgp {
    static final int PORT = 179;
    private static final int MARKER = 16;
    private static final int HEADER = 19;

    private static final String[] TYPES = {null, "OPEN Message", "UPDATE Message", "NOTIFICATION Message",
        "KEEPALIVE Message", "ROUTE-REFRESH Message", "CAPABILITY Message"};

    /** After {@link #dissect}: bytes still needed (0: none; Http.ONE_MORE_SEGMENT) and where that message starts. */
    int desegLen;
    int desegOffset;

    /**
     * Dissects the segment data {@code b[off, off+len)} (all of it captured when {@code canDesegment});
     * {@code afterPdu} when it follows a reassembled message in the same segment (tshark then
     * separates the first message's name from the one before by ", " too; after TCP's analysis
     * marks it does not).
     */
    void dissect(byte[] b, int off, int len, boolean canDesegment, boolean afterPdu, Columns col) {
        desegLen = 0;
        desegOffset = 0;
        col.setProtocol("BGP");
        col.clear();
        boolean first = !afterPdu;
        int at = 0;
        while (at < len) {
            int rest = len - at;
            int m = Math.min(rest, MARKER);
            if (!ones(b, off + at, m)) {
                at++;
                continue;
            }
            if (rest < HEADER) {
                if (canDesegment) {
                    desegOffset = at;
                    desegLen = Http.ONE_MORE_SEGMENT;
                    return;
                }
                // the length or the type cannot be read: the capture cut the segment
                col.info.append(Columns.LIMITED);
                return;
            }
            int plen = Bytes16.be(b, off + at + MARKER);
            if (plen < HEADER) {
                col.info.append(Columns.MALFORMED);
                return;
            }
            if (canDesegment && plen > rest) {
                desegOffset = at;
                desegLen = plen - rest;
                return;
            }
            message(b, off + at, Math.min(rest, plen), plen, first, col);
            first = false;
            at += plen;
        }
    }

    private static boolean ones(byte[] b, int p, int n) {
        for (int i = 0; i < n; i++) {
            if (b[p + i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    /** One message of {@code plen} bytes, {@code captured} of them in {@code b} from {@code p}. */
    private static void message(byte[] b, int p, int captured, int plen, boolean first, Columns col) {
        int type = b[p + MARKER + 2] & 0xff;
        if (!first) {
            col.info.append(", ");
        }
        if (type < TYPES.length && TYPES[type] != null) {
            col.info.append(TYPES[type]);
        } else if (type == 128) {
            col.info.append("Cisco ROUTE-REFRESH Message");
        } else {
            col.info.append("Unknown message type (0x").appendHex(type, 2).append(')');
        }
        int need = switch (type) {
            case 1 -> open(b, p, captured, plen);
            case 2 -> update(b, p, captured, plen);
            case 3 -> HEADER + 2;
            default -> 0;
        };
        if (need > captured) {
            col.info.append(Columns.truncationMark(need, plen));
        }
    }

    /** The bytes an OPEN's reads need: the fixed part, then each optional parameter's header and value. */
    private static int open(byte[] b, int p, int captured, int plen) {
        int fixed = HEADER + 10;
        if (captured < fixed) {
            return fixed;
        }
        int optLen = b[p + HEADER + 9] & 0xff;
        int q = fixed;
        int end = fixed + optLen;
        while (q < end) {
            if (q + 2 > captured) {
                return q + 2;
            }
            int l = b[p + q + 1] & 0xff;
            q += 2 + l;
            if (q > captured) {
                return q;
            }
        }
        return 0;
    }

    /** The bytes an UPDATE's reads need: the withdrawn routes, the attributes' headers and values. */
    private static int update(byte[] b, int p, int captured, int plen) {
        int q = HEADER;
        if (q + 2 > captured) {
            return q + 2;
        }
        int withdrawn = Bytes16.be(b, p + q);
        q += 2 + withdrawn;
        if (q + 2 > captured) {
            return q + 2;
        }
        int attrs = Bytes16.be(b, p + q);
        q += 2;
        int end = q + attrs;
        while (q < end) {
            if (q + 3 > captured) {
                return q + 3;
            }
            int flags = b[p + q] & 0xff;
            int hl = (flags & 0x10) != 0 ? 4 : 3;
            if (q + hl > captured) {
                return q + hl;
            }
            int l = hl == 4 ? Bytes16.be(b, p + q + 2) : b[p + q + 2] & 0xff;
            q += hl + l;
            if (q > captured) {
                return q;
            }
        }
        return 0;
    }
}
