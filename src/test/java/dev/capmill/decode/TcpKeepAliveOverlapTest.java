package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.model.TextBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive resends the last byte sent (seq = next - 1, one byte). When that byte ended a PDU
 * reassembled from several segments and differs from it, tshark's reassembly (which keeps every
 * such PDU) refuses the overlap: "[Reassembly error, protocol TCP: New fragment overlaps old data
 * (retransmission?)]" ends the line (seen on 257 corpus lines, OCSP over HTTP).
 */
class TcpKeepAliveOverlapTest {
    private final TcpConversations conversations = new TcpConversations();
    private final TcpPayload payload = new TcpPayload(conversations.capacity());
    private final Tcp tcp = new Tcp();
    private final TextBuffer protocol = new TextBuffer();
    private final TextBuffer info = new TextBuffer();
    private final Columns columns = new Columns(protocol, info);
    private final byte[] addrs = {10, 0, 0, 1, 10, 0, 0, 2};
    private long frame;

    /** A segment from the client (port 55195) to port 80 with sequence number {@code seq}; returns the Info. */
    private String send(long seq, int flags, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(20 + data.length);
        h.putShort((short) 55195).putShort((short) 80).putInt((int) seq).putInt(1)
                .putShort((short) (5 << 12 | flags)).putShort((short) 1000).putInt(0).put(data);
        byte[] s = h.array();
        tcp.reset(s, 0, s.length);
        frame++;
        conversations.track(tcp, addrs, 0, 4, 4, data.length, frame * 1_000_000_000L, frame);
        columns.reset();
        info.append("tcp");
        payload.dissect(conversations, tcp, s, 20, data.length, data.length, frame, columns);
        return info.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void keepAliveOverTheLastByteOfAReassembledPduIsAnOverlapError() {
        send(100, Tcp.SYN, new byte[0]);
        // a request whose body comes in the next segment: reassembled over two segments
        assertEquals("POST /ocsp HTTP/1.1  [TCP segment of a reassembled PDU]",
                send(101, Tcp.ACK | Tcp.PSH, ascii("POST /ocsp HTTP/1.1\r\nContent-Length: 4\r\n\r\n")));
        int head = 42;
        assertEquals("POST /ocsp HTTP/1.1 ", send(101 + head, Tcp.ACK | Tcp.PSH, ascii("abcd")));
        send(101 + head + 4, Tcp.ACK, new byte[0]);
        // ten seconds later a keep-alive: the PDU's last byte again, as a zero byte
        assertEquals("tcp[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]",
                send(101 + head + 3, Tcp.ACK, new byte[] {0}));
        // the same byte is no overlap error
        assertEquals("tcp", send(101 + head + 3, Tcp.ACK, ascii("d")));
    }
}
