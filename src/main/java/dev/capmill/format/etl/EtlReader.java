package dev.capmill.format.etl;

import static dev.capmill.format.etl.EtlConstants.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Windows ETL files (see {@link dev.capmill.format.etl} and {@code formats/etl.md}). The
 * file is a chain of buffers; each buffer is read whole (decompressed when XPRESS-compressed),
 * its trace records are walked 8-byte aligned and recognised by their header type, and packet
 * events (NDIS-PacketCapture 1001, PktMon 160 and, on request, 170) become packets.
 *
 * <p>Sorting: one buffer holds the events of one CPU, in time order; the packets of a buffer form
 * a run that points into the buffer's own (decompressed) bytes, and the runs of at most {@link
 * #window} buffers are merged through a small heap ordered by (timestamp, file order). Events of
 * different CPUs so come out in time order with memory bounded by the buffers, not the file, and
 * without a copy or an object per packet (runs, their packets and their byte arrays are reused).
 *
 * <p>PktMon writes its component names (event 20) when it stops, after the packets. When the input
 * can be rewound (a file, bytes in memory), the buffer headers are walked (no decompression) and
 * only the first and the last buffers are decoded for names before the packets are read; see
 * {@link #collectComponentNames()}.
 */
public final class EtlReader implements CaptureReader {
    static final String ID = "etl";

    /** Largest buffer accepted (the ETW maximum is far below; 16 MiB buffers occur). */
    static final int MAX_BUFFER = 64 * 1024 * 1024;
    /** Bytes of packets held for sorting before the oldest are released regardless of the window. */
    static final long MAX_PENDING_BYTES = 256L * 1024 * 1024;

    private final Input in;
    private final ReadOptions options;
    private final boolean includeDrops;
    private final long size;
    private final SectionInfo section = new SectionInfo().setIndex(0);
    private final List<SectionInfo> sections = List.of(section);
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final Map<Long, Integer> interfaceByKey = new HashMap<>();
    private boolean lastKeyValid;
    private long lastKey;
    private int lastId;
    private final Map<Integer, String[]> components = new HashMap<>();

    // header event
    private boolean pointer64;
    private int logFileMode;
    private int compression;
    private long perfFreq;
    private long startTime;
    private long refClock;
    private int clockType;
    private int processors;
    private long loggerBufferSize;
    private String fileType = "ETL";
    private final int window;

    // buffer walk
    private long bufferOrdinal;
    private long bufferStart;
    private boolean endOfBuffers;
    private byte[] scratch = new byte[0];
    private int cpu;
    private boolean firstPass;
    private long componentEvents;
    private long buffersScannedForNames;

    // sorting: runs of packets, one per buffer, merged through a heap of at most window + 1 runs
    private Run filling;
    private Run[] heap = new Run[8];
    private int heapSize;
    private final ArrayDeque<Run> spareRuns = new ArrayDeque<>();
    /** The run whose last packet was handed out: its bytes stay valid until the next packet is asked for. */
    private Run retired;
    private long pendingBytes;
    private int pendingPackets;
    private int maxQueued;
    private long seq;

    // per-packet option values, built in place
    private final byte[] pidTid = new byte[8];
    private final Ascii comment = new Ascii();
    private long lastEmitted = Long.MIN_VALUE;
    private Pending current;
    private final Map<Long, Fragments> fragments = new HashMap<>();

    // counts
    private long records;
    private long events;
    private long packetEvents;
    private long dropsSkipped;
    private long skipped;
    private long outOfOrder;
    private long recordIndex;
    private int state;

    public EtlReader(Input in, ReadOptions options) throws IOException {
        this(in, options, options.includeDrops());
    }

    EtlReader(Input in, ReadOptions options, boolean includeDrops) throws IOException {
        this.in = in;
        this.options = options;
        this.includeDrops = includeDrops;
        if (in.offset() != 0) {
            throw new CaptureException.Unsupported(ID, in.offset(), -1, "input must be read from its start");
        }
        this.size = in.size();
        readHeaderBuffer();
        window = Math.max(4, Math.min(1024, 2 * Math.max(1, processors) + 2));
        boolean rewindable = in.seekable() || size >= 0;
        if (rewindable) {
            collectComponentNames();
        }
    }

    /** Offsets of the last buffers kept by the header walk of {@link #collectComponentNames()}. */
    static final int NAME_SCAN_RING = 4096;

    /**
     * Reads PktMon's component names (event 20) before the packets. They are written when the
     * trace stops, into the last buffers of the file (formats/etl.md, "Facts from the samples"):
     * the buffer headers are walked without decompressing anything, then buffers are decoded
     * backwards from the end until {@link #window} buffers in a row hold no component event (the
     * other CPUs' last buffers may follow the one holding them), plus the first {@link #window}
     * buffers. A name logged elsewhere is missed and its interface is named by component id, as
     * for an input that cannot be rewound. Damage is reported by the main pass, not here.
     */
    private void collectComponentNames() throws IOException {
        firstPass = true;
        try {
            long[] ring = new long[NAME_SCAN_RING];
            long count = 0;
            long off = 0;
            while (size < 0 || off + BUFFER_HEADER_LEN <= size) {
                in.seek(off);
                if (!in.ensure(BUFFER_HEADER_LEN)) {
                    break;
                }
                long bs = Bytes.u32LE(in.buffer(), in.pos() + BH_BUFFER_SIZE);
                if (bs < BUFFER_HEADER_LEN || bs > MAX_BUFFER || (size >= 0 && off + bs > size)) {
                    break;
                }
                if (count < window) {
                    scanBufferAt(off);
                }
                ring[(int) (count % ring.length)] = off;
                count++;
                off += bs;
            }
            long stop = Math.max(window, count - ring.length);
            int quiet = 0;
            for (long i = count - 1; i >= stop && quiet < window; i--) {
                long before = componentEvents;
                scanBufferAt(ring[(int) (i % ring.length)]);
                quiet = componentEvents > before ? 0 : quiet + 1;
            }
        } catch (CaptureException e) {
            // the main pass reports damage where it meets it
        }
        firstPass = false;
        endOfBuffers = false;
        bufferOrdinal = 0;
        skipped = 0;
        records = 0;
        events = 0;
        in.seek(0);
        bufferStart = 0;
    }

    private void scanBufferAt(long off) throws IOException {
        buffersScannedForNames++;
        in.seek(off);
        bufferStart = off;
        endOfBuffers = false;
        readBuffer();
    }

    // ------------------------------------------------------------------ header

    private void readHeaderBuffer() throws IOException {
        if (!in.ensure(BUFFER_HEADER_LEN + SYSTEM_HEADER_LEN)) {
            throw new CaptureException.Truncated(ID, 0, -1, "file too short for an ETL header buffer");
        }
        byte[] b = in.buffer();
        int p = in.pos();
        long bs = Bytes.u32LE(b, p + BH_BUFFER_SIZE);
        int flags = Bytes.u16LE(b, p + BH_FLAGS);
        if (bs < BUFFER_HEADER_LEN + SYSTEM_HEADER_LEN || bs > MAX_BUFFER) {
            throw new CaptureException.Corrupt(ID, 0, -1, "header buffer size " + bs + " is impossible");
        }
        if ((flags & BUFFER_FLAG_COMPRESSED) != 0) {
            throw new CaptureException.Corrupt(ID, 0, -1, "the header buffer is compressed");
        }
        int state = Bytes.i32LE(b, p + BH_STATE);
        int h = p + BUFFER_HEADER_LEN;
        int headerType = b[h + 2] & 0xFF;
        if ((b[h + 3] & 0xC0) != 0xC0 || (headerType != HT_SYSTEM32 && headerType != HT_SYSTEM64)
                || Bytes.u16LE(b, h + 6) != 0) {
            throw new CaptureException.Corrupt(ID, BUFFER_HEADER_LEN, -1, "the first record is not the header event");
        }
        pointer64 = headerType == HT_SYSTEM64;
        int recSize = Bytes.u16LE(b, h + 4);
        int lhLen = pointer64 ? LOGFILE_HEADER_LEN_64 : LOGFILE_HEADER_LEN_32;
        if (recSize < SYSTEM_HEADER_LEN + lhLen || BUFFER_HEADER_LEN + recSize > bs) {
            throw new CaptureException.Corrupt(ID, BUFFER_HEADER_LEN, -1, "header event of " + recSize + " bytes is too short");
        }
        if (!in.ensure(BUFFER_HEADER_LEN + recSize)) {
            throw new CaptureException.Truncated(ID, BUFFER_HEADER_LEN, -1, "header event cut short");
        }
        b = in.buffer();
        p = in.pos();
        h = p + BUFFER_HEADER_LEN;
        refClock = Bytes.i64LE(b, h + SH_SYSTEM_TIME);
        int l = h + SYSTEM_HEADER_LEN;
        int shift = pointer64 ? 0 : X86_SHIFT;
        int major = b[l + LH_VERSION] & 0xFF;
        int minor = b[l + LH_VERSION + 1] & 0xFF;
        int sub = b[l + LH_VERSION + 2] & 0xFF;
        int subMinor = b[l + LH_VERSION + 3] & 0xFF;
        long build = Bytes.u32LE(b, l + LH_PROVIDER_VERSION);
        processors = (int) Math.min(4096, Bytes.u32LE(b, l + LH_PROCESSORS));
        loggerBufferSize = Bytes.u32LE(b, l + LH_BUFFER_SIZE);
        logFileMode = Bytes.i32LE(b, l + LH_LOG_FILE_MODE);
        long cpuMhz = Bytes.u32LE(b, l + LH_CPU_MHZ);
        perfFreq = Bytes.i64LE(b, l + LH_PERF_FREQ_64 - shift);
        startTime = Bytes.i64LE(b, l + LH_START_TIME_64 - shift);
        clockType = Bytes.i32LE(b, l + LH_CLOCK_TYPE_64 - shift);
        switch (clockType) {
            case CLOCK_QPC:
                break;
            case CLOCK_SYSTEM_TIME:
                perfFreq = 10_000_000L;
                break;
            case CLOCK_CPU_CYCLE:
                perfFreq = cpuMhz * 1_000_000L;
                break;
            default:
                // older files leave it 0: QPC is the default clock (WNODE_HEADER ClientContext 0 = QPC)
                clockType = CLOCK_QPC;
                break;
        }
        if (perfFreq <= 0) {
            throw new CaptureException.Corrupt(ID, BUFFER_HEADER_LEN, -1, "clock frequency " + perfFreq + " is impossible");
        }
        compression = (logFileMode & MODE_COMPRESSED) != 0 ? state & 0xFFFF : 0;
        fileType = "ETL " + sub + "." + subMinor + " (Windows " + major + "." + minor + " build " + build + ", "
                + (pointer64 ? "64" : "32") + "-bit"
                + ((logFileMode & MODE_COMPRESSED) != 0 ? ", compressed " + compressionName(compression) : "")
                + ((logFileMode & MODE_CIRCULAR) != 0 ? ", circular" : "")
                + ((logFileMode & MODE_RELOG) != 0 ? ", relogged" : "") + ")";
        section.options().addString(SectionInfo.OPT_OS, "Windows " + major + "." + minor + " build " + build);
    }

    private static String compressionName(int c) {
        switch (c) {
            case COMPRESSION_LZNT1:
                return "LZNT1";
            case COMPRESSION_XPRESS:
                return "XPRESS";
            case COMPRESSION_XPRESS_HUFF:
                return "XPRESS Huffman";
            default:
                return "format " + c;
        }
    }

    /** FILETIME (100 ns since 1601) of a raw clock value. */
    long filetime(long raw) {
        long d = raw - refClock;
        long q = Math.floorDiv(d, perfFreq);
        long r = Math.floorMod(d, perfFreq);
        return startTime + q * 10_000_000L + mulDiv(r, perfFreq);
    }

    /** (r × 10^7) / f for 0 <= r < f, without overflow. */
    private static long mulDiv(long r, long f) {
        if (r < Long.MAX_VALUE / 10_000_000L) {
            return r * 10_000_000L / f;
        }
        return java.math.BigInteger.valueOf(r).multiply(java.math.BigInteger.valueOf(10_000_000L))
                .divide(java.math.BigInteger.valueOf(f)).longValueExact();
    }

    // ------------------------------------------------------------------ buffers

    private void damaged(CaptureException e) throws CaptureException {
        if (firstPass) {
            return;
        }
        if (!options.lenient()) {
            throw e;
        }
        skipped++;
        options.diagnostics().warn("etl: skipped: " + e.getMessage());
    }

    /** Reads the next buffer and its records; false at the end of the buffers. */
    private boolean readBuffer() throws IOException {
        if (endOfBuffers) {
            return false;
        }
        long off = bufferStart;
        // with a known size, never ask the input for bytes past its end (an in-memory input stays rewindable)
        if (size >= 0 && off >= size) {
            endOfBuffers = true;
            return false;
        }
        if ((size >= 0 && off + BUFFER_HEADER_LEN > size) || !in.ensure(BUFFER_HEADER_LEN)) {
            endOfBuffers = true;
            long n = size >= 0 ? size - off : in.available();
            if (n > 0) {
                if (firstPass) {
                    return false;
                }
                throw new CaptureException.Truncated(ID, off, recordIndex, "buffer header cut short (" + n + " of "
                        + BUFFER_HEADER_LEN + " bytes)");
            }
            return false;
        }
        byte[] b = in.buffer();
        int p = in.pos();
        long bs = Bytes.u32LE(b, p + BH_BUFFER_SIZE);
        long saved = Bytes.u32LE(b, p + BH_SAVED_OFFSET);
        long filled = Bytes.u32LE(b, p + BH_OFFSET);
        int flags = Bytes.u16LE(b, p + BH_FLAGS);
        cpu = Bytes.u16LE(b, p + BH_PROCESSOR);
        boolean compressed = (flags & BUFFER_FLAG_COMPRESSED) != 0;
        if (bs == 0xFFFFFFFFL) {
            endOfBuffers = true;
            return false;
        }
        if (bs < BUFFER_HEADER_LEN) {
            endOfBuffers = true;
            if (!firstPass) {
                throw new CaptureException.Corrupt(ID, off, recordIndex, "buffer size " + bs + " is smaller than a buffer header");
            }
            return false;
        }
        if (bs > MAX_BUFFER) {
            endOfBuffers = true;
            if (!firstPass) {
                throw new CaptureException.LimitExceeded(ID, off, recordIndex, "buffer size " + bs + " is over the limit of "
                        + MAX_BUFFER + " bytes");
            }
            return false;
        }
        if (size >= 0 && off + bs > size) {
            endOfBuffers = true;
            if (!firstPass) {
                throw new CaptureException.Truncated(ID, off, recordIndex, "buffer of " + bs + " bytes runs past the end of the file ("
                        + size + " bytes)");
            }
            return false;
        }
        long end = filled;
        if (end < BUFFER_HEADER_LEN || (!compressed && end > bs)) {
            end = saved;
        }
        if (end < BUFFER_HEADER_LEN || end > MAX_BUFFER || (!compressed && end > bs)) {
            endOfBuffers = true;
            if (!firstPass) {
                throw new CaptureException.Corrupt(ID, off, recordIndex, "buffer fill offset " + filled + " is impossible for a "
                        + bs + "-byte buffer");
            }
            return false;
        }
        if (compressed && loggerBufferSize >= BUFFER_HEADER_LEN && end > loggerBufferSize) {
            // a compressed buffer holds at most one logger buffer: refuse before allocating for it
            damaged(new CaptureException.Corrupt(ID, off, recordIndex, "compressed buffer declares " + end
                    + " bytes, more than the logger's buffer size of " + loggerBufferSize));
            in.skip(bs);
            bufferStart = off + bs;
            bufferOrdinal++;
            return true;
        }
        int need = compressed ? (int) bs : (int) end;
        if (!in.ensure(need)) {
            endOfBuffers = true;
            if (!firstPass) {
                throw new CaptureException.Truncated(ID, off, recordIndex, "buffer cut short");
            }
            return false;
        }
        b = in.buffer();
        p = in.pos();
        int payloadLen = (int) end - BUFFER_HEADER_LEN;
        long ordinal = bufferOrdinal++;
        boolean ok = true;
        if (compressed && compression != COMPRESSION_XPRESS && compression != 0) {
            endOfBuffers = true;
            throw new CaptureException.Unsupported(ID, off, recordIndex, compressionName(compression)
                    + " compressed buffers are not supported (only XPRESS, as pktmon and ETW write by default)");
        }
        // the payload goes to bytes this reader owns: packets point into them until they are written
        Run run = null;
        byte[] target;
        if (firstPass) {
            if (scratch.length < payloadLen) {
                scratch = new byte[Math.max(payloadLen, Math.min(MAX_BUFFER, scratch.length * 2))];
            }
            target = scratch;
        } else {
            run = takeRun(payloadLen);
            target = run.data;
        }
        if (compressed) {
            try {
                int n = XpressLz77.decompress(b, p + BUFFER_HEADER_LEN, (int) bs - BUFFER_HEADER_LEN, target, 0, payloadLen);
                if (n != payloadLen) {
                    throw new XpressLz77.Malformed("decompressed to " + n + " bytes instead of " + payloadLen);
                }
            } catch (XpressLz77.Malformed e) {
                ok = false;
                damaged(new CaptureException.Corrupt(ID, off, recordIndex, "compressed buffer: " + e.getMessage()));
            }
        } else {
            System.arraycopy(b, p + BUFFER_HEADER_LEN, target, 0, payloadLen);
        }
        filling = run;
        try {
            if (ok) {
                walkRecords(target, 0, payloadLen, off, ordinal);
            }
        } finally {
            filling = null;
            if (run != null) {
                queueRun(run);
            }
        }
        in.skip(bs);
        bufferStart = off + bs;
        if (in.offset() != bufferStart) {
            endOfBuffers = true; // the input ended inside the buffer's unused space
        }
        return true;
    }

    /** Walks the trace records of one buffer's payload {@code b[base, base+len)}. */
    private void walkRecords(byte[] b, int base, int len, long bufferOffset, long ordinal) throws IOException {
        int pos = 0;
        while (len - pos >= 4) {
            int at = base + pos;
            int w = Bytes.i32LE(b, at);
            if (w == -1 || w == 0) {
                return;
            }
            int ht = b[at + 2] & 0xFF;
            int top = b[at + 3] & 0xFF;
            int size;
            int hdr;
            boolean eventHeader = false;
            if ((top & 0xC0) == 0xC0) {
                switch (ht) {
                    case HT_SYSTEM32:
                    case HT_SYSTEM64:
                        hdr = 0x20;
                        size = Bytes.u16LE(b, at + 4);
                        break;
                    case HT_COMPACT32:
                    case HT_COMPACT64:
                        hdr = 0x18;
                        size = Bytes.u16LE(b, at + 4);
                        break;
                    case HT_PERFINFO32:
                    case HT_PERFINFO64:
                        hdr = 0x10;
                        size = Bytes.u16LE(b, at + 4);
                        break;
                    case HT_EVENT32:
                    case HT_EVENT64:
                        hdr = EVENT_HEADER_LEN;
                        size = Bytes.u16LE(b, at);
                        eventHeader = true;
                        break;
                    case HT_FULL32:
                    case HT_FULL64:
                        hdr = 0x30;
                        size = Bytes.u16LE(b, at);
                        break;
                    case HT_INSTANCE32:
                    case HT_INSTANCE64:
                        hdr = 0x48;
                        size = Bytes.u16LE(b, at);
                        break;
                    case HT_TIMED:
                    case HT_ERROR:
                    case HT_WNODE:
                        hdr = 8;
                        size = Bytes.u16LE(b, at);
                        break;
                    default:
                        damaged(new CaptureException.Corrupt(ID, bufferOffset, recordIndex, "unknown trace header type 0x"
                                + Integer.toHexString(ht) + " at payload offset 0x" + Integer.toHexString(pos)));
                        return;
                }
            } else if ((top & 0xD0) == 0x90) {
                hdr = 8; // MESSAGE_TRACE_HEADER (WPP)
                size = Bytes.u16LE(b, at);
            } else {
                damaged(new CaptureException.Corrupt(ID, bufferOffset, recordIndex, "unknown trace record marker 0x"
                        + Integer.toHexString(w) + " at payload offset 0x" + Integer.toHexString(pos)));
                return;
            }
            if (size < hdr || size > len - pos) {
                damaged(new CaptureException.Corrupt(ID, bufferOffset, recordIndex, "trace record of " + size
                        + " bytes at payload offset 0x" + Integer.toHexString(pos) + " does not fit its header or buffer"));
                return;
            }
            records++;
            if (eventHeader) {
                events++;
                event(b, at, size, ordinal);
            }
            pos += (size + 7) & ~7;
        }
    }

    // ------------------------------------------------------------------ events

    private void event(byte[] b, int at, int size, long ordinal) throws IOException {
        long lo = Bytes.i64LE(b, at + EH_PROVIDER);
        long hi = Bytes.i64LE(b, at + EH_PROVIDER + 8);
        boolean ndis = lo == NDIS_GUID_LO && hi == NDIS_GUID_HI;
        boolean pktmon = lo == PKTMON_GUID_LO && hi == PKTMON_GUID_HI;
        if (!ndis && !pktmon) {
            return;
        }
        int id = Bytes.u16LE(b, at + EH_EVENT_ID);
        int ud = EVENT_HEADER_LEN;
        if ((Bytes.u16LE(b, at + EH_FLAGS) & EH_FLAG_EXTENDED_INFO) != 0) {
            // extended data items: u16 item size (incl. 8-byte item header), u16 type, u16 linkage, u16 data size
            while (true) {
                if (size - ud < 8) {
                    damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "extended data runs past its event"));
                    return;
                }
                int itemSize = Bytes.u16LE(b, at + ud);
                int linkage = Bytes.u16LE(b, at + ud + 4);
                int dataSize = Bytes.u16LE(b, at + ud + 6);
                int step = itemSize != 0 ? itemSize : (8 + dataSize + 7) & ~7;
                if (step < 8 || step > size - ud) {
                    damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "extended data item runs past its event"));
                    return;
                }
                ud += step;
                if ((linkage & 1) == 0) {
                    break;
                }
            }
        }
        int u = at + ud;
        int ulen = size - ud;
        if (firstPass) {
            if (pktmon && id == PKTMON_COMPONENT) {
                componentEvents++;
                component(b, u, ulen);
            }
            return;
        }
        if (ndis && id == NDIS_PACKET_FRAGMENT) {
            ndisFragment(b, at, u, ulen, ordinal);
        } else if (pktmon && (id == PKTMON_PACKET || id == PKTMON_DROP)) {
            pktmonPacket(b, at, u, ulen, id == PKTMON_DROP, ordinal);
        } else if (pktmon && id == PKTMON_COMPONENT && !components.containsKey(Bytes.u16LE(b, u))) {
            component(b, u, ulen);
        }
    }

    /** PktMon event 20: u16 Id, u16 Type, wstr Name, wstr Description. */
    private void component(byte[] b, int u, int ulen) {
        if (ulen < 4) {
            return;
        }
        int id = Bytes.u16LE(b, u);
        int[] cut = new int[1];
        String name = wstr(b, u + 4, u + ulen, cut);
        String desc = wstr(b, cut[0], u + ulen, cut);
        components.put(id, new String[] {name, desc});
    }

    /** A UTF-16LE string up to a NUL or {@code end}; {@code next[0]} is set after the NUL. */
    private static String wstr(byte[] b, int from, int end, int[] next) {
        int q = from;
        while (q + 1 < end && (b[q] != 0 || b[q + 1] != 0)) {
            q += 2;
        }
        next[0] = Math.min(end, q + 2);
        return new String(b, from, Math.max(0, q - from), StandardCharsets.UTF_16LE);
    }

    private void pktmonPacket(byte[] b, int at, int u, int ulen, boolean drop, long ordinal) throws IOException {
        if (ulen < PKTMON_PAYLOAD) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "PktMon packet event too short"));
            return;
        }
        int logged = Bytes.u16LE(b, u + 32);
        if (logged > ulen - PKTMON_PAYLOAD) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "PktMon payload of " + logged
                    + " bytes runs past its event"));
            return;
        }
        packetEvents++;
        if (drop && !includeDrops) {
            dropsSkipped++;
            return;
        }
        int type = Bytes.u16LE(b, u + 14);
        int lt;
        switch (type) {
            case 1:
                lt = LinkType.ETHERNET;
                break;
            case 2:
                lt = 105; // IEEE 802.11
                break;
            case 3:
                lt = 101; // raw IP
                break;
            default:
                skipped++;
                options.diagnostics().warn("etl: PktMon packets of packet type " + type + " skipped (no link type)");
                return;
        }
        long groupId = Bytes.i64LE(b, u);
        int pktNumber = Bytes.u16LE(b, u + 8);
        int appearance = Bytes.u16LE(b, u + 10);
        int dir = Bytes.u16LE(b, u + 12);
        int comp = Bytes.u16LE(b, u + 16);
        int edge = Bytes.u16LE(b, u + 18);
        int filter = Bytes.u16LE(b, u + 20);
        long dropReason = Bytes.u32LE(b, u + 22);
        long dropLocation = Bytes.u32LE(b, u + 26);
        int origSize = Bytes.u16LE(b, u + 30);
        Pending pk = filling.add(filetime(Bytes.i64LE(b, at + EH_TIMESTAMP)), seq++);
        pk.pktmon = true;
        pk.linkType = lt;
        pk.key = 1L << 48 | (long) comp << 16 | lt;
        pk.component = comp;
        pk.data = b;
        pk.off = u + PKTMON_PAYLOAD;
        pk.len = logged;
        pk.orig = Math.max(origSize, logged);
        pk.direction = dir == DIR_RX || dir == 1 || dir == 5 ? 1 : dir == DIR_TX || dir == 2 || dir == 6 ? 2 : 0;
        pk.packetId = groupId;
        pk.pid = Bytes.u32LE(b, at + EH_PID);
        pk.tid = Bytes.u32LE(b, at + EH_TID);
        pk.cpu = cpu;
        pk.pktNumber = pktNumber;
        pk.appearance = appearance;
        pk.dirCode = dir;
        pk.packetType = type;
        pk.edge = edge;
        pk.filter = filter;
        pk.drop = drop;
        pk.dropReason = dropReason;
        pk.dropLocation = dropLocation;
        filling.accepted(pk);
    }

    private static final byte[] C_PID = ascii("PID=");
    private static final byte[] C_TID = ascii(" TID=");
    private static final byte[] C_CPU = ascii(" CPU=");
    private static final byte[] C_GROUP = ascii(" PktGroupId=");
    private static final byte[] C_NUMBER = ascii(" PktNumber=");
    private static final byte[] C_APPEARANCE = ascii(" Appearance=");
    private static final byte[] C_DIRECTION = ascii(" Direction=");
    private static final byte[] C_TYPE = ascii(" PacketType=");
    private static final byte[] C_COMPONENT = ascii(" Component=");
    private static final byte[] C_EDGE = ascii(" Edge=");
    private static final byte[] C_FILTER = ascii(" Filter=");
    private static final byte[] C_REASON = ascii(" DropReason=");
    private static final byte[] C_LOCATION = ascii(" DropLocation=0x");
    private static final byte[][] DIRECTIONS = {null, ascii("In"), ascii("Out"), ascii("Rx"), ascii("Tx"),
        ascii("Ingress"), ascii("Egress")};

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The comment etl2pcapng's spirit asks for: where the event came from, in {@code key=value} words. */
    private static void comment(Pending pk, Ascii c) {
        c.clear();
        c.append(C_PID).append(pk.pid).append(C_TID).append(pk.tid).append(C_CPU).append(pk.cpu);
        if (!pk.pktmon) {
            return;
        }
        c.append(C_GROUP).append(pk.packetId).append(C_NUMBER).append(pk.pktNumber)
                .append(C_APPEARANCE).append(pk.appearance).append(C_DIRECTION);
        int d = pk.dirCode;
        if (d > 0 && d < DIRECTIONS.length) {
            c.append(DIRECTIONS[d]);
        } else {
            c.append(ascii("None(")).append(d).append(ascii(")"));
        }
        c.append(C_TYPE).append(pk.packetType).append(C_COMPONENT).append(pk.component)
                .append(C_EDGE).append(pk.edge).append(C_FILTER).append(pk.filter);
        if (pk.drop) {
            c.append(C_REASON).append(pk.dropReason).append(C_LOCATION).appendHex(pk.dropLocation);
        }
    }

    /** Reassembly state of one (CPU, LowerIfIndex) of NDIS fragments. */
    private static final class Fragments {
        byte[] data = new byte[256];
        int len;
    }

    private void ndisFragment(byte[] b, int at, int u, int ulen, long ordinal) throws IOException {
        if (ulen < 12) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "NDIS packet event too short"));
            return;
        }
        long miniport = Bytes.u32LE(b, u);
        long lower = Bytes.u32LE(b, u + 4);
        long fragSize = Bytes.u32LE(b, u + 8);
        if (fragSize > ulen - 12) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "NDIS fragment of " + fragSize
                    + " bytes runs past its event"));
            return;
        }
        packetEvents++;
        long kw = Bytes.i64LE(b, at + EH_KEYWORD);
        boolean start = (kw & KW_PACKET_START) != 0;
        boolean endFlag = (kw & KW_PACKET_END) != 0;
        int frag = (int) fragSize;
        int from = u + 12;
        byte[] data;
        int dataOff;
        int len;
        long fkey = (long) cpu << 32 | lower;
        if (start && endFlag) {
            data = b; // the run's own bytes
            dataOff = from;
            len = frag;
            if (!fragments.isEmpty()) {
                fragments.remove(fkey);
            }
        } else {
            Fragments f = fragments.get(fkey);
            if (start || f == null) {
                if (f == null) {
                    f = new Fragments();
                    fragments.put(fkey, f);
                } else {
                    skipped++;
                    options.diagnostics().warn("etl: NDIS packet without its end fragment dropped");
                }
                f.len = 0;
            }
            if (f.len + frag > MAX_NDIS_PACKET) {
                fragments.remove(fkey);
                skipped++;
                options.diagnostics().warn("etl: NDIS packet over " + MAX_NDIS_PACKET + " bytes dropped");
                return;
            }
            if (f.data.length < f.len + frag) {
                f.data = java.util.Arrays.copyOf(f.data, Math.max(f.len + frag, f.data.length * 2));
            }
            System.arraycopy(b, from, f.data, f.len, frag);
            f.len += frag;
            if (!endFlag) {
                return;
            }
            fragments.remove(fkey);
            data = java.util.Arrays.copyOf(f.data, f.len); // a reassembled packet has bytes of its own
            dataOff = 0;
            len = f.len;
        }
        int lt = (kw & KW_NATIVE_802_11) != 0 ? 105 : (kw & KW_WIRELESS_WAN) != 0 ? 101 : LinkType.ETHERNET;
        if (lt == 105 && len > 1 && (data[dataOff + 1] & 0x40) != 0) {
            data[dataOff + 1] &= (byte) 0xBF; // ndiscap logs decrypted frames: clear the Protected bit (as etl2pcapng)
        }
        Pending pk = filling.add(filetime(Bytes.i64LE(b, at + EH_TIMESTAMP)), seq++);
        pk.pktmon = false;
        pk.linkType = lt;
        pk.key = 2L << 48 | (lower & 0xFFFFFFFFL) << 16 | lt;
        pk.lower = lower;
        pk.miniport = miniport;
        pk.data = data;
        pk.off = dataOff;
        pk.len = len;
        pk.orig = inferOriginal(lt, data, dataOff, len);
        pk.direction = (kw & KW_SEND_PATH) != 0 ? 2 : 1;
        pk.pid = Bytes.u32LE(b, at + EH_PID);
        pk.tid = Bytes.u32LE(b, at + EH_TID);
        pk.cpu = cpu;
        pk.packetId = 0;
        pk.drop = false;
        filling.accepted(pk);
    }

    /**
     * ndiscap records no original length; a truncated capture ({@code packettruncatebytes}) is
     * recognised from the IP header's length, as etl2pcapng does, but without its error of adding
     * an Ethernet header to raw-IP packets.
     */
    static long inferOriginal(int lt, byte[] d, int off, int len) {
        long inferred = 0;
        int ip = -1;
        if (lt == LinkType.ETHERNET && len >= 14) {
            int et = Bytes.u16BE(d, off + 12);
            if (et == 0x0800 || et == 0x86DD) {
                ip = 14;
            }
        } else if (lt == 101) {
            ip = 0;
        }
        if (ip >= 0 && len >= ip + 8) {
            int v = (d[off + ip] & 0xF0) >>> 4;
            if (v == 4) {
                inferred = ip + Bytes.u16BE(d, off + ip + 2);
            } else if (v == 6) {
                inferred = ip + 40 + Bytes.u16BE(d, off + ip + 4);
            }
        }
        return Math.max(len, inferred);
    }

    // ------------------------------------------------------------------ sorting window

    /** A packet waiting for its turn: reused, it belongs to the run of the buffer it came from. */
    static final class Pending {
        long filetime;
        long seq;
        boolean pktmon;
        long key;
        int linkType;
        int component;
        long lower;
        long miniport;
        byte[] data;
        int off;
        int len;
        long orig;
        int direction;
        long packetId;
        long pid;
        long tid;
        int cpu;
        int pktNumber;
        int appearance;
        int dirCode;
        int packetType;
        int edge;
        int filter;
        boolean drop;
        long dropReason;
        long dropLocation;

        static boolean before(Pending a, Pending b) {
            return a.filetime < b.filetime || (a.filetime == b.filetime && a.seq < b.seq);
        }
    }

    /** The packets of one buffer, in time order, and the buffer's payload bytes they point into. */
    static final class Run {
        byte[] data = new byte[0];
        int size;
        Pending[] items = new Pending[8];
        int count;
        int next;
        boolean sorted;

        /** The next Pending to fill; it counts only once {@link #accepted} is called. */
        Pending add(long filetime, long seq) {
            if (count == items.length) {
                items = java.util.Arrays.copyOf(items, count * 2);
            }
            Pending p = items[count];
            if (p == null) {
                p = new Pending();
                items[count] = p;
            }
            p.filetime = filetime;
            p.seq = seq;
            return p;
        }

        void accepted(Pending p) {
            if (count > 0 && p.filetime < items[count - 1].filetime) {
                sorted = false;
            }
            count++;
        }

        Pending head() {
            return items[next];
        }

        /** Insertion sort by (time, file order): a buffer's events are nearly always in order already. */
        void sort() {
            for (int i = 1; i < count; i++) {
                Pending x = items[i];
                int j = i - 1;
                while (j >= 0 && Pending.before(x, items[j])) {
                    items[j + 1] = items[j];
                    j--;
                }
                items[j + 1] = x;
            }
            sorted = true;
        }
    }

    private Run takeRun(int bytes) {
        Run r = spareRuns.poll();
        if (r == null) {
            r = new Run();
        }
        if (r.data.length < bytes) {
            r.data = new byte[Math.max(bytes, Math.min(MAX_BUFFER, r.data.length * 2))];
        }
        r.size = bytes;
        r.count = 0;
        r.next = 0;
        r.sorted = true;
        return r;
    }

    /** A walked buffer's run joins the merge, or goes back to the spares when it holds no packet. */
    private void queueRun(Run r) {
        if (r.count == 0) {
            spareRuns.push(r);
            return;
        }
        if (!r.sorted) {
            r.sort();
        }
        pendingBytes += r.size;
        pendingPackets += r.count;
        maxQueued = Math.max(maxQueued, pendingPackets);
        if (heapSize == heap.length) {
            heap = java.util.Arrays.copyOf(heap, heapSize * 2);
        }
        int i = heapSize++;
        heap[i] = r;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!Pending.before(r.head(), heap[parent].head())) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = r;
    }

    private void siftDown() {
        Run r = heap[0];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= heapSize) {
                break;
            }
            if (c + 1 < heapSize && Pending.before(heap[c + 1].head(), heap[c].head())) {
                c++;
            }
            if (!Pending.before(heap[c].head(), r.head())) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = r;
    }

    /** The next packet in time order, reading buffers until the window allows one out; null at the end. */
    private Pending poll() throws IOException {
        if (retired != null) {
            spareRuns.push(retired); // the packet handed out before this call no longer needs its bytes
            retired = null;
        }
        while (!endOfBuffers && heapSize <= window && pendingBytes <= MAX_PENDING_BYTES) {
            if (!readBuffer()) {
                break;
            }
        }
        if (heapSize == 0) {
            return null;
        }
        Run r = heap[0];
        Pending pk = r.items[r.next++];
        pendingPackets--;
        if (r.next == r.count) {
            pendingBytes -= r.size;
            heap[0] = heap[--heapSize];
            heap[heapSize] = null;
            retired = r;
        }
        if (heapSize > 0) {
            siftDown();
        }
        if (pk.filetime < lastEmitted) {
            outOfOrder++;
        } else {
            lastEmitted = pk.filetime;
        }
        return pk;
    }

    /** ASCII text built in a reused array (the packet comments). */
    static final class Ascii {
        byte[] b = new byte[160];
        int n;

        void clear() {
            n = 0;
        }

        private void room(int k) {
            if (n + k > b.length) {
                b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + k));
            }
        }

        Ascii append(byte[] s) {
            room(s.length);
            System.arraycopy(s, 0, b, n, s.length);
            n += s.length;
            return this;
        }

        private static final long[] POW10 = new long[19];
        private static final byte[] TENS = new byte[100];
        private static final byte[] ONES = new byte[100];

        static {
            long p = 1;
            for (int i = 0; i < POW10.length; i++) {
                POW10[i] = p;
                p *= 10;
            }
            for (int i = 0; i < 100; i++) {
                TENS[i] = (byte) ('0' + i / 10);
                ONES[i] = (byte) ('0' + i % 10);
            }
        }

        /** Decimal, two digits per division. */
        Ascii append(long v) {
            room(20);
            if (v < 0) {
                if (v == Long.MIN_VALUE) {
                    return append(ascii("-9223372036854775808"));
                }
                b[n++] = '-';
                v = -v;
            }
            int digits = 1;
            while (digits < POW10.length && v >= POW10[digits]) {
                digits++;
            }
            int q = n + digits;
            while (v >= 100) {
                int r = (int) (v % 100);
                v /= 100;
                b[--q] = ONES[r];
                b[--q] = TENS[r];
            }
            if (v >= 10) {
                b[--q] = ONES[(int) v];
                b[--q] = TENS[(int) v];
            } else {
                b[--q] = (byte) ('0' + v);
            }
            n += digits;
            return this;
        }

        Ascii appendHex(long v) {
            room(16);
            int start = n;
            do {
                b[n++] = (byte) Character.forDigit((int) (v & 15), 16);
                v >>>= 4;
            } while (v != 0);
            reverse(start);
            return this;
        }

        private void reverse(int from) {
            for (int i = from, j = n - 1; i < j; i++, j--) {
                byte t = b[i];
                b[i] = b[j];
                b[j] = t;
            }
        }
    }

    // ------------------------------------------------------------------ reader

    @Override
    public boolean next(PacketRecord r) throws IOException {
        if (state == 0) {
            state = 1;
            r.reset(PacketRecord.Kind.SECTION).setSectionIndex(0).setPosition(recordIndex++, 0);
            return true;
        }
        if (state == 2) {
            return false;
        }
        if (current == null) {
            current = poll();
            if (current == null) {
                finish();
                state = 2;
                return false;
            }
        }
        Pending pk = current;
        int id;
        if (lastKeyValid && pk.key == lastKey) {
            // most packets follow one on the same interface: skip the boxed map lookup
            id = lastId;
        } else {
            Integer known = interfaceByKey.get(pk.key);
            if (known == null) {
                id = declare(pk);
                r.reset(PacketRecord.Kind.INTERFACE).setInterfaceId(id).setPosition(recordIndex++, bufferStart);
                return true;
            }
            id = known;
            lastKey = pk.key;
            lastId = id;
            lastKeyValid = true;
        }
        current = null;
        r.reset(PacketRecord.Kind.PACKET).setInterfaceId(id);
        r.setData(pk.data, pk.off, pk.len).setOriginalLength(pk.orig);
        long unix100 = pk.filetime - FILETIME_UNIX_EPOCH;
        r.setTime(Math.floorDiv(unix100, 10_000_000L), Math.floorMod(unix100, 10_000_000L) * 100L);
        r.setRawTicks(unix100);
        Options o = r.options();
        if (pk.direction != 0) {
            o.addU32(EPB_FLAGS, pk.direction);
        }
        if (pk.packetId != 0) {
            o.addU64(EPB_PACKETID, pk.packetId);
        }
        if (pk.pid != 0) {
            Bytes.putI32LE(pidTid, 0, (int) pk.pid);
            Bytes.putI32LE(pidTid, 4, (int) pk.tid);
            o.add(EPB_PID_TID, pidTid, 0, 8);
        }
        comment(pk, comment);
        o.add(Options.COMMENT, comment.b, 0, comment.n);
        r.setPosition(recordIndex++, bufferStart);
        return true;
    }

    private int declare(Pending pk) {
        InterfaceInfo f = new InterfaceInfo().setLinkType(pk.linkType).setSnapLength(0).setTsResolution(7)
                .setSectionIndex(0).setSource(in.name());
        if ((pk.key >>> 48) == 1) {
            String[] c = components.get(pk.component);
            String name = c != null && !c[0].isEmpty() ? c[0] : "component " + pk.component;
            f.options().addString(InterfaceInfo.OPT_NAME, "pktmon:" + pk.component + ":" + name);
            f.options().addString(InterfaceInfo.OPT_DESCRIPTION, "PktMon component " + pk.component
                    + (c != null ? ": " + c[0] + (c[1].isEmpty() ? "" : " (" + c[1] + ")") : ""));
        } else {
            String prefix = pk.linkType == 105 ? "wifi" : pk.linkType == 101 ? "mbb" : "eth";
            f.options().addString(InterfaceInfo.OPT_NAME, prefix + ":" + pk.lower);
            if (pk.lower != pk.miniport) {
                f.options().addString(InterfaceInfo.OPT_DESCRIPTION, "LWF over IfIndex " + pk.miniport);
            }
        }
        interfaces.add(f);
        int id = interfaces.size() - 1;
        interfaceByKey.put(pk.key, id);
        return id;
    }

    private void finish() {
        if (!fragments.isEmpty()) {
            skipped += fragments.size();
            options.diagnostics().warn("etl: " + fragments.size() + " NDIS packet(s) without their end fragment dropped");
            fragments.clear();
        }
        if (outOfOrder > 0) {
            options.diagnostics().warn("etl: " + outOfOrder + " packet(s) came later than the sorting window of "
                    + window + " buffers and are out of time order");
        }
        if (dropsSkipped > 0) {
            options.diagnostics().warn("etl: " + dropsSkipped + " PktMon drop event(s) not written (use --include-drops)");
        }
    }

    /** Most packets held at once for sorting (for tests of the window's bound). */
    int maxQueued() {
        return maxQueued;
    }

    /** Buffers decoded before the packets to find PktMon's component names. */
    long buffersScannedForNames() {
        return buffersScannedForNames;
    }

    /** Buffers whose packets may wait for sorting at once. */
    int window() {
        return window;
    }

    /** Trace records walked (every header type). */
    public long records() {
        return records;
    }

    /** EVENT_HEADER events walked. */
    public long events() {
        return events;
    }

    /** Packet events (NDIS fragments, PktMon packets and drops) among them. */
    public long packetEvents() {
        return packetEvents;
    }

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public String fileType() {
        return fileType;
    }

    @Override
    public List<SectionInfo> sections() {
        return sections;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public long position() {
        return in.offset();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
