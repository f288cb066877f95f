package dev.capmill.cli;

import java.io.File;
import java.io.IOException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time tool (run by Maven in process-classes): writes AsciiDoc man pages for capmill and
 * every subcommand from the same command model the program runs, exit codes included. Asciidoctor
 * then turns them into roff pages in {@code man/}. picocli-codegen is only on the build's class
 * path, so this class is not for users.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        File out = new File(args.length > 0 ? args[0] : "man/adoc");
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException("cannot create " + out);
        }
        int rc = ManPageGenerator.generateManPage(out, null, new boolean[0], true,
                Main.commandLine().getCommandSpec());
        if (rc != 0) {
            throw new IOException("man page generation failed: " + rc);
        }
    }
}
