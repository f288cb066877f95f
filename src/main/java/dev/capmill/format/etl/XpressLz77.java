package dev.capmill.format.etl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MS-XCA "Plain LZ77" (COMPRESSION_FORMAT_XPRESS) decompression, as ETW uses it for compressed
 * ETL buffers. Written from the algorithm in MS-XCA §2.3–2.4: a 32-bit flag word announces 32
 * items (bit set = match); a match is a u16 (offset-1 in the high 13 bits, length-3 in the low
 * 3); length 7 continues in a shared half-byte, then a byte, then a u16, then a u32.
 *
 * <p>Output is bounded by the caller's expected size: a stream that would write past it, refers
 * before the start of the output or ends inside an item is an error ({@link Malformed}), never
 * an out-of-bounds access or an allocation. Copies go eight bytes at a time where the words fit
 * before {@code dp + dlen}: bytes past the end of the output so far may be written early, but
 * never past {@code dp + dlen}.
 */
final class XpressLz77 {
    /** Eight bytes at a time: most items are copied in one or a few of these. */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        // the items still announced by the current flag word, in its top bits (1 = match)
        int flags = 0;
        int flagCount = 0;
        int half = -1;
        while (ip < iend) {
            if (flagCount == 0) {
                if (iend - ip < 4) {
                    break; // a trailing partial flag word carries no items
                }
                flags = (src[ip] & 0xFF) | (src[ip + 1] & 0xFF) << 8 | (src[ip + 2] & 0xFF) << 16 | src[ip + 3] << 24;
                ip += 4;
                flagCount = 32;
            }
            if (flags >= 0) {
                // literals: as many as zero flag bits follow
                int zeros = flags == 0 ? flagCount : Math.min(flagCount, Integer.numberOfLeadingZeros(flags));
                int run = Math.min(zeros, iend - ip);
                if (run > oend - op) {
                    throw new Malformed("compressed data expands past its declared size of " + dlen + " bytes");
                }
                if (run <= 32 && ip + run + 8 <= iend && op + run + 8 <= oend) {
                    // whole words, the last one reaching past the run into output not yet written
                    int k = 0;
                    do {
                        LONG.set(dst, op + k, (long) LONG.get(src, ip + k));
                        k += 8;
                    } while (k < run);
                } else {
                    System.arraycopy(src, ip, dst, op, run);
                }
                ip += run;
                op += run;
                flagCount -= run;
                flags = run == 32 ? 0 : flags << run;
                if (run < zeros) {
                    break; // the input ended inside the literal run
                }
                continue;
            }
            flags <<= 1;
            flagCount--;
            if (iend - ip < 2) {
                break; // end of the stream (MS-XCA: a match that cannot be read ends decoding)
            }
            int m = (src[ip] & 0xFF) | (src[ip + 1] & 0xFF) << 8;
            ip += 2;
            int distance = (m >>> 3) + 1;
            int n = m & 7;
            if (n == 7) {
                long len;
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
                len += 7 + 3;
                if (len > oend - op) {
                    throw new Malformed("compressed data expands past its declared size of " + dlen + " bytes");
                }
                n = (int) len;
            } else {
                n += 3;
                if (n > oend - op) {
                    throw new Malformed("compressed data expands past its declared size of " + dlen + " bytes");
                }
            }
            if (distance > op - dp) {
                throw new Malformed("match refers before the start of the output");
            }
            int from = op - distance;
            if (distance >= 8 && op + n + 8 <= oend) {
                // words: with a distance of 8 or more each word read is already final, even when the
                // match overlaps itself; the last word may reach past the match into unwritten output
                int k = 0;
                do {
                    LONG.set(dst, op + k, (long) LONG.get(dst, from + k));
                    k += 8;
                } while (k < n);
            } else if (distance >= n) {
                System.arraycopy(dst, from, dst, op, n);
            } else if (n <= 16) {
                // short and overlapping: byte by byte, each byte may be one just written
                for (int k = 0; k < n; k++) {
                    dst[op + k] = dst[from + k];
                }
            } else {
                // a long repeat of a short pattern (runs of one byte are common): the output is
                // periodic with period distance, so each copy may take everything written since
                // 'from', doubling the chunk; source and destination never overlap
                int k = 0;
                while (k < n) {
                    int chunk = Math.min(n - k, distance + k);
                    System.arraycopy(dst, from, dst, op + k, chunk);
                    k += chunk;
                }
            }
            op += n;
        }
        return op - dp;
    }
}
