package dev.capmill.decode;

/** TCP header with the options tshark shows in its summary (MSS, window scale, SACK, timestamps). */
public final class Tcp {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    public static final int AE = 0x100;
    /** Most SACK blocks one header can hold. */
    public static final int MAX_SACK = 4;

    private int srcPort;
    private int dstPort;
    private long seq;
    private long ack;
    private int headerLength;
    private int flags;
    private int window;
    private int urgent;
    private int mss;
    private int windowShift;
    private boolean sackPermitted;
    private boolean hasTimestamps;
    private boolean mptcp;
    private long tsVal;
    private long tsEcr;
    private int sackCount;
    private final long[] sackLeft = new long[MAX_SACK];
    private final long[] sackRight = new long[MAX_SACK];
    /** Kinds of the options shown in a summary (MSS, WS, SACK_PERM, SACK, TS), in header order. */
    private final int[] shown = new int[40];
    private int shownCount;

    /** False when shorter than the header its data offset declares. */
    public boolean reset(byte[] b, int o, int len) {
        if (len < 20) {
            return false;
        }
        srcPort = Bytes16.be(b, o);
        dstPort = Bytes16.be(b, o + 2);
        seq = Bytes16.be32(b, o + 4);
        ack = Bytes16.be32(b, o + 8);
        headerLength = ((b[o + 12] & 0xf0) >> 4) * 4;
        flags = Bytes16.be(b, o + 12) & 0x1ff;
        window = Bytes16.be(b, o + 14);
        urgent = Bytes16.be(b, o + 18);
        mss = -1;
        windowShift = -1;
        sackPermitted = false;
        hasTimestamps = false;
        sackCount = 0;
        shownCount = 0;
        mptcp = false;
        if (headerLength < 20 || headerLength > len) {
            return false;
        }
        parseOptions(b, o + 20, o + headerLength);
        return true;
    }

    private void parseOptions(byte[] b, int p, int end) {
        while (p < end) {
            int kind = b[p] & 0xff;
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return;
            }
            int l = b[p + 1] & 0xff;
            if (l < 2 || p + l > end) {
                return;
            }
            if (shownCount >= shown.length - 1) {
                return;
            }
            switch (kind) {
                case 30 -> mptcp = true;
                case 2 -> {
                    if (l == 4) {
                        mss = Bytes16.be(b, p + 2);
                        shown[shownCount++] = kind;
                    }
                }
                case 3 -> {
                    if (l == 3) {
                        windowShift = b[p + 2] & 0xff;
                        shown[shownCount++] = kind;
                    }
                }
                case 4 -> {
                    if (l == 2) {
                        sackPermitted = true;
                        shown[shownCount++] = kind;
                    }
                }
                case 5 -> {
                    for (int q = p + 2; q + 8 <= p + l && sackCount < MAX_SACK; q += 8) {
                        sackLeft[sackCount] = Bytes16.be32(b, q);
                        sackRight[sackCount] = Bytes16.be32(b, q + 4);
                        sackCount++;
                    }
                    if (sackCount > 0) {
                        shown[shownCount++] = kind;
                    }
                }
                case 8 -> {
                    if (l == 10) {
                        hasTimestamps = true;
                        tsVal = Bytes16.be32(b, p + 2);
                        tsEcr = Bytes16.be32(b, p + 6);
                        shown[shownCount++] = kind;
                    }
                }
                default -> {
                }
            }
            p += l;
        }
    }

    /**
     * Whether the segment carries a Multipath TCP option (kind 30, RFC 8684), for which tshark's
     * option dissector sets the Protocol column to "MPTCP" (the application above may set it again).
     */
    public boolean mptcp() {
        return mptcp;
    }

    /** How many options a summary shows; {@link #shownOption(int)} gives their kinds in order. */
    public int shownOptions() {
        return shownCount;
    }

    public int shownOption(int i) {
        return shown[i];
    }

    public int sourcePort() {
        return srcPort;
    }

    public int destinationPort() {
        return dstPort;
    }

    public long seq() {
        return seq;
    }

    public long ack() {
        return ack;
    }

    public int headerLength() {
        return headerLength;
    }

    /** The nine flag bits, FIN in bit 0 to AE (formerly NS) in bit 8. */
    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public int window() {
        return window;
    }

    public int urgent() {
        return urgent;
    }

    /** The MSS option, or -1. */
    public int mss() {
        return mss;
    }

    /** The window scale option's shift count, or -1. */
    public int windowShift() {
        return windowShift;
    }

    public boolean sackPermitted() {
        return sackPermitted;
    }

    public boolean hasTimestamps() {
        return hasTimestamps;
    }

    public long tsVal() {
        return tsVal;
    }

    public long tsEcr() {
        return tsEcr;
    }

    public int sackCount() {
        return sackCount;
    }

    public long sackLeft(int i) {
        return sackLeft[i];
    }

    public long sackRight(int i) {
        return sackRight[i];
    }
}
