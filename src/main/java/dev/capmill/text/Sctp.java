package dev.capmill.text;

import dev.capmill.decode.Columns;
import dev.capmill.model.Bytes;
import dev.capmill.model.TextBuffer;

/**
 * SCTP (IP protocol 132) as tshark 4.0 shows it with its default preferences (relative TSNs, TSN
 * analysis and reassembly on, checksum not verified). Facts from Wireshark's
 * epan/dissectors/packet-sctp.c and from tshark 4.0.17 run on made-up frames (see SctpTest).
 *
 * <p>The Protocol column is "SCTP"; the Info is each chunk's type name followed by a space
 * ("RESERVED" for an unknown type), DATA and I_DATA with "(TSN=n) ", SACK with
 * "(Ack=n, Arwnd=n) " ("Ack=n+e" where e is the end of the last gap block). A DATA chunk's
 * payload adds "(retransmission) " when its TSN was seen in an earlier frame of the same
 * direction, else "(Message Fragment) " when it is a fragment that does not complete its message.
 * I_DATA (RFC 8260) does the same, its fragments numbered by the FSN within stream and MID. What
 * the payload's protocol is (by payload protocol id or port) is not decoded here: the line stays
 * SCTP, where tshark names the upper protocol. Not done: tshark's "(Duplicate Message Fragment) "
 * on an I_DATA fragment without payload.
 *
 * <p>Exceptions: the loop over chunks reads each chunk's length before its type (a chunk cut
 * there gets the mark without a name); a chunk whose length is 0 is malformed; a length of 1 to 3
 * is skipped (4 bytes); the chunk's own reads are bounded by its padded length; after the chunk,
 * a length that passes the packet is malformed, one that passes the captured bytes limited.
 * Parameters (INIT, INIT_ACK, ASCONF, ASCONF_ACK, RE_CONFIG) are walked the same way.
 *
 * <p>Association state, all in fixed tables allocated on first use: half associations keyed by
 * ports and verification tag (none for tag 0), each paired with the reverse direction found by
 * ports and addresses; the TSNs seen per half association (for retransmissions); message
 * fragments. When a table is full, new entries are not made: TSNs then show absolute.
 */
final class Sctp {
    private static final String[] NAMES = new String[256];

    static {
        String[] low = {"DATA", "INIT", "INIT_ACK", "SACK", "HEARTBEAT", "HEARTBEAT_ACK", "ABORT", "SHUTDOWN",
            "SHUTDOWN_ACK", "ERROR", "COOKIE_ECHO", "COOKIE_ACK", "ECNE", "CWR", "SHUTDOWN_COMPLETE", "AUTH",
            "NR_SACK"};
        System.arraycopy(low, 0, NAMES, 0, low.length);
        NAMES[64] = "I_DATA";
        NAMES[128] = "ASCONF_ACK";
        NAMES[129] = "PKTDROP";
        NAMES[130] = "RE_CONFIG";
        NAMES[132] = "PAD";
        NAMES[192] = "FORWARD_TSN";
        NAMES[193] = "ASCONF";
        NAMES[194] = "I_FORWARD_TSN";
        NAMES[255] = "IETF_EXTENSION";
    }

    /** The name tshark gives chunk type {@code type} (sctp.chunk_type in tshark -G values). */
    static String name(int type) {
        String n = NAMES[type & 0xff];
        return n != null ? n : "RESERVED";
    }

    // ---- half associations ----
    static final int MAX_HALVES = 4096;
    private static final int HALF_SLOTS = 8192;
    private int halves;
    private int[] haPorts;
    private int[] haVtag;
    private long[] haSrc0;
    private long[] haSrc1;
    private long[] haDst0;
    private long[] haDst1;
    private int[] haPeer;
    private boolean[] haStarted;
    private int[] haFirst;
    /** Index by ports and tag: slot → half + 1 (0 empty). */
    private int[] byTag;
    /** Index by ports and addresses: slot → half + 1; a later half with the same key replaces the earlier. */
    private int[] byAddr;

    // ---- TSNs seen: key (half, tsn) → frame ----
    private static final int TSN_SLOTS = 1 << 17;
    private static final int MAX_TSNS = TSN_SLOTS * 3 / 4;
    private int tsns;
    private long[] tsnKey;
    private long[] tsnFrame;

    // ---- message fragments ----
    private static final int FRAG_SLOTS = 1 << 13;
    static final int MAX_FRAGMENTS = FRAG_SLOTS * 3 / 4;
    /** Slots taken (never freed until the table is emptied), of which {@link #frUsed} still hold a fragment. */
    private int fragments;
    private boolean[] frTaken;
    private long[] frAssoc;
    private long[] frStream;
    private int[] frTsn;
    private int[] frFlags;
    private boolean[] frUsed;

    private void allocate() {
        if (haPorts != null) {
            return;
        }
        haPorts = new int[MAX_HALVES];
        haVtag = new int[MAX_HALVES];
        haSrc0 = new long[MAX_HALVES];
        haSrc1 = new long[MAX_HALVES];
        haDst0 = new long[MAX_HALVES];
        haDst1 = new long[MAX_HALVES];
        haPeer = new int[MAX_HALVES];
        haStarted = new boolean[MAX_HALVES];
        haFirst = new int[MAX_HALVES];
        byTag = new int[HALF_SLOTS];
        byAddr = new int[HALF_SLOTS];
        tsnKey = new long[TSN_SLOTS];
        tsnFrame = new long[TSN_SLOTS];
        frAssoc = new long[FRAG_SLOTS];
        frStream = new long[FRAG_SLOTS];
        frTsn = new int[FRAG_SLOTS];
        frFlags = new int[FRAG_SLOTS];
        frUsed = new boolean[FRAG_SLOTS];
        frTaken = new boolean[FRAG_SLOTS];
    }

    // ---- the packet being summarized ----
    private byte[] b;
    private int p;
    private int cap;
    private int rep;
    private TextBuffer info;

    /**
     * Writes the columns of the SCTP packet at {@code b[p, p+captured)}, {@code reported} bytes
     * claimed by the IP layer; the IP addresses are {@code addrLen} bytes at {@code src} and
     * {@code dst}.
     */
    void summarize(byte[] b, int p, int captured, int reported, int src, int dst, int addrLen, long frame,
            TextBuffer protocol, TextBuffer info) {
        protocol.append("SCTP");
        this.b = b;
        this.p = p;
        this.cap = Math.min(captured, reported);
        this.rep = reported;
        this.info = info;
        if (cap < 12) {
            info.append(Columns.truncationMark(12, rep));
            return;
        }
        allocate();
        int sport = Bytes.u16BE(b, p);
        int dport = Bytes.u16BE(b, p + 2);
        int vtag = (int) Bytes.u32BE(b, p + 4);
        int ha = vtag == 0 ? -1 : half(sport, dport, vtag, b, src, dst, addrLen);
        long assoc = (long) sport << 48 | (long) dport << 32 | (vtag & 0xffffffffL);
        int off = 12;
        while (rep - off > 0) {
            if (off + 4 > cap) {
                info.append(Columns.truncationMark(off + 4, rep));
                return;
            }
            int length = Bytes.u16BE(b, p + off + 2);
            int total = (length + 3) & ~3;
            if (total == 0) {
                info.append(Columns.MALFORMED);
                return;
            }
            int type = b[p + off] & 0xff;
            info.append(name(type)).append(' ');
            if (length < 4) {
                off += total;
                continue;
            }
            String mark = chunk(type, off, length, total, ha, assoc, frame);
            if (mark == null && off + length > cap) {
                mark = Columns.truncationMark(off + length, rep);
            }
            if (mark != null) {
                info.append(mark);
                return;
            }
            off += total;
        }
    }

    /** The mark of a read ending at {@code end} bytes into the chunk at {@code off}; null when it succeeds. */
    private String fails(int off, int total, int end) {
        if (end > total) {
            return Columns.MALFORMED;
        }
        if (off + end > cap) {
            return Columns.truncationMark(off + end, rep);
        }
        return null;
    }

    private int u16(int off, int at) {
        return Bytes.u16BE(b, p + off + at);
    }

    private int u32(int off, int at) {
        return (int) Bytes.u32BE(b, p + off + at);
    }

    /** Decodes one chunk's body; returns the exception's mark, or null. */
    private String chunk(int type, int off, int length, int total, int ha, long assoc, long frame) {
        switch (type) {
            case 0:
                return data(off, length, total, ha, assoc, frame, false);
            case 1, 2:
                return length < 20 ? null : parameters(off, 20, total);
            case 3:
                return sack(off, total, ha);
            case 12, 13:
                return fails(off, total, 8);
            case 15: {
                String m = fails(off, total, 8);
                return m != null ? m : length < 8 ? Columns.MALFORMED : null;
            }
            case 16: {
                String m = fails(off, total, 20);
                if (m != null) {
                    return m;
                }
                int n = u16(off, 12) + u16(off, 14) + u16(off, 16);
                return n == 0 ? null : fails(off, total, 20 + 4 * n);
            }
            case 64:
                return data(off, length, total, ha, assoc, frame, true);
            case 128, 193:
                return total > 8 ? parameters(off, 8, total) : null;
            case 130:
                return parameters(off, 4, total);
            default:
                return null;
        }
    }

    /** Walks the parameters from {@code from} to the chunk's padded end. */
    private String parameters(int off, int from, int total) {
        int at = from;
        while (total - at > 0) {
            String m = fails(off, total, at + 4);
            if (m != null) {
                return m;
            }
            int plen = u16(off, at + 2);
            int ptotal = (plen + 3) & ~3;
            if (ptotal == 0 || ptotal > total - at) {
                return Columns.MALFORMED;
            }
            at += ptotal;
        }
        return null;
    }

    private String sack(int off, int total, int ha) {
        String m = fails(off, total, 16);
        if (m != null) {
            return m;
        }
        int gaps = u16(off, 12);
        int dups = u16(off, 14);
        int lastEnd = 0;
        for (int i = 0; i < gaps; i++) {
            m = fails(off, total, 16 + 4 * i + 4);
            if (m != null) {
                return m;
            }
            lastEnd = u16(off, 16 + 4 * i + 2);
        }
        int ack = u32(off, 4);
        if (ha >= 0) {
            int peer = haPeer[ha];
            if (peer >= 0 && haStarted[peer]) {
                ack -= haFirst[peer];
            }
        }
        info.append("(Ack=").append(ack & 0xffffffffL);
        if (gaps > 0) {
            info.append('+').append(lastEnd);
        }
        info.append(", Arwnd=").append(Bytes.u32BE(b, p + off + 8)).append(") ");
        return dups == 0 ? null : fails(off, total, 16 + 4 * gaps + 4 * dups);
    }

    /**
     * DATA, or I_DATA ({@code interleaved}, RFC 8260: a 20-byte header, fragments of a message
     * numbered by the FSN, the first fragment's FSN 0, messages told by stream and MID).
     */
    private String data(int off, int length, int total, int ha, long assoc, long frame, boolean interleaved) {
        int head = interleaved ? 20 : 16;
        if (length < head) {
            return null;
        }
        String m = fails(off, total, head);
        if (m != null) {
            return m;
        }
        int flags = b[p + off + 1] & 0xff;
        int tsn = u32(off, 4);
        int shown = tsn;
        boolean retransmission = false;
        if (ha >= 0) {
            if (!haStarted[ha]) {
                haStarted[ha] = true;
                haFirst[ha] = tsn;
            }
            shown = tsn - haFirst[ha];
            retransmission = seen(ha, tsn, frame);
        }
        info.append("(TSN=").append(shown & 0xffffffffL).append(") ");
        int payload = length - head;
        if (payload <= 0 || off + length > cap) {
            return null;
        }
        if (retransmission) {
            info.append("(retransmission) ");
            return null;
        }
        if ((flags & 3) == 3) {
            return null;
        }
        long message;
        int seq;
        if (interleaved) {
            message = 1L << 48 | (long) u16(off, 8) << 32 | (u32(off, 12) & 0xffffffffL);
            seq = (flags & 2) != 0 ? 0 : u32(off, 16);
        } else {
            message = (long) u16(off, 8) << 16 | u16(off, 10);
            seq = tsn;
        }
        if (!completes(assoc, message, flags, seq)) {
            info.append("(Message Fragment) ");
        }
        return null;
    }

    // ---- half associations ----

    private static int mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return (int) k;
    }

    private static long addr(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    /** The half association of this direction, made (and paired) when new; -1 when the table is full. */
    private int half(int sport, int dport, int vtag, byte[] b, int src, int dst, int addrLen) {
        int ports = sport << 16 | dport;
        int mask = HALF_SLOTS - 1;
        int slot = mix((long) ports << 32 | (vtag & 0xffffffffL)) & mask;
        while (byTag[slot] != 0) {
            int h = byTag[slot] - 1;
            if (haPorts[h] == ports && haVtag[h] == vtag) {
                return h;
            }
            slot = (slot + 1) & mask;
        }
        if (halves == MAX_HALVES) {
            return -1;
        }
        int h = halves++;
        byTag[slot] = h + 1;
        haPorts[h] = ports;
        haVtag[h] = vtag;
        int half = Math.min(addrLen, 8);
        haSrc0[h] = addr(b, src, half);
        haSrc1[h] = addr(b, src + half, addrLen - half);
        haDst0[h] = addr(b, dst, half);
        haDst1[h] = addr(b, dst + half, addrLen - half);
        haPeer[h] = -1;
        haStarted[h] = false;
        // the reverse direction: its ports swapped, its source our destination
        int rports = dport << 16 | sport;
        int rs = addrSlot(rports, haDst0[h], haDst1[h], haSrc0[h], haSrc1[h]);
        int other = byAddr[rs] - 1;
        if (other >= 0 && haPeer[other] < 0) {
            haPeer[other] = h;
            haPeer[h] = other;
        } else {
            byAddr[addrSlot(ports, haSrc0[h], haSrc1[h], haDst0[h], haDst1[h])] = h + 1;
        }
        return h;
    }

    /** The slot of key (ports, source, destination) in {@link #byAddr}: its entry's, or an empty one. */
    private int addrSlot(int ports, long s0, long s1, long d0, long d1) {
        int mask = HALF_SLOTS - 1;
        int slot = mix(((long) ports << 32) ^ s0 * 31 ^ s1 * 961 ^ d0 * 29791 ^ d1 * 923521) & mask;
        while (byAddr[slot] != 0) {
            int h = byAddr[slot] - 1;
            if (haPorts[h] == ports && haSrc0[h] == s0 && haSrc1[h] == s1 && haDst0[h] == d0 && haDst1[h] == d1) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Records the TSN; true when an earlier frame had it (a retransmission). */
    private boolean seen(int ha, int tsn, long frame) {
        long key = (long) (ha + 1) << 32 | (tsn & 0xffffffffL);
        int mask = TSN_SLOTS - 1;
        int slot = mix(key) & mask;
        while (tsnKey[slot] != 0) {
            if (tsnKey[slot] == key) {
                return tsnFrame[slot] != frame;
            }
            slot = (slot + 1) & mask;
        }
        if (tsns < MAX_TSNS) {
            tsns++;
            tsnKey[slot] = key;
            tsnFrame[slot] = frame;
        }
        return false;
    }

    // ---- reassembly ----

    /**
     * Adds fragment number {@code tsn} (the TSN, or I_DATA's FSN) of message {@code key} of the
     * association; true when it completes the message: a run of consecutive numbers from a first
     * fragment (B) to a last one (E). The
     * message's fragments are then dropped. The table is emptied when it fills.
     */
    private boolean completes(long assoc, long key, int flags, int tsn) {
        if (fragments >= MAX_FRAGMENTS) {
            java.util.Arrays.fill(frUsed, false);
            java.util.Arrays.fill(frTaken, false);
            fragments = 0;
        }
        int uflag = flags & 4;
        int keep = slot(assoc, key, uflag, tsn);
        if (!frTaken[keep]) {
            frTaken[keep] = true;
            fragments++;
        }
        frUsed[keep] = true;
        frAssoc[keep] = assoc;
        frStream[keep] = key;
        frTsn[keep] = tsn;
        frFlags[keep] = flags & 7;
        // walk down to a B and up to an E through consecutive TSNs
        int first = tsn;
        int f = keep;
        while ((frFlags[f] & 2) == 0) {
            f = find(assoc, key, uflag, first - 1);
            if (f < 0) {
                return false;
            }
            first--;
        }
        int last = tsn;
        f = keep;
        while ((frFlags[f] & 1) == 0) {
            f = find(assoc, key, uflag, last + 1);
            if (f < 0) {
                return false;
            }
            last++;
        }
        for (int t = first;; t++) {
            int i = find(assoc, key, uflag, t);
            if (i >= 0) {
                frUsed[i] = false;
            }
            if (t == last) {
                break;
            }
        }
        return true;
    }

    /** The slot holding this fragment, or the empty slot where it goes (slots stay taken once used). */
    private int slot(long assoc, long key, int uflag, int tsn) {
        int mask = FRAG_SLOTS - 1;
        int s = mix(assoc * 31 + key * 961 + (tsn & 0xffffffffL) * 29791 + uflag) & mask;
        while (frTaken[s]) {
            if (frTsn[s] == tsn && frAssoc[s] == assoc && frStream[s] == key && (frFlags[s] & 4) == uflag) {
                return s;
            }
            s = (s + 1) & mask;
        }
        return s;
    }

    private int find(long assoc, long key, int uflag, int tsn) {
        int s = slot(assoc, key, uflag, tsn);
        return frTaken[s] && frUsed[s] ? s : -1;
    }
}
