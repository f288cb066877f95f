package dev.capmill.cli;

/** Exit codes of every capmill command (documented in the README and the man pages). */
public final class ExitCodes {
    /** Everything was read and written; warnings may have been printed. */
    public static final int OK = 0;
    /** An input could not be read to its end (damaged, truncated with --strict, unknown format, unreadable). */
    public static final int INPUT = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The output could not be written (the format cannot hold the data, a file error, output = input). */
    public static final int OUTPUT = 3;
    /** A bug in capmill; the message asks for a report. */
    public static final int INTERNAL = 70;

    /** For picocli's exitCodeList: the same text in every command's help and man page. */
    public static final String HEADING = "%nExit status:%n";
    public static final String[] LIST = {
        " 0:success (warnings may have been printed)",
        " 1:an input could not be read to its end: damaged, truncated (with --strict), not a capture",
        " 2:wrong command line",
        " 3:the output could not be written: the format cannot hold the data, a file error, output is an input",
        "70:internal error (a bug in capmill)"};

    private ExitCodes() {
    }
}
