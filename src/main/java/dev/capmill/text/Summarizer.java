package dev.capmill.text;

import dev.capmill.decode.Arp;
import dev.capmill.decode.Dissection;
import dev.capmill.decode.Ethernet;
import dev.capmill.decode.Icmp;
import dev.capmill.decode.IcmpEchoes;
import dev.capmill.decode.Ipv4;
import dev.capmill.decode.Ipv6;
import dev.capmill.decode.Tcp;
import dev.capmill.decode.TcpConversations;
import dev.capmill.decode.Udp;
import dev.capmill.model.LinkType;

/**
 * Fills tshark's Source, Destination, Protocol and Info columns for one packet, reusing its
 * decoders and buffers. Decoded so far: Ethernet II (+802.1Q), ARP, IPv4, IPv6 (no extension
 * headers), TCP (with tshark's analysis flags; HTTP and TLS above it, see decode.TcpPayload),
 * UDP, ICMP. Other payloads above TCP and UDP are not decoded: such packets show as TCP or UDP,
 * where tshark names the application protocol.
 */
public final class Summarizer {
    static final String ARROW = "\u2192";

    final StringBuilder source = new StringBuilder(64);
    final StringBuilder destination = new StringBuilder(64);
    final StringBuilder protocol = new StringBuilder(16);
    final StringBuilder info = new StringBuilder(256);

    /** The decoders, and which of them decoded the current packet (read by field extraction). */
    final Dissection d = new Dissection();
    private final Ethernet eth = d.eth;
    private final Arp arp = d.arp;
    private final Ipv4 ip4 = d.ip4;
    private final Ipv6 ip6 = d.ip6;
    private final Tcp tcp = d.tcp;
    private final Udp udp = d.udp;
    private final Icmp icmp = d.icmp;
    private final TcpConversations tcpState = d.tcpState;
    private final IcmpEchoes echoes = d.echoes;

    /** What the last {@link #summarize} decoded. */
    public Dissection dissection() {
        return d;
    }

    /** Summarises frame number {@code frame} of link type {@code linkType}. */
    public void summarize(byte[] b, int off, int len, int linkType, long frame) {
        source.setLength(0);
        destination.setLength(0);
        protocol.setLength(0);
        info.setLength(0);
        d.reset(frame, linkType);
        if (linkType == LinkType.ETHERNET) {
            ethernet(b, off, len, frame);
        } else if (linkType == 101 || linkType == 12 || linkType == 14) {
            ip(b, off, len, frame, (b.length > off && len > 0 ? (b[off] & 0xf0) : 0) == 0x60 ? 0x86dd : 0x0800);
        } else {
            protocol.append("Unknown");
            info.append("Link type ").append(linkType).append(" is not decoded yet");
        }
    }

    private void ethernet(byte[] b, int off, int len, long frame) {
        if (!eth.reset(b, off, len)) {
            protocol.append("Ethernet");
            return;
        }
        d.add(eth.vlanTags() > 0 ? Dissection.ETH | Dissection.VLAN : Dissection.ETH);
        eth.appendSource(source);
        eth.appendDestination(destination);
        int p = eth.payloadOffset();
        int rest = off + len - p;
        int type = eth.etherType();
        if (type == 0x0806) {
            if (arp.reset(b, p, rest)) {
                d.add(Dissection.ARP);
                arp(b);
                return;
            }
        } else if (type == 0x0800 || type == 0x86dd) {
            int mark = source.length();
            if (ip(b, p, rest, frame, type)) {
                return;
            }
            source.setLength(mark);
        }
        protocol.append("Ethernet");
        info.append("Ethernet II");
    }

    private void arp(byte[] b) {
        protocol.append("ARP");
        if (arp.opcode() == 1) {
            info.append("Who has ");
            dev.capmill.decode.Addresses.ipv4(info, b, arp.targetIpOffset());
            info.append("? Tell ");
            dev.capmill.decode.Addresses.ipv4(info, b, arp.senderIpOffset());
        } else if (arp.opcode() == 2) {
            dev.capmill.decode.Addresses.ipv4(info, b, arp.senderIpOffset());
            info.append(" is at ");
            dev.capmill.decode.Addresses.mac(info, b, arp.senderMacOffset());
        } else {
            info.append("ARP opcode ").append(arp.opcode());
        }
    }

    /** False when the IP header does not decode (the caller falls back to the link layer). */
    private boolean ip(byte[] b, int p, int rest, long frame, int type) {
        int proto;
        int payload;
        int payloadLen;
        int src;
        int dst;
        int addrLen;
        int ttl;
        if (type == 0x0800) {
            if (!ip4.reset(b, p, rest)) {
                return false;
            }
            d.add(Dissection.IPV4);
            if (ip4.isFragment()) {
                d.add(Dissection.IP_FRAGMENT);
                return false;
            }
            source.setLength(0);
            destination.setLength(0);
            ip4.appendSource(source);
            ip4.appendDestination(destination);
            proto = ip4.protocol();
            payload = p + ip4.headerLength();
            payloadLen = Math.min(rest, ip4.totalLength()) - ip4.headerLength();
            src = ip4.sourceOffset();
            dst = ip4.destinationOffset();
            addrLen = 4;
            ttl = ip4.ttl();
        } else {
            if (!ip6.reset(b, p, rest)) {
                return false;
            }
            d.add(Dissection.IPV6);
            source.setLength(0);
            destination.setLength(0);
            ip6.appendSource(source);
            ip6.appendDestination(destination);
            proto = ip6.nextHeader();
            payload = p + Ipv6.HEADER;
            payloadLen = Math.min(rest - Ipv6.HEADER, ip6.payloadLength());
            src = ip6.sourceOffset();
            dst = ip6.destinationOffset();
            addrLen = 16;
            ttl = ip6.hopLimit();
        }
        if (payloadLen < 0) {
            payloadLen = 0;
        }
        if (proto == 6 && tcp.reset(b, payload, payloadLen)) {
            d.add(Dissection.TCP);
            d.payloadOffset = payload + tcp.headerLength();
            d.payloadLength = Math.max(0, payloadLen - tcp.headerLength());
            tcp(b, src, dst, addrLen, payloadLen - tcp.headerLength());
            return true;
        }
        if (proto == 17 && udp.reset(b, payload, payloadLen)) {
            d.add(Dissection.UDP);
            d.payloadOffset = payload + Udp.HEADER;
            d.payloadLength = Math.max(0, payloadLen - Udp.HEADER);
            protocol.append("UDP");
            info.append(udp.sourcePort()).append(' ').append(ARROW).append(' ').append(udp.destinationPort())
                    .append(" Len=").append(Math.max(0, udp.length() - Udp.HEADER));
            return true;
        }
        if (proto == 1 && type == 0x0800 && icmp.reset(b, payload, payloadLen)) {
            d.add(Dissection.ICMP);
            icmp(b, src, dst, frame, ttl);
            return true;
        }
        protocol.append(type == 0x0800 ? "IPv4" : "IPv6");
        info.append("IP protocol ").append(proto);
        return true;
    }

    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    private final dev.capmill.decode.Columns columns = new dev.capmill.decode.Columns(protocol, info);
    private final dev.capmill.decode.TcpPayload tcpPayload = d.tcpPayload;
    /** Capture time of the packet being summarised (epoch nanoseconds), for TCP's analysis. */
    private long timeNanos;

    /** Summarises frame number {@code frame}, captured at {@code epochNanos}, of link type {@code linkType}. */
    public void summarize(byte[] b, int off, int len, int linkType, long frame, long epochNanos) {
        timeNanos = epochNanos;
        summarize(b, off, len, linkType, frame);
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
        int tcpOffset = d.payloadOffset - tcp.headerLength();
        int reported;
        if (d.has(Dissection.IPV4)) {
            reported = ip4.totalLength() - ip4.headerLength() - tcp.headerLength();
        } else {
            reported = ip6.payloadLength() - (tcpOffset - (ip6.sourceOffset() - 8 + Ipv6.HEADER)) - tcp.headerLength();
        }
        if (reported < 0) {
            // shorter than its header: tshark knows no segment length
            reported = -1;
        }
        tcpState.track(tcp, b, src, dst, addrLen, reported, timeNanos, d.frame);
        columns.reset();
        protocol.append("TCP");
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
        info.append(tcp.sourcePort()).append(' ').append(ARROW).append(' ').append(tcp.destinationPort()).append(" [");
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
        // a PDU still being reassembled leaves the line to TCP, and tshark no HTTP/TLS fields
        boolean shown = !(protocol.length() == 3 && protocol.charAt(0) == 'T' && protocol.charAt(1) == 'C');
        if (app == 1 && shown) {
            d.add(Dissection.HTTP);
        } else if (app == 2 && shown) {
            d.add(Dissection.TLS);
        }
    }

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
            hex4(info, icmp.identifier());
            info.append(", seq=").append(icmp.sequence()).append('/').append(icmp.sequenceLe())
                    .append(", ttl=").append(ttl);
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

    private static void hex4(StringBuilder sb, int v) {
        for (int s = 12; s >= 0; s -= 4) {
            sb.append(Character.forDigit((v >> s) & 15, 16));
        }
    }
}
