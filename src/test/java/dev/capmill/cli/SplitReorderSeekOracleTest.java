package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.model.PacketRecord;
import dev.capmill.oracle.CorpusFiles;
import dev.capmill.oracle.TsharkFingerprints;
import dev.capmill.pipeline.Caps;
import dev.capmill.pipeline.RecordSource;
import dev.capmill.testing.Shared;
import dev.capmill.testing.TimedCaptures;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beside {@link EditOracleTest}, in its style (tshark fingerprints compared packet by packet):
 * split by duration as editcap -i (the same packets in each non-empty piece), reordering as
 * reordercap, and time windows found by seeking as editcap -A/-B.
 */
class SplitReorderSeekOracleTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;
    static final Path DATA = Shared.projectDir().resolve("testdata");
    static final String B = DATA.resolve("pcap/sample-nsec.pcap").toString();

    @TempDir
    Path tmp;

    private static void same(Path peer, Path mine) throws IOException {
        TsharkFingerprints.Reading want = TsharkFingerprints.read(peer);
        TsharkFingerprints.Reading got = TsharkFingerprints.read(mine);
        assertEquals(0, want.exit, "peer output unreadable: " + want.error);
        assertTrue(want.rows.size() > 0, "the comparison needs packets");
        assertEquals(want.rows.size(), got.rows.size(), "packet count of " + mine.getFileName());
        assertEquals(want.fingerprint, got.fingerprint, mine.getFileName().toString());
    }

    private static void peer(String... cmd) throws IOException {
        Tools.Result r = Tools.run(List.of(cmd));
        assertEquals(0, r.exit, String.join(" ", cmd) + ": " + r.firstError());
    }

    private static void capmill(String... args) {
        Cli c = Cli.run(args);
        assertEquals(0, c.exit, String.join(" ", args) + ": " + c);
    }

    private static int packets(Path f) throws IOException {
        try (RecordSource s = Caps.read(f)) {
            return Caps.drain(s, null).size();
        }
    }

    /** The pieces in a folder that hold packets, in name order (editcap also writes empty ones). */
    private static List<Path> pieces(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> !p.toString().endsWith(".json")).sorted(Comparator.comparing(Path::toString)).toList()) {
                if (packets(p) > 0) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private void splitAsEditcap(String in, String seconds, String name) throws IOException {
        Path pd = Files.createDirectories(tmp.resolve(name + "-peer"));
        Path md = Files.createDirectories(tmp.resolve(name + "-mine"));
        peer("editcap", "-i", seconds, in, pd.resolve("p.pcapng").toString());
        capmill("slice", "-q", in, "--split-duration", seconds + "s", "-o", md.resolve("m.pcapng").toString());
        List<Path> peers = pieces(pd);
        List<Path> mine = pieces(md);
        assertEquals(peers.size(), mine.size(), name + ": pieces with packets");
        for (int i = 0; i < peers.size(); i++) {
            same(peers.get(i), mine.get(i));
        }
    }

    @Test
    void splitByDurationAsEditcap() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        splitAsEditcap(B, "1", "sample");
        // packets at exactly an interval's end, just after it, empty intervals, one out of order
        long[] t = {T0, T0 + S - 1, T0 + S, T0 + S + 1, T0 + 2 * S + S / 2, T0 + 5 * S, T0 + 3 * S, T0 + 6 * S + 1,
            T0 + 6 * S + 2, T0 + 9 * S};
        Path edges = TimedCaptures.pcap(tmp.resolve("edges.pcap"), t, 1, 80, true, false);
        splitAsEditcap(edges.toString(), "1", "edges");
        long[] many = TimedCaptures.jitter(new Random(3), TimedCaptures.times(new Random(2), 3_000, T0, 5_000_000), 1_000_000);
        Path jitter = TimedCaptures.pcap(tmp.resolve("jitter.pcap"), many, 4, 200, false, true);
        splitAsEditcap(jitter.toString(), "2", "jitter");
    }

    @Test
    void splitByDurationAsEditcapOnCorpusFiles() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        Path corpus = Shared.requireCorpus();
        // DHCP exchanges on days 0, 1, 3, 60 and 300, each starting 50 ms before midnight: whole days
        // from the first packet put packets at exactly the interval ends
        Path days = corpus.resolve("generated/dhcp_days_0_1_3_60_300.netmon2.cap");
        Shared.requirePrerequisite(Files.isRegularFile(days), days + " is missing");
        splitAsEditcap(days.toString(), "86400", "days");
        // editcap writes a file for every empty interval: intervals of an eighth of the span
        for (String name : List.of("generated/many_protocols.pcapng.pcapng", "pcapplusplus/Tests/Pcap++Test/PcapExamples/example.pcap")) {
            Path f = corpus.resolve(name);
            Shared.requirePrerequisite(Files.isRegularFile(f), f + " is missing");
            List<TsharkFingerprints.Row> rows = TsharkFingerprints.read(f).rows;
            long span = rows.get(rows.size() - 1).time[0] - rows.get(0).time[0];
            splitAsEditcap(f.toString(), Long.toString(Math.max(1, span / 8 + 1)), f.getFileName().toString());
        }
    }

    /** How late the latest packet is, at most, behind one before it (0 when in order). */
    private static long maxLate(Path f) throws IOException {
        long latest = Long.MIN_VALUE;
        long late = 0;
        try (RecordSource s = Caps.read(f)) {
            PacketRecord r = new PacketRecord();
            while (s.next(r)) {
                if (r.isPacket() && r.hasTimestamp()) {
                    long t = r.seconds() * S + r.nanos();
                    if (latest != Long.MIN_VALUE && t < latest) {
                        late = Math.max(late, latest - t);
                    }
                    latest = Math.max(latest, t);
                }
            }
        }
        return late;
    }

    /** Compares; false (nothing compared) when reordercap fails and {@code peerMayFail}. */
    private boolean reorderAsReordercap(Path in, long window, String ext, boolean peerMayFail) throws IOException {
        Path peer = tmp.resolve("peer." + ext);
        Path mine = tmp.resolve("mine." + ext);
        Tools.Result r = Tools.run(List.of("reordercap", in.toString(), peer.toString()));
        if (r.exit != 0 && peerMayFail) {
            return false;
        }
        assertEquals(0, r.exit, "reordercap " + in + ": " + r.firstError());
        capmill("slice", "-q", in.toString(), "--reorder-window", window + "ns", "-o", mine.toString());
        same(peer, mine);
        return true;
    }

    @Test
    void reorderAsReordercapOnAShuffledFile() throws IOException {
        Tools.require("reordercap");
        Tools.require("tshark");
        Random rnd = new Random(7);
        long[] t = TimedCaptures.jitter(rnd, TimedCaptures.times(rnd, 5_000, T0, 2_000_000), 50_000_000);
        t[10] = t[9]; // equal times keep their order
        t[11] = t[9];
        Path shuffled = TimedCaptures.pcap(tmp.resolve("shuffled.pcap"), t, 8, 200, true, false);
        long late = maxLate(shuffled);
        assertTrue(late > 50_000_000, "out of order by " + late);
        reorderAsReordercap(shuffled, late, "pcap", false);
        Path ng = tmp.resolve("shuffled.pcapng");
        capmill("convert", "-q", shuffled.toString(), "-o", ng.toString());
        reorderAsReordercap(ng, late, "pcapng", false);
    }

    @Test
    void reorderAsReordercapOnCorpusFilesOutOfOrder() throws IOException {
        Tools.require("reordercap");
        Tools.require("tshark");
        Path corpus = Shared.requireCorpus();
        int compared = 0;
        for (Path f : CorpusFiles.find(corpus, CorpusFiles.Kind.PCAP, CorpusFiles.Kind.PCAPNG)) {
            if (compared == 12 || f.toString().endsWith(".gz") || Files.size(f) > 3_000_000) {
                continue;
            }
            long late;
            try {
                late = maxLate(f);
            } catch (IOException e) {
                continue; // damaged: not a reorder question
            }
            if (late == 0) {
                continue;
            }
            Tools.Result check = Tools.run(List.of("capinfos", "-c", f.toString()));
            if (check.exit != 0) {
                continue; // Wireshark does not read it to its end
            }
            boolean ng = CorpusFiles.kind(f) == CorpusFiles.Kind.PCAPNG;
            // reordercap 4.0 cannot write some of them (an "internal error" on test202.pcapng, which has NRBs, ISBs and custom blocks among its packets)
            if (reorderAsReordercap(f, late, ng ? "pcapng" : "pcap", true)) {
                compared++;
            }
        }
        assertTrue(compared >= 5, compared + " corpus files out of order compared");
    }

    @Test
    void timeWindowsFoundBySeekingAsEditcap() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        Random rnd = new Random(9);
        long[] t = TimedCaptures.times(rnd, 40_000, T0 + 123_456_000, 3_000_000); // about 60 s, 6 MB
        Path pcap = TimedCaptures.pcap(tmp.resolve("big.pcap"), t, 10, 250, false, false);
        Path ng = tmp.resolve("big.pcapng");
        capmill("convert", "-q", pcap.toString(), "-o", ng.toString());
        long first = t[0] / 1000 * 1000;
        long last = t[t.length - 1] / 1000 * 1000;
        long[][] windows = {{first + 30 * S, first + 32 * S}, {last - 3 * S, last + S}, {first + 45 * S + 123_000, first + 45 * S + 400_000_000}};
        for (Path in : List.of(pcap, ng)) {
            for (long[] w : windows) {
                String from = w[0] / S + "." + String.format("%09d", w[0] % S);
                String to = w[1] / S + "." + String.format("%09d", w[1] % S);
                Path peer = tmp.resolve("peer.pcapng");
                Path mine = tmp.resolve("mine.pcapng");
                peer("editcap", "-A", from, "-B", to, in.toString(), peer.toString());
                capmill("slice", "-q", in.toString(), "--from", from, "--to", to, "-o", mine.toString());
                same(peer, mine);
            }
        }
    }

    @Test
    void timeWindowsFoundBySeekingAsEditcapOnACorpusFile() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        Path f = Shared.requireCorpus().resolve("pcapplusplus/Tests/Pcap++Test/PcapExamples/example.pcap");
        Shared.requirePrerequisite(Files.isRegularFile(f), f + " is missing");
        List<TsharkFingerprints.Row> rows = TsharkFingerprints.read(f).rows;
        for (int[] w : new int[][] {{rows.size() / 2, rows.size() * 3 / 4}, {rows.size() - 10, rows.size() - 1}}) {
            long[] a = rows.get(w[0]).time;
            long[] b = rows.get(w[1]).time;
            String from = a[0] + "." + String.format("%09d", a[1]);
            String to = b[0] + "." + String.format("%09d", b[1]);
            Path peer = tmp.resolve("peer.pcapng");
            Path mine = tmp.resolve("mine.pcapng");
            peer("editcap", "-A", from, "-B", to, f.toString(), peer.toString());
            capmill("slice", "-q", f.toString(), "--from", from, "--to", to, "-o", mine.toString());
            same(peer, mine);
        }
    }
}
