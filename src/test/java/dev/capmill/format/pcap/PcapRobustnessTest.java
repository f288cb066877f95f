package dev.capmill.format.pcap;

import static org.junit.jupiter.api.Assertions.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.ReadOptions;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Input;
import dev.capmill.io.Output;
import dev.capmill.model.PacketRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Truncation at every byte, the libpcap test files, and read → write → read round trips. */
class PcapRobustnessTest {

    @Test
    void truncationAtEveryByteOffset() {
        byte[][] files = {
            PcapBuilder.le().usec(65535, 1).record(1, 2, 20, 1).record(3, 4, 0, 0).record(5, 6, 7, 9).bytes(),
            PcapBuilder.be().nsec(65535, 1).record(1, 2, 20, 1).record(3, 4, 5, 9).bytes(),
            PcapBuilder.le().header(PcapConstants.MAGIC_MODIFIED, 2, 4, 65535, 1).extra(new byte[8])
                    .record(1, 2, 20, 1).record(3, 4, 5, 9).bytes(),
        };
        for (byte[] full : files) {
            PcapReaderTest.Result whole = PcapReaderTest.readOk(full);
            int hl = whole.reader.variant().headerLength;
            // record boundaries
            long[] ends = new long[whole.packets.size()];
            for (int i = 0; i < ends.length; i++) {
                PacketRecord p = whole.packets.get(i);
                ends[i] = p.fileOffset() + hl + p.capturedLength();
            }
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                PcapReaderTest.Result r = PcapReaderTest.read(cut);
                if (n < 24) {
                    assertInstanceOf(CaptureException.class, r.error, "prefix " + n);
                    continue;
                }
                if (r.reader != null && r.reader.variant() != whole.reader.variant()) {
                    // the cut changed the variant guess (as it does in Wireshark): only "no
                    // exception but CaptureException" applies, which read() already checks
                    continue;
                }
                int complete = 0;
                while (complete < ends.length && ends[complete] <= n) {
                    complete++;
                }
                boolean atBoundary = n == 24 || (complete > 0 && ends[complete - 1] == n);
                if (atBoundary) {
                    assertNull(r.error, "prefix " + n + ": " + r.error);
                } else {
                    assertInstanceOf(CaptureException.Truncated.class, r.error, "prefix " + n);
                }
                assertEquals(complete, r.packets.size(), "prefix " + n);
                for (int i = 0; i < complete; i++) {
                    assertArrayEquals(whole.packets.get(i).payloadCopy(), r.packets.get(i).payloadCopy());
                }
            }
        }
    }

    @Test
    void libpcapInvalidFilesBehaveAsTsharkDoes() throws IOException {
        Path dir = Corpus.root().resolve("libpcap/tests");
        PcapReaderTest.Result reserved = PcapReaderTest.read(Files.readAllBytes(dir.resolve("linktype-reserved-field-not-zero.pcap")));
        assertInstanceOf(CaptureException.Corrupt.class, reserved.error);
        assertTrue(reserved.error.getMessage().contains("network type reserved field not zero (0x00300000)"));
        PcapReaderTest.Result v1 = PcapReaderTest.read(Files.readAllBytes(dir.resolve("pcap-invalid-version-1.pcap")));
        assertInstanceOf(CaptureException.Unsupported.class, v1.error);
        assertTrue(v1.error.getMessage().contains("major version 1 unsupported"));
        PcapReaderTest.Result v2 = PcapReaderTest.readOk(Files.readAllBytes(dir.resolve("pcap-invalid-version-2.pcap")));
        assertEquals(1, v2.packets.size());
        assertFalse(v2.diagnostics.isEmpty());
        PcapFormat fmt = new PcapFormat();
        for (String ng : List.of("pcapng-invalid-vers-1.pcapng", "pcapng-invalid-vers-2.pcapng", "shb-option-too-long.pcapng")) {
            byte[] b = Files.readAllBytes(dir.resolve(ng));
            assertFalse(fmt.probe(b, b.length), ng + " is not pcap");
        }
    }

    @Test
    void truncatedLastRecordOfDpkt() throws IOException {
        byte[] b = Files.readAllBytes(Corpus.root().resolve("dpkt/examples/data/truncated_dns_2.pcap"));
        PcapReaderTest.Result r = PcapReaderTest.read(b);
        assertInstanceOf(CaptureException.Truncated.class, r.error);
        // tshark 4.0.17: one packet (frame.len 282), then "cut short in the middle of a packet"
        assertEquals(1, r.packets.size());
        assertEquals(282, r.packets.get(0).originalLength());
    }

    @Test
    void roundTripBuiltFiles() throws IOException {
        byte[][] files = {
            PcapBuilder.le().usec(65535, 1).record(1, 2, 20, 1).record(3, 999_999, 0, 0).bytes(),
            PcapBuilder.be().nsec(0, 113).record(1, 999_999_999, 20, 1).bytes(),
            PcapBuilder.le().header(PcapConstants.MAGIC_USEC, 2, 2, 65535, 0x24000001).record(7, 1, 30, 40, 30, 3).bytes(),
            PcapBuilder.le().usec(65535, 1).bytes(),
        };
        for (byte[] f : files) {
            roundTrip("built", f);
        }
    }

    @Test
    void roundTripEveryMicroAndNanosecondPcapOfTheCorpus() throws IOException {
        Path root = Corpus.root();
        int[] count = new int[1];
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                byte[] b = head(p);
                if (b == null) {
                    continue;
                }
                roundTrip(root.relativize(p).toString(), Files.readAllBytes(p));
                count[0]++;
            }
        }
        assertTrue(count[0] > 1000, "only " + count[0] + " pcap files found");
    }

    private static byte[] head(Path p) throws IOException {
        if (Files.size(p) < 4) {
            return null;
        }
        byte[] b = new byte[4];
        try (var in = Files.newInputStream(p)) {
            if (in.readNBytes(b, 0, 4) < 4) {
                return null;
            }
        }
        int m = dev.capmill.model.Bytes.i32LE(b, 0);
        for (int magic : new int[] {PcapConstants.MAGIC_USEC, PcapConstants.MAGIC_NSEC}) {
            if (m == magic || m == Integer.reverseBytes(magic)) {
                return b;
            }
        }
        return null;
    }

    /** Reads, writes with the reader's own precision, reads back and compares packet by packet. */
    private static void roundTrip(String name, byte[] file) throws IOException {
        PcapReaderTest.Result first = PcapReaderTest.read(file);
        if (first.reader == null) {
            return; // refused at the header (reserved bits, version 1, ...): nothing to write
        }
        for (PacketRecord p : first.packets) {
            if (p.seconds() < 0 || p.seconds() > PcapConstants.MAX_SECONDS) {
                return; // a wrapped fraction (see package-info) pcap cannot store again
            }
        }
        CaptureMetadata md = CaptureMetadata.of(first.reader.sections(), first.reader.interfaces());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Output out = new Output(sink);
        PcapWriter w = new PcapWriter(out, md, new WriteOptions(WriteOptions.LossPolicy.FAIL,
                WriteOptions.PcapPrecision.AUTO, new Diagnostics()));
        for (PacketRecord r : first.records) {
            w.write(r);
        }
        w.finish();
        out.flush();
        PcapReaderTest.Result second = PcapReaderTest.readOk(sink.toByteArray());
        assertEquals(first.packets.size(), second.packets.size(), name);
        assertEquals(first.reader.interfaces().get(0).linkType(), second.reader.interfaces().get(0).linkType(), name);
        assertEquals(first.reader.interfaces().get(0).fcsLength(), second.reader.interfaces().get(0).fcsLength(), name);
        assertEquals(first.reader.interfaces().get(0).tsResolution(), second.reader.interfaces().get(0).tsResolution(), name);
        for (int i = 0; i < first.packets.size(); i++) {
            PacketRecord a = first.packets.get(i);
            PacketRecord b = second.packets.get(i);
            String at = name + " packet " + (i + 1);
            assertEquals(a.seconds(), b.seconds(), at);
            // to the written precision: a µs file keeps whole microseconds (wrapped fractions
            // such as atm_oam_sunatm's give nanoseconds that are not)
            int unit = first.reader.interfaces().get(0).tsResolution() == 9 ? 1 : 1000;
            assertEquals(a.nanos() / unit * unit, b.nanos(), at);
            assertEquals(a.capturedLength(), b.capturedLength(), at);
            assertEquals(a.originalLength(), b.originalLength(), at);
            assertArrayEquals(a.payloadCopy(), b.payloadCopy(), at);
        }
    }

    @Test
    void readerNeverThrowsAnythingButCaptureExceptionsOnGarbage() {
        java.util.Random rnd = new java.util.Random(42);
        byte[] base = PcapBuilder.le().usec(65535, 1).record(1, 2, 20, 1).record(3, 4, 30, 9).bytes();
        for (int i = 0; i < 2000; i++) {
            byte[] f = base.clone();
            for (int k = 0; k < 3; k++) {
                f[rnd.nextInt(f.length)] = (byte) rnd.nextInt();
            }
            try {
                PcapReader r = new PcapReader(Input.of("fuzz", f), ReadOptions.defaults());
                PacketRecord p = new PacketRecord();
                int guard = 0;
                while (r.next(p)) {
                    assertTrue(++guard < 100, "no end");
                }
            } catch (CaptureException e) {
                // expected for damaged input
            } catch (IOException | RuntimeException e) {
                fail("iteration " + i + ": " + e, e);
            }
        }
    }
}
