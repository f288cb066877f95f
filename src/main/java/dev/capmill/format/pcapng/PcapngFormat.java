package dev.capmill.format.pcapng;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Input;
import dev.capmill.io.Output;
import java.io.IOException;
import java.util.List;

/** pcapng (and the old NTAR {@code .ntar} files, which are the same format). */
public final class PcapngFormat implements CaptureFormat {
    public PcapngFormat() {
    }

    @Override
    public String id() {
        return PcapngConstants.ID;
    }

    @Override
    public String description() {
        return "pcapng (PCAP Next Generation)";
    }

    @Override
    public List<String> extensions() {
        return List.of("pcapng", "ntar");
    }

    /**
     * Claims the input when it begins with the SHB block type 0x0A0D0D0A and, when there are 12
     * bytes, the byte-order magic follows in either order. A file shorter than 12 bytes is
     * claimed on the block type alone, so that a cut-off SHB is reported as a pcapng problem.
     */
    @Override
    public boolean probe(byte[] head, int length) {
        if (length < 4 || head[0] != 0x0A || head[1] != 0x0D || head[2] != 0x0D || head[3] != 0x0A) {
            return false;
        }
        if (length < 12) {
            return true;
        }
        boolean le = head[8] == 0x4D && head[9] == 0x3C && head[10] == 0x2B && head[11] == 0x1A;
        boolean be = head[8] == 0x1A && head[9] == 0x2B && head[10] == 0x3C && head[11] == 0x4D;
        return le || be;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        return new PcapngReader(in, options);
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) throws IOException {
        return new PcapngWriter(out, metadata, options);
    }
}
