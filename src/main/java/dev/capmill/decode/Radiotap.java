package dev.capmill.decode;

/**
 * The radiotap header in front of IEEE 802.11 frames (radiotap.org): its length, and the Flags
 * field, whose bit 0x10 says that the frame ends with a four-byte FCS.
 */
public final class Radiotap {
    private int length;
    private int flags;

    /** False when too short or when its length field runs past the captured bytes. */
    public boolean reset(byte[] b, int o, int len) {
        if (len < 8) {
            return false;
        }
        length = Bytes16.le(b, o + 2);
        if (length < 8 || length > len) {
            return false;
        }
        flags = 0;
        // presence words: bit 31 says another one follows (radiotap.org, "Extended presence masks")
        int p = o + 4;
        long present = Bytes16.le(b, p) | (long) Bytes16.le(b, p + 2) << 16;
        int end = o + length;
        while ((Bytes16.le(b, p + 2) & 0x8000) != 0) {
            p += 4;
            if (p + 4 > end) {
                return true;
            }
        }
        int field = p + 4;
        if ((present & 1) != 0) {
            // TSFT: eight bytes, aligned to eight from the start of the header
            field = o + ((field - o + 7) & ~7) + 8;
        }
        if ((present & 2) != 0 && field < end) {
            flags = b[field] & 0xff;
        }
        return true;
    }

    public int length() {
        return length;
    }

    public int flags() {
        return flags;
    }

    /** Whether the 802.11 frame ends with its FCS (Flags bit 0x10). */
    public boolean hasFcs() {
        return (flags & 0x10) != 0;
    }
}
