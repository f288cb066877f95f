package dev.capmill.text;

import dev.capmill.model.TextBuffer;

/**
 * RX, the transport of AFS (UDP ports 7000–7009 and 7021), and the AFS calls its DATA packets carry,
 * as tshark 4.0.17 writes them without a protocol tree ({@code tshark -n -r}). Facts from
 * Wireshark's epan/dissectors/packet-rx.c and packet-afs.c, the names from {@code tshark -G values}
 * ({@code rx.reason}, {@code afs.*.opcode}); every rule was checked against tshark 4.0.17 on
 * datagrams made for the purpose (see RxTest).
 * <ul>
 * <li>The 28-byte header (epoch, connection id, call number, sequence, serial, type, flags, user
 * status, security index, spare, service id) must be at hand and the type one of 1–9 or 13, else
 * RX refuses the datagram (the UDP line stays).</li>
 * <li>ACK, ABORT, ACKALL, CHALLENGE, RESPONSE and VERSION write "NAME  Seq: s  Call: c  Source
 * Port: p  Destination Port: q  " (two spaces after each part); an ACK names its reason and writes
 * its line only after reading the acknowledgements and the optional trailer; a VERSION packet of
 * connection id 0 is a "VERSION NAT ping"; BUSY, DEBUG and PARAMS leave Info empty.</li>
 * <li>DATA is AFS: "SERVICE Request|Reply: name (opcode)". A packet is a request when the
 * client-initiated flag is set; the service comes from the destination port of a request and the
 * source port of a reply. A request's opcode (its first four bytes) is remembered for its
 * conversation, epoch, connection id and call number; a reply takes it from there (0 when none was
 * seen), and so does a later request of the same call.</li>
 * </ul>
 * The remembered calls live in a fixed table of {@link #SLOTS} entries; an entry is overwritten
 * when its probe window is full, where tshark would still remember it.
 */
final class Rx extends TvbReads {
    private final TextBuffer protocol;
    private final TextBuffer info;

    Rx(TextBuffer protocol, TextBuffer info) {
        this.protocol = protocol;
        this.info = info;
    }

    /** The RX ports of tshark's "udp.port" table ({@code tshark -G decodes}: rx). */
    static boolean isPort(int port) {
        return port >= 7000 && port <= 7009 || port == 7021;
    }

    // rx.reason (tshark -G values), 1..9
    private static final String[] REASONS = {null, "Ack Requested", "Duplicate Packet", "Out Of Sequence",
        "Exceeds Window", "No Space", "Ping", "Ping Response", "Delay", "Idle"};

    /**
     * An RX datagram at {@code buf[p]} from {@code sport} to {@code dport}, between the addresses at
     * {@code a[src]} and {@code a[dst]} ({@code addrLen} bytes each). False when RX refuses it.
     */
    boolean decode(byte[] buf, int p, int captured, int reported, int sport, int dport, byte[] a, int src, int dst,
            int addrLen) {
        start(buf, p, captured, reported);
        if (cap - p < 28) {
            return false;
        }
        int type = b[p + 20] & 0xff;
        if (type == 0 || type >= 10 && type <= 12 || type > 13) {
            return false;
        }
        protocol.setLength(0);
        protocol.append("RX");
        info.setLength(0);
        long call = be32(p + 8);
        long seq = be32(p + 12);
        int body = p + 28;
        try {
            switch (type) {
                case 1 -> afs(p, body, sport, dport, a, src, dst, addrLen);
                case 2 -> ack(body, seq, call, sport, dport);
                case 4 -> {
                    line("ABORT", null, seq, call, sport, dport);
                    subtree(body);
                    field(body, 4); // the abort code
                }
                case 5 -> line("ACKALL", null, seq, call, sport, dport);
                case 6 -> {
                    line("CHALLENGE", null, seq, call, sport, dport);
                    // version; rxkad's version 2 adds a nonce and a minimum level
                    subtree(body);
                    if (field(body, 4) == 2) {
                        fields(body + 4, body + 12);
                    }
                }
                case 7 -> {
                    line("RESPONSE", null, seq, call, sport, dport);
                    // version; version 2 skips 4 bytes and reads 32-bit fields up to the ticket's length
                    // (the ticket itself is not read)
                    subtree(body);
                    if (field(body, 4) == 2) {
                        subtree(body + 8); // the encrypted part
                        fields(body + 8, body + 56);
                    }
                }
                // tshark 4.0.17 names a VERSION packet of connection id 0 a NAT ping
                case 13 -> line(be32(p + 4) == 0 ? "VERSION NAT ping" : "VERSION request", null, seq, call, sport, dport);
                default -> {
                    // BUSY, DEBUG, PARAMS: nothing written
                }
            }
        } catch (Short e) {
            mark(info);
        }
        return true;
    }

    /** One big-endian field of {@code n} (1, 2 or 4) bytes at {@code at}, read as a tvb read fails. */
    private long field(int at, int n) {
        if (at + n > cap) {
            fail(at + n);
        }
        return n == 1 ? u8(at) : n == 2 ? be16(at) : be32(at);
    }

    /**
     * A subtree over the rest of the packet from {@code at} (tshark adds it with length -1, which
     * fails as cut by the capture when no captured byte is left there but claimed ones are).
     */
    private void subtree(int at) {
        if (at >= cap && at < rep) {
            fail(at);
        }
    }

    /** 32-bit fields from {@code from} to {@code to}. */
    private void fields(int from, int to) {
        for (int at = from; at < to; at += 4) {
            field(at, 4);
        }
    }

    private void line(String name, String reason, long seq, long call, int sport, int dport) {
        info.append(name);
        if (reason != null) {
            info.append(' ').append(reason);
        }
        info.append("  Seq: ").append(seq).append("  Call: ").append(call).append("  Source Port: ").append(sport)
                .append("  Destination Port: ").append(dport).append("  ");
    }

    /**
     * An ACK: buffer space, max skew, first and previous packet, serial, reason, the count of
     * acknowledgements and each; then, when at least three captured bytes follow, three bytes of
     * padding and up to four 32-bit values, each read while four bytes are claimed. Info is written
     * after all of it.
     */
    private void ack(int body, long seq, long call, int sport, int dport) {
        subtree(body);
        field(body, 2); // buffer space, max skew: 2 bytes each
        field(body + 2, 2);
        fields(body + 4, body + 16); // first packet, previous packet, serial
        int reason = (int) field(body + 16, 1);
        int n = (int) field(body + 17, 1);
        for (int i = 0; i < n; i++) {
            field(body + 18 + i, 1);
        }
        int off = body + 18 + n;
        if (cap - off >= 3) {
            off += 3;
            for (int i = 0; i < 4 && rep - off >= 4; i++) {
                field(off, 4);
                off += 4;
            }
        }
        info.append("ACK ");
        if (reason >= 1 && reason < REASONS.length) {
            info.append(REASONS[reason]);
        } else {
            info.append(reason);
        }
        line("", null, seq, call, sport, dport);
    }

    // ---- AFS: packet-afs.c

    /** Ports of AFS services (packet-afs.c), their short names, their opcode tables. */
    private static String service(int port) {
        return switch (port) {
            case 7000 -> "FS";
            case 7001 -> "CB";
            case 7002 -> "PROT";
            case 7003 -> "VLDB";
            case 7004 -> "KAUTH";
            case 7005 -> "VOL";
            case 7006 -> "ERR";
            case 7007 -> "BOS";
            case 7008 -> "UPD";
            case 7009 -> "RMT";
            case 7021 -> "BKUP";
            case 7025 -> "BUTC";
            default -> null;
        };
    }

    private static int[] codes(int port) {
        return switch (port) {
            case 7000 -> FS_CODES;
            case 7001 -> CB_CODES;
            case 7002 -> PROT_CODES;
            case 7003 -> VLDB_CODES;
            case 7004 -> KAUTH_CODES;
            case 7005 -> VOL_CODES;
            case 7007 -> BOS_CODES;
            case 7008 -> UPDATE_CODES;
            case 7009 -> RMTSYS_CODES;
            case 7021 -> BACKUP_CODES;
            // tape coordinators listen on 7025 and up: every such port takes BUTC's table
            // (tshark 4.0.17: port 7030 or 65535 with opcode 100 is "Unknown(7030) Request: perform-dump (100)")
            default -> port >= 7025 ? BUTC_CODES : null;
        };
    }

    private static String[] names(int port) {
        return switch (port) {
            case 7000 -> FS_NAMES;
            case 7001 -> CB_NAMES;
            case 7002 -> PROT_NAMES;
            case 7003 -> VLDB_NAMES;
            case 7004 -> KAUTH_NAMES;
            case 7005 -> VOL_NAMES;
            case 7007 -> BOS_NAMES;
            case 7008 -> UPDATE_NAMES;
            case 7009 -> RMTSYS_NAMES;
            case 7021 -> BACKUP_NAMES;
            default -> port >= 7025 ? BUTC_NAMES : null;
        };
    }

    private void afs(int p, int body, int sport, int dport, byte[] a, int src, int dst, int addrLen) {
        protocol.setLength(0);
        protocol.append("AFS (RX)");
        boolean reply = (b[p + 21] & 1) == 0;
        int port = reply ? sport : dport;
        int epoch = (int) be32(p);
        int cid = (int) be32(p + 4);
        int call = (int) be32(p + 8);
        int slot = find(a, src, dst, addrLen, sport, dport, epoch, cid, call);
        long opcode = 0;
        if (slot >= 0) {
            opcode = opcodes[slot];
        } else if (!reply) {
            opcode = field(body, 4); // a request's opcode, read only for a call not seen before
            remember(a, src, dst, addrLen, sport, dport, epoch, cid, call, opcode);
        }
        String name = service(port);
        int[] codes = codes(port);
        String[] names = names(port);
        String prefix = null;
        if (opcode >= 10000 && opcode <= 10007 || opcode >= 20000 && opcode <= 20013) {
            prefix = "UBIK-";
            codes = UBIK_CODES;
            names = UBIK_NAMES;
        }
        if (opcode > 66000) {
            info.append("Encrypted ");
            serviceName(prefix, name, port);
            info.append(reply ? " Reply" : " Request");
            return;
        }
        serviceName(prefix, name, port);
        info.append(reply ? " Reply: " : " Request: ");
        int i = codes == null ? -1 : java.util.Arrays.binarySearch(codes, (int) opcode);
        if (i >= 0) {
            info.append(names[i]);
        } else {
            info.append("Unknown(").append(opcode).append(')');
        }
        if (codes != null) {
            info.append(" (").append(opcode).append(')');
        }
    }

    private void serviceName(String prefix, String name, int port) {
        if (prefix != null) {
            info.append(prefix);
        }
        if (name != null) {
            info.append(name);
        } else {
            info.append("Unknown(").append(port).append(')');
        }
    }

    // ---- the calls seen: conversation (both endpoints, in either order), epoch, cid, call number

    static final int SLOTS = 256;
    private static final int PROBE = 8;
    private final long[] lowHi = new long[SLOTS];
    private final long[] lowLo = new long[SLOTS];
    private final long[] highHi = new long[SLOTS];
    private final long[] highLo = new long[SLOTS];
    /** The lower endpoint's port in the high 16 bits, the higher's in the low; -1 for a free slot. */
    private final int[] ports = new int[SLOTS];
    private final int[] epochs = new int[SLOTS];
    private final int[] cids = new int[SLOTS];
    private final int[] calls = new int[SLOTS];
    private final long[] opcodes = new long[SLOTS];
    private int used;

    {
        java.util.Arrays.fill(ports, -1);
    }

    // the key of the datagram at hand, set by key()
    private long kLowHi;
    private long kLowLo;
    private long kHighHi;
    private long kHighLo;
    private int kPorts;

    private void key(byte[] a, int src, int dst, int addrLen, int sport, int dport) {
        long sHi = addrHi(a, src, addrLen);
        long sLo = addrLo(a, src, addrLen);
        long dHi = addrHi(a, dst, addrLen);
        long dLo = addrLo(a, dst, addrLen);
        int c = sHi != dHi ? Long.compare(sHi, dHi) : sLo != dLo ? Long.compare(sLo, dLo) : Integer.compare(sport, dport);
        if (c <= 0) {
            kLowHi = sHi;
            kLowLo = sLo;
            kHighHi = dHi;
            kHighLo = dLo;
            kPorts = sport << 16 | dport;
        } else {
            kLowHi = dHi;
            kLowLo = dLo;
            kHighHi = sHi;
            kHighLo = sLo;
            kPorts = dport << 16 | sport;
        }
    }

    private int home(int epoch, int cid, int call) {
        int h = call * 0x9E3779B1 ^ cid * 0x85EBCA6B ^ epoch * 0xC2B2AE35 ^ kPorts * 0x27D4EB2F ^ (int) kLowLo
                ^ (int) kHighLo * 31;
        h ^= h >>> 16;
        return h & (SLOTS - 1);
    }

    private boolean same(int i, int epoch, int cid, int call) {
        return ports[i] == kPorts && calls[i] == call && cids[i] == cid && epochs[i] == epoch && lowLo[i] == kLowLo
                && highLo[i] == kHighLo && lowHi[i] == kLowHi && highHi[i] == kHighHi;
    }

    private int find(byte[] a, int src, int dst, int addrLen, int sport, int dport, int epoch, int cid, int call) {
        if (used == 0) {
            return -1;
        }
        key(a, src, dst, addrLen, sport, dport);
        int h = home(epoch, cid, call);
        for (int k = 0; k < PROBE; k++) {
            int i = (h + k) & (SLOTS - 1);
            if (same(i, epoch, cid, call)) {
                return i;
            }
        }
        return -1;
    }

    private void remember(byte[] a, int src, int dst, int addrLen, int sport, int dport, int epoch, int cid, int call,
            long opcode) {
        key(a, src, dst, addrLen, sport, dport);
        int h = home(epoch, cid, call);
        int at = h;
        for (int k = 0; k < PROBE; k++) {
            int i = (h + k) & (SLOTS - 1);
            if (ports[i] == -1) {
                at = i;
                break;
            }
        }
        lowHi[at] = kLowHi;
        lowLo[at] = kLowLo;
        highHi[at] = kHighHi;
        highLo[at] = kHighLo;
        ports[at] = kPorts;
        epochs[at] = epoch;
        cids[at] = cid;
        calls[at] = call;
        opcodes[at] = opcode;
        used++;
    }

    private static long addrHi(byte[] a, int at, int len) {
        return len == 16 ? dev.capmill.model.Bytes.u32BE(a, at) << 32 | dev.capmill.model.Bytes.u32BE(a, at + 4) : -1;
    }

    private static long addrLo(byte[] a, int at, int len) {
        return len == 16 ? dev.capmill.model.Bytes.u32BE(a, at + 8) << 32 | dev.capmill.model.Bytes.u32BE(a, at + 12)
                : dev.capmill.model.Bytes.u32BE(a, at);
    }

    // ---- opcode names: tshark 4.0.17's value strings, sorted by code
    // tshark -G values: afs.fs.opcode
    private static final int[] FS_CODES = {
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149,
        150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 220, 65536, 65537, 65538,
        65539, 65540, 65541, 65542
    };
    private static final String[] FS_NAMES = {
        "fetch-data", "fetch-acl", "fetch-status", "store-data", "store-acl", "store-status", "remove-file",
        "create-file", "rename", "symlink", "link", "makedir", "rmdir", "old-set-lock", "old-extend-lock",
        "old-release-lock", "get-stats", "give-up-callbacks", "get-volume-info", "get-volume-status",
        "set-volume-status", "get-root-volume", "check-token", "get-time", "nget-volume-info",
        "bulk-status", "set-lock", "extend-lock", "release-lock", "xstats-version", "get-xstats",
        "dfs-lookup", "dfs-flushcps", "dfs-symlink", "residency", "inline-bulk-status", "fetch-data-64",
        "store-data-64", "give-up-all-callbacks", "get-capabilities", "call-back-rxconn-addr",
        "get-statistics-64"
    };
    // tshark -G values: afs.cb.opcode
    private static final int[] CB_CODES = {
        204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 65536, 65537, 65538
    };
    private static final String[] CB_NAMES = {
        "callback", "init-callback-state", "probe", "get-lock", "get-ce", "xstats-version", "get-xstats",
        "init-callback-state2", "who-are-you", "init-callback-state3", "probeuuid", "get-server-prefs",
        "get-cellservdb", "get-local-cell", "get-cache-config", "get-ce-64", "get-cell-by-num",
        "get-capabilities"
    };
    // tshark -G values: afs.prot.opcode
    private static final int[] PROT_CODES = {
        500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 512, 513, 514, 515, 516, 517, 518, 519,
        520, 521, 530
    };
    private static final String[] PROT_NAMES = {
        "new-user", "where-is-it", "dump-entry", "add-to-group", "name-to-id", "id-to-name", "delete",
        "remove-from-group", "get-cps", "new-entry", "list-max", "set-max", "list-entry", "change-entry",
        "list-elements", "is-member-of", "set-fld-sentry", "list-owned", "get-cps2", "get-host-cps",
        "update-entry", "list-entries", "list-supergroups"
    };
    // tshark -G values: afs.vldb.opcode
    private static final int[] VLDB_CODES = {
        501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 512, 513, 514, 515, 516, 517, 518, 519, 520,
        521, 522, 523, 524, 525, 526, 527, 528, 529, 530, 531, 532, 533, 534
    };
    private static final String[] VLDB_NAMES = {
        "create-entry", "delete-entry", "get-entry-by-id", "get-entry-by-name", "get-new-volume-id",
        "replace-entry", "update-entry", "set-lock", "release-lock", "list-entry", "list-attributes",
        "linked-list", "get-stats", "probe", "get-addrs", "change-addr", "create-entry-n",
        "get-entry-by-id-n", "get-entry-by-name-n", "replace-entry-n", "list-entry-n", "list-attrib-n",
        "linked-list-n", "update-entry-by-name", "create-entry-u", "get-entry-by-id-u",
        "get-entry-by-name-u", "replace-entry-u", "list-entry-u", "list-attrib-u", "linked-list-u",
        "regaddr", "get-addrs-u", "list-attrib-n2"
    };
    // tshark -G values: afs.kauth.opcode
    private static final int[] KAUTH_CODES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 21, 22, 23};
    private static final String[] KAUTH_NAMES = {
        "auth-old", "change-pw", "get-ticket-old", "set-pw", "set-fields", "create-user", "delete-user",
        "get-entry", "list-entry", "get-stats", "debug", "get-pw", "get-random-key", "unlock",
        "lock-status", "authenticate", "authenticate-v2", "get-ticket"
    };
    // tshark -G values: afs.vol.opcode
    private static final int[] VOL_CODES = {
        100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119,
        120, 121, 122, 123, 124, 125, 126, 127, 128, 65536, 65537, 65538, 65539
    };
    private static final String[] VOL_NAMES = {
        "create-volume", "delete-volume", "restore", "forward", "end-trans", "clone", "set-flags",
        "get-flags", "trans-create", "dump", "get-nth-volume", "set-forwarding", "get-name", "get-status",
        "sig-restore", "list-partitions", "list-volumes", "set-id-types", "monitor", "partition-info",
        "reclone", "list-one-volume", "nuke", "set-date", "x-list-volumes", "x-list-one-volume", "set-info",
        "x-list-partitions", "forward-multiple", "convert-ro", "getsize", "dump-v2", "partition-info-64"
    };
    // tshark -G values: afs.bos.opcode
    private static final int[] BOS_CODES = {
        80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103,
        104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116
    };
    private static final String[] BOS_NAMES = {
        "create-bnode", "delete-bnode", "set-status", "get-status", "enumerate-instance",
        "get-instance-info", "get-instance-parm", "add-superuser", "delete-superuser", "list-superusers",
        "list-keys", "add-key", "delete-key", "set-cell-name", "get-cell-name", "get-cell-host",
        "add-cell-host", "delete-cell-host", "set-t-status", "shutdown-all", "restart-all", "startup-all",
        "set-noauth-flag", "re-bozo", "restart", "install", "uninstall", "get-dates", "exec", "prune",
        "set-restart-time", "get-restart-time", "get-log", "wait-all", "get-instance-strings",
        "get-restricted", "set restricted"
    };
    // tshark -G values: afs.update.opcode
    private static final int[] UPDATE_CODES = {1, 2};
    private static final String[] UPDATE_NAMES = {"fetch-file", "fetch-info"};
    // tshark -G values: afs.rmtsys.opcode
    private static final int[] RMTSYS_CODES = {1, 2};
    private static final String[] RMTSYS_NAMES = {"setpag", "pioctl"};
    // tshark -G values: afs.backup.opcode
    private static final int[] BACKUP_CODES = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
        27, 28, 29, 30
    };
    private static final String[] BACKUP_NAMES = {
        "add-volume", "create-dump", "delete-dump", "delete-tape", "delete-vdp", "find-clone", "find-dump",
        "find-latest-dump", "make-dump-appended", "find-last-tape", "finish-dump", "finish-tape",
        "get-dumps", "get-tapes", "get-volumes", "use-tape", "get-text", "get-text-version", "save-text",
        "free-all-locks", "free-lock", "get-instance-id", "get-lock", "db-verify", "dump-db",
        "restore-db-header", "t-get-version", "t-dump-hash-table", "t-dump-database", "add-volumes",
        "list-dumps"
    };
    // tshark -G values: afs.butc.opcode
    private static final int[] BUTC_CODES = {
        100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118
    };
    private static final String[] BUTC_NAMES = {
        "perform-dump", "perform-restore", "check-dump", "abort-dump", "wait-for-dump", "end-dump",
        "get-tm-info", "label-tape", "scan-nodes", "read-label", "scan-dumps", "get-tc-info",
        "save-database", "restore-database", "get-status", "request-abort", "end-status", "scan-status",
        "delete-dump"
    };
    // tshark -G values: afs.ubik.opcode
    private static final int[] UBIK_CODES = {
        10000, 10001, 10002, 10003, 10004, 10005, 10006, 10007, 20000, 20001, 20002, 20003, 20004, 20005,
        20006, 20007, 20008, 20009, 20010, 20011, 20012, 20013
    };
    private static final String[] UBIK_NAMES = {
        "vote-beacon", "vote-debug-old", "vote-sdebug-old", "vote-getsyncsite", "vote-debug", "vote-sdebug",
        "vote-xdebug", "vote-xsdebug", "disk-begin", "disk-commit", "disk-lock", "disk-write",
        "disk-getversion", "disk-getfile", "disk-sendfile", "disk-abort", "disk-releaselocks",
        "disk-truncate", "disk-probe", "disk-writev", "disk-interfaceaddr", "disk-setversion"
    };
}
