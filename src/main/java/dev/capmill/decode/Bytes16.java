package dev.capmill.decode;

/** Big-endian reads from packet bytes (network order). */
final class Bytes16 {
    private Bytes16() {
    }

    static int be(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    static int le(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    static long be32(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }
}
