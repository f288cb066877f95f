package dev.capmill.io;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** The compressions capmill reads transparently (found by magic number) and writes (chosen by the output name). */
public enum Compression {
    NONE("", new byte[0]),
    GZIP(".gz", new byte[] {0x1f, (byte) 0x8b}),
    BZIP2(".bz2", new byte[] {'B', 'Z', 'h'}),
    XZ(".xz", new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}),
    ZSTD(".zst", new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}),
    LZ4(".lz4", new byte[] {0x04, 0x22, 0x4D, 0x18});

    private final String suffix;
    private final byte[] magic;

    Compression(String suffix, byte[] magic) {
        this.suffix = suffix;
        this.magic = magic;
    }

    public String suffix() {
        return suffix;
    }

    /** The compression whose magic number starts {@code head}, or NONE. */
    public static Compression detect(byte[] head, int len) {
        for (Compression c : values()) {
            if (c == NONE || len < c.magic.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < c.magic.length && match; i++) {
                match = head[i] == c.magic[i];
            }
            if (match) {
                return c;
            }
        }
        return NONE;
    }

    /** The compression an output name asks for ({@code out.pcapng.gz} → GZIP), or NONE. */
    public static Compression forName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c != NONE && lower.endsWith(c.suffix)) {
                return c;
            }
        }
        if (lower.endsWith(".zstd")) {
            return ZSTD;
        }
        return NONE;
    }

    /** The name without this compression's suffix ({@code a.pcapng.gz} → {@code a.pcapng}). */
    public static String stripSuffix(String fileName) {
        Compression c = forName(fileName);
        if (c == NONE) {
            return fileName;
        }
        int cut = fileName.toLowerCase(Locale.ROOT).endsWith(".zstd") ? 5 : c.suffix.length();
        return fileName.substring(0, fileName.length() - cut);
    }

    public InputStream decompress(InputStream in) throws IOException {
        switch (this) {
            case GZIP: return new GzipCompressorInputStream(in, true);
            case BZIP2: return new BZip2CompressorInputStream(in, true);
            case XZ: return new XZCompressorInputStream(in, true);
            case ZSTD: return new ZstdInputStream(in).setContinuous(false);
            case LZ4: return new FramedLZ4CompressorInputStream(in, true);
            default: return in;
        }
    }

    public OutputStream compress(OutputStream out) throws IOException {
        switch (this) {
            case GZIP: {
                // java.util.zip's deflater is native and faster than a pure-Java one.
                return new java.util.zip.GZIPOutputStream(out, 1 << 16);
            }
            case BZIP2: return new BZip2CompressorOutputStream(out);
            case XZ: return new XZCompressorOutputStream(out);
            case ZSTD: return new ZstdOutputStream(out);
            case LZ4: return new FramedLZ4CompressorOutputStream(out);
            default: return out;
        }
    }
}
