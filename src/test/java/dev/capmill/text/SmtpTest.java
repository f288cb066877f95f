package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.ACK;
import static dev.capmill.text.SummarizerTest.B;
import static dev.capmill.text.SummarizerTest.PSH;
import static dev.capmill.text.SummarizerTest.SYN;
import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMTP lines (decode.Smtp). The expected lines are tshark 4.0.17's for the same segments: the
 * streams were written to a pcap with a handshake first (client 10.0.0.1:40000, server 10.0.0.2,
 * client ISN 1000, server ISN 5000, window 8192) and shown with {@code TZ=UTC tshark -n -r x.pcap}.
 */
class SmtpTest {
    /** One TCP conversation after its handshake; each segment gives the line's Protocol and Info. */
    static final class Stream {
        private final Summarizer s = new Summarizer();
        private final int server;
        private long frame;
        private long cs = 1000;
        private long ss = 5000;

        Stream(int server) {
            this.server = server;
            frame(A, B, tcp(40000, server, cs, 0, SYN, 8192, new byte[0], 0, 0), new byte[0]);
            frame(B, A, tcp(server, 40000, ss, cs + 1, SYN | ACK, 8192, new byte[0], 0, 0), new byte[0]);
            cs++;
            ss++;
            frame(A, B, tcp(40000, server, cs, ss, ACK, 8192, new byte[0], 0, 0), new byte[0]);
        }

        private String frame(byte[] src, byte[] dst, byte[] tcpHeader, byte[] data) {
            byte[] pkt = eth(0x0800, ip4(src, dst, 6, cat(tcpHeader, data)));
            s.summarize(pkt, 0, pkt.length, pkt.length, 1, ++frame, frame * 1_000_000_000L);
            return s.protocol + " " + s.infoText();
        }

        String client(byte[] data) {
            String l = frame(A, B, tcp(40000, server, cs, ss, PSH | ACK, 8192, new byte[0], 0, 0), data);
            cs += data.length;
            return l;
        }

        String server(byte[] data) {
            String l = frame(B, A, tcp(server, 40000, ss, cs, PSH | ACK, 8192, new byte[0], 0, 0), data);
            ss += data.length;
            return l;
        }

        String client(String text) {
            return client(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        String server(String text) {
            return server(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static final String SEGMENT = "TCP 40000 \u2192 25 [PSH, ACK] Seq=%d Ack=%d Win=8192 Len=%d"
            + " [TCP segment of a reassembled PDU]";

    @Test
    void repliesCommandsAuthAndData() {
        Stream t = new Stream(25);
        List<String> got = new ArrayList<>();
        got.add(t.server("220 mail ESMTP\r\n"));
        got.add(t.client("EHLO x\r\n"));
        got.add(t.server("250-mail Hello\r\n250-SIZE 1\r\n250 HELP\r\n"));
        got.add(t.client("AUTH LOGIN\r\n"));
        got.add(t.server("334 VXNlcm5hbWU6\r\n"));
        got.add(t.client("dXNlcg==\r\n"));
        got.add(t.server("334 UGFzc3dvcmQ6\r\n"));
        got.add(t.client("cGFzcw==\r\n"));
        got.add(t.server("235 ok\r\n"));
        got.add(t.client("AUTH PLAIN\r\n"));
        got.add(t.server("334 \r\n"));
        got.add(t.client("AHVzZXIAcGFzcw==\r\n"));
        got.add(t.server("235 ok\r\n"));
        got.add(t.client("AUTH PLAIN AHVzZXIAcGFzcw==\r\n"));
        got.add(t.server("235 ok\r\n"));
        got.add(t.client("AUTH LOGIN dXNlcg==\r\n"));
        got.add(t.server("334 UGFzc3dvcmQ6\r\n"));
        got.add(t.client("cGFzcw==\r\n"));
        got.add(t.server("535 no\r\n"));
        got.add(t.client("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n"));
        got.add(t.server("250 ok\r\n250 ok\r\n354 go\r\n"));
        got.add(t.client("Subject: hi\r\n\r\nbody\r\n"));
        got.add(t.client("more\r\n"));
        t.client(".\r\n"); // tshark: SMTP/IMF "subject: hi, , body  , more  " (IMF is not decoded)
        got.add(t.server("250 queued\r\n"));
        got.add(t.client("QU"));
        got.add(t.client("IT\r\n"));
        got.add(t.server("2"));
        got.add(t.server("21 bye\r\n"));
        got.add(t.server("xy\r\n12\r\n"));
        got.add(t.server("\r\n"));
        got.add(t.client("\r\n"));
        got.add(t.client("hello there\r\n"));
        got.add(t.client("NOOP"));
        assertEquals(List.of(
                "SMTP S: 220 mail ESMTP",
                "SMTP C: EHLO x",
                "SMTP S: 250-mail Hello | SIZE 1 | HELP",
                "SMTP C: AUTH LOGIN",
                "SMTP S: 334 VXNlcm5hbWU6",
                "SMTP C: User: dXNlcg==",
                "SMTP S: 334 UGFzc3dvcmQ6",
                "SMTP C: Pass: cGFzcw==",
                "SMTP S: 235 ok",
                "SMTP C: AUTH PLAIN",
                "SMTP S: 334 ",
                "SMTP C: AHVzZXIAcGFzcw==",
                "SMTP S: 235 ok",
                "SMTP C: AUTH PLAIN AHVzZXIAcGFzcw==",
                "SMTP S: 235 ok",
                "SMTP C: AUTH LOGIN User: dXNlcg==",
                "SMTP S: 334 UGFzc3dvcmQ6",
                "SMTP C: Pass: cGFzcw==",
                "SMTP S: 535 no",
                "SMTP C: MAIL FROM:<a@b> | RCPT TO:<c@d> | DATA",
                "SMTP S: 250 ok | 250 ok | 354 go",
                "SMTP C: DATA fragment, 21 bytes",
                "SMTP C: DATA fragment, 6 bytes",
                "SMTP S: 250 queued",
                String.format(SEGMENT, 199, 183, 2),
                "SMTP C: QUIT",
                "TCP 25 \u2192 40000 [PSH, ACK] Seq=183 Ack=205 Win=8192 Len=1 [TCP segment of a reassembled PDU]",
                "SMTP S: 221 bye",
                "SMTP S:  | ",
                "SMTP S: ",
                "SMTP C: DATA fragment, 2 bytes",
                "SMTP C: DATA fragment, 13 bytes",
                String.format(SEGMENT, 220, 202, 4)), got);
    }

    @Test
    void messageStateBdatAndEndOfData() {
        Stream t = new Stream(25);
        List<String> got = new ArrayList<>();
        got.add(t.client("hello\r\n")); // before any command that changes the state: message data
        got.add(t.client("EHLO x\r\n"));
        got.add(t.client("DATA\r\n"));
        got.add(t.client(".\r\n")); // the data before did not end in CRLF: not the end yet
        t.client("DATA\r\nabc\r\n.\r\nQUIT\r\n"); // tshark: SMTP/IMF "hello  , .  , DATA  , abc  "
        got.add(t.client("DATA\r\n"));
        t.client("abc\r\n.\r\n"); // tshark: SMTP/IMF "abc  "
        got.add(t.client("RSET\r\n"));
        got.add(t.client("BDAT 5 LAST\r\n"));
        got.add(t.client("abcde"));
        got.add(t.client("NOOP\r\n"));
        got.add(t.client("STARTTLS\r\n"));
        assertEquals(List.of(
                "SMTP C: DATA fragment, 7 bytes",
                "SMTP C: EHLO x",
                "SMTP C: DATA",
                "SMTP C: DATA fragment, 3 bytes",
                "SMTP C: DATA",
                "SMTP C: RSET",
                "SMTP C: BDAT 5 LAST",
                String.format(SEGMENT, 78, 1, 5),
                "SMTP C: DATA fragment, 11 bytes",
                "SMTP C: DATA fragment, 10 bytes"), got);
    }

    @Test
    void bdatChunksOnTheSubmissionPort() {
        Stream t = new Stream(587);
        assertEquals("SMTP C: EHLO x", t.client("EHLO x\r\n"));
        assertEquals("SMTP C: BDAT 10 LAST", t.client("BDAT 10 LAST\r\n"));
        assertEquals("SMTP C: DATA fragment, 10 bytes", t.client("ab\r\ncd\r\nef"));
        assertEquals("SMTP C: NOOP", t.client("NOOP\r\n"));
        assertEquals("SMTP C: DATA fragment, 11 bytes", t.client("BDAT 3\r\nabc"));
        assertEquals("SMTP C: NOOP", t.client("NOOP\r\n"));
        assertEquals("SMTP C: STARTTLS", t.client("STARTTLS\r\n"));
        assertEquals("SMTP S: 454 no", t.server("454 no\r\n"));
        assertEquals("SMTP C: EHLO z", t.client("EHLO z\r\n"));
    }

    @Test
    void startTlsHandsTlsRecordsToTls() {
        Stream t = new Stream(25);
        assertEquals("SMTP S: 220 hi", t.server("220 hi\r\n"));
        assertEquals("SMTP C: STARTTLS", t.client("STARTTLS\r\n"));
        assertEquals("SMTP S: 220 go", t.server("220 go\r\n"));
        // text after the 220 is still SMTP; records are TLS
        assertEquals("SMTP C: EHLO y", t.client("EHLO y\r\n"));
        assertEquals("SMTP S: 250 ok", t.server("250 ok\r\n"));
        assertEquals("TLSv1", t.client(new byte[] {0x16, 3, 1, 0, 5, 1, 0, 0, 1, 0}).split(" ")[0]);
    }

    @Test
    void garbageNeverThrows() {
        Stream t = new Stream(25);
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] d = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(d);
            String l = rnd.nextBoolean() ? t.client(d) : t.server(d);
            assertEquals(true, l.startsWith("SMTP ") || l.startsWith("TCP ") || l.startsWith("TLS") || l.startsWith("SSL"), l);
        }
    }
}
