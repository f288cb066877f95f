package dev.capmill.oracle;

import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The committed answers of tshark 4.0 and capinfos about every pcap and pcapng file of the corpus,
 * so that tests compare capmill against them without running tshark (half a second a file).
 *
 * <p>Regenerate (needs tshark and capinfos; takes about ten minutes on two cores):
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.oracle.CorpusGolden [-Dexec.args=GROUP]</pre>
 * GROUP is one of the {@link Group}s (default {@code pcap}: pcap and pcapng files). It writes
 * {@code testdata/oracle/corpus-tshark[-GROUP].tsv} and adds to {@code testdata/oracle/linktype-encap.tsv}
 * the LINKTYPE → Wireshark encapsulation number pairs seen where capmill and tshark read the same
 * packets of a file.
 */
public final class CorpusGolden {
    public static final String GOLDEN = "testdata/oracle/corpus-tshark.tsv";

    /** Which corpus files a golden file covers. */
    public enum Group {
        PCAP("testdata/oracle/corpus-tshark.tsv", CorpusFiles.Kind.PCAP, CorpusFiles.Kind.PCAPNG),
        NETMON("testdata/oracle/corpus-tshark-netmon.tsv", CorpusFiles.Kind.NETMON),
        SNIFFER("testdata/oracle/corpus-tshark-sniffer.tsv", CorpusFiles.Kind.NGSNIFFER, CorpusFiles.Kind.NETXRAY);

        public final String file;
        public final CorpusFiles.Kind[] kinds;

        Group(String file, CorpusFiles.Kind... kinds) {
            this.file = file;
            this.kinds = kinds;
        }
    }
    public static final String ENCAPS = "testdata/oracle/linktype-encap.tsv";
    public static final String COMMAND = "./mvnw -q test-compile exec:java -Dexec.classpathScope=test "
            + "-Dexec.mainClass=dev.capmill.oracle.CorpusGolden";

    /** One golden row. */
    public static final class Entry {
        public final String path;
        public final String kind;
        public final int tsharkExit;
        public final String tsharkError;
        public final String fingerprint;
        public final String capinfosEncap;
        public final long capinfosPackets;
        public final String capinfosStart;
        public final String capinfosEnd;

        Entry(String[] c) {
            path = c[0];
            kind = c[1];
            tsharkExit = Integer.parseInt(c[2]);
            tsharkError = c[3];
            fingerprint = String.join("\t", c[4], c[5], c[6], c[7], c[8], c[9]);
            capinfosEncap = c[10];
            capinfosPackets = c[11].isEmpty() ? -1 : Long.parseLong(c[11]);
            capinfosStart = c[12];
            capinfosEnd = c[13];
        }

        public long packets() {
            return Long.parseLong(fingerprint.substring(0, fingerprint.indexOf('\t')));
        }
    }

    private CorpusGolden() {
    }

    /** The rows of every group whose golden file exists. */
    public static List<Entry> load(Path projectDir) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Group g : Group.values()) {
            if (Files.exists(projectDir.resolve(g.file))) {
                out.addAll(load(projectDir, g));
            }
        }
        return out;
    }

    public static List<Entry> load(Path projectDir, Group group) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(projectDir.resolve(group.file), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            out.add(new Entry(line.split("\t", -1)));
        }
        return out;
    }

    public static Map<Integer, Integer> loadEncaps(Path projectDir) throws IOException {
        Map<Integer, Integer> m = new TreeMap<>();
        for (String line : Files.readAllLines(projectDir.resolve(ENCAPS), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t");
            m.put(Integer.parseInt(c[0]), Integer.parseInt(c[1]));
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        Path project = Shared.projectDir();
        Path corpus = Shared.corpus();
        if (!Files.isDirectory(corpus) || !Tools.available("tshark") || !Tools.available("capinfos")) {
            System.err.println("needs " + corpus + ", tshark and capinfos");
            System.exit(2);
        }
        Group group = Group.valueOf(args.length > 0 ? args[0].toUpperCase(java.util.Locale.ROOT) : "PCAP");
        List<Path> files = CorpusFiles.find(corpus, group.kinds);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<String>> rows = new ArrayList<>();
        Map<Integer, Map<Integer, Integer>> pairs = Collections.synchronizedMap(new TreeMap<>());
        for (Path f : files) {
            rows.add(pool.submit(() -> row(corpus, f, pairs)));
        }
        List<String> lines = new ArrayList<>();
        lines.add("# tshark 4.0 and capinfos answers for every " + java.util.Arrays.toString(group.kinds)
                + " file of ../shared/corpus (found by content).");
        lines.add("# Made by: " + COMMAND + (group == Group.PCAP ? "" : " -Dexec.args=" + group.name().toLowerCase(java.util.Locale.ROOT)));
        lines.add("# tshark -r FILE --disable-protocol ALL -T fields -e frame.time_epoch -e frame.len -e frame.cap_len "
                + "-e frame.encap_type, and -x for the bytes; capinfos -T -r -c -a -e -E -S -M FILE; TZ=UTC.");
        lines.add("# columns: path kind tshark_exit tshark_error packets fields_sha256/16 bytes_sha256/16 first last "
                + "encaps capinfos_encap capinfos_packets capinfos_start capinfos_end");
        int done = 0;
        for (Future<String> r : rows) {
            lines.add(r.get());
            if (++done % 100 == 0) {
                System.err.println(done + "/" + files.size());
            }
        }
        pool.shutdown();
        Files.createDirectories(project.resolve(group.file).getParent());
        Files.write(project.resolve(group.file), lines, StandardCharsets.UTF_8);
        if (Files.exists(project.resolve(ENCAPS))) {
            // keep the pairs other groups found
            for (Map.Entry<Integer, Integer> e : loadEncaps(project).entrySet()) {
                pairs.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).merge(e.getValue(), 1, Integer::sum);
            }
        }
        List<String> enc = new ArrayList<>();
        enc.add("# LINKTYPE -> Wireshark WTAP_ENCAP number, as seen in files where capmill and tshark read the same packets.");
        enc.add("# Made by: " + COMMAND);
        for (Map.Entry<Integer, Map<Integer, Integer>> e : pairs.entrySet()) {
            if (e.getValue().size() > 1) {
                System.err.println("link type " + e.getKey() + " maps to several encapsulations: " + e.getValue());
            }
            int best = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
            enc.add(e.getKey() + "\t" + best);
        }
        Files.write(project.resolve(ENCAPS), enc, StandardCharsets.UTF_8);
        System.err.println("wrote " + group.file + " (" + files.size() + " files) and " + ENCAPS);
    }

    private static String row(Path corpus, Path f, Map<Integer, Map<Integer, Integer>> pairs) throws IOException {
        String rel = corpus.relativize(f).toString();
        TsharkFingerprints.Reading t = TsharkFingerprints.read(f);
        Tools.Result ci = Tools.run(List.of("capinfos", "-T", "-r", "-c", "-a", "-e", "-E", "-S", "-M", f.toString()));
        String[] c = ci.outText().trim().split("\t", -1);
        String ciEncap = c.length >= 5 ? c[1] : "";
        String ciPackets = c.length >= 5 ? c[2] : "";
        String ciStart = c.length >= 5 ? c[3] : "";
        String ciEnd = c.length >= 5 ? c[4] : "";
        // pair capmill's link types with tshark's encapsulations, packet by packet, where counts agree
        try {
            List<Integer> lts = new ArrayList<>();
            CapmillFingerprints.read(f, new LinkedHashMap<>(), (r, lt) -> lts.add(lt));
            if (lts.size() == t.rows.size()) {
                for (int i = 0; i < lts.size(); i++) {
                    if (t.rows.get(i).encap >= 0) {
                        pairs.computeIfAbsent(lts.get(i), k -> new TreeMap<>()).merge(t.rows.get(i).encap, 1, Integer::sum);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // capmill cannot read it: no pairs from this file; the tests will say so
        }
        return String.join("\t", rel, CorpusFiles.kind(f).name().toLowerCase(), Integer.toString(t.exit),
                t.error.replace('\t', ' '), t.fingerprint, ciEncap, ciPackets, ciStart, ciEnd);
    }
}
