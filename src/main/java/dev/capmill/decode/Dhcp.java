package dev.capmill.decode;

/**
 * BOOTP/DHCP message (RFC 951, RFC 2131): the fixed header and the DHCP message type option (53),
 * found by walking the options after the magic cookie. Reset in place, no allocation.
 */
public final class Dhcp extends MessageView {
    /** The fixed BOOTP header up to and including the magic cookie. */
    public static final int FIXED = 240;
    /** The fixed BOOTP header before the magic cookie or the vendor area. */
    public static final int HEADER = 236;
    /** The end of BOOTP's 64-byte vendor area. */
    static final int BOOTP_END = HEADER + 64;
    private int messageType;
    private boolean optionsBroken;
    private int brokenAt;
    private boolean valueOverrun;

    /** False when the message is empty. */
    public boolean reset(byte[] buf, int o, int capturedLength, int reportedLength) {
        view(buf, o, capturedLength, reportedLength);
        messageType = -1;
        optionsBroken = false;
        brokenAt = 0;
        valueOverrun = false;
        if (captured >= FIXED && Bytes16.be32(b, off + HEADER) == 0x63825363L) {
            walk(FIXED, true);
            if (optionsBroken) {
                // tshark looks for the message type in a first walk that an exception ends: the
                // message is then shown as BOOTP
                messageType = -1;
            }
        } else if (captured >= HEADER && reported >= HEADER) {
            // No magic cookie (or not captured): BOOTP's vendor area, 64 bytes (RFC 951), which
            // tshark's packet-dhcp.c takes whole, so a shorter one is malformed (or cut by the
            // snap length), and what follows it tshark walks as options. Probed with tshark 4.0.17
            // (DhcpTest.bootpVendorArea).
            if (captured < BOOTP_END || reported < BOOTP_END) {
                optionsBroken = true;
                brokenAt = BOOTP_END - 1;
            } else {
                walk(BOOTP_END, false);
            }
        }
        return reported > 0;
    }

    /** Walks the options from {@code p}: pads, the end, and code-length-value (the message type when {@code dhcp}). */
    private void walk(int p, boolean dhcp) {
        while (p < reported) {
            if (p >= captured) {
                optionsBroken = true;
                brokenAt = p;
                return;
            }
            int code = b[off + p] & 0xff;
            if (code == 0) {
                p++;
                continue;
            }
            if (code == 255) {
                return;
            }
            if (p + 1 >= captured) {
                optionsBroken = true;
                brokenAt = p + 1;
                return;
            }
            int len = b[off + p + 1] & 0xff;
            if (dhcp && code == 53) {
                if (len < 1 || p + 2 >= captured) {
                    optionsBroken = true;
                    brokenAt = len < 1 ? Integer.MAX_VALUE - 1 : p + 2;
                    return;
                }
                messageType = b[off + p + 2] & 0xff; // the last option 53 wins, as in tshark
            }
            p += 2 + len;
            if (p > reported) {
                // the value runs past the message: tshark's walk for the type does not read
                // values, its dissection of the option then fails (malformed)
                valueOverrun = true;
                return;
            }
        }
    }

    /** Whether an option's value runs past the end of the message (tshark marks it malformed). */
    public boolean valueOverrun() {
        return valueOverrun;
    }

    /** op: 1 request, 2 reply. */
    public int op() {
        return captured >= 1 ? b[off] & 0xff : -1;
    }

    public int hardwareType() {
        return captured >= 2 ? b[off + 1] & 0xff : -1;
    }

    public int hardwareLength() {
        return captured >= 3 ? b[off + 2] & 0xff : -1;
    }

    /** dhcp.id, the transaction ID (valid when at least 8 bytes were captured). */
    public long transactionId() {
        return captured >= 8 ? Bytes16.be32(b, off + 4) : -1;
    }

    /** Offset of chaddr in the buffer. */
    public int clientHardwareOffset() {
        return off + 28;
    }

    /** dhcp.option.dhcp, the DHCP message type, or -1 for plain BOOTP. */
    public int messageType() {
        return messageType;
    }

    /** Offset of the first byte the option walk needed and did not have (when {@link #optionsBroken()}). */
    public int brokenAt() {
        return brokenAt;
    }

    /** Whether the option walk ran past the data. */
    public boolean optionsBroken() {
        return optionsBroken;
    }
}
