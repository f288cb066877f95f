package dev.capmill.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.TextBuffer;
import dev.capmill.text.fields.Field;
import dev.capmill.text.fields.Packet;
import java.io.IOException;
import java.util.List;

/**
 * RFC 4180 CSV of the chosen fields, through one Jackson CSV generator for the whole output: a
 * header row of the field names (unless turned off), one record per packet, records ending in
 * CRLF, a value quoted when it holds a comma, a quote, CR or LF, quotes inside doubled. Values
 * are tshark's ({@code -T fields}) but not escaped: a comment's line break stays a line break,
 * inside quotes. Numbers go to the generator as numbers, text values as the characters of one
 * reused buffer: nothing is allocated per packet.
 */
public final class CsvWriter implements CaptureWriter {
    /** Quoting decided by looking at every character (not "long values always quoted"). */
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final Utf8Out utf8;
    private final Frames frames;
    private final Field[] fields;
    private final CsvGenerator gen;
    private final TextBuffer value = new TextBuffer(256);
    private final boolean header;
    private boolean any;

    public CsvWriter(Output out, CaptureMetadata metadata, TextOptions options) throws IOException {
        this.utf8 = new Utf8Out(out);
        this.frames = new Frames(metadata, options);
        List<Field> f = TsvWriter.fields(options);
        this.fields = f.toArray(new Field[0]);
        CsvSchema.Builder schema = CsvSchema.builder();
        for (Field x : f) {
            schema.addColumn(x.name());
        }
        header = !Boolean.FALSE.equals(options.header());
        gen = FACTORY.createGenerator(utf8);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setSchema(schema.setUseHeader(header).setLineSeparator("\r\n").build());
    }

    @Override
    public String formatId() {
        return CsvFormat.ID;
    }

    @Override
    public void write(PacketRecord r) throws IOException {
        if (!frames.next(r)) {
            return;
        }
        Packet p = frames.packet;
        any = true;
        gen.writeStartArray();
        for (Field f : fields) {
            long v = f.numeric() ? f.number(p) : Field.MULTIPLE;
            if (v == Field.ABSENT) {
                gen.writeString("");
            } else if (v != Field.MULTIPLE) {
                gen.writeNumber(v);
            } else {
                value.setLength(0);
                f.append(p, value);
                if (value.length() == 0) {
                    gen.writeString("");
                } else if (hasLineBreak(value)) {
                    gen.writeRawValue(quoted(value));
                } else {
                    gen.writeString(value.array(), 0, value.length());
                }
            }
        }
        gen.writeEndArray();
    }

    private static boolean hasLineBreak(CharSequence v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * The value in quotes with its quotes doubled (RFC 4180 section 2, rules 6 and 7). Jackson's
     * encoder quotes a value holding the first character of the line separator only, so a value
     * with CR or LF (a multi-line comment) is quoted here and handed over raw.
     */
    private static String quoted(CharSequence v) {
        TextBuffer sb = new TextBuffer(v.length() + 8).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    @Override
    public void finish() throws IOException {
        if (!any && header) {
            // Jackson writes the header before the first record; without records, write it here
            TextBuffer sb = new TextBuffer();
            for (Field f : fields) {
                sb.append(sb.length() == 0 ? "" : ",").append(f.name());
            }
            utf8.write(sb.append("\r\n"));
        }
        gen.flush();
        utf8.flush();
    }
}
