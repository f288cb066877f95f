package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.pipeline.Caps;
import dev.capmill.pipeline.Caps.Pkt;
import dev.capmill.pipeline.TreeMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditCommandsTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_709_294_400L * S;

    @TempDir
    Path tmp;

    private Path cap(String name, int linkType, long... times) throws IOException {
        List<Pkt> ps = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            ps.add(Pkt.of(times[i], name.hashCode() + i, 60));
        }
        return Caps.pcap(tmp.resolve(name), linkType, ps);
    }

    private static int packets(Path f) throws IOException {
        return Caps.drain(Caps.read(f), null).size();
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("capmill")).toList();
        }
    }

    @Test
    void damagedInputInAMergeIsNamedAndTheOthersAreWritten() throws IOException {
        Path a = cap("a.pcap", 1, T0, T0 + S);
        Path b = cap("b.pcap", 1, T0 + 2, T0 + S + 2, T0 + 3 * S);
        Path bad = tmp.resolve("bad.pcap");
        byte[] good = Files.readAllBytes(cap("c.pcap", 1, T0 + 5, T0 + 6));
        // a record length far beyond any limit after the first packet
        byte[] broken = java.util.Arrays.copyOf(good, good.length);
        java.nio.ByteBuffer.wrap(broken).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(24 + 16 + 60 + 8, 0x7fffffff);
        Files.write(bad, broken);
        Path out = tmp.resolve("out.pcapng");
        Cli c = Cli.run("merge", "-q", a.toString(), bad.toString(), b.toString(), "-o", out.toString());
        assertEquals(ExitCodes.INPUT, c.exit, c.toString());
        assertTrue(c.err.contains("bad.pcap"), c.err);
        assertEquals(6, packets(out));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void mixedLinkTypesIntoPcapAreRefusedUpFront() throws IOException {
        Path a = cap("a.pcap", 1, T0);
        Path b = cap("b.pcap", 101, T0 + 1);
        Path out = tmp.resolve("out.pcap");
        Cli c = Cli.run("merge", a.toString(), b.toString(), "-o", out.toString());
        assertEquals(ExitCodes.OUTPUT, c.exit, c.toString());
        assertTrue(c.err.contains("pcap holds one link type") && c.err.contains("b.pcap"), c.err);
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());
        Path ng = tmp.resolve("out.pcapng");
        assertEquals(0, Cli.run("merge", a.toString(), b.toString(), "-o", ng.toString()).exit);
        assertEquals(2, packets(ng));
    }

    @Test
    void shiftBeforeTheEpochIsRefusedAndNothingIsWritten() throws IOException {
        Path a = cap("a.pcap", 1, T0, T0 + S);
        Path out = tmp.resolve("out.pcap");
        Cli c = Cli.run("shift", a.toString(), "--by", "-60y".replace("60y", "20000d"), "-o", out.toString());
        assertEquals(ExitCodes.OUTPUT, c.exit, c.toString());
        assertTrue(c.err.contains("before 1970"), c.err);
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void outOfOrderInputIsReportedAndReorderedOnRequest() throws IOException {
        Path a = cap("a.pcap", 1, T0 + 10, T0 + 5, T0 + 20);
        Path b = cap("b.pcap", 1, T0 + 7);
        Path out = tmp.resolve("out.pcapng");
        Cli c = Cli.run("merge", a.toString(), b.toString(), "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.err.contains("a.pcap: not in time order"), c.err);
        c = Cli.run("merge", a.toString(), b.toString(), "--reorder-window", "1s", "-o", out.toString());
        assertFalse(c.err.contains("not in time order"), c.err);
        assertEquals(List.of(T0 + 5, T0 + 7, T0 + 10, T0 + 20), Caps.times(Caps.drain(Caps.read(out), null)));
    }

    @Test
    void stagesComposeInOnePassAndOffsetsApplyPerInput() throws IOException {
        Path a = cap("a.pcap", 1, T0, T0 + S, T0 + 2 * S, T0 + 3 * S);
        Path b = cap("b.pcap", 1, T0 + 500_000_000L, T0 + 1_500_000_000L);
        Path out = tmp.resolve("out.pcapng");
        Cli c = Cli.run("merge", a.toString(), b.toString(), "--offset", b + "=+1s", "--shift", "+2s",
                "--from", "+1s", "--to", "+2.5s", "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        // merged: 0, 1, 1.5 (b), 2, 2.5 (b), 3; shifted by 2 s: 2 .. 5; window [2+1, 2+2.5) of the shifted times
        assertEquals(List.of(T0 + 3 * S, T0 + 3_500_000_000L, T0 + 4 * S),
                Caps.times(Caps.drain(Caps.read(out), null)));
    }

    @Test
    void splitWritesSortableNamesAndAManifest() throws IOException {
        Path a = cap("a.pcap", 1, T0, T0 + S, T0 + 2 * S, T0 + 61 * S, T0 + 62 * S);
        Path dir = Files.createDirectories(tmp.resolve("pieces"));
        Cli c = Cli.run("slice", "-q", a.toString(), "--split-duration", "1m", "-o", dir.resolve("x.pcap").toString());
        assertEquals(0, c.exit, c.toString());
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("x_00000_20240301T120000Z.pcap", "x_00001_20240301T120101Z.pcap", "x_manifest.json"), names);
        }
        assertEquals(3, packets(dir.resolve("x_00000_20240301T120000Z.pcap")));
        var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("x_manifest.json").toFile());
        assertEquals(2, m.get("pieces").size());
        assertEquals(2, m.get("pieces").get(1).get("packets").asInt());
        assertEquals("2024-03-01T12:01:01Z", m.get("pieces").get(1).get("first_time_utc").asText());
        assertEquals(Files.size(dir.resolve("x_00001_20240301T120101Z.pcap")), m.get("pieces").get(1).get("bytes").asLong());
        c = Cli.run("slice", "-q", a.toString(), "--split-size", "200" /* 76 bytes a packet: 2 a piece */, "-o", dir.resolve("y.pcap").toString());
        assertEquals(0, c.exit, c.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.filter(p -> p.getFileName().toString().matches("y_\\d{5}_.*\\.pcap")).count());
        }
    }

    @Test
    void manyInputsMergeWithFewFilesOpen() throws IOException {
        List<String> args = new ArrayList<>(List.of("merge", "-q", "--max-open", "4"));
        for (int i = 0; i < 40; i++) {
            args.add(cap("m" + i + ".pcap", 1, T0 + i, T0 + 1000 - i).toString());
        }
        Path out = tmp.resolve("out.pcapng");
        args.addAll(List.of("-o", out.toString()));
        Cli c = Cli.run(args.toArray(String[]::new));
        assertEquals(0, c.exit, c.toString());
        List<Long> t = Caps.times(Caps.drain(Caps.read(out), null));
        assertEquals(80, t.size());
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.get(i - 1) <= t.get(i));
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void maxOpenIsBoundedByTheHeapAndOpenFiles() {
        long heap = 256L << 20;
        // a quarter of the launcher's heap buffers 3,276 inputs at 16 KiB (+4 KiB) each
        assertEquals(2000, TreeMerge.fanIn(2000, heap, 20_000, false));
        assertEquals(3276, TreeMerge.fanIn(10_000, heap, 20_000, false));
        // decompressors cost more: fewer open at once
        assertEquals(240, TreeMerge.fanIn(10_000, heap, 20_000, true));
        // ulimit -n 256 with a few files open: what is free, less a reserve for the output and temporary files
        assertEquals(250 - TreeMerge.RESERVED_FILES, TreeMerge.fanIn(10_000, heap, 250, false));
        // never fewer than two
        assertEquals(2, TreeMerge.fanIn(10_000, 1L << 16, 250, false));
        assertEquals(2, TreeMerge.fanIn(10_000, heap, 3, false));
        // each open input's buffer: a share of the same budget, 16 KiB to 1 MiB
        assertEquals(1 << 20, TreeMerge.bufferSize(2, heap, false));
        assertEquals((64 << 20) / 2000 - (4 << 10), TreeMerge.bufferSize(2000, heap, false));
        assertEquals(16 << 10, TreeMerge.bufferSize(10_000, heap, false));
    }
}
