package dev.capmill.text;

import dev.capmill.decode.Dns;
import dev.capmill.model.TextBuffer;

/**
 * The Protocol and Info columns of NetBEUI traffic, as tshark 4.0 writes them: the NetBIOS Frames
 * protocol (NBF, over 802.2 LLC SAP 0xF0; packet-netbios.c), the SMB it carries (packet-smb.c),
 * and browser announcements in SMB mailslot transactions (packet-smb-mailslot.c,
 * packet-smb-browse.c), also when a NetBIOS datagram over UDP port 138 carries them
 * (packet-nbns.c, dissect_nbdgm). Facts come from those dissectors and from tshark's output for
 * captures made for the purpose; no state is kept between packets.
 *
 * <p>A read past the data ends the text the way tshark's exception does: the mark is appended to
 * whatever Info holds by then (for NBF that can still be the LLC text), "[Malformed Packet]" when
 * the read passes the length the frame claims, "[Packet size limited during capture]" when only
 * the capture cut it.
 */
final class Netbeui extends TvbReads {
    private final TextBuffer protocol;
    private final TextBuffer info;

    Netbeui(TextBuffer protocol, TextBuffer info) {
        this.protocol = protocol;
        this.info = info;
    }

    // ---- NBF: epan/dissectors/packet-netbios.c (dissect_netbios and the dissect_netb_* handlers)

    /**
     * The NetBIOS Frames protocol in the LLC payload at {@code p}: {@code captured} bytes at hand of
     * {@code reported}. On entry Info holds the LLC text, which stays (with a mark) when the header
     * is cut before NetBIOS writes its own.
     */
    void nbf(byte[] buf, int p, int captured, int reported) {
        b = buf;
        cap = p + captured;
        rep = p + Math.max(captured, reported);
        protocol.setLength(0);
        protocol.append("NetBIOS");
        try {
            int at = p;
            // the 0xEFFF delimiter at byte 2, or at byte 3 after one extra LLC byte
            if (le16(at + 2) != 0xefff) {
                at++;
                if (le16(at + 2) != 0xefff) {
                    info.setLength(0);
                    info.append("Bad packet, no 0xEFFF marker");
                    return;
                }
            }
            int headerLength = le16(at);
            // commands past the handler table are clamped to its size, 33 (so all show as 0x21)
            int command = Math.min(u8(at + 4), 33);
            String name = nbfCommand(command);
            switch (command) {
                case 0x0a -> {
                    need(at + 12, 16);
                    info.setLength(0);
                    info.append(name).append(" for ");
                    NetbiosNames.append(info, b, at + 12);
                }
                case 0x0e, 0x01, 0x00 -> {
                    need(at + 28, 16);
                    info.setLength(0);
                    info.append(name).append(" - ");
                    NetbiosNames.append(info, b, at + 28);
                }
                default -> {
                    info.setLength(0);
                    if (name != null) {
                        info.append(name);
                    } else {
                        info.append("Unknown (0x").append(HEX[command >> 4]).append(HEX[command & 15]).append(')');
                    }
                }
            }
            nbfFields(command, at);
            if (command == 0x08 || command == 0x09 || command == 0x16) {
                // the user data after the header goes to NetBIOS's heuristic dissectors (SMB among
                // them); a Data First Middle is held for reassembly and shown as data
                int payload = at + headerLength;
                if (payload > cap) {
                    fail(payload);
                }
                heuristics(payload);
            }
        } catch (Short s) {
            mark(info);
        }
    }

    /** The reads each command's handler makes (the names, session numbers and flags it fetches). */
    private void nbfFields(int command, int at) {
        switch (command) {
            case 0x00, 0x01 -> need(at + 28, 16);
            case 0x02, 0x0d -> {
                need(at + 12, 16);
                need(at + 28, 16);
            }
            case 0x03, 0x0f -> {
                u8(at + 5);
                need(at + 12, 16);
                need(at + 28, 16);
            }
            case 0x08, 0x09 -> {
                // the receiver's name (Datagram only); then ten zero bytes at the sender name mean
                // a MAC address follows at 38, else the sender's name is read: 44 bytes either way
                // (proto_tree_add_item checks the bytes exist even without a tree)
                if (command == 0x08) {
                    need(at + 12, 16);
                }
                need(at + 28, 16);
            }
            case 0x0a -> {
                int session = u8(at + 6);
                need(at + 12, 16);
                if (session != 0) {
                    need(at + 28, 16);
                }
            }
            case 0x0e -> {
                u8(at + 6);
                need(at + 12, 16);
                int session = b[at + 6] & 0xff;
                if (session != 0 && session != 0xff) {
                    need(at + 28, 16);
                }
            }
            case 0x15, 0x16 -> {
                le16(at + 6);
                u8(at + 12);
                u8(at + 13);
            }
            case 0x14, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f -> {
                u8(at + 12);
                u8(at + 13);
            }
            default -> {
                // unknown commands and Terminate Trace read nothing more
            }
        }
    }

    private static String nbfCommand(int c) {
        return switch (c) {
            case 0x00 -> "Add Group Name Query";
            case 0x01 -> "Add Name Query";
            case 0x02 -> "Name In Conflict";
            case 0x03 -> "Status Query";
            case 0x07, 0x13 -> "Terminate Trace";
            case 0x08 -> "Datagram";
            case 0x09 -> "Broadcast Datagram";
            case 0x0a -> "Name Query";
            case 0x0d -> "Add Name Response";
            case 0x0e -> "Name Recognized";
            case 0x0f -> "Status Response";
            case 0x14 -> "Data Ack";
            case 0x15 -> "Data First Middle";
            case 0x16 -> "Data Only Last";
            case 0x17 -> "Session Confirm";
            case 0x18 -> "Session End";
            case 0x19 -> "Session Initialize";
            case 0x1a -> "No Receive";
            case 0x1b -> "Receive Outstanding";
            case 0x1c -> "Receive Continue";
            case 0x1f -> "Session Alive";
            default -> null;
        };
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * NetBIOS's heuristic sub-dissectors for the payload at {@code p}: SMB when it starts with
     * 0xFF 'S' 'M' 'B' (packet-smb.c, dissect_smb_heur, which wants 4 captured bytes); else it is
     * shown as data and the Info stays.
     */
    private boolean heuristics(int p) {
        if (cap - p < 4 || b[p] != (byte) 0xff || b[p + 1] != 'S' || b[p + 2] != 'M' || b[p + 3] != 'B') {
            return false;
        }
        smb(p);
        return true;
    }

    // ---- NBDS over UDP 138: epan/dissectors/packet-nbns.c (dissect_nbdgm)

    /**
     * A NetBIOS datagram (UDP port 138) whose user data is SMB: writes the columns and returns true.
     * False, with nothing written, for anything else (its other message types and other payloads,
     * which capmill leaves as plain UDP).
     */
    boolean nbds(byte[] buf, int p, int captured, int reported) {
        b = buf;
        cap = p + Math.min(captured, reported);
        rep = p + reported;
        if (captured < 14) {
            return false;
        }
        int type = b[p] & 0xff;
        if (type < 0x10 || type > 0x12) {
            return false; // direct unique, direct group and broadcast datagrams carry user data
        }
        int q = encodedNameEnd(p + 14);
        q = q < 0 ? -1 : encodedNameEnd(q);
        if (q < 0 || cap - q < 4 || b[q] != (byte) 0xff || b[q + 1] != 'S' || b[q + 2] != 'M' || b[q + 3] != 'B') {
            return false;
        }
        protocol.setLength(0);
        info.setLength(0);
        try {
            smb(q);
        } catch (Short s) {
            mark(info);
        }
        return true;
    }

    /** The end of a first-level encoded name (labels up to a zero length, or a compression pointer), or -1. */
    private int encodedNameEnd(int q) {
        for (int labels = 0; labels < 64 && q < cap; labels++) {
            int len = b[q] & 0xff;
            if (len == 0) {
                return q + 1;
            }
            if ((len & 0xc0) != 0) {
                return q + 2 <= cap ? q + 2 : -1;
            }
            q += 1 + len;
        }
        return -1;
    }

    // ---- SMB: epan/dissectors/packet-smb.c (dissect_smb, dissect_smb_command and the command handlers)

    /** Where the current SMB message starts, and whether its strings are Unicode (flags2 bit 15). */
    private int smbStart;
    private boolean unicode;

    /**
     * An SMB message at {@code p}: Protocol "SMB", Info "{command} Request" or "Response", what the
     * command's handler appends, then for a response with an error status ", Error: ..." (appended
     * after the command's text, and only when no read failed).
     */
    private void smb(int p) {
        protocol.setLength(0);
        protocol.append("SMB");
        info.setLength(0);
        smbStart = p;
        // the header is read up to the multiplex id before the Info is written
        need(p, 32);
        int command = b[p + 4] & 0xff;
        int errorClass = b[p + 5] & 0xff;
        int errorCode = (b[p + 7] & 0xff) | (b[p + 8] & 0xff) << 8;
        long ntStatus = (b[p + 5] & 0xff) | (b[p + 6] & 0xff) << 8 | (b[p + 7] & 0xff) << 16 | (long) (b[p + 8] & 0xff) << 24;
        boolean request = (b[p + 9] & 0x80) == 0;
        int flags2 = (b[p + 10] & 0xff) | (b[p + 11] & 0xff) << 8;
        unicode = (flags2 & 0x8000) != 0;
        info.append(smbCommand(command)).append(request ? " Request" : " Response");
        if (command == 0x25 && request && transaction(p + 32)) {
            return;
        }
        command(command, request, p + 32);
        if (!request) {
            if ((flags2 & 0x4000) != 0) {
                if (ntStatus != 0) {
                    info.append(", Error: Unknown (0x");
                    for (int s = 28; s >= 0; s -= 4) {
                        info.append(Character.toUpperCase(HEX[(int) (ntStatus >> s) & 15]));
                    }
                    info.append(')');
                }
            } else if (errorClass != 0) {
                info.append(", Error: ");
                smbError(errorClass, errorCode);
            }
        }
    }

    /**
     * The command-specific text of the commands tshark shows more of (their handlers' col_append
     * calls); other commands add nothing. AndX commands go on to the next command of the chain,
     * "; {name}" then its own text.
     */
    private void command(int command, boolean request, int w) {
        for (int chain = 0; chain < 8; chain++) {
            int wc = u8(w);
            int words = w + 1;
            int bcAt = words + 2 * wc;
            int next = 0xff;
            int nextOffset = 0;
            switch (command) {
                case 0x00, 0x01, 0x10 -> { // Create/Delete/Check Directory: buffer format, directory name
                    if (request) {
                        pathAfterFormat(bcAt, ", Directory: ");
                    }
                }
                case 0x06 -> { // Delete: search attributes, buffer format, file name
                    if (request) {
                        pathAfterFormat(bcAt, ", Path: ");
                    }
                }
                case 0x81 -> { // Search: max count, attributes; buffer format, file name
                    if (request) {
                        pathAfterFormat(bcAt, ", File: ");
                    }
                }
                case 0x04 -> { // Close: the FID
                    if (request && wc != 0) {
                        fid(words);
                    }
                }
                case 0x0b -> { // Write: FID, count, offset; the response the count written
                    if (wc != 0) {
                        if (request) {
                            fid(words); // shown as soon as it is read
                            int count = le16(words + 2);
                            long offset = le32(words + 4);
                            info.append(", ").append(count).append(" bytes at offset ").append(offset);
                        } else {
                            info.append(", ").append(le16(words)).append(" bytes");
                        }
                    }
                }
                case 0x2d -> { // Open AndX: the path in the request, the FID in the response
                    if (wc != 0) {
                        next = u8(words);
                        nextOffset = le16(words + 2);
                        if (request) {
                            stringAfter(bcAt, ", Path: ");
                        } else {
                            fid(words + 4);
                        }
                    }
                }
                case 0x75 -> { // Tree Connect AndX: password (its length in word 3), then the path
                    if (wc != 0) {
                        next = u8(words);
                        nextOffset = le16(words + 2);
                        if (request && wc >= 4) {
                            int passwordLength = le16(words + 6);
                            int bc = le16(bcAt);
                            if (bc != 0) {
                                string(bcAt + 2 + passwordLength, ", Path: ");
                            }
                        }
                    }
                }
                case 0x72 -> { // Negotiate Protocol: only a LANMAN response's reads can fail here
                    if (!request && wc == 13) {
                        int challengeLength = le16(words + 22);
                        int bc = le16(bcAt);
                        if (bc != 0) {
                            // the challenge, then the primary domain, a NUL-terminated string
                            skipString(bcAt + 2 + challengeLength);
                        }
                    }
                }
                case 0x24, 0x2e, 0x2f, 0x73, 0x74, 0xa2 -> { // other AndX commands: follow the chain
                    if (wc != 0) {
                        next = u8(words);
                        nextOffset = le16(words + 2);
                    }
                }
                default -> {
                    // nothing more in Info
                }
            }
            // every handler puts its words and byte count in the tree, which checks they are there
            need(words, 2 * wc);
            le16(bcAt);
            if (next == 0xff || !isAndX(command)) {
                return;
            }
            int nextAt = smbStart + nextOffset;
            if (nextAt <= w) {
                return; // a chain that does not move forward ends here (packet-smb.c stops on it too)
            }
            info.append("; ").append(smbCommand(next));
            command = next;
            w = nextAt;
        }
    }

    private static boolean isAndX(int command) {
        return switch (command) {
            case 0x24, 0x2d, 0x2e, 0x2f, 0x73, 0x74, 0x75, 0xa2 -> true;
            default -> false;
        };
    }

    private void fid(int at) {
        int fid = le16(at);
        info.append(", FID: 0x");
        hex4(fid);
    }

    private void hex4(int v) {
        info.append(HEX[(v >> 12) & 15]).append(HEX[(v >> 8) & 15]).append(HEX[(v >> 4) & 15]).append(HEX[v & 15]);
    }

    /** Byte count, then (when it is not 0) a buffer format byte and a string. */
    private void pathAfterFormat(int bcAt, String label) {
        int bc = le16(bcAt);
        if (bc == 0) {
            return;
        }
        // the buffer format byte goes to the tree only (not read without one)
        if (bc < 2) {
            return;
        }
        string(bcAt + 3, label);
    }

    /** Byte count, then (when it is not 0) a string. */
    private void stringAfter(int bcAt, String label) {
        int bc = le16(bcAt);
        if (bc != 0) {
            string(bcAt + 2, label);
        }
    }

    /**
     * Appends {@code label} and the NUL-terminated string at {@code at} (UTF-16LE, at an even offset
     * from the SMB header, when flags2 says Unicode), escaped as format_text does; a string without
     * its terminator in the captured bytes fails the read.
     */
    private void string(int at, String label) {
        if (unicode) {
            if (((at - smbStart) & 1) != 0) {
                at++;
            }
            int end = at;
            while (true) {
                need(end, 2);
                if (b[end] == 0 && b[end + 1] == 0) {
                    break;
                }
                end += 2;
            }
            info.append(label);
            for (int i = at; i < end; i += 2) {
                char c = (char) ((b[i] & 0xff) | (b[i + 1] & 0xff) << 8);
                if (c >= 0x20 && c < 0x7f || c >= 0x100 && !Character.isSurrogate(c)) {
                    info.append(c);
                } else if (c < 0x80) {
                    one[0] = (byte) c;
                    Dns.appendText(info, one, 0, 1);
                } else {
                    info.append('\ufffd'); // as tshark 4.0 shows U+0080..U+00FF (and other controls)
                }
            }
            return;
        }
        int end = stringEnd(at);
        info.append(label);
        Dns.appendText(info, b, at, end - at);
    }

    private final byte[] one = new byte[1];

    private void skipString(int at) {
        if (unicode) {
            if (((at - smbStart) & 1) != 0) {
                at++;
            }
            for (int end = at; ; end += 2) {
                need(end, 2);
                if (b[end] == 0 && b[end + 1] == 0) {
                    return;
                }
            }
        }
        stringEnd(at);
    }

    /** The offset of the NUL ending the string at {@code at}, failing the read when there is none. */
    private int stringEnd(int at) {
        int end = at;
        while (true) {
            if (end >= cap) {
                fail(cap + 1);
            }
            if (b[end] == 0) {
                return end;
            }
            end++;
        }
    }

    /** The command names of tshark 4.0's smb_cmd_vals ({@code tshark -G values}, field smb.cmd). */
    static String smbCommand(int c) {
        return switch (c) {
            case 0x00 -> "Create Directory";
            case 0x01 -> "Delete Directory";
            case 0x02 -> "Open";
            case 0x03 -> "Create";
            case 0x04 -> "Close";
            case 0x05 -> "Flush";
            case 0x06 -> "Delete";
            case 0x07 -> "Rename";
            case 0x08 -> "Query Information";
            case 0x09 -> "Set Information";
            case 0x0a -> "Read";
            case 0x0b -> "Write";
            case 0x0c -> "Lock Byte Range";
            case 0x0d -> "Unlock Byte Range";
            case 0x0e -> "Create Temp";
            case 0x0f -> "Create New";
            case 0x10 -> "Check Directory";
            case 0x11 -> "Process Exit";
            case 0x12 -> "Seek";
            case 0x13 -> "Lock And Read";
            case 0x14 -> "Write And Unlock";
            case 0x1a -> "Read Raw";
            case 0x1b -> "Read MPX";
            case 0x1c -> "Read MPX Secondary";
            case 0x1d -> "Write Raw";
            case 0x1e -> "Write MPX";
            case 0x1f -> "Write MPX Secondary";
            case 0x20 -> "Write Complete";
            case 0x21 -> "Query Server (reserved)";
            case 0x22 -> "Set Information2";
            case 0x23 -> "Query Information2";
            case 0x24 -> "Locking AndX";
            case 0x25 -> "Trans";
            case 0x26 -> "Trans Secondary";
            case 0x27 -> "IOCTL";
            case 0x28 -> "IOCTL Secondary";
            case 0x29 -> "Copy";
            case 0x2a -> "Move";
            case 0x2b -> "Echo";
            case 0x2c -> "Write And Close";
            case 0x2d -> "Open AndX";
            case 0x2e -> "Read AndX";
            case 0x2f -> "Write AndX";
            case 0x30 -> "New File Size (reserved)";
            case 0x31 -> "Close And Tree Disconnect";
            case 0x32 -> "Trans2";
            case 0x33 -> "Trans2 Secondary";
            case 0x34 -> "Find Close2";
            case 0x35 -> "Find Notify Close";
            case 0x70 -> "Tree Connect";
            case 0x71 -> "Tree Disconnect";
            case 0x72 -> "Negotiate Protocol";
            case 0x73 -> "Session Setup AndX";
            case 0x74 -> "Logoff AndX";
            case 0x75 -> "Tree Connect AndX";
            case 0x80 -> "Query Information Disk";
            case 0x81 -> "Search";
            case 0x82 -> "Find";
            case 0x83 -> "Find Unique";
            case 0x84 -> "Find Close";
            case 0xa0 -> "NT Trans";
            case 0xa1 -> "NT Trans Secondary";
            case 0xa2 -> "NT Create AndX";
            case 0xa4 -> "NT Cancel";
            case 0xa5 -> "NT Rename";
            case 0xc0 -> "Open Print File";
            case 0xc1 -> "Write Print File";
            case 0xc2 -> "Close Print File";
            case 0xc3 -> "Get Print Queue";
            case 0xd0 -> "Send Single Block Message";
            case 0xd1 -> "Send Broadcast Message";
            case 0xd2 -> "Forward User Name";
            case 0xd3 -> "Cancel Forward";
            case 0xd4 -> "Get Machine Name";
            case 0xd5 -> "Send Start of Multi-block Message";
            case 0xd6 -> "Send End of Multi-block Message";
            case 0xd7 -> "Send Text of Multi-block Message";
            case 0xd8 -> "SMBreadbulk";
            case 0xd9 -> "SMBwritebulk";
            case 0xda -> "SMBwritebulkdata";
            case 0xfe -> "SMBinvalid";
            default -> UNKNOWN[c];
        };
    }

    /**
     * Codes smb_cmd_vals names "unknown-0xNN" (0x15 to 0x19, 0xA3), and "Unknown (0xnn)", the
     * fallback of val_to_str, for the codes it lacks (tshark's output for such commands).
     */
    private static final String[] UNKNOWN = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNKNOWN[i] = (i >= 0x15 && i <= 0x19) || i == 0xa3 ? String.format("unknown-0x%02X", i)
                    : String.format("Unknown (0x%02x)", i);
        }
    }

    /**
     * decode_smb_error: the DOS error class's codes by name (packet-windows-common.h DOS_errors, as
     * tshark 4.0 lists them for netlogon.dos.rc); other classes and codes by number.
     */
    private void smbError(int errorClass, int code) {
        if (errorClass == 1) {
            String s = dosError(code);
            if (s != null) {
                info.append(s);
            } else {
                info.append("Unknown DOS error (").append(Integer.toHexString(code)).append(')');
            }
        } else if (errorClass == 2) {
            info.append("Unknown SRV error (").append(Integer.toHexString(code)).append(')');
        } else if (errorClass == 3) {
            info.append("Unknown HRD error (").append(Integer.toHexString(code)).append(')');
        } else {
            info.append("Unknown error class!");
        }
    }

    private static String dosError(int code) {
        return switch (code) {
            case 1 -> "Invalid function (or system call)";
            case 2 -> "File not found (pathname error)";
            case 3 -> "Directory not found";
            case 4 -> "Too many open files";
            case 5 -> "Access denied";
            case 6 -> "Invalid fid";
            case 7 -> "Memory control blocks destroyed";
            case 8 -> "Out of memory";
            case 9 -> "Invalid memory block address";
            case 10 -> "Invalid environment";
            case 11 -> "Invalid format";
            case 12 -> "Invalid open mode";
            case 13 -> "Invalid data (only from ioctl call)";
            case 14 -> "Reserved error code?";
            case 15 -> "Invalid drive";
            case 16 -> "Attempt to delete current directory";
            case 17 -> "Rename/move across different filesystems";
            case 18 -> "No more files found in file search";
            case 31 -> "General failure";
            case 32 -> "Share mode on file conflict with open mode";
            case 33 -> "Lock request conflicts with existing lock";
            case 50 -> "Request unsupported, returned by Win 95";
            case 64 -> "Network name deleted or not available";
            case 66 -> "Don't support ipc";
            case 67 -> "Requested share does not exist";
            case 80 -> "File in operation already exists";
            case 87 -> "Invalid parameter";
            case 110 -> "Cannot open the file specified";
            case 111 -> "Buffer overflow";
            case 122 -> "Insufficient buffer";
            case 123 -> "Invalid name";
            case 124 -> "Unknown info level";
            case 158 -> "This region is not locked by this locking context.";
            case 161 -> "Invalid Path";
            case 173 -> "Cancel violation";
            case 174 -> "No atomic clocks";
            case 183 -> "File already exists";
            case 230 -> "Named pipe invalid";
            case 231 -> "All instances of pipe are busy";
            case 232 -> "Named pipe close in progress";
            case 233 -> "No process on other end of named pipe";
            case 234 -> "More data to be returned";
            case 255 -> "ea inconsistent";
            case 259 -> "No more items";
            case 267 -> "Invalid directory name in a path.";
            case 275 -> "Extended attributes didn't fit";
            case 282 -> "Extended attributes not supported";
            case 1022 -> "Buffer too small to return change notify.";
            case 1326 -> "Unknown username or bad password";
            case 1722 -> "Server unavailable";
            case 2123 -> "Buffer too small";
            case 2142 -> "Unknown IPC Operation";
            case 2455 -> "Invalid Group";
            default -> null;
        };
    }

    // ---- SMB Trans to a mailslot: packet-smb.c (dissect_transaction_request),
    // packet-smb-mailslot.c (dissect_mailslot_smb), packet-smb-browse.c (dissect_mailslot_browse)

    /**
     * A Trans request whose name is \MAILSLOT\BROWSE or \MAILSLOT\LANMAN and whose data is all
     * here: the browser message decides the columns (true). False to show it as a plain Trans
     * request.
     */
    private boolean transaction(int w) {
        if (w + 1 > cap) {
            return false;
        }
        int wc = b[w] & 0xff;
        if (wc < 14) {
            return false;
        }
        int words = w + 1;
        int bcAt = words + 2 * wc;
        if (bcAt + 2 > cap) {
            return false;
        }
        int totalData = le16(words + 2);
        int dataCount = le16(words + 22);
        int dataOffset = le16(words + 24);
        if (dataCount != totalData) {
            return false; // a fragment: tshark reassembles the transaction
        }
        int name = bcAt + 2;
        if (unicode) {
            return false;
        }
        int nameEnd = name;
        while (nameEnd < cap && b[nameEnd] != 0) {
            nameEnd++;
        }
        if (nameEnd >= cap || nameEnd - name < 16 || !startsWith(name, "\\MAILSLOT\\")) {
            return false;
        }
        boolean browse = startsWith(name + 10, "BROWSE");
        boolean lanman = startsWith(name + 10, "LANMAN");
        if (!browse && !lanman) {
            return false;
        }
        int data = smbStart + dataOffset;
        if (dataCount == 0 || data < name || data > cap) {
            return false;
        }
        int savedRep = rep;
        rep = Math.min(rep, data + dataCount);
        int savedCap = cap;
        cap = Math.min(cap, data + dataCount);
        try {
            browser(data, lanman);
        } catch (Short s) {
            mark(info);
        } finally {
            cap = savedCap;
            rep = savedRep;
        }
        return true;
    }

    private boolean startsWith(int at, String s) {
        if (at + s.length() > cap) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Server type bits, by bit number (packet-smb-browse.c server_types); null where it has none. */
    private static final String[] SERVER_TYPES = new String[32];

    static {
        String[] names = {"Workstation", "Server", "SQL Server", "Domain Controller", "Backup Controller",
            "Time Source", "Apple Server", "Novell Server", "Domain Member Server", "Print Queue Server",
            "Dialin Server", "Xenix Server", "NT Workstation", "Windows for Workgroups", null, "NT Server",
            "Potential Browser", "Backup Browser", "Master Browser", "Domain Master Browser", "OSF", "VMS",
            "Windows 95 or above", "DFS server"};
        System.arraycopy(names, 0, SERVER_TYPES, 0, names.length);
        SERVER_TYPES[30] = "Local List Only";
        SERVER_TYPES[31] = "Domain Enum";
    }

    /**
     * A browser message: Protocol "BROWSER", Info the command's name; announcements add the host
     * name (up to 16 bytes, to a NUL) and ", " with each server type bit's name; a request for
     * announcements adds the name to reply to.
     */
    private void browser(int p, boolean lanman) {
        protocol.setLength(0);
        protocol.append("BROWSER");
        info.setLength(0);
        int command = u8(p);
        String name = browserCommand(command);
        if (name != null) {
            info.append(name);
        } else {
            info.append("Unknown command:0x").append(HEX[command >> 4]).append(HEX[command & 15]);
        }
        switch (command) {
            case 0x01, 0x0c, 0x0f -> {
                if (lanman) {
                    // \MAILSLOT\LANMAN: update count, server type, OS version, periodicity, then the name
                    // (the server types are appended before the name, in the order they are read)
                    serverTypes(le32(p + 2));
                    le16(p + 8);
                    int end = stringEnd(p + 10);
                    info.append(' ');
                    Dns.appendText(info, b, p + 10, end - (p + 10));
                    stringEnd(end + 1);
                    return;
                }
                le32(p + 2); // periodicity
                need(p + 6, 16);
                int end = p + 6;
                while (end < p + 22 && b[end] != 0) {
                    end++;
                }
                info.append(' ');
                Dns.appendText(info, b, p + 6, end - (p + 6));
                long types = le32(p + 24);
                serverTypes(types);
                // versions and signature (or the domain announcement's field), then a comment string
                stringEnd(p + 32);
            }
            case 0x02 -> {
                int end = stringEnd(p + 2);
                info.append(' ');
                Dns.appendText(info, b, p + 2, end - (p + 2));
            }
            case 0x08 -> {
                le32(p + 2); // criterion
                le32(p + 6); // uptime
                stringEnd(p + 14); // server name
            }
            default -> {
                // the other commands add nothing to Info
            }
        }
    }

    private void serverTypes(long types) {
        for (int i = 0; i < 32; i++) {
            if ((types & 1L << i) != 0) {
                info.append(", ");
                String s = SERVER_TYPES[i];
                if (s != null) {
                    info.append(s);
                } else {
                    info.append("Unknown server type:").append(i);
                }
            }
        }
    }

    private static String browserCommand(int c) {
        return switch (c) {
            case 0x01 -> "Host Announcement";
            case 0x02 -> "Request Announcement";
            case 0x08 -> "Browser Election Request";
            case 0x09 -> "Get Backup List Request";
            case 0x0a -> "Get Backup List Response";
            case 0x0b -> "Become Backup Browser";
            case 0x0c -> "Domain/Workgroup Announcement";
            case 0x0d -> "Master Announcement";
            case 0x0e -> "Reset Browser State Announcement";
            case 0x0f -> "Local Master Announcement";
            default -> null;
        };
    }
}
