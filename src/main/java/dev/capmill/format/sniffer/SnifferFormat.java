package dev.capmill.format.sniffer;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import java.io.IOException;
import java.util.List;

/** Network General Sniffer for DOS, uncompressed and compressed: recognised by its magic, read. */
public final class SnifferFormat implements CaptureFormat {
    public SnifferFormat() {
    }

    @Override
    public String id() {
        return SnifferReader.ID;
    }

    @Override
    public String description() {
        return "Network General Sniffer (DOS), uncompressed and compressed";
    }

    @Override
    public List<String> extensions() {
        return List.of("cap", "enc", "trc", "fdc", "syc");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        byte[] m = SnifferConstants.MAGIC;
        if (head == null || length < m.length || head.length < m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (head[i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        return new SnifferReader(in, options);
    }
}
