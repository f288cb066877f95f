package dev.capmill.pipeline;

import dev.capmill.format.CaptureReader;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.util.List;

/** One reader as a {@link RecordSource}. */
public final class ReaderSource implements RecordSource {
    private final CaptureReader reader;

    public ReaderSource(CaptureReader reader) {
        this.reader = reader;
    }

    public CaptureReader reader() {
        return reader;
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        return reader.next(into);
    }

    @Override
    public long position() {
        return reader.position();
    }

    @Override
    public List<SectionInfo> sections() {
        return reader.sections();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return reader.interfaces();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
