package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.pipeline.Caps;
import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of merge --align and --dedup-taps on the benchmark generator's two-tap model
 * ({@code gen_pcap.py --tap2}: tap B sees tap A's packets 180 µs + 0..39 µs later, misses 0.2 %,
 * one TTL less), shifted by known amounts with editcap -t.
 */
class AlignCommandTest {
    static final long US = 1_000L;

    @TempDir
    static Path dir;
    static Path a;
    static Path b;

    @BeforeAll
    static void generate() throws IOException {
        Path gen = Shared.sharedDir().resolve("bench/gen_pcap.py");
        Shared.requirePrerequisite(Files.isRegularFile(gen), "the benchmark generator is not at " + gen);
        Shared.requirePrerequisite(Tools.available("python3"), "python3 is not installed (it runs gen_pcap.py)");
        Tools.require("editcap");
        a = dir.resolve("A.pcap");
        b = dir.resolve("B.pcap");
        Tools.Result r = Tools.run(List.of("python3", gen.toString(), "--packets", "20000", "--out", a.toString(),
                "--tap2", b.toString(), "--seed", "2"));
        assertEquals(0, r.exit, r.err);
    }

    /** The offset --align printed for {@code input}, in ns, and how many packets supported it. */
    private static long[] offset(Cli c, Path input) {
        Matcher m = Pattern.compile("align: " + Pattern.quote(input.toString()) + " ([+-])(\\d+)\\.(\\d{9})s from (\\d+) packets")
                .matcher(c.err);
        assertTrue(m.find(), c.toString());
        long ns = Long.parseLong(m.group(2)) * 1_000_000_000L + Long.parseLong(m.group(3));
        return new long[] {m.group(1).equals("-") ? -ns : ns, Long.parseLong(m.group(4))};
    }

    private static Path shifted(String by) throws IOException {
        Path out = dir.resolve("B" + by + ".pcap");
        if (!Files.exists(out)) {
            Tools.Result r = Tools.run(List.of("editcap", "-t", by, b.toString(), out.toString()));
            assertEquals(0, r.exit, r.err);
        }
        return out;
    }

    private static List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("capmill")).toList();
        }
    }

    /** Time and bytes of every packet of a file. */
    private static List<String> packets(Path f) throws IOException {
        List<byte[]> data = new ArrayList<>();
        List<long[]> rows = Caps.drain(Caps.read(f), data);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.get(i)[0] + " " + java.util.HexFormat.of().formatHex(data.get(i)));
        }
        return out;
    }

    @Test
    void recoversKnownShiftsWithinAMicrosecond() throws IOException {
        Cli base = Cli.run("merge", a.toString(), b.toString(), "--align", "-o", dir.resolve("base.pcap").toString());
        assertEquals(0, base.exit, base.toString());
        long[] e0 = offset(base, b);
        // the generator's model: B lags by 180 µs plus 0..39 µs; the estimate removes the 180 µs
        assertTrue(Math.abs(e0[0] + 180 * US) <= US, base.err);
        // B holds 99.8 % of A's 20,000 packets; every one of them matches
        assertTrue(e0[1] > 19_900, base.err);
        for (String by : new String[] {"-2.5", "0.0035", "3600"}) {
            Path bs = shifted(by);
            Cli c = Cli.run("merge", a.toString(), bs.toString(), "--align", "-o", dir.resolve("s.pcap").toString());
            assertEquals(0, c.exit, c.toString());
            long shiftNs = new java.math.BigDecimal(by).movePointRight(9).longValueExact();
            long[] e = offset(c, bs);
            // moving B later by the shift needs an offset that much more negative
            assertTrue(Math.abs(e[0] - (e0[0] - shiftNs)) <= US, "shift " + by + ": " + c.err);
            assertEquals(e0[1], e[1], c.err);
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anAlignedMergeWithDedupTapsKeepsEveryPacketOfTheFirstTapOnce() throws IOException {
        Path bs = shifted("3600");
        Path out = dir.resolve("taps.pcap");
        Cli c = Cli.run("merge", a.toString(), bs.toString(), "--align", "--dedup-taps", "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        List<String> kept = packets(out);
        List<String> first = packets(a);
        int bCount = packets(bs).size();
        assertTrue(c.err.contains("dedup-taps: removed " + bCount + " copies"), c.err);
        // B's copies lie at or after A's once aligned, so the copy kept is A's: A exactly, in order
        assertEquals(first.size(), kept.size());
        assertEquals(first, kept);
        // without --dedup-taps both copies stay, and without --align (an hour apart) nothing is a copy
        Cli both = Cli.run("merge", "-q", a.toString(), bs.toString(), "--align", "-o", out.toString());
        assertEquals(0, both.exit, both.toString());
        assertEquals("", both.err);
        assertEquals(first.size() + bCount, packets(out).size());
        Cli unaligned = Cli.run("merge", a.toString(), bs.toString(), "--dedup-taps", "-o", out.toString());
        assertTrue(unaligned.err.contains("removed 0 copies"), unaligned.err);
    }

    @Test
    void aHandSetOffsetWinsAndTheReferencesOwnOffsetCarriesOver() throws IOException {
        Path out = dir.resolve("hand.pcapng");
        Cli c = Cli.run("merge", a.toString(), b.toString(), "--align", "--offset", b + "=+1s", "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.err.contains(b + " +1.000000000s (set by --offset, not estimated)"), c.err);
        Cli base = Cli.run("merge", a.toString(), b.toString(), "--align", "-o", out.toString());
        Cli moved = Cli.run("merge", a.toString(), b.toString(), "--align", "--offset", a + "=-2s", "-o", out.toString());
        assertEquals(0, moved.exit, moved.toString());
        assertEquals(offset(base, b)[0] - 2_000_000_000L, offset(moved, b)[0], moved.err);
    }

    @Test
    void inputsThatCannotBeAlignedAreRefusedWithAReason() throws IOException {
        Path out = dir.resolve("refused.pcap");
        // a capture of other traffic: nothing in common with A
        Path other = dir.resolve("other.pcap");
        Tools.Result r = Tools.run(List.of("python3", Shared.sharedDir().resolve("bench/gen_pcap.py").toString(),
                "--packets", "2000", "--out", other.toString(), "--seed", "9"));
        assertEquals(0, r.exit, r.err);
        Cli c = Cli.run("merge", a.toString(), other.toString(), "--align", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains(other.toString()) && c.err.contains("--align-sample") && c.err.contains("--offset"), c.err);
        assertFalse(Files.exists(out));
        // ...unless its offset is given by hand
        Path given = dir.resolve("given.pcap");
        c = Cli.run("merge", "-q", a.toString(), other.toString(), "--align", "--offset", other + "=0", "-o", given.toString());
        assertEquals(0, c.exit, c.toString());
        assertEquals(22_000, packets(given).size());
        c = Cli.run("merge", "-", b.toString(), "--align", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains("stdin"), c.err);
        c = Cli.run("merge", a.toString(), "-", "--align", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains("--offset -="), c.err);
        c = Cli.run("merge", "--append", a.toString(), b.toString(), "--align", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        c = Cli.run("merge", "-I", a.toString(), b.toString(), "--dedup-taps", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertTrue(c.err.contains("--merge-interfaces"), c.err);
        c = Cli.run("merge", a.toString(), b.toString(), "--dedup-taps-window", "2ms", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, c.exit, c.toString());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());
    }

    /** Byte offset of record {@code n} (from 0) of a classic little-endian pcap. */
    private static int recordOffset(byte[] pcap, int n) {
        ByteBuffer bb = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int p = 24;
        for (int i = 0; i < n; i++) {
            p += 16 + bb.getInt(p + 8);
        }
        return p;
    }

    @Test
    void aDamagedInputIsNamedAlignedFromWhatCouldBeReadAndTheOthersAreWritten() throws IOException {
        Cli good = Cli.run("merge", a.toString(), b.toString(), "--align", "-o", dir.resolve("g.pcap").toString());
        long expected = offset(good, b)[0];
        // B damaged at its 10,001st record: a length far beyond any limit
        byte[] bytes = Files.readAllBytes(b);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(recordOffset(bytes, 10_000) + 8, 0x7fffffff);
        Path damaged = Files.write(dir.resolve("damaged.pcap"), bytes);
        Path out = dir.resolve("d.pcap");
        Cli c = Cli.run("merge", a.toString(), damaged.toString(), "--align", "--dedup-taps", "-o", out.toString());
        assertEquals(ExitCodes.INPUT, c.exit, c.toString());
        long[] e = offset(c, damaged);
        assertEquals(expected, e[0], c.err);
        assertTrue(e[1] > 9_900 && e[1] <= 10_000, c.err);
        assertTrue(c.err.contains("capmill: " + damaged), c.err);
        // every packet of A, once: B's 10,000 readable packets were copies of A's
        assertEquals(packets(a), packets(out));
        // an input that is not a capture at all stays at offset 0 with a warning; the merge names it
        Path garbage = Files.write(dir.resolve("garbage.pcap"), "not a capture, just text\n".repeat(40).getBytes());
        c = Cli.run("merge", a.toString(), garbage.toString(), "--align", "-o", out.toString());
        assertEquals(ExitCodes.INPUT, c.exit, c.toString());
        assertTrue(c.err.contains("align: " + garbage + " left at offset 0"), c.err);
        assertTrue(c.err.lines().anyMatch(l -> l.startsWith("capmill: " + garbage)), c.err);
        assertEquals(packets(a), packets(out));
        assertEquals(List.of(), leftovers());
    }
}
