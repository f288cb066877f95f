package dev.capmill.cli;

import dev.capmill.format.CaptureFormat;
import dev.capmill.format.FormatRegistry;
import dev.capmill.io.Compression;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "formats", description = "List the capture formats capmill reads and writes, and the compressions it handles.",
        footer = {"%nExamples:", "  capmill formats", "  capmill formats --fields"})
public final class FormatsCommand implements Callable<Integer> {
    @Option(names = "--fields", description = "List the Wireshark fields csv and tsv output can write (-e).")
    boolean fields;

    @Override
    public Integer call() {
        if (fields) {
            for (dev.capmill.text.fields.Field f : dev.capmill.text.fields.FieldRegistry.standard().all()) {
                System.out.printf(Locale.ROOT, "%-28s %s%n", f.name(), f.description());
            }
            return ExitCodes.OK;
        }
        System.out.printf(Locale.ROOT, "%-8s %-5s %-5s %-22s %s%n", "FORMAT", "READ", "WRITE", "EXTENSIONS", "DESCRIPTION");
        for (CaptureFormat f : FormatRegistry.standard().formats()) {
            System.out.printf(Locale.ROOT, "%-8s %-5s %-5s %-22s %s%n", f.id(), outputOnly(f) ? "no" : "yes", f.writable() ? "yes" : "no",
                    String.join(",", f.extensions()), f.description());
        }
        StringBuilder sb = new StringBuilder();
        for (Compression c : Compression.values()) {
            if (c != Compression.NONE) {
                sb.append(sb.length() > 0 ? ", " : "").append(c.name().toLowerCase(Locale.ROOT)).append(" (").append(c.suffix()).append(')');
            }
        }
        System.out.println();
        System.out.println("Compressed input is found by content: " + sb + ". Output is compressed by its name's suffix.");
        return ExitCodes.OK;
    }

    private static boolean outputOnly(CaptureFormat f) {
        return f instanceof dev.capmill.text.TextFormat || f instanceof dev.capmill.text.CsvFormat
                || f instanceof dev.capmill.text.TsvFormat;
    }
}
