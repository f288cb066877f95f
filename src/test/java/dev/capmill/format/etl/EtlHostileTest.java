package dev.capmill.format.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.CaptureException;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged ETL files: a CaptureException or a counted skip, never another exception or a hang. */
class EtlHostileTest {
    static final int HEADER_BUFFER = 1024;

    static int count(byte[] f, boolean lenient, long[] skipped) throws IOException {
        ReadOptions o = new ReadOptions(ReadLimits.DEFAULT, lenient, new Diagnostics(), ZoneOffset.UTC, true);
        int n = 0;
        try (EtlReader r = new EtlReader(Input.of("bad.etl", f), o)) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                if (rec.isPacket()) {
                    n++;
                }
            }
            if (skipped != null) {
                skipped[0] = r.skipped();
            }
        }
        return n;
    }

    static byte[] file(boolean compressed) {
        return EtlSyntheticTest.mixed(compressed, true).build();
    }

    static void putU32(byte[] f, int at, long v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) v);
    }

    @Test
    void truncatedAnywhere() {
        for (boolean compressed : new boolean[] {false, true}) {
            byte[] f = file(compressed);
            java.util.Set<Integer> boundaries = new java.util.HashSet<>();
            for (int at = 0; at < f.length; at += ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getInt(at)) {
                boundaries.add(at);
            }
            for (int len = 0; len < f.length; len += compressed ? 1 : 7) {
                byte[] cut = Arrays.copyOf(f, len);
                try {
                    count(cut, false, null);
                    // only a cut between two buffers is a clean end
                    assertTrue(boundaries.contains(len) && len > 0, "no error for a file cut at " + len);
                } catch (CaptureException e) {
                    assertTrue(e instanceof CaptureException.Truncated || len < 0x68 + 0x118
                            || e instanceof CaptureException.Corrupt, e.toString());
                } catch (IOException | RuntimeException e) {
                    throw new AssertionError("cut at " + len + ": " + e, e);
                }
            }
        }
    }

    @Test
    void bufferSizeZeroOrBeyondTheFile() throws IOException {
        byte[] f = file(true);
        byte[] zero = f.clone();
        putU32(zero, HEADER_BUFFER, 0);
        assertThrows(CaptureException.Corrupt.class, () -> count(zero, false, null));
        byte[] big = f.clone();
        putU32(big, HEADER_BUFFER, f.length);
        assertThrows(CaptureException.Truncated.class, () -> count(big, false, null));
        byte[] huge = f.clone();
        putU32(huge, HEADER_BUFFER, 0xFFFFFFF0L);
        assertThrows(CaptureException.LimitExceeded.class, () -> count(huge, false, null));
        byte[] header = f.clone();
        putU32(header, 0, 0);
        assertThrows(CaptureException.class, () -> count(header, false, null));
    }

    @Test
    void compressedDataThatExpandsPastItsSize() throws IOException {
        byte[] f = file(true);
        byte[] small = f.clone();
        // declared uncompressed size (Offset, 0x30) made smaller than what the data expands to
        putU32(small, HEADER_BUFFER + 0x30, 0x48 + 100);
        CaptureException e = assertThrows(CaptureException.Corrupt.class, () -> count(small, false, null));
        assertTrue(e.getMessage().contains("expands past"), e.getMessage());
        long[] skipped = new long[1];
        // lenient: the buffer is skipped and counted, the other buffers are read
        count(small, true, skipped);
        assertEquals(1, skipped[0]);
        byte[] large = f.clone();
        putU32(large, HEADER_BUFFER + 0x30, 60_000_000L);
        assertThrows(CaptureException.Corrupt.class, () -> count(large, false, null));
    }

    @Test
    void recordRunningPastItsBuffer() throws IOException {
        byte[] f = file(false);
        // first record of the first data buffer: a SYSTEM_TRACE_HEADER whose Size is at +4
        byte[] bad = f.clone();
        bad[HEADER_BUFFER + 0x48 + 4] = (byte) 0xF0;
        bad[HEADER_BUFFER + 0x48 + 5] = (byte) 0xFF;
        assertThrows(CaptureException.Corrupt.class, () -> count(bad, false, null));
        long[] skipped = new long[1];
        // lenient: the rest of that buffer (all its packets) is skipped and counted once
        assertEquals(0, count(bad, true, skipped));
        assertEquals(1, skipped[0]);
        byte[] unknown = f.clone();
        unknown[HEADER_BUFFER + 0x48 + 3] = 0x10;
        assertThrows(CaptureException.Corrupt.class, () -> count(unknown, false, null));
    }

    @Test
    void randomDamageNeverEscapes() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(4);
            for (boolean compressed : new boolean[] {false, true}) {
                byte[] f = file(compressed);
                for (int i = 0; i < 3000; i++) {
                    byte[] m = f.clone();
                    int hits = 1 + rnd.nextInt(8);
                    for (int k = 0; k < hits; k++) {
                        int at = rnd.nextInt(m.length);
                        m[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (m[at] ^ (1 << rnd.nextInt(8)));
                    }
                    for (boolean lenient : new boolean[] {false, true}) {
                        try {
                            count(m, lenient, null);
                        } catch (CaptureException expected) {
                            // fine
                        } catch (IOException | RuntimeException e) {
                            throw new AssertionError("mutation " + i + (compressed ? " (compressed)" : "") + ": " + e, e);
                        }
                    }
                }
            }
        });
    }
}
