package dev.capmill.format.pcap;

import static dev.capmill.format.pcap.PcapConstants.*;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Input;
import dev.capmill.io.Output;
import dev.capmill.model.Bytes;
import java.io.IOException;
import java.util.List;

/** Classic pcap (libpcap savefile) and its variants: recognised by magic, read, written. */
public final class PcapFormat implements CaptureFormat {
    private static final int[] MAGICS = {MAGIC_USEC, MAGIC_NSEC, MAGIC_MODIFIED, MAGIC_IXIA_HW, MAGIC_IXIA_SW};

    public PcapFormat() {
    }

    @Override
    public String id() {
        return PcapReader.ID;
    }

    @Override
    public String description() {
        return "pcap (libpcap savefile; microsecond, nanosecond and the old modified variants)";
    }

    @Override
    public List<String> extensions() {
        return List.of("pcap", "cap", "dmp");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        if (head == null || length < 4 || head.length < 4) {
            return false;
        }
        int m = Bytes.i32LE(head, 0);
        for (int magic : MAGICS) {
            if (m == magic || m == Integer.reverseBytes(magic)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        return new PcapReader(in, options);
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public CaptureWriter writer(Output out, CaptureMetadata metadata, WriteOptions options) {
        return new PcapWriter(out, metadata, options);
    }
}
