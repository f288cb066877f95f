package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.TextBuffer;
import dev.capmill.text.TextOptions.Column;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the lines of {@code tshark -n -r}: No. (right-aligned, width 5), Time (right, width 10,
 * the interface's precision, relative by default), Source (right, 12), " → ", Destination (left,
 * 12), Protocol, Length, Info, separated by one space, UTF-8. Records other than packets write
 * nothing, but for those tshark shows as frames ({@link BlockFrames}). Frames are numbered from 1 in the order written, and time is relative to the first one
 * written. {@link TextOptions} choose the time format, the columns and their order, no padding,
 * and tshark 1.x's ASCII arrows (" -> " between addresses, " > " in Info).
 */
public final class TextWriter implements CaptureWriter {
    private final Output out;
    private final Utf8Out utf8;
    private final Frames frames;
    private final Column[] columns;
    private final TimeFormat timeFormat;
    private final boolean padding;
    private final boolean ascii;
    private final TextBuffer line = new TextBuffer(512);
    /** What stands for Summarizer.ARROW_MARK in the output: tshark's arrow, or 1.x's " > " in ASCII mode. */
    private final byte[] arrow;

    private static final String ARROW_BETWEEN = " " + Summarizer.ARROW_MARK + " ";
    private static final String SPACES = " ".repeat(16);

    public TextWriter(Output out, CaptureMetadata metadata) {
        this(out, metadata, TextOptions.defaults());
    }

    public TextWriter(Output out, CaptureMetadata metadata, TextOptions options) {
        this.out = out;
        this.utf8 = new Utf8Out(out);
        this.timeFormat = options.timeFormat();
        this.frames = new Frames(metadata, options);
        List<Column> c = options.columns();
        this.columns = c.toArray(new Column[0]);
        this.padding = options.padding();
        this.ascii = options.ascii();
        this.arrow = (ascii ? ">" : Summarizer.ARROW).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String formatId() {
        return TextFormat.ID;
    }

    @Override
    public void write(PacketRecord r) throws IOException {
        if (!frames.next(r)) {
            return;
        }
        Summarizer s = frames.summary;
        Clock clock = frames.clock;
        line.setLength(0);
        for (int i = 0; i < columns.length; i++) {
            Column col = columns[i];
            int mark = line.length();
            switch (col) {
                case NO -> {
                    line.append(clock.frame);
                    pad(mark, 5, true);
                }
                case TIME -> {
                    if (clock.hasTime) {
                        timeFormat.append(line, clock, clock.digits);
                    }
                    pad(mark, 10, true);
                }
                case SOURCE -> {
                    line.append(s.source);
                    pad(mark, 12, true);
                }
                case DESTINATION -> {
                    line.append(s.destination);
                    pad(mark, 12, false);
                }
                case PROTOCOL -> line.append(s.protocol);
                case LENGTH -> line.append(frames.packet.length);
                case INFO -> line.append(s.info);
                default -> throw new IllegalStateException(col.name());
            }
            if (i + 1 < columns.length) {
                if (col == Column.SOURCE && columns[i + 1] == Column.DESTINATION) {
                    line.append(ascii ? " -> " : ARROW_BETWEEN);
                } else {
                    line.append(' ');
                }
            }
        }
        line.append('\n');
        utf8.writeMarked(line, arrow);
    }

    /** Pads what was appended since {@code mark} to {@code width}, before it (right-aligned) or after. */
    private void pad(int mark, int width, boolean right) {
        int n = width - (line.length() - mark);
        if (!padding || n <= 0) {
            return;
        }
        if (right) {
            line.insert(mark, SPACES, 0, n);
        } else {
            line.append(SPACES, 0, n);
        }
    }

    /** Fraction digits tshark shows for an interface's if_tsresol (see {@link Clock#digits(int)}). */
    static int digits(int tsresol) {
        return Clock.digits(tsresol);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
