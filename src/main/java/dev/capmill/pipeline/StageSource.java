package dev.capmill.pipeline;

import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.util.List;

/**
 * A pipeline stage: a source that reads another source and passes on, changes, drops, holds back
 * or adds records. Stages stack (source ▸ filter ▸ shift ▸ slice ▸ dedup ▸ writer), each seeing
 * the records the one before it let through, in one pass. By default a stage keeps the sections
 * and interfaces of its upstream; a stage that renumbers them overrides {@link #sections()} and
 * {@link #interfaces()}.
 */
public abstract class StageSource implements RecordSource {
    protected final RecordSource upstream;

    protected StageSource(RecordSource upstream) {
        this.upstream = upstream;
    }

    @Override
    public List<SectionInfo> sections() {
        return upstream.sections();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return upstream.interfaces();
    }

    @Override
    public long position() {
        return upstream.position();
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }

    /**
     * A stage that only keeps or drops packets: every record that is not a packet passes, a
     * packet passes when {@link #accept(PacketRecord)} says so. {@link #seen()} and
     * {@link #kept()} count packets.
     */
    public abstract static class PacketFilter extends StageSource {
        private long seen;
        private long kept;

        protected PacketFilter(RecordSource upstream) {
            super(upstream);
        }

        /** Whether this packet goes on. May change the record in place (a time shift does). */
        protected abstract boolean accept(PacketRecord packet) throws IOException;

        @Override
        public boolean next(PacketRecord into) throws IOException {
            while (upstream.next(into)) {
                if (!into.isPacket()) {
                    return true;
                }
                seen++;
                if (accept(into)) {
                    kept++;
                    return true;
                }
            }
            return false;
        }

        public long seen() {
            return seen;
        }

        public long kept() {
            return kept;
        }
    }
}
