package dev.capmill.text;

/**
 * Link-layer texts as tshark 4.0.17 shows them in the Info column, each checked against its
 * output for captures made for the purpose: 802.2 SAP names (Wireshark epan/dissectors/packet-llc.c
 * and llcsaps.h), LLC U-frame functions (xdlc.c), SNAP OUIs, IEEE 802.11 frame subtypes
 * (packet-ieee80211.c) and the Linux cooked-capture packet types (packet-sll.c).
 */
final class LinkNames {
    private LinkNames() {
    }

    /** The SAP's name (the group/individual or command/response bit ignored), or null. */
    static String sap(int sap) {
        return switch (sap & 0xfe) {
            case 0x00 -> "NULL LSAP";
            case 0x02 -> "LLC Sub-Layer Management";
            case 0x04 -> "SNA Path Control";
            case 0x06 -> "TCP/IP";
            case 0x08 -> "SNA";
            case 0x0c -> "SNA";
            case 0x0e -> "PROWAY (IEC955) Network Management and Initialization";
            case 0x10 -> "NetWare (unofficial?)";
            case 0x14 -> "ISO Network Layer (OSLAN 1)";
            case 0x18 -> "Texas Instruments";
            case 0x20 -> "ISO Network Layer (unofficial?)";
            case 0x34 -> "ISO Network Layer (unofficial?)";
            case 0x42 -> "Spanning Tree BPDU";
            case 0x4e -> "EIA RS-511 Manufacturing Message Service";
            case 0x54 -> "ISO Network Layer (OSLAN 2)";
            case 0x7e -> "ISO 8208 (X.25 over 802.2)";
            case 0x80 -> "XNS";
            case 0x82 -> "BACnet";
            case 0x86 -> "Nestar";
            case 0x8e -> "PROWAY (IEC955) Active Station List Maintenance";
            case 0x98 -> "ARP";
            case 0xaa -> "SNAP";
            case 0xb4 -> "HP JetDirect Printer";
            case 0xba -> "Banyan Vines";
            case 0xbc -> "Banyan Vines";
            case 0xe0 -> "NetWare";
            case 0xf0 -> "NetBIOS";
            case 0xf4 -> "IBM Net Management";
            case 0xf8 -> "HP Extended LLC";
            case 0xfa -> "Ungermann-Bass";
            case 0xfc -> "Remote Program Load";
            case 0xfe -> "ISO Network Layer";
            default -> null;
        };
    }

    /** An LLC U frame's function (modifier bits of the control byte, P/F bit cleared). */
    static String uFunction(int control, boolean response) {
        int m = control & 0xec;
        if (response) {
            switch (m) {
                case 0x0c:
                    return "DM";
                case 0x40:
                    return "RD";
                default:
                    break;
            }
        }
        return switch (m) {
            case 0x00 -> "UI";
            case 0x0c -> "SARM";
            case 0x2c -> "SABM";
            case 0x40 -> "DISC";
            case 0x60 -> "UA";
            case 0x6c -> "SABME";
            case 0x80 -> "SNRM";
            case 0x84 -> "FRMR";
            case 0x8c -> "RESET";
            case 0xac -> "XID";
            case 0xcc -> "SNRME";
            case 0xe0 -> "TEST";
            default -> null;
        };
    }

    /** An LLC S frame's function (the low byte of the control field). */
    static String sFunction(int control) {
        return switch (control & 0x0c) {
            case 0x00 -> "RR";
            case 0x04 -> "RNR";
            case 0x08 -> "REJ";
            default -> "SREJ";
        };
    }

    static String oui(int oui) {
        return switch (oui) {
            case 0x000000 -> "Officially Xerox, but 0:0:0:0:0:0 is more common";
            // other OUIs are named from Wireshark's manufacturer database (manuf), not copied here
            case 0x00000c -> "Cisco Systems, Inc";
            default -> null;
        };
    }

    /** IEEE 802.11 frame names by type (0 management, 1 control, 2 data) and subtype. */
    static String wlan(int type, int subtype) {
        if (type == 0) {
            return switch (subtype) {
                case 0 -> "Association Request";
                case 1 -> "Association Response";
                case 2 -> "Reassociation Request";
                case 3 -> "Reassociation Response";
                case 4 -> "Probe Request";
                case 5 -> "Probe Response";
                case 6 -> "Measurement Pilot";
                case 8 -> "Beacon frame";
                case 9 -> "ATIM";
                case 10 -> "Disassociate";
                case 11 -> "Authentication";
                case 12 -> "Deauthentication";
                case 13 -> "Action";
                case 14 -> "Action No Ack";
                case 15 -> "Aruba Management";
                default -> "Unrecognized (Reserved frame)";
            };
        }
        if (type == 1) {
            return switch (subtype) {
                case 2 -> "Trigger MU-BAR";
                case 4 -> "Beamforming Report Poll";
                case 5 -> "VHT/HE NDP Announcement";
                case 7 -> "Control Wrapper";
                case 8 -> "802.11 Block Ack Req";
                case 9 -> "802.11 Block Ack";
                case 10 -> "Power-Save poll";
                case 11 -> "Request-to-send";
                case 12 -> "Clear-to-send";
                case 13 -> "Acknowledgement";
                case 14 -> "CF-End (Control-frame)";
                case 15 -> "CF-End + CF-Ack (Control-frame)";
                default -> "Unrecognized (Reserved frame)";
            };
        }
        if (type == 2) {
            return switch (subtype) {
                case 0 -> "Data";
                case 1 -> "Data + CF-Ack";
                case 2 -> "Data + CF-Poll";
                case 3 -> "Data + CF-Ack + CF-Poll";
                case 4 -> "Null function (No data)";
                case 5 -> "Acknowledgement (No data)";
                case 6 -> "CF-Poll (No data)";
                case 7 -> "CF-Ack/Poll (No data)";
                case 8 -> "QoS Data";
                case 9 -> "QoS Data + CF-Acknowledgment";
                case 10 -> "QoS Data + CF-Poll";
                case 11 -> "QoS Data + CF-Ack + CF-Poll";
                case 12 -> "QoS Null function (No data)";
                case 14 -> "QoS CF-Poll (No Data)";
                case 15 -> "QoS CF-Ack + CF-Poll (No data)";
                default -> "Unrecognized (Reserved frame)";
            };
        }
        return "Unrecognized (Reserved frame)";
    }

    /** The Linux cooked-capture packet type as tshark's Info shows it before a payload names itself. */
    static String sllPacketType(int t) {
        return switch (t) {
            case 0 -> "Unicast to us";
            case 1 -> "Broadcast";
            case 2 -> "Multicast";
            case 3 -> "Unicast to another host";
            case 4 -> "Sent by us";
            default -> null;
        };
    }
}
