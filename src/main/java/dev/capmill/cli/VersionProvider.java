package dev.capmill.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (set by the build). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        if (v == null) {
            v = System.getProperty("capmill.version");
        }
        return new String[] {"capmill " + (v != null ? v : "(development build)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
