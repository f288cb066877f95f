package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Relative numbers per conversation, and the bound on how many conversations are remembered. */
class TcpConversationsTest {
    static byte[] segment(int sp, int dp, long seq, long ack, int flags) {
        return ByteBuffer.allocate(20).putShort((short) sp).putShort((short) dp).putInt((int) seq).putInt((int) ack)
                .putShort((short) (5 << 12 | flags)).putShort((short) 1000).putInt(0).array();
    }

    final byte[] addrs = {10, 0, 0, 1, 10, 0, 0, 2};
    final Tcp tcp = new Tcp();

    void track(TcpConversations c, int sp, int dp, long seq, long ack, int flags, boolean fromFirst) {
        byte[] s = segment(sp, dp, seq, ack, flags);
        tcp.reset(s, 0, s.length);
        c.track(tcp, addrs, fromFirst ? 0 : 4, fromFirst ? 4 : 0, 4);
    }

    @Test
    void sequenceNumbersWrapAroundTwoToThe32() {
        TcpConversations c = new TcpConversations(1);
        track(c, 1, 2, 0xfffffff0L, 0, Tcp.SYN, true);
        assertEquals(0, c.relativeSeq());
        track(c, 1, 2, 0x10L, 5, Tcp.ACK, true);
        assertEquals(0x20, c.relativeSeq());
    }

    @Test
    void aNewSynOnTheSamePortsStartsAgain() {
        TcpConversations c = new TcpConversations(1);
        track(c, 1, 2, 100, 0, Tcp.SYN, true);
        track(c, 1, 2, 150, 0, Tcp.ACK, true);
        assertEquals(50, c.relativeSeq());
        track(c, 1, 2, 5000, 0, Tcp.SYN, true);
        assertEquals(0, c.relativeSeq());
        track(c, 1, 2, 5001, 0, Tcp.ACK, true);
        assertEquals(1, c.relativeSeq());
    }

    @Test
    void stateIsBoundedAndTheLeastRecentlyUsedConversationIsForgotten() {
        // one set of four ways: the fifth conversation evicts the least recently used
        TcpConversations c = new TcpConversations(1);
        for (int port = 1; port <= 4; port++) {
            track(c, port, 80, 1000, 0, Tcp.SYN, true);
        }
        track(c, 1, 80, 1100, 0, Tcp.ACK, true); // port 1 used again
        assertEquals(100, c.relativeSeq());
        track(c, 5, 80, 7000, 0, Tcp.SYN, true); // evicts port 2
        track(c, 1, 80, 1200, 0, Tcp.ACK, true);
        assertEquals(200, c.relativeSeq(), "kept");
        track(c, 2, 80, 1300, 0, Tcp.ACK, true);
        assertEquals(1, c.relativeSeq(), "forgotten: seen again as midstream");
    }
}
