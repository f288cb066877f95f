package dev.capmill.format.pcapng;

import static dev.capmill.format.pcapng.PcapngConstants.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Pull reader for pcapng. One {@link Input#ensure(int)} per block; packet payloads are views into
 * the input buffer; nothing is allocated per packet once the reusable arrays are warm.
 * See {@code package-info.java} for the decisions taken where the specification is silent.
 */
public final class PcapngReader implements CaptureReader {
    private static final long NANOS = 1_000_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final Input in;
    private final ReadOptions options;
    private final int maxBlock;

    private final List<SectionInfo> sections = new ArrayList<>();
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<SectionInfo> sectionsView = Collections.unmodifiableList(sections);
    private final List<InterfaceInfo> interfacesView = Collections.unmodifiableList(interfaces);

    /** Per global interface: units per second (unsigned; 10^n or 2^n), or the shift for 2^-n. */
    private long[] ifUnits = new long[8];
    private int[] ifShift = new int[8];
    private int[] ifDecimalExp = new int[8];
    private long[] ifOffset = new long[8];

    /** Section-local interface id → global id, for the current section. */
    private int[] local = new int[8];
    private int localCount;

    private boolean bigEndian;
    private int section = -1;
    private boolean stopped;
    private long recordIndex;
    private long skipped;
    private byte[] scratch = new byte[256];

    PcapngReader(Input in, ReadOptions options) {
        this.in = in;
        this.options = options;
        this.maxBlock = options.limits().maxBlock();
    }

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public String fileType() {
        return "pcapng";
    }

    @Override
    public List<SectionInfo> sections() {
        return sectionsView;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfacesView;
    }

    @Override
    public long position() {
        return in.offset();
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ------------------------------------------------------------------ errors

    private CaptureException corrupt(long off, String what) {
        return new CaptureException.Corrupt(ID, off, recordIndex, what);
    }

    private CaptureException truncated(long off, String what) {
        return new CaptureException.Truncated(ID, off, recordIndex, what);
    }

    // ------------------------------------------------------------------ blocks

    @Override
    public boolean next(PacketRecord rec) throws IOException {
        while (!stopped) {
            long start = in.offset();
            if (!in.ensure(8)) {
                if (in.available() == 0) {
                    return false;
                }
                throw truncated(start, "file ends inside a block header (" + in.available() + " of 8 bytes)");
            }
            byte[] b = in.buffer();
            int p = in.pos();
            int type = Bytes.i32LE(b, p); // the SHB type is a palindrome; others are re-read below
            boolean shb = type == BT_SHB;
            if (shb) {
                if (!in.ensure(12)) {
                    throw truncated(start, "file ends inside a section header block");
                }
                b = in.buffer();
                p = in.pos();
                int magic = Bytes.i32LE(b, p + 8);
                if (magic == BYTE_ORDER_MAGIC) {
                    bigEndian = false;
                } else if (magic == BYTE_ORDER_MAGIC_SWAPPED) {
                    bigEndian = true;
                } else {
                    throw corrupt(start, "bad byte-order magic " + Bytes.hex(magic & 0xFFFFFFFFL) + " in section header block");
                }
            } else if (section < 0) {
                throw corrupt(start, "the file does not begin with a section header block (block type "
                        + Bytes.hex(type & 0xFFFFFFFFL) + ")");
            } else if (bigEndian) {
                type = Bytes.i32BE(b, p);
            }
            long len = Bytes.u32(b, p + 4, bigEndian);
            if (len < MIN_BLOCK) {
                throw corrupt(start, "block total length " + len + " is less than the minimum of " + MIN_BLOCK);
            }
            if (len > maxBlock) {
                throw new CaptureException.LimitExceeded(ID, start, recordIndex, "block total length " + len
                        + " exceeds the limit of " + sizeText(maxBlock));
            }
            // Lengths that are not a multiple of 4 break the spec, but the old pcapng.org .ntar
            // samples (icmp2.ntar: PBs of length 110) have them, padded on disk, with the trailer
            // after the padding; tshark 4.0 reads all 8 packets of icmp2.ntar that way.
            int blockLen = (int) len;
            int padded = (blockLen + 3) & ~3;
            if (padded != blockLen) {
                options.diagnostics().warn("pcapng: block lengths that are not a multiple of 4 were read as padded to 4 bytes");
            }
            if (!in.ensure(padded)) {
                throw truncated(start, "file ends inside a block of " + len + " bytes (" + in.available() + " present)");
            }
            b = in.buffer();
            p = in.pos();
            long trailer = Bytes.u32(b, p + padded - 4, bigEndian);
            if (trailer != len) {
                throw corrupt(start, "block total length in header " + len + " and trailer " + trailer + " don't match");
            }
            int body = p + 8;
            int end = p + padded - 4;
            boolean produced;
            try {
                produced = readBlock(rec, type, b, body, end, blockLen, start);
            } catch (CaptureException.Corrupt e) {
                if (!options.lenient() || shb || type == BT_IDB) {
                    throw e;
                }
                in.advance(padded);
                skipped++;
                options.diagnostics().warn("pcapng: damaged blocks skipped (lenient mode)");
                continue;
            }
            in.advance(padded);
            if (produced) {
                rec.setPosition(recordIndex++, start);
                return true;
            }
        }
        return false;
    }

    private static String sizeText(long n) {
        if (n % (1024 * 1024) == 0) {
            return (n / (1024 * 1024)) + " MiB";
        }
        if (n % 1024 == 0) {
            return (n / 1024) + " KiB";
        }
        return n + " bytes";
    }

    /** Interprets one framed block; returns false when it produced no record (reader stops). */
    private boolean readBlock(PacketRecord rec, int type, byte[] b, int body, int end, int len, long start)
            throws IOException {
        switch (type) {
            case BT_EPB:
                return readEpb(rec, b, body, end, len, start);
            case BT_SPB:
                return readSpb(rec, b, body, end, len, start);
            case BT_PB:
                return readPb(rec, b, body, end, len, start);
            case BT_SHB:
                return readShb(rec, b, body, end, len, start);
            case BT_IDB:
                return readIdb(rec, b, body, end, len, start);
            case BT_ISB:
                return readIsb(rec, b, body, end, len, start);
            case BT_NRB:
                return readNrb(rec, b, body, end, start);
            case BT_DSB:
                return readDsb(rec, b, body, end, len, start);
            case BT_CB_COPY:
            case BT_CB_NOCOPY:
                return readCustom(rec, type, b, body, end, len, start);
            default:
                // Unknown and local-use blocks: the body is handed on as read (not swapped).
                rec.reset(PacketRecord.Kind.BLOCK).setBlockType(type).setSectionIndex(section);
                rec.setData(b, body, end - body);
                return true;
        }
    }

    private void checkMin(int len, int min, String what, long start) throws CaptureException {
        if (len < min) {
            throw corrupt(start, what + " block total length " + len + " is less than the minimum of " + min);
        }
    }

    private boolean readShb(PacketRecord rec, byte[] b, int body, int end, int len, long start) throws IOException {
        checkMin(len, MIN_SHB, "section header", start);
        int major = Bytes.u16(b, body + 4, bigEndian);
        int minor = Bytes.u16(b, body + 6, bigEndian);
        if (major != 1) {
            if (section >= 0) {
                // NG: skip to the next SHB; tshark 4.0 stops here instead. We stop too, with a warning.
                options.diagnostics().warn("pcapng: section of unsupported version " + major + "." + minor
                        + " at offset 0x" + Long.toHexString(start) + "; reading stopped there");
                stopped = true;
                return false;
            }
            throw new CaptureException.Unsupported(ID, start, recordIndex, "unknown SHB version " + major + "." + minor);
        }
        if (minor != 0 && minor != 2) {
            // LP treats 1.2 as 1.0; tshark 4.0 and LP reject 1.1 (and everything else).
            throw new CaptureException.Unsupported(ID, start, recordIndex, "unknown SHB version " + major + "." + minor);
        }
        SectionInfo s = new SectionInfo();
        s.setIndex(sections.size()).setVersion(major, minor).setBigEndian(bigEndian)
                .setSectionLength(Bytes.i64(b, body + 8, bigEndian));
        parseOptions(b, body + 16, end, BT_SHB, s.options(), start);
        section = sections.size();
        sections.add(s);
        localCount = 0;
        rec.reset(PacketRecord.Kind.SECTION).setSectionIndex(section);
        rec.options().copyFrom(s.options());
        rec.setData(b, body, 0);
        return true;
    }

    private boolean readIdb(PacketRecord rec, byte[] b, int body, int end, int len, long start) throws IOException {
        checkMin(len, MIN_IDB, "interface description", start);
        InterfaceInfo ii = new InterfaceInfo().setIdRecorded(true);
        ii.setLinkType(Bytes.u16(b, body, bigEndian));
        ii.setSnapLength(Bytes.u32(b, body + 4, bigEndian));
        ii.setSectionIndex(section);
        Options o = ii.options();
        parseOptions(b, body + 8, end, BT_IDB, o, start);
        int r = o.indexOf(IF_TSRESOL);
        if (r >= 0) {
            if (o.length(r) != 1) {
                throw corrupt(start, "if_tsresol option of length " + o.length(r) + " (expected 1)");
            }
            int res = o.array()[o.offset(r)] & 0xFF;
            // LP's limits: 10^-19 is the finest decimal, 2^-63 the finest binary resolution.
            if ((res & 0x80) == 0 ? res > 19 : (res & 0x7F) > 63) {
                throw corrupt(start, "if_tsresol " + Bytes.hex(res) + " is finer than this reader supports");
            }
            ii.setTsResolution(res);
        }
        int t = o.indexOf(IF_TSOFFSET);
        if (t >= 0) {
            if (o.length(t) != 8) {
                throw corrupt(start, "if_tsoffset option of length " + o.length(t) + " (expected 8)");
            }
            ii.setTsOffset(Bytes.i64LE(o.array(), o.offset(t)));
        }
        int f = o.indexOf(IF_FCSLEN);
        if (f >= 0 && o.length(f) == 1) {
            ii.setFcsLength(o.array()[o.offset(f)] & 0xFF);
        }
        int id = interfaces.size();
        interfaces.add(ii);
        growInterfaceArrays(id + 1);
        int res = ii.tsResolution();
        if ((res & 0x80) == 0) {
            ifShift[id] = -1;
            ifDecimalExp[id] = res;
            ifUnits[id] = res <= 18 ? POW10[res] : Long.parseUnsignedLong("10000000000000000000");
        } else {
            ifShift[id] = res & 0x7F;
            ifUnits[id] = 0;
        }
        ifOffset[id] = ii.tsOffset();
        if (localCount == local.length) {
            local = Arrays.copyOf(local, localCount * 2);
        }
        local[localCount++] = id;
        rec.reset(PacketRecord.Kind.INTERFACE).setSectionIndex(section).setInterfaceId(id);
        rec.options().copyFrom(o);
        rec.setData(b, body, 0);
        return true;
    }

    private void growInterfaceArrays(int n) {
        if (n > ifUnits.length) {
            int m = Math.max(n, ifUnits.length * 2);
            ifUnits = Arrays.copyOf(ifUnits, m);
            ifShift = Arrays.copyOf(ifShift, m);
            ifDecimalExp = Arrays.copyOf(ifDecimalExp, m);
            ifOffset = Arrays.copyOf(ifOffset, m);
        }
    }

    private int globalInterface(long localId, String block, long start) throws CaptureException {
        if (localId < 0 || localId >= localCount) {
            throw corrupt(start, block + " refers to interface " + localId + " but the section declares "
                    + localCount + (localCount == 1 ? " interface" : " interfaces"));
        }
        return local[(int) localId];
    }

    /** Sets the record's time from on-disk ticks of interface {@code id}, exactly. */
    private void setTime(PacketRecord rec, int id, long ticks) {
        long sec;
        long ns;
        int shift = ifShift[id];
        if (shift < 0) {
            long units = ifUnits[id];
            sec = Long.divideUnsigned(ticks, units);
            long rem = Long.remainderUnsigned(ticks, units);
            int exp = ifDecimalExp[id];
            if (exp <= 9) {
                ns = rem * POW10[9 - exp];
            } else {
                ns = Long.divideUnsigned(rem, POW10[exp - 9]); // finer than ns: truncated
            }
        } else if (shift == 0) {
            sec = ticks;
            ns = 0;
        } else {
            sec = ticks >>> shift;
            long frac = ticks & ((1L << shift) - 1);
            // frac * 10^9 / 2^shift as a 128-bit product shifted right (truncating).
            long lo = frac * NANOS;
            long hi = Math.multiplyHigh(frac, NANOS);
            ns = (lo >>> shift) | (shift == 0 ? 0 : hi << (64 - shift));
        }
        rec.setTime(sec + ifOffset[id], ns);
        rec.setRawTicks(ticks);
    }

    private boolean readEpb(PacketRecord rec, byte[] b, int body, int end, int len, long start) throws IOException {
        checkMin(len, MIN_EPB, "enhanced packet", start);
        boolean be = bigEndian;
        int id = globalInterface(Bytes.u32(b, body, be), "enhanced packet block", start);
        long ticks = (Bytes.u32(b, body + 4, be) << 32) | Bytes.u32(b, body + 8, be);
        long caplen = Bytes.u32(b, body + 12, be);
        int data = body + 20;
        if (caplen > end - data) {
            throw corrupt(start, "enhanced packet block captured length " + caplen + " exceeds the "
                    + (end - data) + " bytes of the block");
        }
        rec.reset(PacketRecord.Kind.PACKET).setSectionIndex(section).setInterfaceId(id);
        setTime(rec, id, ticks);
        rec.setOriginalLength(Bytes.u32(b, body + 16, be));
        rec.setData(b, data, (int) caplen);
        int opts = data + (((int) caplen + 3) & ~3);
        if (opts < end) {
            parseOptions(b, opts, end, BT_EPB, rec.options(), start);
        }
        return true;
    }

    private boolean readPb(PacketRecord rec, byte[] b, int body, int end, int len, long start) throws IOException {
        checkMin(len, MIN_PB, "packet", start);
        boolean be = bigEndian;
        int id = globalInterface(Bytes.u16(b, body, be), "packet block", start);
        int drops = Bytes.u16(b, body + 2, be);
        long ticks = (Bytes.u32(b, body + 4, be) << 32) | Bytes.u32(b, body + 8, be);
        long caplen = Bytes.u32(b, body + 12, be);
        int data = body + 20;
        if (caplen > end - data) {
            throw corrupt(start, "packet block captured length " + caplen + " exceeds the "
                    + (end - data) + " bytes of the block");
        }
        rec.reset(PacketRecord.Kind.PACKET).setSectionIndex(section).setInterfaceId(id);
        setTime(rec, id, ticks);
        rec.setOriginalLength(Bytes.u32(b, body + 16, be));
        rec.setData(b, data, (int) caplen);
        // The PB's drops_count becomes an epb_dropcount option, as tshark shows it ("Drop Count").
        rec.options().addU64(EPB_DROPCOUNT, drops);
        int opts = data + (((int) caplen + 3) & ~3);
        if (opts < end) {
            parseOptions(b, opts, end, BT_PB, rec.options(), start);
        }
        return true;
    }

    private boolean readSpb(PacketRecord rec, byte[] b, int body, int end, int len, long start) throws IOException {
        checkMin(len, MIN_SPB, "simple packet", start);
        if (localCount == 0) {
            throw corrupt(start, "simple packet block but the section declares no interface");
        }
        int id = local[0];
        long orig = Bytes.u32(b, body, bigEndian);
        // NG SPB: captured length = min(original length, snaplen of IDB 0 when not 0, room in the block).
        long cap = Math.min(orig, (long) len - 16);
        long snap = interfaces.get(id).snapLength();
        if (snap != 0) {
            cap = Math.min(cap, snap);
        }
        rec.reset(PacketRecord.Kind.PACKET).setSectionIndex(section).setInterfaceId(id);
        rec.clearTime();
        rec.setOriginalLength(orig);
        rec.setData(b, body + 4, (int) cap);
        return true;
    }

    private boolean readIsb(PacketRecord rec, byte[] b, int body, int end, int len, long start) throws IOException {
        checkMin(len, MIN_ISB, "interface statistics", start);
        boolean be = bigEndian;
        int id = globalInterface(Bytes.u32(b, body, be), "interface statistics block", start);
        long hi = Bytes.u32(b, body + 4, be);
        long lo = Bytes.u32(b, body + 8, be);
        byte[] s = scratch(12);
        // The body handed on is little-endian, and its interface id is the GLOBAL one.
        Bytes.putI32LE(s, 0, id);
        Bytes.putI32LE(s, 4, (int) hi);
        Bytes.putI32LE(s, 8, (int) lo);
        rec.reset(PacketRecord.Kind.BLOCK).setBlockType(BT_ISB).setSectionIndex(section).setInterfaceId(id);
        setTime(rec, id, (hi << 32) | lo);
        rec.setData(s, 0, 12);
        parseOptions(b, body + 12, end, BT_ISB, rec.options(), start);
        return true;
    }

    private boolean readNrb(PacketRecord rec, byte[] b, int body, int end, long start) throws IOException {
        int p = body;
        boolean ended = false;
        while (p + 4 <= end) {
            int rtype = Bytes.u16(b, p, bigEndian);
            int rlen = Bytes.u16(b, p + 2, bigEndian);
            if (rtype == NRB_RECORD_END) {
                p += 4;
                ended = true;
                break;
            }
            int next = p + 4 + ((rlen + 3) & ~3);
            if (p + 4 + rlen > end) {
                throw corrupt(start, "name resolution record of length " + rlen + " runs past the end of the block");
            }
            p = Math.min(next, end);
        }
        if (!ended) {
            p = end; // no nrb_record_end: the records fill the block, there are no options
        }
        int recLen = p - body;
        byte[] s = scratch(recLen);
        System.arraycopy(b, body, s, 0, recLen);
        if (bigEndian) {
            int q = 0;
            while (q + 4 <= recLen) {
                int rtype = Bytes.u16BE(s, q);
                int rlen = Bytes.u16BE(s, q + 2);
                Bytes.putI16LE(s, q, rtype);
                Bytes.putI16LE(s, q + 2, rlen);
                if (rtype == NRB_RECORD_END) {
                    break;
                }
                q += 4 + ((rlen + 3) & ~3);
            }
        }
        rec.reset(PacketRecord.Kind.BLOCK).setBlockType(BT_NRB).setSectionIndex(section);
        rec.setData(s, 0, recLen);
        if (p < end) {
            parseOptions(b, p, end, BT_NRB, rec.options(), start);
        }
        return true;
    }

    private boolean readDsb(PacketRecord rec, byte[] b, int body, int end, int len, long start) throws IOException {
        checkMin(len, MIN_DSB, "decryption secrets", start);
        long slen = Bytes.u32(b, body + 4, bigEndian);
        if (slen > end - body - 8) {
            throw corrupt(start, "decryption secrets length " + slen + " exceeds the " + (end - body - 8)
                    + " bytes of the block");
        }
        int fixed = 8 + (int) slen;
        int opts = body + 8 + (((int) slen + 3) & ~3);
        byte[] s = scratch(fixed);
        System.arraycopy(b, body, s, 0, fixed);
        if (bigEndian) {
            Bytes.reverse(s, 0, 4);
            Bytes.reverse(s, 4, 4);
        }
        rec.reset(PacketRecord.Kind.BLOCK).setBlockType(BT_DSB).setSectionIndex(section);
        rec.setData(s, 0, fixed);
        if (opts < end) {
            parseOptions(b, opts, end, BT_DSB, rec.options(), start);
        }
        return true;
    }

    private boolean readCustom(PacketRecord rec, int type, byte[] b, int body, int end, int len, long start)
            throws IOException {
        checkMin(len, MIN_CB, "custom", start);
        // Only the vendor knows where its data ends, so the options cannot be found: the whole
        // body (PEN, data, any options) is the payload; only the PEN is made little-endian.
        int n = end - body;
        byte[] s = scratch(n);
        System.arraycopy(b, body, s, 0, n);
        if (bigEndian) {
            Bytes.reverse(s, 0, 4);
        }
        rec.reset(PacketRecord.Kind.BLOCK).setBlockType(type).setSectionIndex(section);
        rec.setData(s, 0, n);
        return true;
    }

    private byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        return scratch;
    }

    // ------------------------------------------------------------------ options

    /**
     * Reads options from {@code p} to {@code end} into {@code dst}, making the values whose
     * layout is known little-endian. opt_endofopt ends the list but may be missing.
     */
    private void parseOptions(byte[] b, int p, int end, int blockType, Options dst, long start)
            throws CaptureException {
        boolean be = bigEndian;
        while (p + 4 <= end) {
            int code = Bytes.u16(b, p, be);
            int olen = Bytes.u16(b, p + 2, be);
            if (code == OPT_ENDOFOPT) {
                return;
            }
            if (olen > end - p - 4) {
                // tshark: "Not enough data to handle option of length N"
                throw corrupt(start, blockName(blockType) + " option " + code + " of length " + olen
                        + " runs past the end of the block");
            }
            dst.add(code, b, p + 4, olen);
            if (be) {
                int width = numericWidth(blockType, code, olen);
                Options o = dst;
                int i = o.size() - 1;
                if (width == 4 && (code == OPT_CUSTOM_STR || code == OPT_CUSTOM_BIN
                        || code == OPT_CUSTOM_STR_NOCOPY || code == OPT_CUSTOM_BIN_NOCOPY)) {
                    Bytes.reverse(o.array(), o.offset(i), 4); // PEN only
                } else if (width == -2) {
                    Bytes.reverse(o.array(), o.offset(i), 4); // high and low halves of a timestamp
                    Bytes.reverse(o.array(), o.offset(i) + 4, 4);
                } else if (width == -9 && (o.array()[o.offset(i)] == 2 || o.array()[o.offset(i)] == 3)) {
                    Bytes.reverse(o.array(), o.offset(i) + 1, 8); // epb_verdict eBPF: type byte + u64
                } else if (width > 1) {
                    Bytes.reverse(o.array(), o.offset(i), width);
                }
            }
            p += 4 + ((olen + 3) & ~3);
        }
    }

    /**
     * How to make an option value little-endian: the width of the number to reverse, 0 for bytes,
     * -2 for an ISB high/low timestamp pair, -9 for an eBPF epb_verdict.
     */
    static int numericWidth(int blockType, int code, int olen) {
        if (code == OPT_CUSTOM_STR || code == OPT_CUSTOM_BIN || code == OPT_CUSTOM_STR_NOCOPY
                || code == OPT_CUSTOM_BIN_NOCOPY) {
            return olen >= 4 ? 4 : 0;
        }
        switch (blockType) {
            case BT_IDB:
                switch (code) {
                    case IF_SPEED:
                    case IF_TSOFFSET:
                    case IF_TXSPEED:
                    case IF_RXSPEED:
                        return olen == 8 ? 8 : 0;
                    case IF_TZONE:
                        return olen == 4 ? 4 : 0;
                    default:
                        return 0; // strings, addresses, tsresol/fcslen (1 byte), filter
                }
            case BT_EPB:
            case BT_PB:
                switch (code) {
                    case EPB_FLAGS:
                    case EPB_QUEUE:
                        return olen == 4 ? 4 : 0;
                    case EPB_DROPCOUNT:
                    case EPB_PACKETID:
                        return olen == 8 ? 8 : 0;
                    case EPB_VERDICT:
                        return olen == 9 ? -9 : 0;
                    default:
                        return 0;
                }
            case BT_ISB:
                if (code == ISB_STARTTIME || code == 3) {
                    return olen == 8 ? -2 : 0;
                }
                return code >= ISB_IFRECV && code <= ISB_USRDELIV && olen == 8 ? 8 : 0;
            default:
                return 0;
        }
    }

    private static String blockName(int type) {
        switch (type) {
            case BT_SHB: return "SHB";
            case BT_IDB: return "IDB";
            case BT_EPB: return "EPB";
            case BT_PB: return "PB";
            case BT_ISB: return "ISB";
            case BT_NRB: return "NRB";
            case BT_DSB: return "DSB";
            default: return "block " + Bytes.hex(type & 0xFFFFFFFFL);
        }
    }
}
