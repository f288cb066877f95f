package dev.capmill.model;

import java.util.Arrays;

/**
 * The one normalised record every reader fills and every writer consumes. It is reused: a reader
 * overwrites it on each {@code next()}, and the payload view ({@link #data()}, {@link #offset()},
 * {@link #capturedLength()}) is valid only until then. Stages that keep records call {@link #copy()}.
 *
 * <p>A reader returns records of four kinds, in file order:
 * <ul>
 * <li>{@link Kind#SECTION}: a new section begins ({@link #sectionIndex()} names it in the reader's
 *     section list). Interfaces declared after it belong to it.</li>
 * <li>{@link Kind#INTERFACE}: an interface was declared ({@link #interfaceId()} names it in the
 *     reader's interface list). Every reader declares an interface before its first packet.</li>
 * <li>{@link Kind#PACKET}: a packet, on interface {@link #interfaceId()}.</li>
 * <li>{@link Kind#BLOCK}: a metadata block that is not a packet (pcapng ISB, NRB, DSB, custom and
 *     unknown blocks, a format's special frames): {@link #blockType()} says which, the body is the
 *     payload view, little-endian where its layout is known (see the reader).</li>
 * </ul>
 *
 * <p>Time is seconds since the Unix epoch plus nanoseconds (0..999,999,999), because pcapng
 * timestamps can lie far outside the ±292 years that a single long of nanoseconds holds (old
 * pcapng.org samples read as the year 151,000, and tshark shows them so). A reader that knows the
 * exact on-disk tick count also records it ({@link #rawTicks()}) so that a writer using the same
 * resolution writes back the same value, even where ticks do not map to whole nanoseconds.
 */
public final class PacketRecord {

    public enum Kind { SECTION, INTERFACE, PACKET, BLOCK }

    private Kind kind = Kind.PACKET;
    private int sectionIndex;
    private int interfaceId;
    private int blockType;

    private boolean hasTimestamp;
    private long seconds;
    private int nanos;
    private boolean rawTicksValid;
    private long rawTicks;

    private byte[] data = new byte[0];
    /** The payload array this record owns (for copies), or null; {@link #data} may point elsewhere. */
    private byte[] own;
    private int offset;
    private int capturedLength;
    private long originalLength;

    private final Options options = new Options();

    private long recordIndex;
    private long fileOffset;

    // ---- kind and identity ----

    public Kind kind() {
        return kind;
    }

    public boolean isPacket() {
        return kind == Kind.PACKET;
    }

    public int sectionIndex() {
        return sectionIndex;
    }

    public int interfaceId() {
        return interfaceId;
    }

    public int blockType() {
        return blockType;
    }

    /** Index of this record among the records (of every kind) the reader returned, from 0. */
    public long recordIndex() {
        return recordIndex;
    }

    /** Offset in the (decompressed) input of the block or record header this came from. */
    public long fileOffset() {
        return fileOffset;
    }

    /** Resets everything but the buffers and sets the kind. */
    public PacketRecord reset(Kind k) {
        kind = k;
        sectionIndex = 0;
        interfaceId = 0;
        blockType = 0;
        hasTimestamp = false;
        seconds = 0;
        nanos = 0;
        rawTicksValid = false;
        rawTicks = 0;
        offset = 0;
        capturedLength = 0;
        originalLength = 0;
        options.clear();
        return this;
    }

    public PacketRecord setSectionIndex(int i) {
        sectionIndex = i;
        return this;
    }

    public PacketRecord setInterfaceId(int id) {
        interfaceId = id;
        return this;
    }

    public PacketRecord setBlockType(int t) {
        blockType = t;
        return this;
    }

    public PacketRecord setPosition(long index, long offsetInFile) {
        recordIndex = index;
        fileOffset = offsetInFile;
        return this;
    }

    // ---- time ----

    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    public long seconds() {
        return seconds;
    }

    public int nanos() {
        return nanos;
    }

    /** Sets the time; {@code nanos} is normalised into 0..999,999,999. Forgets the raw ticks. */
    public PacketRecord setTime(long sec, long ns) {
        long carry = Math.floorDiv(ns, 1_000_000_000L);
        seconds = sec + carry;
        nanos = (int) (ns - carry * 1_000_000_000L);
        hasTimestamp = true;
        rawTicksValid = false;
        return this;
    }

    public PacketRecord clearTime() {
        hasTimestamp = false;
        seconds = 0;
        nanos = 0;
        rawTicksValid = false;
        return this;
    }

    public boolean rawTicksValid() {
        return rawTicksValid;
    }

    /** The timestamp as stored on disk, in units of the interface's resolution, before its offset. */
    public long rawTicks() {
        return rawTicks;
    }

    public PacketRecord setRawTicks(long ticks) {
        rawTicks = ticks;
        rawTicksValid = true;
        return this;
    }

    /** Compares the times of two records; a record without a time sorts first. */
    public static int compareTime(PacketRecord a, PacketRecord b) {
        if (a.hasTimestamp != b.hasTimestamp) {
            return a.hasTimestamp ? 1 : -1;
        }
        int c = Long.compare(a.seconds, b.seconds);
        return c != 0 ? c : Integer.compare(a.nanos, b.nanos);
    }

    // ---- payload ----

    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int capturedLength() {
        return capturedLength;
    }

    /** The length on the wire (unsigned 32-bit in most formats). */
    public long originalLength() {
        return originalLength;
    }

    /** Points the payload view at {@code len} bytes of {@code buf} from {@code off}, without copying. */
    public PacketRecord setData(byte[] buf, int off, int len) {
        data = buf;
        offset = off;
        capturedLength = len;
        return this;
    }

    public PacketRecord setOriginalLength(long len) {
        originalLength = len;
        return this;
    }

    /** Per-record options (pcapng EPB/PB options, block options): comments, flags, hash, ... */
    public Options options() {
        return options;
    }

    /** A deep copy that stays valid after the reader moves on. */
    public PacketRecord copy() {
        PacketRecord c = new PacketRecord();
        c.copyFrom(this);
        return c;
    }

    /**
     * Makes this record a deep copy of {@code o}. The bytes go into an array this record owns
     * (reused when large enough), never into the array its view pointed at before, which may be
     * a reader's buffer.
     */
    public PacketRecord copyFrom(PacketRecord o) {
        copyFields(o);
        if (own == null || own == o.data || own.length < o.capturedLength) {
            own = new byte[o.capturedLength];
        }
        System.arraycopy(o.data, o.offset, own, 0, o.capturedLength);
        data = own;
        offset = 0;
        capturedLength = o.capturedLength;
        return this;
    }

    /**
     * Makes this record a shallow copy of {@code o}: the payload view points at {@code o}'s bytes,
     * valid as long as they are (for a reader's record, until its next {@code next()}). Used by
     * sources that hand on a record they hold without copying its bytes (a merge's heads). Unlike
     * {@link #copyFrom}, never writes into the array this record pointed at before, which may be a
     * reader's buffer.
     */
    public PacketRecord shareFrom(PacketRecord o) {
        copyFields(o);
        data = o.data;
        offset = o.offset;
        capturedLength = o.capturedLength;
        return this;
    }

    /** Everything but the payload view. */
    private void copyFields(PacketRecord o) {
        kind = o.kind;
        sectionIndex = o.sectionIndex;
        interfaceId = o.interfaceId;
        blockType = o.blockType;
        hasTimestamp = o.hasTimestamp;
        seconds = o.seconds;
        nanos = o.nanos;
        rawTicksValid = o.rawTicksValid;
        rawTicks = o.rawTicks;
        originalLength = o.originalLength;
        recordIndex = o.recordIndex;
        fileOffset = o.fileOffset;
        options.copyFrom(o.options);
    }

    public byte[] payloadCopy() {
        return Arrays.copyOfRange(data, offset, offset + capturedLength);
    }

    @Override
    public String toString() {
        return kind + "{if=" + interfaceId + ", t=" + seconds + "." + String.format("%09d", nanos)
                + ", cap=" + capturedLength + ", len=" + originalLength + ", opts=" + options + "}";
    }
}
