package dev.capmill.decode;

import java.util.Arrays;

/**
 * What tshark 4.0 does with a TCP segment's data by default (packet-tcp.c: dissect_tcp_payload,
 * desegment_tcp, decode_tcp_ports; facts only): it picks HTTP or TLS by a conversation's earlier
 * heuristic match, the server port, the lower then the higher port, then the heuristics; when
 * the application needs more data it keeps a multi-segment PDU, shows the segments before its
 * end as TCP with " [TCP segment of a reassembled PDU]", and dissects the PDU on the segment that
 * completes it. Retransmitted and out-of-order data and keep-alives are not dissected.
 *
 * <p>Bounded: one PDU in progress per direction, its bytes in one of {@value #BUFFERS} shared
 * buffers of at most {@value #CAP} bytes, allocated when first needed and grown by doubling, all of
 * them together at most {@value #BUDGET} bytes. A PDU longer than its buffer may grow is shown from
 * the bytes held, without asking for more. A cap of 1 MiB, not the 32 KiB first chosen: tshark
 * shows every segment of a chunked HTTP body with the response line (it asks for one more
 * segment each time), which needs the whole body, and HTTP bodies of 100 KiB and more are common
 * (about 1,000 corpus lines). When the budget is spent, buffers no PDU holds are freed first,
 * then the least recently used PDU's; when every buffer is taken, the least recently used PDU
 * loses its buffer. A PDU that loses its buffer is dropped: the rest of its segments then show as
 * plain TCP lines until a segment starts a new PDU.
 */
public final class TcpPayload {
    static final int BUFFERS = 1024;
    static final int CAP = 1024 * 1024;
    static final int BUDGET = 32 * 1024 * 1024;
    private static final long MASK32 = 0xffffffffL;
    private static final byte NONE = 0;
    static final byte HTTP = 1;
    static final byte TLS = 2;
    static final byte FTP = 3;
    static final byte MODBUS = 4;
    private static final String OVERLAP =
            "[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]";
    static final byte OPENFLOW = 5;
    static final byte SSH = 6;
    static final byte SMTP = 7;
    static final byte BGP = 8;
    static final byte DOIP = 9;
    static final byte DNS = 10;

    final Http http;
    final Tls tls;
    private final Modbus modbus = new Modbus();
    private final OpenFlow openFlow = new OpenFlow();
    private final Ssh ssh;
    /** The reported data length of the current segment. */
    private int segmentReported;
    private final Smtp smtp;
    private final Bgp bgp = new Bgp();
    private final DoIp doip = new DoIp();
    private final DnsTcp dnsTcp = new DnsTcp();
    /** Writes a DNS message's columns (the text package's DNS summary); DNS over TCP stays TCP without it. */
    public DnsTcp.Writer dnsWriter;
    private final int[] serverPort;
    // per direction: the PDU in progress
    private final boolean[] active;
    private final long[] mspSeq;
    private final long[] mspNext;
    private final boolean[] entire;
    private final long[] mspFirst;
    private final long[] mspLast;
    private final short[] buffer;
    private final int[] stored;
    private final boolean[] gap;
    /** Whether the direction's application asked for its data up to the FIN (TCP_FLOW_REASSEMBLE_UNTIL_FIN). */
    private final boolean[] untilFin;
    // per direction: the last PDU reassembled from several segments (tshark keeps them all)
    private final long[] doneEnd;
    /** Its last byte, or -1 when not held (none, or past the bytes kept). */
    private final short[] doneLast;
    // the shared buffers
    private final byte[][] pool = new byte[BUFFERS][];
    private final int[] owner = new int[BUFFERS];
    private final long[] used = new long[BUFFERS];
    private long clock;
    // the owned buffers from the least to the most recently used (a list through lruNext/lruPrev),
    // and a stack of the free ones: a PDU's start takes a buffer without a scan of all of them
    private final short[] lruNext = new short[BUFFERS];
    private final short[] lruPrev = new short[BUFFERS];
    private int lruHead = -1;
    private int lruTail = -1;
    private final short[] free = new short[BUFFERS];
    private int freeCount;
    /** Bytes of all the arrays in {@link #pool}. */
    private long held;

    /** Whether the data handed to the application follows a PDU already dissected in this segment. */
    private boolean afterPdu;

    /** Which application decoded data of the current packet (0: none, {@link #HTTP}, {@link #TLS}). */
    byte decoded;

    TcpPayload(int conversations) {
        http = new Http(conversations);
        tls = new Tls(conversations);
        ssh = new Ssh(conversations);
        smtp = new Smtp(conversations);
        serverPort = new int[conversations];
        int n = conversations * 2;
        active = new boolean[n];
        mspSeq = new long[n];
        mspNext = new long[n];
        entire = new boolean[n];
        mspFirst = new long[n];
        mspLast = new long[n];
        buffer = new short[n];
        stored = new int[n];
        gap = new boolean[n];
        untilFin = new boolean[n];
        doneEnd = new long[n];
        doneLast = new short[n];
        Arrays.fill(doneLast, (short) -1);
        Arrays.fill(buffer, (short) -1);
        Arrays.fill(owner, -1);
        for (int i = 0; i < BUFFERS; i++) {
            free[i] = (short) (BUFFERS - 1 - i); // buffer 0 first
        }
        freeCount = BUFFERS;
    }

    void newConversation(int conv) {
        http.newConversation(conv);
        tls.newConversation(conv);
        ssh.newConversation(conv);
        smtp.newConversation(conv);
        serverPort[conv] = 0;
        drop(2 * conv);
        drop(2 * conv + 1);
        doneLast[2 * conv] = -1;
        doneLast[2 * conv + 1] = -1;
        untilFin[2 * conv] = false;
        untilFin[2 * conv + 1] = false;
    }

    void newPacket() {
        decoded = NONE;
        http.newPacket();
        tls.newPacket();
    }

    /** Fills the http.* fields from an SSDP datagram's payload {@code b[off, off+len)} (see {@link Http#messageFields}). */
    public void ssdpFields(byte[] b, int off, int len) {
        http.messageFields(b, off, off + len);
    }

    /** http.request.method of the packet's first HTTP request, or empty. */
    public CharSequence httpRequestMethod() {
        return http.method;
    }

    /** http.request.uri, or empty. */
    public CharSequence httpRequestUri() {
        return http.uri;
    }

    /** http.host, or empty. */
    public CharSequence httpHost() {
        return http.host;
    }

    /** http.response.code of the packet's first response, or -1. */
    public int httpResponseCode() {
        return http.responseCode;
    }

    /** How many tls.handshake.type values the packet has; {@link #tlsHandshakeType(int)} gives them in order. */
    public int tlsHandshakeTypes() {
        return tls.handshakeCount;
    }

    public int tlsHandshakeType(int i) {
        return tls.handshakeTypes[i];
    }

    /** tls.handshake.extensions_server_name of a Client Hello in the packet, or empty. */
    public CharSequence tlsServerName() {
        return tls.serverName;
    }

    /**
     * The application layer of one TCP segment, after {@link TcpConversations#track}: its captured
     * data {@code b[dataOff, dataOff+captured)} of {@code reported} bytes (-1 when the IP header
     * does not say). Returns {@link #HTTP}, {@link #TLS}, {@link #FTP}, {@link #MODBUS}, {@link #OPENFLOW}, {@link #SMTP}, {@link #BGP} or 0 for what decoded the data, and
     * writes the columns as tshark does.
     */
    public byte dissect(TcpConversations c, Tcp tcp, byte[] b, int dataOff, int captured, int reported, long frame,
            Columns col) {
        newPacket();
        int conv = c.slot();
        if (c.fresh) {
            newConversation(conv);
        }
        if (tcp.has(Tcp.SYN)) {
            serverPort[conv] = tcp.has(Tcp.ACK) ? tcp.sourcePort() : tcp.destinationPort();
        }
        if (reported == 0 && tcp.has(Tcp.FIN) && !tcp.has(Tcp.RST) && untilFin[c.direction()]) {
            finEndsPdu(c, (c.relativeSeq() + (tcp.has(Tcp.SYN) ? 1 : 0)) & MASK32, tcp.sourcePort(),
                    tcp.destinationPort(), frame, col);
            return decoded;
        }
        if (captured <= 0 || reported < 0 || tcp.has(Tcp.RST)) {
            return NONE;
        }
        segmentReported = reported;
        long seq = (c.relativeSeq() + (tcp.has(Tcp.SYN) ? 1 : 0)) & MASK32;
        segment(c, b, dataOff, Math.min(captured, reported), seq, captured >= reported, tcp.has(Tcp.FIN),
                tcp.sourcePort(), tcp.destinationPort(), frame, col);
        return decoded;
    }

    /**
     * A FIN without data ends the PDU of a direction whose application reads up to the FIN
     * (packet-tcp.c, dissect_tcp: the FIN's zero-length fragment closes the reassembly when the
     * data before it is all there), and the PDU is dissected on the FIN's frame.
     */
    private void finEndsPdu(TcpConversations c, long seq, int srcPort, int dstPort, long frame, Columns col) {
        int dir = c.direction();
        int conv = c.slot();
        if (!active[dir] || gap[dir] || buffer[dir] < 0 || !lt(mspSeq[dir], seq) || len(mspSeq[dir], seq) != stored[dir]) {
            return;
        }
        byte app = c.app[conv] != NONE ? c.app[conv] : byPort(serverPort[conv], srcPort, dstPort);
        int total = stored[dir];
        byte[] data = pool[buffer[dir]];
        int have = data == null ? 0 : Math.min(total, Math.min(CAP, data.length));
        afterPdu = false;
        call(app, c, data, 0, have, false, true, srcPort, dstPort, frame, c.analysisFlags(), col);
        doneEnd[dir] = seq;
        doneLast[dir] = (short) (have == total && total > 0 ? data[total - 1] & 0xff : -1);
        drop(dir);
    }

    private void drop(int dir) {
        active[dir] = false;
        if (buffer[dir] >= 0) {
            release(buffer[dir]);
            buffer[dir] = -1;
        }
    }

    /** Buffer {@code i} is no PDU's any more: off the LRU list, onto the free stack. */
    private void release(int i) {
        owner[i] = -1;
        unlink(i);
        free[freeCount++] = (short) i;
    }

    private void unlink(int i) {
        int p = lruPrev[i];
        int n = lruNext[i];
        if (p >= 0) {
            lruNext[p] = (short) n;
        } else {
            lruHead = n;
        }
        if (n >= 0) {
            lruPrev[n] = (short) p;
        } else {
            lruTail = p;
        }
    }

    /** Buffer {@code i} (owned) was just used: to the list's tail. */
    private void touch(int i) {
        used[i] = ++clock;
        if (lruTail == i) {
            return;
        }
        unlink(i);
        append(i);
    }

    private void append(int i) {
        lruPrev[i] = (short) lruTail;
        lruNext[i] = -1;
        if (lruTail >= 0) {
            lruNext[lruTail] = (short) i;
        } else {
            lruHead = i;
        }
        lruTail = i;
    }

    /**
     * Dissects the data {@code b[off, off+len)} of a segment of conversation {@code conv},
     * direction {@code dir}, whose first byte has relative sequence number {@code seq}.
     */
    void segment(TcpConversations c, byte[] b, int off, int len, long seq, boolean canDesegment, boolean fin,
            int srcPort, int dstPort, long frame, Columns col) {
        int conv = c.slot();
        int dir = c.direction();
        int flags = c.analysisFlags();
        byte app = c.app[conv];
        if (app == NONE) {
            app = byPort(serverPort[conv], srcPort, dstPort);
        }
        if ((flags & TcpConversations.KEEP_ALIVE) != 0 && len == 1 && doneLast[dir] >= 0
                && seq == ((doneEnd[dir] - 1) & MASK32) && (b[off] & 0xff) != doneLast[dir]) {
            // a keep-alive resends the last byte sent; when that byte ended a reassembled PDU and
            // differs from it, tshark's reassembly refuses the overlap and says so
            col.info.append(OVERLAP);
            return;
        }
        afterPdu = false;
        if (!canDesegment) {
            call(app, c, b, off, len, false, fin, srcPort, dstPort, frame, flags, col);
            return;
        }
        long nxtseq = (seq + len) & MASK32;
        boolean firstPdu = true;
        int offset = off;
        int end = off + len;
        while (true) {
            if (c.app[conv] != NONE) {
                app = c.app[conv]; // a heuristic may have claimed the conversation on the PDU before
            }
            int anotherPdu = 0;
            int dLen = 0;
            int dOff = 0;
            if (active[dir] && mspSeq[dir] == seq && !gt(nxtseq, mspNext[dir]) && mspLast[dir] != frame) {
                return; // the start of a PDU sent again: tshark marks it retransmitted data
            }
            if ((flags & (TcpConversations.SPURIOUS_RETRANSMISSION | TcpConversations.RETRANSMISSION)) != 0) {
                return;
            }
            if (active[dir] && lt(mspSeq[dir], seq) && gt(mspNext[dir], seq)) {
                mspLast[dir] = frame;
                int fragLen = entire[dir] ? end - offset : (int) Math.min(len(seq, nxtseq), len(seq, mspNext[dir]));
                add(dir, b, offset, fragLen, (int) len(mspSeq[dir], seq));
                boolean complete = !lt(nxtseq, mspNext[dir]) && !gap[dir];
                if (complete && entire[dir]) {
                    entire[dir] = false;
                    if (lt(mspNext[dir], nxtseq)) {
                        mspNext[dir] = nxtseq;
                    }
                }
                if (lt(mspNext[dir], nxtseq) && !lt(mspNext[dir], seq) && fragLen > 0) {
                    anotherPdu = (int) len(seq, mspNext[dir]);
                }
                if (complete) {
                    int total = (int) len(mspSeq[dir], (seq + fragLen) & MASK32);
                    byte[] data = pool[buffer[dir]];
                    int have = data == null ? 0 : Math.min(Math.min(total, stored[dir]), Math.min(CAP, data.length));
                    // a PDU longer than its buffer could grow is shown from the bytes held, without asking for more
                    if (call(app, c, data, 0, have, have == total, fin, srcPort, dstPort, frame, flags, col)) {
                        dLen = desegLen();
                        dOff = desegOffset();
                    }
                    if (dLen != 0) {
                        if (dOff != 0 && !le((mspSeq[dir] + dOff) & MASK32, seq)) {
                            // split: the next PDU starts inside the reassembled data
                            shift(dir, dOff);
                            mspSeq[dir] = (mspSeq[dir] + dOff) & MASK32;
                        }
                        if (dLen == Http.ONE_MORE_SEGMENT) {
                            long reach = (seq + (end - offset)) & MASK32;
                            mspNext[dir] = ((gt(reach, mspNext[dir]) ? reach : mspNext[dir]) + 1) & MASK32;
                            entire[dir] = true;
                        } else if (dLen == Http.UNTIL_FIN) {
                            mspNext[dir] = (mspSeq[dir] + 0x40000000L) & MASK32;
                            untilFin[dir] = true;
                        } else if (!lt((seq + fragLen) & MASK32, mspNext[dir])) {
                            mspNext[dir] = (seq + fragLen + dLen) & MASK32;
                        } else {
                            mspNext[dir] = (mspNext[dir] + dLen) & MASK32;
                        }
                        if (dOff == 0) {
                            segmentOfPdu(col, firstPdu);
                        }
                        offset += fragLen;
                        seq = (seq + fragLen) & MASK32;
                        if (offset < end) {
                            firstPdu = true;
                            continue;
                        }
                        return;
                    }
                    doneEnd[dir] = (mspSeq[dir] + total) & MASK32;
                    doneLast[dir] = (short) (have == total && total > 0 ? data[total - 1] & 0xff : -1);
                    drop(dir);
                } else {
                    segmentOfPdu(col, firstPdu);
                }
            } else {
                if (call(app, c, b, offset, end - offset, true, fin, srcPort, dstPort, frame, flags, col)) {
                    dLen = desegLen();
                    dOff = desegOffset();
                }
                if (dLen != 0) {
                    long desegSeq = (seq + dOff) & MASK32;
                    if (len(desegSeq, nxtseq) <= 1024 * 1024) {
                        start(dir, desegSeq, frame);
                        if (dLen == Http.ONE_MORE_SEGMENT) {
                            mspNext[dir] = (nxtseq + 1) & MASK32;
                            entire[dir] = true;
                        } else if (dLen == Http.UNTIL_FIN) {
                            mspNext[dir] = (nxtseq + 0x40000000L) & MASK32;
                            untilFin[dir] = true;
                        } else {
                            mspNext[dir] = (nxtseq + dLen) & MASK32;
                        }
                        add(dir, b, offset + dOff, end - offset - dOff, 0);
                    }
                    if (dOff == 0) {
                        segmentOfPdu(col, firstPdu);
                    }
                }
            }
            if (anotherPdu > 0) {
                col.fence();
                col.protocolWritable(false);
                firstPdu = false;
                afterPdu = true;
                offset += anotherPdu;
                seq = (seq + anotherPdu) & MASK32;
                continue;
            }
            return;
        }
    }

    private static void segmentOfPdu(Columns col, boolean firstPdu) {
        col.setProtocol("TCP");
        if (firstPdu) {
            col.appendSep(" ", "[TCP segment of a reassembled PDU]");
        }
    }

    private static byte byPort(int server, int src, int dst) {
        int lo = Math.min(src, dst);
        int hi = Math.max(src, dst);
        byte a = portApp(server);
        if (a != NONE) {
            return a;
        }
        a = portApp(lo);
        return a != NONE ? a : portApp(hi);
    }

    private static byte portApp(int p) {
        if (p == 0) {
            return NONE;
        }
        if (Http.isPort(p)) {
            return HTTP;
        }
        if (p == Ftp.PORT) {
            return FTP;
        }
        if (p == Modbus.PORT) {
            return MODBUS;
        }
        if (p == OpenFlow.IANA_PORT) {
            return OPENFLOW;
        }
        if (p == Ssh.PORT) {
            return SSH;
        }
        if (Smtp.isPort(p)) {
            return SMTP;
        }
        if (p == Bgp.PORT) {
            return BGP;
        }
        if (p == DoIp.PORT) {
            return DOIP;
        }
        if (p == DnsTcp.PORT) {
            return DNS;
        }
        return Tls.isPort(p) ? TLS : NONE;
    }

    /** decode_tcp_ports for one PDU; true when an application took the data. */
    private boolean call(byte app, TcpConversations c, byte[] b, int off, int len, boolean canDesegment, boolean fin,
            int srcPort, int dstPort, long frame, int flags, Columns col) {
        if (len <= 0) {
            return false;
        }
        if ((flags & TcpConversations.KEEP_ALIVE) != 0) {
            return false;
        }
        if ((flags & (TcpConversations.RETRANSMISSION | TcpConversations.OUT_OF_ORDER)) != 0) {
            return false;
        }
        int conv = c.slot();
        if (app == TLS && tls.dissect(b, off, len, canDesegment, conv, c.direction(), frame, col)) {
            decoded = TLS;
            return true;
        }
        if (app == HTTP) {
            http.dissect(b, off, len, canDesegment, fin, conv, col);
            decoded = HTTP;
            if (http.tunnel) {
                c.app[conv] = TLS;
            }
            return true;
        }
        if (app == FTP) {
            Ftp.dissect(b, off, len, dstPort == Ftp.PORT, col);
            decoded = FTP;
            return true;
        }
        if (app == MODBUS && modbus.dissect(b, off, len, canDesegment, srcPort, dstPort, col)) {
            decoded = MODBUS;
            return true;
        }
        if (app == OPENFLOW) {
            openFlow.dissect(b, off, len, canDesegment, col);
            decoded = OPENFLOW;
            return true;
        }
        if (app == SSH) {
            ssh.dissect(b, off, len, canDesegment ? len : segmentReported, canDesegment, dstPort != Ssh.PORT, conv,
                    frame, col);
            decoded = SSH;
            return true;
        }
        if (app == BGP) {
            bgp.dissect(b, off, len, canDesegment, afterPdu, col);
            decoded = BGP;
            return true;
        }
        if (app == SMTP) {
            // after a 220 to STARTTLS, TLS takes what it does not refuse (packet-smtp.c, ssl_starttls_ack)
            if (smtp.tlsFor(conv, frame) && tls.dissect(b, off, len, canDesegment, conv, c.direction(), frame, col)) {
                decoded = TLS;
                return true;
            }
            smtp.dissect(b, off, len, canDesegment, dstPort == matchedPort(serverPort[conv], srcPort, dstPort), conv,
                    frame, col);
            decoded = SMTP;
            return true;
        }
        if (app == DNS && dnsWriter != null) {
            dnsTcp.dissect(b, off, len, canDesegment, dnsWriter, col);
            decoded = DNS;
            return true;
        }
        if (app == DOIP) {
            doip.dissect(b, off, len, canDesegment, col);
            decoded = DOIP;
            return true;
        }
        if (c.app[conv] == NONE && byPortOnly(srcPort, dstPort) != HTTP) {
            // the heuristics of HTTP and TLS on TCP
            if (Http.heuristic(b, off, len)) {
                c.app[conv] = HTTP;
                http.dissect(b, off, len, canDesegment, fin, conv, col);
                decoded = HTTP;
                return true;
            }
            if (Tls.heuristic(b, off, len)) {
                c.app[conv] = TLS;
                tls.dissect(b, off, len, canDesegment, conv, c.direction(), frame, col);
                decoded = TLS;
                return true;
            }
            if (OpenFlow.isPort(dstPort)) {
                // OpenFlow's heuristic takes anything sent to 6633 or 6653 and claims the conversation
                c.app[conv] = OPENFLOW;
                openFlow.dissect(b, off, len, canDesegment, col);
                decoded = OPENFLOW;
                return true;
            }
        }
        return false;
    }

    /** The port decode_tcp_ports found the application by (pinfo->match_uint): server, lower, higher. */
    private static int matchedPort(int server, int src, int dst) {
        byte a = byPort(server, src, dst);
        if (server != 0 && portApp(server) == a) {
            return server;
        }
        int lo = Math.min(src, dst);
        return portApp(lo) == a ? lo : Math.max(src, dst);
    }

    private static byte byPortOnly(int src, int dst) {
        byte a = portApp(Math.min(src, dst));
        return a != NONE ? a : portApp(Math.max(src, dst));
    }

    /** What the application that took the data asked for: more bytes (0: none), and from where. */
    private int desegLen() {
        return switch (decoded) {
            case TLS -> tls.desegLen;
            case HTTP -> http.desegLen;
            case MODBUS -> modbus.desegLen;
            case OPENFLOW -> openFlow.desegLen;
            case SSH -> ssh.desegLen;
            case SMTP -> smtp.desegLen;
            case BGP -> bgp.desegLen;
            case DOIP -> doip.desegLen;
            case DNS -> dnsTcp.desegLen;
            default -> 0;
        };
    }

    private int desegOffset() {
        return switch (decoded) {
            case TLS -> tls.desegOffset;
            case HTTP -> http.desegOffset;
            case MODBUS -> modbus.desegOffset;
            case OPENFLOW -> openFlow.desegOffset;
            case SSH -> ssh.desegOffset;
            case SMTP -> smtp.desegOffset;
            case BGP -> bgp.desegOffset;
            case DOIP -> doip.desegOffset;
            case DNS -> dnsTcp.desegOffset;
            default -> 0;
        };
    }

    private void start(int dir, long seq, long frame) {
        active[dir] = true;
        mspSeq[dir] = seq;
        mspFirst[dir] = frame;
        mspLast[dir] = frame;
        entire[dir] = false;
        stored[dir] = 0;
        gap[dir] = false;
        if (buffer[dir] < 0) {
            if (freeCount == 0) {
                // every buffer taken: the least recently used PDU is dropped
                int victim = lruHead;
                active[owner[victim]] = false;
                buffer[owner[victim]] = -1;
                release(victim);
            }
            int b = free[--freeCount];
            owner[b] = dir;
            buffer[dir] = (short) b;
            append(b);
        }
        touch(buffer[dir]);
    }

    /**
     * Adds {@code n} bytes at {@code at} of the PDU. {@link #stored} counts the bytes received in
     * order; only the first {@link #CAP} are kept, fewer when the budget does not let the buffer
     * grow. Data after a hole marks the PDU incomplete (as
     * tshark's reassembly never completes across a missing segment); data already held is ignored.
     */
    private void add(int dir, byte[] b, int off, int n, int at) {
        if (buffer[dir] < 0 || at < 0 || at > stored[dir]) {
            gap[dir] = true;
            return;
        }
        touch(buffer[dir]);
        int from = stored[dir] - at; // bytes of this fragment already held
        if (from >= n) {
            return;
        }
        int dst = stored[dir];
        int keep = Math.max(0, Math.min(n - from, CAP - dst));
        if (keep > 0) {
            int index = buffer[dir];
            byte[] buf = pool[index];
            int have = buf == null ? 0 : buf.length;
            if (have < dst + keep) {
                int size = buf == null ? 4096 : have;
                while (size < dst + keep) {
                    size *= 2;
                }
                size = Math.min(size, CAP);
                if (reserve(size - have, index)) {
                    buf = buf == null ? new byte[size] : Arrays.copyOf(buf, size);
                    pool[index] = buf;
                }
                keep = Math.max(0, Math.min(keep, (buf == null ? 0 : buf.length) - dst));
            }
            if (keep > 0) {
                System.arraycopy(b, off + from, buf, dst, keep);
            }
        }
        stored[dir] = (int) Math.min(Integer.MAX_VALUE, (long) dst + n - from);
    }

    /** Bytes held by the reassembly buffers (at most {@link #BUDGET}). */
    long bytesHeld() {
        return held;
    }

    /**
     * Makes room in the budget for {@code more} bytes for buffer {@code self}: frees the arrays no
     * PDU holds, then the least recently used PDUs' (those PDUs are dropped). False when the other
     * buffers cannot give enough.
     */
    private boolean reserve(int more, int self) {
        while (held + more > BUDGET) {
            int victim = -1;
            for (int i = 0; i < BUFFERS; i++) {
                if (i == self || pool[i] == null) {
                    continue;
                }
                if (owner[i] < 0) {
                    victim = i;
                    break;
                }
                if (victim < 0 || used[i] < used[victim]) {
                    victim = i;
                }
            }
            if (victim < 0) {
                return false;
            }
            held -= pool[victim].length;
            pool[victim] = null;
            if (owner[victim] >= 0) {
                active[owner[victim]] = false;
                buffer[owner[victim]] = -1;
                release(victim);
            }
        }
        held += more;
        return true;
    }

    private void shift(int dir, int by) {
        if (buffer[dir] < 0) {
            return;
        }
        byte[] buf = pool[buffer[dir]];
        int kept = buf == null ? 0 : Math.min(stored[dir], buf.length);
        int n = Math.max(0, kept - by);
        if (buf != null && n > 0) {
            System.arraycopy(buf, by, buf, 0, n);
        }
        stored[dir] = Math.max(0, stored[dir] - by);
    }

    private static long len(long from, long to) {
        return (to - from) & MASK32;
    }

    private static boolean gt(long a, long b) {
        return (int) (a - b) > 0;
    }

    private static boolean lt(long a, long b) {
        return (int) (a - b) < 0;
    }

    private static boolean le(long a, long b) {
        return (int) (a - b) <= 0;
    }
}
