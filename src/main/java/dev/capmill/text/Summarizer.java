package dev.capmill.text;

import dev.capmill.decode.Addresses;
import dev.capmill.decode.Arp;
import dev.capmill.decode.ArpDuplicates;
import dev.capmill.decode.Dissection;
import dev.capmill.decode.Ethernet;
import dev.capmill.decode.Icmp;
import dev.capmill.decode.Icmpv6;
import dev.capmill.decode.IcmpEchoes;
import dev.capmill.decode.IpReassembly;
import dev.capmill.decode.Ipv4;
import dev.capmill.decode.Ipv6;
import dev.capmill.decode.Llc;
import dev.capmill.decode.Radiotap;
import dev.capmill.decode.Sll;
import dev.capmill.decode.Tcp;
import dev.capmill.decode.TcpConversations;
import dev.capmill.decode.Udp;
import dev.capmill.decode.Wlan;
import dev.capmill.model.LinkType;
import dev.capmill.model.TextBuffer;

/**
 * Fills tshark's Source, Destination, Protocol and Info columns for one packet, reusing its
 * decoders and buffers. Decoded so far: Ethernet II and IEEE 802.3 with 802.2 LLC/SNAP (+802.1Q),
 * Linux cooked captures (SLL, SLL2), raw IP, BSD null/loopback, IEEE 802.11 (with or without
 * radiotap), STP, ARP, IPv4 (fragments reassembled as tshark does), IPv6 (extension headers,
 * fragments), TCP (with tshark's analysis flags; HTTP and TLS above it, see decode.TcpPayload),
 * UDP (and the application protocols of {@link UdpApps}; NFS over ONC RPC, {@link OncRpc}), ICMP, ICMPv6,
 * NetBIOS Frames over LLC with SMB and browser mailslots ({@link Netbeui}). Other protocols fall back
 * to the deepest layer decoded, with the text tshark shows when it does not know the payload.
 */
public final class Summarizer {
    /**
     * Stands for tshark's arrow (U+2192) in the Info column while it is built. One arrow would turn
     * the column's TextBuffer from one byte per character into two for the rest of the run and
     * make every append and the UTF-8 encoding slower; the writers put the arrow back
     * ({@link #appendShown}, {@link Utf8Out#writeMarked}). Never in a column otherwise: control
     * characters from packets are shown escaped, as tshark's format_text does.
     */
    public static final char ARROW_MARK = '\u0001';
    static final String ARROW = "\u2192";

    final TextBuffer source = new TextBuffer(64);
    final TextBuffer destination = new TextBuffer(64);
    final TextBuffer protocol = new TextBuffer(16);
    final TextBuffer info = new TextBuffer(256);

    /** The decoders, and which of them decoded the current packet (read by field extraction). */
    final Dissection d = new Dissection();
    private final Ethernet eth = d.eth;
    private final Arp arp = d.arp;
    private final Ipv4 ip4 = d.ip4;
    private final Ipv6 ip6 = d.ip6;
    private final Tcp tcp = d.tcp;
    private final Udp udp = d.udp;
    private final Icmp icmp = d.icmp;
    private final Icmpv6 icmp6 = d.icmp6;
    private final Sll sll = d.sll;
    private final Llc llc = d.llc;
    private final Wlan wlan = d.wlan;
    private final Radiotap radiotap = d.radiotap;
    private final IpReassembly fragments = d.fragments;
    private final TcpConversations tcpState = d.tcpState;
    private final IcmpEchoes echoes = d.echoes;
    private final ArpDuplicates arpDuplicates = new ArpDuplicates();

    /** Bytes of the frame that were not captured (original length minus captured length). */
    private int missing;
    /** Where the captured bytes of the frame end in its buffer. */
    private int capturedEnd;
    /** VLAN id of the innermost tag (part of tshark's IPv4 reassembly key), 0 without one. */
    private int vlan;
    /**
     * The Ethernet frame whose addresses the Source and Destination columns show unless a layer
     * above replaces them (every replacement is non-empty): formatted only then, at the end, since
     * on most packets IP replaces them.
     */
    private byte[] macFrame;
    private int macAt;

    /** Where the transport layer is, once {@link #ipHeader} has found it (possibly in the reassembly buffer). */
    private byte[] tBuf;
    private int tProto;
    private int tPayload;
    private int tPayloadLen;
    private int tSrc;
    private int tDst;
    private int tAddrLen;
    private int tTtl;
    /** The IPv4 payload length the header announces (the reassembled length after reassembly). */
    private int tReported;
    /** The datagram an ICMP error quotes, noted for the fields (not shown in the columns). */
    private final IcmpQuotes quotes = new IcmpQuotes();
    /** SCTP's association state (relative TSNs, retransmissions, reassembly) for this capture. */
    private final Sctp sctp = new Sctp();

    /** What the last {@link #summarize} decoded. */
    public Dissection dissection() {
        return d;
    }

    /** Summarises frame number {@code frame} of link type {@code linkType}, captured whole, at time 0. */
    public void summarize(byte[] b, int off, int len, int linkType, long frame) {
        summarize(b, off, len, len, linkType, frame, 0);
    }

    /**
     * Summarises frame number {@code frame} of link type {@code linkType}: {@code len} bytes captured
     * of {@code originalLength} (tshark tells a header cut by the snapshot length, "[Packet size
     * limited during capture]", from one that is malformed).
     */
    private void summarizeFrame(byte[] b, int off, int len, int originalLength, int linkType, long frame) {
        clear(frame, linkType);
        missing = Math.max(0, originalLength - len);
        capturedEnd = off + len;
        vlan = 0;
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(b, off, len, frame);
            case LinkType.LINUX_SLL -> sll(b, off, len, frame, false);
            case LinkType.LINUX_SLL2 -> sll(b, off, len, frame, true);
            case LinkType.RAW, 12, 14 -> rawIp(b, off, len, frame);
            case LinkType.IPV4 -> network(b, off, len, frame, 0x0800);
            case LinkType.IPV6 -> network(b, off, len, frame, 0x86dd);
            case LinkType.NULL, LinkType.LOOP -> nullLoopback(b, off, len, frame, linkType == LinkType.LOOP);
            case LinkType.IEEE802_11 -> wlan(b, off, len, frame, false);
            case LinkType.IEEE802_11_RADIOTAP -> radiotap(b, off, len, frame);
            case LinkType.FDDI -> fddi(b, off, len, frame);
            case LinkType.NFLOG -> nflog(b, off, len, frame);
            case 227 -> socketCan(b, off, len, originalLength);
            case 107 -> {
                if (!frameRelay(b, off, len, frame)) {
                    unknownLink(linkType);
                }
            }
            case LinkType.PPP, LinkType.PPP_HDLC, LinkType.C_HDLC -> {
                if (!pppOrCiscoHdlc(b, off, len, frame)) {
                    unknownLink(linkType);
                }
            }
            default -> unknownLink(linkType);
        }
    }

    /**
     * A SocketCAN frame (LINKTYPE_CAN_SOCKETCAN, 227; packet-socketcan.c): the CAN id with its
     * flags, big-endian as the link type defines it, the data length at byte 4. Info names the id
     * (11 bits, or 29 for an extended id), the length, and a remote transmission request. A classic
     * data frame of id 0 is AUTOSAR NM, as tshark's heuristics take it; an error frame names its
     * error classes. What other heuristics find (ISO-TP, ...) and CAN FD error frames are not
     * decoded (the latter keep the "not decoded yet" line).
     */
    private void socketCan(byte[] b, int off, int len, int reported) {
        if (len < 8) {
            unknownLink(227);
            return;
        }
        socketCan(b, off, len, reported, Bytes.be32(b, off), canFd(b, off));
    }

    /**
     * A SocketCAN frame whose id (with its flags) was read in the byte order of its carrier: big-endian
     * in LINKTYPE_CAN_SOCKETCAN, the capturing host's (little-endian, as tshark reads it on x86) in
     * Linux cooked captures of protocol 0x000C, which are classic CAN by their protocol number.
     */
    private void socketCan(byte[] b, int off, int len, int reported, long id, boolean fd) {
        if ((id & 0x20000000L) != 0) {
            if (fd) {
                unknownLink(227);
            } else {
                canError(id, len, reported);
            }
            return;
        }
        boolean extended = (id & 0x80000000L) != 0;
        long can = extended ? id & 0x1fffffffL : id & 0x7ffL;
        int canLen = b[off + 4] & 0xff;
        if (can == 0 && (id & 0x40000000L) == 0 && canLen <= 8 && !fd) {
            autosarNm(b, off + 8, Math.min(canLen, len - 8), canLen);
            return;
        }
        protocol.append("CAN");
        info.append(extended ? "Ext. ID: " : "ID: ").append(can).append(" (0x");
        info.appendHex(can, Math.max(1, (67 - Long.numberOfLeadingZeros(can)) / 4)); // %x: no leading zeros
        info.append("), Length: ").append(b[off + 4] & 0xff);
        if ((id & 0x40000000L) != 0) {
            info.append("(Remote Transmission Request)");
        }
    }

    /**
     * Whether packet-socketcan.c takes a SocketCAN frame for CAN FD: the FDF flag (0x04) set in the
     * FD flags byte, no other bit but BRS and ESI, and the two reserved bytes after it zero (older
     * writers left junk there).
     */
    private static boolean canFd(byte[] b, int off) {
        int fd = b[off + 5] & 0xff;
        return (fd & 0x04) != 0 && (fd & ~0x07) == 0 && b[off + 6] == 0 && b[off + 7] == 0;
    }

    /** The error classes of a CAN error frame's id, in the order packet-socketcan.c lists them (linux/can/error.h). */
    private static final String[] CAN_ERRORS = {"Transmit timeout", "Lost arbitration", "Controller problems",
        "Protocol violation", "Transceiver status", "No acknowledgement", "Bus off", "Bus error", "Controller restarted"};
    /** The id bits above the classes, 9 to 28, which packet-socketcan.c names "Reserved". */
    private static final long CAN_ERR_RESERVED = 0x1FFFFE00L;

    /**
     * A classic CAN error frame (CAN_ERR_FLAG in the id): Info "ERR" then ": " and the names of the
     * error classes set, joined by ", ". The dissector then reads the eight data bytes (up to the
     * controller-specific ones at 13..15), so a frame shorter than 16 bytes ends malformed.
     */
    private void canError(long id, int len, int reported) {
        protocol.append("CAN");
        info.append("ERR");
        String sep = ": ";
        for (int i = 0; i < CAN_ERRORS.length; i++) {
            if ((id & 1L << i) != 0) {
                info.append(sep).append(CAN_ERRORS[i]);
                sep = ", ";
            }
        }
        if ((id & CAN_ERR_RESERVED) != 0) {
            info.append(sep).append("Reserved");
        }
        if (len < 16) {
            info.append(truncationMark(16, reported));
        }
    }

    /**
     * AUTOSAR network management (packet-autosar-nm.c), which tshark 4.0's CAN heuristics give the
     * data frames of CAN id 0: its CAN id preference is 0 and its mask 0xffffffff by default, an
     * exact match on the id (standard or extended; remote requests and error frames never). The
     * control bit vector is the first byte and the source node the second, by the position
     * preferences' defaults.
     */
    private void autosarNm(byte[] b, int p, int captured, int reported) {
        protocol.append("AUTOSAR NM");
        if (captured >= 2) {
            info.append("NM (CBV: 0x");
            info.appendHex(b[p] & 0xff, 2);
            info.append(", SNI: 0x");
            info.appendHex(b[p + 1] & 0xff, 2);
            info.append(')');
        } else {
            // the two bytes are read before the Info is written
            int fails = captured < 1 ? 1 : 2;
            info.append(truncationMark(fails, reported));
        }
    }

    private void unknownLink(int linkType) {
        protocol.setLength(0);
        info.setLength(0);
        protocol.append("Unknown");
        info.append("Link type ").append(linkType).append(" is not decoded yet");
    }

    /**
     * PPP (LINKTYPE_PPP, PPP_HDLC) and Cisco HDLC (C_HDLC), as Wireshark's packet-ppp.c tells
     * them apart by the first byte (0x0f or 0x8f: Cisco HDLC, whose third and fourth bytes are an
     * EtherType; 0xff: PPP's address and control, then the protocol, one byte when odd). Carried
     * IPv4, IPv6 and MPLS are decoded; false for anything else (LCP, IPCP, ISIS, SLARP, ...),
     * which keeps the "not decoded yet" line.
     */
    /**
     * Frame Relay (link type 107; packet-fr.c, checked against tshark 4.0.17 on the corpus's
     * captures): a Q.922 address of 2 bytes (3 or 4 when its EA bits say so), then either the UI
     * control byte 0x03 and an NLPID (RFC 2427; 0xCC IPv4, 0x8E IPv6, after an optional 0x00
     * pad), or, as Cisco routers send it, an EtherType. Only IPv4 and IPv6 are followed; false
     * (the link fallback) for anything else.
     */
    private boolean frameRelay(byte[] b, int p, int n, long frame) {
        if (n < 2) {
            return false;
        }
        int address = (b[p + 1] & 1) != 0 ? 2 : n >= 3 && (b[p + 2] & 1) != 0 ? 3 : 4;
        if (n < address + 2) {
            return false;
        }
        int end = p + n;
        int q = p + address;
        int type;
        if ((b[q] & 0xff) == 0x03) {
            q++;
            if (b[q] == 0 && q + 1 < end) {
                q++;
            }
            int nlpid = b[q] & 0xff;
            type = nlpid == 0xcc ? 0x0800 : nlpid == 0x8e ? 0x86dd : 0;
            q++;
        } else {
            type = Bytes.be16(b, q);
            q += 2;
        }
        if (type != 0x0800 && type != 0x86dd) {
            return false;
        }
        network(b, q, end - q, frame, type);
        return true;
    }

    private boolean pppOrCiscoHdlc(byte[] b, int p, int n, long frame) {
        if (n < 2) {
            return false;
        }
        int first = b[p] & 0xff;
        if (first == 0x0f || first == 0x8f) {
            if (n < 4) {
                return false;
            }
            int type = Bytes.be16(b, p + 2);
            if (type != 0x0800 && type != 0x86dd && type != 0x8847) {
                return false;
            }
            source.append("N/A");
            destination.append("N/A");
            return etherType(b, p + 4, n - 4, type, frame);
        }
        if (first == 0xff) {
            p += 2;
            n -= 2;
        }
        int proto;
        if (n >= 1 && (b[p] & 1) != 0) {
            proto = b[p] & 0xff;
            p++;
            n--;
        } else if (n >= 2) {
            proto = Bytes.be16(b, p);
            p += 2;
            n -= 2;
        } else {
            return false;
        }
        switch (proto) {
            case 0x21 -> network(b, p, n, frame, 0x0800);
            case 0x57 -> network(b, p, n, frame, 0x86dd);
            case 0x281, 0x283 -> mpls(b, p, n, frame);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * FDDI (LINKTYPE_FDDI): frame control, destination and source, 13 bytes, then 802.2 LLC for
     * asynchronous LLC frames (FC 0x50-0x5f). Wireshark reads this link type's addresses as
     * bit-reversed ("fddi-swapped") and names the frame control in Info (packet-fddi.c).
     */
    private void fddi(byte[] b, int off, int len, long frame) {
        protocol.append("FDDI");
        if (len < 1) {
            info.append(MALFORMED);
            return;
        }
        int fc = b[off] & 0xff;
        fddiControl(fc);
        if (len < 13) {
            info.append(' ').append(MALFORMED);
            return;
        }
        Addresses.macBitReversed(destination, b, off + 1);
        Addresses.macBitReversed(source, b, off + 7);
        if ((fc & 0xf0) == 0x50) {
            llc(b, off + 13, len - 13, frame);
        }
    }

    /** Wireshark's name of an FDDI frame control value (packet-fddi.c, fddifc_to_str). */
    private void fddiControl(int fc) {
        switch (fc) {
            case 0x00 -> info.append("Void frame");
            case 0x80 -> info.append("Nonrestricted token");
            case 0xc0 -> info.append("Restricted token");
            case 0x41 -> info.append("SMT info");
            case 0x4f -> info.append("SMT Next station address");
            case 0xc2 -> info.append("MAC beacon");
            case 0xc3 -> info.append("MAC claim token");
            default -> {
                int z = fc & 0x0f;
                switch (fc & 0xf0) {
                    case 0xc0 -> info.append("MAC frame, control ").append(Integer.toHexString(z));
                    case 0x40 -> info.append("SMT frame, control ").append(Integer.toHexString(z));
                    case 0x50 -> {
                        if ((fc & 0x08) != 0) {
                            info.append("Async LLC frame, control ").append(Integer.toHexString(z));
                        } else {
                            info.append("Async LLC frame, priority ").append(fc & 0x07);
                        }
                    }
                    case 0xd0 -> {
                        info.append("Sync LLC frame");
                        if (z != 0) {
                            info.append(", control ").append(Integer.toHexString(z));
                        }
                    }
                    case 0x60 -> info.append("Implementor async frame, control ").append(Integer.toHexString(z));
                    case 0xe0 -> info.append("Implementor sync frame, control ").append(Integer.toHexString(z));
                    default -> info.append("Unknown frame type");
                }
            }
        }
    }

    /**
     * Linux NFLOG (tcpdump.org/linktypes/LINKTYPE_NFLOG.html; Wireshark packet-nflog.c): family,
     * version and resource id, then TLVs whose length and type are in the capturing host's byte
     * order (read as little-endian, as tshark on x86 does), each padded to 4 bytes. The packet is
     * the payload TLV (type 9), decoded by the packet header's hardware protocol (TLV 1) when it
     * is set, else by the family (2 IPv4, 10 IPv6). Otherwise the columns stay "NFLOG" and empty.
     */
    private void nflog(byte[] b, int off, int len, long frame) {
        protocol.append("NFLOG");
        if (len < 4) {
            info.append(MALFORMED);
            return;
        }
        int family = b[off] & 0xff;
        int hw = 0;
        int payload = -1;
        int payloadLen = 0;
        int end = off + len;
        int p = off + 4;
        while (end - p >= 4) {
            int tlvLen = Bytes.le16(b, p);
            if (tlvLen < 4) {
                break;
            }
            int type = Bytes.le16(b, p + 2) & 0x7fff;
            if (type == 1 && tlvLen == 8 && end - p >= 6) {
                hw = Bytes.be16(b, p + 4);
            } else if (type == 9) {
                payload = p + 4;
                payloadLen = Math.min(tlvLen - 4, end - payload);
            }
            p += (tlvLen + 3) & ~3;
        }
        if (payload < 0) {
            return;
        }
        if (hw != 0) {
            etherType(b, payload, payloadLen, hw, frame);
        } else if (family == 2) {
            network(b, payload, payloadLen, frame, 0x0800);
        } else if (family == 10) {
            network(b, payload, payloadLen, frame, 0x86dd);
        }
    }

    /** How deep tunnels may nest (a crafted packet could otherwise recurse without end). */
    private static final int MAX_NEST = 6;
    /** {@link #nested}'s "type" of an Ethernet frame (not an EtherType). */
    private static final int ETHERNET_FRAME = -1;
    private int nest;

    /**
     * A packet carried inside another (a tunnel): decoded as tshark decodes it, each layer
     * overwriting the columns of the one around it, the innermost's Protocol and Info shown.
     */
    private void nested(byte[] b, int p, int n, long frame, int type) {
        nest++;
        try {
            if (type == ETHERNET_FRAME) {
                macFrame = null;
                source.setLength(0);
                destination.setLength(0);
                protocol.setLength(0);
                info.setLength(0);
                ethernet(b, p, n, frame);
            } else {
                network(b, p, n, frame, type);
            }
        } finally {
            nest--;
        }
    }

    /**
     * GRE version 0 (RFC 2784/2890; packet-gre.c): flags and protocol type, then a checksum,
     * key and sequence number when their flags say so. Carries IPv4, IPv6 or Ethernet (0x6558,
     * transparent bridging); false for anything else (source routing, PPTP's version 1, other
     * payloads), which keeps the IP line.
     */
    private boolean gre(byte[] b, int p, int n, long frame) {
        if (n < 4) {
            return false;
        }
        int flags = Bytes.be16(b, p);
        int type = Bytes.be16(b, p + 2);
        if ((flags & 7) != 0 || (flags & 0x4000) != 0) {
            return false;
        }
        int off = 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0) + ((flags & 0x1000) != 0 ? 4 : 0);
        if (off > n) {
            return false;
        }
        switch (type) {
            case 0x0800, 0x86dd -> nested(b, p + off, n - off, frame, type);
            case 0x6558 -> nested(b, p + off, n - off, frame, ETHERNET_FRAME);
            case 0x88be, 0x22eb -> erspan(b, p + off, n - off, type == 0x22eb, (flags & 0x1000) != 0, frame);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * ERSPAN in GRE (packet-erspan.c, checked against tshark 4.0.17 on tcpdump's and Arkime's
     * ERSPAN captures): type I (0x88BE without a GRE sequence number) has no header of its own,
     * type II (0x88BE with one) 8 bytes, type III (0x22EB) 12 bytes and 8 more when its last bit
     * (optional sub-header) is set; then the mirrored Ethernet frame, which is the line. A type III
     * frame type other than Ethernet (bits 10-14 of its sixth 16-bit word) is not dissected:
     * "ERSPAN" with "ERSPAN:", as is a header cut short, with the exception's mark.
     */
    private void erspan(byte[] b, int p, int n, boolean type3, boolean sequenced, long frame) {
        int header = type3 ? 12 : sequenced ? 8 : 0;
        boolean ethernet = true;
        if (type3 && n >= 12) {
            int word = Bytes.be16(b, p + 10);
            header += (word & 1) != 0 ? 8 : 0;
            ethernet = ((word >> 10) & 0x1f) == 0;
        }
        if (header <= n && ethernet) {
            nested(b, p + header, n - header, frame, ETHERNET_FRAME);
            return;
        }
        protocol.setLength(0);
        protocol.append("ERSPAN");
        info.setLength(0);
        info.append("ERSPAN:");
        if (header > n) {
            info.append(truncationMark(header, n + missing));
        }
    }

    /**
     * MPLS (RFC 3032; packet-mpls.c): labels of four bytes up to the one with the bottom-of-stack
     * bit, then IPv4 or IPv6 by the first nibble, or after a pseudowire control word (first
     * nibble 0) an Ethernet frame; anything else stays tshark's "MPLS Label Switched Packet".
     */
    private void mpls(byte[] b, int p, int rest, long frame) {
        protocol.setLength(0);
        protocol.append("MPLS");
        info.setLength(0);
        info.append("MPLS Label Switched Packet");
        while (rest >= 4) {
            boolean bottom = (b[p + 2] & 1) != 0;
            p += 4;
            rest -= 4;
            if (bottom) {
                if (rest >= 1) {
                    int version = (b[p] & 0xf0) >> 4;
                    if (version == 4 || version == 6) {
                        nested(b, p, rest, frame, version == 4 ? 0x0800 : 0x86dd);
                    } else if (version == 0 && rest >= 4 + 14) {
                        // a pseudowire control word, then the Ethernet frame it carries
                        nested(b, p + 4, rest - 4, frame, ETHERNET_FRAME);
                    }
                }
                return;
            }
        }
    }

    /**
     * A PPPoE session frame (RFC 2516; packet-pppoe.c) carrying IPv4 (PPP protocol 0x0021) or IPv6
     * (0x0057): decoded inside; false for other PPP protocols (LCP, IPCP, ...), left as they were.
     */
    private boolean pppoeSession(byte[] b, int p, int rest, long frame) {
        if ((b[p] & 0xff) != 0x11 || b[p + 1] != 0) {
            return false;
        }
        int length = Bytes.be16(b, p + 4);
        int ppp = Bytes.be16(b, p + 6);
        if (ppp != 0x0021 && ppp != 0x0057) {
            return false;
        }
        int n = Math.min(rest - 8, Math.max(0, length - 2));
        nested(b, p + 8, n, frame, ppp == 0x0021 ? 0x0800 : 0x86dd);
        return true;
    }

    private void ethernet(byte[] b, int off, int len, long frame) {
        if (!eth.reset(b, off, len)) {
            // tshark shows the addresses it could read before the frame ended
            if (len >= 6) {
                Addresses.mac(destination, b, off);
            }
            if (len >= 12) {
                Addresses.mac(source, b, off + 6);
            }
            protocol.append("Ethernet");
            info.append(MALFORMED);
            return;
        }
        d.add(eth.vlanTags() > 0 ? Dissection.ETH | Dissection.VLAN : Dissection.ETH);
        d.ethAt.add(b, off, len);
        for (int i = 0; i < eth.vlanTags(); i++) {
            vlanTag(b, off + 12 + 4 * i);
        }
        etherFrame = b;
        etherAt = off;
        if (nest == 0) {
            macFrame = b;
            macAt = off;
        } else {
            eth.appendSource(source);
            eth.appendDestination(destination);
        }
        if (eth.vlanTags() > 0) {
            vlan = eth.vlanId(eth.vlanTags() - 1);
        }
        int p = eth.payloadOffset();
        int rest = off + len - p;
        int type = eth.etherType();
        if (type <= 1500) {
            // IEEE 802.3: the field is the length of the LLC data that follows
            llc(b, p, Math.min(rest, type), frame);
            return;
        }
        if (type < 1536) {
            protocol.append("Ethernet");
            info.append("Ethernet Unknown: Invalid length/type: 0x");
            info.appendHex(type, 4);
            info.append(" (").append(type).append(')');
            return;
        }
        if (etherType(b, p, rest, type, frame)) {
            return;
        }
        protocol.append("0x");
        protocol.appendHex(type, 4);
        if (eth.vlanTags() > 0) {
            vlanInfo(b, eth.payloadOffset() - 4);
        } else {
            info.append("Ethernet II");
        }
    }

    /**
     * Notes the tag whose type field is at {@code tpid} for the vlan.id field: tshark's VLAN
     * dissector takes 0x8100 and its QinQ type (0x9100 by default, packet-vlan.c); an 802.1ad
     * service tag (0x88a8) is another dissector's, with other fields.
     */
    private void vlanTag(byte[] b, int tpid) {
        int t = Bytes.be16(b, tpid);
        if (t == 0x8100 || t == 0x9100) {
            d.vlanAt.add(b, tpid + 2, 2);
        }
    }

    /** The Info of an 802.1Q tag whose payload is not decoded: its priority, DEI and id (packet-vlan.c). */
    private void vlanInfo(byte[] b, int tag) {
        info.setLength(0);
        info.append("PRI: ").append((b[tag] & 0xff) >> 5).append("  DEI: ").append((b[tag] >> 4) & 1)
                .append("  ID: ").append(Bytes.be16(b, tag) & 0x0fff);
    }

    /**
     * Dispatches on an EtherType (from Ethernet, SLL, SNAP or null/loopback); false when it names
     * nothing decoded here, leaving the columns to the caller's fallback.
     */
    private boolean etherType(byte[] b, int p, int rest, int type, long frame) {
        if (type == 0x88f7) {
            // PTP over Ethernet: always the version 2 dissector (packet-ptp.c, dissect_ptp_oE); a
            // message too short to name keeps the carrier's Info (Ethernet II's when it has none)
            protocol.setLength(0);
            protocol.append("PTPv2");
            if (info.isEmpty()) {
                info.append("Ethernet II");
            }
            Ptp.info(b, p, rest, rest + missing, info);
            return true;
        }
        if (type == 0x0806) {
            if (arp.reset(b, p, rest)) {
                d.add(Dissection.ARP);
                arp(b, frame);
                return true;
            }
            return false;
        }
        if (type == 0x0800) {
            network(b, p, rest, frame, 0x0800);
            return true;
        }
        if (type == 0x86dd) {
            if (rest >= 1 && (b[p] & 0xf0) != 0x60) {
                // tshark's IPv6 dissector refuses the packet; the EtherType's name stays as Info
                protocol.append("0x86dd");
                info.setLength(0);
                info.append("IPv6");
                return true;
            }
            network(b, p, rest, frame, 0x86dd);
            return true;
        }
        if (type == 0x88cc) {
            lldp(b, p, rest);
            return true;
        }
        if (type == 0x88a2) {
            // ATA over Ethernet; tshark pairs requests and responses by the frame's MAC addresses
            long a = etherFrame != null ? be48(etherFrame, etherAt) : 0;
            long z = etherFrame != null ? be48(etherFrame, etherAt + 6) : 0;
            small.aoe(b, p, rest, p + rest == capturedEnd ? rest + missing : rest, a, z);
            return true;
        }
        if (type == 0x9000 && rest >= 4) {
            loop(b, p, rest);
            return true;
        }
        if ((type == 0x8847 || type == 0x8848) && nest < MAX_NEST) {
            mpls(b, p, rest, frame);
            return true;
        }
        if (type == 0x8864 && rest >= 8 && nest < MAX_NEST && pppoeSession(b, p, rest, frame)) {
            return true;
        }
        if ((type == 0x8100 || type == 0x88a8) && rest >= 4) {
            // a tag after a link layer other than Ethernet (Ethernet's decoder skips its own)
            d.add(Dissection.VLAN);
            if (type == 0x8100) {
                d.vlanAt.add(b, p, 2);
            }
            vlan = Bytes.be16(b, p) & 0x0fff;
            int inner = Bytes.be16(b, p + 2);
            if (inner <= 1500) {
                llc(b, p + 4, Math.min(rest - 4, inner), frame);
                return true;
            }
            if (!etherType(b, p + 4, rest - 4, inner, frame)) {
                protocol.setLength(0);
                protocol.append("0x");
                protocol.appendHex(inner, 4);
                vlanInfo(b, p);
            }
            return true;
        }
        return false;
    }

    /** The Ethernet header of the frame being summarised (the innermost one), for AoE; null when none. */
    private byte[] etherFrame;
    private int etherAt;
    /** AoE, IS-IS and PFCP. */
    private final SmallProtocols small = new SmallProtocols(protocol, info);

    private static long be48(byte[] b, int p) {
        return (long) Bytes.be16(b, p) << 32 | (Bytes.be16(b, p + 2) & 0xffffL) << 16 | Bytes.be16(b, p + 4);
    }

    private static final String MALFORMED = dev.capmill.decode.Columns.MALFORMED;
    private static final String LIMITED = dev.capmill.decode.Columns.LIMITED;

    static String truncationMark(int end, int reported) {
        return dev.capmill.decode.Columns.truncationMark(end, reported);
    }

    /** IEEE 802.2 LLC (and SNAP) over 802.3, 802.11 or SLL; writes the columns in every case. */
    private void llc(byte[] b, int p, int n, long frame) {
        protocol.setLength(0);
        if (n < 0 || !llc.reset(b, p, n)) {
            protocol.append("LLC");
            info.setLength(0);
            // cut by the capture when the header runs to the end of the captured bytes
            info.append(missing > 0 && p + Math.max(n, 0) == capturedEnd ? LIMITED : MALFORMED);
            return;
        }
        d.add(Dissection.LLC);
        int payload = llc.payloadOffset();
        int rest = p + n - payload;
        // tshark hands UI and I frames to the protocol the DSAP names (packet-llc.c)
        boolean data = llc.controlLength() == 1 ? (llc.control() & 0xef) == 0x03 : (llc.control() & 1) == 0;
        if (llc.isSnap()) {
            if ((llc.oui() == 0 || llc.oui() == 0xf8) && etherType(b, payload, rest, llc.pid(), frame)) {
                return;
            }
            if (llc.oui() == 0x00000c && llc.pid() == 0x010b) {
                // Cisco's PVST+ BPDUs: STP under Cisco's OUI (packet-llc.c's cisco_pid_vals)
                stp(b, payload, rest);
                return;
            }
            if (llc.oui() == 0x00000c && llc.pid() == 0x2000) {
                cdp(b, payload, rest);
                return;
            }
            if (llc.oui() == 0x00000c && llc.pid() == 0x2004) {
                protocol.append("DTP");
                info.setLength(0);
                info.append("Dynamic Trunk Protocol");
                return;
            }
        } else if (data && llc.dsap() == 0x42) {
            stp(b, payload, rest);
            return;
        } else if (data && llc.dsap() == 0x06) {
            network(b, payload, rest, frame, 0x0800);
            return;
        }
        protocol.append("LLC");
        info.setLength(0);
        boolean response = (llc.ssap() & 1) != 0;
        int c = llc.control();
        if (llc.controlLength() == 1) {
            info.append('U');
            if ((c & 0x10) != 0) {
                info.append(response ? " F" : " P");
            }
            String f = LinkNames.uFunction(c, response);
            info.append(", func=").append(f != null ? f : "Unknown");
        } else {
            boolean pf = (c & 0x100) != 0;
            int nr = (c >> 9) & 0x7f;
            if ((c & 1) == 0) {
                info.append('I').append(pf ? (response ? " F" : " P") : "").append(", N(R)=").append(nr)
                        .append(", N(S)=").append((c >> 1) & 0x7f);
            } else {
                info.append('S').append(pf ? (response ? " F" : " P") : "").append(", func=")
                        .append(LinkNames.sFunction(c)).append(", N(R)=").append(nr);
            }
        }
        info.append("; ");
        if (llc.isSnap()) {
            info.append("SNAP, OUI 0x");
            int mark = info.length();
            info.appendHex(llc.oui(), 6);
            for (int i = mark; i < info.length(); i++) {
                info.setCharAt(i, Character.toUpperCase(info.charAt(i)));
            }
            String name = LinkNames.oui(llc.oui());
            if (name != null) {
                info.append(" (").append(name).append(')');
            }
            info.append(", PID 0x");
            info.appendHex(llc.pid(), 4);
        } else {
            info.append("DSAP ");
            sapName(llc.dsap());
            info.append((llc.dsap() & 1) != 0 ? " Group" : " Individual").append(", SSAP ");
            sapName(llc.ssap());
            info.append(response ? " Response" : " Command");
            if (data && llc.dsap() == 0xf0 && rest > 0) {
                // NetBIOS (packet-netbios.c) gets UI and I frames of SAP 0xF0; the LLC text above
                // stays in Info when its header is cut. The bytes the frame claims past the
                // capture count when the LLC payload runs to the end of the captured bytes.
                int reported = payload + rest == capturedEnd ? rest + missing : rest;
                netbeui.nbf(b, payload, rest, reported);
            }
            if (data && llc.dsap() == 0xfe && rest > 0) {
                // OSI network layer protocols (packet-osi.c) by their NLPID: IS-IS here, others stay LLC
                int reported = payload + rest == capturedEnd ? rest + missing : rest;
                small.isis(b, payload, rest, reported);
            }
        }
    }

    private final Netbeui netbeui = new Netbeui(protocol, info);

    private void sapName(int sap) {
        String name = LinkNames.sap(sap);
        if (name != null) {
            info.append(name);
        } else {
            info.append("0x");
            info.appendHex(sap & 0xfe, 2);
        }
    }

    /** Spanning tree BPDUs (IEEE 802.1D-2004 section 9.3, 802.1Q-2018 section 14 for MSTP). */
    /**
     * LLDP (IEEE 802.1AB; packet-lldp.c): TLVs of a 7-bit type and 9-bit length. Info is the
     * chassis id and port id, each "subtype abbreviation/value " (MA a MAC address, NA a network
     * address, IN an interface name, IA an alias, LA locally assigned, CC/PC components, AC an
     * agent circuit), the time to live, then "SysN=name " and "SysD=description " where present;
     * a malformed mandatory TLV makes the whole Info "Invalid ... TLV", as in tshark.
     */
    private void lldp(byte[] b, int p, int rest) {
        protocol.setLength(0);
        protocol.append("LLDP");
        info.setLength(0);
        int end = p + rest;
        int q = lldpId(b, p, end, 1);
        if (q < 0) {
            info.setLength(0);
            info.append("Invalid Chassis ID TLV");
            return;
        }
        q = lldpId(b, q, end, 2);
        if (q < 0) {
            info.setLength(0);
            info.append("Invalid Port ID TLV");
            return;
        }
        if (end - q < 4 || (Bytes.be16(b, q) >> 9) != 3) {
            info.setLength(0);
            info.append("Invalid Time-to-Live TLV");
            return;
        }
        info.append(Bytes.be16(b, q + 2)).append(' ');
        q += 2 + (Bytes.be16(b, q) & 0x1ff);
        while (end - q >= 2) {
            int t = Bytes.be16(b, q);
            int type = t >> 9;
            int len = t & 0x1ff;
            if (type == 0 || q + 2 + len > end) {
                return;
            }
            if (type == 5 || type == 6) {
                info.append(type == 5 ? "SysN=" : "SysD=");
                stringz(b, q + 2, len);
                info.append(' ');
            }
            q += 2 + len;
        }
    }

    /** The chassis id (TLV 1) or port id (TLV 2) at {@code q} written to Info; the offset after it, or -1 when malformed. */
    private int lldpId(byte[] b, int q, int end, int tlv) {
        if (end - q < 3) {
            return -1;
        }
        int t = Bytes.be16(b, q);
        int len = t & 0x1ff;
        if ((t >> 9) != tlv || len < 2 || q + 2 + len > end) {
            return -1;
        }
        int subtype = b[q + 2] & 0xff;
        int v = q + 3;
        int n = len - 1;
        boolean chassis = tlv == 1;
        int mac = chassis ? 4 : 3;
        int net = chassis ? 5 : 4;
        if (subtype == mac) {
            if (len != 7) {
                return -1;
            }
            info.append("MA/");
            Addresses.mac(info, b, v);
        } else if (subtype == net) {
            int family = b[v] & 0xff;
            info.append("NA/");
            if (family == 1 && len == 6) {
                Addresses.ipv4(info, b, v + 1);
            } else if (family == 2 && len == 18) {
                Addresses.ipv6(info, b, v + 1);
            } else if (family == 1 || family == 2) {
                return -1;
            } else {
                hexBytes(b, v + 1, n - 1);
            }
        } else {
            if (len > 256) {
                return -1;
            }
            String abbreviation = chassis ? switch (subtype) {
                case 1 -> "CC";
                case 2 -> "IA";
                case 3 -> "PC";
                case 6 -> "IN";
                case 7 -> "LA";
                default -> null;
            } : switch (subtype) {
                case 1 -> "IA";
                case 2 -> "PC";
                case 5 -> "IN";
                case 6 -> "AC";
                case 7 -> "LA";
                default -> null;
            };
            if (abbreviation == null) {
                info.append("Rs/Reserved");
            } else {
                info.append(abbreviation).append('/');
                if (abbreviation.equals("PC")) {
                    hexBytes(b, v, n);
                } else {
                    stringz(b, v, n);
                }
            }
        }
        info.append(' ');
        return q + 2 + len;
    }

    /** tvb_format_stringzpad: the text up to a NUL, escaped as format_text does. */
    private void stringz(byte[] b, int p, int n) {
        int z = p;
        while (z < p + n && b[z] != 0) {
            z++;
        }
        dev.capmill.decode.Dns.appendText(info, b, p, z - p);
    }

    /** tvb_bytes_to_str: lower-case hex, no separators. */
    private void hexBytes(byte[] b, int p, int n) {
        for (int i = 0; i < n; i++) {
            info.appendHex(b[p + i] & 0xff, 2);
        }
    }

    /**
     * Ethernet's configuration testing protocol (EtherType 0x9000; packet-loop.c): a little-endian
     * skip count, then functions (1 reply, with a receipt number; 2 forward data, with an address)
     * walked until the one the skip count points at, whose name is the Info.
     */
    private void loop(byte[] b, int p, int rest) {
        protocol.setLength(0);
        protocol.append("LOOP");
        info.setLength(0);
        int relay = 2 + Bytes.le16(b, p);
        int off = 2;
        while (off + 2 <= rest) {
            int function = Bytes.le16(b, p + off);
            if (off == relay) {
                switch (function) {
                    case 1 -> info.append("Reply");
                    case 2 -> info.append("Forward Data");
                    default -> info.append("Unknown function (").append(function).append(')');
                }
            }
            if (function != 2) {
                return;
            }
            off += 8;
        }
    }

    /**
     * Cisco Discovery Protocol (packet-cdp.c): version, TTL and checksum, then TLVs of type, length
     * (header included) and value; Info names the Device ID (TLV 1) and Port ID (TLV 3) in TLV
     * order, each followed by two spaces, their text up to a NUL and escaped as format_text does.
     */
    private void cdp(byte[] b, int p, int n) {
        protocol.append("CDP");
        info.setLength(0);
        int q = p + 4;
        int end = p + n;
        while (end - q >= 4) {
            int type = Bytes.be16(b, q);
            int len = Bytes.be16(b, q + 2);
            if (len < 4) {
                break;
            }
            int v = q + 4;
            int vend = Math.min(end, q + len);
            if (type == 1 || type == 3) {
                info.append(type == 1 ? "Device ID: " : "Port ID: ");
                stringz(b, v, vend - v);
                info.append("  ");
            }
            q += len;
        }
    }

    private void stp(byte[] b, int p, int n) {
        protocol.setLength(0);
        protocol.append("STP");
        info.setLength(0);
        if (n < 4) {
            info.append(MALFORMED);
            return;
        }
        int version = b[p + 2] & 0xff;
        int type = b[p + 3] & 0xff;
        if (type == 0x80) {
            info.append("Topology Change Notification");
            return;
        }
        if (type != 0x00 && type != 0x02) {
            info.append("Unknown BPDU type (").append(type).append(')');
            return;
        }
        if (n < 27) {
            info.append(MALFORMED);
            return;
        }
        int flags = b[p + 4] & 0xff;
        int priority = Bytes.be16(b, p + 5);
        if (type == 0x00) {
            info.append("Conf. ");
        } else {
            info.append(version == 3 ? "MST" : version == 4 ? "SPT" : "RST").append(". ");
        }
        if ((flags & 1) != 0) {
            info.append("TC + ");
        }
        info.append("Root = ").append(priority & 0xf000).append('/').append(priority & 0x0fff).append('/');
        Addresses.mac(info, b, p + 7);
        info.append("  Cost = ").append(Bytes.be32(b, p + 13)).append("  Port = 0x");
        info.appendHex(Bytes.be16(b, p + 25), 4);
        // the Info needs 27 bytes; the rest of a configuration BPDU (35) or RST BPDU (36) must be there too
        if (n < (type == 0x00 ? 35 : 36)) {
            info.append(MALFORMED);
        }
    }

    /** Linux cooked capture v1 or v2: the address is the source; the packet type is Info until a payload names itself. */
    private void sll(byte[] b, int off, int len, long frame, boolean v2) {
        if (!sll.reset(b, off, len, v2)) {
            info.append(MALFORMED);
            return;
        }
        d.add(Dissection.SLL);
        if (sll.addressLength() == 6) {
            Addresses.mac(source, b, sll.addressOffset());
        } else if (sll.addressLength() == 4) {
            Addresses.ipv4(source, b, sll.addressOffset());
        }
        // tshark 4.0 reads SLL2's one-byte packet type together with the address length byte
        // as one 16-bit number, so its Info is "Unknown (6)" for an Ethernet address
        int packetType = v2 ? Bytes.be16(b, off + 10) : sll.packetType();
        String type = LinkNames.sllPacketType(packetType);
        if (type != null) {
            info.append(type);
        } else {
            info.append("Unknown (").append(packetType).append(')');
        }
        int p = off + sll.headerLength();
        int rest = len - sll.headerLength();
        int proto = sll.protocol();
        if (proto >= 1536) {
            if (!etherType(b, p, rest, proto, frame)) {
                protocol.append("0x");
                protocol.appendHex(proto, 4);
            }
        } else if (proto == 4) {
            // Linux ETH_P_802_2: an 802.2 LLC header follows
            llc(b, p, rest, frame);
        } else if (proto == 0x000C && rest >= 8) {
            // Linux ETH_P_CAN: a classic SocketCAN frame, its id in the capturing host's byte order
            info.setLength(0);
            socketCan(b, p, rest, rest + missing, dev.capmill.model.Bytes.u32LE(b, p), false);
        } else {
            protocol.append("SLL");
        }
    }

    /** LINKTYPE_RAW: IPv4 or IPv6 by the version nibble; tshark fills the address columns with "N/A" until IP does. */
    private void rawIp(byte[] b, int off, int len, long frame) {
        source.append("N/A");
        destination.append("N/A");
        int version = len >= 2 ? (b[off] & 0xf0) >> 4 : 0;
        if (version == 4) {
            network(b, off, len, frame, 0x0800);
        } else if (version == 6) {
            network(b, off, len, frame, 0x86dd);
        } else {
            protocol.append("N/A");
            info.append("Raw packet data");
            if (len < 2) {
                info.append(MALFORMED);
            }
        }
    }

    /**
     * BSD loopback: a four-byte address family, in the capturing host's byte order for
     * LINKTYPE_NULL (read as tshark does: swapped when the upper half is not zero; a value above
     * 1500 is an EtherType) and big-endian for LINKTYPE_LOOP (tcpdump.org/linktypes/LINKTYPE_NULL.html).
     */
    private void nullLoopback(byte[] b, int off, int len, long frame, boolean loop) {
        source.append("N/A");
        destination.append("N/A");
        if (len < 4) {
            protocol.append("N/A");
            info.append("Null/Loopback").append(MALFORMED);
            return;
        }
        long family;
        if (loop) {
            family = Bytes.be32(b, off);
        } else {
            family = Bytes.be32(b, off);
            family = Long.reverseBytes(family) >>> 32;
            if ((family & 0xffff0000L) != 0) {
                family = Long.reverseBytes(family) >>> 32;
            }
        }
        d.add(Dissection.NULL);
        int p = off + 4;
        int rest = len - 4;
        if (!loop && family > 1500) {
            if (!etherType(b, p, rest, (int) family, frame)) {
                protocol.append("N/A");
                info.append("Null/Loopback");
            }
            return;
        }
        if (family == 2) {
            network(b, p, rest, frame, 0x0800);
        } else if (family == 24 || family == 28 || family == 30) {
            // AF_INET6 is 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS
            network(b, p, rest, frame, 0x86dd);
        } else {
            protocol.append("N/A");
            info.append("Null/Loopback");
        }
    }

    /** Radiotap, then IEEE 802.11 (without the FCS when the radiotap flags say there is one). */
    private void radiotap(byte[] b, int off, int len, long frame) {
        if (!radiotap.reset(b, off, len)) {
            protocol.append("WLAN");
            info.append(MALFORMED);
            return;
        }
        int fcs = radiotap.hasFcs() ? 4 : 0;
        int n = len - radiotap.length() - fcs;
        if (n < 0) {
            protocol.append("WLAN");
            info.append(MALFORMED);
            return;
        }
        wlan(b, off + radiotap.length(), n, frame, fcs > 0);
    }

    private static final char[] WLAN_FLAGS = {'T', 'F', 'M', 'R', 'P', 'm', 'p', 'o'};

    /** IEEE 802.11: data frames' LLC payload is decoded; other frames show their names as tshark does. */
    private void wlan(byte[] b, int off, int len, long frame, boolean fcs) {
        protocol.append("802.11");
        if (len >= 1 && (b[off] & 3) != 0) {
            info.append("Unknown protocol version: ").append(b[off] & 3).append(missing > 0 ? LIMITED : MALFORMED);
            return;
        }
        // tshark reads the header from the whole frame, FCS included (only the body stops before
        // the FCS): a control frame whose last address runs into a short FCS still shows
        boolean header = wlan.reset(b, off, len);
        if (!header && fcs) {
            int withFcs = Math.min(len + 4, capturedEnd - off);
            header = withFcs > len && wlan.reset(b, off, withFcs);
        }
        if (!header) {
            if (len >= 1) {
                info.append(LinkNames.wlan((b[off] >> 2) & 3, (b[off] >> 4) & 15));
            }
            if (len >= 16) {
                Addresses.mac(source, b, off + 10);
            }
            info.append(missing > 0 ? LIMITED : MALFORMED);
            return;
        }
        d.add(Dissection.WLAN);
        int type = wlan.type();
        int sub = wlan.subtype();
        String name = LinkNames.wlan(type, sub);
        if (type == Wlan.CONTROL) {
            control(b, sub, name, fcs);
            return;
        }
        Addresses.mac(source, b, wlan.sourceAddress());
        Addresses.mac(destination, b, wlan.destinationAddress());
        info.append(name).append(", SN=").append(wlan.sequenceNumber()).append(", FN=").append(wlan.fragmentNumber())
                .append(", Flags=");
        int flags = wlan.flags();
        flagString(flags, fcs);
        int body = off + wlan.headerLength();
        int rest = Math.max(0, len - wlan.headerLength());
        if ((flags & 0x04) != 0) {
            // more fragments follow: tshark reassembles 802.11 fragments (not done here)
            info.setLength(0);
            info.append("Fragmented IEEE 802.11 frame");
            return;
        }
        if ((flags & 0x40) != 0) {
            return;
        }
        if (type == Wlan.MANAGEMENT) {
            management(b, sub, body, rest);
        } else if (type == Wlan.DATA && (sub & 4) == 0 && rest > 0) {
            protocol.setLength(0);
            info.setLength(0);
            llc(b, body, rest, frame);
        }
    }

    /** tshark's "Flags=" text: one character per flag bit, most significant first, and 'C' when an FCS follows. */
    private void flagString(int flags, boolean fcs) {
        for (int i = 7; i >= 0; i--) {
            info.append((flags & (1 << i)) != 0 ? WLAN_FLAGS[i] : '.');
        }
        if (fcs) {
            info.append('C');
        }
    }

    private void control(byte[] b, int sub, String name, boolean fcs) {
        // columns of control frames carry the role of each address
        boolean transmitter = !(sub == 0 || sub == 1 || sub == 6 || sub == 7 || sub == 12 || sub == 13);
        if (transmitter) {
            Addresses.mac(source, b, wlan.address2());
            source.append(sub == 14 ? " (BSSID)" : " (TA)");
        }
        Addresses.mac(destination, b, wlan.address1());
        destination.append(sub == 10 ? " (BSSID)" : " (RA)");
        info.append(name).append(", Flags=");
        flagString(wlan.flags(), fcs);
    }

    /** Fixed parameters before the tagged ones, by management subtype (IEEE 802.11-2020 section 9.3.3). */
    private static int fixedParameters(int sub) {
        return switch (sub) {
            case 0 -> 4;
            case 1, 3 -> 6;
            case 2 -> 10;
            case 4 -> 0;
            case 5, 8 -> 12;
            case 10, 12 -> 2;
            case 11 -> 6;
            default -> -1;
        };
    }

    private void management(byte[] b, int sub, int body, int rest) {
        int fixed = fixedParameters(sub);
        if (fixed < 0 || rest < fixed) {
            return;
        }
        if (sub == 5 || sub == 8) {
            info.append(", BI=").append(Bytes.le16(b, body + 8));
        }
        int p = body + fixed;
        int end = body + rest;
        while (p + 2 <= end) {
            int tag = b[p] & 0xff;
            int l = b[p + 1] & 0xff;
            if (p + 2 + l > end) {
                return;
            }
            if (tag == 0) {
                ssid(b, p + 2, l);
            } else if (tag == 114 && l > 0) {
                meshId(b, p + 2, l);
            }
            p += 2 + l;
        }
    }

    /** ", MESHID=..." (IEEE 802.11s Mesh ID element), printable ASCII as it is, other bytes as octal escapes. */
    private void meshId(byte[] b, int p, int l) {
        info.append(", MESHID=");
        for (int i = 0; i < l; i++) {
            int c = b[p + i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                info.append((char) c);
            } else {
                info.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + (c >> 3 & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
    }

    /** ", SSID=..." as tshark writes it: quoted when printable UTF-8, else hex digits. */
    private void ssid(byte[] b, int p, int l) {
        info.append(", SSID=");
        if (l == 0) {
            info.append("Wildcard (Broadcast)");
            return;
        }
        if (printableUtf8(b, p, l)) {
            info.append('"');
            appendUtf8(b, p, l);
            info.append('"');
        } else {
            for (int i = 0; i < l; i++) {
                info.appendHex(b[p + i] & 0xff, 2);
            }
        }
    }

    /** Appends UTF-8 bytes already checked by {@link #printableUtf8}, without a String. */
    private void appendUtf8(byte[] b, int p, int l) {
        int i = p;
        int end = p + l;
        while (i < end) {
            int c = b[i] & 0xff;
            int extra = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : 3;
            int cp = extra == 0 ? c : extra == 1 ? c & 0x1f : extra == 2 ? c & 0x0f : c & 0x07;
            for (int k = 1; k <= extra; k++) {
                cp = cp << 6 | (b[i + k] & 0x3f);
            }
            info.appendCodePoint(cp);
            i += extra + 1;
        }
    }

    private static boolean printableUtf8(byte[] b, int p, int l) {
        int i = p;
        int end = p + l;
        while (i < end) {
            int c = b[i] & 0xff;
            int extra;
            int cp;
            if (c < 0x80) {
                if (c < 0x20 || c == 0x7f) {
                    return false;
                }
                i++;
                continue;
            } else if ((c & 0xe0) == 0xc0) {
                extra = 1;
                cp = c & 0x1f;
            } else if ((c & 0xf0) == 0xe0) {
                extra = 2;
                cp = c & 0x0f;
            } else if ((c & 0xf8) == 0xf0) {
                extra = 3;
                cp = c & 0x07;
            } else {
                return false;
            }
            if (i + extra >= end) {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | (cc & 0x3f);
            }
            if (cp < 0xa0) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    private void arp(byte[] b, long frame) {
        protocol.setLength(0);
        protocol.append("ARP");
        info.setLength(0);
        // packet-arp.c: the same sender and target address make a gratuitous ARP, a request of
        // one with a zero target MAC an announcement; a request from address 0 with a zero target
        // MAC a probe
        int spa = arp.senderIpOffset();
        int tpa = arp.targetIpOffset();
        boolean gratuitous = Bytes.be32(b, spa) == Bytes.be32(b, tpa);
        boolean zeroTargetMac = mac48(b, arp.targetMacOffset()) == 0;
        if (arp.opcode() == 1) {
            if (gratuitous) {
                info.append(zeroTargetMac ? "ARP Announcement for " : "Gratuitous ARP for ");
                Addresses.ipv4(info, b, tpa);
                if (!zeroTargetMac) {
                    info.append(" (Request)");
                }
            } else if (zeroTargetMac && Bytes.be32(b, spa) == 0) {
                info.append("Who has ");
                Addresses.ipv4(info, b, tpa);
                info.append("? (ARP Probe)");
            } else {
                info.append("Who has ");
                Addresses.ipv4(info, b, tpa);
                info.append("? Tell ");
                Addresses.ipv4(info, b, spa);
            }
        } else if (arp.opcode() == 2) {
            if (gratuitous) {
                info.append("Gratuitous ARP for ");
                Addresses.ipv4(info, b, spa);
                info.append(" (Reply)");
            } else {
                Addresses.ipv4(info, b, spa);
                info.append(" is at ");
                Addresses.mac(info, b, arp.senderMacOffset());
            }
        } else {
            otherArpOpcode(b);
        }
        duplicateAddresses(b, frame);
    }

    /**
     * The Info of the other ARP opcodes, as packet-arp.c writes them: reverse ARP (3, 4) and
     * inverse ARP (8, 9) with their own Protocol names, the experimental (24, 25) and reserved
     * (0, 65535) codes, and "Unknown ARP opcode 0x...." for the rest.
     */
    private void otherArpOpcode(byte[] b) {
        int op = arp.opcode();
        switch (op) {
            case 3, 8 -> {
                protocol.setLength(0);
                protocol.append(op == 3 ? "RARP" : "Inverse ARP");
                info.append("Who is ");
                Addresses.mac(info, b, arp.targetMacOffset());
                info.append("? Tell ");
                Addresses.mac(info, b, arp.senderMacOffset());
            }
            case 4 -> isAt(b, "RARP", arp.targetMacOffset(), arp.targetIpOffset());
            case 9 -> isAt(b, "Inverse ARP", arp.senderMacOffset(), arp.senderIpOffset());
            case 24, 25 -> info.append("Experimental ").append(op - 23).append(" ( opcode ").append(op).append(" )");
            case 0, 65535 -> info.append("Reserved opcode ").append(op);
            default -> {
                info.append("Unknown ARP opcode 0x");
                info.appendHex(op, 4);
            }
        }
    }

    /** A reverse or inverse ARP reply: "MAC is at IP" under that protocol's name. */
    private void isAt(byte[] b, String name, int mac, int ip) {
        protocol.setLength(0);
        protocol.append(name);
        Addresses.mac(info, b, mac);
        info.append(" is at ");
        Addresses.ipv4(info, b, ip);
    }

    /**
     * tshark's " (duplicate use of A.B.C.D detected!)" (packet-arp.c): for requests and replies, the
     * sender's address pair is checked, and for replies the target's too (not again for the same
     * address), each only with a unicast, non-zero MAC and a non-zero address. As in tshark, the
     * second check's answer replaces the first's, and the address named is the last one found.
     */
    private void duplicateAddresses(byte[] b, long frame) {
        int op = arp.opcode();
        if (op != 1 && op != 2) {
            return;
        }
        boolean detected = false;
        int duplicate = 0;
        int sm = arp.senderMacOffset();
        long senderMac = mac48(b, sm);
        int senderIp = (int) Bytes.be32(b, arp.senderIpOffset());
        if ((b[sm] & 1) == 0 && senderMac != 0 && senderIp != 0) {
            detected = arpDuplicates.check(senderMac, senderIp, frame);
            if (detected) {
                duplicate = senderIp;
            }
        }
        int tm = arp.targetMacOffset();
        long targetMac = mac48(b, tm);
        int targetIp = (int) Bytes.be32(b, arp.targetIpOffset());
        if ((b[tm] & 1) == 0 && targetMac != 0 && targetIp != 0 && op != 1 && duplicate != targetIp) {
            detected = arpDuplicates.check(targetMac, targetIp, frame);
            if (detected) {
                duplicate = targetIp;
            }
        }
        if (detected) {
            info.append(" (duplicate use of ").append((duplicate >>> 24) & 0xff).append('.')
                    .append((duplicate >>> 16) & 0xff).append('.').append((duplicate >>> 8) & 0xff).append('.')
                    .append(duplicate & 0xff).append(" detected!)");
        }
    }

    private static long mac48(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (b[p + i] & 0xff);
        }
        return v;
    }


    /**
     * An IP header at {@code p} announced as IPv4 ({@code 0x0800}, which tshark's "ip" dissector also
     * accepts for version 6) or IPv6; writes the columns whatever the header holds.
     */
    private void network(byte[] b, int p, int rest, long frame, int type) {
        protocol.setLength(0);
        info.setLength(0);
        if (type == 0x0800 && rest >= 1 && (b[p] & 0xf0) == 0x60) {
            type = 0x86dd;
        } else if (type == 0x86dd && rest >= 1 && (b[p] & 0xf0) != 0x60) {
            protocol.setLength(0);
            protocol.append("IPv6");
            info.setLength(0);
            info.append("Bogus IPv6 version (").append((b[p] & 0xf0) >> 4).append(", must be 6)");
            return;
        }
        ip(b, p, rest, frame, type);
    }

    /**
     * Decodes the IPv4 or IPv6 header and what precedes the transport layer (extension headers,
     * fragments). True when a transport layer follows, described by the t* fields; false when the
     * columns are written already (a malformed header, a fragment not completing a datagram).
     */
    private boolean ipHeader(byte[] b, int p, int rest, long frame, int type) {
        if (type == 0x0800) {
            if (!ip4.reset(b, p, rest)) {
                ipv4Error(b, p, rest);
                return false;
            }
            d.add(Dissection.IPV4);
            d.ip4At.add(b, p, rest);
            source.setLength(0);
            destination.setLength(0);
            ip4.appendSource(source);
            ip4.appendDestination(destination);
            int hl = ip4.headerLength();
            // a total length of 0 is TCP segmentation offload: tshark takes the captured length
            int total = ip4.totalLength() == 0 ? rest + missing : ip4.totalLength();
            // ... and shows that length as ip.len
            d.ip4At.setAux(total);
            tBuf = b;
            tProto = ip4.protocol();
            tPayload = p + hl;
            tPayloadLen = Math.min(rest, total) - hl;
            tSrc = ip4.sourceOffset();
            tDst = ip4.destinationOffset();
            tAddrLen = 4;
            tTtl = ip4.ttl();
            tReported = total - hl;
            if (!ip4.isFragment()) {
                return true;
            }
            d.add(Dissection.IP_FRAGMENT);
            int fragmentLength = total - hl;
            int offset = ip4.fragmentOffset();
            if (fragmentLength >= 0 && fragmentLength <= rest - hl) {
                long key = IpReassembly.key(b, tSrc, tDst, 4, ip4.identification(), tProto, vlan);
                if (fragments.add(key, b, tPayload, fragmentLength, offset, ip4.moreFragments())) {
                    reassembled();
                    return true;
                }
            } else if (offset == 0) {
                return true;
            }
            protocol.append("IPv4");
            info.setLength(0);
            info.append("Fragmented IP protocol (proto=").append(IpProtocolNames.name(tProto)).append(' ').append(tProto)
                    .append(", off=").append(offset).append(", ID=");
            info.appendHex(ip4.identification(), 4);
            info.append(')');
            return false;
        }
        if (!ip6.reset(b, p, rest)) {
            ipv6Error(b, p, rest);
            return false;
        }
        d.add(Dissection.IPV6);
        d.ip6At.add(b, p, rest);
        source.setLength(0);
        destination.setLength(0);
        ip6.appendSource(source);
        ip6.appendDestination(destination);
        tBuf = b;
        tProto = ip6.upperProtocol();
        tPayload = ip6.upperOffset();
        tPayloadLen = Math.min(rest - Ipv6.HEADER, ip6.payloadLength()) - ip6.extensionBytes();
        tReported = ip6.payloadLength() - ip6.extensionBytes();
        tSrc = ip6.sourceOffset();
        tDst = ip6.destinationOffset();
        tAddrLen = 16;
        tTtl = ip6.hopLimit();
        if (ip6.extensionTruncated()) {
            protocol.append("IPv6");
            info.setLength(0);
            info.append(rest - Ipv6.HEADER < ip6.payloadLength() && missing > 0 ? LIMITED : MALFORMED);
            return false;
        }
        if (ip6.hasFragmentHeader() && (ip6.fragmentOffset() != 0 || ip6.moreFragments())) {
            d.add(Dissection.IP_FRAGMENT);
            int fragmentLength = ip6.payloadLength() - ip6.extensionBytes();
            int offset = ip6.fragmentOffset();
            if (fragmentLength >= 0 && fragmentLength <= tPayloadLen) {
                long key = IpReassembly.key(b, tSrc, tDst, 16, ip6.fragmentIdentification(), 0, 0);
                if (fragments.add(key, b, tPayload, fragmentLength, offset, ip6.moreFragments())) {
                    reassembled();
                    return true;
                }
            } else if (offset == 0) {
                return true;
            }
            protocol.append("IPv6");
            info.setLength(0);
            info.append("IPv6 fragment (off=").append(offset).append(" more=").append(ip6.moreFragments() ? 'y' : 'n')
                    .append(" ident=0x");
            info.appendHex(ip6.fragmentIdentification(), 8);
            info.append(" nxt=").append(tProto).append(')');
            return false;
        }
        if (tProto == 59) {
            protocol.append("IPv6");
            info.setLength(0);
            info.append("IPv6 no next header");
            return false;
        }
        return true;
    }

    /** Points the transport fields at the reassembled datagram, with the addresses copied in front of it. */
    private void reassembled() {
        byte[] r = fragments.buffer();
        System.arraycopy(tBuf, tSrc, r, 0, tAddrLen);
        System.arraycopy(tBuf, tDst, r, tAddrLen, tAddrLen);
        tBuf = r;
        tSrc = 0;
        tDst = tAddrLen;
        tPayload = IpReassembly.PREFIX;
        tPayloadLen = fragments.length();
        tReported = tPayloadLen;
    }

    /** How many IP headers were cut so far (their dissector's exception ends the line). */
    private int ipCut;

    private void ipv4Error(byte[] b, int p, int rest) {
        protocol.setLength(0);
        protocol.append("IPv4");
        info.setLength(0);
        // tshark's IPv4 dissector adds the fields it reads until the check that fails: the total
        // length is read before it is checked, and a cut header gives the fields captured
        if (ip4.status() == Ipv4.BAD_TOTAL_LENGTH) {
            d.ip4At.add(b, p, 4);
        } else if (ip4.status() == Ipv4.TRUNCATED) {
            d.ip4At.add(b, p, rest);
        }
        switch (ip4.status()) {
            case Ipv4.BAD_VERSION -> info.append("Bogus IPv4 version (").append(ip4.version()).append(", must be 4)");
            case Ipv4.BAD_HEADER_LENGTH -> info.append("Bogus IP header length (").append((b[p] & 0x0f) * 4)
                    .append(", must be at least 20)");
            case Ipv4.BAD_TOTAL_LENGTH -> info.append("Bogus IP length (").append(ip4.totalLength())
                    .append(", less than header length ").append(ip4.headerLength()).append(')');
            default -> {
                int needed = rest >= 1 ? Math.max(20, (b[p] & 0x0f) * 4) : 20;
                if (rest >= 16) {
                    source.setLength(0);
                    Addresses.ipv4(source, b, p + 12);
                }
                if (rest >= 20) {
                    destination.setLength(0);
                    Addresses.ipv4(destination, b, p + 16);
                }
                info.append(rest + missing >= needed ? LIMITED : MALFORMED);
                ipCut++;
            }
        }
    }

    private void ipv6Error(byte[] b, int p, int rest) {
        protocol.setLength(0);
        protocol.append("IPv6");
        info.setLength(0);
        if (ip6.status() == Ipv6.BAD_VERSION) {
            info.append("Bogus IPv6 version (").append((b[p] & 0xf0) >> 4).append(", must be 6)");
            return;
        }
        if (rest >= 24) {
            source.setLength(0);
            Addresses.ipv6(source, b, p + 8);
        }
        if (rest + missing >= Ipv6.HEADER) {
            // the fields captured before the end (a header shorter than 40 bytes is refused whole)
            d.ip6At.add(b, p, rest);
        }
        if (rest + missing < Ipv6.HEADER) {
            info.append("Invalid IPv6 header (").append(rest + missing).append(" bytes, need exactly 40)").append(MALFORMED);
        } else {
            info.append(LIMITED);
        }
        ipCut++;
    }

    /** Always true: the columns are written (the header part, the transport, or the fallback). */
    private boolean ip(byte[] frameBytes, int p, int rest, long frame, int type) {
        if (!ipHeader(frameBytes, p, rest, frame, type)) {
            return true;
        }
        byte[] b = tBuf;
        int proto = tProto;
        int payload = tPayload;
        int payloadLen = tPayloadLen;
        int src = tSrc;
        int dst = tDst;
        int addrLen = tAddrLen;
        int ttl = tTtl;
        d.payloadBuffer = b;
        if (payloadLen < 0) {
            payloadLen = 0;
        }
        if (type == 0x0800 && tReported == 0) {
            // nothing after the header: tshark's IPv4 dissector leaves Info empty
            protocol.append("IPv4");
            return true;
        }
        // AH (packet-ipsec.c, dissect_ah): "AH (SPI=0x%08x)", then the protocol its next-header
        // field names is dissected from after it ((length field + 2) 32-bit words), and writes its
        // own columns over AH's. AH hands on no IP header, so an ICMP message after it has no
        // "ttl=" and is not matched with its request or reply (checked against tshark 4.0.17:
        // TCP, UDP and its applications, ICMP, IP in IP after AH). IPComp and a second AH keep
        // the fallback line
        long ahSpi = -1;
        while (proto == 51 && payloadLen >= 12) {
            int ahLen = ((b[payload + 1] & 0xff) + 2) * 4;
            int next = b[payload] & 0xff;
            if (ahLen > payloadLen || next == 108 || next == 51) {
                break;
            }
            ahSpi = Bytes.be32(b, payload + 4);
            proto = b[payload] & 0xff;
            payload += ahLen;
            payloadLen -= ahLen;
            tReported -= ahLen;
        }
        if (nest < MAX_NEST && !inIpcomp) {
            // IPComp (RFC 3173; packet-ipsec.c, dissect_ipcomp), also after AH: tshark inflates the
            // payload and dissects it; only the tunnel mode (IP in IP after the 4-byte header) is
            // followed here, which is what the corpus holds
            int at = -1;
            if (proto == 108) {
                at = payload;
            } else if (proto == 51 && payloadLen >= 12 && (b[payload] & 0xff) == 108
                    && ((b[payload + 1] & 0xff) + 2) * 4 <= payloadLen) {
                at = payload + ((b[payload + 1] & 0xff) + 2) * 4;
            }
            if (at >= 0 && ipcomp(b, at, payload + payloadLen - at, frame)) {
                return true;
            }
        }
        if (proto == 6 && tcp.reset(b, payload, payloadLen)) {
            d.add(Dissection.TCP);
            d.payloadOffset = payload + tcp.headerLength();
            d.payloadLength = Math.max(0, payloadLen - tcp.headerLength());
            tcp(b, src, dst, addrLen, payloadLen - tcp.headerLength());
            return true;
        }
        if (proto == 17 && udp.reset(b, payload, payloadLen)) {
            d.udpAt.add(b, payload, payloadLen);
            udp(b, payload, payloadLen, type, frame);
            return true;
        }
        if ((proto == 4 || proto == 41) && nest < MAX_NEST) {
            // IP in IP (packet-ip.c registers IPv4 for protocol 4, IPv6 for 41)
            nested(b, payload, payloadLen, frame, proto == 4 ? 0x0800 : 0x86dd);
            return true;
        }
        if (proto == 47 && nest < MAX_NEST && gre(b, payload, payloadLen, frame)) {
            return true;
        }
        if (proto == 1 && type == 0x0800 && icmp.reset(b, payload, payloadLen)) {
            d.add(Dissection.ICMP);
            d.icmpAt.add(b, payload, payloadLen);
            icmp(b, src, dst, frame, ahSpi >= 0 ? -1 : ttl);
            if (IcmpQuotes.icmpQuotes(icmp.type())) {
                quotes.record(d, b, payload + 8, payloadLen - 8, false);
            }
            return true;
        }
        if (proto == 58 && type == 0x86dd && icmp6.reset(b, payload, payloadLen)) {
            d.add(Dissection.ICMPV6);
            d.icmp6At.add(b, payload, payloadLen);
            icmpv6(b, src, dst, frame, ttl);
            if (IcmpQuotes.icmpv6Quotes(icmp6.type())) {
                quotes.record(d, b, payload + 8, payloadLen - 8, true);
            }
            return true;
        }
        if (proto == 1 && type == 0x0800) {
            // too short for the eight bytes tshark reads before it writes the Info (or a field)
            protocol.append("ICMP");
            info.append(payloadLen < tReported ? LIMITED : MALFORMED);
            return true;
        }
        if (proto == 58 && type == 0x86dd && payloadLen > 0) {
            protocol.append("ICMPv6");
            String name = Icmpv6Names.type(b[payload] & 0xff);
            if (name != null) {
                info.append(name);
            } else {
                info.append("Unknown (").append(b[payload] & 0xff).append(')');
            }
            info.append(missing > 0 ? LIMITED : MALFORMED);
            return true;
        }
        if (proto == 50) {
            esp(b, payload, payloadLen, tReported);
            return true;
        }
        if (proto == 89) {
            ospf(b, payload, payloadLen);
            return true;
        }
        if (proto == 112) {
            vrrp(b, payload, payloadLen);
            return true;
        }
        if (proto == 88) {
            eigrp(b, payload, payloadLen);
            return true;
        }
        if (proto == 2 && payloadLen > 0 && Igmp.decodes(b[payload] & 0xff)) {
            Igmp.summarize(b, payload, payloadLen, tReported, type == 0x0800 ? "IPv4" : "IPv6", protocol, info);
            return true;
        }
        if (proto == 132) {
            sctp.summarize(b, payload, payloadLen, tReported, src, dst, addrLen, frame, protocol, info);
            return true;
        }
        if (proto == 103) {
            if (payloadLen > 0) {
                pim(b, payload, payloadLen);
            } else {
                // the protocol is named before the first byte is read
                protocol.append("PIM");
                info.append(truncationMark(1, tReported));
            }
            return true;
        }
        if (ahSpi >= 0) {
            // no dissector for what AH carries: its own line stays
            protocol.append("AH");
            info.append("AH (SPI=0x");
            info.appendHex(ahSpi, 8);
            info.append(')');
            return true;
        }
        if (type == 0x0800) {
            protocol.append("IPv4");
        } else {
            protocol.append("IPv6");
            info.append("Unknown IP Protocol: ");
        }
        info.append(IpProtocolNames.name(proto)).append(" (").append(proto).append(')');
        return true;
    }

    /**
     * ESP (packet-ipsec.c, dissect_esp): the protocol column, the Info cleared, then the SPI and
     * sequence number read (an exception when the 8 bytes are not there) and "ESP (SPI=0x%08x)".
     * tshark's heuristic decoding of NULL-encrypted payloads is off by default, so nothing follows.
     */
    private void esp(byte[] b, int payload, int payloadLen, int reported) {
        protocol.append("ESP");
        if (payloadLen >= 8) {
            info.append("ESP (SPI=0x");
            info.appendHex(Bytes.be32(b, payload), 8);
            info.append(')');
        } else {
            info.append(truncationMark(8, reported));
        }
    }

    /**
     * IPsec in UDP on port 4500 (packet-ipsec-udp.c, RFC 3948): one byte 0xff is a NAT keepalive,
     * four zero bytes (the non-ESP marker) start an IKE message, anything else is ESP. False for
     * IKE, which capmill does not decode (the plain UDP line follows), and for an empty datagram.
     */
    private boolean udpEncap(byte[] b, int p, int len, int reported) {
        if (reported <= 0) {
            return false;
        }
        if (len == 1 && (b[p] & 0xff) == 0xff) {
            protocol.append("UDPENCAP");
            info.append("NAT-keepalive");
            return true;
        }
        if (len < 4) {
            protocol.append("UDPENCAP");
            info.append(truncationMark(4, reported));
            return true;
        }
        if (Bytes.be32(b, p) == 0) {
            // the non-ESP marker: IKE follows (RFC 3948)
            protocol.append("ISAKMP");
            Isakmp.info(b, p + 4, len - 4, info);
            return true;
        }
        esp(b, p, len, reported);
        return true;
    }

    /**
     * A PIM Register carries a multicast packet, which tshark dissects after making the columns
     * read-only: the Info stays "Register", but the inner IPv4 or IPv6 header still sets the
     * addresses the Source and Destination columns show (an IPv4 header only once its header and
     * total lengths pass packet-ip.c's checks). A null register (version 0) keeps the outer ones.
     */
    private void registerAddresses(byte[] b, int p, int len) {
        if (len < 1) {
            return;
        }
        int version = (b[p] & 0xff) >> 4;
        if (version == 4 && len >= 20) {
            int hl = (b[p] & 0x0f) * 4;
            if (hl >= 20 && Bytes.be16(b, p + 2) >= hl) {
                source.setLength(0);
                Addresses.ipv4(source, b, p + 12);
                destination.setLength(0);
                Addresses.ipv4(destination, b, p + 16);
            }
        } else if (version == 6 && len >= Ipv6.HEADER) {
            source.setLength(0);
            Addresses.ipv6(source, b, p + 8);
            destination.setLength(0);
            Addresses.ipv6(destination, b, p + 24);
        }
    }

    /** OSPF packet types (packet-ospf.c, pt_vals). */
    private static final String[] OSPF_TYPES = {null, "Hello Packet", "DB Description", "LS Request", "LS Update",
        "LS Acknowledge"};

    /**
     * OSPF (packet-ospf.c): the Info is the packet type's name, read with the version from the
     * first two bytes. What the body holds is not shown in the columns (a malformed LS update,
     * which tshark marks, is not checked here).
     */
    private void ospf(byte[] b, int p, int n) {
        protocol.append("OSPF");
        if (n < 2) {
            info.append(truncationMark(2, tReported));
            return;
        }
        int t = b[p + 1] & 0xff;
        if (t < OSPF_TYPES.length && OSPF_TYPES[t] != null) {
            info.append(OSPF_TYPES[t]);
        } else {
            info.append("Unknown (").append(t).append(')');
        }
    }

    /**
     * VRRP (packet-vrrp.c): "Announcement (vN)" from the version nibble, after which the dissector
     * reads the priority and address count (bytes 2 and 3) and the checksum (bytes 6 and 7)
     * whether or not it builds a tree; a packet that ends before them gets the exception's mark.
     */
    private void vrrp(byte[] b, int p, int n) {
        protocol.append("VRRP");
        int reported = tReported;
        if (n < 1) {
            info.append(truncationMark(1, reported));
            return;
        }
        info.append("Announcement (v").append((b[p] & 0xff) >> 4).append(')');
        int fails = n < 4 ? 4 : n < 8 ? 8 : -1;
        if (fails > 0) {
            info.append(truncationMark(fails, reported));
        }
    }

    /** EIGRP opcodes (packet-eigrp.c, eigrp_opcode2string). */
    private static final String[] EIGRP_OPCODES = {null, "Update", "Request", "Query", "Reply", "Hello",
        "IPX/SAP Update", "Route Probe", "Hello (Ack)", "Stub-Info", "SIA-Query", "SIA-Reply"};

    /**
     * EIGRP (packet-eigrp.c): the opcode's name, a Hello with a non-zero acknowledgement number
     * being "Hello (Ack)"; the opcode (byte 1) and the acknowledgement (bytes 12 to 15) are read
     * before the Info is written. The TLVs after the header are not checked.
     */
    private void eigrp(byte[] b, int p, int n) {
        protocol.append("EIGRP");
        if (n < 16) {
            int fails = n < 2 ? 2 : 16;
            info.append(truncationMark(fails, tReported));
            return;
        }
        int op = b[p + 1] & 0xff;
        if (op == 5 && Bytes.be32(b, p + 12) != 0) {
            op = 8;
        }
        if (op < EIGRP_OPCODES.length && EIGRP_OPCODES[op] != null) {
            info.append(EIGRP_OPCODES[op]);
        } else {
            info.append("Unknown OpCode (0x");
            info.appendHex(op, 4);
            info.append(')');
        }
    }

    /** PIM version 2 message types (packet-pim.c, pimtypevals). */
    private static final String[] PIM_TYPES = {"Hello", "Register", "Register-stop", "Join/Prune", "Bootstrap",
        "Assert", "Graft", "Graft-Ack", "Candidate-RP-Advertisement", "State-Refresh", "DF election", "ECMP redirect"};

    /**
     * PIM (packet-pim.c, dissect_pim): "PIMv" and the version from the first byte's high nibble;
     * for version 2 the type's name ("Unknown (n)" past the table), for others "Unknown". Only
     * Hello reads past the four-byte header for what the columns show: each option's type and
     * length, and the values of hold time, LAN prune delay, DR priority, generation ID and state
     * refresh (read whether or not a tree is built), and address lists; an option that runs past
     * the end ends the line with the exception's mark. Register makes the columns read-only
     * before it dissects the packet it carries, so its line stays as it is.
     */
    private void pim(byte[] b, int payload, int payloadLen) {
        int v = b[payload] & 0xff;
        int version = v >> 4;
        int t = v & 0x0f;
        protocol.append("PIMv").append(version);
        if (version != 2) {
            info.append("Unknown");
            return;
        }
        if (t < PIM_TYPES.length) {
            info.append(PIM_TYPES[t]);
        } else {
            info.append("Unknown (").append(t).append(')');
        }
        if (t == 1) {
            registerAddresses(b, payload + 8, payloadLen - 8);
        }
        if (t != 0) {
            return;
        }
        int reported = tReported;
        int off = 4;
        while (reported - off >= 2) {
            // the end of the first read that fails, if one does: type, length, then the value
            int fails = off + 2 > payloadLen ? off + 2 : off + 4 > payloadLen ? off + 4 : -1;
            int len = 0;
            if (fails < 0) {
                len = Bytes.be16(b, payload + off + 2);
                int end = switch (Bytes.be16(b, payload + off)) {
                    case 1, 21 -> off + 6;
                    case 2, 19, 20 -> off + 8;
                    case 24, 65001 -> len > 0 ? off + 4 + len : -1; // addresses read one by one
                    default -> -1; // the value only goes into a tree
                };
                fails = end > payloadLen ? end : -1;
            }
            if (fails >= 0) {
                info.append(truncationMark(fails, reported));
                return;
            }
            off += 4 + len;
        }
    }

    /**
     * A UDP datagram of {@code payloadLen} captured bytes at {@code payload}: the application
     * protocol tshark would name for it (see {@link UdpApps}), else the plain UDP line.
     */
    private void udp(byte[] b, int payload, int payloadLen, int ipType, long frame) {
        d.add(Dissection.UDP);
        d.payloadOffset = payload + Udp.HEADER;
        d.payloadLength = Math.max(0, payloadLen - Udp.HEADER);
        // the application tshark gives the datagram by its ports (UdpPorts), chosen once
        int app = UdpPorts.choose(udp.sourcePort(), udp.destinationPort(), b, d.payloadOffset, d.payloadLength,
                Math.max(d.payloadLength, udp.length() - Udp.HEADER));
        // a conversation's dissector comes before the ports' (packet-udp.c, decode_udp_ports):
        // a TFTP transfer continues between the client's port and any port of the server
        int tftpSlot = d.payloadLength > 0 || udp.length() > Udp.HEADER
                ? udpProtocols.tftpConversation(b, tSrc, tDst, tAddrLen, udp.sourcePort(), udp.destinationPort()) : -1;
        if (tftpSlot >= 0) {
            app = UdpPorts.TFTP;
        }
        if (app == UdpPorts.VXLAN && d.payloadLength >= 8
                && nest < MAX_NEST) {
            // VXLAN (RFC 7348; packet-vxlan.c): 8 bytes of flags and VNI, then an Ethernet frame
            nested(b, d.payloadOffset + 8, d.payloadLength - 8, frame, ETHERNET_FRAME);
            return;
        }
        // the length the datagram claims: the UDP length field, cut to what the IP header claims
        int ipClaim = tReported; // after extension headers, AH, or the reassembled datagram
        int claimed = udp.length() >= Udp.HEADER && udp.length() <= ipClaim ? udp.length() : ipClaim;
        int reported = claimed - Udp.HEADER;
        if (app == UdpPorts.GENEVE && nest < MAX_NEST && geneve(b, d.payloadOffset, d.payloadLength, reported, frame)) {
            return;
        }
        if (app == UdpPorts.UDPENCAP && udpEncap(b, d.payloadOffset, d.payloadLength, reported)) {
            return;
        }
        if (app == UdpPorts.GTPU && nest < MAX_NEST && gtpU(b, d.payloadOffset, d.payloadLength, reported, frame)) {
            return;
        }
        // ONC RPC (NFS) is found by tshark's UDP heuristic, tried only when no port claims the datagram
        // (the length from the reassembled datagram's header when the IP layer reassembled it)
        int ipReported = tReported;
        int rpcReported = (udp.length() >= Udp.HEADER && udp.length() <= ipReported ? udp.length() : ipReported)
                - Udp.HEADER;
        if (app == UdpPorts.TFTP && reported > 0) {
            protocol.append("UDP");
            udpLine();
            udpProtocols.tftp(b, d.payloadOffset, d.payloadLength, reported, tftpSlot, b, tSrc, tDst, tAddrLen,
                    udp.sourcePort(), udp.destinationPort());
            UdpApps.capInfo(info);
            return;
        }
        if (app == UdpPorts.NONE && rpc.summarize(b, d.payloadOffset, d.payloadLength, rpcReported, b, tSrc, tDst,
                tAddrLen, udp.sourcePort(), udp.destinationPort(), frame, protocol, info)) {
            UdpApps.capInfo(info);
            return;
        }
        if (app == UdpPorts.DOIP && reported > 0) {
            protocol.append("UDP");
            udpLine();
            udpProtocols.doip(b, d.payloadOffset, d.payloadLength, reported);
            return;
        }
        if (app == UdpPorts.RX) {
            if (rxDecoder.decode(b, d.payloadOffset, d.payloadLength, reported, udp.sourcePort(), udp.destinationPort(),
                    b, tSrc, tDst, tAddrLen)) {
                UdpApps.capInfo(info);
                return;
            }
            // refused (short, or an unknown packet type): the heuristics still run, as for another port's dissector
            app = UdpPorts.OTHER;
        }
        if (app == UdpPorts.STUN && reported > 0 && udpProtocols.stun(b, d.payloadOffset, d.payloadLength, reported, false)) {
            UdpApps.capInfo(info);
            return;
        }
        // the heuristics run when no port's dissector took the datagram (a dissector capmill does
        // not decode may have refused it)
        if ((app == UdpPorts.NONE || app == UdpPorts.OTHER) && reported > 0
                && udpProtocols.stun(b, d.payloadOffset, d.payloadLength, reported, true)) {
            UdpApps.capInfo(info);
            return;
        }
        if ((app == UdpPorts.NONE || app == UdpPorts.OTHER) && reported > 0 && udpProtocols.tftpHeuristic(b, d.payloadOffset, d.payloadLength,
                reported, b, tSrc, tDst, tAddrLen, udp.sourcePort())) {
            UdpApps.capInfo(info);
            return;
        }
        if (app == UdpPorts.PTP && d.payloadLength < 2 && reported >= 1) {
            // the version check reads the second byte (packet-ptp.c, is_ptp_v2) before PTP names itself
            protocol.append("UDP");
            udpLine();
            info.append(truncationMark(2, reported));
            return;
        }
        if (app == UdpPorts.PTP && Ptp.isVersion2(b, d.payloadOffset, d.payloadLength)) {
            protocol.append("PTPv2");
            udpLine();
            Ptp.info(b, d.payloadOffset, d.payloadLength, reported, info);
            return;
        }
        if (app == UdpPorts.ISAKMP && d.payloadLength > 0) {
            protocol.append("ISAKMP");
            // on 500 too, a datagram to or from 4500 may start with the non-ESP marker (RFC 3948)
            int skip = (udp.sourcePort() == 4500 || udp.destinationPort() == 4500) && d.payloadLength >= 4
                    && Bytes.be32(b, d.payloadOffset) == 0 ? 4 : 0;
            Isakmp.info(b, d.payloadOffset + skip, d.payloadLength - skip, info);
            UdpApps.capInfo(info);
            return;
        }
        if (app == UdpPorts.PFCP && reported > 0) {
            small.pfcp(b, d.payloadOffset, d.payloadLength, reported);
            UdpApps.capInfo(info);
            return;
        }
        if (app == UdpPorts.HSRP && reported > 0) {
            protocol.append("UDP");
            udpLine();
            if (udpProtocols.hsrp(b, d.payloadOffset, d.payloadLength, reported, udp.destinationPort(), b, tDst,
                    tAddrLen)) {
                UdpApps.capInfo(info);
                return;
            }
            protocol.setLength(0);
            info.setLength(0);
        }
        if (app == UdpPorts.BFD_CONTROL && reported > 0) {
            udpProtocols.bfdControl(b, d.payloadOffset, d.payloadLength, reported);
            return;
        }
        if (app == UdpPorts.BFD_ECHO && reported > 0) {
            udpProtocols.bfdEcho();
            return;
        }
        if (app == UdpPorts.NBDS && netbeui.nbds(b, d.payloadOffset, d.payloadLength, reported)) {
            UdpApps.capInfo(info);
            return;
        }
        if (apps.summarize(d, b, d.payloadOffset, d.payloadLength, reported, app, protocol, info)) {
            UdpApps.capInfo(info);
            return;
        }
        protocol.append("UDP");
        udpLine();
    }

    /** UDP's Info: the ports and the length its header claims. */
    /** Set while an inflated IPComp payload is dissected: its buffer is not reentrant. */
    private boolean inIpcomp;
    private byte[] ipcompOut;

    /**
     * An IPComp header (next header, flags, CPI) at {@code b[at]} and a deflated IPv4 or IPv6 packet
     * after it: inflated (raw deflate as RFC 2394 gives it, else with a zlib header) into a buffer
     * of 64 KiB kept for the file, then dissected as IP in IP. False (the caller's line stays) for
     * other next headers or data that does not inflate.
     */
    private boolean ipcomp(byte[] b, int at, int len, long frame) {
        if (len < 5) {
            return false;
        }
        int next = b[at] & 0xff;
        if (next != 4 && next != 41) {
            return false;
        }
        if (ipcompOut == null) {
            ipcompOut = new byte[65535];
        }
        int n = inflate(b, at + 4, len - 4, true);
        if (n < 0) {
            n = inflate(b, at + 4, len - 4, false);
        }
        if (n <= 0) {
            return false;
        }
        inIpcomp = true;
        try {
            nested(ipcompOut, 0, n, frame, next == 4 ? 0x0800 : 0x86dd);
        } finally {
            inIpcomp = false;
        }
        return true;
    }

    /** Inflates into {@link #ipcompOut}; the length, or -1 when the data is not a complete deflate stream. */
    private int inflate(byte[] b, int off, int len, boolean raw) {
        if (raw && rawInflater == null) {
            rawInflater = new java.util.zip.Inflater(true);
        } else if (!raw && zlibInflater == null) {
            zlibInflater = new java.util.zip.Inflater(false);
        }
        java.util.zip.Inflater inf = raw ? rawInflater : zlibInflater;
        inf.reset();
        inf.setInput(b, off, len);
        try {
            int n = inf.inflate(ipcompOut, 0, ipcompOut.length);
            return inf.finished() ? n : -1;
        } catch (java.util.zip.DataFormatException e) {
            return -1;
        }
    }

    private java.util.zip.Inflater rawInflater;
    private java.util.zip.Inflater zlibInflater;

    /**
     * Geneve on UDP 6081 (RFC 8926; packet-geneve.c, checked against tshark 4.0.17 on made-up
     * datagrams and tcpdump's Geneve captures): 8 bytes (version and options length, flags,
     * protocol type, VNI), the options, then an Ethernet frame (0x6558) or an IP packet, whose line
     * is the datagram's; the version is not checked. The dissector names the protocol "Geneve" and
     * writes "Encapsulated {type}" once it has read the type, so a header or options cut short
     * leave that with the exception's mark. Other protocol types stay UDP here (false).
     */
    private boolean geneve(byte[] b, int p, int n, int reported, long frame) {
        int type = n >= 4 ? Bytes.be16(b, p + 2) : 0;
        if (n >= 4 && type != 0x6558 && type != 0x0800 && type != 0x86dd) {
            return false;
        }
        int end = n < 4 ? 4 : n < 8 ? 8 : 8 + (b[p] & 0x3f) * 4;
        if (end > n) {
            protocol.setLength(0);
            protocol.append("Geneve");
            info.setLength(0);
            if (n >= 4) {
                info.append("Encapsulated ").append(type == 0x6558 ? "Transparent Ethernet bridging"
                        : type == 0x0800 ? "IPv4" : "IPv6");
            }
            info.append(truncationMark(end, reported));
            return true;
        }
        nested(b, p + end, n - end, frame, type == 0x6558 ? ETHERNET_FRAME : type);
        return true;
    }

    /**
     * GTPv1-U on UDP 2152 (3GPP TS 29.281; packet-gtp.c, checked against tshark 4.0.17 on made-up
     * datagrams and the corpus). tshark takes a datagram whose version (top three bits) is 1 and
     * whose message type it can name ({@link GtpNames}); anything else stays UDP (false). The Info
     * is the type's name, with the exception's mark when the 8-byte header is cut. When any of the
     * E, S and PN flags is set 4 more bytes follow, and with E a chain of extension headers (length
     * in 4-byte units, next type in the last byte; a zero length ends the dissection there). A
     * T-PDU whose payload starts with IP version 4 or 6 is that packet, limited to the length the
     * header gives, and its line is the inner packet's with "GTP &lt;protocol&gt;" in the Protocol
     * column, unless the inner IP header is cut: then the IP dissector's exception leaves "IPv4" or
     * "IPv6" and the mark. Any other payload is "GTP &lt;GTP&gt;" with "T-PDU".
     */
    private boolean gtpU(byte[] b, int p, int n, int reported, long frame) {
        if (n < 2 || (b[p] & 0xe0) != 0x20) {
            return false;
        }
        int type = b[p + 1] & 0xff;
        String name = GtpNames.of(type);
        if (name == null) {
            return false;
        }
        protocol.setLength(0);
        protocol.append("GTP");
        info.setLength(0);
        info.append(name);
        if (n < 8) {
            info.append(truncationMark(8, reported));
            return true;
        }
        int flags = b[p] & 0xff;
        int header = 8;
        if ((flags & 7) != 0) {
            header = 12;
            if (n < header) {
                return true;
            }
            int next = (flags & 4) != 0 ? b[p + 11] & 0xff : 0;
            while (next != 0) {
                if (header >= n) {
                    return true;
                }
                int len = (b[p + header] & 0xff) * 4;
                if (len == 0 || header + len > n) {
                    return true;
                }
                next = b[p + header + len - 1] & 0xff;
                header += len;
            }
        }
        if (type != 0xff) {
            return true;
        }
        int inner = Math.min(n - header, Math.max(0, Bytes.be16(b, p + 2) - (header - 8)));
        int version = inner > 0 ? (b[p + header] & 0xf0) >> 4 : 0;
        if (version != 4 && version != 6) {
            protocol.append(" <GTP>");
            return true;
        }
        int cut = ipCut;
        nested(b, p + header, inner, frame, version == 4 ? 0x0800 : 0x86dd);
        if (ipCut == cut) {
            protocol.insert(0, "GTP <");
            protocol.append('>');
        }
        return true;
    }

    private void udpLine() {
        info.append(udp.sourcePort()).append(' ').append(ARROW_MARK).append(' ').append(udp.destinationPort())
                .append(" Len=").append(Math.max(0, udp.length() - Udp.HEADER));
    }

    private final UdpApps apps = new UdpApps();
    /** HSRP, BFD, TFTP, STUN and DoIP over UDP. */
    private final UdpProtocols udpProtocols = new UdpProtocols(protocol, info);
    private final Rx rxDecoder = new Rx(protocol, info);
    private final OncRpc rpc = new OncRpc();

    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    private final dev.capmill.decode.Columns columns = new dev.capmill.decode.Columns(protocol, info);
    private final dev.capmill.decode.TcpPayload tcpPayload = d.tcpPayload;

    {
        tcpPayload.dnsWriter = (b, off, captured, reported, text) -> apps.dnsOverTcp(d, b, off, captured, reported, text);
    }
    /** Capture time of the packet being summarised (epoch nanoseconds), for TCP's analysis. */
    private long timeNanos;

    /**
     * Summarises frame number {@code frame}, captured at {@code epochNanos}, of link type {@code
     * linkType}: {@code len} bytes captured of {@code originalLength}. The time feeds TCP's analysis.
     */
    /** Empties the columns and the dissection for frame {@code frame}, which is not a packet ({@link BlockFrames}). */
    void blank(long frame) {
        clear(frame, -1);
    }

    /** Empty columns and no layer decoded, for frame {@code frame} of link type {@code linkType}. */
    private void clear(long frame, int linkType) {
        source.setLength(0);
        destination.setLength(0);
        protocol.setLength(0);
        info.setLength(0);
        d.reset(frame, linkType);
    }

    public void summarize(byte[] b, int off, int len, int originalLength, int linkType, long frame, long epochNanos) {
        timeNanos = epochNanos;
        macFrame = null;
        etherFrame = null;
        try {
            summarizeFrame(b, off, len, originalLength, linkType, frame);
        } finally {
            if (macFrame != null) {
                if (source.isEmpty()) {
                    Addresses.mac(source, macFrame, macAt + 6);
                }
                if (destination.isEmpty()) {
                    Addresses.mac(destination, macFrame, macAt);
                }
                macFrame = null;
            }
        }
    }

    /** The analysis flags in the order tshark prints them (each prepended, so the last printed comes first). */
    private static final int[] FLAG_ORDER = {
        TcpConversations.ZERO_WINDOW_PROBE_ACK, TcpConversations.ZERO_WINDOW, TcpConversations.ZERO_WINDOW_PROBE,
        TcpConversations.DUPLICATE_ACK, TcpConversations.KEEP_ALIVE_ACK, TcpConversations.KEEP_ALIVE,
        TcpConversations.WINDOW_FULL, TcpConversations.WINDOW_UPDATE, TcpConversations.ACK_LOST_PACKET,
        TcpConversations.LOST_PACKET, TcpConversations.OUT_OF_ORDER, TcpConversations.SPURIOUS_RETRANSMISSION,
        TcpConversations.FAST_RETRANSMISSION, TcpConversations.RETRANSMISSION, TcpConversations.REUSED_PORTS};
    private static final String[] FLAG_TEXT = {
        "[TCP ZeroWindowProbeAck] ", "[TCP ZeroWindow] ", "[TCP ZeroWindowProbe] ", null, "[TCP Keep-Alive ACK] ",
        "[TCP Keep-Alive] ", "[TCP Window Full] ", "[TCP Window Update] ", "[TCP ACKed unseen segment] ",
        "[TCP Previous segment not captured] ", "[TCP Out-Of-Order] ", "[TCP Spurious Retransmission] ",
        "[TCP Fast Retransmission] ", "[TCP Retransmission] ", "[TCP Port numbers reused] "};

    /**
     * The TCP line (and HTTP or TLS over it). {@code segmentLen} is the captured data length; the
     * length tshark shows and analyses is the one the IP header reports.
     */
    private void tcp(byte[] b, int src, int dst, int addrLen, int segmentLen) {
        // the IP layer's reported payload (after IPv6 extension headers, of the reassembled datagram,
        // the captured length for a total length of 0 as tshark takes it) less the TCP header
        int reported = tReported - tcp.headerLength();
        if (reported < 0) {
            // shorter than its header: tshark knows no segment length
            reported = -1;
        }
        d.tcpLength = reported;
        tcpState.track(tcp, b, src, dst, addrLen, reported, timeNanos, d.frame);
        columns.reset();
        // tshark's MPTCP option dissector names the protocol (packet-tcp.c, dissect_tcpopt_mptcp)
        protocol.append(tcp.mptcp() ? "MPTCP" : "TCP");
        int flagsSet = tcpState.analysisFlags();
        if (flagsSet != 0) {
            for (int i = 0; i < FLAG_ORDER.length; i++) {
                if ((flagsSet & FLAG_ORDER[i]) != 0) {
                    if (FLAG_TEXT[i] == null) {
                        info.append("[TCP Dup ACK ").append(tcpState.dupAckFrame()).append('#')
                                .append(tcpState.dupAckNumber()).append("] ");
                    } else {
                        info.append(FLAG_TEXT[i]);
                    }
                }
            }
            columns.fence();
        }
        info.append(tcp.sourcePort()).append(' ').append(ARROW_MARK).append(' ').append(tcp.destinationPort()).append(" [");
        int flags = tcp.flags();
        if (flags == 0) {
            info.append("<None>");
        } else {
            boolean first = true;
            for (int i = 0; i < FLAG_NAMES.length; i++) {
                if ((flags & (1 << i)) != 0) {
                    info.append(first ? "" : ", ").append(FLAG_NAMES[i]);
                    first = false;
                }
            }
        }
        info.append("] Seq=").append(tcpState.relativeSeq());
        if (tcp.has(Tcp.ACK)) {
            info.append(" Ack=").append(tcpState.relativeAck());
        }
        info.append(" Win=").append(tcpState.window());
        if (tcp.has(Tcp.URG)) {
            info.append(" Urg=").append(tcp.urgent());
        }
        if (reported >= 0) {
            info.append(" Len=").append(reported);
        }
        for (int i = 0; i < tcp.shownOptions(); i++) {
            switch (tcp.shownOption(i)) {
                case 2 -> info.append(" MSS=").append(tcp.mss());
                case 3 -> info.append(" WS=").append(1L << Math.min(tcp.windowShift(), 14));
                case 4 -> info.append(" SACK_PERM");
                case 8 -> info.append(" TSval=").append(tcp.tsVal()).append(" TSecr=").append(tcp.tsEcr());
                case 5 -> {
                    for (int k = 0; k < tcp.sackCount(); k++) {
                        info.append(" SLE=").append(tcpState.relativeToPeer(tcp.sackLeft(k)))
                                .append(" SRE=").append(tcpState.relativeToPeer(tcp.sackRight(k)));
                    }
                }
                default -> {
                }
            }
        }
        byte app = tcpPayload.dissect(tcpState, tcp, b, d.payloadOffset, Math.max(0, segmentLen), reported, d.frame,
                columns);
        // a PDU still being reassembled leaves the line to TCP, and tshark no HTTP/TLS fields; but
        // the TLS records dissected before it (their names follow "[TCP segment of a reassembled
        // PDU]" in the Info) keep their handshake types
        boolean shown = !(protocol.length() == 3 && protocol.charAt(0) == 'T' && protocol.charAt(1) == 'C');
        if (app == 1 && shown) {
            d.add(Dissection.HTTP);
        } else if (app == 2 && (shown || tcpPayload.tlsHandshakeTypes() > 0)) {
            d.add(Dissection.TLS);
        }
    }

    /** ICMP over IPv4; {@code ttl} < 0 when no IP header was handed on (after AH). */
    private void icmp(byte[] b, int src, int dst, long frame, int ttl) {
        protocol.append("ICMP");
        int type = icmp.type();
        int start = info.length();
        info.append(IcmpNames.type(type));
        while (info.length() - start < 20) {
            info.append(' ');
        }
        if (IcmpNames.hasIdentifier(type)) {
            info.append(" id=0x");
            info.appendHex(icmp.identifier(), 4);
            info.append(", seq=").append(icmp.sequence()).append('/').append(icmp.sequenceLe());
            if (ttl < 0) {
                // no IP header handed on (after AH): neither the ttl nor the request/reply matching
                return;
            }
            info.append(", ttl=").append(ttl);
            if (type == 8) {
                echoes.request(icmp, b, src, dst, 4, frame);
            } else if (type == 0) {
                long req = echoes.reply(icmp, b, src, dst, 4);
                if (req > 0) {
                    info.append(" (request in ").append(req).append(')');
                }
            }
        } else if (IcmpNames.hasCode(type)) {
            String code = IcmpNames.code(type, icmp.code());
            info.append(" (");
            if (code == null) {
                info.append("Unknown code: ").append(icmp.code());
            } else {
                info.append(code);
            }
            info.append(')');
        }
    }

    private void icmpv6(byte[] b, int src, int dst, long frame, int hopLimit) {
        protocol.append("ICMPv6");
        int type = icmp6.type();
        String name = Icmpv6Names.type(type);
        if (name == null) {
            info.append("Unknown (").append(type).append(')');
            return;
        }
        info.append(name);
        if (Icmpv6Names.hasCode(type)) {
            String code = Icmpv6Names.code(type, icmp6.code());
            if (code == null && type > 4) {
                return;
            }
            info.append(" (");
            if (code != null) {
                info.append(code);
            } else if (type == 1) {
                info.append("Unknown");
            } else {
                info.append("Unknown (").append(icmp6.code()).append(')');
            }
            info.append(')');
            return;
        }
        switch (type) {
            case 128, 129 -> {
                if (!icmp6.has(8)) {
                    return;
                }
                info.append(" id=0x");
                info.appendHex(icmp6.identifier(), 4);
                info.append(", seq=").append(icmp6.sequence()).append(", hop limit=").append(hopLimit);
                if (type == 128) {
                    echoes.request(b, src, dst, 16, icmp6.identifier(), icmp6.sequence(), icmp6.checksum(), frame);
                } else {
                    long req = echoes.reply(b, src, dst, 16, icmp6.identifier(), icmp6.sequence(), icmp6.checksum(), -1);
                    if (req > 0) {
                        info.append(" (request in ").append(req).append(')');
                    }
                }
            }
            case 133 -> linkLayerFrom(8, 1, " from ");
            case 134 -> linkLayerFrom(16, 1, " from ");
            case 135 -> {
                if (icmp6.has(24)) {
                    info.append(" for ");
                    Addresses.ipv6(info, b, icmp6.targetOffset());
                    linkLayerFrom(24, 1, " from ");
                }
            }
            case 136 -> {
                if (icmp6.has(24)) {
                    info.append(' ');
                    Addresses.ipv6(info, b, icmp6.targetOffset());
                    long flags = icmp6.word();
                    info.append(" (");
                    int mark = info.length();
                    if ((flags & 0x80000000L) != 0) {
                        info.append("rtr");
                    }
                    if ((flags & 0x40000000L) != 0) {
                        info.append(info.length() > mark ? ", " : "").append("sol");
                    }
                    if ((flags & 0x20000000L) != 0) {
                        info.append(info.length() > mark ? ", " : "").append("ovr");
                    }
                    if (info.length() == mark) {
                        info.append("none");
                    }
                    info.append(')');
                    linkLayerFrom(24, 2, " is at ");
                }
            }
            default -> {
            }
        }
    }

    /** Appends {@code text} and the Ethernet address of the message's first link-layer address option of that type. */
    private void linkLayerFrom(int optionsStart, int optionType, String text) {
        int at = icmp6.linkLayerOption(optionsStart, optionType);
        if (at >= 0) {
            info.append(text);
            Addresses.mac(info, icmp6.buffer(), at);
        }
    }

    /** Network-order reads for the few fields read here rather than in a decoder. */
    private static final class Bytes {
        static int be16(byte[] b, int p) {
            return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
        }

        static int le16(byte[] b, int p) {
            return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
        }

        static long be32(byte[] b, int p) {
            return ((long) (b[p] & 0xff) << 24) | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
        }
    }

    /** Appends a column as tshark shows it: {@code column} with each {@link #ARROW_MARK} an arrow. */
    public static void appendShown(TextBuffer to, CharSequence column) {
        for (int i = 0, n = column.length(); i < n; i++) {
            char c = column.charAt(i);
            to.append(c == ARROW_MARK ? '\u2192' : c);
        }
    }

    /** The Info column of the last packet as tshark shows it. */
    public String infoText() {
        TextBuffer sb = new TextBuffer(info.length() + 4);
        appendShown(sb, info);
        return sb.toString();
    }
}
