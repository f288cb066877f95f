package dev.capmill.format.sniffer;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Builds DOS Sniffer files byte by byte for tests (layout per Wireshark's ngsniffer.c). */
final class SnifferBuilder {
    int major = 4;
    int minor = 0;
    /** DOS date: bits 15-9 year-1980, 8-5 month, 4-0 day. */
    int date = dosDate(2020, 3, 14);
    int network = SnifferConstants.NET_ETHERNET;
    int format = 1;
    int timeunit = 1;
    int rsvd0;
    private final ByteArrayOutputStream headers = new ByteArrayOutputStream();
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();

    static int dosDate(int year, int month, int day) {
        return ((year - 1980) << 9) | (month << 5) | day;
    }

    SnifferBuilder header(int type, byte[] body) {
        record(headers, type, body.length, body);
        return this;
    }

    /** A frame2 record; {@code extra} bytes of padding after the data are counted in the record length. */
    SnifferBuilder frame2(long ticks, int day, int fs, int trueSize, byte[] data, int extra) {
        byte[] h = common(ticks, day, data.length, fs, trueSize, SnifferConstants.FRAME2_LEN);
        return frame(SnifferConstants.REC_FRAME2, h, data, extra, h.length);
    }

    SnifferBuilder frame2(long ticks, byte[] data) {
        return frame2(ticks, 0, 0, 0, data, 0);
    }

    SnifferBuilder frame6(long ticks, byte[] data) {
        byte[] h = common(ticks, 0, data.length, 0, 0, SnifferConstants.FRAME6_LEN);
        return frame(SnifferConstants.REC_FRAME6, h, data, 0, h.length);
    }

    /** A frame4 (ATM) record with traffic type, VPI, VCI and channel in its ATMSaveInfo. */
    SnifferBuilder frame4(long ticks, int trafType, int vpi, int vci, int channel, byte[] data, int countedHeader) {
        byte[] h = common(ticks, 0, data.length, 0, 0, SnifferConstants.FRAME4_LEN);
        h[SnifferConstants.F4_TRAF_TYPE] = (byte) trafType;
        le16(h, SnifferConstants.F4_VPI, vpi);
        le16(h, SnifferConstants.F4_VCI, vci);
        le16(h, SnifferConstants.F4_CHANNEL, channel);
        return frame(SnifferConstants.REC_FRAME4, h, data, 0, countedHeader);
    }

    private SnifferBuilder frame(int type, byte[] h, byte[] data, int extra, int countedHeader) {
        byte[] body = new byte[h.length + data.length + extra];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(data, 0, body, h.length, data.length);
        record(records, type, countedHeader + data.length + extra, body);
        return this;
    }

    /** Any record, with the length field given separately from the body written. */
    SnifferBuilder raw(int type, int length, byte[] body) {
        record(records, type, length, body);
        return this;
    }

    SnifferBuilder eof() {
        record(records, SnifferConstants.REC_EOF, 0, new byte[0]);
        return this;
    }

    private static byte[] common(long ticks, int day, int size, int fs, int trueSize, int len) {
        byte[] h = new byte[len];
        le16(h, SnifferConstants.F_TIME_LOW, (int) (ticks & 0xFFFF));
        le16(h, SnifferConstants.F_TIME_MED, (int) ((ticks >>> 16) & 0xFFFF));
        h[SnifferConstants.F_TIME_HIGH] = (byte) (ticks >>> 32);
        h[SnifferConstants.F_TIME_DAY] = (byte) day;
        le16(h, SnifferConstants.F_SIZE, size);
        h[SnifferConstants.F_FS] = (byte) fs;
        le16(h, SnifferConstants.F_TRUE_SIZE, trueSize);
        return h;
    }

    private static void record(ByteArrayOutputStream out, int type, int length, byte[] body) {
        byte[] h = new byte[6];
        le16(h, 0, type);
        le16(h, 2, length);
        out.write(h, 0, 6);
        out.write(body, 0, body.length);
    }

    static void le16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    /** The file header: magic, version record, header records. */
    byte[] head() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SnifferConstants.MAGIC, 0, SnifferConstants.MAGIC.length);
        byte[] v = new byte[SnifferConstants.VERS_LEN];
        le16(v, SnifferConstants.V_MAJ, major);
        le16(v, SnifferConstants.V_MIN, minor);
        le16(v, SnifferConstants.V_DATE, date);
        v[SnifferConstants.V_TYPE] = 4;
        v[SnifferConstants.V_NETWORK] = (byte) network;
        v[SnifferConstants.V_FORMAT] = (byte) format;
        v[SnifferConstants.V_TIMEUNIT] = (byte) timeunit;
        le16(v, SnifferConstants.V_RSVD0, rsvd0);
        record(out, SnifferConstants.REC_VERS, v.length, v);
        byte[] hr = headers.toByteArray();
        out.write(hr, 0, hr.length);
        return out.toByteArray();
    }

    /** The records after the header, as an uncompressed file would hold them. */
    byte[] records() {
        return records.toByteArray();
    }

    byte[] build() {
        byte[] h = head();
        byte[] r = records();
        byte[] all = Arrays.copyOf(h, h.length + r.length);
        System.arraycopy(r, 0, all, h.length, r.length);
        return all;
    }

    /**
     * The same file compressed ({@code format} 0): the records cut into blobs of {@code blobSize}
     * bytes, every {@code storeEvery}-th stored (0: none), the others compressed.
     */
    byte[] buildCompressed(int blobSize, int storeEvery) {
        format = 0;
        byte[] h = head();
        format = 1;
        byte[] blobs = SnifferCompressor.blobs(records(), blobSize, storeEvery);
        byte[] all = Arrays.copyOf(h, h.length + blobs.length);
        System.arraycopy(blobs, 0, all, h.length, blobs.length);
        return all;
    }
}
