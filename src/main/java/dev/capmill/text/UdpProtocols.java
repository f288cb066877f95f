package dev.capmill.text;

import dev.capmill.model.TextBuffer;

/**
 * The Protocol and Info columns of small UDP protocols as tshark 4.0.17 writes them without a
 * protocol tree ({@code tshark -n -r}):
 * <ul>
 * <li>HSRP and HSRPv2, Cisco's Hot Standby Router Protocol (UDP ports 1985 and 2029;
 * epan/dissectors/packet-hsrp.c).</li>
 * <li>BFD Control (UDP ports 3784, 4784, 6784, 7784) and BFD Echo (3785; packet-bfd.c).</li>
 * <li>TFTP (UDP port 69, the conversations its requests start, and the UDP heuristic;
 * packet-tftp.c).</li>
 * <li>STUN (UDP port 3478 and the UDP heuristic; packet-stun.c).</li>
 * <li>DoIP, diagnostics over IP (UDP port 13400; packet-doip.c).</li>
 * </ul>
 * The caller writes the UDP line (Protocol "UDP", Info "sport → dport Len=n") first; a decoder
 * replaces what its dissector replaces, so that where tshark's dissector fails before it writes
 * Info, the UDP text stays with the exception's mark after it, as in tshark. Each rule was checked
 * against tshark 4.0.17 on datagrams made for the purpose (see UdpProtocolsTest).
 */
final class UdpProtocols extends TvbReads {
    private final TextBuffer protocol;
    private final TextBuffer info;

    UdpProtocols(TextBuffer protocol, TextBuffer info) {
        this.protocol = protocol;
        this.info = info;
    }


    private void protocol(String name) {
        protocol.setLength(0);
        protocol.append(name);
    }

    // ---- HSRP: packet-hsrp.c (dissect_hsrp)

    private static final String[] HSRP_OPCODES = {"Hello", "Coup", "Resign", "Advertise"};
    private static final String[] HSRP2_STATES = {null, "Init", "Learn", "Listen", "Speak", "Standby", "Active"};

    /**
     * An HSRP datagram at {@code p} sent to port {@code dstPort}, to the address at {@code
     * addr[dst, dst+addrLen)}. The dissector takes only datagrams sent to port 1985 or 2029; version
     * 1 those to 224.0.0.2, version 2 those to 224.0.0.102 or over IPv6 to port 2029. Any other is
     * accepted without a word: the UDP line stays. False when the dissector rejects the datagram.
     */
    boolean hsrp(byte[] buf, int p, int captured, int reported, int dstPort, byte[] addr, int dst, int addrLen) {
        if (dstPort != 1985 && dstPort != 2029) {
            return false;
        }
        boolean v4 = addrLen == 4 && addr[dst] == (byte) 224 && addr[dst + 1] == 0 && addr[dst + 2] == 0;
        boolean v1 = v4 && addr[dst + 3] == 2;
        boolean v2 = v4 && addr[dst + 3] == 102 || addrLen == 16 && dstPort == 2029;
        if (!v1 && !v2) {
            return true;
        }
        start(buf, p, captured, reported);
        protocol(v1 ? "HSRP" : "HSRPv2");
        try {
            if (v1) {
                hsrp1(p);
            } else {
                hsrp2(p);
            }
        } catch (Short e) {
            mark(info);
        }
        return true;
    }

    private void hsrp1(int p) {
        int opcode = u8(p + 1);
        info.setLength(0);
        info.append(opcode < HSRP_OPCODES.length ? HSRP_OPCODES[opcode] : "Unknown");
        if (opcode < 3) {
            int state = u8(p + 2);
            info.append(" (state ").append(hsrpState(state)).append(')');
            // hello and hold times are read; the priority to the virtual address go through
            // proto_tree_add_item, which checks their bytes even without a tree
            need(p, 20);
        } else if (opcode == 3) {
            int state = u8(p + 6);
            info.append(" (state ").append(state >= 1 && state <= 3 ? ADV_STATES[state] : "Unknown").append(')');
            need(p, 16);
        }
    }

    private static final String[] ADV_STATES = {null, "Dormant", "Passive", "Active"};

    private static String hsrpState(int s) {
        return switch (s) {
            case 0 -> "Initial";
            case 1 -> "Learn";
            case 2 -> "Listen";
            case 4 -> "Speak";
            case 8 -> "Standby";
            case 16 -> "Active";
            default -> "Unknown";
        };
    }

    /** HSRPv2's TLVs: a group state TLV names its opcode and state, an interface state TLV its counts. */
    private void hsrp2(int p) {
        int off = p;
        while (off < rep) {
            int type = u8(off);
            int len = u8(off + 1);
            if (type == 1 && len == 40) {
                int opcode = u8(off + 3);
                info.setLength(0);
                info.append(opcode < 3 ? HSRP_OPCODES[opcode] : "Unknown");
                int state = u8(off + 4);
                info.append(" (state ").append(state >= 1 && state <= 6 ? HSRP2_STATES[state] : "Unknown").append(')');
            } else if (type == 2 && len == 4) {
                int active = be16(off + 2);
                int passive = be16(off + 4);
                info.setLength(0);
                info.append("Interface State TLV (Act=").append(active).append(" Pass=").append(passive).append(')');
            } else if (!(type == 3 && len == 8) && !(type == 4 && len == 28)) {
                return; // an undefined TLV ends the walk
            }
            off += len + 2;
        }
    }

    // ---- BFD: packet-bfd.c (dissect_bfd_control, dissect_bfd_authentication, dissect_bfd_echo)

    private static final String[] BFD_DIAGS = {"No Diagnostic", "Control Detection Time Expired",
        "Echo Function Failed", "Neighbor Signaled Session Down", "Forwarding Plane Reset", "Path Down",
        "Concatenated Path Down", "Administratively Down", "Reverse Concatenated Path Down",
        "Mis-Connectivity Defect"};
    private static final String[] BFD_STATES = {"AdminDown", "Down", "Init", "Up"};

    /**
     * A BFD Control message (UDP ports 3784, 4784, 6784 and 7784): Info is cleared, then the 24
     * bytes of the mandatory section are read before "Diag: …, State: …, Flags: 0x.." (version 0,
     * draft-katz-ward-bfd-01, has no state and 8 flag bits; any other version is read as 1). With
     * the A flag the authentication section's reads follow, which can still mark the line.
     */
    void bfdControl(byte[] buf, int p, int captured, int reported) {
        start(buf, p, captured, reported);
        protocol("BFD Control");
        info.setLength(0);
        try {
            int first = u8(p);
            int flags = u8(p + 1);
            int length = u8(p + 3);
            need(p, 24);
            int version = first >> 5;
            int diag = first & 0x1f;
            info.append("Diag: ");
            // version 0 names the diagnostics 0-7 only
            info.append(diag < (version == 0 ? 8 : BFD_DIAGS.length) ? BFD_DIAGS[diag] : "Unknown");
            if (version != 0) {
                info.append(", State: ").append(BFD_STATES[flags >> 6]);
                flags &= 0x3e;
            }
            info.append(", Flags: 0x");
            info.appendHex(flags, 2);
            if (version != 0 && (flags & 0x04) != 0) {
                if (length >= 28) {
                    bfdAuthentication(p);
                } else if (length < 24) {
                    fail(rep + 1); // the expert item's negative length: malformed
                } else {
                    need(p + 24, length - 24);
                }
            }
        } catch (Short e) {
            mark(info);
        }
    }

    /** The reads of the authentication section that happen without a tree. */
    private void bfdAuthentication(int p) {
        int type = u8(p + 24);
        int len = u8(p + 25);
        switch (type) {
            case 1 -> { // simple password: the string of len - 3 bytes is fetched
                int n = len - 3;
                if (n == -1) {
                    need(p + 27, 0); // to the end of the data
                } else if (n < -1) {
                    fail(rep + 1);
                } else {
                    need(p + 27, n);
                }
            }
            case 2, 3, 4, 5 -> {
                // a length other than the type's puts an expert item over the section's bytes
                if (len != (type <= 3 ? 24 : 28)) {
                    need(p + 24, len);
                }
            }
            default -> {
            }
        }
    }

    /** A BFD Echo message (UDP port 3785): its content is the sender's own. */
    void bfdEcho() {
        protocol("BFD Echo");
        info.setLength(0);
        info.append("Originator specific content");
    }


    // ---- TFTP: packet-tftp.c (dissect_tftp, dissect_tftp_message, tftp_dissect_options,
    // determine_full_blocknum, is_valid_request_body, dissect_tftp_heur)

    /** TFTP conversations remembered (tshark keeps every one of the file). */
    static final int TFTP_SLOTS = 256;
    /** A conversation: the client's address and port, the server's address (any server port). */
    private final long[] tftpClientHi = new long[TFTP_SLOTS];
    private final long[] tftpClientLo = new long[TFTP_SLOTS];
    private final long[] tftpServerHi = new long[TFTP_SLOTS];
    private final long[] tftpServerLo = new long[TFTP_SLOTS];
    /** The client port, -1 for a free slot. */
    private final int[] tftpPort = new int[TFTP_SLOTS];
    private final int[] tftpBlockSize = new int[TFTP_SLOTS];
    private final long[] tftpNextBlock = new long[TFTP_SLOTS];
    private int tftpNextSlot;
    /** How many slots have been taken (at most {@link #TFTP_SLOTS}). */
    private int tftpUsed;
    /** The state of a datagram that belongs to no conversation (port 69 without a valid request). */
    private int scratchBlockSize;
    private long scratchNextBlock;

    {
        java.util.Arrays.fill(tftpPort, -1);
    }

    private static long addrHi(byte[] a, int at, int len) {
        return len == 16 ? dev.capmill.model.Bytes.u32BE(a, at) << 32 | dev.capmill.model.Bytes.u32BE(a, at + 4) : -1;
    }

    private static long addrLo(byte[] a, int at, int len) {
        return len == 16 ? dev.capmill.model.Bytes.u32BE(a, at + 8) << 32 | dev.capmill.model.Bytes.u32BE(a, at + 12)
                : dev.capmill.model.Bytes.u32BE(a, at);
    }

    /**
     * The slot of the TFTP conversation a datagram from {@code src}:{@code sport} to {@code
     * dst}:{@code dport} belongs to, or -1: the client's address and port on one side, the
     * server's address on the other, whatever the server's port (tshark's UDP dissector tries a
     * conversation's dissector before the ports' and the heuristics).
     */
    int tftpConversation(byte[] a, int src, int dst, int addrLen, int sport, int dport) {
        if (tftpUsed == 0) {
            return -1; // no transfer seen: nothing to scan
        }
        long sHi = addrHi(a, src, addrLen);
        long sLo = addrLo(a, src, addrLen);
        long dHi = addrHi(a, dst, addrLen);
        long dLo = addrLo(a, dst, addrLen);
        for (int i = 0; i < TFTP_SLOTS; i++) {
            int port = tftpPort[i];
            if (port < 0) {
                continue;
            }
            if (port == sport && tftpClientLo[i] == sLo && tftpClientHi[i] == sHi && tftpServerLo[i] == dLo
                    && tftpServerHi[i] == dHi
                    || port == dport && tftpClientLo[i] == dLo && tftpClientHi[i] == dHi && tftpServerLo[i] == sLo
                    && tftpServerHi[i] == sHi) {
                return i;
            }
        }
        return -1;
    }

    private int tftpNewConversation(byte[] a, int src, int dst, int addrLen, int sport) {
        // a new request between the same client port and server starts over: the slot is reused
        int i = tftpSame(a, src, dst, addrLen, sport);
        if (i < 0) {
            i = tftpNextSlot;
            tftpNextSlot = (tftpNextSlot + 1) % TFTP_SLOTS;
            tftpUsed = Math.min(TFTP_SLOTS, tftpUsed + 1);
        }
        tftpClientHi[i] = addrHi(a, src, addrLen);
        tftpClientLo[i] = addrLo(a, src, addrLen);
        tftpServerHi[i] = addrHi(a, dst, addrLen);
        tftpServerLo[i] = addrLo(a, dst, addrLen);
        tftpPort[i] = sport;
        tftpBlockSize[i] = 512;
        tftpNextBlock[i] = 1;
        return i;
    }

    /** The slot of the conversation with exactly this client address and port and server address, or -1. */
    private int tftpSame(byte[] a, int src, int dst, int addrLen, int sport) {
        long cHi = addrHi(a, src, addrLen);
        long cLo = addrLo(a, src, addrLen);
        long sHi = addrHi(a, dst, addrLen);
        long sLo = addrLo(a, dst, addrLen);
        for (int i = 0; i < TFTP_SLOTS; i++) {
            if (tftpPort[i] == sport && tftpClientLo[i] == cLo && tftpClientHi[i] == cHi && tftpServerLo[i] == sLo
                    && tftpServerHi[i] == sHi) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The UDP heuristic's test (is_valid_request_body): from byte 2 on only printable ASCII and
     * NULs, an even and non-zero number of NULs, and a second string (the mode) that is
     * "netascii", "octet" or "mail" in any case. The opcode is not looked at.
     */
    static boolean tftpRequestBody(byte[] buf, int p, int captured) {
        int zeros = 0;
        for (int i = 2; i < captured; i++) {
            int c = buf[p + i] & 0xff;
            if (c == 0) {
                zeros++;
            } else if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        if (zeros == 0 || zeros % 2 != 0) {
            return false;
        }
        int mode = 2;
        while (buf[p + mode] != 0) {
            mode++;
        }
        mode++;
        int end = mode;
        while (end < captured && buf[p + end] != 0) {
            end++;
        }
        return equalsIgnoreCase(buf, p + mode, end - mode, "netascii") || equalsIgnoreCase(buf, p + mode, end - mode, "octet")
                || equalsIgnoreCase(buf, p + mode, end - mode, "mail");
    }

    private static boolean equalsIgnoreCase(byte[] buf, int at, int n, String s) {
        if (n != s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = buf[at + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a datagram of a port no dissector owns is TFTP by the UDP heuristic (then decoded). */
    boolean tftpHeuristic(byte[] buf, int p, int captured, int reported, byte[] a, int src, int dst, int addrLen,
            int sport) {
        if (!tftpRequestBody(buf, p, Math.min(captured, reported))) {
            return false;
        }
        tftp(buf, p, captured, reported, tftpNewConversation(a, src, dst, addrLen, sport));
        return true;
    }

    /**
     * A TFTP datagram of the conversation {@code slot} (-1: none), or one to or from port 69:
     * a valid request sent to port 69, or within a conversation, starts a new conversation (the
     * block size and numbering start over).
     */
    void tftp(byte[] buf, int p, int captured, int reported, int slot, byte[] a, int src, int dst, int addrLen,
            int sport, int dport) {
        if ((dport == 69 || slot >= 0) && reported >= 4 && Math.min(captured, reported) >= 4) {
            int op = (buf[p] & 0xff) << 8 | (buf[p + 1] & 0xff);
            if ((op == 1 || op == 2) && tftpRequestBody(buf, p, Math.min(captured, reported))) {
                slot = tftpNewConversation(a, src, dst, addrLen, sport);
            }
        }
        tftp(buf, p, captured, reported, slot);
    }

    private void tftp(byte[] buf, int p, int captured, int reported, int slot) {
        start(buf, p, captured, reported);
        protocol("TFTP");
        if (slot < 0) {
            scratchBlockSize = 512;
            scratchNextBlock = 1;
        }
        try {
            int opcode = be16(p);
            info.setLength(0);
            String name = opcode >= 1 && opcode <= 6 ? TFTP_OPCODES[opcode] : opcode == 255 ? "Information (MSDP)" : null;
            if (name != null) {
                info.append(name);
            } else {
                info.append("Unknown (0x");
                info.appendHex(opcode, 4);
                info.append(')');
            }
            int at = p + 2;
            switch (opcode) {
                case 1, 2 -> {
                    int n = strsize(at);
                    info.append(", File: ");
                    dev.capmill.decode.Dns.appendText(info, b, at, n - 1);
                    at += n;
                    n = strsize(at);
                    info.append(", Transfer type: ");
                    dev.capmill.decode.Dns.appendText(info, b, at, n - 1);
                    tftpOptions(at + n, opcode, slot);
                }
                case 3 -> {
                    int raw = be16(at);
                    long block = fullBlock(raw, slot);
                    // the bytes after the header as a 16-bit count, as the dissector keeps them
                    int bytes = (rep - (at + 2)) & 0xffff;
                    boolean last = bytes < blockSize(slot);
                    long next = nextBlock(slot);
                    if (block > next) {
                        setNextBlock(slot, block + 1);
                    } else if (block == next) {
                        setNextBlock(slot, next + 1);
                    }
                    info.append(", Block: ").append(block);
                    if (last) {
                        info.append(" (last)");
                    }
                }
                case 4 -> info.append(", Block: ").append(fullBlock(be16(at), slot));
                case 5 -> {
                    int code = be16(at);
                    info.append(", Code: ");
                    if (code < TFTP_ERRORS.length) {
                        info.append(TFTP_ERRORS[code]);
                    } else {
                        info.append("Unknown (").append(code).append(')');
                    }
                    int n = strsize(at + 2);
                    info.append(", Message: ");
                    dev.capmill.decode.Dns.appendText(info, b, at + 2, n - 1);
                }
                case 6, 255 -> tftpOptions(at, opcode, slot);
                default -> {
                    // the rest as data, which must hold at least one byte
                    if (at >= cap) {
                        fail(at + 1);
                    }
                }
            }
        } catch (Short e) {
            mark(info);
        }
    }

    private static final String[] TFTP_OPCODES = {null, "Read Request", "Write Request", "Data Packet",
        "Acknowledgement", "Error Code", "Option Acknowledgement"};
    private static final String[] TFTP_ERRORS = {"Not defined", "File not found", "Access violation",
        "Disk full or allocation exceeded", "Illegal TFTP Operation", "Unknown transfer ID", "File already exists",
        "No such user", "Option negotiation failed"};

    /** The options of a request or option acknowledgement, up to the captured end: ", name=value" each. */
    private void tftpOptions(int at, int opcode, int slot) {
        while (at < cap) {
            int nameLen = strsize(at);
            int value = at + nameLen;
            int valueLen = strsize(value);
            info.append(", ");
            dev.capmill.decode.Dns.appendText(info, b, at, nameLen - 1);
            info.append('=');
            dev.capmill.decode.Dns.appendText(info, b, value, valueLen - 1);
            if (opcode == 6 && equalsIgnoreCase(b, at, nameLen - 1, "blksize")) {
                long size = strtol(value, valueLen - 1);
                if (size >= 8 && size <= 65464) {
                    if (slot >= 0) {
                        tftpBlockSize[slot] = (int) size;
                    } else {
                        scratchBlockSize = (int) size;
                    }
                }
            }
            at = value + valueLen;
        }
    }

    /** C's strtol in base 10 over {@code n} bytes: leading spaces, a sign, the digits that follow. */
    private long strtol(int at, int n) {
        int i = at;
        int end = at + n;
        while (i < end && (b[i] == ' ' || b[i] >= 9 && b[i] <= 13)) {
            i++;
        }
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9' && v < 1_000_000_000L) {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return negative ? -v : v;
    }

    /** tvb_strsize: the length of the NUL-terminated string at {@code at}, its NUL included. */
    private int strsize(int at) {
        for (int i = at; i < cap; i++) {
            if (b[i] == 0) {
                return i - at + 1;
            }
        }
        // no NUL in the bytes at hand: cut by the capture, or malformed when the message ends there
        return fail(cap < rep ? cap + 1 : rep + 1);
    }

    private int blockSize(int slot) {
        return slot >= 0 ? tftpBlockSize[slot] : scratchBlockSize;
    }

    private long nextBlock(int slot) {
        return slot >= 0 ? tftpNextBlock[slot] : scratchNextBlock;
    }

    private void setNextBlock(int slot, long v) {
        if (slot >= 0) {
            tftpNextBlock[slot] = v;
        } else {
            scratchNextBlock = v;
        }
    }

    /** The block number with the bits a wrap past 65535 lost, from the block expected next. */
    private long fullBlock(int raw, int slot) {
        long next = nextBlock(slot);
        int delta = (short) (next - raw);
        if (delta > (int) next) {
            return raw;
        }
        return (next - delta) & 0xffffffffL;
    }

    // ---- STUN: packet-stun.c (dissect_stun_message, dissect_stun_heur); the attribute and error
    // tables and which attributes write to Info were read off tshark 4.0.17's output for
    // messages made for the purpose (see UdpProtocolsTest)

    private static final int STUN_COOKIE = 0x2112a442;
    private final byte[] stunAddr = new byte[16];

    /**
     * A STUN message (UDP port 3478, or the UDP heuristic with {@code heuristic}): false when the
     * dissector rejects it (the caller goes on as tshark does). It takes a header of 20 bytes at
     * hand with the magic cookie, a message length that is the datagram's less 20, and a method
     * under 0x100 (two bits of the type that no other method uses); on the port, a TURN ChannelData message (the type's top bits set) whose
     * length fits the datagram.
     */
    boolean stun(byte[] buf, int p, int captured, int reported, boolean heuristic) {
        int n = Math.min(captured, reported);
        if (n < 4) {
            return false;
        }
        int type = (buf[p] & 0xff) << 8 | (buf[p + 1] & 0xff);
        int length = (buf[p + 2] & 0xff) << 8 | (buf[p + 3] & 0xff);
        if ((type & 0xc000) != 0) {
            if (heuristic || type == 0xffff
                    || reported != length + 4 && reported != ((length + 4 + 3) & ~3)) {
                return false;
            }
            protocol("STUN");
            info.setLength(0);
            info.append("ChannelData TURN Message");
            return true;
        }
        if (n < 20 || dev.capmill.model.Bytes.u32BE(buf, p + 4) != (STUN_COOKIE & 0xffffffffL)
                || reported != length + 20 || (type & 0x3c00) != 0) {
            return false; // the last: a method of 0x100 or more
        }
        start(buf, p, captured, reported);
        stunStart = p;
        protocol("STUN");
        info.setLength(0);
        int method = (type & 0x000f) | (type & 0x00e0) >> 1 | (type & 0x0200) >> 2;
        int cls = (type & 0x0010) >> 4 | (type & 0x0100) >> 7;
        String m = method < STUN_METHODS.length ? STUN_METHODS[method] : method == 0x80 ? "GooglePing" : null;
        info.append(m != null ? m : "Unknown").append(' ').append(STUN_CLASSES[cls]);
        try {
            stunAttributes(p, p + 20 + length);
        } catch (Short e) {
            mark(info);
        }
        return true;
    }

    private static final String[] STUN_METHODS = {null, "Binding", "SharedSecret", "Allocate", "Refresh", null,
        "Send", "Data", "CreatePermission", "Channel-Bind", "Connect", "ConnectionBind", "ConnectionAttempt"};
    private static final String[] STUN_CLASSES = {"Request", "Indication", "Success Response", "Error Response"};

    private void stunAttributes(int p, int end) {
        int at = p + 20;
        while (at < end) {
            int type = be16(at);
            int len = be16(at + 2);
            int padded = (len + 3) & ~3;
            int v = at + 4;
            if (!stunKnown(type)) {
                need(v, len); // the value of an attribute it has no name for is taken as bytes
            } else if (v + padded > end) {
                break; // "bogus, goes past the end of the message": the walk stops
            } else {
                stunAttribute(type, v, len);
            }
            at = v + padded;
        }
    }

    private void stunAttribute(int type, int v, int len) {
        switch (type) {
            case 0x0001, 0x000e, 0x8023, 0x802b, 0x802c -> { // MAPPED-ADDRESS and its kind
                if (len >= 8) {
                    int family = u8(v + 1);
                    int port = be16(v + 2);
                    if (family == 1) {
                        info.append(' ').append(stunName(type)).append(": ");
                        dev.capmill.decode.Addresses.ipv4(info, b, v + 4);
                        info.append(':').append(port);
                    } else if (family == 2 && len >= 20) {
                        info.append(' ').append(stunName(type)).append(": ");
                        dev.capmill.decode.Addresses.ipv6(info, b, v + 4);
                        info.append(':').append(port);
                    }
                }
            }
            case 0x0012, 0x0016, 0x0020, 0x0027, 0x0028, 0x8020, 0x8059, 0x805a, 0x805b, 0x805c -> { // XOR-*
                if (len >= 8) {
                    int family = u8(v + 1);
                    int port = be16(v + 2) ^ (STUN_COOKIE >>> 16);
                    int n = family == 1 ? 4 : family == 2 && len >= 20 ? 16 : 0;
                    if (n > 0) {
                        // XORed with the cookie, then (IPv6) the transaction id that follows it
                        for (int i = 0; i < n; i++) {
                            stunAddr[i] = (byte) (b[v + 4 + i] ^ b[stunStart + 4 + i]);
                        }
                        info.append(' ').append(stunName(type)).append(": ");
                        if (n == 4) {
                            dev.capmill.decode.Addresses.ipv4(info, stunAddr, 0);
                        } else {
                            dev.capmill.decode.Addresses.ipv6(info, stunAddr, 0);
                        }
                        info.append(':').append(port);
                    }
                }
            }
            case 0x0006 -> stunString(" user: ", v, len);
            case 0x0014 -> stunString(" realm: ", v, len);
            case 0x0015 -> info.append(" with nonce");
            case 0x0009 -> { // ERROR-CODE
                if (len >= 4) {
                    int code = u8(v + 2) * 100 + u8(v + 3);
                    info.append(" error-code: ").append(code).append(" (").append(stunError(code)).append(')');
                    if (len >= 5) {
                        stunString(" ", v + 4, len - 4);
                    }
                }
            }
            case 0x000c -> { // CHANNEL-NUMBER
                if (len >= 4) {
                    info.append(" ChannelNumber=0x");
                    int c = be16(v);
                    info.append(Integer.toHexString(c));
                }
            }
            case 0x000d, 0x0010 -> { // LIFETIME, BANDWIDTH
                if (len >= 4) {
                    info.append(type == 0x000d ? " lifetime: " : " bandwidth: ").append(be32(v));
                }
            }
            case 0x0019 -> { // REQUESTED-TRANSPORT
                if (len >= 4) {
                    int t = u8(v);
                    if (t == 17) {
                        info.append(" UDP");
                    } else if (t == 6) {
                        info.append(" TCP");
                    } else {
                        info.append(" Unknown (0x");
                        String h = Integer.toHexString(t);
                        for (int i = h.length(); i < 8; i++) {
                            info.append(' ');
                        }
                        info.append(h).append(')');
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Where the message being decoded starts: its cookie and transaction id unmask XOR addresses. */
    private int stunStart;

    /** {@code prefix} and the UTF-8 string of {@code len} bytes as the column gets it: up to a NUL, broken sequences as U+FFFD. */
    private void stunString(String prefix, int v, int len) {
        need(v, len);
        info.append(prefix);
        int end = v + len;
        int i = v;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return;
            }
            if (c < 0x80) {
                info.append((char) c);
                i++;
                continue;
            }
            int more = c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
            int cp = more == 1 ? c & 0x1f : more == 2 ? c & 0x0f : c & 0x07;
            boolean ok = more > 0;
            for (int k = 1; ok && k <= more; k++) {
                if (i + k >= end || (b[i + k] & 0xc0) != 0x80) {
                    ok = false;
                } else {
                    cp = cp << 6 | (b[i + k] & 0x3f);
                }
            }
            if (ok && (more == 2 && (cp < 0x800 || cp >= 0xd800 && cp <= 0xdfff) || more == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
                ok = false;
            }
            if (ok) {
                info.appendCodePoint(cp);
                i += more + 1;
            } else {
                info.append('\ufffd');
                i++;
            }
        }
    }

    private static boolean stunKnown(int t) {
        if (t >= 0x0001 && t <= 0x0030) {
            return t != 0x001f && t != 0x0021 && t != 0x0023 && t != 0x0029 && (t <= 0x002a || t == 0x0030);
        }
        return switch (t) {
            case 0x8000, 0x8001, 0x8002, 0x8003, 0x8004, 0x8006, 0x8008, 0x8020, 0x8022, 0x8023, 0x8025, 0x8027,
                0x8028, 0x8029, 0x802a, 0x802b, 0x802c, 0x802d, 0x802e, 0x8030, 0x8032, 0x8037, 0x8039, 0x8050,
                0x8054, 0x8055, 0x8056, 0x8057, 0x8058, 0x8059, 0x805a, 0x805b, 0x805c, 0x805d, 0x805e, 0x805f,
                0x8060, 0x8061, 0x8062, 0x8068, 0x8070, 0x8090, 0x8095, 0xc000, 0xc001, 0xc002, 0xc057, 0xc058,
                0xc059, 0xc05a, 0xc05b, 0xc05c, 0xc05d, 0xc060 -> true;
            default -> false;
        };
    }

    private static String stunName(int t) {
        return switch (t) {
            case 0x0001 -> "MAPPED-ADDRESS";
            case 0x000e -> "MS-ALTERNATE-SERVER";
            case 0x8023 -> "ALTERNATE-SERVER";
            case 0x802b -> "RESPONSE-ORIGIN";
            case 0x802c -> "OTHER-ADDRESS";
            case 0x0012 -> "XOR-PEER-ADDRESS";
            case 0x0016 -> "XOR-RELAYED-ADDRESS";
            case 0x0020, 0x8020 -> "XOR-MAPPED-ADDRESS";
            case 0x0027 -> "XOR-RESPONSE-TARGET";
            case 0x0028 -> "XOR-REFELECTED-FROM"; // sic, as tshark 4.0 spells it
            case 0x8059 -> "Remote Site Address";
            case 0x805a -> "Remote Relay Site Address";
            case 0x805b -> "Local Site Address";
            default -> "Local Relay Site Address";
        };
    }

    private static String stunError(int code) {
        return switch (code) {
            case 274 -> "Disable Candidate";
            case 275 -> "Disable Candidate Pair";
            case 300 -> "Try Alternate";
            case 400 -> "Bad Request";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 405 -> "Mobility Forbidden";
            case 420 -> "Unknown Attribute";
            case 430 -> "Stale Credentials (legacy)";
            case 431 -> "Integrity Check Failure (legacy)";
            case 432 -> "Missing Username (legacy)";
            case 433 -> "Use TLS (legacy)";
            case 434 -> "Missing Realm (legacy)";
            case 435 -> "Missing Nonce (legacy)";
            case 436 -> "Unknown User (legacy)";
            case 437 -> "Allocation Mismatch";
            case 438 -> "Stale Nonce";
            case 439 -> "Wrong Credentials (legacy)";
            case 440 -> "Address Family not Supported";
            case 441 -> "Wrong Credentials";
            case 442 -> "Unsupported Transport Protocol";
            case 443 -> "Peer Address Family Mismatch";
            case 446 -> "Connection Already Exists";
            case 447 -> "Connection Timeout or Failure";
            case 481 -> "Connection does not exist (legacy)";
            case 486 -> "Allocation Quota Reached";
            case 487 -> "Role Conflict";
            case 500 -> "Server Error";
            case 503 -> "Service Unavailable (legacy)";
            case 507 -> "Insufficient Bandwidth Capacity (legacy)";
            case 508 -> "Insufficient Port Capacity";
            case 600 -> "Global Failure";
            default -> "*Unknown error code*";
        };
    }

    // ---- DoIP: packet-doip.c (dissect_doip, get_doip_message_len, dissect_doip_message)

    /**
     * DoIP (ISO 13400-2) in a UDP datagram on port 13400: the datagram is cut into messages of 8
     * header bytes plus their length field, as tcp_dissect_pdus cuts a stream; each message clears
     * Info and names its payload type, so the last one shows. A first header whose second byte is
     * not the first's complement, or a remainder too short for its length field, ends the line with
     * the exception's mark (before the first message, after the UDP text); the inverse version is
     * looked at in the datagram's first header only. The payload fields are
     * read only into a tree (none for tshark's one-line output).
     */
    void doip(byte[] buf, int p, int captured, int reported) {
        start(buf, p, captured, reported);
        try {
            int at = p;
            while (at < rep) {
                // get_doip_message_len checks the version bytes at the start of the datagram, not of
                // the message: a later message's inverse version is not looked at
                int version = u8(p);
                int inverse = u8(p + 1);
                if (version != (~inverse & 0xff)) {
                    fail(rep + 1); // a length under the header's: tshark's reported-bounds error
                }
                long length = be32(at + 4) + 8;
                if (length > 0x7fffffffL) {
                    length = 8;
                }
                version = u8(at);
                int type = be16(at + 2);
                protocol("DoIP");
                info.setLength(0);
                if (version >= 1 && version <= 4 || version == 0xff && type >= 1 && type <= 3) {
                    String name = dev.capmill.decode.DoIp.payload(type);
                    if (name != null) {
                        info.append(name);
                    } else {
                        info.append("0x");
                        info.appendHex(type, 4);
                        info.append(" Unknown Payload");
                    }
                } else {
                    info.append("Invalid/unsupported DoIP version");
                }
                at += (int) Math.min(length, rep - at);
            }
        } catch (Short e) {
            mark(info);
        }
    }
}
