package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.model.TextBuffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What {@link HttpBody} writes for a body, as tshark 4.0.17 does (each case was probed with the
 * crafted captures of testdata/pcap/http-body, whose golden {@code TcpCapturesTest} compares).
 */
class HttpBodyTest {
    static final String HEADERS_END = "\r\n";

    /** The Info text for a body with these header lines (each ending in CRLF) after a status line. */
    static String info(String headers, byte[] body, boolean chunked) {
        byte[] head = ("HTTP/1.1 200 OK\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[head.length + body.length];
        System.arraycopy(head, 0, b, 0, head.length);
        System.arraycopy(body, 0, b, head.length, body.length);
        TextBuffer type = new TextBuffer();
        String ct = null;
        for (String h : headers.split("\r\n")) {
            if (h.toLowerCase().startsWith("content-type:")) {
                ct = h.substring(13).trim().split(";")[0].toLowerCase();
            }
        }
        if (ct != null) {
            type.append(ct);
        }
        TextBuffer out = new TextBuffer();
        new HttpBody().describe(out, b, 15, head.length, b.length, chunked, type);
        return out.toString();
    }

    static String info(String headers, byte[] body) {
        return info(headers, body, false);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(bytes(s));
        }
        return o.toByteArray();
    }

    static byte[] deflate(String s, boolean nowrap) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, nowrap);
        d.setInput(bytes(s));
        d.finish();
        byte[] out = new byte[256];
        int n = d.deflate(out);
        d.end();
        return java.util.Arrays.copyOf(out, n);
    }

    static byte[] chunks(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(bytes(Integer.toHexString(p.length) + "\r\n"));
            o.writeBytes(p);
            o.writeBytes(bytes("\r\n"));
        }
        o.writeBytes(bytes("0\r\n\r\n"));
        return o.toByteArray();
    }

    static final String HTML = "Content-Type: text/html\r\n";
    static final byte[] GIF = bytes("GIF89a" + "\0".repeat(14));
    static final byte[] PNG = bytes("\u0089PNG\r\n\u001a\n" + "\0".repeat(12));
    static final byte[] JFIF = bytes("\u00ff\u00d8\u00ff\u00e0\0\u0010JFIF\0" + "\0".repeat(9));

    @Test
    void encodedBodiesAreInflatedFirst() throws Exception {
        assertEquals("", info(HTML + "Content-Encoding: gzip\r\n", gzip("")));
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: gzip\r\n", gzip("<html>")));
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: GZIP\r\n", gzip("<html>")));
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: x-gzip\r\n", gzip("<html>")));
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: deflate\r\n", deflate("hi", false)));
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: x-deflate\r\n", deflate("hi", true)));
        assertEquals("", info(HTML + "Content-Encoding: deflate\r\n", deflate("", false)));
        assertEquals("", info(HTML + "Content-Encoding: deflate\r\n", deflate("", true)));
        // a label tshark does not decode, or a value with a trailing blank: the data dissector
        assertEquals("", info(HTML + "Content-Encoding: compress\r\n", bytes("abc")));
        assertEquals("", info(HTML + "Content-Encoding: gzip \r\n", gzip("<html>")));
        assertEquals("", info(HTML + "Content-Encoding: gzip, deflate\r\n", gzip("<html>")));
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: identity\r\n", bytes("abc")));
        // the last Content-Encoding counts
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: gzip\r\nContent-Encoding: identity\r\n", gzip("")));
        // brotli is not inflated: named by its type
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: br\r\n", bytes("\u003b")));
    }

    @Test
    void brokenStreams() throws Exception {
        byte[] hello = gzip("<html>hello</html>");
        assertEquals("", info(HTML + "Content-Encoding: gzip\r\n", bytes("not gzip at all")));
        assertEquals("", info(HTML + "Content-Encoding: gzip\r\n", java.util.Arrays.copyOf(hello, 10)));
        // cut short: what was inflated is the body
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: gzip\r\n", java.util.Arrays.copyOf(hello, 15)));
        byte[] badMethod = hello.clone();
        badMethod[2] = 9;
        assertEquals("", info(HTML + "Content-Encoding: gzip\r\n", badMethod));
        // only the first member is inflated
        byte[] empty = gzip("");
        byte[] two = java.util.Arrays.copyOf(empty, empty.length + hello.length);
        System.arraycopy(hello, 0, two, empty.length, hello.length);
        assertEquals("", info(HTML + "Content-Encoding: gzip\r\n", two));
        // gzip framing with a zlib or raw stream inside the label
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: gzip\r\n", deflate("hello", false)));
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: gzip\r\n", deflate("hello", true)));
    }

    @Test
    void gzipHeaderFields() throws Exception {
        byte[] hello = gzip("<html>hello</html>");
        byte[] rest = java.util.Arrays.copyOfRange(hello, 10, hello.length);
        // FEXTRA (2 bytes), FNAME, FCOMMENT and a reserved flag bit (ignored)
        byte[] head = {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 0x20, 0, 0, 0, 0, 0, 3, 2, 0, 'a', 'b', 'n', 0, 'c', 0};
        byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: gzip\r\n", all));
        // the same split over chunks in the middle of the header
        byte[] a = java.util.Arrays.copyOf(all, 13);
        byte[] b = java.util.Arrays.copyOfRange(all, 13, all.length);
        assertEquals(" (text/html)", info(HTML + "Content-Encoding: gzip\r\n", chunks(a, b), true));
        assertEquals("", info(HTML + "Content-Encoding: gzip\r\n", chunks(gzip("")), true));
        // FHCRC: the header CRC is not skipped, so the inflation starts on it and fails
        byte[] crc = java.util.Arrays.copyOf(hello, hello.length + 2);
        crc[3] = 2;
        System.arraycopy(hello, 10, crc, 12, hello.length - 10);
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(crc, 0, 10);
        crc[10] = (byte) c.getValue();
        crc[11] = (byte) (c.getValue() >> 8);
        assertEquals("", info(HTML + "Content-Encoding: gzip\r\n", crc));
    }

    @Test
    void imageDissectorsNameTheirBodies() throws Exception {
        assertEquals(" (GIF89a)", info("Content-Type: image/gif\r\n", GIF));
        assertEquals(" (GIF87a)", info("Content-Type: image/gif\r\n", bytes("GIF87a" + "\0".repeat(14))));
        assertEquals(" (image/gif)", info("Content-Type: image/gif\r\n", bytes("GIF88a" + "\0".repeat(14))));
        assertEquals(" (image/gif)", info("Content-Type: image/gif\r\n", bytes("GIF89a" + "\0".repeat(13))));
        assertEquals(" (PNG)", info("Content-Type: image/png\r\n", PNG));
        assertEquals(" (image/png)", info("Content-Type: image/png\r\n", java.util.Arrays.copyOf(PNG, 19)));
        for (String t : new String[] {"image/jpeg", "image/jpg", "image/pjpeg", "image/jfif"}) {
            assertEquals(" (JPEG JFIF image)", info("Content-Type: " + t + "\r\n", JFIF));
            assertEquals(" (JPEG JFIF image)", info("Content-Type: " + t + "\r\n",
                    bytes("\u00ff\u00d8\u00ff\u00e1\0\u0010Exif\0" + "\0".repeat(9))));
            // a Photoshop APP13 first, a short JFIF: refused
            assertEquals(" (" + t + ")", info("Content-Type: " + t + "\r\n",
                    bytes("\u00ff\u00d8\u00ff\u00ed\0\u0010Photoshop 3.0\0" + "\0".repeat(9))));
            assertEquals(" (" + t + ")", info("Content-Type: " + t + "\r\n", java.util.Arrays.copyOf(JFIF, 19)));
            assertEquals(" (PNG)", info("Content-Type: " + t + "\r\n", PNG));
        }
        // the gzip-encoded GIF is named from its inflated bytes; a chunked one from its de-chunked bytes
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(GIF);
        }
        assertEquals(" (GIF89a)", info("Content-Type: image/gif\r\nContent-Encoding: gzip\r\n", o.toByteArray()));
        assertEquals(" (GIF89a)", info("Content-Type: image/gif\r\n", chunks(GIF), true));
    }

    @Test
    void heuristicsTakeWhatNoDissectorTook() {
        assertEquals(" (PNG)", info("Content-Type: image/gif\r\n", PNG));
        assertEquals(" (GIF89a)", info("Content-Type: image/x-icon\r\n", GIF));
        assertEquals(" (GIF89a)", info("Content-Type: application/javascript\r\n", GIF));
        assertEquals(" (JPEG JFIF image)", info("", JFIF));
        assertEquals("", info("", bytes("hello world text")));
        // the text-lines dissector takes its types whatever the bytes
        assertEquals(" (text/html)", info(HTML, GIF));
        assertEquals(" (application/x-javascript)", info("Content-Type: application/x-javascript\r\n", GIF));
        assertEquals(" (application/x-www-form-urlencoded)",
                info("Content-Type: application/x-www-form-urlencoded\r\n", GIF));
        // dissectors that write nothing
        assertEquals("", info("Content-Type: application/octet-stream\r\n", GIF));
        assertEquals("", info("Content-Type: Application/Octet-Stream\r\n", bytes("abc")));
        assertEquals("", info("Content-Type: application/x-fcs; charset=x\r\n", bytes("abc")));
        assertEquals(" (image/webp)", info("Content-Type: image/webp\r\n", bytes("abc")));
    }

    @Test
    void neverThrowsOnDamagedBodies() throws Exception {
        Random r = new Random(7);
        byte[] hello = gzip("<html>" + "x".repeat(200) + "</html>");
        HttpBody body = new HttpBody();
        TextBuffer type = new TextBuffer().append("text/html");
        TextBuffer out = new TextBuffer();
        byte[] head = bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 3000; i++) {
            byte[] b = java.util.Arrays.copyOf(head, head.length + 40 + r.nextInt(200));
            if (i % 2 == 0) {
                System.arraycopy(hello, 0, b, head.length, Math.min(hello.length, b.length - head.length));
            }
            for (int k = head.length; k < b.length; k++) {
                if (i % 2 == 1 || r.nextInt(20) == 0) {
                    b[k] = (byte) r.nextInt(256);
                }
            }
            out.setLength(0);
            int end = head.length + r.nextInt(b.length - head.length + 1);
            body.describe(out, b, 15, head.length, end, i % 3 == 0, type);
        }
    }
}
