package dev.capmill.format.pcapng;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds small pcapng files in memory, in either byte order per section, for tests. */
final class PcapngBuilder {
    /** One option; numbers are encoded in the byte order of the section being built. */
    static class Opt {
        final int code;
        final byte[] raw;
        final int width; // 0 = bytes as given, else a number of that width
        final long number;
        final boolean tsPair;

        private Opt(int code, byte[] raw, int width, long number, boolean tsPair) {
            this.code = code;
            this.raw = raw;
            this.width = width;
            this.number = number;
            this.tsPair = tsPair;
        }

        byte[] encode(ByteOrder order) {
            if (width == 0) {
                return raw;
            }
            ByteBuffer bb = ByteBuffer.allocate(width).order(order);
            if (tsPair) {
                bb.putInt((int) (number >>> 32)).putInt((int) number);
            } else if (width == 1) {
                bb.put((byte) number);
            } else if (width == 2) {
                bb.putShort((short) number);
            } else if (width == 4) {
                bb.putInt((int) number);
            } else {
                bb.putLong(number);
            }
            return bb.array();
        }
    }

    static Opt bytes(int code, int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return raw(code, b);
    }

    static Opt raw(int code, byte[] v) {
        return new Opt(code, v, 0, 0, false);
    }

    static Opt str(int code, String s) {
        return raw(code, s.getBytes(StandardCharsets.UTF_8));
    }

    static Opt u8(int code, int v) {
        return new Opt(code, null, 1, v, false);
    }

    static Opt u32(int code, long v) {
        return new Opt(code, null, 4, v, false);
    }

    static Opt u64(int code, long v) {
        return new Opt(code, null, 8, v, false);
    }

    static Opt tsPair(int code, long v) {
        return new Opt(code, null, 8, v, true);
    }

    /** A custom option: PEN in the section's byte order, then the data as given. */
    static Opt customOpt(int code, int pen, byte[] data) {
        return new Opt(code, null, 0, 0, false) {
            @Override
            byte[] encode(ByteOrder order) {
                return ByteBuffer.allocate(4 + data.length).order(order).putInt(pen).put(data).array();
            }
        };
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    /** When false, opt_endofopt is left out. */
    boolean endOfOpt = true;

    byte[] toByteArray() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    ByteOrder order() {
        return order;
    }

    PcapngBuilder raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    PcapngBuilder shb(boolean bigEndian, Opt... opts) {
        return shb(bigEndian, 1, 0, opts);
    }

    PcapngBuilder shb(boolean bigEndian, int major, int minor, Opt... opts) {
        order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer f = buf(16).putInt(0x1A2B3C4D).putShort((short) major).putShort((short) minor).putLong(-1);
        return block(0x0A0D0D0A, f.array(), opts);
    }

    PcapngBuilder idb(int linkType, long snaplen, Opt... opts) {
        ByteBuffer f = buf(8).putShort((short) linkType).putShort((short) 0).putInt((int) snaplen);
        return block(1, f.array(), opts);
    }

    PcapngBuilder epb(int ifid, long ticks, byte[] data, long origLen, Opt... opts) {
        return epbCap(ifid, ticks, data, data.length, origLen, opts);
    }

    /** An EPB whose caplen field says {@code caplen}, whatever the data. */
    PcapngBuilder epbCap(int ifid, long ticks, byte[] data, long caplen, long origLen, Opt... opts) {
        ByteBuffer f = buf(20 + pad(data.length)).putInt(ifid).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt((int) caplen).putInt((int) origLen).put(data);
        return block(6, f.array(), opts);
    }

    PcapngBuilder pb(int ifid, int drops, long ticks, byte[] data, long origLen, Opt... opts) {
        ByteBuffer f = buf(20 + pad(data.length)).putShort((short) ifid).putShort((short) drops)
                .putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt((int) origLen).put(data);
        return block(2, f.array(), opts);
    }

    PcapngBuilder spb(long origLen, byte[] data) {
        ByteBuffer f = buf(4 + pad(data.length)).putInt((int) origLen).put(data);
        return block(3, f.array());
    }

    PcapngBuilder isb(int ifid, long ticks, Opt... opts) {
        ByteBuffer f = buf(12).putInt(ifid).putInt((int) (ticks >>> 32)).putInt((int) ticks);
        return block(5, f.array(), opts);
    }

    /** An NRB with one IPv4 record and one IPv6 record. */
    PcapngBuilder nrb(byte[] ip4, String name4, byte[] ip6, String name6, Opt... opts) {
        byte[] n4 = (name4 + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] n6 = (name6 + "\0").getBytes(StandardCharsets.UTF_8);
        int l4 = 4 + n4.length;
        int l6 = 16 + n6.length;
        ByteBuffer f = buf(4 + pad(l4) + 4 + pad(l6) + 4);
        f.putShort((short) 1).putShort((short) l4).put(ip4).put(n4);
        f.position(f.position() + pad(l4) - l4);
        f.putShort((short) 2).putShort((short) l6).put(ip6).put(n6);
        f.position(f.position() + pad(l6) - l6);
        f.putShort((short) 0).putShort((short) 0);
        return block(4, f.array(), opts);
    }

    PcapngBuilder dsb(int secretsType, byte[] secrets, Opt... opts) {
        ByteBuffer f = buf(8 + pad(secrets.length)).putInt(secretsType).putInt(secrets.length).put(secrets);
        return block(0x0A, f.array(), opts);
    }

    PcapngBuilder custom(int type, int pen, byte[] data) {
        ByteBuffer f = buf(4 + pad(data.length)).putInt(pen).put(data);
        return block(type, f.array());
    }

    /** Any block: the fixed part as given (already in the section's order), then the options. */
    PcapngBuilder block(int type, byte[] fixed, Opt... opts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Opt opt : opts) {
            byte[] v = opt.encode(order);
            o.writeBytes(buf(4).putShort((short) opt.code).putShort((short) v.length).array());
            o.writeBytes(v);
            o.writeBytes(new byte[pad(v.length) - v.length]);
        }
        if (opts.length > 0 && endOfOpt) {
            o.writeBytes(new byte[4]);
        }
        int len = 12 + pad(fixed.length) + o.size();
        out.writeBytes(buf(8).putInt(type).putInt(len).array());
        out.writeBytes(fixed);
        out.writeBytes(new byte[pad(fixed.length) - fixed.length]);
        out.writeBytes(o.toByteArray());
        out.writeBytes(buf(4).putInt(len).array());
        return this;
    }

    ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }
}
