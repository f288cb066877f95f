package dev.capmill.text;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import java.io.IOException;
import java.util.List;

/**
 * A format capmill writes but never reads (text, CSV, TSV): never recognised by content, and
 * refused with a clear message if named as an input format. Subclasses give the writer.
 */
abstract class OutputOnlyFormat implements CaptureFormat {
    private final String id;
    private final String description;
    private final List<String> extensions;

    OutputOnlyFormat(String id, String description, String extension) {
        this.id = id;
        this.description = description;
        this.extensions = List.of(extension);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<String> extensions() {
        return extensions;
    }

    @Override
    public final boolean probe(byte[] head, int length) {
        return false;
    }

    @Override
    public final CaptureReader open(Input in, ReadOptions options) throws IOException {
        throw new CaptureException.Unsupported(id, -1, -1, id + " output cannot be read back");
    }

    @Override
    public final boolean writable() {
        return true;
    }
}
