package dev.capmill.text;

import dev.capmill.model.TextBuffer;

/**
 * The Protocol and Info columns of three small protocols, as tshark 4.0.17 writes them:
 * <ul>
 * <li>AoE, ATA over Ethernet (EtherType 0x88A2; Wireshark's packet-aoe.c),</li>
 * <li>IS-IS PDUs (Hello, LSP, CSNP, PSNP) in 802.2 LLC frames of SAP 0xFE whose first byte is the
 * IS-IS NLPID 0x83 (packet-osi.c, packet-isis.c, packet-isis-hello.c, packet-isis-lsp.c,
 * packet-isis-snp.c),</li>
 * <li>PFCP, 3GPP TS 29.244's control protocol on UDP port 8805 (packet-pfcp.c).</li>
 * </ul>
 * Field layouts and texts come from those dissectors and from tshark 4.0's output for the corpus
 * captures; the value names are tshark 4.0.17's ({@code tshark -G values}: aoe.cmd, isis.type,
 * pfcp.msg_type).
 *
 * <p>A read past the data ends the text as tshark's exception does: "[Malformed Packet]" when the
 * read passes the length the frame claims, "[Packet size limited during capture]" when only the
 * capture cut it, appended to whatever Info holds by then.
 *
 * <p>State: AoE responses name the ATA command of their request (tshark matches them by tag within
 * the pair of MAC addresses); the requests wait in a fixed table of {@link #AOE_SLOTS} slots, a
 * newer request taking the slot of an older one, so memory stays bounded.
 */
final class SmallProtocols extends TvbReads {
    private final TextBuffer protocol;
    private final TextBuffer info;

    SmallProtocols(TextBuffer protocol, TextBuffer info) {
        this.protocol = protocol;
        this.info = info;
    }



    // ---- AoE: packet-aoe.c (dissect_aoe, dissect_aoe_v1, dissect_ata_pdu)

    static final int AOE_SLOTS = 1024;
    /** Waiting ATA requests: the MAC pair (lower, higher), the tag, the ATA command or -1 for a free slot. */
    private final long[] aoeLow = new long[AOE_SLOTS];
    private final long[] aoeHigh = new long[AOE_SLOTS];
    private final int[] aoeTag = new int[AOE_SLOTS];
    private final int[] aoeCmd = new int[AOE_SLOTS];

    {
        java.util.Arrays.fill(aoeCmd, -1);
    }

    /**
     * An AoE message at {@code p}: {@code captured} bytes at hand of {@code reported}, between the
     * MAC addresses {@code macA} and {@code macB} (48-bit values, 0 when the link layer has none).
     */
    void aoe(byte[] buf, int p, int captured, int reported, long macA, long macB) {
        start(buf, p, captured, reported);
        protocol.setLength(0);
        protocol.append("AoE");
        info.setLength(0);
        try {
            // the version is the high nibble of byte 0; only version 1 is decoded, else Info stays empty
            if (u8(p) >> 4 != 1) {
                return;
            }
            int flags = u8(p) & 0x0f;
            boolean response = (flags & 0x08) != 0;
            if ((flags & 0x04) != 0) {
                int error = u8(p + 1);
                info.append("Error:");
                String name = aoeError(error);
                if (name != null) {
                    info.append(name);
                } else {
                    info.append("Unknown error<").append(error).append('>');
                }
                info.append(' ');
            }
            need(p + 2, 3); // major (2 bytes), minor (1)
            int cmd = u8(p + 5);
            if (cmd == 0) {
                info.append("Issue ATA Command");
            } else if (cmd == 1) {
                info.append("Query Config Information");
            } else {
                info.append("Unknown command<").append(cmd).append('>');
            }
            info.append(response ? " Response" : " Request");
            // the tag: 4 bytes at 6 (little-endian in packet-aoe.c; only compared here)
            need(p + 6, 4);
            int tag = (b[p + 6] & 0xff) | (b[p + 7] & 0xff) << 8 | (b[p + 8] & 0xff) << 16 | (b[p + 9] & 0xff) << 24;
            if (cmd == 0) {
                ata(p + 10, response, tag, Math.min(macA, macB), Math.max(macA, macB));
            }
        } catch (Short e) {
            mark(info);
        }
    }

    /** The ATA header of an "Issue ATA Command" message at {@code at}: aflags, feature, count, command/status, LBA. */
    private void ata(int at, boolean response, int tag, long low, long high) {
        int slot = aoeSlot(low, high, tag);
        int requested = -1;
        if (!response) {
            // the request's command is recorded before anything else of the header is read
            int cmd = u8(at + 3);
            aoeLow[slot] = low;
            aoeHigh[slot] = high;
            aoeTag[slot] = tag;
            aoeCmd[slot] = cmd;
        } else if (aoeCmd[slot] >= 0 && aoeLow[slot] == low && aoeHigh[slot] == high && aoeTag[slot] == tag) {
            // matched once: a second response with the tag finds no request
            requested = aoeCmd[slot];
            aoeCmd[slot] = -1;
        }
        need(at, 4); // aflags, err/feature, sector count, command or status
        if (!response) {
            appendAta(b[at + 3] & 0xff);
        } else if (requested >= 0) {
            appendAta(requested);
        }
        need(at + 4, 6); // the LBA: 4 bytes, then 2
    }

    private void appendAta(int cmd) {
        info.append(" ATA:");
        String name = ataCommand(cmd);
        if (name != null) {
            info.append(name);
        } else {
            info.append(" Unknown ATA<0x");
            info.appendHex(cmd, 2);
            info.append('>');
        }
    }

    private static int aoeSlot(long low, long high, int tag) {
        long h = low * 0x9E3779B97F4A7C15L ^ high * 0xC2B2AE3D27D4EB4FL ^ (tag & 0xffffffffL) * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        return (int) (h & (AOE_SLOTS - 1));
    }

    private static String aoeError(int e) {
        return switch (e) {
            case 1 -> "Unrecognized command code";
            case 2 -> "Bad argument parameter";
            case 3 -> "Device unavailable";
            case 4 -> "Config string present";
            case 5 -> "Unsupported version";
            default -> null;
        };
    }

    /** packet-aoe.c's ata_cmd_vals (the names, typos included, as tshark prints them). */
    private static String ataCommand(int c) {
        return switch (c) {
            case 0x00 -> "NOP";
            case 0x08 -> "Atapi soft reset";
            case 0x10 -> "Recalibrate";
            case 0x20 -> "Read sectors (with retry)";
            case 0x21 -> "Read sectors (no retry)";
            case 0x22 -> "Read long (with retry)";
            case 0x23 -> "Read long (no retry)";
            case 0x24 -> "Read ext";
            case 0x30 -> "Write sectors (with retry)";
            case 0x31 -> "Write sectors (no retry)";
            case 0x32 -> "Write long (with retry)";
            case 0x33 -> "Write long (no retry)";
            case 0x34 -> "Write ext";
            case 0x3c -> "Write verify";
            case 0x40 -> "Read verify sectors (with retry)";
            case 0x41 -> "Read verify sectors (no retry)";
            case 0x50 -> "Format track";
            case 0x70 -> "Seek";
            case 0x90 -> "Execute device diagnostics";
            case 0x91 -> "Initialize device parameters";
            case 0x92 -> "Download microcode";
            case 0x94, 0xe0 -> "Standy immediate";
            case 0x95, 0xe1 -> "Idle immediate";
            case 0x96, 0xe2 -> "Standby";
            case 0x97, 0xe3 -> "Idle";
            case 0x98, 0xe5 -> "Check power mode";
            case 0x99, 0xe6 -> "Sleep";
            case 0xa0 -> "Atapi packet";
            case 0xa1 -> "Atapi identify device";
            case 0xa2 -> "Atapi service";
            case 0xb0 -> "Smart";
            case 0xc4 -> "Read multiple";
            case 0xc5 -> "Write multiple";
            case 0xc6 -> "Set multiple mode";
            case 0xc8 -> "Read dma (with retry)";
            case 0xc9 -> "Read dma (no retry)";
            case 0xca -> "Write dma (with retry)";
            case 0xcb -> "Write dma (no retry)";
            case 0xde -> "Door lock";
            case 0xdf -> "Door unlock";
            case 0xe4 -> "Read buffer";
            case 0xe8 -> "Write buffer";
            case 0xec -> "Identify Device";
            case 0xed -> "Media eject";
            case 0xee -> "Identify device dma";
            case 0xef -> "Set features";
            case 0xf1 -> "Security set password";
            case 0xf2 -> "Security unlock";
            case 0xf3 -> "Security erase prepare";
            case 0xf4 -> "Security erase unit";
            case 0xf5 -> "Security freeze";
            case 0xf6 -> "Security disable password";
            default -> null;
        };
    }

    // ---- IS-IS: packet-isis.c (the 8-byte common header), packet-isis-hello.c, packet-isis-lsp.c,
    // packet-isis-snp.c (each PDU's fixed header), osi-utils.c (print_system_id)

    /**
     * An LLC payload of SAP 0xFE at {@code p} ({@code captured} bytes at hand of {@code reported}):
     * false, nothing written, unless its first byte is the IS-IS NLPID 0x83. On entry Info holds
     * the LLC text.
     */
    boolean isis(byte[] buf, int p, int captured, int reported) {
        if (captured < 1 || (buf[p] & 0xff) != 0x83) {
            return false;
        }
        start(buf, p, captured, reported);
        protocol.setLength(0);
        protocol.append("ISIS");
        info.setLength(0);
        try {
            int headerLength = u8(p + 1);
            int version = u8(p + 2);
            if (version != 1) {
                info.append("Unknown ISIS version (").append(version).append(" vs 1)");
                return true;
            }
            int idLength = u8(p + 3);
            int type = u8(p + 4) & 0x1f;
            String name = isisType(type);
            if (name != null) {
                info.append(name);
            } else {
                info.append("Unknown (0x").append(Integer.toHexString(type)).append(')');
            }
            need(p + 5, 3); // version 2, reserved, maximum area addresses
            // a system ID length of 0 means 6 bytes, 255 none
            idLength = idLength == 0 ? 6 : idLength == 255 ? 0 : idLength;
            int at = p + 8;
            switch (type) {
                case 15, 16, 17 -> hello(p, at, type == 17, headerLength, idLength);
                case 18, 20 -> lsp(p, at, headerLength, idLength);
                case 24, 25, 26, 27 -> {
                    // complete (24, 25) and partial (26, 27) sequence numbers: only a CSNP has the LSP-ID range
                    boolean complete = type <= 25;
                    protocol.setLength(0);
                    protocol.append(complete ? "ISIS CSNP" : "ISIS PSNP");
                    int pduLength = be16(at);
                    at += 2;
                    at = systemId(", Source-ID: ", at, idLength + 1);
                    if (complete) {
                        at = systemId(", Start LSP-ID: ", at, idLength + 2);
                        at = systemId(", End LSP-ID: ", at, idLength + 2);
                    }
                    clvs(at, pduLength - headerLength);
                }
                default -> {
                    // an unknown PDU type: only the common header is shown
                }
            }
        } catch (Short e) {
            mark(info);
        }
        return true;
    }

    private void hello(int p, int at, boolean p2p, int headerLength, int idLength) {
        protocol.setLength(0);
        protocol.append("ISIS HELLO");
        u8(at); // circuit type
        at = systemId(", System-ID: ", at + 1, idLength);
        need(at, 2); // holding timer
        int pduLength = be16(at + 2);
        at += 4;
        if (p2p) {
            u8(at); // local circuit id
            at += 1;
        } else {
            u8(at); // priority
            need(at + 1, idLength + 1); // LAN ID
            at += 2 + idLength;
        }
        if (pduLength < headerLength) {
            return; // too short for its own header: no CLVs are read
        }
        clvs(at, pduLength - headerLength);
    }

    private void lsp(int p, int at, int headerLength, int idLength) {
        protocol.setLength(0);
        protocol.append("ISIS LSP");
        int pduLength = be16(at);
        int lifetime = be16(at + 2);
        int checked = at + 4;
        at = systemId(", LSP-ID: ", checked, idLength + 2);
        long sequence = be32(at);
        info.append(", Sequence: 0x");
        info.appendHex(sequence, 8);
        info.append(", Lifetime: ");
        // printed "%5u"
        for (int w = lifetime < 10 ? 1 : lifetime < 100 ? 2 : lifetime < 1000 ? 3 : lifetime < 10000 ? 4 : 5; w < 5; w++) {
            info.append(' ');
        }
        info.append(lifetime).append('s');
        at += 4;
        // the Fletcher checksum (ISO 8473 annex C) over the PDU from the LSP ID on, unused when
        // the remaining lifetime is 0 or the checksum field is 0, not checked when bytes are missing
        int checksum = lifetime != 0 ? be16(at) : 0;
        int span = pduLength - 12;
        if (checksum == 0) {
            be16(at);
        } else if (span >= 0 && checked + span <= cap && at + 2 <= checked + span) {
            if (!fletcherOk(checked, span)) {
                info.append(" [ISIS CHECKSUM INCORRECT]");
            }
        }
        need(at, 3); // checksum, type block
        at += 3;
        clvs(at, pduLength - headerLength);
    }

    /** Whether the ISO 8473 checksum over {@code n} bytes at {@code at}, the checksum field included, verifies. */
    private boolean fletcherOk(int at, int n) {
        int c0 = 0;
        int c1 = 0;
        for (int i = 0; i < n; i++) {
            c0 = (c0 + (b[at + i] & 0xff)) % 255;
            c1 = (c1 + c0) % 255;
        }
        return c0 == 0 && c1 == 0;
    }

    /**
     * The CLVs (code, length, value) after the fixed header, {@code length} bytes of them: each
     * code and length byte is read; a value that does not fit ends the walk without an exception
     * (packet-isis-clv.c's isis_dissect_clvs checks that its bytes exist). The values themselves
     * are not decoded.
     */
    private void clvs(int at, int length) {
        while (length > 0) {
            u8(at);
            int n = u8(at + 1);
            at += 2;
            length -= 2 + n;
            if (length < 0 || at + n > cap) {
                return;
            }
            at += n;
        }
    }

    /** Appends {@code label} and the ID of {@code n} bytes at {@code at} as print_system_id writes it; the offset after it. */
    private int systemId(String label, int at, int n) {
        need(at, n);
        info.append(label);
        if (n <= 0 || n > 8) {
            info.append("<Invalid length of SYSTEM ID>");
        } else if (n >= 6) {
            for (int i = 0; i < 6; i++) {
                if (i == 2 || i == 4) {
                    info.append('.');
                }
                info.appendHex(b[at + i] & 0xff, 2);
            }
            if (n >= 7) {
                info.append('.');
                info.appendHex(b[at + 6] & 0xff, 2);
            }
            if (n == 8) {
                info.append('-');
                info.appendHex(b[at + 7] & 0xff, 2);
            }
        } else {
            // shorter IDs (none seen in practice): the bytes in hex, a dot after each pair
            for (int i = 0; i < n; i++) {
                if (i > 0 && i % 2 == 0) {
                    info.append('.');
                }
                info.appendHex(b[at + i] & 0xff, 2);
            }
        }
        return at + n;
    }

    private static String isisType(int t) {
        return switch (t) {
            case 15 -> "L1 HELLO";
            case 16 -> "L2 HELLO";
            case 17 -> "P2P HELLO";
            case 18 -> "L1 LSP";
            case 20 -> "L2 LSP";
            case 24 -> "L1 CSNP";
            case 25 -> "L2 CSNP";
            case 26 -> "L1 PSNP";
            case 27 -> "L2 PSNP";
            default -> null;
        };
    }

    // ---- PFCP: packet-pfcp.c (dissect_pfcp, dissect_pfcp_ies_common); 3GPP TS 29.244 section 7.2.2

    /** A PFCP message at {@code p}: {@code captured} bytes at hand of {@code reported} (more than 0). */
    void pfcp(byte[] buf, int p, int captured, int reported) {
        start(buf, p, captured, reported);
        protocol.setLength(0);
        protocol.append("PFCP");
        info.setLength(0);
        try {
            String name = pfcpType(u8(p + 1));
            info.append(name != null ? name : "Unknown");
            int flags = u8(p);
            need(p + 2, 2); // message length
            int at = p + 4;
            if ((flags & 1) != 0) {
                need(at, 8); // SEID
                at += 8;
            }
            need(at, 4); // sequence number (3 bytes), then priority or spare
            at += 4;
            // the IEs: type and length (2 bytes each), then the value, to the end of the datagram
            while (at < rep) {
                be16(at);
                int n = be16(at + 2);
                at += 4;
                if (at + n > cap) {
                    // the value's bytes are read (or, past the datagram, its subset cannot be made)
                    fail(at + n);
                }
                at += n;
            }
        } catch (Short e) {
            mark(info);
        }
    }

    private static String pfcpType(int t) {
        return switch (t) {
            case 0 -> "Reserved";
            case 1 -> "PFCP Heartbeat Request";
            case 2 -> "PFCP Heartbeat Response";
            case 3 -> "PFCP PFD Management Request";
            case 4 -> "PFCP PFD Management Response";
            case 5 -> "PFCP Association Setup Request";
            case 6 -> "PFCP Association Setup Response";
            case 7 -> "PFCP Association Update Request";
            case 8 -> "PFCP Association Update Response";
            case 9 -> "PFCP Association Release Request";
            case 10 -> "PFCP Association Release Response";
            case 11 -> "PFCP Version Not Supported Response";
            case 12 -> "PFCP Node Report Request";
            case 13 -> "PFCP Node Report Response";
            case 14 -> "PFCP Session Set Deletion Request";
            case 15 -> "PFCP Session Set Deletion Response";
            case 16 -> "PFCP Session Set Modification Request";
            case 17 -> "PFCP Session Set Modification Response";
            case 50 -> "PFCP Session Establishment Request";
            case 51 -> "PFCP Session Establishment Response";
            case 52 -> "PFCP Session Modification Request";
            case 53 -> "PFCP Session Modification Response";
            case 54 -> "PFCP Session Deletion Request";
            case 55 -> "PFCP Session Deletion Response";
            case 56 -> "PFCP Session Report Request";
            case 57 -> "PFCP Session Report Response";
            default -> null;
        };
    }
}
