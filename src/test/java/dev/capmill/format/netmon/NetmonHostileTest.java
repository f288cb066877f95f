package dev.capmill.format.netmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Damaged and hostile NetMon files: always a CaptureException (or a counted skip), never another exception or a hang. */
class NetmonHostileTest {

    static NetmonBuilder small(int minor) {
        NetmonBuilder b = new NetmonBuilder().version(2, minor);
        b.add(0, 1, NetmonBuilder.payload(60, 1)).filetime = NetmonBuilder.filetime(1_000_000_000L, 0);
        NetmonBuilder.Frame f = b.add(7, minor >= 1 ? 2 : 1, NetmonBuilder.payload(40, 2));
        f.filetime = NetmonBuilder.filetime(1_000_000_001L, 0);
        f.commentTitle = "t";
        f.commentDesc = "d";
        b.add(9, minor >= 1 ? 0xFFFF : 1, NetmonBuilder.payload(30, 3)).filetime = NetmonBuilder.filetime(1_000_000_002L, 0);
        b.processes.add(new Object[] {7, "p.exe"});
        return b;
    }

    /** Reads everything; returns the packets, or the CaptureException thrown. Any other throwable fails the test. */
    static Object readOrError(byte[] file, boolean lenient) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            ReadOptions o = new ReadOptions(ReadLimits.DEFAULT, lenient, new Diagnostics());
            try (NetmonReader r = new NetmonReader(Input.of("h.cap", file), o)) {
                PacketRecord rec = new PacketRecord();
                int n = 0;
                while (r.next(rec)) {
                    if (rec.isPacket()) {
                        n++;
                    }
                }
                return (Object) n;
            } catch (CaptureException e) {
                assertTrue(e.getMessage().startsWith("netmon: ") || e instanceof CaptureException.UnknownFormat, e.getMessage());
                return e;
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("not a CaptureException: " + e, e);
            }
        });
    }

    @Test
    void truncatedAtEveryByte() {
        for (int minor = 0; minor <= 3; minor++) {
            byte[] whole = small(minor).build();
            ByteBuffer bb = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
            int tableEnd = bb.getInt(24) + bb.getInt(28);
            for (int n = 0; n < whole.length; n++) {
                Object r = readOrError(Arrays.copyOf(whole, n), false);
                if (n < tableEnd || minor >= 2) {
                    // the frame table (and from 2.2 the comment and process tables) come last:
                    // a cut loses them, and the open says so
                    assertTrue(r instanceof CaptureException, "minor " + minor + ", " + n + " bytes: read " + r);
                } else {
                    // before 2.2 the tables are not read; from 2.1 the third frame is a filter frame (a block)
                    assertEquals(minor >= 1 ? 2 : 3, r, "minor " + minor + ", " + n + " bytes");
                }
            }
            assertTrue(readOrError(whole, false) instanceof Integer);
        }
    }

    @Test
    void everyByteOverwrittenNeverCrashes() {
        byte[] whole = small(3).build();
        for (int i = 0; i < whole.length; i++) {
            for (int v : new int[] {0x00, 0xFF, 0x80}) {
                byte[] f = whole.clone();
                f[i] = (byte) v;
                readOrError(f, false);
                readOrError(f, true);
            }
        }
    }

    static byte[] patch(byte[] file, int at, long value) {
        byte[] f = file.clone();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) value);
        return f;
    }

    static int tableOffset(byte[] f) {
        return ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getInt(24);
    }

    @Test
    void frameTableEntryBeyondTheEndOrIntoTheHeader() {
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        b.add(0, 1, NetmonBuilder.payload(60, 2));
        byte[] ok = b.build();
        int t = tableOffset(ok);
        byte[] beyond = patch(ok, t + 4, 0xFFFFFFF0L);
        CaptureException e = (CaptureException) readOrError(beyond, false);
        assertTrue(e instanceof CaptureException.Truncated, e.toString());
        assertTrue(e.getMessage().contains("frame 2 is past the end of the file"), e.getMessage());
        assertEquals(1, readOrError(beyond, true));

        byte[] header = patch(ok, t, 16);
        CaptureException h = (CaptureException) readOrError(header, false);
        assertTrue(h instanceof CaptureException.Corrupt, h.toString());
        assertTrue(h.getMessage().contains("points into the file header"), h.getMessage());
        assertEquals(1, readOrError(header, true));
    }

    @Test
    void frameLengthOverTheLimit() {
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        byte[] ok = b.build();
        byte[] big = patch(ok, 128 + 12, 262_145);
        CaptureException e = (CaptureException) readOrError(big, false);
        assertTrue(e instanceof CaptureException.LimitExceeded, e.toString());
        assertTrue(e.getMessage().contains("262145-byte packet, bigger than maximum of 262144"), e.getMessage());
        byte[] huge = patch(ok, 128 + 12, 0xFFFFFFFFL);
        assertTrue(readOrError(huge, false) instanceof CaptureException.LimitExceeded);
        // within the limit but past the end of the file
        byte[] past = patch(ok, 128 + 12, 200_000);
        assertTrue(readOrError(past, false) instanceof CaptureException.Truncated);
    }

    @Test
    void hugeOrOddTableSizesAreRefusedBeforeAnythingIsAllocated() {
        byte[] ok = small(0).build();
        assertTrue(readOrError(patch(ok, 28, 0xFFFFFFFCL), false) instanceof CaptureException.LimitExceeded);
        assertTrue(readOrError(patch(ok, 28, 0x7FFFFFF0L), false) instanceof CaptureException.Truncated);
        CaptureException odd = (CaptureException) readOrError(patch(ok, 28, 10), false);
        assertTrue(odd.getMessage().contains("not a multiple"), odd.getMessage());
        CaptureException zero = (CaptureException) readOrError(patch(ok, 28, 0), false);
        assertTrue(zero.getMessage().contains("less than one entry"), zero.getMessage());
        assertTrue(readOrError(patch(ok, 24, 0xFFFFFFF0L), false) instanceof CaptureException.Truncated);
    }

    @Test
    void hostileCommentAndProcessTables() {
        byte[] ok = small(2).build();
        ByteBuffer bb = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN);
        int commentOffset = bb.getInt(40);
        assertTrue(readOrError(patch(ok, 44, 0xFFFFFFFFL), false) instanceof CaptureException.LimitExceeded);
        assertTrue(readOrError(patch(ok, 44, 5), false) instanceof CaptureException.Corrupt);
        assertTrue(readOrError(patch(ok, 40, 0xFFFFFF00L), false) instanceof CaptureException.Corrupt);
        CaptureException title = (CaptureException) readOrError(patch(ok, commentOffset + 8, 0x7FFFFFFF), false);
        assertTrue(title.getMessage().contains("comment title size"), title.getMessage());
        CaptureException zero = (CaptureException) readOrError(patch(ok, commentOffset + 8, 0), false);
        assertTrue(zero.getMessage().contains("can't be 0"), zero.getMessage());
        assertTrue(readOrError(patch(ok, 52, 0xFFFFFFFFL), false) instanceof CaptureException.LimitExceeded);
        assertTrue(readOrError(patch(ok, 52, 1000), false) instanceof CaptureException.Truncated);
        int processOffset = bb.getInt(48);
        assertTrue(readOrError(patch(ok, processOffset + 2, 0x10000000), false) instanceof CaptureException.Corrupt);
    }

    @Test
    void badHeaders() {
        byte[] ok = small(0).build();
        byte[] v3 = ok.clone();
        v3[5] = 3;
        CaptureException e = (CaptureException) readOrError(v3, false);
        assertTrue(e.getMessage().contains("major version 3 unsupported"), e.getMessage());
        byte[] m5 = ok.clone();
        m5[6] = 5;
        CaptureException m = (CaptureException) readOrError(m5, false);
        assertTrue(m instanceof CaptureException.Unsupported);
        assertTrue(m.getMessage().contains("network type 5 unknown or unsupported"), m.getMessage());
        assertThrows(CaptureException.class, () -> new NetmonReader(Input.of("e", new byte[0]), ReadOptions.defaults()));
    }

    @Test
    void aLoopInTheFrameTableEndsWithTheTable() {
        // every entry names the same record: the reader reads it that many times, then stops
        NetmonBuilder b = new NetmonBuilder().version(2, 0);
        b.add(0, 1, NetmonBuilder.payload(60, 1));
        for (int i = 0; i < 99; i++) {
            b.extraEntries.add(128L);
        }
        Object r = readOrError(b.build(), false);
        if (!(r instanceof Integer) || (Integer) r != 100) {
            fail("expected 100 packets, got " + r);
        }
    }
}
