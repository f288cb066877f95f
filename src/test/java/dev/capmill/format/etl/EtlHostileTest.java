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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    static final long T = EtlBuilder.REF_CLOCK;

    /** One event of each kind beyond plain packets, between two good packets. */
    static EtlBuilder eventsFile(boolean compressed, byte[] middle) {
        EtlBuilder e = new EtlBuilder();
        e.compressed = compressed;
        e.buffer(0).record(EtlBuilder.ndis(3, 3, EtlSyntheticTest.KW_ETH, T + 1, EtlBuilder.bytes(60, 1)));
        if (middle != null) {
            e.record(middle);
        }
        e.record(EtlBuilder.pktmon(160, 1, 3, 1, 5, 60, T + 3, EtlBuilder.bytes(60, 3)));
        return e;
    }

    static byte[] allEvents(boolean compressed) {
        EtlBuilder e = eventsFile(compressed, null);
        e.buffer(1)
                .record(EtlBuilder.vmswitch(true, 3, 3, 7, "Port", "NIC", "Synthetic", 2, EtlEventsTest.KW_VMSWITCH, T + 2, 5, 0, 1,
                        EtlBuilder.bytes(60, 2)))
                .record(EtlBuilder.wlanMetadata(8, 8, 48, T + 4, 1, 7, 5180, 1, -50, 10))
                .record(EtlBuilder.ndis(8, 8, 0x10000L | EtlSyntheticTest.KW_ETH, T + 5, EtlBuilder.bytes(40, 5)))
                .record(EtlBuilder.ras(5001, "{7B8E6F2A-1C3D-4E5F-8A9B-0C1D2E3F4A5B}", "u", T + 6, EtlBuilder.bytes(60, 6)))
                .record(EtlBuilder.pktmonComponent(5, "n", "d"))
                .record(EtlBuilder.pktmonAddress(65, 5, new byte[] {10, 0, 0, 1}))
                .record(EtlBuilder.pktmonAddress(66, 5, new byte[16]))
                .record(EtlBuilder.pktmonProperty(5, 6, new byte[6]));
        return e.build();
    }

    /** Sets a u32 of an event's user data. */
    static void putUser32(byte[] rec, int userOffset, long v) {
        putU32(rec, 0x50 + userOffset, v);
    }

    /** An event of each new kind whose sizes or counts run past its data. */
    static byte[] badEvent(String kind) {
        int names = 12 + EtlBuilder.utf16z("Port").length + EtlBuilder.utf16z("NIC").length
                + EtlBuilder.utf16z("Synthetic").length;
        byte[] vms = EtlBuilder.vmswitch(true, 3, 3, 7, "Port", "NIC", "Synthetic", 1, EtlEventsTest.KW_VMSWITCH, T + 2, 5, 0, 1,
                EtlBuilder.bytes(60, 2));
        switch (kind) {
            case "vmswitch-destinations":
                putUser32(vms, names, 0x10000000L);
                return vms;
            case "vmswitch-fragment":
                putUser32(vms, names + 4 + 8, 61 + 4 + 80);
                return vms;
            case "vmswitch-oob":
                putUser32(vms, names + 4 + 8 + 4 + 60, 81);
                return vms;
            case "vmswitch-names": {
                byte[] u = new byte[12 + 40];
                Arrays.fill(u, 12, u.length, (byte) 'A');
                return EtlBuilder.event(EtlConstants.NDIS_GUID_LO, EtlConstants.NDIS_GUID_HI, 1003, EtlEventsTest.KW_VMSWITCH,
                        T + 2, 4, 8, u);
            }
            case "metadata": {
                byte[] m = EtlBuilder.wlanMetadata(8, 8, 48, T + 2, 1, 7, 5180, 1, -50, 10);
                putUser32(m, 8, 49);
                return m;
            }
            case "mac": {
                byte[] m = EtlBuilder.pktmonProperty(5, 6, new byte[6]);
                putUser32(m, 4, 7);
                return m;
            }
            case "ipv4":
                return EtlBuilder.pktmonAddress(65, 5, new byte[3]);
            case "ipv6":
                return EtlBuilder.pktmonAddress(66, 5, new byte[15]);
            case "ras-fragment": {
                byte[] r = EtlBuilder.ras(5002, "{x}", "u", T + 2, EtlBuilder.bytes(60, 2));
                putUser32(r, EtlBuilder.utf16z("{x}").length + EtlBuilder.utf16z("u").length, 61);
                return r;
            }
            case "ras-names": {
                byte[] u = new byte[30];
                Arrays.fill(u, (byte) 'B');
                return EtlBuilder.event(EtlConstants.RAS_GUID_LO, EtlConstants.RAS_GUID_HI, 5002, 0, T + 2, 4, 8, u);
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vmswitch-destinations", "vmswitch-fragment", "vmswitch-oob", "vmswitch-names", "metadata", "mac",
        "ipv4", "ipv6", "ras-fragment", "ras-names"})
    void newEventsWhoseSizesRunPastTheirData(String kind) throws IOException {
        byte[] f = eventsFile(false, badEvent(kind)).build();
        CaptureException e = assertThrows(CaptureException.Corrupt.class, () -> count(f, false, null));
        assertTrue(e.getMessage().contains("past") || e.getMessage().contains("short") || e.getMessage().contains("ends"),
                e.getMessage());
        long[] skipped = new long[1];
        // lenient: that event is skipped and counted; the packets before and after it are kept
        assertEquals(2, count(f, true, skipped));
        assertEquals(1, skipped[0]);
    }

    @Test
    void allNewEventsTruncatedAnywhereOrDamagedAtRandom() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (boolean compressed : new boolean[] {false, true}) {
                byte[] f = allEvents(compressed);
                assertEquals(5, count(f, false, null));
                for (int len = 0; len < f.length; len += compressed ? 1 : 5) {
                    try {
                        count(Arrays.copyOf(f, len), false, null);
                    } catch (CaptureException expected) {
                        // fine
                    } catch (IOException | RuntimeException e) {
                        throw new AssertionError("cut at " + len + ": " + e, e);
                    }
                }
                Random rnd = new Random(1003);
                for (int i = 0; i < 2000; i++) {
                    byte[] m = f.clone();
                    for (int k = 1 + rnd.nextInt(6); k > 0; k--) {
                        int at = HEADER_BUFFER + rnd.nextInt(m.length - HEADER_BUFFER);
                        m[at] = (byte) rnd.nextInt(256);
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
