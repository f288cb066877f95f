package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.TextBuffer;
import dev.capmill.text.fields.Field;
import dev.capmill.text.fields.FieldRegistry;
import dev.capmill.text.fields.Packet;
import java.io.IOException;
import java.util.List;

/**
 * The lines of {@code tshark -T fields -e F1 -e F2 ...}: one line per packet, the fields'
 * values separated by a tab, occurrences of one field by ',', an absent field empty. As tshark
 * does, backspace, form feed, newline, carriage return and tab inside a value are written as
 * {@code \b \f \n \r \t} (so a line is always one record); other characters as they are. A
 * header line of the field names (tshark's {@code -E header=y}) only when asked. Allocates
 * nothing per packet.
 */
public final class TsvWriter implements CaptureWriter {
    private final Output out;
    private final Utf8Out utf8;
    private final Frames frames;
    private final Field[] fields;
    private final boolean header;
    private final TextBuffer line = new TextBuffer(512);
    private final TextBuffer value = new TextBuffer(256);
    private boolean started;

    public TsvWriter(Output out, CaptureMetadata metadata, TextOptions options) {
        this.out = out;
        this.utf8 = new Utf8Out(out);
        this.frames = new Frames(metadata, options);
        this.fields = fields(options).toArray(new Field[0]);
        this.header = Boolean.TRUE.equals(options.header());
    }

    /** The fields the options name, or the default set. */
    static List<Field> fields(TextOptions options) {
        return FieldRegistry.standard().resolve(options.fields().isEmpty() ? FieldRegistry.DEFAULT : options.fields());
    }

    @Override
    public String formatId() {
        return TsvFormat.ID;
    }

    private void start() throws IOException {
        started = true;
        if (header) {
            line.setLength(0);
            for (int i = 0; i < fields.length; i++) {
                line.append(i == 0 ? "" : "\t").append(fields[i].name());
            }
            line.append('\n');
            utf8.write(line);
        }
    }

    @Override
    public void write(PacketRecord r) throws IOException {
        if (!started) {
            start();
        }
        if (!frames.next(r)) {
            return;
        }
        Packet p = frames.packet;
        line.setLength(0);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Field f = fields[i];
            long v = f.numeric() ? f.number(p) : Field.MULTIPLE;
            if (v != Field.MULTIPLE) {
                if (v != Field.ABSENT) {
                    line.append(v);
                }
            } else {
                value.setLength(0);
                f.append(p, value);
                escape(value, line);
            }
        }
        line.append('\n');
        utf8.write(line);
    }

    /** Appends {@code v} to {@code to} with tshark's escapes of control characters. */
    static void escape(CharSequence v, TextBuffer to) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\b' -> to.append("\\b");
                case '\f' -> to.append("\\f");
                case '\n' -> to.append("\\n");
                case '\r' -> to.append("\\r");
                case '\t' -> to.append("\\t");
                default -> to.append(c);
            }
        }
    }

    @Override
    public void finish() throws IOException {
        if (!started) {
            start();
        }
        out.flush();
    }
}
