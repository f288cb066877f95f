package dev.capmill.decode;

/** NTP message (RFC 5905; modes 6 and 7 per ntpd's control and private formats): the first bytes. */
public final class Ntp {
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

    /** ntp.flags.vn, or -1 when nothing was captured. */
    public int version() {
        return captured >= 1 ? (b[off] >> 3) & 7 : -1;
    }

    /** ntp.flags.mode, or -1. */
    public int mode() {
        return captured >= 1 ? b[off] & 7 : -1;
    }

    /** Byte {@code i} of the message (the caller checks {@link #captured()}). */
    public int u8(int i) {
        return b[off + i] & 0xff;
    }
}
