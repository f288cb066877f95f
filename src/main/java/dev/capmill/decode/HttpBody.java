package dev.capmill.decode;

import dev.capmill.model.TextBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What tshark 4.0 writes in the Info column for the body of an HTTP message (facts from
 * epan/dissectors/packet-http.c, packet-media.c, packet-text-media.c, file-gif.c, file-png.c,
 * file-jpeg.c and epan/tvbuff_zlib.c, each checked against tshark 4.0.17 with the crafted captures
 * of testdata/pcap/http-body):
 *
 * <ul>
 * <li>A chunked body is first de-chunked. A Content-Encoding (the last such header; its value
 * after the colon and leading blanks, compared without case) of {@code gzip}, {@code x-gzip},
 * {@code deflate} or {@code x-deflate} is then inflated: zlib or gzip framing by its first bytes,
 * raw deflate when neither fits; only the first gzip member; a stream cut short gives what it
 * inflated so far. A body that inflates to nothing, that fails to inflate, or whose encoding tshark
 * does not decode (anything but those, {@code identity} and {@code br}) goes to the data dissector,
 * which writes nothing.</li>
 * <li>The media type's own dissector takes the body first: the line-based text dissector takes
 * its types (text/html, text/css, ...) whatever the bytes and writes " (type)"; the GIF, PNG and
 * JFIF dissectors take a body of 20 bytes or more that starts with their signature ("GIF87a" or
 * "GIF89a"; the PNG signature; FF D8 with "JFIF\0" or "Exif\0" at offset 6) and write "(GIF89a)",
 * "(PNG)", "(JPEG JFIF image)"; application/octet-stream and application/x-fcs bodies are taken
 * by dissectors that write nothing.</li>
 * <li>Otherwise (a type without a dissector, or one that refused the body, or no Content-Type at
 * all) the image heuristics are tried on the body, and then the media dissector writes
 * " (type)" (nothing without a type).</li>
 * </ul>
 *
 * A brotli ({@code br}) body is not inflated here (the JDK has no brotli decoder): it is taken as
 * non-empty and named by its type. Nothing is allocated per message: the inflaters are made once,
 * when the first encoded body is met.
 */
final class HttpBody {
    /** How many bytes of the (decoded) body are kept: more than any dissector above looks at. */
    static final int VIEW = 64;

    private static final int COPY = 0;
    private static final int PEEK = 1;
    private static final int GZIP = 2;
    private static final int ZLIB = 3;
    private static final int RAW = 4;

    private final byte[] view = new byte[VIEW];
    private int viewLen;
    /** The body's length after de-chunking (identity), or the bytes inflated (up to {@link #VIEW}). */
    private long total;
    private int mode;
    private boolean done;
    private boolean failed;
    // gzip header parsing: which part, and how many bytes of it are left
    private int gzState;
    private int gzFlags;
    private int gzXlen;
    private int gzLeft;
    private Inflater zlib;
    private Inflater raw;

    /** The value of the message's last Content-Encoding header. */
    private static final int IDENTITY = 0;
    private static final int DEFLATE = 1;
    private static final int BROTLI = 2;
    private static final int OTHER = 3;

    /**
     * Appends what tshark writes for the body {@code b[body, bodyEnd)} ({@code chunked}: still in
     * chunked transfer coding) of the message whose header lines are {@code b[headers, body)};
     * {@code type} is the Content-Type (lower case, without parameters), empty when there is none.
     */
    void describe(TextBuffer info, byte[] b, int headers, int body, int bodyEnd, boolean chunked, TextBuffer type) {
        int encoding = encoding(b, headers, body);
        if (encoding == OTHER) {
            return;
        }
        viewLen = 0;
        total = 0;
        done = false;
        failed = false;
        if (encoding == DEFLATE) {
            mode = PEEK;
            walk(b, body, bodyEnd, chunked);
            boolean gzip = viewLen >= 2 && (view[0] & 0xff) == 0x1f && (view[1] & 0xff) == 0x8b;
            inflate(gzip ? GZIP : ZLIB, b, body, bodyEnd, chunked);
            if (!gzip && failed && viewLen == 0) {
                inflate(RAW, b, body, bodyEnd, chunked); // not zlib: tvbuff_zlib.c tries raw deflate
            }
        } else {
            mode = COPY;
            walk(b, body, bodyEnd, chunked);
        }
        if (total == 0 && encoding != BROTLI) {
            return;
        }
        String name = encoding == BROTLI ? null : name(type, view, viewLen, total);
        if (name != null) {
            info.append(" (").append(name).append(')');
        } else if (type.length() > 0 && !silent(type)) {
            info.append(" (").append(type).append(')');
        }
    }

    private void inflate(int how, byte[] b, int body, int bodyEnd, boolean chunked) {
        viewLen = 0;
        total = 0;
        done = false;
        failed = false;
        mode = how;
        gzState = 0;
        gzLeft = 10;
        gzXlen = 0;
        Inflater inf;
        if (how == ZLIB) {
            if (zlib == null) {
                zlib = new Inflater(false);
            }
            inf = zlib;
        } else {
            if (raw == null) {
                raw = new Inflater(true);
            }
            inf = raw;
        }
        inf.reset();
        walk(b, body, bodyEnd, chunked);
    }

    /**
     * The name a dissector writes instead of the media type, or null when the media type (or,
     * for the silent types, nothing) is written. {@code v[0, n)} are the first bytes of a body
     * of {@code length} bytes.
     */
    static String name(TextBuffer type, byte[] v, int n, long length) {
        if (type.length() > 0) {
            if (silent(type) || textLines(type)) {
                return null;
            }
            if (type.contentEquals("image/gif")) {
                String gif = gif(v, n, length);
                if (gif != null) {
                    return gif;
                }
            } else if (type.contentEquals("image/png")) {
                if (png(v, n, length)) {
                    return "PNG";
                }
            } else if (type.contentEquals("image/jpeg") || type.contentEquals("image/jpg")
                    || type.contentEquals("image/pjpeg") || type.contentEquals("image/jfif")) {
                if (jfif(v, n, length)) {
                    return "JPEG JFIF image";
                }
            }
        }
        // the heuristic dissectors of HTTP bodies
        String gif = gif(v, n, length);
        if (gif != null) {
            return gif;
        }
        if (png(v, n, length)) {
            return "PNG";
        }
        return jfif(v, n, length) ? "JPEG JFIF image" : null;
    }

    /** Types whose dissectors take any body and write nothing in the Info column (probed with tshark 4.0.17). */
    static boolean silent(TextBuffer type) {
        return type.contentEquals("application/octet-stream") || type.contentEquals("application/x-fcs");
    }

    /** The types packet-text-media.c registers for the line-based text dissector, and the URL-encoded form's. */
    static boolean textLines(TextBuffer t) {
        for (String s : TEXT_LINES) {
            if (t.contentEquals(s)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] TEXT_LINES = {"text/html", "text/plain", "text/css", "text/javascript",
        "application/x-javascript", "text/richtext", "text/enriched", "text/parameters",
        "text/xml-external-parsed-entity", "application/xml-external-parsed-entity", "application/x-tia-p25-issi",
        "application/x-tia-p25-sndcp", "application/x-ns-proxy-autoconfig", "text/vnd.sun.j2me.app-descriptor",
        "application/vnd.poc.refer-to", "application/vnd.drm.message", "application/x-wms-logplaystats",
        "application/x-rtsp-udp-packetpair", "application/x-www-form-urlencoded"};

    private static String gif(byte[] v, int n, long length) {
        if (length < 20 || n < 6 || v[0] != 'G' || v[1] != 'I' || v[2] != 'F' || v[3] != '8' || v[5] != 'a') {
            return null;
        }
        return v[4] == '7' ? "GIF87a" : v[4] == '9' ? "GIF89a" : null;
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static boolean png(byte[] v, int n, long length) {
        if (length < 20 || n < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (v[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean jfif(byte[] v, int n, long length) {
        if (length < 20 || n < 11 || (v[0] & 0xff) != 0xff || (v[1] & 0xff) != 0xd8 || v[10] != 0) {
            return false;
        }
        return v[6] == 'J' && v[7] == 'F' && v[8] == 'I' && v[9] == 'F'
                || v[6] == 'E' && v[7] == 'x' && v[8] == 'i' && v[9] == 'f';
    }

    /** The last Content-Encoding header of {@code b[from, to)}. */
    private static int encoding(byte[] b, int from, int to) {
        int result = IDENTITY;
        int q = Http.nextLine(b, Http.lineEnd(b, from, to) < 0 ? to : Http.lineEnd(b, from, to), to);
        while (q < to) {
            int le = Http.lineEnd(b, q, to);
            if (le < 0 || le == q) {
                break;
            }
            if (Http.startsWith(b, q, le, "Content-Encoding:", true)) {
                int v = q + 17;
                while (v < le && (b[v] == ' ' || b[v] == '\t')) {
                    v++;
                }
                result = is(b, v, le, "identity") ? IDENTITY
                        : is(b, v, le, "gzip") || is(b, v, le, "x-gzip") || is(b, v, le, "deflate")
                                || is(b, v, le, "x-deflate") ? DEFLATE
                        : is(b, v, le, "br") ? BROTLI : OTHER;
            }
            q = Http.nextLine(b, le, to);
        }
        return result;
    }

    private static boolean is(byte[] b, int from, int to, String s) {
        return to - from == s.length() && Http.startsWith(b, from, to, s, true);
    }

    /** Hands the body's data, de-chunked when {@code chunked}, to {@link #consume} piece by piece. */
    private void walk(byte[] b, int p, int end, boolean chunked) {
        if (!chunked) {
            consume(b, p, end - p);
            return;
        }
        while (p < end && !done) {
            int le = Http.lineEnd(b, p, end);
            if (le < 0) {
                return;
            }
            long size = Http.parseHex(b, p, le);
            if (size <= 0) {
                return;
            }
            int data = Http.nextLine(b, le, end);
            int n = (int) Math.min(end - data, size);
            if (n <= 0) {
                return;
            }
            consume(b, data, n);
            p = data + n + 2; // the CRLF after the chunk's data
        }
    }

    private void consume(byte[] b, int off, int len) {
        switch (mode) {
            case COPY -> {
                int keep = Math.min(len, VIEW - viewLen);
                if (keep > 0) {
                    System.arraycopy(b, off, view, viewLen, keep);
                    viewLen += keep;
                }
                total += len;
            }
            case PEEK -> {
                int keep = Math.min(len, 2 - viewLen);
                System.arraycopy(b, off, view, viewLen, keep);
                viewLen += keep;
                done = viewLen == 2;
            }
            case GZIP -> {
                int used = gzipHeader(b, off, len);
                if (!done && used < len) {
                    inflate(raw, b, off + used, len - used);
                }
            }
            default -> inflate(mode == ZLIB ? zlib : raw, b, off, len);
        }
    }

    /**
     * Reads what of the gzip header (RFC 1952 section 2.3) is in {@code b[off, off+len)}; returns
     * the bytes it used. As tvbuff_zlib.c reads it (tshark 4.0.17 agrees): a method other than
     * deflate fails the body, the reserved flag bits are ignored, and the header CRC is not skipped
     * (the raw inflation starts on it, which makes such bodies fail).
     */
    private int gzipHeader(byte[] b, int off, int len) {
        int i = 0;
        while (gzState < 5 && i < len) {
            int c = b[off + i] & 0xff;
            switch (gzState) {
                case 0 -> { // ID1 ID2 CM FLG MTIME XFL OS
                    int at = 10 - gzLeft;
                    if (at == 2 && c != 8) {
                        failed = true;
                        done = true;
                        return len;
                    }
                    if (at == 3) {
                        gzFlags = c;
                    }
                    i++;
                    if (--gzLeft == 0) {
                        gzState = 1;
                        gzLeft = 2;
                    }
                }
                case 1 -> { // FEXTRA: XLEN, then XLEN bytes
                    if ((gzFlags & 4) == 0) {
                        gzState = 3;
                        break;
                    }
                    gzXlen |= c << (8 * (2 - gzLeft)); // little-endian
                    i++;
                    if (--gzLeft == 0) {
                        gzLeft = gzXlen;
                        gzState = 2;
                    }
                }
                case 2 -> {
                    int skip = Math.min(gzLeft, len - i);
                    i += skip;
                    gzLeft -= skip;
                    if (gzLeft == 0) {
                        gzState = 3;
                    }
                }
                case 3 -> { // FNAME
                    if ((gzFlags & 8) == 0) {
                        gzState = 4;
                        break;
                    }
                    i++;
                    if (c == 0) {
                        gzState = 4;
                    }
                }
                default -> { // FCOMMENT
                    if ((gzFlags & 16) == 0) {
                        gzState = 5;
                        break;
                    }
                    i++;
                    if (c == 0) {
                        gzState = 5;
                    }
                }
            }
        }
        if (gzState == 2 && gzLeft == 0) {
            gzState = 3;
        }
        return i;
    }

    private void inflate(Inflater inf, byte[] b, int off, int len) {
        inf.setInput(b, off, len);
        try {
            while (viewLen < VIEW) {
                int n = inf.inflate(view, viewLen, VIEW - viewLen);
                viewLen += n;
                total += n;
                if (inf.finished()) {
                    done = true; // the first gzip member only
                    return;
                }
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    done = inf.needsDictionary();
                    return;
                }
            }
            done = true; // enough for every dissector above
        } catch (DataFormatException e) {
            failed = true;
            done = true;
        }
    }
}
