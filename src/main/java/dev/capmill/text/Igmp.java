package dev.capmill.text;

import dev.capmill.decode.Addresses;
import dev.capmill.decode.Columns;
import dev.capmill.model.Bytes;
import dev.capmill.model.TextBuffer;

/**
 * IGMP (IP protocol 2) as tshark 4.0 shows it (facts from packet-igmp.c, checked against tshark
 * 4.0.17 on the corpus's 188 IGMP lines and on made-up frames). The message type picks the
 * dissector:
 * <ul>
 * <li>0x11, Membership Query: version 3 when the packet claims 12 bytes or more, else version 2
 * when the second byte (max response time) is not zero, else version 1;</li>
 * <li>0x12 Membership Report: version 1; 0x16 Membership Report and 0x17 Leave Group: version 2;
 * 0x22 Membership Report: version 3; 0x00–0x0f: version 0 (RFC 988);</li>
 * <li>0x1e and 0x1f, multicast traceroute: "IGMP" and "Traceroute Response, n blocks",
 * "Traceroute Query" (exactly the 24-byte header) or "Traceroute Request".</li>
 * </ul>
 * The Protocol column is "IGMPv" and the version, the Info the type's name followed, for
 * versions 2 and 3, by the group ("general" for 0.0.0.0), a version 3 query's sources and a
 * version 3 report's group records. Types other dissectors take (DVMRP 0x13, PIM version 1 0x14,
 * MRD, RGMP, MSNIP, IGAP) are left to the caller.
 *
 * <p>Without a protocol tree the dissector still reads what the Info needs and the checksum
 * (bytes 2–3); a read past the data ends the Info where it stands with the exception's mark.
 */
final class Igmp {
    private Igmp() {
    }

    /** The names of the message types (packet-igmp.c's commands table), by type; null where none. */
    private static final String[] NAMES = new String[0x23];

    static {
        String[] v0 = {"Create Group Request", "Create Group Reply", "Join Group Request", "Join Group Reply",
            "Leave Group Request", "Leave Group Reply", "Confirm Group Request", "Confirm Group Reply"};
        System.arraycopy(v0, 0, NAMES, 1, v0.length);
        NAMES[0x11] = "Membership Query";
        NAMES[0x12] = "Membership Report";
        NAMES[0x16] = "Membership Report";
        NAMES[0x17] = "Leave Group";
        NAMES[0x22] = "Membership Report";
    }

    /** Whether this class decodes a message of type {@code type} (the others belong to other dissectors). */
    static boolean decodes(int type) {
        return type <= 0x0f || type == 0x11 || type == 0x12 || type == 0x16 || type == 0x17 || type == 0x22
                || type == 0x1e || type == 0x1f;
    }

    /**
     * Writes the columns of the IGMP message at {@code b[p, p+captured)}, {@code reported} bytes
     * claimed; {@code captured >= 1} and {@link #decodes} of its first byte. {@code carrier} is
     * the IP layer's protocol name, which stays when the query's version cannot be told.
     */
    static void summarize(byte[] b, int p, int captured, int reported, String carrier, TextBuffer protocol,
            TextBuffer info) {
        int type = b[p] & 0xff;
        if (type == 0x1e || type == 0x1f) {
            traceroute(b, p, captured, reported, type, protocol, info);
            return;
        }
        int version;
        if (type <= 0x0f) {
            version = 0;
        } else if (type == 0x11) {
            version = reported >= 12 ? 3 : captured < 2 ? -1 : b[p + 1] != 0 ? 2 : 1;
        } else {
            version = type == 0x12 ? 1 : type == 0x22 ? 3 : 2;
        }
        if (version < 0) {
            // the version 1/2 test reads byte 1 before any column is written
            protocol.append(carrier);
            info.append(Columns.truncationMark(2, reported));
            return;
        }
        protocol.append("IGMPv").append(version);
        name(info, type);
        if (version == 0) {
            // the code byte is read (for the reply codes), then the checksum
            end(info, captured, reported, 4);
        } else if (version == 1) {
            end(info, captured, reported, 4);
        } else if (version == 2) {
            if (!end(info, captured, reported, 8)) {
                return;
            }
            if (Bytes.u32BE(b, p + 4) == 0) {
                info.append(", general");
            } else {
                info.append(type == 0x17 ? " " : type == 0x11 ? ", specific for group " : " group ");
                Addresses.ipv4(info, b, p + 4);
            }
        } else if (type == 0x11) {
            query3(b, p, captured, reported, info);
        } else {
            report3(b, p, captured, reported, info);
        }
    }

    private static void name(TextBuffer info, int type) {
        String n = type < NAMES.length ? NAMES[type] : null;
        if (n != null) {
            info.append(n);
        } else {
            info.append("Unknown Type:0x").appendHex(type, 2);
        }
    }

    /** Version 3 query: the source count (bytes 10–11) is read first, then the group and each source. */
    private static void query3(byte[] b, int p, int captured, int reported, TextBuffer info) {
        if (!end(info, captured, reported, 12)) {
            return;
        }
        int sources = Bytes.u16BE(b, p + 10);
        if (Bytes.u32BE(b, p + 4) == 0) {
            info.append(", general");
        } else {
            info.append(", specific for group ");
            Addresses.ipv4(info, b, p + 4);
        }
        if (sources > 0) {
            info.append(sources > 1 ? ", sources {" : ", source {");
        }
        sources(b, p, 12, sources, captured, reported, info);
    }

    /** Version 3 report: the record count (bytes 6–7), then each group record. */
    private static void report3(byte[] b, int p, int captured, int reported, TextBuffer info) {
        if (!end(info, captured, reported, 8)) {
            return;
        }
        int records = Bytes.u16BE(b, p + 6);
        if (records == 0) {
            info.append(" - General query");
        }
        int off = 8;
        for (int r = 0; r < records; r++) {
            if (!end(info, captured, reported, off + 8)) {
                return;
            }
            int kind = b[p + off] & 0xff;
            int aux = b[p + off + 1] & 0xff;
            int n = Bytes.u16BE(b, p + off + 2);
            int group = p + off + 4;
            if (n == 0) {
                switch (kind) {
                    case 1, 3 -> appendGroup(info.append(" / Leave group "), b, group, "");
                    case 2, 4 -> appendGroup(info.append(" / Join group "), b, group, " for any sources");
                    case 5 -> appendGroup(info.append(" / Group "), b, group,
                            ", ALLOW_NEW_SOURCES but no source specified (?)");
                    case 6 -> appendGroup(info.append(" / Group "), b, group,
                            ", BLOCK_OLD_SOURCES but no source specified (?)");
                    default -> appendGroup(info.append(" / Group "), b, group, ", unknown record type (?)");
                }
            } else {
                boolean many = n > 1;
                switch (kind) {
                    case 1, 3 -> appendGroup(info.append(" / Join group "), b, group,
                            many ? " for sources in {" : " for source {");
                    case 2, 4 -> appendGroup(info.append(" / Join group "), b, group,
                            many ? ", for sources not in {" : ", for source not {");
                    case 5 -> appendGroup(info.append(" / Group "), b, group, many ? ", new sources {" : ", new source {");
                    case 6 -> appendGroup(info.append(" / Group "), b, group,
                            many ? ", block sources {" : ", block source {");
                    default -> appendGroup(info.append(" / Group "), b, group, ", unknown record type (?), sources {");
                }
            }
            if (!sources(b, p, off + 8, n, captured, reported, info)) {
                return;
            }
            // the auxiliary data is only added to the tree, not read
            off += 8 + 4 * n + 4 * aux;
        }
    }

    private static void appendGroup(TextBuffer info, byte[] b, int at, String after) {
        Addresses.ipv4(info, b, at);
        info.append(after);
    }

    /** Appends {@code n} source addresses from {@code off}, "a, b}"; false when one could not be read. */
    private static boolean sources(byte[] b, int p, int off, int n, int captured, int reported, TextBuffer info) {
        for (int i = 0; i < n; i++) {
            int at = off + 4 * i;
            if (!end(info, captured, reported, at + 4)) {
                return false;
            }
            Addresses.ipv4(info, b, p + at);
            info.append(i + 1 < n ? ", " : "}");
        }
        return true;
    }

    /**
     * Multicast traceroute: the name from the type and length, a response's block count (what the
     * length makes of 32-byte blocks after the 24-byte header), then the checksum and each
     * block's addresses, routing protocol and forwarding code are read.
     */
    private static void traceroute(byte[] b, int p, int captured, int reported, int type, TextBuffer protocol,
            TextBuffer info) {
        protocol.append("IGMP");
        if (type == 0x1e) {
            int blocks = (reported - 24) / 32;
            info.append("Traceroute Response, ").append(blocks).append(blocks == 1 ? " block" : " blocks");
        } else {
            info.append(reported == 24 ? "Traceroute Query" : "Traceroute Request");
        }
        if (!end(info, captured, reported, 4)) {
            return;
        }
        for (int off = 24; reported - off >= 32; off += 32) {
            if (!end(info, captured, reported, off + 32)) {
                return;
            }
        }
    }

    /** True when {@code end} bytes are there; else appends the exception's mark and returns false. */
    private static boolean end(TextBuffer info, int captured, int reported, int end) {
        if (end <= captured) {
            return true;
        }
        info.append(Columns.truncationMark(end, reported));
        return false;
    }
}
