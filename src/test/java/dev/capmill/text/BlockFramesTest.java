package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.io.Output;
import dev.capmill.model.Bytes;
import dev.capmill.model.PacketRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * NetMon's frames without a LINKTYPE, which the NetMon reader hands on as custom blocks of PEN 311
 * with a time, get tshark's packet-netmon.c lines (the corpus's synthetic NetMon 2.2 capture holds
 * one event and one filter; tshark 4.0.17 printed them as asserted here); custom blocks too short or
 * damaged never stop the output.
 */
class BlockFramesTest {
    static final CaptureMetadata NONE = CaptureMetadata.of(List.of(), List.of());

    /** A NetMon frame of {@code media} as the NetMon reader returns it: PEN 311, media, 0, length, frame. */
    static PacketRecord netmon(int media, byte[] frame) {
        byte[] b = new byte[12 + frame.length];
        Bytes.putI32LE(b, 0, 311);
        Bytes.putI16LE(b, 4, media);
        Bytes.putI32LE(b, 8, frame.length);
        System.arraycopy(frame, 0, b, 12, frame.length);
        PacketRecord r = new PacketRecord();
        r.reset(PacketRecord.Kind.BLOCK).setBlockType(BlockFrames.CUSTOM);
        r.setData(b, 0, b.length).setOriginalLength(frame.length);
        r.setTime(1_102_274_184L, 5_000_000);
        return r;
    }

    static String text(PacketRecord... records) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Output out = new Output(bytes)) {
            TextWriter w = new TextWriter(out, NONE);
            for (PacketRecord r : records) {
                w.write(r);
            }
            w.finish();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static byte[] utf16z(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_16LE);
    }

    @Test
    void netmonEventShowsThreadProcessAndProvider() throws Exception {
        byte[] e = new byte[93];
        Bytes.putI32LE(e, 8, 1234);
        Bytes.putI32LE(e, 12, -5);   // tshark prints the ids with %d
        for (int i = 0; i < 16; i++) {
            e[24 + i] = (byte) i;
        }
        assertEquals("    1   0.000000              →              NetMon Event 93 Thread ID: 1234, Process ID: -5, "
                + "Provider ID: 03020100-0504-0706-0809-0a0b0c0d0e0f\n", text(netmon(0xFFE0, e)));
    }

    @Test
    void netmonFilterShowsTheFilterAfterTheApplicationName() throws Exception {
        byte[] head = new byte[14];
        byte[] app = utf16z("Network Monitor");
        byte[] filter = utf16z("tcp.port == 80");
        byte[] f = new byte[head.length + app.length + filter.length];
        System.arraycopy(app, 0, f, 14, app.length);
        System.arraycopy(filter, 0, f, 14 + app.length, filter.length);
        assertEquals("    1   0.000000              →              NetMon Filter " + f.length
                + " Filter: tcp.port == 80\n", text(netmon(0xFFFF, f)));
    }

    @Test
    void netmonNetworkInfoCountsAdapters() throws Exception {
        byte[] f = {0, 1, 0, 2, 0, 0};
        assertEquals("    1   0.000000              →              NetMon Network Info 6 Adapter count: 2\n",
                text(netmon(0xFFFB, f)));
    }

    /** Truncated NetMon frames and custom blocks of every short size write a line each and never throw. */
    @Test
    void shortAndRandomBlocksNeverStopTheOutput() throws Exception {
        Random rnd = new Random(5);
        for (int media : new int[] {0xFFE0, 0xFFFF, 0xFFFB, 6}) {
            for (int n = 0; n < 60; n++) {
                byte[] f = new byte[n];
                rnd.nextBytes(f);
                assertEquals(1, text(netmon(media, f)).lines().count());
            }
        }
        for (int n = 0; n < 12; n++) {
            byte[] b = new byte[n];
            rnd.nextBytes(b);
            PacketRecord r = new PacketRecord();
            r.reset(PacketRecord.Kind.BLOCK).setBlockType(BlockFrames.CUSTOM_NO_COPY);
            r.setData(b, 0, n);
            // a custom block needs its PEN: shorter ones are no frames
            assertEquals(n < 4 ? 0 : 1, text(r).lines().count());
        }
    }
}
