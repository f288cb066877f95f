package dev.capmill.text;

import dev.capmill.model.TextBuffer;

/**
 * Reads over one message that fail as Wireshark's tvb_get_* functions do: the bytes at hand end
 * at {@link #cap}, the bytes the message claims at {@link #rep}; a read past {@link #cap} throws
 * {@link Short} (one preallocated instance, no stack trace) and {@link #mark} then gives the
 * mark tshark's exception leaves in the Info column. For decoders that read many fields in
 * sequence, where checking each length up front would double the code (NetBEUI, AoE, IS-IS,
 * PFCP).
 */
abstract class TvbReads {
    /** Thrown when a read passes the bytes at hand; {@link #failEnd} says where the read ended. */
    static final class Short extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Short() {
            super(null, null, false, false);
        }
    }

    private static final Short SHORT = new Short();

    byte[] b;
    /** End of the bytes at hand and of the bytes the message claims (absolute offsets into {@link #b}). */
    int cap;
    int rep;
    /** The end of the read that failed. */
    int failEnd;

    /**
     * Points the reads at a message at {@code buf[p]}: what a tvb holds, the bytes at hand but never
     * more than the message claims ({@code reported}).
     */
    final void start(byte[] buf, int p, int captured, int reported) {
        b = buf;
        cap = p + Math.max(0, Math.min(captured, reported));
        rep = p + Math.max(0, reported);
    }

    final int u8(int at) {
        if (at + 1 > cap) {
            return fail(at + 1);
        }
        return b[at] & 0xff;
    }

    final int be16(int at) {
        if (at + 2 > cap) {
            return fail(at + 2);
        }
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    final int le16(int at) {
        if (at + 2 > cap) {
            return fail(at + 2);
        }
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    final long be32(int at) {
        if (at + 4 > cap) {
            return fail(at + 4);
        }
        return ((long) (b[at] & 0xff) << 24) | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    final long le32(int at) {
        if (at + 4 > cap) {
            return fail(at + 4);
        }
        return ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (long) (b[at + 3] & 0xff) << 24);
    }

    /** Fails unless {@code n} bytes from {@code at} are at hand. */
    final void need(int at, int n) {
        if (at + n > cap) {
            fail(at + n);
        }
    }

    final int fail(int end) {
        failEnd = end;
        throw SHORT;
    }

    /** Appends tshark's mark for the failed read: malformed past the claimed length, else cut by the capture. */
    final void mark(TextBuffer info) {
        info.append(failEnd > rep ? UdpApps.MALFORMED : UdpApps.LIMITED);
    }
}
