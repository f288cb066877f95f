package dev.capmill.text;

import dev.capmill.model.TextBuffer;

/**
 * The Protocol and Info columns of small UDP protocols as tshark 4.0.17 writes them without a
 * protocol tree ({@code tshark -n -r}):
 * <ul>
 * <li>HSRP and HSRPv2, Cisco's Hot Standby Router Protocol (UDP ports 1985 and 2029;
 * epan/dissectors/packet-hsrp.c).</li>
 * <li>BFD Control (UDP ports 3784, 4784, 6784, 7784) and BFD Echo (3785; packet-bfd.c).</li>
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

    private void start(byte[] buf, int p, int captured, int reported) {
        b = buf;
        // what a tvb holds: the bytes at hand, never more than the message claims
        cap = p + Math.max(0, Math.min(captured, reported));
        rep = p + Math.max(0, reported);
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
            hex(info, flags, 2);
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

    private static void hex(TextBuffer sb, long v, int digits) {
        for (int s = 4 * (digits - 1); s >= 0; s -= 4) {
            sb.append(Character.forDigit((int) (v >> s) & 15, 16));
        }
    }
}
