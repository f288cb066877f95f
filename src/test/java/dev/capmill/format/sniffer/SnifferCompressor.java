package dev.capmill.format.sniffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A compressor for the DOS Sniffer blob scheme, for tests and the compressed fixture (Wireshark
 * cannot write compressed Sniffer files). Greedy: at each position it takes the longest of a
 * byte run (kind 0 for 3-18 bytes, kind 1 for 19-4114) or an earlier non-overlapping copy
 * within 4098 bytes back (kinds 3-15 for 3-15 bytes, kind 2 for 16-271), else a literal.
 */
public final class SnifferCompressor {
    private SnifferCompressor() {
    }

    static byte[] blobs(byte[] stream, int blobSize, int storeEvery) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        for (int off = 0; off < stream.length; off += blobSize, n++) {
            int len = Math.min(blobSize, stream.length - off);
            byte[] chunk = Arrays.copyOfRange(stream, off, off + len);
            byte[] body;
            int header;
            if (storeEvery > 0 && n % storeEvery == storeEvery - 1) {
                body = chunk;
                header = -len;
            } else {
                body = compress(chunk);
                header = body.length;
            }
            if (body.length > 32767) {
                throw new IllegalArgumentException("blob too large: " + body.length);
            }
            out.write(header & 0xFF);
            out.write((header >>> 8) & 0xFF);
            out.write(body, 0, body.length);
        }
        return out.toByteArray();
    }

    /** One blob's compressed bytes (input at most 65536 bytes). */
    static byte[] compress(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        int flags = 0;
        int count = 0;
        int p = 0;
        while (p < in.length) {
            int run = 1;
            while (p + run < in.length && in[p + run] == in[p] && run < 4114) {
                run++;
            }
            int bestLen = 0;
            int bestBack = 0;
            for (int back = 3; back <= Math.min(4098, p); back++) {
                int l = 0;
                while (l < back && l < 271 && p + l < in.length && in[p - back + l] == in[p + l]) {
                    l++;
                }
                if (l > bestLen) {
                    bestLen = l;
                    bestBack = back;
                }
            }
            boolean code = true;
            if (run >= 3 && run >= bestLen) {
                if (run <= 18) {
                    items.write(run - 3);
                } else {
                    int v = run - 19;
                    items.write(0x10 | (v & 0xF));
                    items.write(v >>> 4);
                }
                items.write(in[p]);
                p += run;
            } else if (bestLen >= 3) {
                int o = bestBack - 3;
                if (bestLen <= 15) {
                    items.write((bestLen << 4) | (o & 0xF));
                    items.write(o >>> 4);
                } else {
                    items.write(0x20 | (o & 0xF));
                    items.write(o >>> 4);
                    items.write(bestLen - 16);
                }
                p += bestLen;
            } else {
                items.write(in[p++]);
                code = false;
            }
            if (code) {
                flags |= 0x8000 >>> count;
            }
            if (++count == 16) {
                flush(out, flags, items);
                flags = 0;
                count = 0;
            }
        }
        if (count > 0) {
            flush(out, flags, items);
        }
        return out.toByteArray();
    }

    private static void flush(ByteArrayOutputStream out, int flags, ByteArrayOutputStream items) {
        out.write(flags & 0xFF);
        out.write(flags >>> 8);
        byte[] b = items.toByteArray();
        out.write(b, 0, b.length);
        items.reset();
    }

    /**
     * Writes testdata/sniffer/sample.ngsniffer_compressed.cap from sample.ngsniffer.cap: the same
     * header with format 0, the records after it in blobs of 700 bytes, every 4th stored.
     */
    public static void main(String[] args) throws IOException {
        Path dir = dev.capmill.testing.Shared.projectDir().resolve("testdata/sniffer");
        byte[] plain = Files.readAllBytes(dir.resolve("sample.ngsniffer.cap"));
        int head = SnifferConstants.MAGIC.length + SnifferConstants.RECORD_HEADER_LEN + SnifferConstants.VERS_LEN;
        byte[] out = Arrays.copyOf(plain, head);
        out[SnifferConstants.MAGIC.length + SnifferConstants.RECORD_HEADER_LEN + SnifferConstants.V_FORMAT] = 0;
        byte[] blobs = blobs(Arrays.copyOfRange(plain, head, plain.length), 700, 4);
        byte[] all = Arrays.copyOf(out, out.length + blobs.length);
        System.arraycopy(blobs, 0, all, out.length, blobs.length);
        Files.write(dir.resolve("sample.ngsniffer_compressed.cap"), all);
        System.err.println("wrote " + dir.resolve("sample.ngsniffer_compressed.cap") + " (" + all.length + " bytes)");
    }
}
