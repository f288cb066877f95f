package dev.capmill.format.pcap;

import static dev.capmill.format.pcap.PcapConstants.*;

import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import java.io.IOException;

/**
 * Finds, in a pcap file, a record boundary shortly before a time without reading what lies
 * before it: a binary search over file offsets that resynchronises on record headers, after the
 * idea of tcpslice ({@code search.c} of the-tcpdump-group/tcpslice: look for a header whose
 * lengths and time are plausible and which is followed by more plausible headers). The rules
 * here are capmill's own:
 *
 * <ul>
 * <li>A header is plausible when its fraction is below one second (10^6 µs or 10^9 ns), its
 *     captured length is at most the snapshot length (when set) and the link type's maximum and at
 *     most its original length, the original length is 1..128 MiB, and its time lies between the
 *     first record's time and the last record's time, each widened by {@link #SLACK_NANOS}.</li>
 * <li>A candidate is confirmed when the {@link #CHAIN} - 1 headers that its lengths lead to are
 *     plausible too, each no more than {@link #SLACK_NANOS} earlier and no more than a week later
 *     than the one before (tcpslice allows a week between headers), or when the chain ends exactly
 *     at the end of the file.</li>
 * <li>The search keeps a boundary {@code lo} whose record is earlier than the target (all records
 *     before it are then earlier too, if the file is in time order up to the caller's margin) and
 *     an upper offset {@code hi}; it probes the middle, takes the first confirmed header after it
 *     and moves {@code lo} or {@code hi} there. Within {@link #LINEAR} bytes it stops: the reader
 *     then reads headers forward from {@code lo}. A probe that finds nothing only lowers
 *     {@code hi}, so a file that does not look like the rules (times out of order, odd lengths)
 *     makes the search give up early and read more, never jump wrongly because of it.</li>
 * </ul>
 *
 * Probes use {@link Input#readAt} on a 64 KiB window of their own, so the reader's buffer and
 * position are untouched until the reader seeks to the answer. Nothing here throws for content.
 */
final class PcapSeek {
    /** Headers that must chain for a candidate to count (the candidate and three after it). */
    static final int CHAIN = 4;
    /** How early a record may be relative to the one before it, and to the file's first record. */
    static final long SLACK_NANOS = 1_000_000_000L;
    /** The longest plausible gap between two successive records: a week (as tcpslice). */
    static final long MAX_GAP_NANOS = 7L * 86_400 * 1_000_000_000L;
    /** Below this distance the search stops and the reader goes on linearly (default). */
    static final long LINEAR = 256 * 1024;
    static final int WINDOW = 64 * 1024;

    private final Input in;
    private final boolean bigEndian;
    private final int hl;
    private final boolean nanoseconds;
    private final boolean swapAlways;
    private final boolean swapIfBigger;
    private final long maxRecord;
    private final long size;
    private final long linear;
    private final byte[] win = new byte[WINDOW];
    private long winBase = -1;
    private int winLen;
    private long lower;
    private long upper;
    /** Outputs of {@link #header}: the lengths and time (epoch ns) of the last header looked at. */
    private long incl;
    private long time;

    PcapSeek(Input in, boolean bigEndian, int headerLength, boolean nanoseconds, boolean swapAlways,
            boolean swapIfBigger, long snaplen, long maxCaplen, long linear) {
        this.in = in;
        this.bigEndian = bigEndian;
        this.hl = headerLength;
        this.nanoseconds = nanoseconds;
        this.swapAlways = swapAlways;
        this.swapIfBigger = swapIfBigger;
        this.maxRecord = snaplen > 0 ? Math.min(snaplen, maxCaplen) : maxCaplen;
        this.size = in.size();
        this.linear = linear;
    }

    /**
     * A record boundary at or after {@code start} from which reading on finds every record at or
     * after {@code targetNanos} (given time order up to the caller's margin), or {@code start}
     * when the search finds nothing better. {@code dataStart} is the offset of the first record.
     */
    long find(long dataStart, long start, long targetNanos) throws IOException {
        if (size < 0 || size - start <= linear) {
            return start;
        }
        // The first record's time bounds the plausible times from below.
        lower = Long.MIN_VALUE;
        upper = Long.MAX_VALUE;
        int p = at(dataStart);
        if (p < 0 || !header(p)) {
            return start;
        }
        lower = time - SLACK_NANOS;
        long last = lastTime(Math.max(start, size - WINDOW));
        if (last != Long.MIN_VALUE) {
            upper = last + SLACK_NANOS;
        }
        long lo = start;
        long hi = size;
        while (hi - lo > linear) {
            long mid = lo + (hi - lo) / 2;
            if (mid <= lo) {
                break;
            }
            long c = resync(mid, Math.min(hi, mid + hl + maxRecord + 1));
            if (c < 0) {
                hi = mid;
            } else if (time < targetNanos) {
                lo = c;
            } else {
                hi = c;
            }
        }
        return lo;
    }

    /** The time of the last record, found from a confirmed header near the end, or Long.MIN_VALUE. */
    private long lastTime(long from) throws IOException {
        long c = resync(from, size);
        if (c < 0) {
            return Long.MIN_VALUE;
        }
        long max = Long.MIN_VALUE;
        long x = c;
        while (x + hl <= size) {
            int p = at(x);
            if (p < 0 || !header(p)) {
                break;
            }
            max = Math.max(max, time);
            x += hl + incl;
        }
        return max;
    }

    /** The first confirmed header at an offset in [from, limit), or -1; its time is left in {@link #time}. */
    private long resync(long from, long limit) throws IOException {
        for (long x = from; x < limit && x + hl <= size; x++) {
            int p = at(x);
            if (p < 0) {
                return -1;
            }
            if (header(p)) {
                long t = time;
                long n = incl;
                if (confirmed(x)) {
                    time = t;
                    incl = n;
                    return x;
                }
            }
        }
        return -1;
    }

    /** Whether the headers that the header at {@code x} leads to are plausible (it is itself). */
    private boolean confirmed(long x) throws IOException {
        long prev = time;
        long next = x + hl + incl;
        for (int k = 1; k < CHAIN; k++) {
            if (next == size) {
                return true;
            }
            int p = at(next);
            if (p < 0 || !header(p)) {
                return false;
            }
            if (time < prev - SLACK_NANOS || time - prev > MAX_GAP_NANOS) {
                return false;
            }
            prev = time;
            next += hl + incl;
        }
        return true;
    }

    /**
     * Reads the header at window index {@code p} into {@link #incl} and {@link #time}; whether it
     * is plausible.
     */
    private boolean header(int p) {
        boolean be = bigEndian;
        long frac = Bytes.u32(win, p + RH_TS_FRAC, be);
        if (frac >= (nanoseconds ? 1_000_000_000L : 1_000_000L)) {
            return false;
        }
        long cap = Bytes.u32(win, p + RH_INCL_LEN, be);
        long orig = Bytes.u32(win, p + RH_ORIG_LEN, be);
        if (swapAlways || (swapIfBigger && cap > orig)) {
            long t = cap;
            cap = orig;
            orig = t;
        }
        if (cap > maxRecord || cap > orig || orig == 0 || orig > HEURISTIC_MAX_ORIG_LEN) {
            return false;
        }
        long t = Bytes.u32(win, p + RH_TS_SEC, be) * 1_000_000_000L + (nanoseconds ? frac : frac * 1000);
        if (t < lower || t > upper) {
            return false;
        }
        incl = cap;
        time = t;
        return true;
    }

    /** Window index of the {@code hl} bytes at file offset {@code off}, reading them if needed; -1 past the end. */
    private int at(long off) throws IOException {
        if (off >= winBase && winBase >= 0 && off + hl <= winBase + winLen) {
            return (int) (off - winBase);
        }
        if (off + hl > size) {
            return -1;
        }
        winBase = off;
        winLen = in.readAt(off, win, 0, (int) Math.min(WINDOW, size - off));
        return winLen >= hl ? 0 : -1;
    }
}
