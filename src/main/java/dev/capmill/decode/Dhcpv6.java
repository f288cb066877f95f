package dev.capmill.decode;

/** DHCPv6 message (RFC 8415): message type and transaction ID, bounds-checked option access. */
public final class Dhcpv6 extends MessageView {
    public boolean reset(byte[] buf, int o, int capturedLength, int reportedLength) {
        return view(buf, o, capturedLength, reportedLength);
    }

    /** dhcpv6.msgtype, or -1. */
    public int messageType() {
        return captured >= 1 ? b[off] & 0xff : -1;
    }

    /** dhcpv6.xid (24 bits), or -1 when not captured (relay messages have none). */
    public int transactionId() {
        return captured >= 4 ? (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff) : -1;
    }
}
