package dev.capmill.cli;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code ArgsTable.java}, the table of every command's options that {@link FastArgs}
 * parses with, from picocli's model of the annotated commands (the one source of truth). A test
 * compares the committed file with what this writes; after changing an option, regenerate it:
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.cli.ArgsTableWriter</pre>
 *
 * The table is a string constant of a class, not a resource: a class comes from the JVM's
 * class-data archive, while finding a resource in the jar took about 6 ms of each start.
 */
public final class ArgsTableWriter {
    static final Path COMMITTED = Path.of("src/main/java/dev/capmill/cli/ArgsTable.java");

    private ArgsTableWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : COMMITTED;
        Files.writeString(out, source(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    /** {@code ArgsTable.java}: the table as a string constant. */
    static String source() {
        StringBuilder sb = new StringBuilder();
        sb.append("package dev.capmill.cli;\n\n"
                + "/**\n"
                + " * The options of capmill's commands for {@link FastArgs}, written by ArgsTableWriter (test scope) from\n"
                + " * picocli's model of the annotated commands. Do not edit: a test checks it matches the annotations.\n"
                + " */\n"
                + "final class ArgsTable {\n"
                + "    private ArgsTable() {\n"
                + "    }\n\n"
                + "    /** One row per line, cells separated by tabs. */\n"
                + "    static final String TEXT = \"\"\n");
        for (String line : render().split("\n")) {
            sb.append("            + \"").append(line.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t"))
                    .append("\\n\"\n");
        }
        sb.setLength(sb.length() - 1);
        sb.append(";\n}\n");
        return sb.toString();
    }

    /** The table, one line per command, mixin, option and positional parameter, tab-separated. */
    static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# capmill's command-line options for FastArgs, written by ArgsTableWriter from picocli's model of the\n"
                + "# annotated commands; do not edit (a test checks it matches the annotations).\n"
                + "# command NAME CLASS | mixin COMMAND PATH CLASS | option COMMAND NAMES PATH TYPE ELEMENT ARITY DEFAULT"
                + " CONVERTER FLAGS | positional COMMAND PATH TYPE ELEMENT ARITY\n");
        CommandLine top = Main.commandLine();
        for (Map.Entry<String, CommandLine> e : top.getSubcommands().entrySet()) {
            CommandSpec spec = e.getValue().getCommandSpec();
            Object user = spec.userObject();
            if (!user.getClass().getPackageName().equals(Main.class.getPackageName())) {
                continue; // picocli's own (help, generate-completion): parsed by picocli
            }
            String name = e.getKey();
            row(sb, "command", name, user.getClass().getName());
            Map<ArgSpec, String> owner = new IdentityHashMap<>();
            for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
                Object mixin = m.getValue().userObject();
                if (!mixin.getClass().getPackageName().equals(Main.class.getPackageName())) {
                    continue; // the standard help options
                }
                String field = spec.mixinAnnotatedElements().get(m.getKey()).getName();
                row(sb, "mixin", name, field, mixin.getClass().getName());
                for (OptionSpec o : m.getValue().options()) {
                    owner.put(o, field + ".");
                }
            }
            for (OptionSpec o : spec.options()) {
                StringBuilder flags = new StringBuilder();
                flag(flags, o.required(), "required");
                flag(flags, o.negatable(), "negatable");
                flag(flags, o.usageHelp(), "help");
                flag(flags, o.versionHelp(), "version");
                flag(flags, o.isMultiValue(), "multi");
                flag(flags, o.splitRegex() != null && !o.splitRegex().isEmpty(), "split");
                boolean ours = o.userObject() instanceof Field;
                flag(flags, !ours, "foreign");
                String path = ours ? owner.getOrDefault(o, "") + ((Field) o.userObject()).getName() : "-";
                row(sb, "option", name, String.join(",", o.names()), path, o.type().getName(),
                        element(o), o.arity().toString(), o.defaultValue() == null ? "\\N" : o.defaultValue(),
                        converter(o), flags.length() == 0 ? "-" : flags.toString());
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                String path = p.userObject() instanceof Field ? ((Field) p.userObject()).getName() : "-";
                row(sb, "positional", name, path, p.type().getName(), element(p), p.arity().toString());
            }
        }
        return sb.toString();
    }

    private static String element(ArgSpec a) {
        Class<?>[] aux = a.auxiliaryTypes();
        return a.isMultiValue() && aux.length > 0 ? aux[0].getName() : "-";
    }

    private static String converter(ArgSpec a) {
        CommandLine.ITypeConverter<?>[] c = a.converters();
        return c.length == 0 ? "-" : c[0].getClass().getName();
    }

    private static void flag(StringBuilder sb, boolean on, String name) {
        if (on) {
            sb.append(sb.length() == 0 ? "" : ",").append(name);
        }
    }

    private static void row(StringBuilder sb, String... cells) {
        for (String c : cells) {
            if (c.indexOf('\t') >= 0 || c.indexOf('\n') >= 0) {
                throw new IllegalStateException("tab or newline in " + c);
            }
        }
        sb.append(String.join("\t", cells)).append('\n');
    }
}
