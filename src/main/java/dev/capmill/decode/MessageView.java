package dev.capmill.decode;

/**
 * An application message over UDP seen as tshark sees it: {@code reported} bytes claimed (the UDP
 * length), of which {@code captured} are in the buffer. The DHCP, DHCPv6 and NTP decoders read
 * through it; reads are checked by the caller against {@link #captured()}.
 */
public abstract class MessageView {
    protected byte[] b;
    protected int off;
    protected int captured;
    protected int reported;

    /** Views {@code reportedLength} bytes at {@code o}, {@code capturedLength} of them at hand; false when empty. */
    protected final boolean view(byte[] buf, int o, int capturedLength, int reportedLength) {
        b = buf;
        off = o;
        reported = Math.max(0, reportedLength);
        captured = Math.max(0, Math.min(Math.min(capturedLength, reported), buf.length - o));
        return reported > 0;
    }

    /** Bytes at hand (captured, within the claimed length). */
    public final int captured() {
        return captured;
    }

    /** Length the message claims. */
    public final int reported() {
        return reported;
    }

    /** Byte {@code i} of the message (the caller checks {@link #captured()}). */
    public final int u8(int i) {
        return b[off + i] & 0xff;
    }

    public final int u16(int i) {
        return Bytes16.be(b, off + i);
    }

    /** Absolute buffer offset of message offset {@code i}. */
    public final int absolute(int i) {
        return off + i;
    }

    public final byte[] buffer() {
        return b;
    }
}
