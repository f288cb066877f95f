package dev.capmill.text;

import java.util.Arrays;

/**
 * Which application protocol tshark 4.0 gives a UDP datagram by its ports, as its UDP dissector
 * decides (epan/dissectors/packet-udp.c, decode_udp_ports): the lower port's dissector is tried
 * first, then the higher port's; heuristic dissectors only after both. {@link #REGISTERED} lists
 * every port of tshark 4.0.17's "udp.port" table ({@code tshark -G decodes}), so that a lower port
 * that belongs to a protocol capmill does not decode is not passed over for the higher one.
 */
final class UdpPorts {
    static final int NONE = 0;
    static final int DNS = 1;
    static final int MDNS = 2;
    static final int LLMNR = 3;
    static final int NBNS = 4;
    static final int DHCP = 5;
    static final int DHCPV6 = 6;
    static final int NTP = 7;
    static final int SSDP = 8;
    /** VXLAN (RFC 7348), decoded by the summary itself: an Ethernet frame inside. */
    static final int VXLAN = 9;
    /** IPsec in UDP (RFC 3948; packet-ipsec-udp.c), decoded by the summary itself: ESP or a NAT keepalive. */
    static final int UDPENCAP = 10;
    /** NetBIOS datagrams (packet-nbns.c, dissect_nbdgm), decoded by the summary itself when they carry SMB. */
    static final int NBDS = 11;
    /** PFCP (3GPP TS 29.244; packet-pfcp.c), decoded by the summary itself ({@link SmallProtocols}). */
    static final int PFCP = 12;
    /** ISAKMP/IKE (packet-isakmp.c), decoded by the summary itself ({@link Isakmp}). */
    static final int ISAKMP = 13;
    /** GTPv1-U (3GPP TS 29.281; packet-gtp.c), decoded by the summary itself: a tunnel, or GTP's own messages. */
    static final int GTPU = 14;
    /** Geneve (RFC 8926; packet-geneve.c), decoded by the summary itself: a tunnel. */
    static final int GENEVE = 15;
    /** PTP event and general messages (packet-ptp.c): version 2 decoded by the summary itself. */
    static final int PTP = 20;
    /** HSRP (packet-hsrp.c), decoded by the summary itself ({@link UdpProtocols}). */
    static final int HSRP = 21;
    /** BFD Control and Echo (packet-bfd.c), decoded by the summary itself ({@link UdpProtocols}). */
    static final int BFD_CONTROL = 22;
    static final int BFD_ECHO = 23;
    /** TFTP (packet-tftp.c), decoded by the summary itself ({@link UdpProtocols}). */
    static final int TFTP = 24;
    /** STUN (packet-stun.c), decoded by the summary itself ({@link UdpProtocols}). */
    static final int STUN = 25;
    /** DoIP (packet-doip.c), decoded by the summary itself ({@link UdpProtocols}). */
    static final int DOIP = 26;
    /** RX and AFS (packet-rx.c, packet-afs.c), decoded by the summary itself ({@link Rx}). */
    static final int RX = 27;
    /** The port belongs to another dissector of tshark's table. */
    static final int OTHER = -1;

    private UdpPorts() {
    }

    /** The protocol registered for one port: one of the constants, OTHER, or NONE. */
    static int of(int port) {
        return switch (port) {
            case 53 -> DNS;
            case 5353 -> MDNS;
            case 5355 -> LLMNR;
            case 137 -> NBNS;
            case 138 -> NBDS;
            case 319, 320 -> PTP;
            case 500 -> ISAKMP;
            case 67, 68, 4011 -> DHCP;
            case 546, 547 -> DHCPV6;
            case 123 -> NTP;
            case 1900 -> SSDP;
            case 4789 -> VXLAN;
            case 4500 -> UDPENCAP;
            case 8805 -> PFCP;
            case 2152 -> GTPU;
            case 6081 -> GENEVE;
            case 1985, 2029 -> HSRP;
            case 3784, 4784, 6784, 7784 -> BFD_CONTROL;
            case 3785 -> BFD_ECHO;
            case 69 -> TFTP;
            case 3478 -> STUN;
            case 13400 -> DOIP;
            case 7000, 7001, 7002, 7003, 7004, 7005, 7006, 7007, 7008, 7009, 7021 -> RX;
            default -> port != 0 && Arrays.binarySearch(REGISTERED, port) >= 0 ? OTHER : NONE;
        };
    }

    /** The protocol of a datagram: the lower port's if it has one, else the higher port's. */
    static int choose(int sourcePort, int destinationPort) {
        int low = Math.min(sourcePort, destinationPort);
        int high = Math.max(sourcePort, destinationPort);
        int p = low == 0 ? NONE : of(low);
        if (p != NONE) {
            return p;
        }
        return high == 0 ? NONE : of(high);
    }

    /**
     * As {@link #choose(int, int)}, but SNMP's ports (161, 162), which capmill does not decode,
     * give way to the other port when the datagram does not look like SNMP: packet-snmp.c's UDP
     * dissector declines a payload that does not start with a BER SEQUENCE whose length fits the
     * datagram followed by an INTEGER (the version), and packet-udp.c then tries the other port
     * (a DHCPv6 reply from port 161 in tcpdump's ip6-snmp-oid-unsigned.pcap is DHCPv6 in tshark).
     * {@code reported} is the payload's length in the datagram, {@code captured} what is at hand.
     */
    static int choose(int sourcePort, int destinationPort, byte[] b, int off, int captured, int reported) {
        int app = choose(sourcePort, destinationPort);
        int low = Math.min(sourcePort, destinationPort);
        if (app == OTHER && (low == 161 || low == 162) && !snmpLike(b, off, captured, reported)) {
            int high = Math.max(sourcePort, destinationPort);
            return of(high);
        }
        return app;
    }

    /** Whether packet-snmp.c's UDP test accepts the payload (a short capture counts as accepted). */
    static boolean snmpLike(byte[] b, int off, int captured, int reported) {
        if (captured < 2) {
            return true;
        }
        int id = b[off] & 0xff;
        // class universal, tag SEQUENCE (16), primitive or constructed alike
        if ((id & 0xC0) != 0 || (id & 0x1F) != 16) {
            return false;
        }
        int p = 1;
        int first = b[off + p++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            length = 0; // indefinite: no length to check
        } else {
            int n = first & 0x7F;
            if (n > 4 || p + n >= captured) {
                return true;
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (b[off + p++] & 0xff);
            }
        }
        if (length > reported - p) {
            return false;
        }
        if (p >= captured) {
            return true;
        }
        int version = b[off + p] & 0xff;
        return (version & 0xC0) == 0 && (version & 0x1F) == 2; // universal INTEGER
    }

    /** The "udp.port" entries of tshark 4.0.17 ({@code tshark -G decodes}), sorted. */
    static final int[] REGISTERED = {
        0, 7, 13, 19, 37, 49, 53, 67, 68, 69, 88, 111, 123, 137, 138, 161, 162, 173, 177, 213, 269, 319,
        320, 389, 427, 434, 464, 473, 496, 500, 502, 513, 514, 520, 521, 524, 525, 539, 546, 547, 573, 623,
        631, 646, 654, 664, 698, 699, 701, 750, 853, 854, 910, 921, 925, 1001, 1044, 1052, 1069, 1089,
        1090, 1091, 1101, 1113, 1153, 1194, 1293, 1547, 1628, 1629, 1645, 1646, 1700, 1701, 1718, 1719,
        1745, 1755, 1812, 1813, 1900, 1985, 2029, 2048, 2055, 2067, 2099, 2123, 2152, 2157, 2190, 2221,
        2222, 2231, 2246, 2268, 2269, 2313, 2345, 2424, 2427, 2428, 2727, 2887, 2944, 2945, 2948, 2949,
        2960, 3000, 3121, 3130, 3205, 3222, 3250, 3333, 3343, 3357, 3386, 3389, 3452, 3455, 3478, 3483,
        3503, 3540, 3544, 3567, 3622, 3671, 3784, 3785, 3792, 3799, 3804, 3819, 3863, 3956, 4000, 4011,
        4058, 4305, 4306, 4307, 4341, 4342, 4500, 4533, 4534, 4551, 4555, 4556, 4569, 4665, 4672, 4713,
        4729, 4739, 4754, 4784, 4789, 4790, 4791, 4991, 5000, 5001, 5031, 5050, 5060, 5072, 5094, 5246,
        5247, 5264, 5265, 5350, 5351, 5353, 5355, 5404, 5405, 5436, 5555, 5567, 5678, 5683, 5684, 5868,
        6060, 6073, 6081, 6084, 6087, 6118, 6160, 6343, 6543, 6635, 6666, 6696, 6784, 6970, 7000, 7001,
        7002, 7003, 7004, 7005, 7006, 7007, 7008, 7009, 7010, 7021, 7074, 7075, 7255, 7275, 7784, 8000,
        8116, 8161, 8200, 8211, 8600, 8611, 8612, 8613, 8614, 8755, 8767, 8805, 8848, 9003, 9200, 9201,
        9202, 9203, 9214, 9600, 9875, 9877, 9899, 9901, 9955, 9956, 9996, 9999, 10253, 10500, 11211, 11273,
        11898, 12000, 12001, 12002, 12003, 12004, 12220, 12222, 12223, 13400, 13819, 13907, 13910, 17220,
        17500, 17754, 17755, 17756, 18246, 19132, 19788, 19948, 19999, 20000, 20561, 22222, 23272, 24576,
        24577, 25826, 26000, 27036, 27500, 27910, 27950, 27951, 27952, 27953, 27960, 27961, 27962, 27963,
        30030, 32000, 32512, 34962, 34980, 37008, 41170, 44818, 45564, 47000, 47808, 49999, 54328, 56000,
        56001, 56500, 56501, 57000, 57001, 57032, 57033, 57500, 57501, 57532, 57533, 59000, 59001, 59032,
        59033, 59500, 59501, 59532, 59533, 60001
    };
}
