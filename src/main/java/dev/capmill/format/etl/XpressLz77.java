package dev.capmill.format.etl;

/**
 * MS-XCA "Plain LZ77" (COMPRESSION_FORMAT_XPRESS) decompression, as ETW uses it for compressed
 * ETL buffers. Written from the algorithm in MS-XCA §2.3–2.4: a 32-bit flag word announces 32
 * items (bit set = match); a match is a u16 (offset-1 in the high 13 bits, length-3 in the low
 * 3); length 7 continues in a shared half-byte, then a byte, then a u16, then a u32.
 *
 * <p>Output is bounded by the caller's expected size: a stream that would write past it, refers
 * before the start of the output or ends inside an item is an error ({@link Malformed}), never
 * an out-of-bounds access or an allocation.
 */
final class XpressLz77 {
    private XpressLz77() {
    }

    /** The compressed data is damaged or expands past the space given. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * Decompresses {@code src[sp, sp+slen)} into {@code dst[dp, dp+dlen)}; returns the number of
     * bytes written (at most {@code dlen}).
     */
    static int decompress(byte[] src, int sp, int slen, byte[] dst, int dp, int dlen) throws Malformed {
        int ip = sp;
        final int iend = sp + slen;
        int op = dp;
        final int oend = dp + dlen;
        int flags = 0;
        int flagCount = 0;
        int half = -1;
        while (ip < iend) {
            if (flagCount == 0) {
                if (iend - ip < 4) {
                    // a trailing partial flag word carries no items
                    break;
                }
                flags = (src[ip] & 0xFF) | (src[ip + 1] & 0xFF) << 8 | (src[ip + 2] & 0xFF) << 16 | src[ip + 3] << 24;
                ip += 4;
                flagCount = 32;
            }
            // a run of literals: as many zero flag bits as follow, copied in one go
            int zeros = flags << (32 - flagCount) == 0 ? flagCount
                    : Math.min(flagCount, Integer.numberOfLeadingZeros(flags << (32 - flagCount)));
            if (zeros > 0) {
                int run = Math.min(zeros, iend - ip);
                if (run > oend - op) {
                    throw new Malformed("compressed data expands past its declared size of " + dlen + " bytes");
                }
                System.arraycopy(src, ip, dst, op, run);
                ip += run;
                op += run;
                flagCount -= run;
                if (run < zeros) {
                    break; // the input ended inside the literal run
                }
                continue;
            }
            flagCount--;
            if (iend - ip < 2) {
                break; // end of the stream (MS-XCA: a match that cannot be read ends decoding)
            }
            int m = (src[ip] & 0xFF) | (src[ip + 1] & 0xFF) << 8;
            ip += 2;
            int distance = (m >>> 3) + 1;
            long len = m & 7;
            if (len == 7) {
                if (half < 0) {
                    if (ip >= iend) {
                        throw new Malformed("match length cut short");
                    }
                    half = ip;
                    len = src[ip++] & 0x0F;
                } else {
                    len = (src[half] >>> 4) & 0x0F;
                    half = -1;
                }
                if (len == 15) {
                    if (ip >= iend) {
                        throw new Malformed("match length cut short");
                    }
                    len = src[ip++] & 0xFF;
                    if (len == 255) {
                        if (iend - ip < 2) {
                            throw new Malformed("match length cut short");
                        }
                        len = (src[ip] & 0xFF) | (src[ip + 1] & 0xFF) << 8;
                        ip += 2;
                        if (len == 0) {
                            if (iend - ip < 4) {
                                throw new Malformed("match length cut short");
                            }
                            len = ((src[ip] & 0xFF) | (src[ip + 1] & 0xFF) << 8 | (src[ip + 2] & 0xFF) << 16
                                    | (long) (src[ip + 3] & 0xFF) << 24);
                            ip += 4;
                        }
                        if (len < 15 + 7) {
                            throw new Malformed("invalid match length");
                        }
                        len -= 15 + 7;
                    }
                    len += 15;
                }
                len += 7;
            }
            len += 3;
            if (distance > op - dp) {
                throw new Malformed("match refers before the start of the output");
            }
            if (len > oend - op) {
                throw new Malformed("compressed data expands past its declared size of " + dlen + " bytes");
            }
            int n = (int) len;
            int from = op - distance;
            if (distance >= n) {
                System.arraycopy(dst, from, dst, op, n);
                op += n;
            } else {
                for (int k = 0; k < n; k++) {
                    dst[op++] = dst[from++];
                }
            }
        }
        return op - dp;
    }
}
