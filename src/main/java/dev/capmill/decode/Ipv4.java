package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * IPv4 header (RFC 791). {@link #reset} reports why a header does not decode, the way tshark
 * distinguishes it: too short for the header ({@link #TRUNCATED}), a version other than 4, a
 * header length below 20, or a total length below the header length.
 */
public final class Ipv4 {
    public static final int OK = 0;
    public static final int TRUNCATED = 1;
    public static final int BAD_VERSION = 2;
    public static final int BAD_HEADER_LENGTH = 3;
    public static final int BAD_TOTAL_LENGTH = 4;

    private byte[] buf;
    private int off;
    private int captured;
    private int headerLength;
    private int totalLength;
    private int protocol;
    private int ttl;
    private int fragment;
    private int identification;
    private int status;

    /** False when the header does not decode; {@link #status()} says why. */
    public boolean reset(byte[] b, int o, int len) {
        buf = b;
        off = o;
        captured = Math.max(0, len);
        if (len < 1) {
            status = TRUNCATED;
            return false;
        }
        if ((b[o] & 0xf0) != 0x40) {
            status = BAD_VERSION;
            return false;
        }
        headerLength = (b[o] & 0x0f) * 4;
        if (headerLength < 20) {
            status = BAD_HEADER_LENGTH;
            return false;
        }
        if (len < 20) {
            status = TRUNCATED;
            return false;
        }
        totalLength = Bytes16.be(b, o + 2);
        identification = Bytes16.be(b, o + 4);
        fragment = Bytes16.be(b, o + 6);
        ttl = b[o + 8] & 0xff;
        protocol = b[o + 9] & 0xff;
        if (totalLength < headerLength && totalLength != 0) {
            status = BAD_TOTAL_LENGTH;
            return false;
        }
        if (headerLength > len) {
            status = TRUNCATED;
            return false;
        }
        status = OK;
        return true;
    }

    /** Why the last {@link #reset} failed ({@link #OK} when it did not). */
    public int status() {
        return status;
    }

    /** The version nibble of the first byte (valid after any reset with at least one byte). */
    public int version() {
        return captured > 0 ? (buf[off] & 0xf0) >> 4 : 0;
    }

    /** Bytes of the header that were captured (to tell which address columns tshark had set). */
    public int captured() {
        return captured;
    }

    public int headerLength() {
        return headerLength;
    }

    /** The total length field (may differ from what was captured; 0 with TCP segmentation offload). */
    public int totalLength() {
        return totalLength;
    }

    public int protocol() {
        return protocol;
    }

    public int ttl() {
        return ttl;
    }

    public int identification() {
        return identification;
    }

    /** The flags and fragment offset field as it is on the wire. */
    public int flagsAndOffset() {
        return fragment;
    }

    /** The fragment offset in bytes. */
    public int fragmentOffset() {
        return (fragment & 0x1fff) * 8;
    }

    public boolean moreFragments() {
        return (fragment & 0x2000) != 0;
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

    public void appendSource(TextBuffer sb) {
        Addresses.ipv4(sb, buf, off + 12);
    }

    public void appendDestination(TextBuffer sb) {
        Addresses.ipv4(sb, buf, off + 16);
    }
}
