package dev.capmill.format.netxray;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import java.io.IOException;
import java.util.List;

/** NetXRay and Sniffer for Windows (1.x, 2.x): recognised by magic ("XCP\0", old "VL\0\0"), read. */
public final class NetxrayFormat implements CaptureFormat {
    public NetxrayFormat() {
    }

    @Override
    public String id() {
        return NetxrayReader.ID;
    }

    @Override
    public String description() {
        return "NetXRay / Sniffer for Windows 1.x and 2.x";
    }

    @Override
    public List<String> extensions() {
        return List.of("cap", "caz");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        if (head == null || length < 4 || head.length < 4) {
            return false;
        }
        return startsWith(head, NetxrayConstants.MAGIC) || startsWith(head, NetxrayConstants.OLD_MAGIC);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        return new NetxrayReader(in, options);
    }
}
