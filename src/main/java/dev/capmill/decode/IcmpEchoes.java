package dev.capmill.decode;

/**
 * Remembers recent ICMP echo requests (by identifier, sequence number and address pair) so that a
 * reply can name the frame of its request, as tshark's "(request in N)". Bounded like {@link
 * TcpConversations}.
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

    private static long key(Icmp icmp, byte[] b, int src, int dst, int addrLen, boolean request) {
        // the request's (src, dst) is the reply's (dst, src)
        int a = request ? src : dst;
        int z = request ? dst : src;
        long h = ConversationTable.SEED;
        h = ConversationTable.hash(h, b, a, addrLen);
        h = ConversationTable.hash(h, b, z, addrLen);
        return ConversationTable.hash(h, (long) icmp.identifier() << 16 | icmp.sequence());
    }

    public void request(Icmp icmp, byte[] b, int src, int dst, int addrLen, long frame) {
        int slot = table.slot(key(icmp, b, src, dst, addrLen, true));
        requestFrame[slot] = frame;
    }

    /** The frame number of the matching request, or 0. */
    public long reply(Icmp icmp, byte[] b, int src, int dst, int addrLen) {
        int slot = table.find(key(icmp, b, src, dst, addrLen, false));
        return slot < 0 ? 0 : requestFrame[slot];
    }
}
