package dev.capmill.pipeline;

import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small nanosecond pcap files built in code, and reading a source back to a list. */
public final class Caps {
    /** One packet: time in ns since the epoch, payload. */
    public record Pkt(long timeNs, byte[] data) {
        public static Pkt of(long timeNs, int seed, int len) {
            byte[] d = new byte[len];
            for (int i = 0; i < len; i++) {
                d[i] = (byte) (seed * 31 + i * 7);
            }
            return new Pkt(timeNs, d);
        }
    }

    private Caps() {
    }

    /** A little-endian nanosecond pcap with link type {@code linkType}. */
    public static Path pcap(Path file, int linkType, List<Pkt> packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        out.write(h.array());
        for (Pkt p : packets) {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (p.timeNs / 1_000_000_000L)).putInt((int) (p.timeNs % 1_000_000_000L))
                    .putInt(p.data.length).putInt(p.data.length);
            out.write(r.array());
            out.write(p.data);
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    public static Path pcap(Path file, List<Pkt> packets) throws IOException {
        return pcap(file, 1, packets);
    }

    /** The packets of a source: time in ns, payload, interface id. */
    public static List<long[]> drain(RecordSource s, List<byte[]> payloads) throws IOException {
        List<long[]> out = new ArrayList<>();
        PacketRecord r = new PacketRecord();
        while (s.next(r)) {
            if (r.isPacket()) {
                out.add(new long[] {r.seconds() * 1_000_000_000L + r.nanos(), r.interfaceId()});
                if (payloads != null) {
                    payloads.add(r.payloadCopy());
                }
            }
        }
        return out;
    }

    public static RecordSource read(Path file) throws IOException {
        return new ReaderSource(FormatRegistry.standard().open(file.toString(), ReadOptions.defaults()));
    }

    public static List<Long> times(List<long[]> rows) {
        List<Long> t = new ArrayList<>();
        for (long[] r : rows) {
            t.add(r[0]);
        }
        return t;
    }
}
