package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.model.PacketRecord;
import dev.capmill.oracle.CorpusFiles;
import dev.capmill.pipeline.Caps;
import dev.capmill.pipeline.RecordSource;
import dev.capmill.testing.Shared;
import dev.capmill.testing.TimedCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands give the same output with and without seeking (--no-seek), byte for byte, for
 * windows at the start, middle and end of pcap and pcapng files, outside them, empty, relative,
 * with shifts, a reorder window, packets out of order within the margin, merges, and corpus files.
 */
class SeekCommandTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_709_294_400L * S;

    @TempDir
    static Path tmp;
    static Path pcap;
    static Path pcapng;
    static Path sections;
    static Path jitter;
    static long first;
    static long last;

    @BeforeAll
    static void files() throws IOException {
        Random rnd = new Random(61);
        long[] times = TimedCaptures.times(rnd, 60_000, T0 + 123_456_789, 2_000_000); // about 60 s
        first = times[0] / 1000 * 1000;
        last = times[times.length - 1] / 1000 * 1000;
        pcap = TimedCaptures.pcap(tmp.resolve("in.pcap"), times, 62, 250, false, false);
        pcapng = tmp.resolve("in.pcapng");
        run("convert", "-q", pcap.toString(), "-o", pcapng.toString());
        // two sections: the second SHB and IDB come in the middle of the file
        long[] a = Arrays.copyOfRange(times, 0, 30_000);
        long[] b = Arrays.copyOfRange(times, 30_000, 60_000);
        Path pa = TimedCaptures.pcap(tmp.resolve("a.pcap"), a, 63, 250, true, false);
        Path pb = TimedCaptures.pcap(tmp.resolve("b.pcap"), b, 64, 250, false, true);
        sections = tmp.resolve("sections.pcapng");
        run("convert", "-q", pa.toString(), pb.toString(), "-o", sections.toString());
        // out of order by up to 0.6 s, within the default margin of 1 s
        jitter = TimedCaptures.pcap(tmp.resolve("jitter.pcap"), TimedCaptures.jitter(rnd, times, 300_000_000), 65,
                250, true, false);
    }

    static void run(String... args) {
        Cli c = Cli.run(args);
        assertEquals(0, c.exit, String.join(" ", args) + ": " + c);
    }

    static String t(long ns) {
        return Math.floorDiv(ns, S) + "." + String.format("%09d", Math.floorMod(ns, S));
    }

    private int n;

    /** Runs {@code args} (which name the output with OUT) with and without --no-seek; the outputs must be equal. */
    private byte[] same(String... args) throws IOException {
        Path seek = tmp.resolve("seek" + n + ".pcapng");
        Path plain = tmp.resolve("plain" + n++ + ".pcapng");
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (String s : args) {
            a.add(s.equals("OUT") ? seek.toString() : s);
            b.add(s.equals("OUT") ? plain.toString() : s);
        }
        b.add(1, "--no-seek");
        run(a.toArray(String[]::new));
        run(b.toArray(String[]::new));
        byte[] want = Files.readAllBytes(plain);
        byte[] got = Files.readAllBytes(seek);
        assertArrayEquals(want, got, String.join(" ", args));
        return got;
    }

    private static int packets(byte[] file, Path where) throws IOException {
        Path p = Files.write(where, file);
        try (RecordSource s = Caps.read(p)) {
            return Caps.drain(s, null).size();
        }
    }

    @Test
    void windowsEverywhereAreTheSameWithAndWithoutSeeking() throws IOException {
        long mid = first + (last - first) / 2;
        String[][] windows = {
            {t(first - S), t(first + 2 * S)},        // at the start
            {t(first), t(first + 500_000)},          // the first packet only
            {t(mid), t(mid + 3 * S)},                // in the middle
            {t(last - 2 * S), t(last + 1)},          // at the end
            {t(last - 2 * S), null},                 // to the end
            {null, t(first + 5 * S)},                // from the start
            {t(last + S), t(last + 10 * S)},         // after the file
            {t(first - 10 * S), t(first - S)},       // before it
            {t(mid), t(mid)},                        // empty
            {"+20s", "+21.5s"},                      // relative
        };
        for (Path in : List.of(pcap, pcapng, sections, jitter)) {
            int nonEmpty = 0;
            for (String[] w : windows) {
                List<String> args = new ArrayList<>(List.of("slice", "-q", in.toString(), "-o", "OUT"));
                if (w[0] != null) {
                    args.addAll(List.of("--from", w[0]));
                }
                if (w[1] != null) {
                    args.addAll(List.of("--to", w[1]));
                }
                byte[] out = same(args.toArray(String[]::new));
                if (packets(out, tmp.resolve("count.pcapng")) > 0) {
                    nonEmpty++;
                }
            }
            assertEquals(7, nonEmpty, in + ": windows with packets");
        }
    }

    @Test
    void shiftsDedupReorderAndFiltersAreTheSame() throws IOException {
        long mid = first + (last - first) / 2;
        for (Path in : List.of(pcap, jitter, pcapng)) {
            String f = in.toString();
            // the window is in shifted time
            same("slice", "-q", f, "--shift", "-1h", "--from", t(mid - 3600 * S), "--to", t(mid - 3600 * S + 2 * S), "-o", "OUT");
            same("slice", "-q", f, "--shift-start", "2020-01-01T00:00:00Z", "--from", "2020-01-01T00:00:30Z",
                    "--to", "2020-01-01T00:00:31Z", "-o", "OUT");
            same("slice", "-q", f, "--shift-start", "+5s", "--from", "+30s", "--to", "+32s", "-o", "OUT");
            same("slice", "-q", f, "--reorder-window", "0.7s", "--from", "+30s", "--to", "+31s", "-o", "OUT");
            same("slice", "-q", f, "--dedup", "--from", t(mid), "--to", t(mid + S), "-o", "OUT");
            same("slice", "-q", f, "--seek-margin", "0.8s", "--from", t(mid), "--to", t(mid + S), "-o", "OUT");
            same("convert", "-q", f, "--from", t(mid), "--to", t(mid + S), "--filter", "len > 100", "-o", "OUT");
        }
    }

    @Test
    void mergedInputsSeekEachAlone() throws IOException {
        long mid = first + (last - first) / 2;
        same("merge", "-q", pcap.toString(), jitter.toString(), sections.toString(), "--from", t(mid), "--to",
                t(mid + 2 * S), "-o", "OUT");
        same("merge", "-q", pcap.toString(), jitter.toString(), "--offset", jitter + "=-2.5s", "--shift", "10s",
                "--from", t(mid), "--to", t(mid + 2 * S), "-o", "OUT");
        // relative ends count from the merged first packet: no input seeks alone, the answer is the same
        same("merge", "-q", pcap.toString(), jitter.toString(), "--from", "+30s", "--to", "+31s", "-o", "OUT");
        same("merge", "-q", "--max-open", "2", pcap.toString(), jitter.toString(), sections.toString(),
                "--from", t(mid), "--to", t(mid + S), "-o", "OUT");
        same("merge", "-q", "--append", pcap.toString(), jitter.toString(), "--from", t(mid), "--to", t(mid + S),
                "-o", "OUT");
    }

    @Test
    void corpusFilesAreTheSameWithAndWithoutSeeking() throws IOException {
        Path corpus = Shared.requireCorpus();
        int compared = 0;
        for (Path f : CorpusFiles.find(corpus, CorpusFiles.Kind.PCAP, CorpusFiles.Kind.PCAPNG)) {
            if (Files.size(f) < 200_000) {
                continue; // the larger files, where the search runs
            }
            List<Long> times = new ArrayList<>();
            long latest = Long.MIN_VALUE;
            long late = 0;
            try (RecordSource s = Caps.read(f)) {
                PacketRecord r = new PacketRecord();
                while (s.next(r)) {
                    if (r.isPacket() && r.hasTimestamp()) {
                        long t = r.seconds() * S + r.nanos();
                        times.add(t);
                        if (latest != Long.MIN_VALUE) {
                            late = Math.max(late, latest - t);
                        }
                        latest = Math.max(latest, t);
                    }
                }
            } catch (IOException e) {
                continue; // damaged: the seek path does not read what it skips, so the reports differ
            }
            if (times.size() < 10 || late > S) {
                continue; // out of order by more than the default margin: --no-seek's case
            }
            long a = times.get(times.size() / 2);
            long b = times.get(times.size() * 3 / 4);
            same("slice", "-q", f.toString(), "--from", t(a), "--to", t(b), "-o", "OUT");
            same("slice", "-q", f.toString(), "--from", t(b), "-o", "OUT");
            compared++;
        }
        assertTrue(compared >= 10, compared + " corpus files compared");
    }
}
