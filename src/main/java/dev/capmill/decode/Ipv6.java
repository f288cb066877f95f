package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * IPv6 fixed header (RFC 8200) and the extension headers tshark walks before the upper layer:
 * hop-by-hop options (0), routing (43), fragment (44) and destination options (60). The walk stops
 * at a fragment header (what follows it belongs to the reassembled datagram), at the first other
 * next-header value, or where the captured bytes or the payload length end.
 */
public final class Ipv6 {
    public static final int HEADER = 40;
    public static final int OK = 0;
    public static final int TRUNCATED = 1;
    public static final int BAD_VERSION = 2;

    private byte[] buf;
    private int off;
    private int captured;
    private int payloadLength;
    private int nextHeader;
    private int hopLimit;
    private int status;

    private int upperProtocol;
    private int upperOffset;
    private int extensionBytes;
    private boolean extensionTruncated;
    private int routedDestination;
    private int fragmentHeader;

    /** False when too short or not version 6; {@link #status()} says which. */
    public boolean reset(byte[] b, int o, int len) {
        buf = b;
        off = o;
        captured = Math.max(0, len);
        fragmentHeader = -1;
        routedDestination = -1;
        if (len >= 1 && (b[o] & 0xf0) != 0x60) {
            status = BAD_VERSION;
            return false;
        }
        if (len < HEADER) {
            status = TRUNCATED;
            return false;
        }
        payloadLength = Bytes16.be(b, o + 4);
        nextHeader = b[o + 6] & 0xff;
        hopLimit = b[o + 7] & 0xff;
        status = OK;
        walk(len);
        return true;
    }

    private void walk(int len) {
        int p = off + HEADER;
        int end = off + Math.min(len, HEADER + payloadLength);
        int nh = nextHeader;
        extensionTruncated = false;
        while (nh == 0 || nh == 43 || nh == 60 || nh == 44) {
            if (nh == 44) {
                if (p + 8 > end) {
                    extensionTruncated = true;
                    break;
                }
                fragmentHeader = p;
                p += 8;
                nh = buf[fragmentHeader] & 0xff;
                break;
            }
            if (p + 2 > end) {
                extensionTruncated = true;
                break;
            }
            int hl = ((buf[p + 1] & 0xff) + 1) * 8;
            if (p + hl > end) {
                extensionTruncated = true;
                break;
            }
            if (nh == 43) {
                routing(p, hl);
            }
            nh = buf[p] & 0xff;
            p += hl;
        }
        upperProtocol = nh;
        upperOffset = p;
        extensionBytes = p - off - HEADER;
    }

    /** A routing header with segments left names the final destination, which tshark shows. */
    private void routing(int p, int hl) {
        int type = buf[p + 2] & 0xff;
        int segmentsLeft = buf[p + 3] & 0xff;
        if (segmentsLeft == 0) {
            return;
        }
        if (type == 0 && hl >= 24) {
            // type 0: the last of the addresses (RFC 2460 section 4.4)
            int count = (hl - 8) / 16;
            routedDestination = p + 8 + 16 * (count - 1);
        } else if (type == 2 && hl >= 24) {
            // type 2: the home address (RFC 6275 section 6.4)
            routedDestination = p + 8;
        } else if (type == 4 && hl >= 24) {
            // segment routing: segment list [0] is the final segment (RFC 8754 section 2)
            routedDestination = p + 8;
        }
    }

    public int status() {
        return status;
    }

    /** Bytes of the header that were captured. */
    public int captured() {
        return captured;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** The next-header field of the fixed header. */
    public int nextHeader() {
        return nextHeader;
    }

    public int hopLimit() {
        return hopLimit;
    }

    /** The protocol after the extension headers walked (after a fragment header: the fragment's next header). */
    public int upperProtocol() {
        return upperProtocol;
    }

    /** Absolute offset of the first byte after the extension headers walked. */
    public int upperOffset() {
        return upperOffset;
    }

    /** Bytes of extension headers walked, the fragment header included. */
    public int extensionBytes() {
        return extensionBytes;
    }

    /** Whether an extension header ran past the captured bytes or the payload length. */
    public boolean extensionTruncated() {
        return extensionTruncated;
    }

    public boolean hasFragmentHeader() {
        return fragmentHeader >= 0;
    }

    /** Fragment offset in bytes (valid with {@link #hasFragmentHeader()}). */
    public int fragmentOffset() {
        return Bytes16.be(buf, fragmentHeader + 2) & 0xfff8;
    }

    public boolean moreFragments() {
        return (buf[fragmentHeader + 3] & 1) != 0;
    }

    public long fragmentIdentification() {
        return Bytes16.be32(buf, fragmentHeader + 4);
    }

    public int sourceOffset() {
        return off + 8;
    }

    public int destinationOffset() {
        return off + 24;
    }

    /** Where the Destination column's address is: the routing header's final one, when it names one. */
    public int shownDestinationOffset() {
        return routedDestination >= 0 ? routedDestination : off + 24;
    }

    public void appendSource(TextBuffer sb) {
        Addresses.ipv6(sb, buf, off + 8);
    }

    public void appendDestination(TextBuffer sb) {
        Addresses.ipv6(sb, buf, shownDestinationOffset());
    }
}
