package dev.capmill.text;

import dev.capmill.decode.Dissection;
import dev.capmill.decode.Ipv6;

/**
 * The datagram an ICMP or ICMPv6 error message quotes (RFC 792, RFC 4443 section 3): tshark
 * dissects it as a packet "in error" (packet-icmp.c, packet-icmpv6.c hand it to the IP
 * dissectors with pinfo->flags.in_error_pkt set), so its IP header, its UDP, TCP or ICMP header
 * and a DNS message in it add one more occurrence of their fields. Nothing here touches the
 * columns: it only notes where those headers are in {@link Dissection}'s occurrence lists.
 * Checked against tshark 4.0.17 on the corpus's ICMP errors: the quoted headers are shown as far
 * as they were quoted, with their raw values (a quoted TCP header keeps its absolute sequence
 * number and has no segment length; its stream index is its conversation's, found or made).
 */
final class IcmpQuotes {
    private final Ipv6 ip6 = new Ipv6();

    private static int be16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    /** Whether ICMP type {@code type} quotes the datagram that caused it, from byte 8. */
    static boolean icmpQuotes(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** Whether ICMPv6 type {@code type} quotes the packet that caused it, from byte 8. */
    static boolean icmpv6Quotes(int type) {
        return type >= 1 && type <= 4;
    }

    /**
     * Notes the datagram quoted at {@code p} ({@code n} bytes at hand) by an ICMP error
     * ({@code v6} false, which takes an IPv4 or IPv6 header by its version, as tshark's "ip"
     * dissector does) or an ICMPv6 error ({@code v6} true: IPv6 only).
     */
    void record(Dissection d, byte[] b, int p, int n, boolean v6) {
        if (n < 1) {
            return;
        }
        int version = (b[p] & 0xf0) >> 4;
        if (version == 4 && !v6) {
            ipv4(d, b, p, n);
        } else if (version == 6) {
            ipv6(d, b, p, n);
        }
    }

    private void ipv4(Dissection d, byte[] b, int p, int n) {
        int hl = (b[p] & 0x0f) * 4;
        if (hl < 20) {
            return;
        }
        if (n < 20) {
            d.ip4At.add(b, p, n, true);
            return;
        }
        int total = be16(b, p + 2);
        if (total < hl && total != 0) {
            d.ip4At.add(b, p, 4, true);
            return;
        }
        d.ip4At.add(b, p, n, true);
        if (hl > n || (be16(b, p + 6) & 0x1fff) != 0) {
            return; // options cut short, or a fragment other than the first: no transport header
        }
        int reported = (total == 0 ? n : total) - hl;
        transport(d, b, b[p + 9] & 0xff, p + hl, n - hl, reported, p + 12, p + 16, 4, false);
    }

    private void ipv6(Dissection d, byte[] b, int p, int n) {
        if (n < Ipv6.HEADER) {
            d.ip6At.add(b, p, n, true);
            return;
        }
        d.ip6At.add(b, p, n, true);
        if (!ip6.reset(b, p, n) || ip6.extensionTruncated() || (ip6.hasFragmentHeader() && ip6.fragmentOffset() != 0)) {
            return;
        }
        int upper = ip6.upperOffset();
        int reported = ip6.payloadLength() - ip6.extensionBytes();
        transport(d, b, ip6.upperProtocol(), upper, p + n - upper, reported, p + 8, p + 24, 16, true);
    }

    private static void transport(Dissection d, byte[] b, int proto, int p, int n, int reported, int src, int dst,
            int addrLen, boolean v6) {
        if (n <= 0) {
            return;
        }
        switch (proto) {
            case 17 -> {
                d.udpAt.add(b, p, n, true);
                if (n >= 8) {
                    dns(d, b, p, n, reported);
                }
            }
            case 6 -> {
                d.tcpAt.add(b, p, n, true);
                // tshark reads the rest of the header (and finds the conversation) only with all 20 bytes
                d.tcpAt.setAux(n >= 20
                        ? d.tcpState.quotedStream(b, src, dst, addrLen, be16(b, p), be16(b, p + 2))
                        : -1);
            }
            case 1 -> {
                if (!v6) {
                    d.icmpAt.add(b, p, n, true);
                }
            }
            case 58 -> {
                if (v6) {
                    d.icmp6At.add(b, p, n, true);
                }
            }
            default -> {
            }
        }
    }

    /** A DNS, mDNS or LLMNR message in the quoted UDP datagram, chosen by port as for any datagram. */
    private static void dns(Dissection d, byte[] b, int p, int n, int reported) {
        int app = UdpPorts.choose(be16(b, p), be16(b, p + 2));
        if (app != UdpPorts.DNS && app != UdpPorts.MDNS && app != UdpPorts.LLMNR) {
            return;
        }
        int length = Math.min(be16(b, p + 4), Math.max(0, reported)) - 8;
        if (length > 0 && n > 8 && d.quotedDns.reset(b, p + 8, n - 8, length)) {
            d.quotedDnsSet = true;
        }
    }
}
