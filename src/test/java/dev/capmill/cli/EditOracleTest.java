package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.oracle.TsharkFingerprints;
import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capmill's editing commands against mergecap and editcap, packet by packet (tshark fingerprints). */
class EditOracleTest {
    static final Path DATA = Shared.projectDir().resolve("testdata");
    static final String A = DATA.resolve("pcap/sample.pcap").toString();
    static final String B = DATA.resolve("pcap/sample-nsec.pcap").toString();
    static final String NG = DATA.resolve("pcapng/sample.pcapng").toString();

    @TempDir
    Path tmp;

    private void same(Path peer, Path mine) throws IOException {
        TsharkFingerprints.Reading want = TsharkFingerprints.read(peer);
        TsharkFingerprints.Reading got = TsharkFingerprints.read(mine);
        assertEquals(0, want.exit, "peer output unreadable: " + want.error);
        assertTrue(want.rows.size() > 0, "the comparison needs packets");
        assertEquals(want.rows.size(), got.rows.size(), "packet count");
        assertEquals(want.fingerprint, got.fingerprint);
    }

    private void peer(String... cmd) throws IOException {
        Tools.Result r = Tools.run(List.of(cmd));
        assertEquals(0, r.exit, String.join(" ", cmd) + ": " + r.firstError());
    }

    private Path capmill(String... args) {
        Cli c = Cli.run(args);
        assertEquals(0, c.exit, c.toString());
        return null;
    }

    @Test
    void mergeAndAppendAsMergecap() throws IOException {
        Tools.require("mergecap");
        Tools.require("tshark");
        for (String[] ins : List.of(new String[] {A, B}, new String[] {A, NG, B})) {
            Path peer = tmp.resolve("peer.pcapng");
            Path mine = tmp.resolve("mine.pcapng");
            List<String> cmd = new ArrayList<>(List.of("mergecap", "-w", peer.toString()));
            cmd.addAll(List.of(ins));
            peer(cmd.toArray(String[]::new));
            List<String> args = new ArrayList<>(List.of("merge", "-q", "-o", mine.toString()));
            args.addAll(List.of(ins));
            capmill(args.toArray(String[]::new));
            same(peer, mine);
            cmd.add(1, "-a");
            args.add(1, "--append");
            peer(cmd.toArray(String[]::new));
            capmill(args.toArray(String[]::new));
            same(peer, mine);
        }
    }

    @Test
    void slicesAsEditcap() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        Path peer = tmp.resolve("peer.pcap");
        Path mine = tmp.resolve("mine.pcap");
        peer("editcap", "-r", B, peer.toString(), "2-5", "9", "20-24"); // this editcap wants a closed range; 24 is the last packet
        capmill("slice", "-q", B, "--packets", "2-5,9,20-", "-o", mine.toString());
        same(peer, mine);
        List<TsharkFingerprints.Row> rows = TsharkFingerprints.read(Path.of(B)).rows;
        long[] from = rows.get(3).time;
        long[] to = rows.get(15).time;
        String f = from[0] + "." + String.format("%09d", from[1]);
        String t = to[0] + "." + String.format("%09d", to[1]);
        peer("editcap", "-A", f, "-B", t, B, peer.toString());
        capmill("slice", "-q", B, "--from", f, "--to", t, "-o", mine.toString());
        same(peer, mine);
    }

    @Test
    void shiftAsEditcap() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        for (String by : List.of("-3600", "2.5", "-0.000123", "0.000000007")) {
            Path peer = tmp.resolve("peer.pcap");
            Path mine = tmp.resolve("mine.pcap");
            peer("editcap", "-t", by, B, peer.toString());
            capmill("shift", "-q", B, "--by", by, "-o", mine.toString());
            same(peer, mine);
        }
    }

    @Test
    void dedupAsEditcap() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        // a capture with duplicates: the sample appended to itself, merged by time
        Path dup = tmp.resolve("dup.pcap");
        capmill("merge", "-q", B, B, "-o", dup.toString());
        Path peer = tmp.resolve("peer.pcap");
        Path mine = tmp.resolve("mine.pcap");
        peer("editcap", "-d", dup.toString(), peer.toString());
        capmill("slice", "-q", dup.toString(), "--dedup", "-o", mine.toString());
        same(peer, mine);
        peer("editcap", "-D", "1", dup.toString(), peer.toString());
        capmill("slice", "-q", dup.toString(), "--dedup-window", "1", "-o", mine.toString());
        same(peer, mine);
        peer("editcap", "-w", "0.01", dup.toString(), peer.toString());
        capmill("slice", "-q", dup.toString(), "--dedup-time", "0.01", "-o", mine.toString());
        same(peer, mine);
    }

    @Test
    void splitByCountAsEditcap() throws IOException {
        Tools.require("editcap");
        Tools.require("tshark");
        Path pd = Files.createDirectories(tmp.resolve("peer"));
        Path md = Files.createDirectories(tmp.resolve("mine"));
        peer("editcap", "-c", "7", B, pd.resolve("p.pcap").toString());
        capmill("slice", "-q", B, "--split-count", "7", "-o", md.resolve("m.pcap").toString());
        List<Path> peers;
        List<Path> mine;
        try (Stream<Path> s = Files.list(pd)) {
            peers = s.sorted().toList();
        }
        try (Stream<Path> s = Files.list(md)) {
            mine = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        assertEquals(peers.size(), mine.size());
        for (int i = 0; i < peers.size(); i++) {
            same(peers.get(i), mine.get(i));
        }
        String manifest = Files.readString(md.resolve("m_manifest.json"));
        assertTrue(manifest.contains("\"packets\" : 7"), manifest);
    }
}
