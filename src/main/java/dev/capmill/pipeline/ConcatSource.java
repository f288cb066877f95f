package dev.capmill.pipeline;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads inputs one after another, opening each only when the previous one is done (so any number
 * of inputs needs one open file). Each input's sections and interfaces get new global numbers;
 * records are renumbered on the way through. An input that cannot be read to its end is recorded
 * as an {@link InputFailure} and the next input follows; the records read before the damage are kept.
 */
public final class ConcatSource implements RecordSource {
    private final FormatRegistry registry;
    private final ReadOptions options;
    private final List<String> inputs;
    private final List<InputFailure> failures = new ArrayList<>();
    private final List<SectionInfo> sections = new ArrayList<>();
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<String> fileTypes = new ArrayList<>();
    private final boolean labelInterfaces;

    private int current = -1;
    private CaptureReader reader;
    private int sectionBase;
    private int interfaceBase;
    private long positionDone;

    public ConcatSource(FormatRegistry registry, ReadOptions options, List<String> inputs) {
        this.registry = registry;
        this.options = options;
        this.inputs = List.copyOf(inputs);
        this.labelInterfaces = inputs.size() > 1;
    }

    @Override
    public List<SectionInfo> sections() {
        return sections;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    public List<InputFailure> failures() {
        return failures;
    }

    /** The file type of each input opened so far, in order ("pcap", "pcapng", ...). */
    public List<String> fileTypes() {
        return fileTypes;
    }

    /** The reader of the input being read now (null between inputs). */
    public CaptureReader currentReader() {
        return reader;
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        while (true) {
            if (reader == null && !openNext()) {
                return false;
            }
            try {
                if (reader.next(into)) {
                    renumber(into);
                    return true;
                }
            } catch (CaptureException.Truncated e) {
                failures.add(new InputFailure(inputs.get(current), e, true));
            } catch (IOException e) {
                failures.add(new InputFailure(inputs.get(current), e, false));
            }
            closeCurrent();
        }
    }

    private boolean openNext() throws IOException {
        while (current + 1 < inputs.size()) {
            current++;
            sectionBase = sections.size();
            interfaceBase = interfaces.size();
            try {
                reader = registry.open(inputs.get(current), options);
                fileTypes.add(reader.fileType());
                return true;
            } catch (IOException e) {
                failures.add(new InputFailure(inputs.get(current), e, false));
                fileTypes.add("?");
            }
        }
        return false;
    }

    private void renumber(PacketRecord r) {
        switch (r.kind()) {
            case SECTION: {
                SectionInfo s = reader.sections().get(r.sectionIndex()).copy();
                s.setIndex(sections.size());
                sections.add(s);
                r.setSectionIndex(s.index());
                break;
            }
            case INTERFACE: {
                InterfaceInfo i = reader.interfaces().get(r.interfaceId()).copy();
                i.setSectionIndex(i.sectionIndex() + sectionBase);
                if (labelInterfaces) {
                    i.setSource(inputs.get(current));
                }
                interfaces.add(i);
                r.setInterfaceId(interfaces.size() - 1);
                r.setSectionIndex(i.sectionIndex());
                break;
            }
            default:
                r.setInterfaceId(r.interfaceId() + interfaceBase);
                r.setSectionIndex(r.sectionIndex() + sectionBase);
                break;
        }
    }

    private void closeCurrent() {
        if (reader != null) {
            positionDone += reader.position();
            try {
                reader.close();
            } catch (IOException ignored) {
                // the input was read; a failure to close it changes nothing in the output
            }
            reader = null;
        }
    }

    @Override
    public long position() {
        CaptureReader r = reader;
        return positionDone + (r != null ? r.position() : 0);
    }

    @Override
    public void close() {
        closeCurrent();
        current = inputs.size();
    }
}
