package dev.capmill.format.pcapng;

import static dev.capmill.format.pcapng.PcapngConstants.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Writes little-endian pcapng. Sections and interfaces are declared as their records arrive;
 * interface ids restart at 0 in every section, so the writer maps the global interface ids of
 * the records to the local ids of the section it is writing.
 */
public final class PcapngWriter implements CaptureWriter {
    private static final long NANOS = 1_000_000_000L;
    private static final byte[] PAD = new byte[4];

    private final Output out;
    private final CaptureMetadata metadata;
    private final WriteOptions options;

    private boolean anyShb;
    private int sectionGeneration;
    /** Per global interface: the generation of the section it was declared in (0 = not declared). */
    private int[] declaredIn = new int[8];
    private int[] localId = new int[8];
    private int[] resol = new int[8];
    private long[] tsOffset = new long[8];
    private int localCount;
    private long droppedNoCopy;
    private final Options scratchOptions = new Options();
    private byte[] body = new byte[64];

    PcapngWriter(Output out, CaptureMetadata metadata, WriteOptions options) {
        this.out = out;
        this.metadata = metadata;
        this.options = options;
    }

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public void write(PacketRecord rec) throws IOException {
        switch (rec.kind()) {
            case SECTION:
                writeSection(rec);
                break;
            case INTERFACE:
                ensureSection();
                declare(rec.interfaceId());
                break;
            case PACKET:
                ensureSection();
                writePacket(rec);
                break;
            case BLOCK:
                ensureSection();
                writeBlock(rec);
                break;
            default:
                throw new IllegalStateException("unknown kind " + rec.kind());
        }
    }

    @Override
    public void finish() throws IOException {
        ensureSection();
        if (droppedNoCopy > 0) {
            options.diagnostics().warn("pcapng: " + droppedNoCopy + " do-not-copy custom block"
                    + (droppedNoCopy == 1 ? " (0x40000BAD) was" : "s (0x40000BAD) were") + " not copied");
        }
        out.flush();
    }

    // ------------------------------------------------------------------ sections and interfaces

    private void ensureSection() throws IOException {
        if (!anyShb) {
            writeShb(null);
        }
    }

    private void writeSection(PacketRecord rec) throws IOException {
        Options o = rec.options();
        int idx = rec.sectionIndex();
        if (idx >= 0 && idx < metadata.sections().size()) {
            SectionInfo s = metadata.sections().get(idx);
            o = s.options();
        }
        writeShb(o);
    }

    private void writeShb(Options o) throws IOException {
        int optLen = optionsLength(o);
        int len = 28 + optLen;
        out.u32(BT_SHB).u32(len).u32(BYTE_ORDER_MAGIC).u16(1).u16(0).u64(-1L);
        writeOptions(o);
        out.u32(len);
        anyShb = true;
        sectionGeneration++;
        localCount = 0;
    }

    private void declare(int global) throws IOException {
        if (global < 0 || global >= metadata.interfaces().size()) {
            throw new CaptureException.Unwritable(ID, "interface " + global + " was never declared");
        }
        InterfaceInfo ii = metadata.interfaces().get(global);
        Options o = scratchOptions;
        o.copyFrom(ii.options());
        if (!o.contains(IF_TSRESOL) && ii.tsResolution() != DEFAULT_TSRESOL) {
            o.add(IF_TSRESOL, new byte[] {(byte) ii.tsResolution()});
        }
        if (!o.contains(IF_TSOFFSET) && ii.tsOffset() != 0) {
            o.addU64(IF_TSOFFSET, ii.tsOffset());
        }
        if (!o.contains(IF_FCSLEN) && ii.fcsLength() >= 0) {
            o.add(IF_FCSLEN, new byte[] {(byte) ii.fcsLength()});
        }
        // What the IDB says is what the reader will use: take resolution and offset from the options.
        int r = o.indexOf(IF_TSRESOL);
        int res = r >= 0 && o.length(r) == 1 ? o.array()[o.offset(r)] & 0xFF : DEFAULT_TSRESOL;
        int t = o.indexOf(IF_TSOFFSET);
        long off = t >= 0 && o.length(t) == 8 ? Bytes.i64LE(o.array(), o.offset(t)) : 0;
        int optLen = optionsLength(o);
        int len = 20 + optLen;
        out.u32(BT_IDB).u32(len).u16(ii.linkType()).u16(0).u32(ii.snapLength());
        writeOptions(o);
        out.u32(len);
        grow(global + 1);
        declaredIn[global] = sectionGeneration;
        localId[global] = localCount++;
        resol[global] = res;
        tsOffset[global] = off;
    }

    private void grow(int n) {
        if (n > declaredIn.length) {
            int m = Math.max(n, declaredIn.length * 2);
            declaredIn = Arrays.copyOf(declaredIn, m);
            localId = Arrays.copyOf(localId, m);
            resol = Arrays.copyOf(resol, m);
            tsOffset = Arrays.copyOf(tsOffset, m);
        }
    }

    /** The local id of a global interface in the current section, declaring it there if needed. */
    private int local(int global) throws IOException {
        if (global < 0 || global >= declaredIn.length || declaredIn[global] != sectionGeneration) {
            declare(global);
        }
        return localId[global];
    }

    // ------------------------------------------------------------------ packets

    private void writePacket(PacketRecord rec) throws IOException {
        int global = rec.interfaceId();
        int lid = local(global);
        int cap = rec.capturedLength();
        long orig = rec.originalLength();
        if (orig < 0 || orig > 0xFFFFFFFFL) {
            throw new CaptureException.Unwritable(ID, "original length " + orig + " does not fit in 32 bits");
        }
        int padded = (cap + 3) & ~3;
        Options o = rec.options();
        if (!rec.hasTimestamp() && lid == 0 && o.isEmpty() && spbKeepsLength(global, cap, orig, padded)) {
            int len = 16 + padded;
            out.u32(BT_SPB).u32(len).u32(orig);
            out.bytes(rec.data(), rec.offset(), cap).bytes(PAD, 0, padded - cap);
            out.u32(len);
            return;
        }
        long ticks = rec.hasTimestamp() ? ticks(rec, global) : 0;
        int optLen = optionsLength(o);
        long len = 32L + padded + optLen;
        if (len > 0xFFFFFFFFL) {
            throw new CaptureException.Unwritable(ID, "packet of " + cap + " bytes does not fit in a block");
        }
        out.u32(BT_EPB).u32(len).u32(lid).u32(ticks >>> 32).u32(ticks).u32(cap).u32(orig);
        out.bytes(rec.data(), rec.offset(), cap).bytes(PAD, 0, padded - cap);
        if (optLen > 0) {
            writeOptions(o);
        }
        out.u32(len);
    }

    /** Whether an SPB would be read back with this captured length (NG SPB caplen rule). */
    private boolean spbKeepsLength(int global, int cap, long orig, int padded) {
        long c = Math.min(orig, padded);
        long snap = metadata.interfaces().get(global).snapLength();
        if (snap != 0) {
            c = Math.min(c, snap);
        }
        return c == cap;
    }

    /** On-disk ticks for the record's time in the interface's resolution, minus its if_tsoffset. */
    private long ticks(PacketRecord rec, int global) throws CaptureException {
        InterfaceInfo ii = metadata.interfaces().get(global);
        int res = resol[global];
        if (rec.rawTicksValid() && res == ii.tsResolution() && tsOffset[global] == ii.tsOffset()) {
            return rec.rawTicks();
        }
        long sec = rec.seconds() - tsOffset[global];
        long ns = rec.nanos();
        if ((res & 0x80) == 0) {
            BigInteger t;
            if (res <= 9) {
                long div = pow10(9 - res);
                if (sec >= 0 && sec < Long.MAX_VALUE / pow10(res)) {
                    return sec * pow10(res) + ns / div; // the common case, without allocation
                }
                t = BigInteger.valueOf(sec).multiply(BigInteger.valueOf(pow10(res))).add(BigInteger.valueOf(ns / div));
            } else {
                t = BigInteger.valueOf(sec).multiply(BigInteger.TEN.pow(res))
                        .add(BigInteger.valueOf(ns).multiply(BigInteger.TEN.pow(res - 9)));
            }
            return checkTicks(t, rec);
        }
        int shift = res & 0x7F;
        // frac = ceil(ns * 2^shift / 10^9): the smallest tick count that reads back as ns.
        BigInteger frac = BigInteger.valueOf(ns).shiftLeft(shift).add(BigInteger.valueOf(NANOS - 1))
                .divide(BigInteger.valueOf(NANOS));
        return checkTicks(BigInteger.valueOf(sec).shiftLeft(shift).add(frac), rec);
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    /** 10^n for n in 0..9, from a table: this runs for every packet whose raw ticks are unknown. */
    private static long pow10(int n) {
        return POW10[n];
    }

    private static long checkTicks(BigInteger t, PacketRecord rec) throws CaptureException {
        if (t.signum() < 0 || t.bitLength() > 64) {
            throw new CaptureException.Unwritable(ID, "time " + rec.seconds() + "." + String.format("%09d", rec.nanos())
                    + " cannot be stored in the interface's 64-bit timestamp");
        }
        return t.longValue();
    }

    // ------------------------------------------------------------------ other blocks

    private void writeBlock(PacketRecord rec) throws IOException {
        int type = rec.blockType();
        if (type == BT_CB_NOCOPY) {
            droppedNoCopy++;
            return;
        }
        if (type == BT_SHB || type == BT_IDB || type == BT_EPB || type == BT_SPB || type == BT_PB) {
            String what = "a BLOCK record of pcapng block type " + Bytes.hex(type & 0xFFFFFFFFL)
                    + " cannot be written as a raw block";
            if (options.lossPolicy() == WriteOptions.LossPolicy.FAIL) {
                throw new CaptureException.Unwritable(ID, what);
            }
            options.diagnostics().warn("pcapng: " + what + "; dropped");
            return;
        }
        byte[] data = rec.data();
        int off = rec.offset();
        int n = rec.capturedLength();
        if (type == BT_ISB) {
            if (n < 4) {
                throw new CaptureException.Unwritable(ID, "interface statistics block body of " + n + " bytes");
            }
            if (body.length < n) {
                body = new byte[Math.max(n, body.length * 2)];
            }
            System.arraycopy(data, off, body, 0, n);
            // the record's interface id, not the body's: a source that renumbers interfaces
            // (several inputs) renumbers the record only
            int global = rec.interfaceId();
            if (global < 0 || global >= metadata.interfaces().size()) {
                throw new CaptureException.Unwritable(ID, "interface statistics for undeclared interface " + global);
            }
            Bytes.putI32LE(body, 0, local(global));
            data = body;
            off = 0;
        }
        int padded = (n + 3) & ~3;
        Options o = rec.options();
        int optLen = optionsLength(o);
        long len = 12L + padded + optLen;
        if (len > 0xFFFFFFFFL) {
            throw new CaptureException.Unwritable(ID, "block of " + n + " bytes does not fit");
        }
        out.u32(type).u32(len);
        out.bytes(data, off, n).bytes(PAD, 0, padded - n);
        if (optLen > 0) {
            writeOptions(o);
        }
        out.u32(len);
    }

    // ------------------------------------------------------------------ options

    /** Bytes the options take, with opt_endofopt; 0 when there are none. */
    private static int optionsLength(Options o) throws CaptureException {
        if (o == null || o.isEmpty()) {
            return 0;
        }
        int n = 0;
        int written = 0;
        for (int i = 0; i < o.size(); i++) {
            if (o.code(i) == OPT_ENDOFOPT) {
                continue;
            }
            if (o.length(i) > 0xFFFF) {
                throw new CaptureException.Unwritable(ID, "option " + o.code(i) + " of " + o.length(i)
                        + " bytes is longer than 65535");
            }
            n += 4 + ((o.length(i) + 3) & ~3);
            written++;
        }
        return written == 0 ? 0 : n + 4;
    }

    private void writeOptions(Options o) throws IOException {
        if (o == null || o.isEmpty()) {
            return;
        }
        boolean any = false;
        for (int i = 0; i < o.size(); i++) {
            int code = o.code(i);
            if (code == OPT_ENDOFOPT) {
                continue;
            }
            int len = o.length(i);
            out.u16(code).u16(len).bytes(o.array(), o.offset(i), len);
            out.bytes(PAD, 0, ((len + 3) & ~3) - len);
            any = true;
        }
        if (any) {
            out.u32(0);
        }
    }
}
