package dev.capmill.decode;

/** IPv6 fixed header (extension headers are not walked yet: next header is the first one). */
public final class Ipv6 {
    public static final int HEADER = 40;
    private byte[] buf;
    private int off;
    private int payloadLength;
    private int nextHeader;
    private int hopLimit;

    public boolean reset(byte[] b, int o, int len) {
        buf = b;
        off = o;
        if (len < HEADER || (b[o] & 0xf0) != 0x60) {
            return false;
        }
        payloadLength = Bytes16.be(b, o + 4);
        nextHeader = b[o + 6] & 0xff;
        hopLimit = b[o + 7] & 0xff;
        return true;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public int hopLimit() {
        return hopLimit;
    }

    public int sourceOffset() {
        return off + 8;
    }

    public int destinationOffset() {
        return off + 24;
    }

    public void appendSource(StringBuilder sb) {
        Addresses.ipv6(sb, buf, off + 8);
    }

    public void appendDestination(StringBuilder sb) {
        Addresses.ipv6(sb, buf, off + 24);
    }
}
