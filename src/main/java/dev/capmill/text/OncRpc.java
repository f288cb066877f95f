package dev.capmill.text;

import dev.capmill.model.Bytes;
import dev.capmill.model.TextBuffer;
import java.util.zip.CRC32;

/**
 * ONC RPC over UDP carrying NFS version 2 or 3, summarised as tshark 4.0.17 shows it. Port 2049 is
 * not in tshark's "udp.port" table: RPC is found by its UDP heuristic (packet-rpc.c,
 * dissect_rpc_message): a call needs RPC version 2 and a program tshark knows (only NFS, 100003,
 * is decoded here); a reply is RPC only when its XID matches a call seen before from the address
 * it is sent to, to the port it comes from (the client's port does not count, so retransmissions
 * from another port still match). A reply without a seen call stays a plain UDP line.
 *
 * <p>Info: "V%u %s %s" (version, procedure name or "proc-%u", Call or Reply), " (Reply In %d)" on
 * a repeated call whose reply was seen, " (Call In %d)" on a reply, "[RPC retransmission of #%d]"
 * or "[RPC duplicate of #%d]" before a repeated call or reply, then what packet-nfs.c appends for
 * the procedure (named in each case below). Verified against tshark 4.0.17 with crafted captures
 * as well as the corpus. A read past the data ends the line with the exception's mark, appended
 * without a space: "[Malformed Packet]" past the length the datagram claims, "[Packet size
 * limited during capture]" past the captured bytes only. NFSv4 (COMPOUND), RPCSEC_GSS and
 * AUTH_GSSAPI credentials, the v2 procedures other than NULL, GETATTR, SETATTR, LOOKUP and WRITE, and
 * RPC over TCP are not decoded: those datagrams keep the UDP line.
 *
 * <p>State is a fixed table of calls (no growth with the packet count): a slot per XID and
 * conversation (client address, server port), the oldest of a short probe run overwritten when
 * the run is full.
 */
final class OncRpc {
    private static final int NFS_PROGRAM = 100003;
    private static final int OK = 0;
    private static final int LIMITED = 1;
    private static final int MALFORMED = 2;

    private static final int SLOTS = 4096;
    private static final int PROBE = 8;
    private final long[] addrHi = new long[SLOTS];
    private final long[] addrLo = new long[SLOTS];
    /** Server port, address length << 16; 0 for a free slot. */
    private final int[] portKey = new int[SLOTS];
    private final int[] xids = new int[SLOTS];
    private final long[] callFrame = new long[SLOTS];
    private final long[] replyFrame = new long[SLOTS];
    private final int[] versions = new int[SLOTS];
    private final int[] procs = new int[SLOTS];
    /** The ACCESS call's mask (packet-nfs.c keeps it with the call for the reply), -1 for none. */
    private final long[] accessMask = new long[SLOTS];
    private int used;

    private final CRC32 crc = new CRC32();
    private byte[] nameBytes = new byte[256];

    // the message being read: bytes [base, cap) captured of [base, rep) claimed
    private byte[] b;
    private int cap;
    private int rep;
    private int pos;
    private int error;

    /**
     * Writes the protocol and info of a UDP payload when tshark would show it as NFS; false
     * (nothing written) otherwise. {@code b[addrSrc..]} and {@code b[addrDst..]} are the IP
     * addresses, {@code addrLen} bytes each.
     */
    boolean summarize(byte[] buf, int off, int captured, int reported, byte[] ab, int addrSrc, int addrDst,
            int addrLen, int srcPort, int dstPort, long frame, TextBuffer protocol, TextBuffer info) {
        if (reported <= 0 || captured < 8) {
            return false;
        }
        int capLen = Math.min(captured, reported);
        if (capLen < 8) {
            return false;
        }
        int msgType = Bytes.i32BE(buf, off + 4);
        if (msgType == 0) {
            return call(buf, off, capLen, reported, ab, addrSrc, addrLen, dstPort, frame, protocol, info);
        }
        if (msgType == 1 && used > 0) {
            return reply(buf, off, capLen, reported, ab, addrDst, addrLen, srcPort, frame, protocol, info);
        }
        return false;
    }

    private boolean call(byte[] buf, int off, int capLen, int reported, byte[] ab, int addr, int addrLen, int port,
            long frame, TextBuffer protocol, TextBuffer info) {
        // the heuristic's checks: 16 bytes, RPC version 2, a known program (packet-rpc.c, dissect_rpc_message)
        if (capLen < 24 || Bytes.i32BE(buf, off + 8) != 2 || Bytes.i32BE(buf, off + 12) != NFS_PROGRAM) {
            return false;
        }
        int vers = Bytes.i32BE(buf, off + 16);
        int proc = Bytes.i32BE(buf, off + 20);
        if (!decoded(vers, proc)) {
            return false;
        }
        if (capLen >= 28) {
            int flavor = Bytes.i32BE(buf, off + 24);
            if (flavor == 6 || flavor == 300001) {
                return false; // RPCSEC_GSS, AUTH_GSSAPI: not decoded
            }
        }
        int xid = Bytes.i32BE(buf, off);
        protocol.append("NFS");
        int slot = find(ab, addr, addrLen, port, xid);
        if (slot >= 0) {
            info.append("[RPC retransmission of #").append(callFrame[slot]).append(']');
        }
        appendName(info, vers, proc);
        info.append(" Call");
        if (slot < 0) {
            slot = insert(ab, addr, addrLen, port, xid);
            callFrame[slot] = frame;
            replyFrame[slot] = 0;
            versions[slot] = vers;
            procs[slot] = proc;
            accessMask[slot] = -1;
        } else if (replyFrame[slot] != 0) {
            info.append(" (Reply In ").append(replyFrame[slot]).append(')');
        }
        begin(buf, off, capLen, reported, 24);
        // credentials and verifier: flavor, length, body (dissect_rpc_cred, dissect_rpc_verf)
        authBody();
        authBody();
        if (error == OK && pos < rep) {
            // packet-rpc.c calls the program's dissector only with bytes left
            if (vers == 3) {
                call3(proc, slot, info);
            } else if (vers == 2) {
                call2(proc, info);
            }
        }
        end(info);
        return true;
    }

    private boolean reply(byte[] buf, int off, int capLen, int reported, byte[] ab, int addr, int addrLen, int port,
            long frame, TextBuffer protocol, TextBuffer info) {
        int xid = Bytes.i32BE(buf, off);
        int slot = find(ab, addr, addrLen, port, xid);
        if (slot < 0) {
            return false;
        }
        int vers = versions[slot];
        int proc = procs[slot];
        protocol.append("NFS");
        if (replyFrame[slot] != 0 && replyFrame[slot] != frame) {
            info.append("[RPC duplicate of #").append(replyFrame[slot]).append(']');
        }
        appendName(info, vers, proc);
        info.append(" Reply");
        begin(buf, off, capLen, reported, 8);
        int state = u32();
        if (error != OK) {
            end(info);
            return true;
        }
        info.append(" (Call In ").append(callFrame[slot]).append(')');
        if (replyFrame[slot] == 0) {
            replyFrame[slot] = frame;
        }
        boolean body = false;
        if (state == 0) {
            authBody();
            int accept = u32();
            body = accept == 0; // SUCCESS; PROG_MISMATCH reads the versions supported
            if (accept == 2) {
                skip(8);
            }
        } else if (state == 1) {
            int reject = u32();
            if (reject == 0) {
                skip(4);
                skip(4);
            } else if (reject == 1) {
                skip(4);
            }
        }
        if (body && error == OK && pos < rep) {
            if (vers == 3) {
                reply3(proc, slot, info);
            } else if (vers == 2) {
                reply2(proc, info);
            }
        }
        end(info);
        return true;
    }

    /** Which calls this class decodes fully (others keep the UDP line). */
    private static boolean decoded(int vers, int proc) {
        if (vers == 3) {
            return true; // every procedure, an unknown one as "proc-N"
        }
        if (vers == 2) {
            return proc == 0 || proc == 1 || proc == 2 || proc == 4 || proc == 8;
        }
        return vers != 4; // other versions: "proc-N", nothing decoded
    }

    private static final String[] PROCS3 = {"NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ",
        "WRITE", "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS",
        "FSSTAT", "FSINFO", "PATHCONF", "COMMIT"};
    private static final String[] PROCS2 = {"NULL", "GETATTR", "SETATTR", "ROOT", "LOOKUP", "READLINK", "READ",
        "WRITECACHE", "WRITE", "CREATE", "REMOVE", "RENAME", "LINK", "SYMLINK", "MKDIR", "RMDIR", "READDIR", "STATFS"};

    /** "V%u %s": the procedure's name from tshark's nfs.procedure_v2/v3 tables, else "proc-%u". */
    private static void appendName(TextBuffer info, int vers, int proc) {
        info.append('V').append(vers & 0xffffffffL).append(' ');
        String[] names = vers == 3 ? PROCS3 : vers == 2 ? PROCS2 : null;
        if (names != null && proc >= 0 && proc < names.length) {
            info.append(names[proc]);
        } else {
            info.append("proc-").append(proc & 0xffffffffL);
        }
    }

    // ---- NFSv3 (packet-nfs.c, dissect_nfs3_*_call / _reply)

    private void call3(int proc, int slot, TextBuffer info) {
        switch (proc) {
            case 1, 5, 18, 19, 20 -> { // GETATTR, READLINK, FSSTAT, FSINFO, PATHCONF: the handle
                long h = fh3();
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                }
            }
            case 2 -> { // SETATTR: handle, new attributes, guard
                long h = fh3();
                sattr3();
                if (u32() == 1) {
                    skip(8);
                }
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                }
            }
            case 3, 12, 13 -> { // LOOKUP, REMOVE, RMDIR: directory and name
                long h = fh3();
                int name = name();
                if (ok()) {
                    dirName(info, ", DH: 0x", h, name);
                }
            }
            case 4 -> { // ACCESS: handle, then the mask, kept for the reply
                long h = fh3();
                long mask = u32() & 0xffffffffL;
                if (ok()) {
                    accessMask[slot] = mask;
                    fh(info, ", FH: 0x", h);
                    access(info, "Check", mask);
                }
            }
            case 6 -> { // READ
                long h = fh3();
                long offset = u64();
                long len = u32() & 0xffffffffL;
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                    info.append(" Offset: ");
                    unsigned64(info, offset);
                    info.append(" Len: ").append(len);
                }
            }
            case 7 -> { // WRITE: the text before the data is read
                long h = fh3();
                long offset = u64();
                long len = u32() & 0xffffffffL;
                int stable = u32();
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                    info.append(" Offset: ");
                    unsigned64(info, offset);
                    info.append(" Len: ").append(len).append(' ');
                    stable(info, stable);
                    opaque();
                }
            }
            case 8 -> { // CREATE: where, mode, attributes or verifier
                long h = fh3();
                int name = name();
                int mode = u32();
                if (mode == 0 || mode == 1) {
                    sattr3();
                } else if (mode == 2) {
                    skip(8);
                }
                if (ok()) {
                    dirName(info, ", DH: 0x", h, name);
                    info.append(" Mode: ");
                    switch (mode) {
                        case 0 -> info.append("UNCHECKED");
                        case 1 -> info.append("GUARDED");
                        case 2 -> info.append("EXCLUSIVE");
                        default -> info.append("Unknown Mode: ").append(mode & 0xffffffffL);
                    }
                }
            }
            case 9 -> { // MKDIR
                long h = fh3();
                int name = name();
                sattr3();
                if (ok()) {
                    dirName(info, ", DH: 0x", h, name);
                }
            }
            case 10 -> { // SYMLINK: where, attributes, target
                long h = fh3();
                int name = name();
                sattr3();
                if (ok()) {
                    int mark = info.length();
                    dirName(info, ", From DH: 0x", h, name);
                    info.append(" To ");
                    int target = name();
                    if (ok()) {
                        appendName(info, target);
                    } else {
                        info.setLength(mark);
                    }
                }
            }
            case 11 -> { // MKNOD: where, type, attributes (and device numbers)
                long h = fh3();
                int name = name();
                int type = u32();
                if (type == 3 || type == 4) {
                    sattr3();
                    skip(8);
                } else if (type == 6 || type == 7) {
                    sattr3();
                }
                if (ok()) {
                    dirName(info, ", FH: 0x", h, name);
                    info.append(' ');
                    String t = fileType(type);
                    if (t != null) {
                        info.append(t);
                    } else {
                        info.append("Unknown type: ").append(type & 0xffffffffL);
                    }
                }
            }
            case 14 -> { // RENAME: from and to
                long h1 = fh3();
                int n1 = name();
                int mark = info.length();
                if (ok()) {
                    dirName(info, ", From DH: 0x", h1, n1);
                }
                long h2 = fh3();
                int n2 = name();
                if (ok()) {
                    info.append(" To DH: 0x");
                    hex8(info, h2);
                    info.append('/');
                    appendName(info, n2);
                } else {
                    info.setLength(mark);
                }
            }
            case 15 -> { // LINK: file, then where the link goes
                long h1 = fh3();
                long h2 = fh3();
                int name = name();
                if (ok()) {
                    fh(info, ", From DH: 0x", h1);
                    dirName(info, " To DH: 0x", h2, name);
                }
            }
            case 16, 17 -> { // READDIR, READDIRPLUS
                long h = fh3();
                skip(8);
                skip(8);
                skip(4);
                if (proc == 17) {
                    skip(4);
                }
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                }
            }
            case 21 -> { // COMMIT
                long h = fh3();
                skip(8);
                skip(4);
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                }
            }
            default -> {
                // NULL, unknown procedures: nothing in the Info
            }
        }
    }

    private void reply3(int proc, int slot, TextBuffer info) {
        if (proc == 0 || proc > 21) {
            return;
        }
        int status = u32();
        if (!ok()) {
            return;
        }
        if (status != 0) {
            // the error body, then " Error: %s" (names_nfs3_status)
            switch (proc) {
                case 2, 7, 8, 9, 10, 11, 12, 13, 21 -> wcc();
                case 14 -> {
                    wcc();
                    wcc();
                }
                case 15 -> {
                    postOpAttr();
                    wcc();
                }
                case 1 -> {
                    // GETATTR: only the status
                }
                default -> postOpAttr(); // LOOKUP (dir), ACCESS, READLINK, READ, READDIR(PLUS), FS*, PATHCONF
            }
            if (ok()) {
                info.append(" Error: ");
                status(info, status, 3);
            }
            return;
        }
        switch (proc) {
            case 1 -> { // GETATTR: the attributes' summary, after two spaces
                int type = u32();
                int mode = u32();
                skip(4);
                int uid = u32();
                int gid = u32();
                for (int i = 0; i < 8; i++) {
                    skip(8);
                }
                if (ok()) {
                    info.append("  ");
                    String t = fileType(type);
                    if (t != null) {
                        info.append(t);
                    } else {
                        info.append("Unknown Type: 0x").append(Integer.toHexString(type));
                    }
                    info.append(" mode: ");
                    octal4(info, mode & 0xfff);
                    info.append(" uid: ").append(uid).append(" gid: ").append(gid);
                }
            }
            case 2, 12, 13 -> wcc();
            case 3 -> { // LOOKUP: object handle, object and directory attributes
                long h = fh3();
                postOpAttr();
                postOpAttr();
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                }
            }
            case 4 -> { // ACCESS: rights against the call's mask (dissect_access_reply)
                postOpAttr();
                long req = accessMask[slot];
                if (req < 0 || !ok()) {
                    return;
                }
                long rights = u32() & 0xffffffffL;
                if (ok()) {
                    long granted = req & rights;
                    long denied = req ^ granted;
                    if (denied != 0) {
                        access(info, "Access Denied", denied);
                    }
                    if (granted != 0) {
                        access(info, "Allowed", granted);
                    }
                }
            }
            case 5 -> { // READLINK
                postOpAttr();
                int path = name();
                if (ok()) {
                    info.append(" Path: ");
                    appendName(info, path);
                }
            }
            case 6 -> { // READ: the length, then the data
                postOpAttr();
                int len = u32();
                skip(4);
                if (ok()) {
                    info.append(" Len: ").append(len);
                    opaque();
                }
            }
            case 7 -> { // WRITE
                wcc();
                int len = u32();
                int committed = u32();
                skip(8);
                if (ok()) {
                    info.append(" Len: ").append(len).append(' ');
                    stable(info, committed);
                }
            }
            case 8, 9, 10, 11 -> { // CREATE, MKDIR, SYMLINK, MKNOD
                if (u32() == 1) {
                    fh3();
                }
                postOpAttr();
                wcc();
            }
            case 14 -> {
                wcc();
                wcc();
            }
            case 15 -> {
                postOpAttr();
                wcc();
            }
            case 16, 17 -> { // READDIR(PLUS): each entry's name as it is read
                postOpAttr();
                skip(8);
                while (ok() && u32() == 1) {
                    skip(8);
                    int name = name();
                    if (!ok()) {
                        return;
                    }
                    info.append(' ');
                    appendName(info, name);
                    skip(8);
                    if (proc == 17) {
                        postOpAttr();
                        if (u32() == 1) {
                            fh3();
                        }
                    }
                }
                skip(4);
            }
            case 18 -> {
                postOpAttr();
                for (int i = 0; i < 6; i++) {
                    skip(8);
                }
                skip(4);
            }
            case 19 -> {
                postOpAttr();
                skip(28);
                skip(8);
                skip(8);
                skip(4);
            }
            case 20 -> {
                postOpAttr();
                skip(24);
            }
            case 21 -> {
                wcc();
                skip(8);
            }
            default -> {
            }
        }
    }

    // ---- NFSv2 (packet-nfs.c, dissect_nfs2_*): 32-byte handles

    private void call2(int proc, TextBuffer info) {
        switch (proc) {
            case 1 -> {
                long h = fh2();
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                }
            }
            case 2 -> {
                long h = fh2();
                skip(32);
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                }
            }
            case 4 -> {
                long h = fh2();
                int name = name();
                if (ok()) {
                    dirName(info, ", DH: 0x", h, name);
                }
            }
            case 8 -> { // WRITE: the text before the data is read
                long h = fh2();
                long begin = u32() & 0xffffffffL;
                long offset = u32() & 0xffffffffL;
                long total = u32() & 0xffffffffL;
                if (ok()) {
                    fh(info, ", FH: 0x", h);
                    info.append(" BeginOffset: ").append(begin).append(" Offset: ").append(offset)
                            .append(" TotalCount: ").append(total);
                    opaque();
                }
            }
            default -> {
            }
        }
    }

    private void reply2(int proc, TextBuffer info) {
        if (proc == 0) {
            return;
        }
        int status = u32();
        if (!ok()) {
            return;
        }
        if (status != 0) {
            info.append(" Error: ");
            status(info, status, 2);
            return;
        }
        if (proc == 4) {
            long h = fh2();
            skip(68);
            if (ok()) {
                fh(info, ", FH: 0x", h);
            }
        } else {
            skip(68); // GETATTR, SETATTR, WRITE: the attributes, not in the Info
        }
    }

    // ---- XDR pieces

    private void begin(byte[] buf, int off, int capLen, int reported, int at) {
        b = buf;
        cap = off + capLen;
        rep = off + reported;
        pos = off + at;
        error = OK;
    }

    private void end(TextBuffer info) {
        if (error == MALFORMED) {
            info.append(UdpApps.MALFORMED);
        } else if (error == LIMITED) {
            info.append(UdpApps.LIMITED);
        }
        b = null;
    }

    private boolean ok() {
        return error == OK;
    }

    /** Whether {@code n} bytes from pos are there; else records why (tvb_ensure_bytes_exist). */
    private boolean need(long n) {
        if (error != OK) {
            return false;
        }
        long endAt = pos + n;
        if (n < 0 || endAt > rep) {
            error = MALFORMED;
            return false;
        }
        if (endAt > cap) {
            error = LIMITED;
            return false;
        }
        return true;
    }

    private int u32() {
        if (!need(4)) {
            return 0;
        }
        int v = Bytes.i32BE(b, pos);
        pos += 4;
        return v;
    }

    private long u64() {
        if (!need(8)) {
            return 0;
        }
        long v = ((long) Bytes.i32BE(b, pos) << 32) | (Bytes.i32BE(b, pos + 4) & 0xffffffffL);
        pos += 8;
        return v;
    }

    private void skip(int n) {
        if (need(n)) {
            pos += n;
        }
    }

    /** Flavor, length and body of a credential or verifier. */
    private void authBody() {
        u32();
        long len = u32() & 0xffffffffL;
        if (ok() && len > 0 && need(len)) {
            pos += (int) ((len + 3) & ~3L);
        }
    }

    /** An NFSv3 handle (dissect_nfs3_fh): length, bytes, padding; the CRC-32 of the bytes, or 0. */
    private long fh3() {
        long len = u32() & 0xffffffffL;
        if (!ok() || len == 0) {
            return 0;
        }
        if (!need(len)) {
            return 0;
        }
        long h = crc(pos, (int) len);
        pos += (int) ((len + 3) & ~3L);
        return h;
    }

    /** An NFSv2 handle: 32 bytes. */
    private long fh2() {
        if (!need(32)) {
            return 0;
        }
        long h = crc(pos, 32);
        pos += 32;
        return h;
    }

    private long crc(int p, int n) {
        // packet-nfs.c, dissect_fhandle_data: the hash is crc32_ccitt over the handle (the IEEE CRC-32)
        crc.reset();
        crc.update(b, p, n);
        return crc.getValue();
    }

    /**
     * A string (dissect_rpc_string): length, bytes, padding. Returns the length and keeps the
     * bytes in {@link #nameBytes} as tshark 4.0 makes them: each byte past ASCII becomes U+FFFD
     * (three bytes of UTF-8), and the result is cut back to the original byte count.
     */
    private int name() {
        long len = u32() & 0xffffffffL;
        if (!ok() || !need(len)) {
            return -1;
        }
        int n = (int) len;
        if (nameBytes.length < n) {
            nameBytes = new byte[Math.max(n, nameBytes.length * 2)];
        }
        int w = 0;
        for (int i = 0; i < n && w < n; i++) {
            int c = b[pos + i] & 0xff;
            if (c < 0x80) {
                nameBytes[w++] = (byte) c;
            } else {
                nameBytes[w++] = (byte) 0xef;
                if (w < n) {
                    nameBytes[w++] = (byte) 0xbf;
                }
                if (w < n) {
                    nameBytes[w++] = (byte) 0xbd;
                }
            }
        }
        pos += n;
        int pad = (int) (((len + 3) & ~3L) - len);
        skip(pad);
        return n;
    }

    private void appendName(TextBuffer info, int n) {
        if (n == 0) {
            info.append("<EMPTY>");
        } else {
            dev.capmill.decode.Dns.appendText(info, nameBytes, 0, n);
        }
    }

    /** Opaque data (dissect_nfsdata): length, bytes, padding. */
    private void opaque() {
        long len = u32() & 0xffffffffL;
        if (ok() && need(len)) {
            pos += (int) len;
            skip((int) (((len + 3) & ~3L) - len));
        }
    }

    /** fattr3 (84 bytes) after a "follows" flag of 1. */
    private void postOpAttr() {
        if (u32() == 1) {
            fattr3();
        }
    }

    private void fattr3() {
        for (int i = 0; i < 5; i++) {
            skip(4);
        }
        for (int i = 0; i < 8; i++) {
            skip(8);
        }
    }

    /** wcc_data: pre-operation size and times (24 bytes) if present, then post_op_attr. */
    private void wcc() {
        if (u32() == 1) {
            skip(8);
            skip(8);
            skip(8);
        }
        postOpAttr();
    }

    /** sattr3: mode, uid, gid (4 bytes each), size (8) when set; atime, mtime (8) when set to client time. */
    private void sattr3() {
        if (u32() == 1) {
            skip(4);
        }
        if (u32() == 1) {
            skip(4);
        }
        if (u32() == 1) {
            skip(4);
        }
        if (u32() == 1) {
            skip(8);
        }
        if (u32() == 2) {
            skip(8);
        }
        if (u32() == 2) {
            skip(8);
        }
    }

    // ---- text

    private static void fh(TextBuffer info, String label, long h) {
        info.append(label);
        hex8(info, h);
    }

    private void dirName(TextBuffer info, String label, long h, int name) {
        info.append(label);
        hex8(info, h);
        info.append('/');
        appendName(info, name);
    }

    private static void hex8(TextBuffer info, long v) {
        for (int s = 28; s >= 0; s -= 4) {
            info.append(Character.forDigit((int) (v >>> s) & 15, 16));
        }
    }

    private static void octal4(TextBuffer info, int v) {
        for (int s = 9; s >= 0; s -= 3) {
            info.append((char) ('0' + ((v >> s) & 7)));
        }
    }

    private static void unsigned64(TextBuffer info, long v) {
        if (v >= 0) {
            info.append(v);
        } else {
            info.append(Long.toUnsignedString(v));
        }
    }

    /** stable_how (names_stable_how), else "Stable: %u". */
    private static void stable(TextBuffer info, int v) {
        switch (v) {
            case 0 -> info.append("UNSTABLE");
            case 1 -> info.append("DATA_SYNC");
            case 2 -> info.append("FILE_SYNC");
            default -> info.append("Stable: ").append(v & 0xffffffffL);
        }
    }

    /** ACCESS bits in packet-nfs.c's order (accvs; display_access_items), as ", [label: RD LU ...]". */
    private static final String[] ACCESS = {"RD", "LU", "MD", "XT", "DL", "XE", "XAR", "XAW", "XAL"};

    private static void access(TextBuffer info, String label, long mask) {
        info.append(", [").append(label).append(':');
        for (int i = 0; i < ACCESS.length; i++) {
            if ((mask & (1L << i)) != 0) {
                info.append(' ').append(ACCESS[i]);
            }
        }
        info.append(']');
    }

    /** ftype3 names (nfs.fattr3.type). */
    private static String fileType(int t) {
        return switch (t) {
            case 1 -> "Regular File";
            case 2 -> "Directory";
            case 3 -> "Block Special Device";
            case 4 -> "Character Special Device";
            case 5 -> "Symbolic Link";
            case 6 -> "Socket";
            case 7 -> "Named Pipe";
            default -> null;
        };
    }

    /**
     * names_nfs3_status (nfs.status3) for version 3, names_nfs2_stat (nfs.status2) for version 2,
     * else "Unknown error: %u". The tables agree where both name a code; version 2 adds EAGAIN,
     * TXTBSY, OPNOTSUPP and WFLUSH.
     */
    private static void status(TextBuffer info, int s, int version) {
        String n = switch (s) {
            case 1 -> "PERM";
            case 2 -> "NOENT";
            case 5 -> "IO";
            case 6 -> "NXIO";
            case 13 -> "ACCES";
            case 17 -> "EXIST";
            case 18 -> "XDEV";
            case 19 -> "NODEV";
            case 20 -> "NOTDIR";
            case 21 -> "ISDIR";
            case 22 -> "INVAL";
            case 27 -> "FBIG";
            case 28 -> "NOSPC";
            case 30 -> "ROFS";
            case 31 -> "MLINK";
            case 63 -> "NAMETOOLONG";
            case 66 -> "NOTEMPTY";
            case 69 -> "DQUOT";
            case 70 -> "STALE";
            case 71 -> "REMOTE";
            case 10001 -> "BADHANDLE";
            case 10002 -> "NOT_SYNC";
            case 10003 -> "BAD_COOKIE";
            case 10004 -> "NOTSUPP";
            case 10005 -> "TOOSMALL";
            case 10006 -> "SERVERFAULT";
            case 10007 -> "BADTYPE";
            case 10008 -> "JUKEBOX";
            case 11 -> version == 2 ? "EAGAIN" : null;
            case 26 -> version == 2 ? "TXTBSY" : null;
            case 45 -> version == 2 ? "OPNOTSUPP" : null;
            case 99 -> version == 2 ? "WFLUSH" : null;
            default -> null;
        };
        if (n != null) {
            info.append(version == 2 ? "NFS2ERR_" : "NFS3ERR_").append(n);
        } else {
            info.append("Unknown error: ").append(s & 0xffffffffL);
        }
    }

    // ---- the table of calls


    private static long addrWord(byte[] a, int p, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (a[p + i] & 0xff);
        }
        return v;
    }

    private static int home(long hi, long lo, int key, int xid) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ ((long) key << 32) ^ (xid * 0x165667B1L);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h & (SLOTS - 1);
    }

    private long keyHi;
    private long keyLo;
    private int keyPort;

    private void key(byte[] a, int p, int n, int port) {
        if (n == 16) {
            keyHi = addrWord(a, p, 8);
            keyLo = addrWord(a, p + 8, 8);
        } else {
            keyHi = 0;
            keyLo = addrWord(a, p, n);
        }
        keyPort = (port & 0xffff) | (n << 16);
    }

    /** The slot of the call with this XID in this conversation, or -1. */
    private int find(byte[] a, int p, int n, int port, int xid) {
        if (used == 0) {
            return -1;
        }
        key(a, p, n, port);
        int i = home(keyHi, keyLo, keyPort, xid);
        for (int k = 0; k < PROBE; k++) {
            int s = (i + k) & (SLOTS - 1);
            if (portKey[s] == keyPort && xids[s] == xid && addrLo[s] == keyLo && addrHi[s] == keyHi) {
                return s;
            }
        }
        return -1;
    }

    /** A slot for a new call: a free one of the probe run, else its oldest call's. */
    private int insert(byte[] a, int p, int n, int port, int xid) {
        key(a, p, n, port);
        int i = home(keyHi, keyLo, keyPort, xid);
        int victim = i;
        for (int k = 0; k < PROBE; k++) {
            int s = (i + k) & (SLOTS - 1);
            if (portKey[s] == 0) {
                victim = s;
                used++;
                break;
            }
            if (callFrame[s] < callFrame[victim]) {
                victim = s;
            }
        }
        addrHi[victim] = keyHi;
        addrLo[victim] = keyLo;
        portKey[victim] = keyPort;
        xids[victim] = xid;
        return victim;
    }
}
