package dev.capmill.format.pcapng;

import static dev.capmill.format.pcapng.PcapngBuilder.str;
import static dev.capmill.format.pcapng.PcapngBuilder.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.Diagnostics;
import dev.capmill.model.PacketRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcapngHostileTest {
    private static final byte[] DATA = {1, 2, 3, 4, 5};

    private static byte[] small(boolean be) {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(be, str(1, "hi")).idb(1, 0, u8(9, 9)).epb(0, 123, DATA, 5, str(1, "pkt")).spb(5, DATA)
                .isb(0, 7).block(0x1234, new byte[] {1, 2, 3, 4}).shb(!be).idb(1, 0).epb(0, 5, DATA, 5);
        return b.toByteArray();
    }

    /** Block boundaries of a well-formed file (every offset at which a block starts, and the end). */
    private static java.util.Set<Integer> boundaries(byte[] f) throws Exception {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        try (CaptureReader r = Pcapng.open(f, new Diagnostics())) {
            PacketRecord rec = new PacketRecord();
            set.add(0);
            while (r.next(rec)) {
                set.add((int) r.position());
            }
        }
        return set;
    }

    @Test
    void everyTruncationReadsTheCompleteRecordsThenStops() throws Exception {
        for (boolean be : new boolean[] {false, true}) {
            byte[] full = small(be);
            int total = Pcapng.read(full).records.size();
            java.util.Set<Integer> bounds = boundaries(full);
            for (int cut = 0; cut < full.length; cut++) {
                byte[] prefix = Arrays.copyOf(full, cut);
                int count = 0;
                try (CaptureReader r = Pcapng.open(prefix, new Diagnostics())) {
                    PacketRecord rec = new PacketRecord();
                    while (r.next(rec)) {
                        count++;
                        assertTrue(count <= total, "more records than the full file at cut " + cut);
                    }
                    assertTrue(bounds.contains(cut), "clean end at cut " + cut + ", which is inside a block");
                } catch (CaptureException.Truncated e) {
                    assertFalse(bounds.contains(cut) && cut > 0, "truncation reported at a block boundary " + cut);
                    assertTrue(e.getMessage().startsWith("pcapng: "), e.getMessage());
                } catch (Exception e) {
                    fail("cut at " + cut + " (" + (be ? "BE" : "LE") + "): " + e, e);
                }
                // every record whose block lies wholly inside the prefix was delivered
                int expected = 0;
                for (int bnd : bounds) {
                    if (bnd > 0 && bnd <= cut) {
                        expected++;
                    }
                }
                assertEquals(expected, count, "records before cut " + cut);
            }
        }
    }

    private static byte[] withLength(int blockIndexOffset, int value, boolean alsoTrailer) throws Exception {
        byte[] f = small(false);
        ByteBuffer bb = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int len = bb.getInt(blockIndexOffset + 4);
        bb.putInt(blockIndexOffset + 4, value);
        if (alsoTrailer) {
            bb.putInt(blockIndexOffset + len - 4, value);
        }
        return f;
    }

    private static int epbOffset() throws Exception {
        byte[] f = small(false);
        ByteBuffer bb = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int o = 0;
        while (bb.getInt(o) != 6) {
            o += bb.getInt(o + 4);
        }
        return o;
    }

    private static CaptureException readError(byte[] f) {
        return assertThrows(CaptureException.class, () -> Pcapng.read(f));
    }

    @Test
    void badBlockLengths() throws Exception {
        int epb = epbOffset();
        CaptureException e0 = readError(withLength(epb, 0, false));
        assertTrue(e0 instanceof CaptureException.Corrupt, e0.toString());
        assertEquals(epb, e0.offset());
        assertTrue(e0.getMessage().contains("block total length 0"), e0.getMessage());
        assertTrue(readError(withLength(epb, 8, false)) instanceof CaptureException.Corrupt);
        CaptureException e13 = readError(withLength(epb, 13, false));
        assertTrue(e13 instanceof CaptureException.Corrupt, e13.toString());
        CaptureException big = readError(withLength(epb, 0xFFFFFFFF, false));
        assertTrue(big instanceof CaptureException.LimitExceeded, big.toString());
        assertEquals("pcapng: block total length 4294967295 exceeds the limit of 16 MiB at offset 0x"
                + Integer.toHexString(epb), big.getMessage());
        assertEquals(2, big.recordIndex()); // SHB 0, IDB 1, then the EPB
        CaptureException shb = readError(withLength(0, 0xFFFFFFF0, false));
        assertTrue(shb instanceof CaptureException.LimitExceeded, shb.toString());
        CaptureException trailer = readError(withLength(epb, 0x40, false));
        assertTrue(trailer instanceof CaptureException.Corrupt, trailer.toString());
    }

    @Test
    void trailerMismatch() throws Exception {
        byte[] f = small(false);
        int epb = epbOffset();
        ByteBuffer bb = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int len = bb.getInt(epb + 4);
        bb.putInt(epb + len - 4, len + 4);
        CaptureException e = readError(f);
        assertTrue(e instanceof CaptureException.Corrupt);
        assertTrue(e.getMessage().contains("trailer"), e.getMessage());
    }

    @Test
    void optionRunningPastTheBlock() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false, str(1, "abcdefgh"));
        byte[] f = b.toByteArray();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(24 + 2, (short) 12336);
        CaptureException e = readError(f);
        assertTrue(e instanceof CaptureException.Corrupt, e.toString());
        assertTrue(e.getMessage().contains("option 1 of length 12336"), e.getMessage());
    }

    @Test
    void interfaceIdOutOfRange() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false).idb(1, 0).epb(1, 0, DATA, 5);
        CaptureException e = readError(b.toByteArray());
        assertTrue(e instanceof CaptureException.Corrupt);
        assertTrue(e.getMessage().contains("interface 1"), e.getMessage());
        // interfaces of an earlier section do not count in a new one
        PcapngBuilder c = new PcapngBuilder();
        c.shb(false).idb(1, 0).shb(false).epb(0, 0, DATA, 5);
        assertTrue(readError(c.toByteArray()) instanceof CaptureException.Corrupt);
        PcapngBuilder d = new PcapngBuilder();
        d.shb(false).spb(5, DATA);
        assertTrue(readError(d.toByteArray()) instanceof CaptureException.Corrupt);
    }

    @Test
    void captureLengthBeyondTheBlock() throws Exception {
        PcapngBuilder b = new PcapngBuilder();
        b.shb(true).idb(1, 0).epbCap(0, 0, DATA, 9, 5);
        CaptureException e = readError(b.toByteArray());
        assertTrue(e instanceof CaptureException.Corrupt);
        assertTrue(e.getMessage().contains("captured length 9"), e.getMessage());
    }

    @Test
    void unsupportedVersions() throws Exception {
        for (int[] v : new int[][] {{0, 1}, {1, 1}, {2, 0}}) {
            byte[] f = new PcapngBuilder().shb(false, v[0], v[1]).idb(1, 0).toByteArray();
            CaptureException e = readError(f);
            assertTrue(e instanceof CaptureException.Unsupported, e.toString());
            assertTrue(e.getMessage().contains("unknown SHB version " + v[0] + "." + v[1]), e.getMessage());
        }
        // a later section of major version 2: stop there with a warning, like tshark
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false).idb(1, 0).epb(0, 1, DATA, 5).shb(false, 2, 0).idb(1, 0).epb(0, 2, DATA, 5);
        Pcapng.Result r = Pcapng.read(b.toByteArray());
        assertEquals(1, r.packets().size());
        assertEquals(1, r.sections.size());
        assertFalse(r.diagnostics.isEmpty());
        assertTrue(r.diagnostics.lines().get(0).contains("unsupported version 2.0"), r.diagnostics.lines().toString());
    }

    @Test
    void badMagicAndMissingShb() throws Exception {
        byte[] f = small(false);
        f[8] = 0;
        assertTrue(readError(f) instanceof CaptureException.Corrupt);
        byte[] noShb = new PcapngBuilder().idb(1, 0).toByteArray();
        assertTrue(readError(noShb) instanceof CaptureException.Corrupt);
        assertEquals(0, Pcapng.read(new byte[0]).records.size());
        // a 28-byte SHB-only file (pcapng.org bad/test001.ntar) reads as one empty section
        assertEquals(1, Pcapng.read(new PcapngBuilder().shb(false).toByteArray()).records.size());
        // odd lengths with a trailer at the padded end, as in the old .ntar files, are read
        PcapngBuilder b = new PcapngBuilder();
        b.shb(false).idb(1, 0).epb(0, 1, DATA, 5);
        byte[] g = b.toByteArray();
        ByteBuffer bb = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
        int epb = 28 + 20;
        int len = bb.getInt(epb + 4);
        bb.putInt(epb + 4, len - 2);
        bb.putInt(epb + len - 4, len - 2);
        Pcapng.Result r = Pcapng.read(g);
        assertEquals(1, r.packets().size());
        assertFalse(r.diagnostics.isEmpty());
    }
}
