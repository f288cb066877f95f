package dev.capmill.decode;

/**
 * TCP conversation state as tshark 4.0 keeps it for its summary: the stream index, the base
 * sequence number of each direction (relative numbers), the window scale, and the sequence
 * analysis behind its "[TCP ...]" flags. The rules follow Wireshark 4.0's
 * epan/dissectors/packet-tcp.c (dissect_tcp, tcp_analyze_sequence_number,
 * verify_tcp_window_scaling, the print order of tcp_print_sequence_number_analysis): facts only,
 * written here anew, and checked against tshark 4.0.17 on testdata/pcap/tcp-apps.pcap.
 *
 * <p>Bounded: a fixed table (see {@link ConversationTable}) of parallel arrays; nothing grows
 * with the number of packets. An evicted conversation seen again starts as if captured
 * midstream, with a new stream index (tshark never forgets one). tshark also keeps a list of
 * unacknowledged segments per direction; only its bytes-in-flight and RTT fields read it, not
 * the summary, so it is not kept.
 */
public final class TcpConversations {
    public static final int RETRANSMISSION = 0x0001;
    public static final int LOST_PACKET = 0x0002;
    public static final int ACK_LOST_PACKET = 0x0004;
    public static final int KEEP_ALIVE = 0x0008;
    public static final int DUPLICATE_ACK = 0x0010;
    public static final int ZERO_WINDOW = 0x0020;
    public static final int ZERO_WINDOW_PROBE = 0x0040;
    public static final int ZERO_WINDOW_PROBE_ACK = 0x0080;
    public static final int KEEP_ALIVE_ACK = 0x0100;
    public static final int OUT_OF_ORDER = 0x0200;
    public static final int FAST_RETRANSMISSION = 0x0400;
    public static final int WINDOW_UPDATE = 0x0800;
    public static final int WINDOW_FULL = 0x1000;
    public static final int REUSED_PORTS = 0x2000;
    public static final int SPURIOUS_RETRANSMISSION = 0x4000;

    private static final long MASK32 = 0xffffffffL;
    /** win_scale values besides a shift count: not known yet, and known not to be used. */
    private static final byte SCALE_UNKNOWN = -1;
    private static final byte SCALE_NONE = -2;

    private final ConversationTable table;
    // per conversation (slot)
    private final int[] stream;
    private final long[] mruSyn;
    private final long[] firstRtt;
    /** Application protocol chosen for the conversation (see {@link TcpPayload}), 0 until chosen. */
    final byte[] app;
    /** Made for a TCP header quoted in an ICMP error: its first real segment starts it afresh. */
    private final boolean[] quotedOnly;
    // per direction, index 2*slot + (0: from the lower endpoint, 1: from the higher)
    private final long[] base;
    private final boolean[] baseSet;
    private final byte[] winScale;
    private final boolean[] firstAck;
    private final long[] nextSeq;
    private final long[] nextSeqTime;
    private final long[] maxSeqToBeAcked;
    private final long[] lastAck;
    private final long[] lastAckTime;
    private final long[] window;
    private final int[] dupAcks;
    private final long[] lastNonDupAck;
    private final int[] lastFlags;
    private int streams;
    /** Whether the current segment began a conversation (its application state must be reset). */
    boolean fresh;

    // results for the current segment
    private int slot;
    private int fwd;
    private int rev;
    private long relSeq;
    private long relAck;
    private long shownWindow;
    private long peerBase;
    private int flags;
    private int dupAckNum;
    private long dupAckFrame;

    public TcpConversations() {
        this(1 << 14);
    }

    /** {@code sets} (a power of two) times four conversations are kept. */
    public TcpConversations(int sets) {
        table = new ConversationTable(sets);
        int c = table.capacity();
        stream = new int[c];
        mruSyn = new long[c];
        firstRtt = new long[c];
        app = new byte[c];
        quotedOnly = new boolean[c];
        int n = c * 2;
        base = new long[n];
        baseSet = new boolean[n];
        winScale = new byte[n];
        firstAck = new boolean[n];
        nextSeq = new long[n];
        nextSeqTime = new long[n];
        maxSeqToBeAcked = new long[n];
        lastAck = new long[n];
        lastAckTime = new long[n];
        window = new long[n];
        dupAcks = new int[n];
        lastNonDupAck = new long[n];
        lastFlags = new int[n];
    }

    /** How many conversations the table holds. */
    public int capacity() {
        return stream.length;
    }

    /** Forgets every conversation (a new capture: stream numbers start again at 0). */
    public void clear() {
        table.clear();
        streams = 0;
    }

    /**
     * Compatibility form of {@link #track(Tcp, byte[], int, int, int, int, long, long)} for a
     * segment without data, time or frame number.
     */
    public void track(Tcp tcp, byte[] b, int src, int dst, int addrLen) {
        track(tcp, b, src, dst, addrLen, 0, 0, 0);
    }

    /**
     * Updates the state with one segment whose addresses ({@code addrLen} bytes each) are at
     * {@code src} and {@code dst} in {@code b}; {@code segLen} is its data length as the IP header
     * reports it, or -1 when unknown (then, as in tshark, neither numbers nor analysis change).
     */
    public void track(Tcp tcp, byte[] b, int src, int dst, int addrLen, int segLen, long timeNs, long frame) {
        int c = compare(b, src, dst, addrLen, tcp.sourcePort(), tcp.destinationPort());
        int lo = c <= 0 ? src : dst;
        int hi = c <= 0 ? dst : src;
        int loPort = c <= 0 ? tcp.sourcePort() : tcp.destinationPort();
        int hiPort = c <= 0 ? tcp.destinationPort() : tcp.sourcePort();
        long h = ConversationTable.SEED;
        h = ConversationTable.hash(h, b, lo, addrLen);
        h = ConversationTable.hash(h, b, hi, addrLen);
        h = ConversationTable.hash(h, ((long) addrLen << 32) | (long) loPort << 16 | hiPort);
        slot = table.slot(h);
        fwd = 2 * slot + (c <= 0 ? 0 : 1);
        rev = 2 * slot + (c <= 0 ? 1 : 0);
        flags = 0;
        fresh = false;
        dupAckNum = 0;
        dupAckFrame = 0;
        long seq = tcp.seq();
        long ack = tcp.ack();
        int f = tcp.flags();
        boolean syn = (f & Tcp.SYN) != 0;
        boolean hasAck = (f & Tcp.ACK) != 0;
        if (table.created) {
            newConversation();
        } else if (quotedOnly[slot]) {
            quotedOnly[slot] = false;
            fresh = true;
        } else if (syn && !hasAck && baseSet[fwd]) {
            if (seq != base[fwd]) {
                // a new SYN on the same ports: a new conversation, flagged
                newConversation();
                flags |= REUSED_PORTS;
            } else {
                // the SYN again: restore nextseq (packet-tcp.c, issue 17616)
                nextSeq[fwd] = maxSeqToBeAcked[fwd];
            }
        }
        if (syn && hasAck && baseSet[fwd] && seq != base[fwd]) {
            base[fwd] = seq;
            flags |= REUSED_PORTS;
        }
        if (segLen >= 0) {
            if (!baseSet[fwd]) {
                base[fwd] = syn ? seq : (seq - 1) & MASK32;
                baseSet[fwd] = true;
            }
            if (hasAck && !baseSet[rev]) {
                base[rev] = (ack - 1) & MASK32;
                baseSet[rev] = true;
            }
            analyze(seq, ack, segLen, f, tcp.window(), timeNs, frame);
        }
        relSeq = (seq - base[fwd]) & MASK32;
        relAck = hasAck ? (ack - base[rev]) & MASK32 : ack;
        if (segLen < 0) {
            // tshark makes the numbers relative only when it knows the segment's length
            relSeq = seq;
            relAck = ack;
        }
        peerBase = baseSet[rev] ? base[rev] : 0;
        shownWindow = tcp.window();
        if (!syn && winScale[fwd] >= 0) {
            shownWindow <<= winScale[fwd];
        }
        // after the analysis, as dissect_tcp does it
        if (syn) {
            if (!hasAck) {
                mruSyn[slot] = timeNs;
            }
            firstAck[fwd] = true;
            if (tcp.windowShift() >= 0) {
                winScale[fwd] = (byte) Math.min(tcp.windowShift(), 14);
            }
        }
        if ((f & (Tcp.SYN | Tcp.ACK)) == Tcp.ACK) {
            if (mruSyn[slot] != 0 && firstRtt[slot] == 0) {
                firstRtt[slot] = timeNs - mruSyn[slot];
            }
            firstAck[fwd] = false;
        }
        if (syn) {
            // verify_tcp_window_scaling
            if (winScale[fwd] == SCALE_UNKNOWN) {
                winScale[fwd] = SCALE_NONE;
                winScale[rev] = SCALE_NONE;
            } else if (hasAck && winScale[rev] == SCALE_NONE) {
                winScale[fwd] = SCALE_NONE;
            }
        }
    }

    private void newConversation() {
        fresh = true;
        startConversation(slot);
    }

    private void startConversation(int s) {
        stream[s] = streams++;
        mruSyn[s] = 0;
        firstRtt[s] = 0;
        app[s] = 0;
        quotedOnly[s] = false;
        resetFlow(2 * s);
        resetFlow(2 * s + 1);
    }

    /**
     * tcp.stream of a TCP header quoted in an ICMP error, whose addresses ({@code addrLen} bytes
     * each) are at {@code src} and {@code dst} in {@code b}: dissect_tcp finds the conversation of
     * a packet in error as of any other, and makes it (with the next index) when there is none.
     * Nothing else of the conversation changes: the quote is not analysed.
     */
    public int quotedStream(byte[] b, int src, int dst, int addrLen, int srcPort, int dstPort) {
        int c = compare(b, src, dst, addrLen, srcPort, dstPort);
        int lo = c <= 0 ? src : dst;
        int hi = c <= 0 ? dst : src;
        int loPort = c <= 0 ? srcPort : dstPort;
        int hiPort = c <= 0 ? dstPort : srcPort;
        long h = ConversationTable.SEED;
        h = ConversationTable.hash(h, b, lo, addrLen);
        h = ConversationTable.hash(h, b, hi, addrLen);
        h = ConversationTable.hash(h, ((long) addrLen << 32) | (long) loPort << 16 | hiPort);
        int s = table.slot(h);
        if (table.created) {
            startConversation(s);
            quotedOnly[s] = true;
        }
        return stream[s];
    }

    private void resetFlow(int i) {
        base[i] = 0;
        baseSet[i] = false;
        winScale[i] = SCALE_UNKNOWN;
        firstAck[i] = false;
        nextSeq[i] = 0;
        nextSeqTime[i] = 0;
        maxSeqToBeAcked[i] = 0;
        lastAck[i] = 0;
        lastAckTime[i] = 0;
        window[i] = MASK32;
        dupAcks[i] = 0;
        lastNonDupAck[i] = 0;
        lastFlags[i] = 0;
    }

    private static boolean gt(long a, long b) {
        return (int) (a - b) > 0;
    }

    private static boolean lt(long a, long b) {
        return (int) (a - b) < 0;
    }

    /** tcp_analyze_sequence_number, with absolute numbers and the raw (unscaled) window. */
    private void analyze(long seq, long ack, int seglen, int f, long win, long now, long frame) {
        final int synFinRst = Tcp.SYN | Tcp.FIN | Tcp.RST;
        long next = nextSeq[fwd];
        fwdChecks:
        {
            if (seglen == 1 && seq == next && window[rev] == 0) {
                flags |= ZERO_WINDOW_PROBE;
                break fwdChecks;
            }
            if (win == 0 && (f & synFinRst) == 0) {
                flags |= ZERO_WINDOW;
            }
            if (next != 0 && gt(seq, next) && (f & Tcp.RST) == 0) {
                flags |= LOST_PACKET;
            }
            if ((seglen == 0 || seglen == 1) && seq == ((next - 1) & MASK32) && (f & synFinRst) == 0) {
                flags |= KEEP_ALIVE;
            }
            boolean sameSeqAck = seglen == 0 && seq == next && ack == lastAck[fwd] && (f & synFinRst) == 0;
            if (sameSeqAck && win != 0 && win != window[fwd]) {
                flags |= WINDOW_UPDATE;
            }
            if (seglen > 0 && winScale[rev] != SCALE_UNKNOWN && (f & synFinRst) == 0) {
                int shift = firstAck[rev] || winScale[rev] == SCALE_NONE ? 0 : winScale[rev];
                if (((seq + seglen) & MASK32) == ((lastAck[rev] + (window[rev] << shift)) & MASK32)) {
                    flags |= WINDOW_FULL;
                }
            }
            if (sameSeqAck && win != 0 && win == window[fwd] && (lastFlags[rev] & KEEP_ALIVE) != 0) {
                flags |= KEEP_ALIVE_ACK;
                break fwdChecks;
            }
            if (sameSeqAck && win == 0 && win == window[fwd] && (lastFlags[rev] & ZERO_WINDOW_PROBE) != 0) {
                flags |= ZERO_WINDOW_PROBE_ACK;
                break fwdChecks;
            }
            if (sameSeqAck && win != 0 && win == window[fwd]) {
                dupAcks[fwd] = dupAcks[fwd] == -1 ? 1 : dupAcks[fwd] + 1;
                flags |= DUPLICATE_ACK;
                dupAckNum = dupAcks[fwd];
                dupAckFrame = lastNonDupAck[fwd];
            }
        }
        if (ack != lastAck[fwd]) {
            lastNonDupAck[fwd] = frame;
            dupAcks[fwd] = 0;
        }
        if (maxSeqToBeAcked[rev] != 0 && gt(ack, maxSeqToBeAcked[rev]) && (f & Tcp.ACK) != 0) {
            if (lt(maxSeqToBeAcked[rev], nextSeq[rev])) {
                maxSeqToBeAcked[rev] = nextSeq[rev];
                flags |= ACK_LOST_PACKET;
            } else {
                if (dupAcks[rev] == 0) {
                    flags |= ACK_LOST_PACKET;
                }
                dupAcks[rev] = -1;
            }
        }
        boolean synOrFin = (f & (Tcp.SYN | Tcp.FIN)) != 0;
        if ((seglen > 0 || synOrFin) && (flags & KEEP_ALIVE) == 0) {
            retransmissionType(seq, seglen, synOrFin, next, now);
        }
        long end = (seq + seglen + (synOrFin ? 1 : 0)) & MASK32;
        if (seglen == 0 && !synOrFin) {
            end = (seq + seglen) & MASK32;
        }
        if ((gt(end, nextSeq[fwd]) || nextSeq[fwd] == 0) && (flags & ZERO_WINDOW_PROBE) == 0) {
            nextSeq[fwd] = end;
            nextSeqTime[fwd] = now;
        }
        if ((seq == maxSeqToBeAcked[fwd] || maxSeqToBeAcked[fwd] == 0) && (flags & ZERO_WINDOW_PROBE) == 0) {
            maxSeqToBeAcked[fwd] = nextSeq[fwd];
        }
        window[fwd] = win;
        lastAck[fwd] = ack;
        lastAckTime[fwd] = now;
        lastFlags[fwd] = flags;
    }

    private void retransmissionType(long seq, int seglen, boolean synOrFin, long next, long now) {
        boolean notAdvanced = next != 0 && lt(seq, next);
        if (seglen > 1 && ((next - 1) & MASK32) == seq) {
            notAdvanced = false;
        }
        long revAck = lastAck[rev];
        if (seglen > 0 && revAck != 0 && !gt((seq + seglen) & MASK32, revAck)) {
            flags |= SPURIOUS_RETRANSMISSION;
            return;
        }
        // fast retransmission first (tcp_fastrt_precedence is TRUE by default)
        long t = now - lastAckTime[rev];
        if (notAdvanced && dupAcks[rev] >= 2 && revAck == seq && Long.compareUnsigned(t, 20_000_000L) < 0) {
            flags |= FAST_RETRANSMISSION;
            return;
        }
        t = now - nextSeqTime[fwd];
        long threshold = firstRtt[slot] == 0 ? 3_000_000L : firstRtt[slot];
        long after = (seq + seglen + (synOrFin ? 1 : 0)) & MASK32;
        if (notAdvanced && Long.compareUnsigned(t, threshold) < 0 && next != after) {
            flags |= OUT_OF_ORDER;
            return;
        }
        if (notAdvanced) {
            flags |= RETRANSMISSION;
        }
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

    /** The window as tshark shows it: scaled by the shift the SYN announced, unless scaling is known to be off. */
    public long window() {
        return shownWindow;
    }

    /** tcp.stream: conversations numbered from 0 in the order they are first seen. */
    public int stream() {
        return stream[slot];
    }

    /** The analysis flags of the current segment (the constants of this class). */
    public int analysisFlags() {
        return flags;
    }

    /** For a duplicate ACK: which one of the run it is, and the frame of the ACK it repeats. */
    public int dupAckNumber() {
        return dupAckNum;
    }

    public long dupAckFrame() {
        return dupAckFrame;
    }

    /** Slot of the current conversation, and the index of the current direction (for {@link TcpPayload}). */
    int slot() {
        return slot;
    }

    int direction() {
        return fwd;
    }
}
