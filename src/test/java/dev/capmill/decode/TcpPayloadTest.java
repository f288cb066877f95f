package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.model.TextBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** TCP application reassembly: its memory bound, and what tshark's reassembly says about overlaps. */
class TcpPayloadTest {
    private final TcpConversations conversations = new TcpConversations();
    private final TcpPayload payload = new TcpPayload(conversations.capacity());
    private final Tcp tcp = new Tcp();
    private final TextBuffer protocol = new TextBuffer();
    private final TextBuffer info = new TextBuffer();
    private final Columns columns = new Columns(protocol, info);
    private final byte[] addrs = {10, 0, 0, 1, 10, 0, 0, 2};
    private long frame;

    /**
     * One segment between 10.0.0.1:{@code client} and 10.0.0.2:80, to the server when {@code
     * toServer}; returns Protocol and Info (Info starts as "tcp", standing for the TCP summary).
     */
    private String send(int client, boolean toServer, long seq, int flags, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(20 + data.length);
        h.putShort((short) (toServer ? client : 80)).putShort((short) (toServer ? 80 : client)).putInt((int) seq)
                .putInt(1).putShort((short) (5 << 12 | flags)).putShort((short) 1000).putInt(0).put(data);
        byte[] s = h.array();
        tcp.reset(s, 0, s.length);
        frame++;
        conversations.track(tcp, addrs, toServer ? 0 : 4, toServer ? 4 : 0, 4, data.length, frame * 1_000_000_000L,
                frame);
        columns.reset();
        protocol.append("TCP");
        info.append("tcp");
        payload.dissect(conversations, tcp, s, 20, data.length, data.length, frame, columns);
        return protocol + " " + info;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** 48 chunked HTTP responses of about 1 MiB each, interleaved, need 48 MiB; the budget is 32 MiB. */
    @Test
    void manyLargePdusStayWithinTheBudget() {
        int streams = 48;
        byte[] head = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffff\r\n");
        long[] seq = new long[streams];
        for (int i = 0; i < streams; i++) {
            seq[i] = 1;
            send(40000 + i, false, seq[i], Tcp.ACK | Tcp.PSH, head);
            seq[i] += head.length;
        }
        byte[] body = new byte[32 * 1024];
        Arrays.fill(body, (byte) 'x');
        String last = "";
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < streams; i++) {
                last = send(40000 + i, false, seq[i], Tcp.ACK | Tcp.PSH, body);
                seq[i] += body.length;
                assertTrue(payload.bytesHeld() <= TcpPayload.BUDGET, "held " + payload.bytesHeld());
            }
        }
        // the most recently used PDUs are still being reassembled
        assertEquals("TCP tcp [TCP segment of a reassembled PDU]", last);
        assertTrue(payload.bytesHeld() > TcpPayload.BUDGET / 2, "the budget is used, " + payload.bytesHeld());
    }

    /**
     * A keep-alive resends the last byte sent (seq = next - 1, one byte). When that byte ended a PDU
     * reassembled from several segments and differs from it, tshark's reassembly (which keeps every
     * such PDU) refuses the overlap (257 corpus lines, OCSP over HTTP).
     */
    @Test
    void keepAliveOverTheLastByteOfAReassembledPduIsAnOverlapError() {
        int client = 55195;
        send(client, true, 100, Tcp.SYN, new byte[0]);
        // a request whose body comes in the next segment: reassembled over two segments
        assertEquals("TCP POST /ocsp HTTP/1.1  [TCP segment of a reassembled PDU]",
                send(client, true, 101, Tcp.ACK | Tcp.PSH, ascii("POST /ocsp HTTP/1.1\r\nContent-Length: 4\r\n\r\n")));
        int head = 42;
        assertEquals("HTTP POST /ocsp HTTP/1.1 ", send(client, true, 101 + head, Tcp.ACK | Tcp.PSH, ascii("abcd")));
        send(client, true, 101 + head + 4, Tcp.ACK, new byte[0]);
        // ten seconds later a keep-alive: the PDU's last byte again, as a zero byte
        assertEquals("TCP tcp[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]",
                send(client, true, 101 + head + 3, Tcp.ACK, new byte[] {0}));
        // the same byte is no overlap error
        assertEquals("TCP tcp", send(client, true, 101 + head + 3, Tcp.ACK, ascii("d")));
    }
}
