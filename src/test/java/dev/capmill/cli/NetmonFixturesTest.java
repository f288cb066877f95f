package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.CaptureReader;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.oracle.CorpusGolden;
import dev.capmill.oracle.Goldens;
import dev.capmill.testing.Shared;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NetMon fixtures of testdata/netmon/ read as tshark reads them, directly and after conversion to pcapng. */
class NetmonFixturesTest {
    static final Path PROJECT = Shared.projectDir();
    static final Path NETMON = PROJECT.resolve("testdata/netmon");
    static Map<Integer, Integer> encaps;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        encaps = CorpusGolden.loadEncaps(PROJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample.netmon1.cap", "sample.netmon2.cap", "hand-2.1-mixed-media.cap",
        "hand-2.3-utc-out-of-order.cap"})
    void readsAsTsharkDoesAndConvertsToPcapngLosslessly(String name) throws IOException {
        Path f = NETMON.resolve(name);
        List<String> want = Goldens.rows(f);
        assertEquals(want, Goldens.capmillRows(f, encaps), name + " read differently from tshark");
        Path ng = tmp.resolve("out.pcapng");
        Cli c = Cli.run("convert", f.toString(), "-o", ng.toString());
        assertEquals(0, c.exit, c.toString());
        assertEquals(want, Goldens.capmillRows(ng, encaps), "pcapng from " + name + " reads back differently");
    }

    /** Rows with the encapsulation column replaced by "*" where {@code star} says so. */
    private static List<String> starEncap(List<String> rows, List<Boolean> star) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] c = rows.get(i).split("\t", -1);
            if (star.get(i)) {
                c[3] = "*";
            }
            out.add(String.join("\t", c));
        }
        return out;
    }

    @Test
    void commentsAndSpecialFramesDifferFromTsharkOnlyAsDocumented() throws IOException {
        Path f = NETMON.resolve("hand-2.2-comments-special-frames.cap");
        // tshark: NetEvent (187) and filter (189) frames are packets; capmill makes them custom blocks
        List<String> want = new ArrayList<>();
        List<Boolean> commented = new ArrayList<>();
        for (String row : Goldens.rows(f)) {
            String encap = row.split("\t", -1)[3];
            if (!encap.equals("187") && !encap.equals("189")) {
                want.add(row);
                commented.add(encap.equals("188")); // tshark's NETMON_HEADER: a frame with a comment
            }
        }
        assertEquals(8, want.size());
        assertEquals(2, commented.stream().filter(b -> b).count());
        Path ng = tmp.resolve("out.pcapng");
        Cli c = Cli.run("convert", f.toString(), "-o", ng.toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.err.contains("network info frames (0xFFFD) skipped"), c.err);
        for (Path p : List.of(f, ng)) {
            List<String> got = Goldens.capmillRows(p, encaps);
            assertEquals(starEncap(want, commented), starEncap(got, commented), p.toString());
            // capmill gives the commented frames their real link type and an opt_comment instead
            List<String> comments = new ArrayList<>();
            int blocks = 0;
            try (CaptureReader r = FormatRegistry.standard().open(p.toString(), ReadOptions.defaults())) {
                PacketRecord rec = new PacketRecord();
                int i = 0;
                while (r.next(rec)) {
                    if (rec.isPacket()) {
                        String cm = rec.options().string(Options.COMMENT, null);
                        assertEquals(commented.get(i), cm != null, "packet " + i + " of " + p);
                        assertNotEquals("*", got.get(i).split("\t")[3]);
                        if (cm != null) {
                            comments.add(cm);
                        }
                        i++;
                    } else if (rec.kind() == PacketRecord.Kind.BLOCK) {
                        blocks++;
                    }
                }
            }
            assertEquals(List.of("DNS query\nfirst lookup", "Handshake"), comments, p.toString());
            assertEquals(2, blocks, p.toString());
        }
    }

    @Test
    void localTimeFollowsTzAndUtcVersionsDoNot() throws IOException {
        Path v1 = NETMON.resolve("sample.netmon1.cap");
        Path out = tmp.resolve("ny.pcapng");
        Cli c = Cli.run("convert", v1.toString(), "-o", out.toString(), "--tz", "America/New_York");
        assertEquals(0, c.exit, c.toString());
        List<String> want = Goldens.rows(v1);
        List<String> got = Goldens.capmillRows(out, encaps);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            double shift = Double.parseDouble(got.get(i).split("\t")[0]) - Double.parseDouble(want.get(i).split("\t")[0]);
            assertTrue(shift == 4 * 3600 || shift == 5 * 3600, "shift " + shift); // EDT or EST
        }
        Path v23 = NETMON.resolve("hand-2.3-utc-out-of-order.cap");
        Path out23 = tmp.resolve("ny23.pcapng");
        assertEquals(0, Cli.run("convert", v23.toString(), "-o", out23.toString(), "--tz", "Asia/Tokyo").exit);
        assertEquals(Goldens.rows(v23), Goldens.capmillRows(out23, encaps));
    }
}
