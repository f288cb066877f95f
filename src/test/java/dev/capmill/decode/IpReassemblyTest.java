package dev.capmill.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IpReassemblyTest {
    static byte[] data(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 7 + 3);
        }
        return d;
    }

    static byte[] result(IpReassembly r) {
        return Arrays.copyOfRange(r.buffer(), IpReassembly.PREFIX, IpReassembly.PREFIX + r.length());
    }

    @Test
    void completesInAnyOrderOnceEveryByteBeforeTheLastFragmentsEndIsThere() {
        byte[] d = data(1500);
        IpReassembly r = new IpReassembly();
        assertFalse(r.add(1, d, 1000, 500, 1000, false));
        assertFalse(r.add(1, d, 0, 600, 0, true));
        // overlapping the first one
        assertTrue(r.add(1, d, 400, 600, 400, true));
        assertArrayEquals(d, result(r));
        assertEquals(0, r.inProgress(), "a completed datagram leaves the table");
    }

    @Test
    void aFragmentSeenAgainAfterCompletionStartsANewDatagram() {
        byte[] d = data(100);
        IpReassembly r = new IpReassembly();
        assertFalse(r.add(9, d, 0, 48, 0, true));
        assertTrue(r.add(9, d, 48, 52, 48, false));
        assertFalse(r.add(9, d, 48, 52, 48, false), "the first part is missing again");
        assertEquals(1, r.inProgress());
    }

    @Test
    void keysKeepDatagramsApart() {
        byte[] d = data(64);
        IpReassembly r = new IpReassembly();
        assertFalse(r.add(1, d, 0, 32, 0, true));
        assertFalse(r.add(2, d, 32, 32, 32, false));
        assertTrue(r.add(1, d, 32, 32, 32, false));
        assertArrayEquals(d, result(r));
    }

    @Test
    void theTableIsBoundedAndDropsTheLeastRecentlyTouchedDatagram() {
        byte[] d = data(64);
        IpReassembly r = new IpReassembly(8);
        for (long k = 1; k <= 100; k++) {
            r.add(k, d, 0, 32, 0, true);
            assertTrue(r.inProgress() <= 8);
        }
        assertFalse(r.add(1, d, 32, 32, 32, false), "datagram 1 was dropped long ago");
        assertTrue(r.add(100, d, 32, 32, 32, false), "the newest is still there");
    }

    @Test
    void datagramsBeyondTheLimitsAreDropped() {
        byte[] d = data(2000);
        IpReassembly r = new IpReassembly();
        assertFalse(r.add(5, d, 0, 1000, 0, true));
        assertFalse(r.add(5, d, 0, 1000, IpReassembly.MAX_DATAGRAM - 10, false));
        assertEquals(0, r.inProgress());
        for (int i = 0; i < IpReassembly.MAX_FRAGMENTS + 5; i++) {
            r.add(6, d, 0, 8, 8 * i + 8, true);
        }
        assertTrue(r.inProgress() <= 1);
        assertFalse(r.add(6, d, 0, 8, 0, false));
    }

    @Test
    void keysDependOnAddressesIdentificationAndProtocol() {
        byte[] b = {10, 0, 0, 1, 10, 0, 0, 2};
        long k = IpReassembly.key(b, 0, 4, 4, 0x1234, 17, 0);
        assertEquals(k, IpReassembly.key(b, 0, 4, 4, 0x1234, 17, 0));
        assertTrue(k != IpReassembly.key(b, 4, 0, 4, 0x1234, 17, 0));
        assertTrue(k != IpReassembly.key(b, 0, 4, 4, 0x1235, 17, 0));
        assertTrue(k != IpReassembly.key(b, 0, 4, 4, 0x1234, 6, 0));
        assertTrue(k != IpReassembly.key(b, 0, 4, 4, 0x1234, 17, 5));
    }
}
