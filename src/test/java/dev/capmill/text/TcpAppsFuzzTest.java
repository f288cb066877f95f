package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.ACK;
import static dev.capmill.text.SummarizerTest.B;
import static dev.capmill.text.SummarizerTest.FIN;
import static dev.capmill.text.SummarizerTest.PSH;
import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.tcp;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile application data on the ports the TCP payload decoders own (HTTP, TLS, FTP, Modbus/TCP,
 * OpenFlow, SMTP, BGP): streams that start like the real protocol and then turn to random bytes,
 * lengths and cuts, sent in random segments, both ways, with retransmissions and gaps. Nothing may throw,
 * and every line names a protocol; the reassembly buffers stay within their budget (checked in
 * decode.TcpPayloadBudgetTest).
 */
class TcpAppsFuzzTest {
    private static final int[] PORTS = {80, 443, 21, 502, 6653, 6633, 22, 25, 587, 179, 13400, 53};

    private static byte[] start(int port, Random rnd) {
        String s = switch (port) {
            case 80 -> rnd.nextBoolean() ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n"
                    : "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n";
            case 21 -> "220 ready\r\n";
            case 22 -> rnd.nextBoolean() ? "SSH-2.0-x\r\n" : "SSH-1.5-y\n";
            case 25, 587 -> rnd.nextBoolean() ? "220 ready\r\n250-x\r\n" : "EHLO x\r\nAUTH LOGIN\r\nDATA\r\n";
            default -> "";
        };
        byte[] head = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest = new byte[rnd.nextInt(3000)];
        rnd.nextBytes(rest);
        byte[] d = cat(head, rest);
        if (port == 443 && d.length >= 5) {
            d[0] = 0x16; // a handshake record, random length
            d[1] = 3;
            d[2] = 3;
        } else if (port == 502 && d.length >= 8) {
            d[2] = 0; // protocol id 0: the Modbus dissector takes it
            d[3] = 0;
        } else if (port == 179 && d.length >= 19) {
            java.util.Arrays.fill(d, 0, 16, (byte) 0xff); // a marker, random length and type
        } else if ((port == 6653 || port == 6633) && d.length >= 4) {
            d[0] = (byte) (rnd.nextBoolean() ? 1 : 4);
        }
        return d;
    }

    @Test
    void randomStreamsOnEveryApplicationPortNeverThrow() {
        Summarizer s = new Summarizer();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        Random rnd = new Random(11);
        long frame = 0;
        for (int round = 0; round < 3000; round++) {
            int port = PORTS[rnd.nextInt(PORTS.length)];
            int client = 20000 + rnd.nextInt(200);
            boolean toServer = rnd.nextBoolean();
            byte[] data = start(port, rnd);
            long seq = 1 + rnd.nextInt(3);
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + rnd.nextInt(1400));
                byte[] seg = java.util.Arrays.copyOfRange(data, at, at + n);
                int flags = PSH | ACK | (at + n == data.length && rnd.nextInt(4) == 0 ? FIN : 0);
                byte[] t = toServer ? tcp(client, port, seq, 1, flags, 1000, new byte[0], 0, 0)
                        : tcp(port, client, seq, 1, flags, 1000, new byte[0], 0, 0);
                byte[] pkt = eth(0x0800, toServer ? ip4(A, B, 6, cat(t, seg)) : ip4(B, A, 6, cat(t, seg)));
                // cut some frames short, as a snapshot length would
                int len = rnd.nextInt(10) == 0 ? rnd.nextInt(pkt.length + 1) : pkt.length;
                s.summarize(pkt, 0, len, pkt.length, 1, ++frame, frame * 1000);
                assertFalse(s.protocol.length() == 0, "frame " + frame + ": a protocol is always named");
                seen.add(s.protocol.toString());
                int r = rnd.nextInt(10);
                if (r == 0) {
                    continue; // sent again: a retransmission
                }
                if (r == 1) {
                    seq += 100; // a gap
                }
                at += n;
                seq += n;
            }
        }
        // the streams reached every decoder
        for (String p : new String[] {"HTTP", "FTP", "Modbus/TCP", "OpenFlow", "TLSv1.2", "TCP"}) {
            org.junit.jupiter.api.Assertions.assertTrue(seen.contains(p), p + " not reached: " + seen);
        }
    }
}
