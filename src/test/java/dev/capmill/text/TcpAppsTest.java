package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.decode.Dissection;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TCP analysis flags, HTTP and TLS on testdata/pcap/tcp-apps.pcap (made by TcpAppsCaptures)
 * against tshark 4.0.17's lines (the committed golden) and its -T fields values.
 */
class TcpAppsTest {
    static final Path CAPTURE = Shared.projectDir().resolve("testdata/pcap/tcp-apps.pcap");

    @Test
    void everyLineIsTsharks() throws Exception {
        List<String> mine = TextWriterGoldenTest.lines(TextWriterGoldenTest.text(CAPTURE));
        List<String> tshark = TextWriterGoldenTest.lines(Files.readAllBytes(
                CAPTURE.resolveSibling("tcp-apps.pcap.tshark-n.txt")));
        assertEquals(tshark.size(), mine.size());
        for (int i = 0; i < tshark.size(); i++) {
            assertEquals(tshark.get(i), mine.get(i), "frame " + (i + 1));
        }
        // the fixture holds every flag the brief names, and both applications
        String all = String.join("\n", tshark);
        for (String flag : new String[] {"[TCP Retransmission]", "[TCP Fast Retransmission]",
            "[TCP Spurious Retransmission]", "[TCP Dup ACK 5#3]", "[TCP Window Update]", "[TCP Window Full]",
            "[TCP ZeroWindow]", "[TCP ZeroWindowProbe]", "[TCP ZeroWindowProbeAck]", "[TCP Keep-Alive]",
            "[TCP Keep-Alive ACK]", "[TCP Previous segment not captured]", "[TCP Out-Of-Order]",
            "[TCP ACKed unseen segment]", "[TCP Port numbers reused]", "[TCP segment of a reassembled PDU]",
            "HTTP/1.1 200 OK  (text/html)", "TLSv1.2 458 Server Hello, Certificate", "TLSv1.3 1157 Server Hello, Change Cipher Spec"}) {
            assertTrue(all.contains(flag), flag);
        }
    }

    static List<PacketRecord> packets() throws Exception {
        List<PacketRecord> packets = new ArrayList<>();
        try (CaptureReader r = FormatRegistry.standard().open(CAPTURE.toString(), ReadOptions.defaults())) {
            PacketRecord p = new PacketRecord();
            while (r.next(p)) {
                if (p.isPacket()) {
                    packets.add(p.copy());
                }
            }
        }
        return packets;
    }

    @Test
    void fieldsAsTsharkPrintsThem() throws Exception {
        // TZ=UTC tshark -r tcp-apps.pcap -T fields -e frame.number -e tcp.stream -e http.request.method
        //   -e http.request.uri -e http.host -e http.response.code -e tls.handshake.type
        //   -e tls.handshake.extensions_server_name
        Summarizer s = new Summarizer();
        List<PacketRecord> packets = packets();
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            PacketRecord r = packets.get(i);
            s.summarize(r.data(), r.offset(), r.capturedLength(), r.capturedLength(), 1, i + 1,
                    r.seconds() * 1_000_000_000L + r.nanos());
            Dissection d = s.dissection();
            int n = i + 1;
            if (n == 33 || n == 34 || n == 38 || n == 54 || n == 70) {
                seen.append(n).append(':').append(d.tcpState.stream()).append(' ');
            }
            if (d.has(Dissection.HTTP)) {
                seen.append(n).append(":http[").append(d.tcpPayload.httpRequestMethod()).append('|')
                        .append(d.tcpPayload.httpRequestUri()).append('|').append(d.tcpPayload.httpHost()).append('|')
                        .append(d.tcpPayload.httpResponseCode()).append("] ");
            }
            if (d.has(Dissection.TLS) && d.tcpPayload.tlsHandshakeTypes() > 0) {
                seen.append(n).append(":tls[");
                for (int k = 0; k < d.tcpPayload.tlsHandshakeTypes(); k++) {
                    seen.append(k > 0 ? "," : "").append(d.tcpPayload.tlsHandshakeType(k));
                }
                seen.append('|').append(d.tcpPayload.tlsServerName()).append("] ");
            }
        }
        // tshark gives "2,11" for frame 61: it stops at the fixture's made-up certificate; the four
        // messages are all in its Info column, and capmill lists all four
        assertEquals("33:0 34:1 38:2 43:http[GET|/docs/index.html|www.example.com|-1] 47:http[|||200] "
                + "49:http[GET|/style.css|www.example.com|-1] 50:http[|||304] 54:3 57:tls[1|www.example.com] "
                + "61:tls[2,11,12,14|] 62:tls[16|] 70:4 73:tls[1|tls13.example.org] 74:tls[2|] ", seen.toString());
    }

    @Test
    void truncatedAndDamagedSegmentsNeverThrowNorReadPastTheView() throws Exception {
        List<PacketRecord> packets = packets();
        Summarizer s = new Summarizer();
        Summarizer exact = new Summarizer();
        Random rnd = new Random(7);
        long frame = 0;
        for (PacketRecord r : packets) {
            byte[] pkt = java.util.Arrays.copyOfRange(r.data(), r.offset(), r.offset() + r.capturedLength());
            byte[] buf = new byte[pkt.length + 64];
            for (int len = 0; len <= pkt.length; len += 1 + len / 64) {
                System.arraycopy(pkt, 0, buf, 16, pkt.length);
                for (int i = 16 + len; i < buf.length; i++) {
                    buf[i] = (byte) 0xee;
                }
                s.summarize(buf, 16, len, len, 1, ++frame, frame * 1000);
                exact.summarize(java.util.Arrays.copyOfRange(pkt, 0, len), 0, len, len, 1, frame, frame * 1000);
                assertFalse(s.protocol.length() == 0);
                assertEquals(exact.protocol + "|" + exact.infoText(), s.protocol + "|" + s.infoText());
            }
            for (int round = 0; round < 200; round++) {
                byte[] d = pkt.clone();
                int from = Math.min(d.length - 1, 54);
                for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                    d[from + rnd.nextInt(d.length - from)] = (byte) rnd.nextInt(256);
                }
                s.summarize(d, 0, d.length, d.length, 1, ++frame, frame * 1000);
                exact.summarize(d, 0, d.length, d.length, 1, frame, frame * 1000);
                assertEquals(exact.protocol + "|" + exact.infoText(), s.protocol + "|" + s.infoText());
            }
        }
    }

    @Test
    void reassemblyStateIsBoundedWhateverThePduLengths() throws Exception {
        // a TLS record header announcing 65535 bytes on many connections: buffers are shared and capped
        Summarizer s = new Summarizer();
        byte[] f = packets().get(56).data().clone(); // the TLS 1.2 Client Hello (frame 57)
        int tcp = 14 + 20;
        int data = tcp + 20;
        f[data + 3] = (byte) 0xff;
        f[data + 4] = (byte) 0xff;
        for (int port = 20_000; port < 25_000; port++) {
            f[tcp] = (byte) (port >> 8);
            f[tcp + 1] = (byte) port;
            s.summarize(f, 0, f.length, f.length, 1, port, port * 1_000_000L);
            assertEquals("TCP", s.protocol.toString());
            assertTrue(s.infoText().endsWith("[TCP segment of a reassembled PDU]"), s.infoText());
        }
    }
}
