package dev.capmill.decode;

/**
 * ICMPv6 (RFC 4443) and the neighbour discovery messages (RFC 4861): type, code, echo identifier
 * and sequence, the target address of neighbour solicitations and advertisements, their flags,
 * and the link-layer address options (types 1 and 2) of the messages that carry them.
 */
public final class Icmpv6 {
    private byte[] buf;
    private int off;
    private int len;
    private int type;
    private int code;
    private int checksum;

    /** False when fewer than four bytes (type, code, checksum) were captured. */
    public boolean reset(byte[] b, int o, int length) {
        buf = b;
        off = o;
        len = length;
        if (length < 4) {
            return false;
        }
        type = b[o] & 0xff;
        code = b[o + 1] & 0xff;
        checksum = Bytes16.be(b, o + 2);
        return true;
    }

    public int type() {
        return type;
    }

    public int code() {
        return code;
    }

    public int checksum() {
        return checksum;
    }

    /** Bytes available from the type byte. */
    public int length() {
        return len;
    }

    public boolean has(int bytes) {
        return len >= bytes;
    }

    /** Echo identifier (needs 6 bytes). */
    public int identifier() {
        return Bytes16.be(buf, off + 4);
    }

    /** Echo sequence number (needs 8 bytes). */
    public int sequence() {
        return Bytes16.be(buf, off + 6);
    }

    /** The 32-bit word after the checksum (MTU, pointer, NA flags). */
    public long word() {
        return Bytes16.be32(buf, off + 4);
    }

    /** Absolute offset of the target address of a neighbour solicitation or advertisement. */
    public int targetOffset() {
        return off + 8;
    }

    /**
     * The absolute offset of the six address bytes of the first link-layer address option of
     * {@code optionType} (1 source, 2 target) among the options starting {@code start} bytes into the
     * message, or -1. Only eight-byte options (length 1, an Ethernet address) are read.
     */
    public int linkLayerOption(int start, int optionType) {
        int p = off + start;
        int end = off + len;
        while (p + 2 <= end) {
            int t = buf[p] & 0xff;
            int l = (buf[p + 1] & 0xff) * 8;
            if (l == 0) {
                return -1;
            }
            if (t == optionType && l == 8 && p + 8 <= end) {
                return p + 2;
            }
            p += l;
        }
        return -1;
    }

    public byte[] buffer() {
        return buf;
    }
}
