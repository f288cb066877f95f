package dev.capmill.text;

import dev.capmill.testing.Shared;
import org.junit.jupiter.api.Test;

/** 802.11 against tshark 4.0.17's answer for crafted frames (testdata/pcap/wlan-edges: make.py and golden). */
class WlanEdgesTest {
    /**
     * A control frame's addresses are read from the whole frame, FCS bytes included; Mesh ID
     * elements add ", MESHID=" when not empty; a header cut by the snap length is "[Packet size
     * limited during capture]", one cut short "[Malformed Packet]".
     */
    @Test
    void headersFcsAndMeshIds() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/wlan-edges/wlan-edges.pcap"));
    }
}
