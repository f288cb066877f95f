package dev.capmill.pipeline;

import static dev.capmill.pipeline.Caps.Pkt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureException;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class StagesTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_709_294_400L * S;

    @TempDir
    Path tmp;

    private Path file(String name, long... times) throws IOException {
        List<Pkt> ps = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            ps.add(Pkt.of(times[i], name.hashCode() + i, 40 + i % 3));
        }
        return Caps.pcap(tmp.resolve(name), ps);
    }

    private MergeSource merge(List<Path> files, boolean identical) {
        List<String> names = files.stream().map(Path::toString).toList();
        return new MergeSource(names, i -> Caps.read(files.get(i)), identical, true);
    }

    @Test
    void mergeIsByTimeAndStableForEqualTimes() throws IOException {
        Path a = file("a.pcap", T0, T0 + 5, T0 + 5, T0 + 9);
        Path b = file("b.pcap", T0 + 1, T0 + 5, T0 + 10);
        List<byte[]> pay = new ArrayList<>();
        List<long[]> rows = Caps.drain(merge(List.of(a, b), false), pay);
        assertEquals(List.of(T0, T0 + 1, T0 + 5, T0 + 5, T0 + 5, T0 + 9, T0 + 10), Caps.times(rows));
        // equal times: a's two packets (interface 0) before b's (interface 1)
        assertEquals(0, rows.get(2)[1]);
        assertEquals(0, rows.get(3)[1]);
        assertEquals(1, rows.get(4)[1]);
        List<byte[]> aPay = new ArrayList<>();
        Caps.drain(Caps.read(a), aPay);
        assertArrayEquals(aPay.get(1), pay.get(2));
    }

    @Test
    void interfacesStayApartAndAreNamedOrMergedWhenIdentical() throws IOException {
        Path a = file("a.pcap", T0, T0 + 2);
        Path b = file("b.pcap", T0 + 1);
        MergeSource m = merge(List.of(a, b), false);
        Caps.drain(m, null);
        assertEquals(2, m.interfaces().size());
        assertEquals("a.pcap", m.interfaces().get(0).name());
        assertEquals("b.pcap", m.interfaces().get(1).name());
        MergeSource one = merge(List.of(a, b), true);
        List<long[]> rows = Caps.drain(one, null);
        assertEquals(1, one.interfaces().size());
        assertTrue(rows.stream().allMatch(r -> r[1] == 0));
    }

    @Test
    void damagedInputIsReportedAndTheOthersAreKept() throws IOException {
        Path a = file("a.pcap", T0, T0 + 2, T0 + 4);
        Path bad = tmp.resolve("bad.pcap");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        MergeSource m = merge(List.of(a, bad), false);
        assertEquals(3, Caps.drain(m, null).size());
        assertEquals(1, m.failures().size());
        assertTrue(m.failures().get(0).message().startsWith(bad.toString()), m.failures().get(0).message());
    }

    @ParameterizedTest(name = "fan-in {0}")
    @ValueSource(ints = {2, 3, 5, 20, 22})
    void treeMergeEqualsDirectMergeWithFewFilesOpen(int fanIn) throws IOException {
        // 2 and 3: several levels of temporary files; 20 and 22: a few inputs merged first, the rest directly
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            files.add(file("f" + i + ".pcap", T0 + i, T0 + 100 - i, T0 + 50, T0 + 200 + (i * 7) % 13));
        }
        List<byte[]> want = new ArrayList<>();
        List<long[]> direct = Caps.drain(merge(files, false), want);
        List<String> names = files.stream().map(Path::toString).toList();
        List<byte[]> got = new ArrayList<>();
        RecordSource tree = TreeMerge.open(names, i -> Caps.read(files.get(i)), false, fanIn, tmp,
                FormatRegistry.standard(), ReadOptions.defaults());
        List<long[]> rows;
        try (tree) {
            rows = Caps.drain(tree, got);
            assertEquals(23, tree.interfaces().size());
            assertEquals("f22.pcap", tree.interfaces().get(22).name());
        }
        assertEquals(Caps.times(direct), Caps.times(rows));
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), "packet " + i);
        }
        try (var left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".capmill-merge")), "temporary files removed");
        }
    }

    @Test
    void shiftIsNanosecondExactAndRefusesNegativeTimes() throws IOException {
        Path a = file("a.pcap", T0 + 999_999_999L, T0 + S);
        List<long[]> rows = Caps.drain(new ShiftStage(Caps.read(a), -123_456_789L), null);
        assertEquals(List.of(T0 + 999_999_999L - 123_456_789L, T0 + S - 123_456_789L), Caps.times(rows));
        rows = Caps.drain(new ShiftStage(Caps.read(a), TimeSpec.absolute(5, 1)), null);
        assertEquals(List.of(5 * S + 1, 5 * S + 2), Caps.times(rows));
        CaptureException e = assertThrows(CaptureException.class,
                () -> Caps.drain(new ShiftStage(Caps.read(a), -(T0 + S)), null));
        assertTrue(e.getMessage().contains("before 1970"), e.getMessage());
    }

    @Test
    void packetRangesAndTimeWindow() throws IOException {
        Path a = file("a.pcap", T0, T0 + S, T0 + 2 * S, T0 + 3 * S, T0 + 4 * S, T0 + 5 * S);
        List<long[]> rows = Caps.drain(new PacketRangeStage(Caps.read(a), PacketRanges.parse("2,4-5")), null);
        assertEquals(List.of(T0 + S, T0 + 3 * S, T0 + 4 * S), Caps.times(rows));
        rows = Caps.drain(new PacketRangeStage(Caps.read(a), PacketRanges.parse("5-")), null);
        assertEquals(2, rows.size());
        rows = Caps.drain(new TimeWindowStage(Caps.read(a), TimeSpec.relative(S), TimeSpec.relative(3 * S)), null);
        assertEquals(List.of(T0 + S, T0 + 2 * S), Caps.times(rows));
        rows = Caps.drain(new TimeWindowStage(Caps.read(a), TimeSpec.absolute(1_709_294_404L, 0), null), null);
        assertEquals(List.of(T0 + 4 * S, T0 + 5 * S), Caps.times(rows));
    }

    @Test
    void dedupByPacketWindowAndTime() throws IOException {
        // payload seeds: x y x z x ... ; duplicates are by bytes
        List<Pkt> ps = List.of(Pkt.of(T0, 1, 40), Pkt.of(T0 + 1, 2, 40), Pkt.of(T0 + 2, 1, 40),
                Pkt.of(T0 + 3, 3, 40), Pkt.of(T0 + 4, 4, 40), Pkt.of(T0 + 5, 5, 40), Pkt.of(T0 + 6, 6, 40),
                Pkt.of(T0 + 3 * S, 1, 40));
        Path f = Caps.pcap(tmp.resolve("d.pcap"), ps);
        assertEquals(List.of(T0, T0 + 1, T0 + 3, T0 + 4, T0 + 5, T0 + 6, T0 + 3 * S),
                Caps.times(Caps.drain(DedupStage.packets(Caps.read(f), 5), null)));
        // window 2: only the packet just before counts
        assertEquals(8, Caps.drain(DedupStage.packets(Caps.read(f), 2), null).size());
        // time window of 3 s includes the last packet's twin at T0+2 (exactly 3 s - 2 ns before)
        assertEquals(6, Caps.drain(DedupStage.time(Caps.read(f), 3 * S), null).size());
        assertEquals(7, Caps.drain(DedupStage.time(Caps.read(f), S), null).size());
    }

    @Test
    void reorderWindowSortsWhatIsCloseEnough() throws IOException {
        Path f = file("r.pcap", T0 + 10, T0 + 5, T0 + 20, T0 + 15, T0 + 30, T0 + 1, T0 + 40);
        ReorderStage r = new ReorderStage(Caps.read(f), 10);
        List<long[]> rows = Caps.drain(r, null);
        // T0+1 is 29 ns late, more than the window: it comes out as soon as it is read, after 5..15
        assertEquals(List.of(T0 + 5, T0 + 10, T0 + 15, T0 + 1, T0 + 20, T0 + 30, T0 + 40), Caps.times(rows));
        assertEquals(1, r.late());
        rows = Caps.drain(new ReorderStage(Caps.read(f), 100), null);
        assertEquals(List.of(T0 + 1, T0 + 5, T0 + 10, T0 + 15, T0 + 20, T0 + 30, T0 + 40), Caps.times(rows));
    }

    @Test
    void orderWatchCountsBackwardSteps() throws IOException {
        Path f = file("o.pcap", T0 + 10, T0 + 5, T0 + 20, T0 + 15);
        List<String> w = new ArrayList<>();
        OrderWatch o = new OrderWatch(Caps.read(f), "o.pcap", w::add);
        Caps.drain(o, null);
        o.close();
        assertEquals(2, o.disorders());
        assertTrue(w.get(0).contains("first: packet 2"), w.get(0));
    }
}
