package dev.capmill.format.netxray;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds NetXRay / Windows Sniffer files byte by byte for tests (layout per Wireshark's netxray.c). */
final class NetxrayBuilder {
    final byte[] header = new byte[NetxrayConstants.HEADER_LEN];
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    final int recordHeaderLen;

    /** version: "old", "001.000", "001.100", "002.000".."002.003". */
    NetxrayBuilder(String version) {
        if (version.equals("old")) {
            System.arraycopy(NetxrayConstants.OLD_MAGIC, 0, header, 0, 4);
            recordHeaderLen = NetxrayConstants.REC_OLD_LEN;
        } else {
            System.arraycopy(NetxrayConstants.MAGIC, 0, header, 0, 4);
            byte[] v = version.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(v, 0, header, NetxrayConstants.H_VERSION, v.length);
            recordHeaderLen = version.startsWith("001") ? NetxrayConstants.REC_1_LEN : NetxrayConstants.REC_2_LEN;
        }
        le32(header, NetxrayConstants.H_START_OFFSET, NetxrayConstants.HEADER_LEN);
    }

    NetxrayBuilder set8(int off, int v) {
        header[off] = (byte) v;
        return this;
    }

    NetxrayBuilder set32(int off, long v) {
        le32(header, off, v);
        return this;
    }

    /** A record: tick count, original length, the bytes captured, and xxx[] of 2.x headers. */
    NetxrayBuilder record(long ticks, int origLen, byte[] data, byte[] xxx) {
        byte[] h = new byte[recordHeaderLen];
        le32(h, NetxrayConstants.R_TIMELO, ticks & 0xFFFFFFFFL);
        le32(h, NetxrayConstants.R_TIMEHI, ticks >>> 32);
        if (recordHeaderLen == NetxrayConstants.REC_OLD_LEN) {
            le16(h, NetxrayConstants.R_ORIG_LEN, data.length);
        } else {
            le16(h, NetxrayConstants.R_ORIG_LEN, origLen);
            le16(h, NetxrayConstants.R_INCL_LEN, data.length);
        }
        if (xxx != null) {
            System.arraycopy(xxx, 0, h, NetxrayConstants.R2_XXX, Math.min(xxx.length, recordHeaderLen - NetxrayConstants.R2_XXX));
        }
        records.write(h, 0, h.length);
        records.write(data, 0, data.length);
        return this;
    }

    NetxrayBuilder record(long ticks, byte[] data) {
        return record(ticks, data.length, data, null);
    }

    byte[] recordBytes() {
        return records.toByteArray();
    }

    /** The file with end_offset at the end of the records (unless set before). */
    byte[] build() {
        byte[] r = records.toByteArray();
        byte[] all = Arrays.copyOf(header, header.length + r.length);
        System.arraycopy(r, 0, all, header.length, r.length);
        if (u32(all, NetxrayConstants.H_END_OFFSET) == 0) {
            le32(all, NetxrayConstants.H_END_OFFSET, all.length);
        }
        return all;
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    static void le16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void le32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
