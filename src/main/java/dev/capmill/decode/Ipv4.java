package dev.capmill.decode;

/** IPv4 header. */
public final class Ipv4 {
    private byte[] buf;
    private int off;
    private int headerLength;
    private int totalLength;
    private int protocol;
    private int ttl;
    private int fragment;

    /** False when too short, not version 4, or the header length is below 20. */
    public boolean reset(byte[] b, int o, int len) {
        buf = b;
        off = o;
        if (len < 20 || (b[o] & 0xf0) != 0x40) {
            return false;
        }
        headerLength = (b[o] & 0x0f) * 4;
        if (headerLength < 20 || headerLength > len) {
            return false;
        }
        totalLength = Bytes16.be(b, o + 2);
        ttl = b[o + 8] & 0xff;
        protocol = b[o + 9] & 0xff;
        fragment = Bytes16.be(b, o + 6);
        return true;
    }

    public int headerLength() {
        return headerLength;
    }

    /** The total length field (may differ from what was captured). */
    public int totalLength() {
        return totalLength;
    }

    public int protocol() {
        return protocol;
    }

    public int ttl() {
        return ttl;
    }

    /** The identification field. */
    public int identification() {
        return Bytes16.be(buf, off + 4);
    }

    /** Whether this is a fragment other than a whole datagram (more fragments, or an offset). */
    public boolean isFragment() {
        return (fragment & 0x3fff) != 0;
    }

    public int sourceOffset() {
        return off + 12;
    }

    public int destinationOffset() {
        return off + 16;
    }

    public void appendSource(StringBuilder sb) {
        Addresses.ipv4(sb, buf, off + 12);
    }

    public void appendDestination(StringBuilder sb) {
        Addresses.ipv4(sb, buf, off + 16);
    }
}
