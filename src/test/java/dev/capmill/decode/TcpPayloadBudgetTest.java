package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.model.TextBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The reassembly buffers stay within their budget however many large PDUs are in progress: 48
 * chunked HTTP responses of about 1 MiB each, interleaved, need 48 MiB; the budget is 32 MiB.
 */
class TcpPayloadBudgetTest {
    private final TcpConversations conversations = new TcpConversations();
    private final TcpPayload payload = new TcpPayload(conversations.capacity());
    private final Tcp tcp = new Tcp();
    private final TextBuffer protocol = new TextBuffer();
    private final TextBuffer info = new TextBuffer();
    private final Columns columns = new Columns(protocol, info);
    private final byte[] addrs = {10, 0, 0, 1, 10, 0, 0, 2};
    private long frame;

    /** One segment from the server (port 80) to client port {@code client}; returns the Info. */
    private String send(int client, long seq, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(20 + data.length);
        h.putShort((short) 80).putShort((short) client).putInt((int) seq).putInt(1)
                .putShort((short) (5 << 12 | Tcp.ACK | Tcp.PSH)).putShort((short) 1000).putInt(0).put(data);
        byte[] s = h.array();
        tcp.reset(s, 0, s.length);
        frame++;
        conversations.track(tcp, addrs, 4, 0, 4, data.length, frame * 1000, frame);
        columns.reset();
        info.append("segment");
        payload.dissect(conversations, tcp, s, 20, data.length, data.length, frame, columns);
        return protocol + " " + info;
    }

    @Test
    void manyLargePdusStayWithinTheBudget() {
        int streams = 48;
        byte[] head = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffff\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long[] seq = new long[streams];
        for (int i = 0; i < streams; i++) {
            seq[i] = 1;
            send(40000 + i, seq[i], head);
            seq[i] += head.length;
        }
        byte[] body = new byte[32 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        String last = "";
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < streams; i++) {
                last = send(40000 + i, seq[i], body);
                seq[i] += body.length;
                assertTrue(payload.bytesHeld() <= TcpPayload.BUDGET, "held " + payload.bytesHeld());
            }
        }
        // the most recently used PDUs are still being reassembled
        assertEquals("TCP segment [TCP segment of a reassembled PDU]", last);
        assertTrue(payload.bytesHeld() > TcpPayload.BUDGET / 2, "the budget is used, " + payload.bytesHeld());
    }
}
