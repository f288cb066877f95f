package dev.capmill.oracle;

import dev.capmill.io.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the corpus captures of given kinds by their content (after decompression), never by name. */
public final class CorpusFiles {
    public enum Kind { PCAP, PCAPNG, NETMON, NGSNIFFER, NETXRAY, ETL, OTHER }

    private CorpusFiles() {
    }

    public static Kind kind(Path f) {
        try (InputStream raw = Files.newInputStream(f)) {
            byte[] head = raw.readNBytes(8);
            Compression c = Compression.detect(head, head.length);
            byte[] magic = head;
            if (c != Compression.NONE) {
                try (InputStream in = c.decompress(Files.newInputStream(f))) {
                    magic = in.readNBytes(8);
                } catch (IOException | RuntimeException e) {
                    return Kind.OTHER;
                }
            }
            if (magic.length < 4) {
                return Kind.OTHER;
            }
            int be = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8) | (magic[3] & 0xFF);
            int le = Integer.reverseBytes(be);
            if (be == 0x0A0D0D0A) {
                return Kind.PCAPNG;
            }
            for (int m : new int[] {0xa1b2c3d4, 0xa1b23c4d, 0xa1b2cd34}) {
                if (be == m || le == m) {
                    return Kind.PCAP;
                }
            }
            // NetMon "RTSS" (1.x) / "GMBU" (2.x); DOS Sniffer "TRSNIFF data    \x1a"; NetXRay "XCP\0"
            if (be == 0x52545353 || be == 0x474d4255) {
                return Kind.NETMON;
            }
            if (be == 0x5452534e && magic.length >= 8 && magic[4] == 'I' && magic[5] == 'F' && magic[6] == 'F') {
                return Kind.NGSNIFFER;
            }
            if (be == 0x58435000) {
                return Kind.NETXRAY;
            }
            return Kind.OTHER;
        } catch (IOException e) {
            return Kind.OTHER;
        }
    }

    /** Every regular file under the corpus of one of {@code kinds}, sorted by path. */
    public static List<Path> find(Path corpus, Kind... kinds) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpus)) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> {
                Kind k = kind(p);
                for (Kind want : kinds) {
                    if (k == want) {
                        out.add(p);
                    }
                }
            });
        }
        return out;
    }
}
