package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * Ethernet II header, with any 802.1Q/802.1ad/QinQ tags skipped to the inner EtherType. A type
 * field of 1500 or less is an IEEE 802.3 length (an 802.2 LLC header follows), IEEE 802.3 clause 3.2.6.
 */
public final class Ethernet {
    public static final int HEADER = 14;
    private byte[] buf;
    private int off;
    private int etherType;
    private int payloadOffset;
    private int vlanTags;

    /** Decodes the header at {@code off}; false when {@code len} is too short for it. */
    public boolean reset(byte[] b, int o, int len) {
        buf = b;
        off = o;
        vlanTags = 0;
        if (len < HEADER) {
            return false;
        }
        int p = o + 12;
        int type = Bytes16.be(b, p);
        p += 2;
        while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && p + 4 <= o + len) {
            type = Bytes16.be(b, p + 2);
            p += 4;
            vlanTags++;
        }
        etherType = type;
        payloadOffset = p;
        return true;
    }

    public int etherType() {
        return etherType;
    }

    public int vlanTags() {
        return vlanTags;
    }

    /** The first type field (0x8100 for a tagged frame), which tshark shows as eth.type. */
    public int outerType() {
        return Bytes16.be(buf, off + 12);
    }

    /** The 12-bit VLAN identifier of tag {@code i} (0 is the outermost), {@code i < vlanTags()}. */
    public int vlanId(int i) {
        return Bytes16.be(buf, off + 14 + 4 * i) & 0x0fff;
    }

    /** Whether the type field is an 802.3 length rather than an EtherType. */
    public boolean isLength() {
        return etherType <= 1500;
    }

    /** Absolute offset in the buffer of the first byte after the (last) tag. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int headerLength() {
        return payloadOffset - off;
    }

    public void appendSource(TextBuffer sb) {
        Addresses.mac(sb, buf, off + 6);
    }

    public void appendDestination(TextBuffer sb) {
        Addresses.mac(sb, buf, off);
    }
}
