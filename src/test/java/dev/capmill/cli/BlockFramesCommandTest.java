package dev.capmill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.testing.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcapng custom blocks are frames of their own in the text outputs, numbered and timed as tshark 4.0
 * does (testdata/pcap/custom-blocks: made by its make.py, goldens by tshark 4.0.17), but not when
 * packets are selected.
 */
class BlockFramesCommandTest {
    static final Path DIR = Shared.projectDir().resolve("testdata/pcap/custom-blocks");
    static final Path CAPTURE = DIR.resolve("custom-blocks.pcapng");

    static String golden(String name) throws Exception {
        return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    }

    /** Runs {@code capmill convert CAPTURE -o DIR/out.FORMAT ARGS} and returns what it wrote. */
    static String convert(Path dir, String format, String... args) throws Exception {
        Path out = dir.resolve("out." + format);
        String[] all = new String[4 + args.length];
        all[0] = "convert";
        all[1] = CAPTURE.toString();
        all[2] = "-o";
        all[3] = out.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        Cli c = Cli.run(all);
        assertEquals(0, c.exit, c::toString);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void textNumbersCustomBlocksAsTsharkDoes(@TempDir Path dir) throws Exception {
        assertEquals(golden("custom-blocks.pcapng.tshark-n.txt"), convert(dir, "txt"));
    }

    /** A delta after a block is from the frame before the block; after a simple packet block, from 0. */
    @Test
    void deltasAcrossBlocksAreTsharks(@TempDir Path dir) throws Exception {
        assertEquals(golden("custom-blocks.pcapng.tshark-n-td.txt"), convert(dir, "txt", "-t", "d"));
    }

    @Test
    void tsvRowsOfBlocksHaveLengthsButNoTimes(@TempDir Path dir) throws Exception {
        assertEquals(golden("custom-blocks.pcapng.tshark-fields.tsv"), convert(dir, "tsv", "-e", "frame.number", "-e",
                "frame.time_epoch", "-e", "frame.time_relative", "-e", "frame.time_delta", "-e", "frame.len", "-e",
                "frame.cap_len", "-e", "frame.interface_id", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"));
    }

    /** With a filter only the chosen packets get lines, numbered from 1 as capmill numbers them. */
    @Test
    void selectedPacketsHaveNoBlockLines(@TempDir Path dir) throws Exception {
        String f = convert(dir, "txt", "--filter", "udp port 40001");
        assertEquals(1, f.lines().count(), f);
        assertTrue(f.startsWith("    1 "), f);
        assertTrue(f.contains("40001 → 9 Len=7"), f);
        String r = convert(dir, "txt", "--packets", "1-2");
        assertFalse(r.contains("PCAPNG"), r);
        assertEquals(2, r.lines().count(), r);
    }
}
