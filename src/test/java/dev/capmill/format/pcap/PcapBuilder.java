package dev.capmill.format.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds pcap files byte by byte for tests: any magic, byte order, version, record layout. */
final class PcapBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;
    private int extraRecordBytes;
    private byte[] extraFill = new byte[0];

    private PcapBuilder(ByteOrder order) {
        this.order = order;
    }

    static PcapBuilder le() {
        return new PcapBuilder(ByteOrder.LITTLE_ENDIAN);
    }

    static PcapBuilder be() {
        return new PcapBuilder(ByteOrder.BIG_ENDIAN);
    }

    static PcapBuilder of(boolean bigEndian) {
        return bigEndian ? be() : le();
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    PcapBuilder header(int magic, int major, int minor, long snaplen, int network) {
        ByteBuffer b = buf(24);
        b.putInt(magic).putShort((short) major).putShort((short) minor).putInt(0).putInt(0)
                .putInt((int) snaplen).putInt(network);
        out.writeBytes(b.array());
        return this;
    }

    /** The standard microsecond header, version 2.4. */
    PcapBuilder usec(long snaplen, int network) {
        return header(PcapConstants.MAGIC_USEC, 2, 4, snaplen, network);
    }

    PcapBuilder nsec(long snaplen, int network) {
        return header(PcapConstants.MAGIC_NSEC, 2, 4, snaplen, network);
    }

    PcapBuilder u32(long v) {
        out.writeBytes(buf(4).putInt((int) v).array());
        return this;
    }

    /** Bytes after the 16 standard bytes of every following record header (variants). */
    PcapBuilder extra(byte... fill) {
        extraRecordBytes = fill.length;
        extraFill = fill.clone();
        return this;
    }

    /** A record whose data is {@code caplen} bytes counting up from {@code seed}. */
    PcapBuilder record(long sec, long frac, long caplen, long origlen, int dataBytes, int seed) {
        out.writeBytes(buf(16).putInt((int) sec).putInt((int) frac).putInt((int) caplen).putInt((int) origlen).array());
        if (extraRecordBytes > 0) {
            out.writeBytes(extraFill);
        }
        byte[] d = new byte[dataBytes];
        for (int i = 0; i < dataBytes; i++) {
            d[i] = (byte) (seed + i);
        }
        out.writeBytes(d);
        return this;
    }

    PcapBuilder record(long sec, long frac, int caplen, int seed) {
        return record(sec, frac, caplen, caplen, caplen, seed);
    }

    PcapBuilder raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] data(int len, int seed) {
        byte[] d = new byte[len];
        for (int i = 0; i < len; i++) {
            d[i] = (byte) (seed + i);
        }
        return d;
    }
}
