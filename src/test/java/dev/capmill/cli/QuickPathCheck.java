package dev.capmill.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Checks {@link FastArgs} against picocli: when the quick path takes a command line, picocli must
 * take it too and set every option, mixin and positional field of the command to equal values.
 * Every command line the CLI tests run goes through here ({@link Cli#run}).
 */
final class QuickPathCheck {
    private QuickPathCheck() {
    }

    /** Fails when the quick path parses {@code args} differently from picocli; returns whether it took them. */
    static boolean samePick(String... args) {
        Callable<Integer> quick = FastArgs.parse(args);
        if (quick == null) {
            return false;
        }
        CommandLine top = Main.commandLine();
        CommandLine.ParseResult parsed;
        try {
            parsed = top.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("the quick path took " + List.of(args) + " but picocli refuses it: " + e.getMessage());
        }
        if (!parsed.hasSubcommand()) {
            throw new AssertionError("the quick path took " + List.of(args) + " but picocli found no command");
        }
        Object reference = parsed.subcommand().commandSpec().userObject();
        compare(reference, quick, reference.getClass().getSimpleName(), List.of(args));
        return true;
    }

    private static void compare(Object want, Object got, String where, List<String> args) {
        if (want == null || got == null) {
            if (want != got) {
                throw new AssertionError(where + ": picocli " + want + ", quick path " + got + " for " + args);
            }
            return;
        }
        if (want.getClass() != got.getClass()) {
            throw new AssertionError(where + ": picocli " + want.getClass() + ", quick path " + got.getClass() + " for " + args);
        }
        if (!want.getClass().getName().startsWith("dev.capmill.")) {
            if (!Objects.deepEquals(want, got)) {
                throw new AssertionError(where + ": picocli " + want + ", quick path " + got + " for " + args);
            }
            return;
        }
        // capmill's own types (commands, mixins, parsed values): field by field
        for (Class<?> c = want.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !compared(f)) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    compare(f.get(want), f.get(got), where + "." + f.getName(), args);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Fields that hold what the command line said: options, positionals, mixins, and the parts of parsed values. */
    private static boolean compared(Field f) {
        if (f.getDeclaringClass().getName().startsWith("dev.capmill.cli.")) {
            return f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)
                    || f.isAnnotationPresent(CommandLine.Mixin.class);
        }
        return true;
    }

    /** Command lines the quick path must take, beside those the tests run. */
    static List<String[]> typical() {
        List<String[]> l = new ArrayList<>();
        l.add(new String[] {"merge", "-q", "a.pcap", "b.pcap", "-o", "m.pcapng"});
        l.add(new String[] {"shift", "-q", "in.pcap", "--by", "-3600.5", "-o", "t.pcap"});
        l.add(new String[] {"slice", "in.pcap", "--from", "1709294460.5", "--to=1709294470.5", "-o", "w.pcap"});
        l.add(new String[] {"filter", "-q", "in.pcap", "-o", "f.pcap", "tcp port 80"});
        l.add(new String[] {"print", "in.pcap", "-t", "ad", "--ascii"});
        l.add(new String[] {"convert", "in.pcap", "-o", "x.csv", "-e", "frame.number", "-e", "ip.src,ip.dst"});
        l.add(new String[] {"info", "--json", "a.pcap", "b.pcap"});
        l.add(new String[] {"merge", "--offset", "b.pcap=-1.5ms", "--offset", "c.pcap=+2s", "a.pcap", "b.pcap", "c.pcap",
            "--max-open", "8", "--split-count", "10", "-o", "out.pcap"});
        l.add(new String[] {"convert", "-o", "-", "--", "-"});
        return l;
    }
}
