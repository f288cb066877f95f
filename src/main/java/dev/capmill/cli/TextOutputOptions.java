package dev.capmill.cli;

import dev.capmill.text.CsvFormat;
import dev.capmill.text.TextFormat;
import dev.capmill.text.TextOptions;
import dev.capmill.text.TimeFormat;
import dev.capmill.text.TsvFormat;
import dev.capmill.text.fields.FieldRegistry;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the text outputs (text, csv, tsv): a mixin of convert and print. */
public final class TextOutputOptions {
    @Option(names = {"-e", "--field"}, paramLabel = "FIELD",
            description = "A Wireshark field to write in CSV/TSV output, as tshark -T fields -e: repeat it, or give "
                + "a comma list. Default: frame.number, frame.time_epoch, ip.src, ipv6.src, ip.dst, ipv6.dst, "
                + "ip.proto, tcp.srcport, tcp.dstport, udp.srcport, udp.dstport, frame.len, _ws.col.Protocol, "
                + "_ws.col.Info. 'capmill formats --fields' lists the fields capmill can write.")
    List<String> fields = new ArrayList<>();

    @Option(names = "--header", negatable = true, paramLabel = "",
            description = "Write (--header) or leave out (--no-header) the row of field names. Default: CSV has it, "
                + "TSV has not (as tshark; --header is tshark's -E header=y).")
    Boolean header;

    @Option(names = {"-t", "--time-format"}, paramLabel = "FORMAT",
            description = "Time column format, as tshark -t: r (relative to the first packet, the default), "
                + "a/u (time of day), ad/ud (date and time), adoy/udoy (year/day of year and time), "
                + "d/dd (delta to the previous packet), e (seconds since 1970); in the precision the capture "
                + "holds, always UTC (a, ad, adoy are u, ud, udoy).")
    String timeFormat;

    @Option(names = "--ascii",
            description = "Text: write tshark 1.x's arrows, ' -> ' between addresses and ' > ' between ports, "
                + "instead of the Unicode arrow.")
    boolean ascii;

    @Option(names = "--columns", paramLabel = "LIST",
            description = "Text: the columns and their order, a comma list of no, time, source, destination, "
                + "protocol, length, info. Default: all, in that order.")
    String columns;

    @Option(names = "--no-padding",
            description = "Text: do not align columns (no spaces added); columns are separated as usual.")
    boolean noPadding;

    /** Whether an option that only text, csv or tsv output uses was given. */
    boolean any() {
        return !fields.isEmpty() || header != null || timeFormat != null || ascii || columns != null || noPadding;
    }

    /** The field names given, comma lists split. */
    List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            for (String part : f.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** The options for output format {@code formatId}; a usage error for options that format does not use. */
    TextOptions toOptions(String formatId) {
        boolean text = TextFormat.ID.equals(formatId);
        boolean fieldsFormat = CsvFormat.ID.equals(formatId) || TsvFormat.ID.equals(formatId);
        if (!text && !fieldsFormat) {
            if (any()) {
                throw new UserError(ExitCodes.USAGE, "-e, --header, -t, --ascii, --columns and --no-padding apply to "
                        + "text, csv and tsv output, not " + formatId);
            }
            return TextOptions.defaults();
        }
        if (text && (!fields.isEmpty() || header != null)) {
            throw new UserError(ExitCodes.USAGE, "-e and --header apply to csv and tsv output (-F csv, -F tsv)");
        }
        if (fieldsFormat && (ascii || columns != null || noPadding)) {
            throw new UserError(ExitCodes.USAGE, "--ascii, --columns and --no-padding apply to text output; "
                    + "with csv and tsv choose fields with -e");
        }
        TextOptions o = TextOptions.defaults().ascii(ascii).padding(!noPadding).header(header);
        if (timeFormat != null) {
            TimeFormat f = TimeFormat.parse(timeFormat);
            if (f == null) {
                throw new UserError(ExitCodes.USAGE, "-t " + timeFormat + ": unknown time format (use one of "
                        + TimeFormat.choices() + ")");
            }
            o.timeFormat(f);
        }
        if (columns != null) {
            List<TextOptions.Column> cols = new ArrayList<>();
            for (String c : columns.split(",")) {
                TextOptions.Column col = TextOptions.Column.parse(c);
                if (col == null) {
                    throw new UserError(ExitCodes.USAGE, "--columns: unknown column '" + c.trim()
                            + "' (use no, time, source, destination, protocol, length, info)");
                }
                cols.add(col);
            }
            if (cols.isEmpty()) {
                throw new UserError(ExitCodes.USAGE, "--columns: name at least one column");
            }
            o.columns(cols);
        }
        List<String> names = fieldNames();
        if (!fields.isEmpty() && names.isEmpty()) {
            throw new UserError(ExitCodes.USAGE, "-e: name at least one field");
        }
        try {
            FieldRegistry.standard().resolve(names);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, "-e: " + e.getMessage());
        }
        return o.fields(names);
    }
}
