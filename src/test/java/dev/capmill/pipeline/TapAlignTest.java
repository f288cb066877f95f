package dev.capmill.pipeline;

import static dev.capmill.testing.Frames.MAC_A;
import static dev.capmill.testing.Frames.MAC_B;
import static dev.capmill.testing.Frames.MAC_C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Frames;
import java.io.IOException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class TapAlignTest {
    static final long T0 = 1_709_294_400_500_000_000L;
    static final long US = 1_000L;

    /** Packet {@code i} of a flow of UDP datagrams as seen {@code hops} routers further. */
    static byte[] udpPacket(int i, int hops) {
        byte[] ip = Frames.ipv4(64 - hops, i & 0xffff, 17, Frames.udp(5000 + (i >>> 16), 53, Frames.bytes(i, 40 + i % 50)));
        return hops == 0 ? Frames.eth(MAC_B, MAC_A, -1, 0x0800, ip) : Frames.eth(MAC_C, MAC_B, 10, 0x0800, ip);
    }

    /** Jitter of 0..39 µs, the same for a packet whoever asks. */
    static long jitter(int i) {
        return (long) Math.floorMod(i * 2654435761L, 40) * US;
    }

    /** The second point: 180 µs + jitter later, one packet in 500 missed, its clock {@code clock} ahead. */
    static FrameSource tapB(int n, int first, long clock) {
        IntFunction<Integer> idx = k -> first + k + (first + k) / 499; // skips every 500th packet
        return new FrameSource(n, k -> udpPacket(idx.apply(k), 1),
                k -> T0 + idx.apply(k) * 10 * US + 180 * US + jitter(idx.apply(k)) + clock);
    }

    static FrameSource tapA(int n) {
        return new FrameSource(n, i -> udpPacket(i, 0), i -> T0 + i * 10 * US);
    }

    @Test
    void aConsistentSampleOfManyPacketsFindsTheOffsetWithBoundedKeys() {
        TapAlign ta = new TapAlign(1_000_000);
        TapAlign.Measure ref = ta.reference("a", tapA(300_000));
        assertEquals(300_000, ref.sampled());
        assertNull(ref.problem());
        assertTrue(ta.referenceKeys() <= TapAlign.MAX_KEYS, "" + ta.referenceKeys());
        assertEquals(2, ta.level()); // 300,000 keys: a quarter kept
        long clock = -2_500_000_000L;
        TapAlign.Measure m = ta.measure("b", tapB(290_000, 0, clock));
        assertTrue(m.estimated());
        assertEquals(290_000, m.sampled());
        // about a quarter of the packets seen at both points are sampled at both
        assertTrue(m.matched() > 290_000 / 4 * 0.95 && m.matched() < 290_000 / 4 * 1.05, "" + m);
        assertEquals(0, m.outliers());
        assertEquals(-(clock + 180 * US), m.offsetNanos());
    }

    @Test
    void aSecondPointThatStartedLaterStillMatchesTheEndOfTheReferencesSample() {
        TapAlign ta = new TapAlign(200_000);
        ta.reference("a", tapA(400_000));
        TapAlign.Measure m = ta.measure("b", tapB(100_000, 150_000, 3_600_000_000_000L));
        assertTrue(m.estimated(), "" + m);
        assertEquals(-(3_600_000_000_000L + 180 * US), m.offsetNanos());
    }

    @Test
    void packetsRepeatedWithinOneInputAreAmbiguousAndNotUsed() {
        byte[] arp = Frames.eth(MAC_B, MAC_A, -1, 0x0806,
                Frames.arp(1, MAC_A, Frames.IP_1, new byte[6], Frames.IP_2));
        // every 10th packet is the same ARP request; the others are distinct
        IntFunction<byte[]> a = i -> i % 10 == 0 ? arp : udpPacket(i, 0);
        IntFunction<byte[]> b = i -> i % 10 == 0 ? arp : udpPacket(i, 1);
        TapAlign ta = new TapAlign(1000);
        ta.reference("a", new FrameSource(1000, a, i -> T0 + i * 10 * US));
        TapAlign.Measure m = ta.measure("b", new FrameSource(1000, b, i -> T0 + i * 10 * US + 50 * US));
        assertEquals(900, m.matched() + m.outliers());
        assertEquals(-50 * US, m.offsetNanos());
        // the same in the other input only: the reference's copy is unique, the other's is not
        TapAlign.Measure twice = ta.measure("c", new FrameSource(2, i -> udpPacket(1, 1), i -> T0 + i));
        assertEquals(0, twice.matched());
    }

    @Test
    void unrelatedInputsHaveTooFewMatches() {
        TapAlign ta = new TapAlign(10_000);
        ta.reference("a", tapA(5_000));
        TapAlign.Measure m = ta.measure("b", new FrameSource(5_000, i -> udpPacket(i + 100_000, 1), i -> T0 + i));
        assertFalse(m.estimated());
        assertEquals(0, m.matched());
        TapAlign.Measure few = ta.measure("c", tapB(TapAlign.MIN_MATCHES - 1, 0, 0));
        assertFalse(few.estimated());
        assertEquals(TapAlign.MIN_MATCHES - 1, few.matched());
    }

    @Test
    void aReadErrorEndsTheSampleAndIsReported() {
        TapAlign ta = new TapAlign(10_000);
        ta.reference("a", tapA(5_000));
        FrameSource b = tapB(5_000, 0, 7 * US);
        RecordSource failing = new StageSource(b) {
            @Override
            public boolean next(PacketRecord into) throws IOException {
                if (b.position() == 2_000) {
                    throw new IOException("pcap: record length 2147483647 at offset 0x1234 exceeds the limit");
                }
                return upstream.next(into);
            }
        };
        TapAlign.Measure m = ta.measure("b", failing);
        assertNotNull(m.problem());
        assertTrue(m.problem().contains("0x1234"), m.problem());
        assertEquals(2_000, m.sampled());
        assertTrue(m.estimated());
        assertEquals(-(7 * US + 180 * US), m.offsetNanos());
        assertTrue(b.closed);
    }

    @Test
    void framesWithoutKeysOrTimesAreSkipped() {
        TapAlign ta = new TapAlign(1_000);
        // an interface id with no interface, and 802.11 frames: read, not keyed
        TapAlign.Measure r = ta.reference("a", new FrameSource(100, i -> udpPacket(i, 0), i -> T0 + i, i -> i % 2 == 0 ? 5 : 0, 105));
        assertEquals(100, r.sampled());
        assertEquals(0, ta.referenceKeys());
    }
}
