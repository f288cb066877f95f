package dev.capmill.decode;

/**
 * TCP conversation state as tshark keeps it for its summary: the base sequence number of each
 * direction (relative numbers), and the window scale agreed in the handshake. Bounded: a fixed
 * table (see {@link ConversationTable}); an evicted conversation starts again as if seen midstream.
 */
public final class TcpConversations {
    private static final long MASK32 = 0xffffffffL;
    private final ConversationTable table;
    /** Per slot, index 2*slot + direction (0: from the lower endpoint, 1: from the higher). */
    private final long[] base;
    private final boolean[] baseSet;
    private final boolean[] synSeen;
    private final byte[] shift;

    private long relSeq;
    private long relAck;
    private long window;
    private long peerBase;

    public TcpConversations() {
        this(1 << 14);
    }

    /** {@code sets} (a power of two) times four conversations are kept. */
    public TcpConversations(int sets) {
        table = new ConversationTable(sets);
        int n = table.capacity() * 2;
        base = new long[n];
        baseSet = new boolean[n];
        synSeen = new boolean[n];
        shift = new byte[n];
    }

    /**
     * Updates the state with one segment whose addresses ({@code addrLen} bytes each) are at
     * {@code src} and {@code dst} in {@code b}, then makes {@link #relativeSeq()}, {@link
     * #relativeAck()} and {@link #window()} describe it.
     */
    public void track(Tcp tcp, byte[] b, int src, int dst, int addrLen) {
        int c = compare(b, src, dst, addrLen, tcp.sourcePort(), tcp.destinationPort());
        int lo = c <= 0 ? src : dst;
        int hi = c <= 0 ? dst : src;
        int loPort = c <= 0 ? tcp.sourcePort() : tcp.destinationPort();
        int hiPort = c <= 0 ? tcp.destinationPort() : tcp.sourcePort();
        long h = ConversationTable.SEED;
        h = ConversationTable.hash(h, b, lo, addrLen);
        h = ConversationTable.hash(h, b, hi, addrLen);
        h = ConversationTable.hash(h, ((long) addrLen << 32) | (long) loPort << 16 | hiPort);
        int slot = table.slot(h);
        int f = 2 * slot + (c <= 0 ? 0 : 1);
        int r = 2 * slot + (c <= 0 ? 1 : 0);
        boolean syn = tcp.has(Tcp.SYN);
        boolean ack = tcp.has(Tcp.ACK);
        if (table.created || (syn && !ack && baseSet[f] && base[f] != tcp.seq())) {
            // a new conversation, or a new SYN on the same ports: start again
            clear(f);
            clear(r);
        }
        if (!baseSet[f]) {
            base[f] = syn ? tcp.seq() : (tcp.seq() - 1) & MASK32;
            baseSet[f] = true;
        }
        if (syn) {
            synSeen[f] = true;
            shift[f] = (byte) tcp.windowShift();
        }
        if (ack && !baseSet[r]) {
            base[r] = (tcp.ack() - 1) & MASK32;
            baseSet[r] = true;
        }
        relSeq = (tcp.seq() - base[f]) & MASK32;
        relAck = ack ? (tcp.ack() - base[r]) & MASK32 : 0;
        peerBase = baseSet[r] ? base[r] : 0;
        window = tcp.window();
        if (!syn && synSeen[f] && synSeen[r] && shift[f] >= 0 && shift[r] >= 0) {
            window <<= Math.min(shift[f], 14);
        }
    }

    private void clear(int i) {
        base[i] = 0;
        baseSet[i] = false;
        synSeen[i] = false;
        shift[i] = -1;
    }

    private static int compare(byte[] b, int src, int dst, int len, int sp, int dp) {
        for (int i = 0; i < len; i++) {
            int d = (b[src + i] & 0xff) - (b[dst + i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(sp, dp);
    }

    public long relativeSeq() {
        return relSeq;
    }

    /** A sequence number of the other direction (a SACK edge) relative to its base, as tshark shows it. */
    public long relativeToPeer(long seq) {
        return (seq - peerBase) & MASK32;
    }

    public long relativeAck() {
        return relAck;
    }

    /** The window as tshark shows it: scaled when both SYNs were seen with a window scale option. */
    public long window() {
        return window;
    }
}
