package dev.capmill.format.sniffer;

import dev.capmill.format.CaptureException;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import java.io.IOException;
import java.io.InputStream;

/**
 * The record stream of a compressed DOS Sniffer file: the bytes after the header records are a
 * sequence of blobs, each an i16 length followed by that many bytes, stored as they are when the
 * length is negative and compressed otherwise; their outputs, concatenated, are the ordinary
 * record stream (records may straddle blobs). Every blob expands into a fixed 64 KiB buffer;
 * output beyond it is an error, so memory stays bounded whatever the file says.
 */
final class SnifferBlobStream extends InputStream {
    private final Input raw;
    private final byte[] out = new byte[SnifferConstants.MAX_BLOB_OUTPUT];
    private final byte[] one = new byte[1];
    private int outPos;
    private int outLen;
    private long blobs;

    SnifferBlobStream(Input raw) {
        this.raw = raw;
    }

    /** Blobs read so far. */
    long blobs() {
        return blobs;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == outLen) {
            if (!nextBlob()) {
                return -1;
            }
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    /** Reads and expands the next blob; false at a clean end of input (between blobs). */
    private boolean nextBlob() throws IOException {
        long at = raw.offset();
        if (!raw.ensure(2)) {
            if (raw.available() == 0) {
                return false;
            }
            throw new CaptureException.Truncated(SnifferReader.ID, at, -1, "compressed blob length cut short");
        }
        short signed = (short) Bytes.u16LE(raw.buffer(), raw.pos());
        raw.advance(2);
        boolean stored = signed < 0;
        int inLen = stored ? -signed : signed;
        if (!raw.ensure(inLen)) {
            throw new CaptureException.Truncated(SnifferReader.ID, at, -1,
                    "compressed blob cut short (" + raw.available() + " of " + inLen + " bytes)");
        }
        byte[] b = raw.buffer();
        int p = raw.pos();
        if (stored) {
            System.arraycopy(b, p, out, 0, inLen);
            outLen = inLen;
        } else {
            try {
                outLen = decompress(b, p, inLen, out);
            } catch (BlobException e) {
                throw new CaptureException.Corrupt(SnifferReader.ID, at, -1,
                        "compressed blob " + blobs + ": " + e.getMessage());
            }
        }
        raw.advance(inLen);
        outPos = 0;
        blobs++;
        return true;
    }

    /** A blob that does not decode. */
    static final class BlobException extends Exception {
        private static final long serialVersionUID = 1L;

        BlobException(String m) {
            super(m, null, false, false);
        }
    }

    /**
     * Expands one compressed blob (the scheme of Wireshark's SnifferDecompress, credited there to
     * Tim Farley): a 16-bit little-endian flag word, read MSB first, says for each of the next 16
     * items whether it is a literal byte (0) or a code (1). A code's high nibble is its kind:
     * 0 a run of (low + 3) copies of the next byte; 1 a run of (low + 16 * next + 19) copies of
     * the byte after; 2 a copy of (next2 + 16) bytes from (low + 16 * next + 3) bytes back;
     * 3..15 a copy of that many bytes from the same kind of offset. Like Wireshark, a flag word
     * needs 3 bytes left, a copy may not reach before the start nor overlap the bytes it writes,
     * and output beyond {@code out.length} is an error. Returns the bytes written.
     */
    static int decompress(byte[] in, int off, int len, byte[] out) throws BlobException {
        int pin = off;
        int end = off + len;
        int pout = 0;
        int limit = out.length;
        int mask = 0;
        int flags = 0;
        while (pin < end) {
            mask >>>= 1;
            if (mask == 0) {
                if (pin + 3 > end) {
                    throw new BlobException("flag word at the end of the blob with nothing after it");
                }
                flags = Bytes.u16LE(in, pin);
                pin += 2;
                mask = 0x8000;
            }
            if ((flags & mask) == 0) {
                if (pout >= limit) {
                    throw new BlobException("expands past " + limit + " bytes");
                }
                out[pout++] = in[pin++];
                continue;
            }
            int code = in[pin++] & 0xFF;
            int kind = code >>> 4;
            int low = code & 0xF;
            int length;
            switch (kind) {
                case 0:
                case 1:
                    if (kind == 0) {
                        length = low + 3;
                    } else {
                        need(pin, 1, end);
                        length = low + ((in[pin++] & 0xFF) << 4) + 19;
                    }
                    need(pin, 1, end);
                    if (length > limit - pout) {
                        throw new BlobException("run of " + length + " bytes expands past " + limit + " bytes");
                    }
                    byte v = in[pin++];
                    for (int i = 0; i < length; i++) {
                        out[pout + i] = v;
                    }
                    pout += length;
                    break;
                default:
                    need(pin, 1, end);
                    int back = low + ((in[pin++] & 0xFF) << 4) + 3;
                    if (kind == 2) {
                        need(pin, 1, end);
                        length = (in[pin++] & 0xFF) + 16;
                    } else {
                        length = kind;
                    }
                    if (back > pout) {
                        throw new BlobException("copy from " + back + " bytes back with only " + pout + " written");
                    }
                    if (back < length) {
                        throw new BlobException("copy of " + length + " bytes overlaps itself (offset " + back + ")");
                    }
                    if (length > limit - pout) {
                        throw new BlobException("copy of " + length + " bytes expands past " + limit + " bytes");
                    }
                    System.arraycopy(out, pout - back, out, pout, length);
                    pout += length;
                    break;
            }
        }
        return pout;
    }

    private static void need(int pin, int n, int end) throws BlobException {
        if (pin + n > end) {
            throw new BlobException("code cut short by the end of the blob");
        }
    }
}
