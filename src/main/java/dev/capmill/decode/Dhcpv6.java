package dev.capmill.decode;

/** DHCPv6 message (RFC 8415): message type and transaction ID, bounds-checked option access. */
public final class Dhcpv6 {
    private byte[] b;
    private int off;
    private int captured;
    private int reported;

    public boolean reset(byte[] buf, int o, int capturedLength, int reportedLength) {
        b = buf;
        off = o;
        reported = Math.max(0, reportedLength);
        captured = Math.max(0, Math.min(Math.min(capturedLength, reported), buf.length - o));
        return reported > 0;
    }

    public int captured() {
        return captured;
    }

    public int reported() {
        return reported;
    }

    /** dhcpv6.msgtype, or -1. */
    public int messageType() {
        return captured >= 1 ? b[off] & 0xff : -1;
    }

    /** dhcpv6.xid (24 bits), or -1 when not captured (relay messages have none). */
    public int transactionId() {
        return captured >= 4 ? (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff) : -1;
    }

    public int u8(int i) {
        return b[off + i] & 0xff;
    }

    public int u16(int i) {
        return Bytes16.be(b, off + i);
    }

    /** Absolute buffer offset of message offset {@code i}. */
    public int absolute(int i) {
        return off + i;
    }

    public byte[] buffer() {
        return b;
    }
}
