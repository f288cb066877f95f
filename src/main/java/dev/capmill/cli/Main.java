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
        subcommands = {ConvertCommand.class, FilterCommand.class, MergeCommand.class, SliceCommand.class,
            ShiftCommand.class, InfoCommand.class, PrintCommand.class, FormatsCommand.class,
            AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        footer = {"%nRun 'capmill COMMAND --help' for a command's options and examples."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required (convert, filter, merge, slice, shift, info, formats)");
    }

    /** The command line with capmill's error handling; used by {@link #main} and by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::onException);
        cl.setParameterExceptionHandler(Main::onBadParameters);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
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

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }
}
