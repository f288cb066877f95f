package dev.capmill.decode;

/** NTP message (RFC 5905; modes 6 and 7 per ntpd's control and private formats): the first bytes. */
public final class Ntp extends MessageView {
    public boolean reset(byte[] buf, int o, int capturedLength, int reportedLength) {
        return view(buf, o, capturedLength, reportedLength);
    }

    /** ntp.flags.vn, or -1 when nothing was captured. */
    public int version() {
        return captured >= 1 ? (b[off] >> 3) & 7 : -1;
    }

    /** ntp.flags.mode, or -1. */
    public int mode() {
        return captured >= 1 ? b[off] & 7 : -1;
    }
}
