package dev.capmill.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The protocols whose corpus lines capmill must print exactly as tshark does, declared in a
 * committed file ({@link #TEXT} for the text output, {@link #TSV} for TSV): one line per tshark
 * Protocol column value, optionally followed by exceptions, each a regular expression that a
 * tshark text line of that protocol may match to be excused (with the reason). A decoder that
 * makes more lines identical adds its protocol, or deletes an exception; the corpus tests fail
 * when an exception no longer excuses any differing line, so the list only ever gets shorter.
 *
 * <pre>
 * # protocol TAB [exception regex TAB reason]
 * ARP
 * TCP	\[TCP (Retransmission|Dup ACK)	analysis flags are not decoded yet
 * </pre>
 * A protocol may appear on several lines, one per exception.
 */
public final class DecodedProtocols {
    public static final String TEXT = "testdata/oracle/text-decoded.tsv";
    public static final String TSV = "testdata/oracle/tsv-decoded.tsv";

    /** One excuse: tshark lines of {@code protocol} matching {@code pattern} need not be identical yet. */
    public static final class Excuse {
        public final String protocol;
        public final Pattern pattern;
        public final String reason;
        public final int line;

        Excuse(String protocol, Pattern pattern, String reason, int line) {
            this.protocol = protocol;
            this.pattern = pattern;
            this.reason = reason;
            this.line = line;
        }

        @Override
        public String toString() {
            return protocol + " /" + pattern.pattern() + "/ (" + reason + ", line " + line + ")";
        }
    }

    private final Map<String, List<Excuse>> protocols;
    public final String file;

    private DecodedProtocols(String file, Map<String, List<Excuse>> protocols) {
        this.file = file;
        this.protocols = protocols;
    }

    public static DecodedProtocols load(Path project, String file) throws IOException {
        Map<String, List<Excuse>> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(project.resolve(file), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            String[] c = l.split("\t", -1);
            List<Excuse> ex = m.computeIfAbsent(c[0], k -> new ArrayList<>());
            if (c.length == 1) {
                continue;
            }
            if (c.length != 3 || c[1].isEmpty() || c[2].isBlank()) {
                throw new IOException(file + " line " + (i + 1) + ": expected 'protocol' or 'protocol TAB regex TAB reason'");
            }
            try {
                ex.add(new Excuse(c[0], Pattern.compile(c[1]), c[2], i + 1));
            } catch (PatternSyntaxException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getDescription() + " in " + c[1], e);
            }
        }
        return new DecodedProtocols(file, m);
    }

    public boolean declared(String protocol) {
        return protocols.containsKey(protocol);
    }

    public List<String> names() {
        return new ArrayList<>(protocols.keySet());
    }

    /** The first excuse that covers a tshark line, or null. */
    public Excuse excuse(String protocol, String tsharkLine) {
        for (Excuse e : protocols.getOrDefault(protocol, List.of())) {
            if (e.pattern.matcher(tsharkLine).find()) {
                return e;
            }
        }
        return null;
    }

    /** Whether a line of this protocol must be identical: declared and not excused. */
    public boolean enforced(String protocol, String tsharkLine) {
        return declared(protocol) && excuse(protocol, tsharkLine) == null;
    }

    public List<Excuse> excuses() {
        List<Excuse> all = new ArrayList<>();
        protocols.values().forEach(all::addAll);
        return all;
    }
}
