package dev.capmill.format.pcapng;

import static dev.capmill.format.pcapng.PcapngBuilder.str;
import static dev.capmill.format.pcapng.PcapngBuilder.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PcapngRoundTripTest {

    private static void roundTrip(byte[] file, String name) throws IOException {
        Pcapng.Result original = Pcapng.read(file);
        Diagnostics wd = new Diagnostics();
        byte[] copy = Pcapng.rewrite(file, wd);
        Pcapng.Result back = Pcapng.read(copy);
        Pcapng.assertSameContent(original, back, name);
        // writing the copy again gives the same bytes: the writer is deterministic
        assertTrue(java.util.Arrays.equals(copy, Pcapng.rewrite(copy, new Diagnostics())), name + ": second rewrite");
    }

    @Test
    void builtFilesSurviveARoundTrip() throws Exception {
        roundTrip(PcapngReaderTest.richSection(new PcapngBuilder(), false), "rich LE");
        roundTrip(PcapngReaderTest.richSection(new PcapngBuilder(), true), "rich BE");
        PcapngBuilder b = new PcapngBuilder();
        PcapngReaderTest.richSection(b, true);
        PcapngReaderTest.richSection(b, false);
        b.spb(3, new byte[] {1, 2, 3}).pb(1, 9, 77, new byte[] {4, 5}, 2, str(1, "old"));
        roundTrip(b.toByteArray(), "two sections");
        PcapngBuilder h = new PcapngBuilder();
        h.shb(false).idb(1, 0).epb(0, -1L, new byte[0], 0).idb(1, 0, u8(9, 0x80 | 63)).epb(1, -1L, new byte[1], 1);
        roundTrip(h.toByteArray(), "huge");
    }

    @Test
    void doNotCopyCustomBlocksAreDroppedWithAWarning() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false).custom(0x40000BAD, 1, new byte[] {1}).custom(0x40000BAD, 1, new byte[] {2}).custom(0xBAD, 1, new byte[0]);
        Diagnostics d = new Diagnostics();
        Pcapng.Result back = Pcapng.read(Pcapng.rewrite(b.toByteArray(), d));
        assertEquals(2, back.records.size());
        assertEquals(0xBAD, back.records.get(1).blockType());
        assertEquals(List.of("pcapng: 2 do-not-copy custom blocks (0x40000BAD) were not copied"), d.lines());
    }

    /** Metadata for records that do not come from a pcapng reader (a pcap source, a stage). */
    private static final class Meta implements dev.capmill.format.CaptureMetadata {
        final List<SectionInfo> sections = new ArrayList<>();
        final List<InterfaceInfo> interfaces = new ArrayList<>();

        @Override
        public List<SectionInfo> sections() {
            return sections;
        }

        @Override
        public List<InterfaceInfo> interfaces() {
            return interfaces;
        }
    }

    private static byte[] write(Meta m, PacketRecord... recs) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Output out = new Output(bos);
        CaptureWriter w = new PcapngFormat().writer(out, m, WriteOptions.defaults());
        for (PacketRecord r : recs) {
            w.write(r);
        }
        w.finish();
        return bos.toByteArray();
    }

    @Test
    void recordsWithoutRawTicksAreConvertedToTheInterfaceResolution() throws Exception {
        Meta m = new Meta();
        m.interfaces.add(new InterfaceInfo().setLinkType(1).setTsResolution(9).setTsOffset(100).setFcsLength(4));
        m.interfaces.add(new InterfaceInfo().setLinkType(1).setTsResolution(0x88));
        m.interfaces.add(new InterfaceInfo().setLinkType(1));
        PacketRecord a = new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(0).setTime(1_700_000_000L, 123_456_789)
                .setData(new byte[] {1, 2}, 0, 2).setOriginalLength(2);
        PacketRecord b = new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(1).setTime(5, 3_906_250 * 3)
                .setData(new byte[] {3}, 0, 1).setOriginalLength(1);
        PacketRecord c = new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(2).setTime(7, 999_999_999)
                .setData(new byte[] {4}, 0, 1).setOriginalLength(1);
        PacketRecord noTime = new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(0)
                .setData(new byte[] {5, 6, 7}, 0, 3).setOriginalLength(3);
        PacketRecord noTimeOther = new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(1)
                .setData(new byte[] {5, 6, 7}, 0, 3).setOriginalLength(9);
        Pcapng.Result r = Pcapng.read(write(m, a, b, c, noTime, noTimeOther));
        assertEquals(3, r.interfaces.size());
        assertEquals(9, r.interfaces.get(0).tsResolution());
        assertEquals(100, r.interfaces.get(0).tsOffset());
        assertEquals(4, r.interfaces.get(0).fcsLength());
        assertEquals(-1, r.interfaces.get(2).fcsLength());
        assertFalse(r.interfaces.get(2).options().contains(InterfaceInfo.OPT_TSRESOL));
        List<PacketRecord> p = r.packets();
        assertEquals(1_700_000_000L, p.get(0).seconds());
        assertEquals(123_456_789, p.get(0).nanos());
        assertEquals((1_700_000_000L - 100) * 1_000_000_000L + 123_456_789, p.get(0).rawTicks());
        assertEquals(5, p.get(1).seconds());
        assertEquals(3_906_250 * 3, p.get(1).nanos(), "a time that is a whole 2^-8 tick comes back exactly");
        assertEquals((5L << 8) + 3, p.get(1).rawTicks());
        assertEquals(7, p.get(2).seconds());
        assertEquals(999_999_000, p.get(2).nanos()); // µs resolution truncates
        assertFalse(p.get(3).hasTimestamp(), "written as an SPB");
        assertEquals(3, p.get(3).capturedLength());
        assertTrue(p.get(4).hasTimestamp(), "an SPB cannot name interface 1: EPB with time 0");
        assertEquals(0, p.get(4).seconds());
        assertEquals(9, p.get(4).originalLength());
        // 2^-10 s ticks read as truncated ns (tick 1 = 976562.5 ns → 976562): written back, the
        // writer picks the smallest tick count that reads as at least the time, so tick 1 again
        PacketRecord d = new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(0).setTime(0, 976_562)
                .setData(new byte[0], 0, 0);
        Meta m2 = new Meta();
        m2.interfaces.add(new InterfaceInfo().setLinkType(1).setTsResolution(0x8A));
        PacketRecord e = new PacketRecord().reset(PacketRecord.Kind.PACKET).setInterfaceId(0).setTime(0, 976_563)
                .setData(new byte[0], 0, 0);
        List<PacketRecord> q = Pcapng.read(write(m2, d, e)).packets();
        assertEquals(1, q.get(0).rawTicks());
        assertEquals(976_562, q.get(0).nanos());
        assertEquals(2, q.get(1).rawTicks(), "a time between ticks goes up to the next tick");
    }

    @Test
    void emptyOutputIsAValidPcapng() throws Exception {
        byte[] f = write(new Meta());
        assertEquals(28, f.length);
        Pcapng.Result r = Pcapng.read(f);
        assertEquals(1, r.sections.size());
        assertTrue(new PcapngFormat().probe(f, f.length));
    }

    // ------------------------------------------------------------------ corpus

    static Path corpus() {
        String shared = System.getProperty("capmill.shared");
        Path dir = shared == null ? null : Paths.get(shared, "corpus");
        boolean present = dir != null && Files.isDirectory(dir);
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("the corpus is missing (capmill.shared=" + shared + ") and CI is set");
            }
            Assumptions.assumeTrue(false, "corpus not found at " + dir + "; corpus tests skipped");
        }
        return dir;
    }

    static List<Path> pcapngFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        PcapngFormat f = new PcapngFormat();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                byte[] head = new byte[12];
                int n;
                try (java.io.InputStream in = Files.newInputStream(p)) {
                    n = in.readNBytes(head, 0, 12);
                }
                if (f.probe(head, n)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Test
    void everyReadableCorpusPcapngSurvivesARoundTrip() throws Exception {
        Path dir = corpus();
        List<Path> files = pcapngFiles(dir);
        int ok = 0;
        List<String> unreadable = new ArrayList<>();
        for (Path p : files) {
            byte[] content = Files.readAllBytes(p);
            try {
                Pcapng.read(content);
            } catch (CaptureException e) {
                unreadable.add(dir.relativize(p) + ": " + e.getMessage());
                continue;
            }
            roundTrip(content, dir.relativize(p).toString());
            ok++;
        }
        // 221 pcapng files in the corpus by magic (CATALOG.md); a handful are broken on purpose
        assertTrue(files.size() >= 200, "pcapng files found: " + files.size());
        assertTrue(ok >= files.size() - 10, "round-tripped " + ok + " of " + files.size() + "; unreadable: " + unreadable);
    }
}
