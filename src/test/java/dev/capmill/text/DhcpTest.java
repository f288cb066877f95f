package dev.capmill.text;

import dev.capmill.testing.Shared;
import org.junit.jupiter.api.Test;

/** BOOTP and DHCP against tshark 4.0.17's answers for crafted captures (the folder's make.py and golden). */
class DhcpTest {
    /**
     * testdata/pcap/bootp: without the magic cookie the 64-byte vendor area is read whole (shorter is
     * malformed, or cut by the snap length) and what follows it is walked as options; a DHCP option
     * whose value runs past the message marks the DHCP line malformed.
     */
    @Test
    void bootpVendorArea() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/bootp/bootp.pcap"));
    }

    /**
     * testdata/pcap/snmp-port: SNMP's ports give way to DHCPv6's and DNS's when the payload is not
     * SNMP (capmill does not decode SNMP; tshark's SNMP dissector declines the payload).
     */
    @Test
    void dhcpv6FromSnmpPort() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/snmp-port/snmp-port.pcap"));
    }

    /**
     * testdata/pcap/dhcpv6-options: an option longer than its message or bytes after the last option
     * end the walk quietly; an option cut by the snap length marks the line and shows nothing of it.
     */
    @Test
    void dhcpv6Options() throws Exception {
        TextWriterGoldenTest.sameAsTshark(Shared.projectDir().resolve("testdata/pcap/dhcpv6-options/dhcpv6-options.pcap"));
    }
}
