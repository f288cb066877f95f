package dev.capmill.format.etl;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import java.io.IOException;
import java.util.List;

/**
 * Windows Event Trace Log ({@code .etl}) as written by {@code netsh trace} and {@code pktmon}:
 * recognised by its first buffer, a HEADER buffer whose first record is the header event
 * (a SYSTEM_TRACE_HEADER with hook id 0). Read only.
 */
public final class EtlFormat implements CaptureFormat {
    public EtlFormat() {
    }

    @Override
    public String id() {
        return EtlReader.ID;
    }

    @Override
    public String description() {
        return "Windows ETL event trace: netsh trace and pktmon packet captures (read only)";
    }

    @Override
    public List<String> extensions() {
        return List.of("etl");
    }

    @Override
    public boolean probe(byte[] head, int length) {
        int n = Math.min(length, head == null ? 0 : head.length);
        int h = EtlConstants.BUFFER_HEADER_LEN;
        if (n < h + EtlConstants.SYSTEM_HEADER_LEN) {
            return false;
        }
        long bs = Bytes.u32LE(head, EtlConstants.BH_BUFFER_SIZE);
        int type = Bytes.u16LE(head, EtlConstants.BH_TYPE);
        int flags = Bytes.u16LE(head, EtlConstants.BH_FLAGS);
        int ht = head[h + 2] & 0xFF;
        return type == EtlConstants.BUFFER_TYPE_HEADER
                && (flags & EtlConstants.BUFFER_FLAG_COMPRESSED) == 0
                && bs >= h + EtlConstants.SYSTEM_HEADER_LEN
                && (head[h + 3] & 0xFF) == 0xC0
                && (ht == EtlConstants.HT_SYSTEM32 || ht == EtlConstants.HT_SYSTEM64)
                && (head[h] == 1 || head[h] == 2)
                && Bytes.u16LE(head, h + 6) == 0;
    }

    @Override
    public CaptureReader open(Input in, ReadOptions options) throws IOException {
        return new EtlReader(in, options);
    }
}
