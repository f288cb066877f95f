package dev.capmill.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "capmill",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Convert, describe, filter, merge, slice and shift packet captures: pcap, pcapng, Microsoft "
            + "Network Monitor, Network General Sniffer, NetXRay and Windows ETL (netsh trace, pktmon), "
            + "found by content, compressed or not."},
        footer = {"%nRun 'capmill COMMAND --help' for a command's options and examples."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required (convert, filter, merge, slice, shift, info, formats)");
    }

    /** The subcommands, in the order --help lists them. */
    private static final String[] NAMES = {"convert", "filter", "merge", "slice", "shift", "info", "print", "formats",
        "generate-completion", "help"};

    static Object subcommand(String name) {
        return switch (name) {
            case "convert" -> new ConvertCommand();
            case "filter" -> new FilterCommand();
            case "merge" -> new MergeCommand();
            case "slice" -> new SliceCommand();
            case "shift" -> new ShiftCommand();
            case "info" -> new InfoCommand();
            case "print" -> new PrintCommand();
            case "formats" -> new FormatsCommand();
            case "generate-completion" -> new AutoComplete.GenerateCompletion();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The command line with every subcommand and capmill's error handling; used by tests and the man pages. */
    public static CommandLine commandLine() {
        return commandLine(NAMES);
    }

    /**
     * The command line for {@code args}: when the first argument names a command (other than help),
     * only that command's model is built. picocli builds a command's model by reflection, and its
     * classes are too old a class-file version for the JVM's class-data archive, so building all ten
     * costs about a fifth of a second of CPU at every start; the answer is the same either way.
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 0 && !args[0].equals("help")) {
            for (String name : NAMES) {
                if (name.equals(args[0])) {
                    return commandLine(new String[] {name});
                }
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(String[] names) {
        CommandLine cl = new CommandLine(new Main());
        for (String name : names) {
            cl.addSubcommand(name, subcommand(name));
        }
        cl.setExecutionExceptionHandler(Main::onException);
        cl.setParameterExceptionHandler(Main::onBadParameters);
        CommandLine completion = cl.getSubcommands().get("generate-completion");
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(true);
        }
        applyExitCodes(cl);
        return cl;
    }

    /** Every command documents the same exit codes (in --help and the man pages). */
    private static void applyExitCodes(CommandLine cl) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String line : ExitCodes.LIST) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        cl.getCommandSpec().usageMessage().exitCodeListHeading(ExitCodes.HEADING).exitCodeList(codes);
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyExitCodes(sub);
        }
    }

    private static int onException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof UserError) {
            Console.error(e.getMessage());
            return ((UserError) e).exitCode();
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            Console.error(e.getMessage() != null ? e.getMessage() : e.toString());
            return ExitCodes.OUTPUT;
        }
        Console.error("internal error: " + e + (Boolean.getBoolean("capmill.debug") ? "" : " (run with -Dcapmill.debug=true for details; please report it)"));
        if (Boolean.getBoolean("capmill.debug")) {
            e.printStackTrace();
        }
        return ExitCodes.INTERNAL;
    }

    private static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("capmill: " + e.getMessage());
        String name = cl.getCommandSpec().qualifiedName();
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * Runs a command that {@link FastArgs} parsed, as picocli's execute would: its answer is the
     * exit code, and what it throws goes to the same handler.
     */
    static int run(java.util.concurrent.Callable<Integer> command) {
        try {
            Integer code = command.call();
            return code == null ? 0 : code;
        } catch (Exception e) {
            return onException(e, null, null);
        }
    }

    /** Parses {@code args} (the quick path, else picocli) and runs the command; returns the exit code. */
    static int execute(String[] args) {
        java.util.concurrent.Callable<Integer> quick = FastArgs.parse(args);
        return quick != null ? run(quick) : commandLineFor(args).execute(args);
    }

    public static void main(String[] args) {
        int code = execute(args);
        System.out.flush();
        System.exit(code);
    }
}
