package dev.capmill.cli;

import dev.capmill.format.Diagnostics;
import java.io.PrintStream;

/** Where commands print messages: one line each, prefixed "capmill: ". */
final class Console {
    private Console() {
    }

    static PrintStream err() {
        return System.err;
    }

    static void error(String message) {
        System.err.println("capmill: " + oneLine(message));
    }

    /** A report the user asked for (what --align found, what --dedup-taps removed); silenced by -q. */
    static void note(String message) {
        System.err.println("capmill: " + oneLine(message));
    }

    static void warning(String message) {
        System.err.println("capmill: warning: " + oneLine(message));
    }

    static void warnings(Diagnostics d, boolean quiet) {
        if (quiet) {
            return;
        }
        for (String line : d.lines()) {
            warning(line);
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
