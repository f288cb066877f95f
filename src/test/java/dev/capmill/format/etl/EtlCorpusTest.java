package dev.capmill.format.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureReader;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every packet-bearing ETL sample of the shared corpus against the independent decoder's listing
 * in {@code corpus/etl/expected/} (payload SHA-256, 100 ns timestamp, direction, CPU, PID/TID,
 * PktMon metadata, sizes), the demikernel sample against pktmon's own pcapng conversion, and the
 * non-packet files read to their end.
 */
class EtlCorpusTest {

    static final class Read {
        final List<PacketRecord> packets = new ArrayList<>();
        final List<Integer> linkTypes = new ArrayList<>();
        CaptureReader reader;
        Diagnostics diagnostics;
    }

    static Read read(Path file, boolean includeDrops) throws IOException {
        Read out = new Read();
        out.diagnostics = new Diagnostics();
        ReadOptions o = new ReadOptions(ReadLimits.DEFAULT, false, out.diagnostics, ZoneOffset.UTC, includeDrops);
        try (CaptureReader r = FormatRegistry.standard().open(file.toString(), o)) {
            out.reader = r;
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                if (rec.isPacket()) {
                    out.packets.add(rec.copy());
                    out.linkTypes.add(r.interfaces().get(rec.interfaceId()).linkType());
                }
            }
        }
        return out;
    }

    static Map<String, String> comment(PacketRecord p) {
        Map<String, String> m = new HashMap<>();
        for (String kv : p.options().string(Options.COMMENT, "").split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    static String sha256(PacketRecord p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(p.data(), p.offset(), p.capturedLength());
        return HexFormat.of().formatHex(md.digest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndis/attackhost_trace.etl", "pktmon/demikernel_PktMon.etl", "pktmon/nathaniel_a_PktMon.etl",
        "pktmon/neochenjf_PktMon.etl"})
    void matchesExpectedListing(String name) throws Exception {
        Path corpus = Shared.requireCorpus().resolve("etl");
        Path file = corpus.resolve(name);
        Path tsv = corpus.resolve("expected").resolve(file.getFileName() + ".packets.tsv");
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (!line.startsWith("#") && !line.startsWith("idx")) {
                rows.add(line.split("\t", -1));
            }
        }
        Read all = read(file, true);
        assertEquals(rows.size(), all.packets.size(), "packets with drops");
        assertEquals(0, all.reader.skipped());
        for (int i = 0; i < rows.size(); i++) {
            String[] e = rows.get(i);
            PacketRecord p = all.packets.get(i);
            String where = name + " packet " + i;
            long ft = Long.parseLong(e[1]);
            long unix100 = ft - 116_444_736_000_000_000L;
            assertEquals(Math.floorDiv(unix100, 10_000_000L), p.seconds(), where + " seconds");
            assertEquals(Math.floorMod(unix100, 10_000_000L) * 100, p.nanos(), where + " nanos");
            assertEquals(Long.parseLong(e[3]), p.seconds() * 1_000_000L + p.nanos() / 1000, where + " µs");
            assertEquals(e[22], sha256(p), where + " payload");
            assertEquals(Integer.parseInt(e[21]), p.capturedLength(), where + " logged size");
            Map<String, String> c = comment(p);
            assertEquals(e[6], c.get("CPU"), where + " cpu");
            assertEquals(e[7], c.get("PID"), where + " pid");
            assertEquals(e[8], c.get("TID"), where + " tid");
            long flags = p.options().number(EtlConstants.EPB_FLAGS);
            if (e[4].equals("pktmon")) {
                assertEquals(Long.parseLong(e[20]), p.originalLength(), where + " original size");
                assertEquals(e[10], c.get("PktGroupId"), where);
                assertEquals(e[10], Long.toString(p.options().number(EtlConstants.EPB_PACKETID)), where);
                assertEquals(e[11], c.get("PktNumber"), where);
                assertEquals(e[12], c.get("Appearance"), where);
                assertEquals(e[14], c.get("PacketType"), where);
                assertEquals(e[15], c.get("Component"), where);
                assertEquals(e[16], c.get("Edge"), where);
                assertEquals(e[17], c.get("Filter"), where);
                int dir = Integer.parseInt(e[13]);
                assertEquals(dir == 3 ? 1 : dir == 4 ? 2 : -1, flags, where + " direction");
                int type = Integer.parseInt(e[14]);
                assertEquals(type == 1 ? 1 : type == 2 ? 105 : 101, all.linkTypes.get(i), where + " link type");
                boolean drop = e[5].equals("170");
                assertEquals(drop, c.containsKey("DropReason"), where);
                if (drop) {
                    assertEquals(e[18], c.get("DropReason"), where);
                }
            } else {
                long kw = Long.parseUnsignedLong(e[9].substring(2), 16);
                assertEquals((kw & EtlConstants.KW_SEND_PATH) != 0 ? 2 : 1, flags, where + " direction");
                assertEquals((kw & EtlConstants.KW_NATIVE_802_11) != 0 ? 105 : (kw & 0x200) != 0 ? 101 : 1,
                        all.linkTypes.get(i), where + " link type");
                assertEquals(Long.parseLong(e[20]), p.originalLength(), where + " original size");
            }
        }
        // default: drop events are left out, the rest in the same order
        Read noDrops = read(file, false);
        List<String[]> kept = new ArrayList<>();
        for (String[] e : rows) {
            if (!e[5].equals("170")) {
                kept.add(e);
            }
        }
        assertEquals(kept.size(), noDrops.packets.size(), "packets without drops");
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(kept.get(i)[22], sha256(noDrops.packets.get(i)), name + " packet " + i + " (no drops)");
        }
        if (kept.size() != rows.size()) {
            assertTrue(noDrops.diagnostics.lines().stream().anyMatch(l -> l.contains("--include-drops")));
        }
    }

    @Test
    void demikernelEqualsPktmonConversion() throws Exception {
        Path corpus = Shared.requireCorpus().resolve("etl/pktmon");
        Read ours = read(corpus.resolve("demikernel_PktMon.etl"), false);
        List<PacketRecord> ref = new ArrayList<>();
        try (CaptureReader r = FormatRegistry.standard().open(corpus.resolve("reference/demikernel_PktMon.cap.pcapng").toString(),
                ReadOptions.defaults())) {
            assertEquals("pcapng", r.formatId());
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                if (rec.isPacket()) {
                    ref.add(rec.copy());
                }
            }
        }
        assertEquals(114, ref.size());
        assertEquals(ref.size(), ours.packets.size());
        for (int i = 0; i < ref.size(); i++) {
            PacketRecord a = ref.get(i);
            PacketRecord b = ours.packets.get(i);
            assertEquals(HexFormat.of().formatHex(a.payloadCopy()), HexFormat.of().formatHex(b.payloadCopy()), "packet " + i);
            assertEquals(a.originalLength(), b.originalLength(), "packet " + i);
            assertEquals(a.seconds(), b.seconds(), "packet " + i);
            assertEquals(a.nanos() / 1000, b.nanos() / 1000, "packet " + i + " µs");
            assertEquals(1, ours.linkTypes.get(i));
        }
    }

    @Test
    void nonPacketFilesReadToTheEnd() throws Exception {
        Path corpus = Shared.requireCorpus().resolve("etl");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("container"))) {
            s.sorted().forEach(files::add);
        }
        files.add(corpus.resolve("pktmon/kesiya_PktMon.etl"));
        assertEquals(8, files.size());
        for (Path f : files) {
            Read r = read(f, true);
            assertEquals(0, r.packets.size(), f.toString());
            assertEquals(0, r.reader.skipped(), f.toString());
            EtlReader etl = (EtlReader) r.reader;
            assertTrue(etl.records() > 0, f + " records walked");
            // every buffer read; a wrapped circular file ends at its oldest buffer, where it began
            assertEquals(bufferCount(Files.readAllBytes(f)), etl.buffersRead(), f + " read to its end");
            assertEquals(etl.wrapStart() > 0 ? etl.wrapStart() : Files.size(f), etl.position(), f + " read to its end");
            assertFalse(r.diagnostics.lines().stream().anyMatch(l -> l.contains("skipped")), f.toString());
        }
    }

    /** Buffers in an ETL file, by walking their BufferSize fields. */
    static int bufferCount(byte[] f) {
        int n = 0;
        long off = 0;
        while (off + 0x48 <= f.length) {
            long bs = java.nio.ByteBuffer.wrap(f, (int) off, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (bs < 0x48) {
                break;
            }
            n++;
            off += bs;
        }
        return n;
    }
}
