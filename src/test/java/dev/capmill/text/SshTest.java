package dev.capmill.text;

import dev.capmill.testing.Shared;
import org.junit.jupiter.api.Test;

/**
 * SSH on TCP port 22 against tshark 4.0.17: crafted conversations in testdata/pcap/ssh (made by
 * its make.py; goldens by {@code TZ=UTC tshark -n -r ssh-N.pcap}).
 */
class SshTest {
    private static void same(String name) throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/ssh/" + name));
    }

    /** Banners, Key Exchange Init after a banner, ECDH, a reply split in two, New Keys, keyless decryption, a short read. */
    @Test
    void ecdhExchangeThenKeylessDecryption() throws Exception {
        same("ssh-1.pcap");
    }

    /** Garbage before a banner, a banner without line feed, malformed Key Exchange Init, several messages, a reassembled header. */
    @Test
    void garbageShortAndMultiMessageSegments() throws Exception {
        same("ssh-2.pcap");
    }

    /** Group exchange, reply and New Keys in one segment, then "Encrypted packet (len=N)". */
    @Test
    void groupExchangeThenEncryptedPackets() throws Exception {
        same("ssh-3.pcap");
    }
}
