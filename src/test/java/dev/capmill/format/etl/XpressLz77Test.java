package dev.capmill.format.etl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoder's copy paths (eight-byte words, arraycopy, byte by byte for short distances, and the
 * tails near the end of the output where words would not fit) against the test compressor.
 */
class XpressLz77Test {

    /** Inputs that make matches of every distance 1..40 and many lengths, literal runs of 0..40 bytes. */
    private static byte[] sample(long seed, int size) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        int p = 0;
        while (p < size) {
            int kind = r.nextInt(4);
            int n = Math.min(size - p, 1 + r.nextInt(kind == 0 ? 40 : 300));
            if (kind == 0 || p < 8) {
                for (int i = 0; i < n; i++) {
                    b[p++] = (byte) r.nextInt(256);
                }
            } else {
                int d = 1 + r.nextInt(Math.min(p, kind == 1 ? 9 : 40));
                for (int i = 0; i < n; i++, p++) {
                    b[p] = b[p - d];
                }
            }
        }
        return b;
    }

    @Test
    void roundTripsEveryCopyPathAndEndsExactlyAtTheDeclaredSize() throws Exception {
        for (int size : new int[] {1, 7, 8, 9, 31, 64, 1000, 4096, 20_000}) {
            for (long seed = 0; seed < 6; seed++) {
                byte[] in = sample(seed * 31 + size, size);
                byte[] z = EtlBuilder.compress(in);
                // a destination larger than the output: nothing may be written past dp + dlen
                byte[] dst = new byte[size + 40];
                Arrays.fill(dst, (byte) 0x5A);
                int n = XpressLz77.decompress(z, 0, z.length, dst, 16, size);
                assertEquals(size, n, "size " + size + " seed " + seed);
                assertArrayEquals(in, Arrays.copyOfRange(dst, 16, 16 + size), "size " + size + " seed " + seed);
                for (int i = 0; i < 16; i++) {
                    assertEquals((byte) 0x5A, dst[i], "written before dp");
                }
                for (int i = 16 + size; i < dst.length; i++) {
                    assertEquals((byte) 0x5A, dst[i], "written past dp + dlen at " + i);
                }
            }
        }
    }

    @Test
    void aDeclaredSizeOneByteShortIsAnError() {
        byte[] in = sample(7, 5000);
        byte[] z = EtlBuilder.compress(in);
        byte[] dst = new byte[in.length + 64];
        assertThrows(XpressLz77.Malformed.class, () -> XpressLz77.decompress(z, 0, z.length, dst, 0, in.length - 1));
    }
}
