package dev.capmill.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code testdata/pcap/tcp-apps.pcap}: TCP conversations built byte by byte that make
 * tshark print each of its TCP analysis flags, an HTTP exchange split over segments, and TLS 1.2
 * and 1.3 handshakes (records split over segments and several records in one segment). Only
 * documentation addresses (192.0.2.0/24, 198.51.100.0/24) and locally administered MACs; the TLS
 * "encrypted" parts are counting bytes, not real ciphertext. Deterministic.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.testing.TcpAppsCaptures</pre>
 */
public final class TcpAppsCaptures {
    static final byte[] MAC_C = {2, 0, 0, 0, 0, 0x11};
    static final byte[] MAC_S = {2, 0, 0, 0, 0, 0x22};
    static final byte[] CLIENT = {(byte) 192, 0, 2, 10};
    static final byte[] SERVER = {(byte) 198, 51, 100, 20};
    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;

    private final List<byte[]> frames = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    /** Capture time in microseconds. */
    private long now = 1_709_294_400_000_000L;

    private TcpAppsCaptures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Shared.projectDir().resolve(args.length > 0 ? args[0] : "testdata/pcap/tcp-apps.pcap");
        Files.createDirectories(out.getParent());
        Files.write(out, pcap());
        System.err.println("wrote " + out);
    }

    /** One side of a TCP conversation: its ports, next sequence number and what it has acknowledged. */
    final class Side {
        final byte[] mac;
        final byte[] ip;
        final int port;
        long seq;
        long ack;
        int window = 65535;
        Side peer;

        Side(byte[] mac, byte[] ip, int port, long isn) {
            this.mac = mac;
            this.ip = ip;
            this.port = port;
            this.seq = isn;
        }

        /** Sends a segment at the current sequence number and advances it. */
        Side send(int flags, byte[] payload) {
            return sendAt(seq, flags, payload, true);
        }

        Side send(int flags, String payload) {
            return send(flags, payload.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Sends a segment with sequence number {@code s}; advances the next number when {@code advance}. */
        Side sendAt(long s, int flags, byte[] payload, boolean advance) {
            byte[] opts = new byte[0];
            if ((flags & SYN) != 0) {
                opts = new byte[] {2, 4, 5, (byte) 0xb4, 1, 3, 3, 7, 4, 2, 0, 0};
            }
            frames.add(segment(this, peer, s, (flags & ACK) != 0 ? ack : 0, flags, window, opts, payload));
            times.add(now);
            if (advance) {
                long end = s + payload.length + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
                if (((end - seq) & 0x80000000L) == 0) {
                    seq = end & 0xffffffffL;
                }
                if (peer != null) {
                    peer.ack = seq;
                }
            }
            return this;
        }

        Side ack() {
            return send(ACK, new byte[0]);
        }
    }

    Side[] connect(int clientPort, int serverPort, long cIsn, long sIsn) {
        Side c = new Side(MAC_C, CLIENT, clientPort, cIsn);
        Side s = new Side(MAC_S, SERVER, serverPort, sIsn);
        c.peer = s;
        s.peer = c;
        c.send(SYN, new byte[0]);
        pause(400);
        s.send(SYN | ACK, new byte[0]);
        pause(400);
        c.ack();
        pause(100);
        return new Side[] {c, s};
    }

    void pause(long micros) {
        now += micros;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (0x80 | ((i * 31 + seed) & 0x7f));
        }
        return b;
    }

    static byte[] segment(Side from, Side to, long seq, long ack, int flags, int window, byte[] opts, byte[] payload) {
        int hl = 20 + opts.length;
        byte[] t = new byte[hl + payload.length];
        ByteBuffer b = ByteBuffer.wrap(t);
        b.putShort((short) from.port).putShort((short) to.port).putInt((int) seq).putInt((int) ack)
                .put((byte) ((hl / 4) << 4)).put((byte) flags).putShort((short) window).putShort((short) 0)
                .putShort((short) 0).put(opts).put(payload);
        int c = SampleCaptures.checksum(t, 0, t.length, SampleCaptures.sum(from.ip) + SampleCaptures.sum(to.ip) + 6 + t.length);
        t[16] = (byte) (c >> 8);
        t[17] = (byte) c;
        return SampleCaptures.eth(from.mac, to.mac, 0x0800, SampleCaptures.ipv4(from.ip, to.ip, 6, 1, t));
    }

    static byte[] pcap() {
        TcpAppsCaptures g = new TcpAppsCaptures();
        g.analysisFlags();
        g.http();
        g.tls12();
        g.tls13();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        o.writeBytes(h.array());
        for (int i = 0; i < g.frames.size(); i++) {
            byte[] f = g.frames.get(i);
            long t = g.times.get(i);
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(f.length).putInt(f.length);
            o.writeBytes(r.array());
            o.writeBytes(f);
        }
        return o.toByteArray();
    }

    /** Every analysis flag tshark prints, on port 7 pairs no dissector claims (payload of non-text bytes). */
    void analysisFlags() {
        Side[] cs = connect(41000, 9, 1_000_000, 5_000_000);
        Side c = cs[0];
        Side s = cs[1];
        // data, acked; a window update
        c.send(PSH | ACK, bytes(100, 1));
        pause(2000);
        s.ack();
        pause(1000);
        s.window = 60000;
        s.ack(); // [TCP Window Update]
        pause(1000);
        // a lost segment: skip 50 bytes
        long lost = c.seq;
        c.seq += 50;
        c.send(PSH | ACK, bytes(100, 2)); // [TCP Previous segment not captured]
        pause(500);
        // duplicate acks for the hole, then the fast retransmission
        s.ack = lost;
        s.ack(); // [TCP Dup ACK] (same ack and window as the window update)
        pause(500);
        s.ack(); // [TCP Dup ACK]
        pause(500);
        s.ack(); // [TCP Dup ACK]
        pause(1000);
        c.sendAt(lost, PSH | ACK, bytes(50, 3), false); // [TCP Fast Retransmission]
        pause(500);
        s.ack = c.seq;
        s.ack();
        pause(5000);
        // a retransmission (long after), then a spurious one (already acked)
        long before = c.seq;
        c.send(PSH | ACK, bytes(80, 4));
        pause(200_000);
        c.sendAt(before, PSH | ACK, bytes(80, 4), false); // [TCP Retransmission]
        pause(500);
        s.ack();
        pause(1000);
        c.sendAt(before, PSH | ACK, bytes(80, 4), false); // [TCP Spurious Retransmission]
        pause(1000);
        // out of order: two segments swapped within a millisecond
        long first = c.seq;
        c.seq += 60;
        c.send(PSH | ACK, bytes(60, 5)); // [TCP Previous segment not captured]
        pause(300);
        c.sendAt(first, PSH | ACK, bytes(60, 6), false); // [TCP Out-Of-Order]
        pause(500);
        s.ack();
        pause(1000);
        // keep-alive and its ack
        c.sendAt(c.seq - 1, ACK, new byte[0], false); // [TCP Keep-Alive]
        pause(500);
        s.ack(); // [TCP Keep-Alive ACK]
        pause(1000);
        // the receiver's window closes: zero window, probe, probe ack, then it opens
        s.window = 0;
        c.send(PSH | ACK, bytes(40, 7));
        pause(300);
        s.ack(); // [TCP ZeroWindow]
        pause(1000);
        c.send(ACK, bytes(1, 8)); // [TCP ZeroWindowProbe]
        pause(300);
        s.ack = c.seq - 1;
        s.ack(); // [TCP ZeroWindowProbeAck] [TCP ZeroWindow]
        c.seq--; // the probe's byte is sent again with the next data
        pause(1000);
        s.window = 8192;
        s.ack(); // [TCP Window Update]
        pause(1000);
        // window full: exactly the advertised window (scaled by 2^7 from the handshake: 8192*128 is too much; use a small one)
        s.window = 2;
        s.ack(); // window update to 256 bytes
        pause(1000);
        c.send(PSH | ACK, bytes(256, 9)); // [TCP Window Full]
        pause(500);
        s.window = 512;
        s.ack();
        pause(1000);
        // acked unseen segment: the server acks data the capture never saw
        c.seq += 30;
        s.ack = c.seq;
        s.ack(); // [TCP ACKed unseen segment]
        pause(1000);
        c.send(FIN | ACK, new byte[0]);
        pause(300);
        s.send(FIN | ACK, new byte[0]);
        pause(300);
        c.ack();
        pause(10_000);
        // the same ports again with a new initial sequence number
        Side[] again = connect(41000, 9, 9_000_000, 3_000_000); // [TCP Port numbers reused]
        again[0].send(RST | ACK, new byte[0]);
        pause(10_000);
    }

    /** An HTTP request over two segments, a response whose headers and body span three. */
    void http() {
        Side[] cs = connect(41001, 80, 2_000_000, 6_000_000);
        Side c = cs[0];
        Side s = cs[1];
        c.send(ACK, "GET /docs/index.html HTTP/1.1\r\nHost: www.example.com\r\n");
        pause(300);
        s.ack();
        pause(300);
        c.send(PSH | ACK, "User-Agent: capmill-test\r\nAccept: */*\r\n\r\n");
        pause(2000);
        String body = "<html><body>" + "x".repeat(300) + "</body></html>\n";
        s.send(ACK, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body.substring(0, 100));
        pause(100);
        s.send(ACK, body.substring(100, 250));
        pause(100);
        c.ack();
        pause(100);
        s.send(PSH | ACK, body.substring(250));
        pause(500);
        c.ack();
        pause(1000);
        // a second request and a response in one segment each; a 304 without a body
        c.send(PSH | ACK, "GET /style.css HTTP/1.1\r\nHost: www.example.com\r\nIf-None-Match: \"a\"\r\n\r\n");
        pause(2000);
        s.send(PSH | ACK, "HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\n");
        pause(500);
        c.send(FIN | ACK, new byte[0]);
        pause(300);
        s.send(FIN | ACK, new byte[0]);
        pause(300);
        c.ack();
        pause(10_000);
    }

    static byte[] record(int type, int version, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putShort((short) version)
                .putShort((short) body.length).put(body).array();
    }

    static byte[] handshake(int type, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(type << 24 | body.length).put(body).array();
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] ext(int type, byte[] data) {
        return cat(u16(type), u16(data.length), data);
    }

    static byte[] sni(String host) {
        byte[] h = host.getBytes(StandardCharsets.US_ASCII);
        return ext(0, cat(u16(h.length + 3), new byte[] {0}, u16(h.length), h));
    }

    static byte[] clientHello(String host, boolean tls13) {
        byte[] exts = sni(host);
        exts = cat(exts, ext(10, cat(u16(4), u16(0x001d), u16(0x0017))), ext(13, cat(u16(4), u16(0x0403), u16(0x0804))));
        if (tls13) {
            exts = cat(exts, ext(43, new byte[] {4, 3, 4, 3, 3}), ext(51, cat(u16(38), u16(0x001d), u16(32), bytes(32, 40))));
        }
        byte[] body = cat(u16(0x0303), bytes(32, 11), new byte[] {32}, bytes(32, 12), u16(4), u16(0x1301), u16(0xc02f),
                new byte[] {1, 0}, u16(exts.length), exts);
        return handshake(1, body);
    }

    static byte[] serverHello(boolean tls13) {
        byte[] exts = tls13 ? cat(ext(43, u16(0x0304)), ext(51, cat(u16(0x001d), u16(32), bytes(32, 41))))
                : ext(0xff01, new byte[] {0});
        byte[] body = cat(u16(0x0303), bytes(32, 13), new byte[] {32}, bytes(32, 14), u16(tls13 ? 0x1301 : 0xc02f),
                new byte[] {0}, u16(exts.length), exts);
        return handshake(2, body);
    }

    /** TLS 1.2: the server's flight (hello, a certificate, key exchange, done) in one record over three segments. */
    void tls12() {
        Side[] cs = connect(41002, 443, 3_000_000, 7_000_000);
        Side c = cs[0];
        Side s = cs[1];
        c.send(PSH | ACK, record(22, 0x0301, clientHello("www.example.com", false)));
        pause(2000);
        byte[] cert = handshake(11, cat(new byte[] {0, 7, (byte) 0xd3, 0, 7, (byte) 0xd0}, bytes(2000, 15)));
        byte[] flight = record(22, 0x0303, cat(serverHello(false), cert, handshake(12, bytes(300, 16)), handshake(14, new byte[0])));
        s.send(ACK, java.util.Arrays.copyOfRange(flight, 0, 1000));
        pause(50);
        s.send(ACK, java.util.Arrays.copyOfRange(flight, 1000, 2000));
        pause(50);
        c.ack();
        pause(50);
        s.send(PSH | ACK, java.util.Arrays.copyOfRange(flight, 2000, flight.length));
        pause(2000);
        c.send(PSH | ACK, cat(record(22, 0x0303, handshake(16, cat(new byte[] {32}, bytes(32, 17)))),
                record(20, 0x0303, new byte[] {1}), record(22, 0x0303, bytes(40, 18))));
        pause(2000);
        s.send(PSH | ACK, cat(record(20, 0x0303, new byte[] {1}), record(22, 0x0303, bytes(40, 19))));
        pause(1000);
        c.send(PSH | ACK, record(23, 0x0303, bytes(120, 20)));
        pause(2000);
        s.send(PSH | ACK, cat(record(23, 0x0303, bytes(500, 21)), record(23, 0x0303, bytes(60, 22))));
        pause(500);
        c.send(PSH | ACK, record(21, 0x0303, bytes(26, 23)));
        pause(500);
        c.send(FIN | ACK, new byte[0]);
        pause(300);
        s.send(FIN | ACK, new byte[0]);
        pause(300);
        c.ack();
        pause(10_000);
    }

    /** TLS 1.3: hello with supported_versions, the server's hello, change cipher spec and encrypted records in one segment. */
    void tls13() {
        Side[] cs = connect(41003, 443, 4_000_000, 8_000_000);
        Side c = cs[0];
        Side s = cs[1];
        c.send(PSH | ACK, record(22, 0x0301, clientHello("tls13.example.org", true)));
        pause(2000);
        s.send(PSH | ACK, cat(record(22, 0x0303, serverHello(true)), record(20, 0x0303, new byte[] {1}),
                record(23, 0x0303, bytes(900, 24)), record(23, 0x0303, bytes(60, 25))));
        pause(1000);
        c.send(PSH | ACK, cat(record(20, 0x0303, new byte[] {1}), record(23, 0x0303, bytes(60, 26))));
        pause(500);
        c.send(PSH | ACK, record(23, 0x0303, bytes(200, 27)));
        pause(2000);
        s.send(PSH | ACK, record(23, 0x0303, bytes(3000, 28)));
        pause(500);
        c.ack();
        pause(500);
        c.send(FIN | ACK, new byte[0]);
        pause(300);
        s.send(FIN | ACK, new byte[0]);
        pause(300);
        c.ack();
    }
}
