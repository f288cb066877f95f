package dev.capmill.decode;

/**
 * IEEE 802.11 MAC header (IEEE Std 802.11-2020 section 9.2): frame control, addresses by frame
 * type and the To/From DS bits, sequence control, QoS and HT control fields.
 */
public final class Wlan {
    public static final int MANAGEMENT = 0;
    public static final int CONTROL = 1;
    public static final int DATA = 2;

    private byte[] buf;
    private int off;
    private int type;
    private int subtype;
    private int flags;
    private int headerLength;
    private int sequence;

    /** False when shorter than the header its frame control announces. */
    public boolean reset(byte[] b, int o, int len) {
        buf = b;
        off = o;
        if (len < 2) {
            return false;
        }
        type = (b[o] >> 2) & 3;
        subtype = (b[o] >> 4) & 15;
        flags = b[o + 1] & 0xff;
        headerLength = computeHeaderLength();
        if (len < headerLength) {
            return false;
        }
        sequence = type == CONTROL ? 0 : Bytes16.le(b, o + 22);
        return true;
    }

    private int computeHeaderLength() {
        if (type == CONTROL) {
            // ACK and CTS carry only the receiver address; the others a transmitter address too
            return subtype == 12 || subtype == 13 ? 10 : subtype == 7 ? 16 : 16;
        }
        if (type == DATA) {
            int n = 24;
            if ((flags & 3) == 3) {
                n += 6;
            }
            if ((subtype & 8) != 0) {
                n += 2;
                if ((flags & 0x80) != 0) {
                    n += 4;
                }
            }
            return n;
        }
        return 24;
    }

    public int type() {
        return type;
    }

    public int subtype() {
        return subtype;
    }

    /** The flags byte of frame control (bit 0 To DS ... bit 7 +HTC/Order). */
    public int flags() {
        return flags;
    }

    public int headerLength() {
        return headerLength;
    }

    public int sequenceNumber() {
        return sequence >> 4;
    }

    public int fragmentNumber() {
        return sequence & 15;
    }

    public int address1() {
        return off + 4;
    }

    public int address2() {
        return off + 10;
    }

    public int address3() {
        return off + 16;
    }

    /** Where the source address is for a data or management frame (IEEE 802.11 table 9-26). */
    public int sourceAddress() {
        if (type == DATA) {
            return switch (flags & 3) {
                case 0 -> off + 10;
                case 1 -> off + 10;
                case 2 -> off + 16;
                default -> off + 24;
            };
        }
        return off + 10;
    }

    /** Where the destination address is for a data or management frame. */
    public int destinationAddress() {
        if (type == DATA) {
            return (flags & 1) != 0 ? off + 16 : off + 4;
        }
        return off + 4;
    }

    public byte[] buffer() {
        return buf;
    }
}
