package dev.capmill.pipeline;

import dev.capmill.format.CaptureWriter;
import dev.capmill.model.PacketRecord;
import java.io.IOException;

/**
 * The pipeline's pump: pulls records from a source and hands them to a writer. Counts what went
 * through so that progress and summaries can be shown; the counters are read from other threads.
 */
public final class Convert {
    private volatile long packets;
    private volatile long records;

    public long packets() {
        return packets;
    }

    public long records() {
        return records;
    }

    /** Copies every record of {@code source} to {@code writer}, then finishes the writer. */
    public void run(RecordSource source, CaptureWriter writer) throws IOException {
        PacketRecord r = new PacketRecord();
        long p = 0;
        long n = 0;
        while (source.next(r)) {
            writer.write(r);
            n++;
            if (r.isPacket()) {
                p++;
                if ((p & 1023) == 0) {
                    packets = p;
                    records = n;
                }
            }
        }
        packets = p;
        records = n;
        writer.finish();
    }
}
