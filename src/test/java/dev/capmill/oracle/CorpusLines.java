package dev.capmill.oracle;

import dev.capmill.cli.Main;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import dev.capmill.pipeline.ConcatSource;
import dev.capmill.text.TextWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** capmill's lines for a corpus capture: the text output in process, and the TSV output through the CLI. */
public final class CorpusLines {
    private CorpusLines() {
    }

    /** capmill's text lines (as TextWriter writes them) for every packet capmill reads of {@code file}. */
    public static List<String> text(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConcatSource src = new ConcatSource(FormatRegistry.standard(),
                new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics()), List.of(file.toString()));
             Output out = new Output(bytes)) {
            TextWriter w = new TextWriter(out, src);
            PacketRecord r = new PacketRecord();
            while (src.next(r)) {
                w.write(r);
            }
            w.finish();
        }
        return TextGoldens.lines(bytes.toByteArray());
    }

    /** Whether capmill has a {@code tsv} output format yet (issue 5; another branch adds it). */
    public static boolean tsvAvailable() {
        return FormatRegistry.standard().formats().stream().anyMatch(f -> f.id().equals("tsv"));
    }

    /**
     * capmill's TSV lines for {@code file}: {@code capmill convert FILE -F tsv -e f1 -e f2 ... -o OUT},
     * run in process. Exit status 1 (input not read to its end) gives the lines written before the
     * damage, none when the input could not be opened; other failures are an IOException with
     * capmill's message.
     */
    public static List<String> tsv(Path file, List<String> fields, Path scratch) throws IOException {
        Path out = scratch.resolve("corpus.tsv");
        Files.deleteIfExists(out);
        List<String> args = new ArrayList<>(List.of("convert", file.toString(), "-q", "-F", "tsv"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        args.add("-o");
        args.add(out.toString());
        StringWriter err = new StringWriter();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        synchronized (System.class) {
            // the CLI reports some errors on System.err itself: keep them for the message
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            try (PrintStream ps = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                System.setOut(ps);
                System.setErr(ps);
                CommandLine cl = Main.commandLine();
                cl.setOut(new PrintWriter(ps, true));
                cl.setErr(new PrintWriter(err, true));
                exit = cl.execute(args.toArray(new String[0]));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
        err.write(printed.toString(StandardCharsets.UTF_8));
        if (exit == 1 && !Files.exists(out)) {
            return List.of(); // the input could not be read at all (as tshark, which prints nothing either)
        }
        if (exit != 0 && exit != 1 || !Files.exists(out)) {
            throw new IOException("capmill " + String.join(" ", args) + " exited " + exit + ": " + err.toString().strip());
        }
        return TextGoldens.lines(Files.readAllBytes(out));
    }
}
