package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.cat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BGP lines (decode.Bgp). The expected lines are tshark 4.0.17's for the same segments, written to
 * a pcap after a handshake (client 10.0.0.1:40000, server 10.0.0.2:179, ISNs 1000 and 5000) and
 * shown with {@code TZ=UTC tshark -n -r x.pcap}.
 */
class BgpTest {
    /** BGP cleared Info before asking for more data, so the segment's line keeps only TCP's note. */
    private static final String SEGMENT = " [TCP segment of a reassembled PDU]";

    private static byte[] marker(int n) {
        byte[] m = new byte[n];
        Arrays.fill(m, (byte) 0xff);
        return m;
    }

    /** A message of {@code type} whose length field says {@code length}, without a body. */
    private static byte[] header(int type, int length) {
        return cat(marker(16), new byte[] {(byte) (length >> 8), (byte) length, (byte) type});
    }

    /** A message of {@code type} with the body bytes given. */
    private static byte[] msg(int type, int... body) {
        byte[] b = new byte[body.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) body[i];
        }
        return cat(header(type, 19 + b.length), b);
    }

    private static byte[] part(byte[] m, int from, int to) {
        return Arrays.copyOfRange(m, from, to);
    }

    private static final byte[] KA = msg(4);
    private static final byte[] OPEN = msg(1, 4, 0xfd, 0xe9, 0, 180, 1, 2, 3, 4, 0);
    private static final byte[] UPDATE = msg(2, 0, 0, 0, 0);
    private static final byte[] NOTIFICATION = msg(3, 6, 2);
    private static final byte[] REFRESH = msg(5, 0, 1, 0, 1);

    @Test
    void messagesSeveralPerSegmentAndAcrossSegments() {
        SmtpTest.Stream t = new SmtpTest.Stream(179);
        List<String> got = new ArrayList<>();
        got.add(t.client(OPEN));
        got.add(t.server(OPEN));
        got.add(t.client(cat(KA, UPDATE)));
        got.add(t.server("garbage garbage garbage"));
        got.add(t.client(cat("xyzab".getBytes(), KA)));
        got.add(t.client(msg(9)));
        got.add(t.client(cat(KA, header(4, 10), KA)));
        got.add(t.client(part(NOTIFICATION, 0, 10)));
        got.add(t.client(part(NOTIFICATION, 10, 21)));
        got.add(t.client(part(UPDATE, 0, 20)));
        got.add(t.client(cat(part(UPDATE, 20, 23), REFRESH)));
        got.add(t.client(cat(REFRESH, part(UPDATE, 0, 5))));
        got.add(t.client(part(UPDATE, 5, 23)));
        got.add(t.client(cat(msg(0x80), msg(6), msg(7), msg(128))));
        got.add(t.server(marker(8)));
        got.add(t.server(cat(marker(8), new byte[] {0, 19, 4})));
        got.add(t.client(msg(2, 0, 5, 0, 0)));
        got.add(t.client(msg(1, 4)));
        got.add(t.client(msg(3)));
        got.add(t.client(msg(5)));
        assertEquals(List.of(
                "BGP OPEN Message",
                "BGP OPEN Message",
                "BGP KEEPALIVE Message, UPDATE Message",
                "BGP ",
                "BGP KEEPALIVE Message",
                "BGP Unknown message type (0x09)",
                "BGP KEEPALIVE Message[Malformed Packet]",
                "TCP" + SEGMENT,
                "BGP NOTIFICATION Message",
                "TCP" + SEGMENT,
                "BGP UPDATE Message, ROUTE-REFRESH Message",
                "BGP ROUTE-REFRESH Message",
                "BGP UPDATE Message",
                "BGP Cisco ROUTE-REFRESH Message, CAPABILITY Message, Unknown message type (0x07), Cisco ROUTE-REFRESH Message",
                "TCP" + SEGMENT,
                "BGP KEEPALIVE Message",
                "BGP UPDATE Message[Malformed Packet]",
                "BGP OPEN Message[Malformed Packet]",
                "BGP NOTIFICATION Message[Malformed Packet]",
                "BGP ROUTE-REFRESH Message"), got);
    }

    @Test
    void markerScanAndCutHeaders() {
        SmtpTest.Stream t = new SmtpTest.Stream(179);
        List<String> got = new ArrayList<>();
        got.add(t.server(cat(KA, marker(5))));
        got.add(t.server(cat(marker(11), new byte[] {0, 19, 4}, KA)));
        got.add(t.server(cat(KA, marker(16))));
        got.add(t.server(new byte[] {0, 19, 4}));
        got.add(t.server(cat(KA, marker(16), new byte[] {0})));
        got.add(t.server(new byte[] {19, 4}));
        got.add(t.server(cat(KA, marker(16), new byte[] {0, 19})));
        got.add(t.server(cat(new byte[] {4}, KA)));
        got.add(t.client(cat(new byte[100], KA)));
        got.add(t.client(marker(40)));
        assertEquals(List.of(
                "BGP KEEPALIVE Message",
                "BGP KEEPALIVE Message, KEEPALIVE Message",
                "BGP KEEPALIVE Message",
                "BGP KEEPALIVE Message",
                "BGP KEEPALIVE Message",
                "BGP KEEPALIVE Message",
                "BGP KEEPALIVE Message",
                "BGP KEEPALIVE Message, KEEPALIVE Message",
                "BGP KEEPALIVE Message",
                "TCP" + SEGMENT), got);
        SmtpTest.Stream u = new SmtpTest.Stream(179);
        assertEquals("BGP ", u.server("abc"));
        assertEquals("BGP KEEPALIVE Message", u.server(cat(KA, new byte[] {1})));
        assertEquals("BGP KEEPALIVE Message, KEEPALIVE Message", u.server(cat(KA, KA)));
    }

    @Test
    void garbageNeverThrows() {
        SmtpTest.Stream t = new SmtpTest.Stream(179);
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 300; i++) {
            byte[] d = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(d);
            if (rnd.nextBoolean() && d.length > 19) {
                System.arraycopy(marker(16), 0, d, 0, 16);
            }
            String l = rnd.nextBoolean() ? t.client(d) : t.server(d);
            assertTrue(l.startsWith("BGP ") || l.startsWith("TCP "), l);
        }
    }
}
