package dev.capmill.model;

import java.util.HashMap;
import java.util.Map;

/**
 * LINKTYPE_* values as written in pcap and pcapng files (tcpdump.org "Link-layer header types",
 * libpcap pcap/dlt.h and pcap-common.c), with their short names and, where known, the name
 * Wireshark's capinfos gives the encapsulation.
 */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int IEEE802_5 = 6;
    public static final int ARCNET_BSD = 7;
    public static final int SLIP = 8;
    public static final int PPP = 9;
    public static final int FDDI = 10;
    public static final int PPP_HDLC = 50;
    public static final int PPP_ETHER = 51;
    public static final int ATM_RFC1483 = 100;
    public static final int RAW = 101;
    public static final int C_HDLC = 104;
    public static final int IEEE802_11 = 105;
    public static final int FRELAY = 107;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int SUNATM = 123;
    public static final int IEEE802_11_RADIOTAP = 127;
    public static final int ARCNET_LINUX = 129;
    public static final int LINUX_LAPD = 177;
    public static final int PPP_WITH_DIR = 204;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int NETMON_HEADER = 188; // Wireshark's WTAP_ENCAP for NetMon comment frames has no LINKTYPE; see formats/
    public static final int NFLOG = 239;
    public static final int LINUX_SLL2 = 276;

    private static final Map<Integer, String[]> NAMES = new HashMap<>();

    private static void n(int v, String shortName, String wireshark) {
        NAMES.put(v, new String[] {shortName, wireshark});
    }

    static {
        n(0, "NULL", "NULL/Loopback");
        n(1, "ETHERNET", "Ethernet");
        n(3, "AX25", "Amateur Radio AX.25");
        n(6, "IEEE802_5", "Token Ring");
        n(7, "ARCNET_BSD", "ARCNET");
        n(8, "SLIP", "SLIP");
        n(9, "PPP", "PPP");
        n(10, "FDDI", "FDDI");
        n(50, "PPP_HDLC", "PPP in HDLC-like framing");
        n(51, "PPP_ETHER", "PPPoE");
        n(100, "ATM_RFC1483", "RFC 1483 ATM");
        n(101, "RAW", "Raw IP");
        n(104, "C_HDLC", "Cisco HDLC");
        n(105, "IEEE802_11", "IEEE 802.11 Wireless LAN");
        n(107, "FRELAY", "Frame Relay");
        n(108, "LOOP", "OpenBSD loopback");
        n(113, "LINUX_SLL", "Linux cooked-mode capture v1");
        n(114, "LTALK", "Localtalk");
        n(117, "PFLOG", "OpenBSD PF Firewall logs");
        n(119, "IEEE802_11_PRISM", "IEEE 802.11 plus Prism II monitor mode radio header");
        n(122, "IP_OVER_FC", "RFC 2625 IP-over-Fibre Channel");
        n(123, "SUNATM", "SunATM ATM PDUs");
        n(127, "IEEE802_11_RADIOTAP", "IEEE 802.11 plus radiotap radio header");
        n(129, "ARCNET_LINUX", "ARCNET (Linux)");
        n(138, "APPLE_IP_OVER_IEEE1394", "Apple IP-over-IEEE 1394");
        n(139, "MTP2_WITH_PHDR", "MTP2 with pseudoheader");
        n(140, "MTP2", "SS7 MTP2");
        n(141, "MTP3", "SS7 MTP3");
        n(142, "SCCP", "SS7 SCCP");
        n(143, "DOCSIS", "Data Over Cable Service Interface Specification");
        n(144, "LINUX_IRDA", "Linux IrDA");
        n(163, "IEEE802_11_AVS", "IEEE 802.11 plus AVS radio header");
        n(165, "BACNET_MS_TP", "BACnet MS/TP");
        n(166, "PPP_PPPD", "PPP with Directional Info");
        n(169, "GPRS_LLC", "GPRS LLC");
        n(177, "LINUX_LAPD", "LAPD");
        n(187, "BLUETOOTH_HCI_H4", "Bluetooth H4");
        n(189, "USB_LINUX", "USB packets with Linux header");
        n(192, "PPI", "Per-Packet Information header");
        n(195, "IEEE802_15_4_WITHFCS", "IEEE 802.15.4 Wireless PAN");
        n(197, "ERF", "Extensible Record Format");
        n(201, "BLUETOOTH_HCI_H4_WITH_PHDR", "Bluetooth H4 with linux header");
        n(204, "PPP_WITH_DIR", "PPP with Directional Info");
        n(220, "USB_LINUX_MMAPPED", "USB packets with Linux header and padding");
        n(226, "IPNET", "Solaris IPNET");
        n(227, "CAN_SOCKETCAN", "SocketCAN");
        n(228, "IPV4", "Raw IPv4");
        n(229, "IPV6", "Raw IPv6");
        n(230, "IEEE802_15_4_NOFCS", "IEEE 802.15.4 Wireless PAN with FCS not present");
        n(231, "DBUS", "D-Bus");
        n(239, "NFLOG", "NFLOG");
        n(242, "IPOIB", "IP over InfiniBand");
        n(249, "USBPCAP", "USB packets with USBPcap header");
        n(253, "NETLINK", "Linux Netlink");
        n(258, "PKTAP", "Apple PKTAP");
        n(271, "VSOCK", "Linux vsock");
        n(276, "LINUX_SLL2", "Linux cooked-mode capture v2");
    }

    private LinkType() {
    }

    /** The LINKTYPE_ short name (without the prefix), or "LINKTYPE_n" when unknown. */
    public static String name(int linkType) {
        String[] n = NAMES.get(linkType);
        return n != null ? n[0] : "LINKTYPE_" + linkType;
    }

    /** The description Wireshark gives, or null when capmill does not know it. */
    public static String wiresharkName(int linkType) {
        String[] n = NAMES.get(linkType);
        return n != null ? n[1] : null;
    }

    /** The description to show people: Wireshark's name where known, else the short name. */
    public static String describe(int linkType) {
        String w = wiresharkName(linkType);
        return w != null ? w : name(linkType);
    }
}
