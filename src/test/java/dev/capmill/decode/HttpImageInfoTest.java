package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.capmill.model.TextBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Info text of HTTP bodies that tshark 4.0's image dissectors claim, as the corpus shows it:
 * "(JPEG JFIF image)" for the JPEG types, "(PNG)" for image/png and a JPEG-typed PNG, "(GIF89a)"/"(GIF87a)" when the body starts with that signature and has 20
 * bytes or more (tshark 4.0.17 leaves a shorter one to the media dissector), "(PNG)"; every other
 * type (and a GIF without its signature, or shorter) keeps the media type.
 */
class HttpImageInfoTest {
    static String info(String type, String body) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        return Http.imageInfo(new TextBuffer().append(type), b, 0, b.length);
    }

    @Test
    void imageDissectorsNameTheirBodies() {
        assertEquals("JPEG JFIF image", info("image/jpeg", "\u00ff\u00d8\u00ff\u00e0\0\u0010JFIF\0"));
        assertEquals("JPEG JFIF image", info("image/jpg", "\u00ff\u00d8"));
        assertEquals("JPEG JFIF image", info("image/pjpeg", "\u00ff\u00d8"));
        assertEquals("PNG", info("image/png", "\u0089PNG\r\n\u001a\n"));
        // the JFIF dissector refuses a PNG; PNG's heuristic takes it
        assertEquals("PNG", info("image/jpeg", "\u0089PNG\r\n\u001a\n"));
        assertEquals("GIF89a", info("image/gif", "GIF89a\u0001\0\u0001\0\u0091\0\0\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00fe\u0001\u0002\0\0"));
        assertEquals("GIF87a", info("image/gif", "GIF87a" + "\0".repeat(14)));
    }

    @Test
    void otherBodiesKeepTheirMediaType() {
        assertNull(info("image/jpg", "hello world"));
        assertNull(info("image/gif", "GIF8"));
        assertNull(info("image/gif", "GIF89a" + "\0".repeat(13)));
        assertNull(info("image/gif", "<html>"));
        assertNull(info("text/html", "<html>"));
    }
}
