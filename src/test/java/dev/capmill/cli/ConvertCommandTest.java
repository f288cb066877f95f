package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.io.Compression;
import dev.capmill.oracle.CorpusGolden;
import dev.capmill.oracle.Goldens;
import dev.capmill.testing.Shared;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConvertCommandTest {
    static final Path PROJECT = Shared.projectDir();
    static final Path SAMPLE = PROJECT.resolve("testdata/pcap/sample.pcap");
    static final Path COMMENTS = PROJECT.resolve("testdata/pcapng/sample-comments.pcapng");
    static final Path TWO_LINKTYPES = PROJECT.resolve("testdata/pcapng/sample-two-linktypes.pcapng");
    static Map<Integer, Integer> encaps;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        encaps = CorpusGolden.loadEncaps(PROJECT);
    }

    /** capmill's reading of {@code file} as golden rows, compared with tshark's committed rows for {@code fixture}. */
    static void assertSamePackets(Path fixture, Path file) throws IOException {
        List<String> want = Goldens.rows(fixture);
        List<String> got = Goldens.capmillRows(file, encaps);
        assertEquals(want, got, file + " read back differently from tshark's reading of " + fixture);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcap/sample.pcap", "pcap/sample-nsec.pcap", "pcapng/sample.pcapng",
        "pcapng/sample-comments.pcapng", "pcapng/sample-two-linktypes.pcapng", "sniffer/sample.ngsniffer.cap",
        "sniffer/sample.ngsniffer_compressed.cap", "netxray/sample.ngwsniffer_1_1.cap", "netxray/sample.ngwsniffer_2_0.cap"})
    void readsEveryFixtureAsTsharkDoes(String name) throws IOException {
        Path f = PROJECT.resolve("testdata").resolve(name);
        assertSamePackets(f, f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcap/sample.pcap", "pcap/sample-nsec.pcap", "pcapng/sample.pcapng",
        "pcapng/sample-comments.pcapng", "pcapng/sample-two-linktypes.pcapng"})
    void convertsToPcapngAndBack(String name) throws IOException {
        Path f = PROJECT.resolve("testdata").resolve(name);
        Path ng = tmp.resolve("out.pcapng");
        Cli c = Cli.run("convert", f.toString(), "-o", ng.toString());
        assertEquals(0, c.exit, c.toString());
        assertEquals("", c.err);
        assertSamePackets(f, ng);
        if (!name.contains("two-linktypes")) {
            Path p = tmp.resolve("out.pcap");
            Cli c2 = Cli.run("convert", ng.toString(), "-o", p.toString(), "--lossy", "-q");
            assertEquals(0, c2.exit, c2.toString());
            assertSamePackets(f, p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sniffer/sample.ngsniffer.cap", "sniffer/sample.ngsniffer_compressed.cap",
        "netxray/sample.ngwsniffer_1_1.cap", "netxray/sample.ngwsniffer_2_0.cap"})
    void legacyFixturesConvertToPcapngAndReadBackTheSame(String name) throws IOException {
        Path f = PROJECT.resolve("testdata").resolve(name);
        Path ng = tmp.resolve("out.pcapng");
        Cli c = Cli.run("convert", f.toString(), "-o", ng.toString());
        assertEquals(0, c.exit, c.toString());
        assertEquals("", c.err);
        assertSamePackets(f, ng);
    }

    @Test
    void pcapOfSeveralLinkTypesIsRefusedAndLeavesNothing() {
        Path p = tmp.resolve("out.pcap");
        Cli c = Cli.run("convert", TWO_LINKTYPES.toString(), "-o", p.toString(), "--lossy");
        assertEquals(ExitCodes.OUTPUT, c.exit, c.toString());
        assertTrue(c.err.startsWith("capmill: " + p + ": pcap"), c.err);
        assertEquals(1, c.err.lines().count(), c.err);
        assertNoFiles();
    }

    @Test
    void commentsToPcapFailWithoutLossyAndWarnWithIt() throws IOException {
        Path p = tmp.resolve("out.pcap");
        Cli c = Cli.run("convert", COMMENTS.toString(), "-o", p.toString());
        assertEquals(ExitCodes.OUTPUT, c.exit, c.toString());
        assertTrue(c.err.contains("comment"), c.err);
        assertNoFiles();
        Cli l = Cli.run("convert", COMMENTS.toString(), "-o", p.toString(), "--lossy");
        assertEquals(0, l.exit, l.toString());
        assertTrue(l.err.contains("warning"), l.err);
        assertSamePackets(COMMENTS, p);
    }

    @Test
    void formatFromOptionOrNameAndStdout() throws IOException {
        Path out = tmp.resolve("noext");
        Cli bad = Cli.run("convert", SAMPLE.toString(), "-o", out.toString());
        assertEquals(ExitCodes.USAGE, bad.exit, bad.toString());
        assertTrue(bad.err.contains("-F"), bad.err);
        Cli ok = Cli.run("convert", SAMPLE.toString(), "-o", out.toString(), "-F", "pcapng");
        assertEquals(0, ok.exit, ok.toString());
        assertSamePackets(SAMPLE, out);
        Cli unknown = Cli.run("convert", SAMPLE.toString(), "-o", out.toString(), "-F", "netmon");
        assertEquals(ExitCodes.USAGE, unknown.exit, unknown.toString());
    }

    @Test
    void outputThatIsAnInputIsRefused() throws IOException {
        Path copy = tmp.resolve("in.pcap");
        Files.copy(SAMPLE, copy);
        byte[] before = Files.readAllBytes(copy);
        Cli c = Cli.run("convert", copy.toString(), "-o", tmp.resolve(".").resolve("in.pcap").toString());
        assertEquals(ExitCodes.OUTPUT, c.exit, c.toString());
        assertTrue(c.err.contains("refusing to overwrite input"), c.err);
        assertTrue(Arrays.equals(before, Files.readAllBytes(copy)));
    }

    @Test
    void replacingAFileKeepsItsPermissionsAndLeavesNoPartialFile() throws IOException {
        Path out = tmp.resolve("out.pcapng");
        Files.writeString(out, "old content");
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Cli c = Cli.run("convert", SAMPLE.toString(), "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertSamePackets(SAMPLE, out);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "only the output is left");
        }
    }

    @Test
    void truncatedInputKeepsPacketsWarnsAndStrictFails() throws IOException {
        byte[] all = Files.readAllBytes(SAMPLE);
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        Path out = tmp.resolve("out.pcapng");
        Cli c = Cli.run("convert", cut.toString(), "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.err.startsWith("capmill: warning: " + cut + ": "), c.err);
        assertEquals(1, c.err.lines().count(), c.err);
        List<String> want = Goldens.rows(SAMPLE);
        assertEquals(want.subList(0, want.size() - 1), Goldens.capmillRows(out, encaps));
        Cli s = Cli.run("convert", cut.toString(), "-o", out.toString(), "--strict");
        assertEquals(ExitCodes.INPUT, s.exit, s.toString());
        assertTrue(s.err.startsWith("capmill: " + cut + ": "), s.err);
    }

    @Test
    void notACaptureIsAOneLineErrorAndNoOutput() throws IOException {
        Path txt = tmp.resolve("notes.pcap");
        Files.writeString(txt, "this is not a capture\n");
        Path out = tmp.resolve("out.pcapng");
        Cli c = Cli.run("convert", txt.toString(), "-o", out.toString());
        assertEquals(ExitCodes.INPUT, c.exit, c.toString());
        assertEquals("capmill: " + txt + ": a text file, not a capture file\n", c.err);
        assertFalse(Files.exists(out));
        Cli missing = Cli.run("convert", tmp.resolve("nope.pcap").toString(), "-o", out.toString());
        assertEquals(ExitCodes.INPUT, missing.exit, missing.toString());
        assertTrue(missing.err.contains("no such file"), missing.err);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void compressedInputAndOutput(Compression comp) throws IOException {
        Path in = tmp.resolve("in.pcap" + comp.suffix());
        try (OutputStream o = comp.compress(Files.newOutputStream(in))) {
            o.write(Files.readAllBytes(SAMPLE));
        }
        Path out = tmp.resolve("out.pcapng" + comp.suffix());
        Cli c = Cli.run("convert", in.toString(), "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        assertEquals(comp, Compression.detect(Files.readAllBytes(out), 8), "output compressed by name");
        assertSamePackets(SAMPLE, out);
    }

    @Test
    void severalInputsAreReadInOrder() throws IOException {
        Path out = tmp.resolve("both.pcapng");
        Cli c = Cli.run("convert", SAMPLE.toString(), COMMENTS.toString(), "-o", out.toString());
        assertEquals(0, c.exit, c.toString());
        List<String> want = new java.util.ArrayList<>(Goldens.rows(SAMPLE));
        want.addAll(Goldens.rows(COMMENTS));
        assertEquals(want, Goldens.capmillRows(out, encaps));
    }

    private void assertNoFiles() {
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "nothing may be left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
