package dev.capmill.decode;

/**
 * Remembers recent ICMP and ICMPv6 echo requests so that a reply can name the frame of its
 * request, as tshark's "(request in N)". As in tshark (packet-icmp.c, packet-icmpv6.c), a reply
 * matches a request between the same two addresses in either direction with the same identifier,
 * sequence number and checksum once the checksum is corrected for the changed type byte (so a
 * reply whose data differs from the request's does not match). Bounded like {@link TcpConversations}.
 */
public final class IcmpEchoes {
    private final ConversationTable table;
    private final long[] requestFrame;

    public IcmpEchoes() {
        this(1 << 12);
    }

    public IcmpEchoes(int sets) {
        table = new ConversationTable(sets);
        requestFrame = new long[table.capacity()];
    }

    private static long key(byte[] b, int src, int dst, int addrLen, int id, int seq, int requestChecksum) {
        // the two addresses in a fixed order, so that either direction finds the same entry
        int first = src;
        int second = dst;
        for (int i = 0; i < addrLen; i++) {
            int d = (b[src + i] & 0xff) - (b[dst + i] & 0xff);
            if (d != 0) {
                if (d > 0) {
                    first = dst;
                    second = src;
                }
                break;
            }
        }
        long h = ConversationTable.SEED;
        h = ConversationTable.hash(h, b, first, addrLen);
        h = ConversationTable.hash(h, b, second, addrLen);
        return ConversationTable.hash(h, (long) id << 32 | (long) seq << 16 | requestChecksum);
    }

    /** Records an echo request (ICMP type 8, ICMPv6 type 128) seen in {@code frame}. */
    public void request(byte[] b, int src, int dst, int addrLen, int id, int seq, int checksum, long frame) {
        int slot = table.slot(key(b, src, dst, addrLen, id, seq, checksum));
        requestFrame[slot] = frame;
    }

    /**
     * The frame number of the request this reply answers, or 0. {@code typeDelta} is the request's
     * type minus the reply's (8 for ICMP, -1 for ICMPv6).
     */
    public long reply(byte[] b, int src, int dst, int addrLen, int id, int seq, int checksum, int typeDelta) {
        // checksum = ~sum; the request's sum has (typeDelta << 8) more in its first word
        int sum = ~checksum & 0xffff;
        int delta = typeDelta >= 0 ? (typeDelta << 8) & 0xffff : ~((-typeDelta) << 8) & 0xffff;
        int s = sum + delta;
        s = (s & 0xffff) + (s >> 16);
        int requestChecksum = ~s & 0xffff;
        int slot = table.find(key(b, src, dst, addrLen, id, seq, requestChecksum));
        return slot < 0 ? 0 : requestFrame[slot];
    }

    /** ICMP (IPv4) convenience: identifier, sequence number and checksum from the decoder. */
    public void request(Icmp icmp, byte[] b, int src, int dst, int addrLen, long frame) {
        request(b, src, dst, addrLen, icmp.identifier(), icmp.sequence(), icmp.checksum(), frame);
    }

    public long reply(Icmp icmp, byte[] b, int src, int dst, int addrLen) {
        return reply(b, src, dst, addrLen, icmp.identifier(), icmp.sequence(), icmp.checksum(), 8);
    }
}
