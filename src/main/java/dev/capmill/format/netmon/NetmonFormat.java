package dev.capmill.format.netmon;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import java.io.IOException;
import java.util.List;

/** Microsoft Network Monitor 1.x and 2.x ({@code .cap}): recognised by magic ("RTSS", "GMBU"), read only. */
public final class NetmonFormat implements CaptureFormat {
    public NetmonFormat() {
    }

    @Override
    public String id() {
        return NetmonReader.ID;
    }

    @Override
    public String description() {
        return "Microsoft Network Monitor 1.x and 2.0-2.3 (read only)";
    }

    @Override
    public List<String> extensions() {
        return List.of("cap");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        if (head == null || length < 4 || head.length < 4) {
            return false;
        }
        int m = Bytes.i32LE(head, 0);
        return m == NetmonConstants.MAGIC_1X || m == NetmonConstants.MAGIC_2X;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        return new NetmonReader(in, options);
    }
}
