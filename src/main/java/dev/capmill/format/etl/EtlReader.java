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
 * events (NDIS-PacketCapture 1001 and VMSwitch 1003, PktMon 160 and, on request, 170, RAS NdisWan
 * 5001/5002) become packets. Wi-Fi receive metadata (NDIS 1002) goes into the comment of the next
 * packet of its interface; every other event is counted by provider and id ({@link #details()}).
 *
 * <p>Sorting: one buffer holds the events of one CPU, in time order; the packets of a buffer form
 * a run that points into the buffer's own (decompressed) bytes, and the runs of at most {@link
 * #window} buffers are merged through a small heap ordered by (timestamp, file order). Events of
 * different CPUs so come out in time order with memory bounded by the buffers, not the file, and
 * without a copy or an object per packet (runs, their packets and their byte arrays are reused).
 *
 * <p>PktMon writes its component names (event 20) and addresses (65, 66, 70) when it stops, after
 * the packets. When the input
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
    /** Interface id by (key, key2) of {@link Pending}. */
    private final KeyTable interfaceIds = new KeyTable();
    private boolean lastKeyValid;
    private long lastKey;
    private long lastKey2;
    private int lastId;
    private final Map<Integer, String[]> components = new HashMap<>();
    /** PktMon component id → its addresses (events 65, 66, 70). */
    private final Map<Integer, Addresses> addresses = new HashMap<>();
    /** RAS RoutingDomainID and user name strings (UTF-16LE bytes) met so far; their index keys an interface. */
    private final List<byte[]> rasDomains = new ArrayList<>();
    private final List<byte[]> rasUsers = new ArrayList<>();
    /** Wi-Fi receive context (NDIS 1002) of each (CPU, LowerIfIndex), waiting for the next 1001 there: index into {@link #wlan}. */
    private final KeyTable wlanWaiting = new KeyTable();
    private final List<WlanMeta> wlan = new ArrayList<>();

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
    private long headerEventsLost;
    private long headerBuffersLost;
    private final int window;

    // buffer walk
    private long bufferOrdinal;
    private long bufferStart;
    /**
     * A circular-mode file that wrapped: the offset of its oldest data buffer (the lowest
     * SequenceNumber), which is read first, then the buffers after it to the end of the file,
     * then those from {@link #firstData} up to it. -1 otherwise (file order).
     */
    private long wrapStart = -1;
    /** Offset of the first buffer after the header buffer. */
    private long firstData = -1;
    /** 0 before the data buffers, 1 from {@link #wrapStart} to the end, 2 from {@link #firstData} on. */
    private int circularPhase;
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
    private long metadataEvents;
    private long wlanUnused;
    private long buffers;
    private long eventsLostBuffers;
    private long bufferLostBuffers;
    /** Events not converted (nor used for metadata), by (provider GUID, event id). */
    private final KeyTable notConverted = new KeyTable();
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
     * Reads PktMon's component names and addresses (events 20, 65, 66, 70) before the packets. They are written when the
     * trace stops, into the last buffers of the file (formats/etl.md, "Facts from the samples"):
     * the buffer headers are walked without decompressing anything, then buffers are decoded
     * backwards from the end until {@link #window} buffers in a row hold no component event (the
     * other CPUs' last buffers may follow the one holding them), plus the first {@link #window}
     * buffers. A name logged elsewhere is missed and its interface is named by component id, as
     * for an input that cannot be rewound. Damage is reported by the main pass, not here.
     */
    private void collectComponentNames() throws IOException {
        firstPass = true;
        long oldest = -1;
        long oldestSeq = 0;
        long oldestIndex = -1;
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
                if (off > 0) {
                    long seq = Bytes.i64LE(in.buffer(), in.pos() + BH_SEQUENCE);
                    if (firstData < 0) {
                        firstData = off;
                        oldestSeq = seq;
                        oldest = off;
                    } else if (Long.compareUnsigned(seq, oldestSeq) < 0) {
                        oldestSeq = seq;
                        oldest = off;
                        oldestIndex = count;
                    }
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
            boolean wrapped = (logFileMode & MODE_CIRCULAR) != 0 && oldestIndex > 1;
            // backwards from the logically last buffer: the file's last, or in a wrapped circular
            // file the one before the oldest, down to the first data buffer, then on from the end
            long i = wrapped ? oldestIndex - 1 : count - 1;
            for (long seen = 0; seen < count - 1 && quiet < window; seen++) {
                if (i >= stop && i >= 1) {
                    long before = componentEvents;
                    scanBufferAt(ring[(int) (i % ring.length)]);
                    quiet = componentEvents > before ? 0 : quiet + 1;
                } else if (!wrapped || i >= oldestIndex) {
                    break; // older than the ring keeps
                }
                i = i > 1 ? i - 1 : count - 1;
            }
        } catch (CaptureException e) {
            // the main pass reports damage where it meets it
        }
        firstPass = false;
        if ((logFileMode & MODE_CIRCULAR) != 0 && oldest > firstData) {
            wrapStart = oldest;
        }
        endOfBuffers = false;
        bufferOrdinal = 0;
        skipped = 0;
        records = 0;
        events = 0;
        metadataEvents = 0;
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
        headerEventsLost = Bytes.u32LE(b, l + LH_EVENTS_LOST);
        headerBuffersLost = Bytes.u32LE(b, l + LH_BUFFERS_LOST_64 - shift);
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

    /**
     * Whether a length field of {@code n} bytes runs past the {@code room} left in its event; when
     * it does, reported as damage ("WHAT of N bytes runs past its event").
     */
    private boolean runsPast(long n, long room, String what) throws CaptureException {
        if (n <= room) {
            return false;
        }
        damaged(new CaptureException.Corrupt(ID, -1, recordIndex, what + " of " + n + " bytes runs past its event"));
        return true;
    }

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
        if (wrapStart > 0 && !firstPass) {
            off = circularNext(off);
            if (off < 0) {
                endOfBuffers = true;
                return false;
            }
        }
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
        if (!firstPass) {
            buffers++;
            if ((flags & BUFFER_FLAG_EVENTS_LOST) != 0) {
                eventsLostBuffers++;
            }
            if ((flags & BUFFER_FLAG_BUFFER_LOST) != 0) {
                bufferLostBuffers++;
            }
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

    /**
     * Where a wrapped circular file's next buffer is, given the offset that follows the last one
     * read: the oldest buffer after the header buffer, the first data buffer after the end of the
     * file, nothing once back at the oldest (-1).
     */
    private long circularNext(long off) throws IOException {
        long to = off;
        if (circularPhase == 0 && off >= firstData) {
            circularPhase = 1;
            to = wrapStart;
        } else if (circularPhase == 1 && off >= size) {
            circularPhase = 2;
            to = firstData;
        }
        if (circularPhase == 2 && to >= wrapStart) {
            return -1;
        }
        if (to != off) {
            in.seek(to);
            bufferStart = to;
        }
        return to;
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

    private static final int P_NDIS = 1;
    private static final int P_PKTMON = 2;
    private static final int P_RAS = 3;

    private void event(byte[] b, int at, int size, long ordinal) throws IOException {
        long lo = Bytes.i64LE(b, at + EH_PROVIDER);
        long hi = Bytes.i64LE(b, at + EH_PROVIDER + 8);
        int id = Bytes.u16LE(b, at + EH_EVENT_ID);
        int provider = lo == NDIS_GUID_LO && hi == NDIS_GUID_HI ? P_NDIS
                : lo == PKTMON_GUID_LO && hi == PKTMON_GUID_HI ? P_PKTMON
                : lo == RAS_GUID_LO && hi == RAS_GUID_HI ? P_RAS : 0;
        if (provider == 0) {
            if (!firstPass) {
                notConverted.add(lo, hi, id, 1);
            }
            return;
        }
        int ud = EVENT_HEADER_LEN;
        if ((Bytes.u16LE(b, at + EH_FLAGS) & EH_FLAG_EXTENDED_INFO) != 0) {
            // extended data items: u16 item size (incl. 8-byte item header), u16 type, u16 linkage, u16 data size
            while (true) {
                if (size - ud < 8) {
                    damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "extended data runs past its event"));
                    unconverted(lo, hi, id);
                    return;
                }
                int itemSize = Bytes.u16LE(b, at + ud);
                int linkage = Bytes.u16LE(b, at + ud + 4);
                int dataSize = Bytes.u16LE(b, at + ud + 6);
                int step = itemSize != 0 ? itemSize : (8 + dataSize + 7) & ~7;
                if (step < 8 || step > size - ud) {
                    damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "extended data item runs past its event"));
                    unconverted(lo, hi, id);
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
            if (provider == P_PKTMON) {
                if (id == PKTMON_COMPONENT) {
                    componentEvents++;
                    component(b, u, ulen);
                } else if (id == PKTMON_IPV4 || id == PKTMON_IPV6 || id == PKTMON_BINARY_PROPERTY) {
                    componentEvents++;
                    pktmonAddress(b, u, ulen, id);
                }
            }
            return;
        }
        boolean used = false;
        if (provider == P_NDIS) {
            if (id == NDIS_PACKET_FRAGMENT) {
                used = ndisFragment(b, at, u, ulen, false);
            } else if (id == NDIS_VMSWITCH_FRAGMENT) {
                used = ndisFragment(b, at, u, ulen, true);
            } else if (id == NDIS_PACKET_METADATA) {
                used = ndisMetadata(b, u, ulen);
            }
        } else if (provider == P_PKTMON) {
            if (id == PKTMON_PACKET || id == PKTMON_DROP) {
                used = pktmonPacket(b, at, u, ulen, id == PKTMON_DROP);
            } else if (id == PKTMON_COMPONENT) {
                if (ulen >= 4 && !components.containsKey(Bytes.u16LE(b, u))) {
                    component(b, u, ulen);
                }
                used = ulen >= 4;
                metadataEvents += used ? 1 : 0;
            } else if (id == PKTMON_IPV4 || id == PKTMON_IPV6 || id == PKTMON_BINARY_PROPERTY) {
                used = pktmonAddress(b, u, ulen, id);
                metadataEvents += used ? 1 : 0;
            }
        } else if (id == RAS_SEND || id == RAS_RECEIVE) {
            used = rasPacket(b, at, u, ulen, id == RAS_SEND);
        }
        if (!used) {
            unconverted(lo, hi, id);
        }
    }

    private void unconverted(long lo, long hi, int id) {
        if (!firstPass) {
            notConverted.add(lo, hi, id, 1);
        }
    }

    /** PktMon event 20: u16 Id, u16 Type, wstr Name, wstr Description. */
    private void component(byte[] b, int u, int ulen) {
        if (ulen < 4) {
            return;
        }
        int id = Bytes.u16LE(b, u);
        int end = u + ulen;
        int nameEnd = wend(b, u + 4, end);
        String name = new String(b, u + 4, nameEnd - (u + 4), StandardCharsets.UTF_16LE);
        int d = Math.min(end, nameEnd + 2);
        String desc = new String(b, d, wend(b, d, end) - d, StandardCharsets.UTF_16LE);
        components.put(id, new String[] {name, desc});
    }

    /** Where a UTF-16LE string starting at {@code from} ends: at its NUL, or at {@code end} (whole code units). */
    private static int wend(byte[] b, int from, int end) {
        int q = from;
        while (q + 1 < end && (b[q] != 0 || b[q + 1] != 0)) {
            q += 2;
        }
        return Math.min(q, from + ((end - from) & ~1));
    }

    /** The addresses of one PktMon component, for its interfaces' if_MACaddr, if_IPv4addr and if_IPv6addr. */
    static final class Addresses {
        byte[] mac;
        final List<byte[]> ipv4 = new ArrayList<>();
        final List<byte[]> ipv6 = new ArrayList<>();

        static void addOnce(List<byte[]> list, byte[] b, int off, int len) {
            for (byte[] x : list) {
                if (java.util.Arrays.equals(x, 0, len, b, off, off + len)) {
                    return;
                }
            }
            list.add(java.util.Arrays.copyOfRange(b, off, off + len));
        }
    }

    /**
     * PktMon 65 (u16 ComponentId, u16 Type, u8[4] IPv4 address), 66 (… u8[16] IPv6 address) and 70
     * (u16 ComponentId, u16 Type, u32 Size, u8[Size] Value; Type 6 = PhysAddress, the MAC). False
     * when the event carries something else (another property, a MAC that is not 6 bytes).
     */
    private boolean pktmonAddress(byte[] b, int u, int ulen, int id) throws CaptureException {
        int need = id == PKTMON_IPV6 ? 20 : 8;
        if (ulen < need) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "PktMon event " + id + " of " + ulen
                    + " bytes is too short for its address"));
            return false;
        }
        int comp = Bytes.u16LE(b, u);
        if (id == PKTMON_BINARY_PROPERTY) {
            long n = Bytes.u32LE(b, u + 4);
            if (runsPast(n, ulen - 8, "PktMon property")) {
                return false;
            }
            if (Bytes.u16LE(b, u + 2) != PKTMON_PROP_PHYS_ADDRESS || n != 6) {
                return false;
            }
            Addresses a = addresses.computeIfAbsent(comp, k -> new Addresses());
            if (a.mac == null) {
                a.mac = java.util.Arrays.copyOfRange(b, u + 8, u + 14);
            }
            return true;
        }
        Addresses a = addresses.computeIfAbsent(comp, k -> new Addresses());
        if (id == PKTMON_IPV4) {
            Addresses.addOnce(a.ipv4, b, u + 4, 4);
        } else {
            Addresses.addOnce(a.ipv6, b, u + 4, 16);
        }
        return true;
    }

    private boolean pktmonPacket(byte[] b, int at, int u, int ulen, boolean drop) throws IOException {
        if (ulen < PKTMON_PAYLOAD) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "PktMon packet event too short"));
            return false;
        }
        int logged = Bytes.u16LE(b, u + 32);
        if (runsPast(logged, ulen - PKTMON_PAYLOAD, "PktMon payload")) {
            return false;
        }
        packetEvents++;
        if (drop && !includeDrops) {
            dropsSkipped++;
            return true;
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
                return false;
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
        pk.source = SRC_PKTMON;
        pk.linkType = lt;
        pk.key = 1L << 48 | (long) comp << 16 | lt;
        pk.key2 = 0;
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
        return true;
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
    private static final byte[] C_NONE = ascii("None(");
    private static final byte[] C_CLOSE = ascii(")");
    // etl2pcapng's words for the Wi-Fi receive context and the VMSwitch and RAS packets (main.c)
    private static final byte[] C_WLAN = ascii(" Packet Metadata: ReceiveFlags:0x");
    private static final byte[] C_PHY = ascii(", PhyType:");
    private static final byte[] C_CENTER = ascii(", CenterCh:");
    private static final byte[] C_MPDUS = ascii(", NumMPDUsReceived:");
    private static final byte[] C_RSSI = ascii(", RSSI:");
    private static final byte[] C_RATE = ascii(", DataRate:");
    /** DOT11_PHY_TYPE names 0..10, as etl2pcapng prints them (windot11.h enumeration). */
    private static final byte[][] PHY_TYPES = {ascii("Unknown"), ascii("Fhss"), ascii("Dsss"), ascii("IrBaseband"),
        ascii("802.11a"), ascii("802.11b"), ascii("802.11g"), ascii("802.11n"), ascii("802.11ac"), ascii("802.11ad"),
        ascii("802.11ax")};
    private static final byte[] C_VLAN = ascii(" VlanId=");
    private static final byte[] C_PORT = ascii(" SrcPortId=");
    private static final byte[] C_NIC_TYPE = ascii(" SrcNicType=");
    private static final byte[] C_NIC_NAME = ascii(" SrcNicName=");
    private static final byte[] C_PORT_NAME = ascii(" SrcPortName=");
    private static final byte[] C_DESTINATIONS = ascii(" DstNicCount=");
    private static final byte[] C_HASH = ascii(" HashValue=");
    private static final byte[] C_DOMAIN = ascii(" RoutingDomainId=");
    private static final byte[] C_USER = ascii(" Username=");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The comment etl2pcapng's spirit asks for: where the event came from, in {@code key=value} words. */
    private static void comment(Pending pk, Ascii c) {
        c.clear();
        c.append(C_PID).append(pk.pid).append(C_TID).append(pk.tid).append(C_CPU).append(pk.cpu);
        switch (pk.source) {
            case SRC_NDIS:
                if (pk.wlan) {
                    c.append(C_WLAN).appendHex(pk.rxFlags).append(C_PHY);
                    if (pk.phy >= 0 && pk.phy < PHY_TYPES.length) {
                        c.append(PHY_TYPES[(int) pk.phy]);
                    } else {
                        c.append(pk.phy);
                    }
                    c.append(C_CENTER).append(pk.centerFrequency).append(C_MPDUS).append(pk.mpdus)
                            .append(C_RSSI).append(pk.rssi).append(C_RATE).append(pk.dataRate);
                }
                return;
            case SRC_VMSWITCH:
                c.append(C_VLAN).append(pk.vlan).append(C_PORT).append(pk.portId)
                        .append(C_NIC_TYPE).appendUtf16(pk.strings, pk.s3, pk.s3Len)
                        .append(C_NIC_NAME).appendUtf16(pk.strings, pk.s2, pk.s2Len)
                        .append(C_PORT_NAME).appendUtf16(pk.strings, pk.s1, pk.s1Len);
                if (pk.destinations > 0) {
                    c.append(C_DESTINATIONS).append(pk.destinations);
                }
                c.append(C_HASH).appendHex8(pk.hash);
                return;
            case SRC_RAS:
                c.append(C_DOMAIN).appendUtf16(pk.strings, pk.s1, pk.s1Len)
                        .append(C_USER).appendUtf16(pk.strings, pk.s2, pk.s2Len);
                return;
            default:
                break;
        }
        c.append(C_GROUP).append(pk.packetId).append(C_NUMBER).append(pk.pktNumber)
                .append(C_APPEARANCE).append(pk.appearance).append(C_DIRECTION);
        int d = pk.dirCode;
        if (d > 0 && d < DIRECTIONS.length) {
            c.append(DIRECTIONS[d]);
        } else {
            c.append(C_NONE).append(d).append(C_CLOSE);
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

    /** A Wi-Fi receive context (DOT11_EXTSTA_RECV_CONTEXT of event 1002) waiting for its packet. */
    private static final class WlanMeta {
        boolean waiting;
        long rxFlags;
        long phy;
        long centerFrequency;
        int mpdus;
        int rssi;
        int dataRate;
    }

    // the packet bytes found by assemble(): the event's own, or a reassembled copy
    private byte[] asmData;
    private int asmOff;
    private int asmLen;

    /**
     * Joins NDIS fragments (PacketStart ... PacketEnd keywords) per {@code fkey}; true when
     * {@link #asmData} holds a whole packet. Since Windows 8.1 every packet is one event with both
     * keywords, which needs no copy.
     */
    private boolean assemble(byte[] b, int from, int frag, long kw, long fkey) {
        boolean start = (kw & KW_PACKET_START) != 0;
        boolean endFlag = (kw & KW_PACKET_END) != 0;
        if (start && endFlag) {
            asmData = b; // the run's own bytes
            asmOff = from;
            asmLen = frag;
            if (!fragments.isEmpty()) {
                fragments.remove(fkey);
            }
            return true;
        }
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
            return false;
        }
        if (f.data.length < f.len + frag) {
            f.data = java.util.Arrays.copyOf(f.data, Math.max(f.len + frag, f.data.length * 2));
        }
        System.arraycopy(b, from, f.data, f.len, frag);
        f.len += frag;
        if (!endFlag) {
            return false;
        }
        fragments.remove(fkey);
        asmData = java.util.Arrays.copyOf(f.data, f.len); // a reassembled packet has bytes of its own
        asmOff = 0;
        asmLen = f.len;
        return true;
    }

    /**
     * NDIS 1001 (u32 MiniportIfIndex, u32 LowerIfIndex, u32 FragmentSize, u8[] Fragment) and 1003
     * VMSwitchPacketFragment (u32 MiniportIfIndex, u32 LowerIfIndex, u32 SourcePortId, wstr
     * SourcePortName, wstr SourceNicName, wstr SourceNicType, u32 DestinationCount, 8-byte
     * Destination × count, u32 FragmentSize, u8[] Fragment, u32 OOBDataSize, u8[] OOBData).
     */
    private boolean ndisFragment(byte[] b, int at, int u, int ulen, boolean vmswitch) throws IOException {
        int end = u + ulen;
        if (ulen < 12) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, (vmswitch ? "VMSwitch" : "NDIS") + " packet event too short"));
            return false;
        }
        long miniport = Bytes.u32LE(b, u);
        long lower = Bytes.u32LE(b, u + 4);
        int p = u + 8;
        long portId = 0;
        int s1 = 0;
        int s1End = 0;
        int s2 = 0;
        int s2End = 0;
        int s3 = 0;
        int s3End = 0;
        long destinations = 0;
        if (vmswitch) {
            portId = Bytes.u32LE(b, p);
            s1 = p + 4;
            s1End = wend(b, s1, end);
            s2 = Math.min(end, s1End + 2);
            s2End = wend(b, s2, end);
            s3 = Math.min(end, s2End + 2);
            s3End = wend(b, s3, end);
            p = Math.min(end, s3End + 2);
            if (end - p < 4) {
                damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "VMSwitch packet event ends inside its names"));
                return false;
            }
            destinations = Bytes.u32LE(b, p);
            p += 4;
            if (destinations > (end - p) / VMSWITCH_DESTINATION_LEN) {
                damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "VMSwitch destination count " + destinations
                        + " runs past its event"));
                return false;
            }
            p += (int) destinations * VMSWITCH_DESTINATION_LEN;
            if (end - p < 4) {
                damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "VMSwitch packet event ends before its fragment size"));
                return false;
            }
        }
        long fragSize = Bytes.u32LE(b, p);
        p += 4;
        if (runsPast(fragSize, end - p, vmswitch ? "VMSwitch fragment" : "NDIS fragment")) {
            return false;
        }
        int from = p;
        int frag = (int) fragSize;
        p += frag;
        int vlan = 0;
        long hash = 0;
        if (vmswitch && end - p >= 4) {
            // OOB data: the NBL info array, one pointer-sized value per NDIS_NET_BUFFER_LIST_INFO index
            long oob = Bytes.u32LE(b, p);
            p += 4;
            if (runsPast(oob, end - p, "VMSwitch OOB data")) {
                return false;
            }
            int ptr = (b[at + EH_HEADER_TYPE] & 0xFF) == HT_EVENT32 ? 4 : 8;
            if (oob >= (NBL_INFO_8021Q + 1) * ptr) {
                // NDIS_NET_BUFFER_LIST_8021Q_INFO: UserPriority:3, CanonicalFormatId:1, VlanId:12
                vlan = (Bytes.i32LE(b, p + NBL_INFO_8021Q * ptr) >>> 4) & 0xFFF;
            }
            if (oob >= (NBL_INFO_HASH + 1) * ptr) {
                hash = Bytes.u32LE(b, p + NBL_INFO_HASH * ptr);
            }
        }
        packetEvents++;
        long kw = Bytes.i64LE(b, at + EH_KEYWORD);
        long fkey = (vmswitch ? 1L << 48 : 0) | (long) cpu << 32 | lower;
        if (!assemble(b, from, frag, kw, fkey)) {
            return true;
        }
        byte[] data = asmData;
        int dataOff = asmOff;
        int len = asmLen;
        int lt = (kw & KW_NATIVE_802_11) != 0 ? 105 : (kw & KW_WIRELESS_WAN) != 0 ? 101 : LinkType.ETHERNET;
        if (lt == 105 && len > 1 && (data[dataOff + 1] & 0x40) != 0) {
            data[dataOff + 1] &= (byte) 0xBF; // ndiscap logs decrypted frames: clear the Protected bit (as etl2pcapng)
        }
        Pending pk = filling.add(filetime(Bytes.i64LE(b, at + EH_TIMESTAMP)), seq++);
        pk.linkType = lt;
        pk.lower = lower;
        pk.miniport = miniport;
        pk.wlan = false;
        if (vmswitch) {
            pk.source = SRC_VMSWITCH;
            pk.key = 3L << 60 | (long) lt << 44 | (long) vlan << 32 | lower;
            pk.key2 = portId;
            pk.portId = portId;
            pk.vlan = vlan;
            pk.hash = hash;
            pk.destinations = destinations;
            pk.strings = b;
            pk.s1 = s1;
            pk.s1Len = s1End - s1;
            pk.s2 = s2;
            pk.s2Len = s2End - s2;
            pk.s3 = s3;
            pk.s3Len = s3End - s3;
        } else {
            pk.source = SRC_NDIS;
            pk.key = 2L << 48 | (lower & 0xFFFFFFFFL) << 16 | lt;
            pk.key2 = 0;
            if (wlanWaiting.size() > 0) {
                applyWlan(pk, (long) cpu << 32 | lower);
            }
        }
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
        return true;
    }

    /**
     * NDIS 1002 PacketMetadata: u32 MiniportIfIndex, u32 LowerIfIndex, u32 MetadataSize, u8[]
     * Metadata. Accepted only as the 48-byte DOT11_EXTSTA_RECV_CONTEXT (as etl2pcapng); it describes
     * the next 1001 of the same (CPU, LowerIfIndex) and no other packet.
     */
    private boolean ndisMetadata(byte[] b, int u, int ulen) throws CaptureException {
        if (ulen < 12) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "NDIS metadata event too short"));
            return false;
        }
        long lower = Bytes.u32LE(b, u + 4);
        long n = Bytes.u32LE(b, u + 8);
        if (runsPast(n, ulen - 12, "NDIS metadata")) {
            return false;
        }
        if (n != DOT11_RECV_CONTEXT_LEN) {
            return false;
        }
        int m = u + 12;
        long key = (long) cpu << 32 | lower;
        long idx = wlanWaiting.get(key, 0, 0, -1);
        WlanMeta w;
        if (idx < 0) {
            w = new WlanMeta(); // one per (CPU, LowerIfIndex), reused
            wlan.add(w);
            wlanWaiting.put(key, 0, 0, wlan.size() - 1);
        } else {
            w = wlan.get((int) idx);
            if (w.waiting) {
                wlanUnused++; // replaced before a packet used it
            }
        }
        w.waiting = true;
        w.rxFlags = Bytes.u32LE(b, m + RC_RECEIVE_FLAGS);
        w.phy = Bytes.u32LE(b, m + RC_PHY_ID);
        w.centerFrequency = Bytes.u32LE(b, m + RC_CENTER_FREQUENCY);
        w.mpdus = Bytes.u16LE(b, m + RC_MPDUS);
        w.rssi = Bytes.i32LE(b, m + RC_RSSI);
        w.dataRate = b[m + RC_DATA_RATE] & 0xFF;
        metadataEvents++;
        return true;
    }

    /** Gives the packet the Wi-Fi receive context waiting for its (CPU, LowerIfIndex), if any. */
    private void applyWlan(Pending pk, long key) {
        long idx = wlanWaiting.get(key, 0, 0, -1);
        if (idx < 0) {
            return;
        }
        WlanMeta w = wlan.get((int) idx);
        if (!w.waiting) {
            return;
        }
        w.waiting = false;
        pk.wlan = true;
        pk.rxFlags = w.rxFlags;
        pk.phy = w.phy;
        pk.centerFrequency = w.centerFrequency;
        pk.mpdus = w.mpdus;
        pk.rssi = w.rssi;
        pk.dataRate = w.dataRate;
    }

    /** Index of the UTF-16LE string {@code b[off, off+len)} in {@code list}, added when new. */
    private static int intern(List<byte[]> list, byte[] b, int off, int len) {
        for (int i = 0; i < list.size(); i++) {
            byte[] x = list.get(i);
            if (java.util.Arrays.equals(x, 0, x.length, b, off, off + len)) {
                return i;
            }
        }
        list.add(java.util.Arrays.copyOfRange(b, off, off + len));
        return list.size() - 1;
    }

    /**
     * RAS NdisWan 5001 (send) / 5002 (receive): wstr RoutingDomainID, wstr RRASUserName, u32
     * FragmentSize, u8[] Fragment; a whole Ethernet packet per event. Direction from the event id.
     */
    private boolean rasPacket(byte[] b, int at, int u, int ulen, boolean send) throws IOException {
        int end = u + ulen;
        int s1End = wend(b, u, end);
        int s2 = Math.min(end, s1End + 2);
        int s2End = wend(b, s2, end);
        int p = Math.min(end, s2End + 2);
        if (end - p < 4) {
            damaged(new CaptureException.Corrupt(ID, -1, recordIndex, "RAS packet event ends inside its names"));
            return false;
        }
        long fragSize = Bytes.u32LE(b, p);
        p += 4;
        if (runsPast(fragSize, end - p, "RAS fragment")) {
            return false;
        }
        packetEvents++;
        int domain = intern(rasDomains, b, u, s1End - u);
        int user = intern(rasUsers, b, s2, s2End - s2);
        Pending pk = filling.add(filetime(Bytes.i64LE(b, at + EH_TIMESTAMP)), seq++);
        pk.source = SRC_RAS;
        pk.linkType = LinkType.ETHERNET;
        pk.key = 4L << 60 | domain;
        pk.key2 = user;
        pk.strings = b;
        pk.s1 = u;
        pk.s1Len = s1End - u;
        pk.s2 = s2;
        pk.s2Len = s2End - s2;
        pk.data = b;
        pk.off = p;
        pk.len = (int) fragSize;
        pk.orig = inferOriginal(LinkType.ETHERNET, b, p, (int) fragSize);
        pk.direction = send ? 2 : 1;
        pk.pid = Bytes.u32LE(b, at + EH_PID);
        pk.tid = Bytes.u32LE(b, at + EH_TID);
        pk.cpu = cpu;
        pk.packetId = 0;
        pk.drop = false;
        pk.wlan = false;
        filling.accepted(pk);
        return true;
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

    static final int SRC_PKTMON = 1;
    static final int SRC_NDIS = 2;
    static final int SRC_VMSWITCH = 3;
    static final int SRC_RAS = 4;

    /** A packet waiting for its turn: reused, it belongs to the run of the buffer it came from. */
    static final class Pending {
        long filetime;
        long seq;
        /** {@link #SRC_NDIS}, {@link #SRC_PKTMON}, {@link #SRC_VMSWITCH} or {@link #SRC_RAS}. */
        int source;
        /** With {@link #key2}, the interface this packet belongs to. */
        long key;
        long key2;
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
        // NDIS 1001 with a Wi-Fi receive context (1002)
        boolean wlan;
        long rxFlags;
        long phy;
        long centerFrequency;
        int mpdus;
        int rssi;
        int dataRate;
        // VMSwitch 1003 and RAS: strings (UTF-16LE) in the event's own bytes, which stay valid with the run
        byte[] strings;
        int s1;
        int s1Len;
        int s2;
        int s2Len;
        int s3;
        int s3Len;
        long portId;
        int vlan;
        long hash;
        long destinations;

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

        /** Eight hex digits, as {@code %08lx} of a 32-bit value. */
        Ascii appendHex8(long v) {
            room(8);
            for (int shift = 28; shift >= 0; shift -= 4) {
                b[n++] = (byte) Character.forDigit((int) (v >>> shift & 15), 16);
            }
            return this;
        }

        /** UTF-16LE text {@code s[off, off+len)} as UTF-8; an unpaired surrogate becomes U+FFFD. */
        Ascii appendUtf16(byte[] s, int off, int len) {
            room(len / 2 * 3 + 3);
            int end = off + (len & ~1);
            for (int i = off; i < end; i += 2) {
                int ch = (s[i] & 0xFF) | (s[i + 1] & 0xFF) << 8;
                if (ch < 0x80) {
                    b[n++] = (byte) ch;
                } else if (ch < 0x800) {
                    b[n++] = (byte) (0xC0 | ch >>> 6);
                    b[n++] = (byte) (0x80 | ch & 0x3F);
                } else if (ch >= 0xD800 && ch < 0xDC00 && i + 3 < end
                        && (s[i + 3] & 0xFC) == 0xDC) {
                    int lowSurrogate = (s[i + 2] & 0xFF) | (s[i + 3] & 0xFF) << 8;
                    int cp = 0x10000 + ((ch - 0xD800) << 10) + (lowSurrogate - 0xDC00);
                    room(4);
                    b[n++] = (byte) (0xF0 | cp >>> 18);
                    b[n++] = (byte) (0x80 | cp >>> 12 & 0x3F);
                    b[n++] = (byte) (0x80 | cp >>> 6 & 0x3F);
                    b[n++] = (byte) (0x80 | cp & 0x3F);
                    i += 2;
                } else {
                    if (ch >= 0xD800 && ch < 0xE000) {
                        ch = 0xFFFD;
                    }
                    b[n++] = (byte) (0xE0 | ch >>> 12);
                    b[n++] = (byte) (0x80 | ch >>> 6 & 0x3F);
                    b[n++] = (byte) (0x80 | ch & 0x3F);
                }
            }
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
        if (lastKeyValid && pk.key == lastKey && pk.key2 == lastKey2) {
            // most packets follow one on the same interface: skip the table lookup
            id = lastId;
        } else {
            long known = interfaceIds.get(pk.key, pk.key2, 0, -1);
            if (known < 0) {
                id = declare(pk);
                r.reset(PacketRecord.Kind.INTERFACE).setInterfaceId(id).setPosition(recordIndex++, bufferStart);
                return true;
            }
            id = (int) known;
            lastKey = pk.key;
            lastKey2 = pk.key2;
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
        Options o = f.options();
        switch (pk.source) {
            case SRC_PKTMON: {
                String[] c = components.get(pk.component);
                String name = c != null && !c[0].isEmpty() ? c[0] : "component " + pk.component;
                o.addString(InterfaceInfo.OPT_NAME, "pktmon:" + pk.component + ":" + name);
                o.addString(InterfaceInfo.OPT_DESCRIPTION, "PktMon component " + pk.component
                        + (c != null ? ": " + c[0] + (c[1].isEmpty() ? "" : " (" + c[1] + ")") : ""));
                Addresses a = addresses.get(pk.component);
                if (a != null) {
                    // as etl2pcapng: the host's own addresses, IPv4 with mask 255.255.255.255, IPv6 with prefix 128
                    if (a.mac != null) {
                        o.add(IF_MACADDR, a.mac);
                    }
                    for (byte[] v4 : a.ipv4) {
                        byte[] v = java.util.Arrays.copyOf(v4, 8);
                        java.util.Arrays.fill(v, 4, 8, (byte) 0xFF);
                        o.add(IF_IPV4ADDR, v);
                    }
                    for (byte[] v6 : a.ipv6) {
                        byte[] v = java.util.Arrays.copyOf(v6, 17);
                        v[16] = (byte) 128;
                        o.add(IF_IPV6ADDR, v);
                    }
                }
                break;
            }
            case SRC_VMSWITCH: {
                String port = utf16(pk.strings, pk.s1, pk.s1Len);
                String nic = utf16(pk.strings, pk.s2, pk.s2Len);
                String nicType = utf16(pk.strings, pk.s3, pk.s3Len);
                // etl2pcapng's name; the description says what each part is
                o.addString(InterfaceInfo.OPT_NAME, "vNIC:" + nicType + ":" + port + ":" + pk.lower + ":" + pk.vlan);
                o.addString(InterfaceInfo.OPT_DESCRIPTION, "VMSwitch port " + pk.portId + (port.isEmpty() ? "" : " " + port)
                        + ", NIC " + (nic.isEmpty() ? "?" : nic) + (nicType.isEmpty() ? "" : " (" + nicType + ")")
                        + (pk.vlan != 0 ? ", VLAN " + pk.vlan : "") + ", IfIndex " + pk.lower
                        + (pk.lower != pk.miniport ? ", LWF over IfIndex " + pk.miniport : ""));
                break;
            }
            case SRC_RAS: {
                String domain = utf16(pk.strings, pk.s1, pk.s1Len);
                String user = utf16(pk.strings, pk.s2, pk.s2Len);
                o.addString(InterfaceInfo.OPT_NAME, "Rras:" + domain + ":" + user);
                o.addString(InterfaceInfo.OPT_DESCRIPTION, "RAS NdisWan tunnel, routing domain " + domain
                        + (user.isEmpty() ? "" : ", user " + user));
                break;
            }
            default: {
                String prefix = pk.linkType == 105 ? "wifi" : pk.linkType == 101 ? "mbb" : "eth";
                o.addString(InterfaceInfo.OPT_NAME, prefix + ":" + pk.lower);
                if (pk.lower != pk.miniport) {
                    o.addString(InterfaceInfo.OPT_DESCRIPTION, "LWF over IfIndex " + pk.miniport);
                }
                break;
            }
        }
        interfaces.add(f);
        int id = interfaces.size() - 1;
        interfaceIds.put(pk.key, pk.key2, 0, id);
        return id;
    }

    private static String utf16(byte[] b, int off, int len) {
        return new String(b, off, len & ~1, StandardCharsets.UTF_16LE);
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
        for (WlanMeta w : wlan) {
            if (w.waiting) {
                wlanUnused++;
                w.waiting = false;
            }
        }
        if (wlanUnused > 0) {
            options.diagnostics().warn("etl: " + wlanUnused + " NDIS Wi-Fi metadata event(s) (1002) without a packet after them");
        }
        if (eventsLostBuffers + bufferLostBuffers > 0) {
            options.diagnostics().warn("etl: the trace lost events: " + eventsLostBuffers + " buffer(s) flagged events lost, "
                    + bufferLostBuffers + " flagged buffer lost");
        }
    }

    /** Provider names of the GUIDs capmill knows; others are shown as their GUID. */
    static String providerName(long lo, long hi) {
        if (lo == NDIS_GUID_LO && hi == NDIS_GUID_HI) {
            return "Microsoft-Windows-NDIS-PacketCapture";
        }
        if (lo == PKTMON_GUID_LO && hi == PKTMON_GUID_HI) {
            return "Microsoft-Windows-PktMon";
        }
        if (lo == RAS_GUID_LO && hi == RAS_GUID_HI) {
            return "Microsoft-Windows-Ras-NdisWanPacketCapture";
        }
        // on disk: Data1 u32, Data2 u16, Data3 u16 (little-endian), then Data4's 8 bytes as stored
        return String.format(java.util.Locale.ROOT, "{%08X-%04X-%04X-%04X-%012X}", lo & 0xFFFFFFFFL, (lo >>> 32) & 0xFFFF,
                lo >>> 48, Long.reverseBytes(hi) >>> 48, Long.reverseBytes(hi) & 0xFFFFFFFFFFFFL);
    }

    /**
     * What {@code capmill info} shows besides the packets: the records and events walked, the
     * events converted, every other event counted by provider and id, and what the trace says it lost.
     */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("ETL buffers", buffers);
        d.put("Trace records", records);
        d.put("EVENT_HEADER events", events);
        d.put("Packet events", packetEvents);
        d.put("Metadata events", metadataEvents);
        if (dropsSkipped > 0) {
            d.put("Drop events left out", dropsSkipped);
        }
        if (wlanUnused > 0) {
            d.put("Wi-Fi metadata unused", wlanUnused);
        }
        List<Object[]> rows = new ArrayList<>();
        notConverted.forEach((lo, hi, id, n) -> rows.add(new Object[] {providerName(lo, hi), id, n}));
        rows.sort((x, y) -> {
            int c = ((String) x[0]).compareTo((String) y[0]);
            return c != 0 ? c : Integer.compare((Integer) x[1], (Integer) y[1]);
        });
        Map<String, Object> other = new java.util.LinkedHashMap<>();
        for (Object[] row : rows) {
            other.put(row[0] + " " + row[1], row[2]);
        }
        d.put("Events not converted", other);
        d.put("Events-lost buffers", eventsLostBuffers);
        d.put("Buffer-lost flags", bufferLostBuffers);
        d.put("Events lost (header)", headerEventsLost);
        d.put("Buffers lost (header)", headerBuffersLost);
        return d;
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

    /** Buffers read by the main pass (the header buffer included). */
    long buffersRead() {
        return buffers;
    }

    /** The oldest buffer of a wrapped circular file, read first; -1 when the file is read in file order. */
    long wrapStart() {
        return wrapStart;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
