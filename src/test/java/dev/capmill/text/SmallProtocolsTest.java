package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.B;
import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.hex;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** AoE, IS-IS and PFCP summaries ({@link SmallProtocols}), as tshark 4.0 writes them. */
class SmallProtocolsTest {
    final Summarizer s = new Summarizer();
    long frame;

    String line(byte[] f) {
        s.summarize(f, 0, f.length, 1, ++frame);
        return s.protocol + " " + s.infoText();
    }

    /** The first {@code captured} bytes of {@code f}, which claims all of its length. */
    String cut(byte[] f, int captured) {
        s.summarize(f, 0, captured, f.length, 1, ++frame, 0);
        return s.protocol + " " + s.infoText();
    }

    // ---- AoE

    static byte[] aoe(int flags, int cmd, int tag, int ataCmd) {
        return hex(String.format("%02x%02x000102%02x%08x40000a%02x000000000000", 0x10 | flags, 0, cmd,
                Integer.reverseBytes(tag), ataCmd));
    }

    @Test
    void aoeRequestNamesItsAtaCommandAndTheResponseTakesItByTag() {
        assertEquals("AoE Issue ATA Command Request ATA:Read ext", line(eth(0x88a2, aoe(0, 0, 7, 0x24))));
        assertEquals("AoE Issue ATA Command Request ATA:Identify Device", line(eth(0x88a2, aoe(0, 0, 8, 0xec))));
        assertEquals("AoE Issue ATA Command Response ATA:Identify Device", line(eth(0x88a2, aoe(8, 0, 8, 0x50))));
        assertEquals("AoE Issue ATA Command Response ATA:Read ext", line(eth(0x88a2, aoe(8, 0, 7, 0x50))));
        // matched once only
        assertEquals("AoE Issue ATA Command Response", line(eth(0x88a2, aoe(8, 0, 7, 0x50))));
        assertEquals("AoE Issue ATA Command Request ATA: Unknown ATA<0x07>", line(eth(0x88a2, aoe(0, 0, 9, 0x07))));
    }

    @Test
    void aoeConfigQueryErrorsVersionsAndUnknownCommands() {
        assertEquals("AoE Query Config Information Request", line(eth(0x88a2, aoe(0, 1, 1, 0))));
        assertEquals("AoE Unknown command<3> Response", line(eth(0x88a2, aoe(8, 3, 1, 0))));
        byte[] err = aoe(0x0c, 1, 1, 0);
        err[1] = 3;
        assertEquals("AoE Error:Device unavailable Query Config Information Response", line(eth(0x88a2, err)));
        byte[] v0 = aoe(0, 1, 1, 0);
        v0[0] = 0;
        assertEquals("AoE ", line(eth(0x88a2, v0)));
    }

    @Test
    void aoeCutFramesAreMarked() {
        byte[] f = cat(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, (byte) 0x88, (byte) 0xa2}, aoe(0, 0, 5, 0x24));
        // cut by the capture inside the LBA
        assertEquals("AoE Issue ATA Command Request ATA:Read ext[Packet size limited during capture]", cut(f, 14 + 16));
        // the frame itself ends there
        assertEquals("AoE Issue ATA Command Request ATA:Read ext[Malformed Packet]",
                line(Arrays.copyOf(f, 14 + 16)));
        assertEquals("AoE [Malformed Packet]", line(Arrays.copyOf(f, 15)));
    }

    // ---- IS-IS over 802.3/LLC

    static byte[] llcFrame(byte[] pdu) {
        byte[] llc = cat(new byte[] {(byte) 0xfe, (byte) 0xfe, 3}, pdu);
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + llc.length));
        b.put(hex("0180c2000015")).put(hex("020000000001")).putShort((short) llc.length).put(llc);
        return b.array();
    }

    static final byte[] LAN_HELLO = hex("831b010010010000"   // NLPID, header 27, version, id len, L2 hello, version 2, reserved, max areas
            + "02" + "000000000002" + "001e" + "0022" + "40" + "00000000000201"   // circuit, source, hold, PDU length 34, priority, LAN ID
            + "0805" + "0000000000");   // padding CLV
    static final byte[] LSP = hex("831b010014010000" + "0000" + "04b0" + "1111111111110000" + "00000007" + "0000" + "01");

    @Test
    void isisHelloLspAndSnps() {
        assertEquals("ISIS HELLO L2 HELLO, System-ID: 0000.0000.0002", line(llcFrame(LAN_HELLO)));
        byte[] lsp = LSP.clone();
        lsp[8] = 0;
        lsp[9] = 27;
        assertEquals("ISIS LSP L2 LSP, LSP-ID: 1111.1111.1111.00-00, Sequence: 0x00000007, Lifetime:  1200s"
                + " [ISIS CHECKSUM INCORRECT]", line(llcFrame(withChecksum(lsp, 0x1234))));
        assertEquals("ISIS LSP L2 LSP, LSP-ID: 1111.1111.1111.00-00, Sequence: 0x00000007, Lifetime:  1200s",
                line(llcFrame(withChecksum(lsp, fletcher(lsp)))));
        byte[] csnp = hex("8321010018010000" + "0021" + "22222222222200" + "0000000000000000" + "ffffffffffffffff");
        assertEquals("ISIS CSNP L1 CSNP, Source-ID: 2222.2222.2222.00, Start LSP-ID: 0000.0000.0000.00-00,"
                + " End LSP-ID: ffff.ffff.ffff.ff-ff", line(llcFrame(csnp)));
        byte[] psnp = hex("831101001b010000" + "0011" + "88888888888800");
        assertEquals("ISIS PSNP L2 PSNP, Source-ID: 8888.8888.8888.00", line(llcFrame(psnp)));
        // another NLPID (CLNP) stays LLC
        byte[] clnp = LAN_HELLO.clone();
        clnp[0] = (byte) 0x81;
        assertEquals("LLC", line(llcFrame(clnp)).substring(0, 3));
    }

    static byte[] withChecksum(byte[] lsp, int checksum) {
        byte[] c = lsp.clone();
        c[24] = (byte) (checksum >> 8);
        c[25] = (byte) checksum;
        return c;
    }

    /** The ISO 8473 checksum of the LSP from its ID on, for the field at byte 24. */
    static int fletcher(byte[] lsp) {
        byte[] z = withChecksum(lsp, 0);
        int c0 = 0;
        int c1 = 0;
        for (int i = 12; i < z.length; i++) {
            c0 = (c0 + (z[i] & 0xff)) % 255;
            c1 = (c1 + c0) % 255;
        }
        int n = z.length - 12;
        int pos = 24 - 12 + 1; // 1-based position of the first checksum byte
        int x = ((n - pos) * c0 - c1) % 255;
        if (x <= 0) {
            x += 255;
        }
        int y = (510 - c0 - x) % 255;
        if (y <= 0) {
            y += 255;
        }
        return x << 8 | y;
    }

    @Test
    void isisCutFramesAreMarked() {
        byte[] f = llcFrame(LAN_HELLO);
        // cut inside the system ID: the common header's text stays, marked
        assertEquals("ISIS HELLO L2 HELLO[Packet size limited during capture]", cut(f, 14 + 3 + 12));
        // cut inside the common header
        assertEquals("ISIS [Packet size limited during capture]", cut(f, 14 + 3 + 3));
        // the 802.3 length ends the PDU inside its header
        byte[] shortLen = f.clone();
        shortLen[13] = (byte) (3 + 12);
        assertEquals("ISIS HELLO L2 HELLO[Malformed Packet]", line(shortLen));
    }

    // ---- PFCP

    @Test
    void pfcpNamesItsMessageType() {
        byte[] heartbeat = hex("2001000c" + "00000100" + "006000040000abcd");
        assertEquals("PFCP PFCP Heartbeat Request", line(eth(0x0800, ip4(A, B, 17, udp(8805, 8805, heartbeat)))));
        byte[] session = hex("2132000c" + "0000000000000001" + "00000200");
        assertEquals("PFCP PFCP Session Establishment Request",
                line(eth(0x0800, ip4(A, B, 17, udp(40000, 8805, session)))));
        byte[] unknown = hex("20c80004" + "00000300");
        assertEquals("PFCP Unknown", line(eth(0x0800, ip4(A, B, 17, udp(8805, 40000, unknown)))));
    }

    @Test
    void pfcpCutDatagramsAreMarked() {
        byte[] heartbeat = hex("2001000c" + "00000100" + "006000040000abcd");
        byte[] f = eth(0x0800, ip4(A, B, 17, udp(8805, 8805, heartbeat)));
        int end = 14 + 20 + 8 + heartbeat.length;
        assertEquals("PFCP PFCP Heartbeat Request[Packet size limited during capture]", cut(Arrays.copyOf(f, end), end - 2));
        // an IE whose length passes the datagram's end
        byte[] longIe = hex("2001000c" + "00000100" + "006000080000abcd");
        assertEquals("PFCP PFCP Heartbeat Request[Malformed Packet]",
                line(eth(0x0800, ip4(A, B, 17, udp(8805, 8805, longIe)))));
        assertEquals("PFCP [Packet size limited during capture]", cut(Arrays.copyOf(f, end), 14 + 20 + 8 + 1));
    }
}
