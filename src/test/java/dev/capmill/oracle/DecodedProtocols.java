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
 * Protocol column value, optionally followed by excuses, each a regular expression (Java syntax,
 * searched with {@code find}) that tshark's text line of a frame of that protocol may match to be
 * excused, with the reason. A regex written {@code capmill:REGEX} is searched in capmill's line
 * instead (for what capmill does not decode yet, e.g. a link type), and {@code file:REGEX} in the
 * capture's corpus path (for a quirk of a few captures). A decoder that makes more lines
 * identical adds its protocol, or deletes an excuse; the corpus tests fail when an excuse no longer
 * covers any differing line, so the list only ever gets shorter.
 *
 * <pre>
 * # protocol TAB [regex TAB reason]
 * ARP
 * TCP	\[TCP (Retransmission|Dup ACK)	analysis flags are not decoded yet
 * TCP	capmill:Link type \d+ is not decoded yet	link layer not decoded yet
 * TCP	file:^tcpdump/tests/mptcp-.*\.pcap$	multipath TCP options
 * </pre>
 * A protocol may appear on several lines, one per excuse.
 */
public final class DecodedProtocols {
    public static final String TEXT = "testdata/oracle/text-decoded.tsv";
    public static final String TSV = "testdata/oracle/tsv-decoded.tsv";

    /** One excuse: tshark lines of {@code protocol} matching {@code pattern} need not be identical yet. */
    public static final class Excuse {
        public final String protocol;
        public final Pattern pattern;
        /** What the pattern is searched in: tshark's line, capmill's line or the capture's path. */
        public final String subject;
        public final String reason;
        public final int line;

        Excuse(String protocol, String regex, String reason, int line) {
            this.protocol = protocol;
            this.subject = regex.startsWith(CAPMILL) ? CAPMILL : regex.startsWith(FILE) ? FILE : "";
            this.pattern = Pattern.compile(regex.substring(subject.length()));
            this.reason = reason;
            this.line = line;
        }

        boolean covers(String path, String tsharkLine, String capmillLine) {
            String s = subject.equals(CAPMILL) ? capmillLine : subject.equals(FILE) ? path : tsharkLine;
            return s != null && pattern.matcher(s).find();
        }

        @Override
        public String toString() {
            return protocol + " " + subject + "/" + pattern.pattern() + "/ (" + reason + "; line " + line + ")";
        }
    }

    static final String CAPMILL = "capmill:";
    static final String FILE = "file:";

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
                ex.add(new Excuse(c[0], c[1], c[2], i + 1));
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

    /** The first excuse that covers a frame of a capture (capmill's line may be null: no line), or null. */
    public Excuse excuse(String protocol, String path, String tsharkLine, String capmillLine) {
        for (Excuse e : protocols.getOrDefault(protocol, List.of())) {
            if (e.covers(path, tsharkLine, capmillLine)) {
                return e;
            }
        }
        return null;
    }

    /** Whether a frame of this protocol must print identically: declared and not excused. */
    public boolean enforced(String protocol, String path, String tsharkLine, String capmillLine) {
        return declared(protocol) && excuse(protocol, path, tsharkLine, capmillLine) == null;
    }

    public List<Excuse> excuses() {
        List<Excuse> all = new ArrayList<>();
        protocols.values().forEach(all::addAll);
        return all;
    }
}
