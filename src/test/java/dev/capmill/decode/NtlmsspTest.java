package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.model.TextBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NTLMSSP tokens in HTTP headers: what each adds to Info, and damaged tokens never throwing. */
class NtlmsspTest {
    static String info(String headerLines) {
        byte[] b = headerLines.getBytes(StandardCharsets.ISO_8859_1);
        TextBuffer info = new TextBuffer().append("GET / HTTP/1.1 ");
        new Ntlmssp().headers(b, 0, b.length, info);
        return info.toString();
    }

    static String token(byte[] message) {
        return Base64.getEncoder().encodeToString(message);
    }

    static byte[] message(int type, int length) {
        byte[] m = new byte[length];
        System.arraycopy("NTLMSSP\0".getBytes(StandardCharsets.ISO_8859_1), 0, m, 0, 8);
        if (length > 8) {
            m[8] = (byte) type;
        }
        return m;
    }

    @Test
    void typesAndHeaderNames() {
        assertEquals("GET / HTTP/1.1 , NTLMSSP_NEGOTIATE", info("\r\nAuthorization: NTLM " + token(message(1, 32)) + "\r\n"));
        assertEquals("GET / HTTP/1.1 , NTLMSSP_CHALLENGE",
                info("\r\nproxy-authenticate: Negotiate " + token(message(2, 48)) + "\r\n"));
        assertEquals("GET / HTTP/1.1 , NTLMSSP_NEGOTIATE[Malformed Packet]",
                info("\r\nAuthorization: NTLM " + token(message(1, 31)) + "\r\n"));
        assertEquals("GET / HTTP/1.1 ", info("\r\nAuthorization: Basic " + token(message(1, 32)) + "\r\n"));
        assertEquals("GET / HTTP/1.1 ", info("\r\nX-Authorization: NTLM " + token(message(1, 32)) + "\r\n"));
    }

    /** An AUTH message's domain and user, Unicode (flag 1) or OEM, read where their buffers point. */
    @Test
    void authNamesTheUser() {
        byte[] m = message(3, 64 + 6 + 8);
        put16(m, 28, 6);
        put32(m, 32, 64);
        put16(m, 36, 8);
        put32(m, 40, 70);
        m[60] = 1;
        System.arraycopy("DOM".getBytes(StandardCharsets.UTF_16LE), 0, m, 64, 6);
        System.arraycopy("anna".getBytes(StandardCharsets.UTF_16LE), 0, m, 70, 8);
        assertEquals("GET / HTTP/1.1 , NTLMSSP_AUTH, User: DOM\\anna", info("\r\nAuthorization: NTLM " + token(m) + "\r\n"));
        put32(m, 40, 72); // the user now runs past the token
        assertEquals("GET / HTTP/1.1 , NTLMSSP_AUTH[Malformed Packet]",
                info("\r\nAuthorization: NTLM " + token(m) + "\r\n"));
    }

    /** Random messages of every type and length, random buffer fields: a line each, no exception. */
    @Test
    void damagedTokensNeverThrow() {
        Random rnd = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = message(1 + rnd.nextInt(5), 8 + rnd.nextInt(120));
            for (int k = 12; k < m.length; k++) {
                m[k] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : (byte) rnd.nextInt(80);
            }
            String t = token(m);
            if (rnd.nextBoolean()) {
                t = t.substring(0, rnd.nextInt(t.length() + 1));
            }
            String s = info("\r\nWWW-Authenticate: NTLM " + t + "\r\nAuthorization: NTLM " + t);
            assertTrue(s.startsWith("GET / HTTP/1.1 "), s);
        }
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v);
        put16(b, at + 2, v >> 16);
    }
}
