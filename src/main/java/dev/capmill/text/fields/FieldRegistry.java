package dev.capmill.text.fields;

import dev.capmill.decode.Addresses;
import dev.capmill.decode.Dissection;
import dev.capmill.decode.Dns;
import dev.capmill.decode.Occurrences;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.TextBuffer;
import dev.capmill.text.Summarizer;
import dev.capmill.text.Times;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Wireshark display fields capmill can write ({@code -e NAME}), each one extractor over what
 * the summary decoded. Values are formatted as {@code TZ=UTC tshark -T fields -e NAME} (TShark
 * 4.0.17) prints them: addresses as in the columns, EtherTypes and IP ids in hex ("0x0800",
 * "0x0065"), tcp.flags as "0x0018", TCP sequence numbers relative, times with nine digits.
 * Adding a field for a new decoder is one line in {@link #standard()}.
 */
public final class FieldRegistry {
    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** The fields written when none is named: what a log line needs to find a conversation. */
    public static final List<String> DEFAULT = List.of("frame.number", "frame.time_epoch", "ip.src", "ipv6.src",
            "ip.dst", "ipv6.dst", "ip.proto", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "frame.len",
            "_ws.col.Protocol", "_ws.col.Info");

    private FieldRegistry() {
    }

    public void add(Field f) {
        if (fields.putIfAbsent(f.name(), f) != null) {
            throw new IllegalArgumentException("field " + f.name() + " registered twice");
        }
    }

    /** The field of this name (exactly as Wireshark spells it), or null. */
    public Field get(String name) {
        return fields.get(name);
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(fields.keySet()));
    }

    public List<Field> all() {
        return List.copyOf(fields.values());
    }

    /**
     * The fields named, in order (a name may repeat); a name capmill does not extract is refused
     * with the list of those it does, never written as an empty column.
     */
    public List<Field> resolve(List<String> names) {
        List<Field> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            Field f = fields.get(n);
            if (f == null) {
                unknown.add(n);
            } else {
                out.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown or unsupported field " : "unknown or unsupported fields ")
                    + String.join(", ", unknown) + "; supported: " + String.join(" ", fields.keySet()));
        }
        return out;
    }

    public static FieldRegistry standard() {
        FieldRegistry r = new FieldRegistry();

        r.add(Field.number("frame.number", "frame number, from 1 in the order written", 0, p -> p.clock.frame));
        // a packet without a timestamp (a pcapng simple packet block) has none of the time fields
        r.add(Field.text("frame.time", "arrival time, \"Mar  1, 2024 12:00:00.001250000 UTC\"", 0,
                timed((p, sb) -> Times.appendFrameTime(sb, p.clock.seconds, p.clock.nanos))));
        r.add(Field.text("frame.time_epoch", "seconds since 1970, nine digits", 0,
                timed((p, sb) -> Times.appendDifference(sb, 0, 0, p.clock.seconds, p.clock.nanos, 9))));
        r.add(Field.text("frame.time_relative", "seconds since the first packet written", 0,
                timed((p, sb) -> Times.appendDifference(sb, p.clock.firstSeconds, p.clock.firstNanos, p.clock.seconds,
                        p.clock.nanos, 9))));
        r.add(Field.text("frame.time_delta", "seconds since the previous packet written", 0,
                timed((p, sb) -> Times.appendDifference(sb, p.clock.previousSeconds, p.clock.previousNanos, p.clock.seconds,
                        p.clock.nanos, 9))));
        r.add(Field.number("frame.len", "length on the wire", 0, p -> p.length));
        r.add(Field.number("frame.cap_len", "length captured", 0, p -> p.capturedLength));
        r.add(new Field("frame.interface_id", "interface number (only for pcapng, as tshark)") {
            @Override
            public void append(Packet p, TextBuffer sb) {
                long v = number(p);
                if (v != ABSENT) {
                    sb.append(v);
                }
            }

            @Override
            public boolean numeric() {
                return true;
            }

            @Override
            public long number(Packet p) {
                return p.clock.interfaceIdRecorded ? p.clock.interfaceIdInSection : ABSENT;
            }
        });
        r.add(Field.text("frame.comment", "packet comments (pcapng opt_comment)", 0, FieldRegistry::comments));

        // one value per Ethernet header: a tunnel's outer frame first (VXLAN, GRE, ERSPAN, ...)
        r.add(Field.each("eth.src", "Ethernet source", p -> p.d.ethAt, (o, i, sb) -> mac(o, i, 6, sb)));
        r.add(Field.each("eth.dst", "Ethernet destination", p -> p.d.ethAt, (o, i, sb) -> mac(o, i, 0, sb)));
        // an 802.3 frame's length (1500 or less) is eth.len in tshark, not eth.type (packet-eth.c)
        r.add(Field.eachNumber("eth.type", "EtherType of the Ethernet header (0x8100 when tagged)", p -> p.d.ethAt, 4,
                (o, i) -> o.has(i, 12, 2) && o.u16(i, 12) > 1500 ? o.u16(i, 12) : Field.ABSENT));
        r.add(Field.eachNumber("vlan.id", "802.1Q VLAN ids, outermost first (not 802.1ad service tags)", p -> p.d.vlanAt, 0,
                (o, i) -> o.u16(i, 0) & 0x0fff));
        r.add(Field.number("arp.opcode", "ARP opcode", Dissection.ARP, p -> p.d.arp.opcode()));

        // one value per IP header: a tunnel's outer header first, the header an ICMP error quotes
        // last; each as far as it was captured (tshark adds a field before it reads the next)
        r.add(Field.each("ip.src", "IPv4 source", p -> p.d.ip4At, (o, i, sb) -> ipv4(o, i, 12, sb)));
        r.add(Field.each("ip.dst", "IPv4 destination", p -> p.d.ip4At, (o, i, sb) -> ipv4(o, i, 16, sb)));
        r.add(Field.eachNumber("ip.proto", "IPv4 protocol", p -> p.d.ip4At, 0, (o, i) -> u8(o, i, 9)));
        r.add(Field.eachNumber("ip.ttl", "IPv4 time to live", p -> p.d.ip4At, 0, (o, i) -> u8(o, i, 8)));
        r.add(Field.eachNumber("ip.id", "IPv4 identification", p -> p.d.ip4At, 4, (o, i) -> u16(o, i, 4)));
        // a total length of 0 (TCP segmentation offload) is shown as the length tshark takes instead
        r.add(Field.eachNumber("ip.len", "IPv4 total length", p -> p.d.ip4At, 0,
                (o, i) -> o.has(i, 2, 2) && o.u16(i, 2) == 0 && o.aux(i) > 0 ? o.aux(i) : u16(o, i, 2)));
        // the addresses of the header itself (tshark's Destination column shows a routing header's final one)
        r.add(Field.each("ipv6.src", "IPv6 source", p -> p.d.ip6At, (o, i, sb) -> ipv6(o, i, 8, sb)));
        r.add(Field.each("ipv6.dst", "IPv6 destination", p -> p.d.ip6At, (o, i, sb) -> ipv6(o, i, 24, sb)));
        r.add(Field.eachNumber("ipv6.nxt", "IPv6 next header", p -> p.d.ip6At, 0, (o, i) -> u8(o, i, 6)));
        r.add(Field.eachNumber("ipv6.hlim", "IPv6 hop limit", p -> p.d.ip6At, 0, (o, i) -> u8(o, i, 7)));

        // the packet's own segment, then a header an ICMP error quotes: raw numbers, as far as quoted;
        // with fewer than its 20 bytes tshark stops after the sequence number
        r.add(Field.tcp("tcp.srcport", "TCP source port", 0, p -> p.d.tcp.sourcePort(), (o, i) -> u16(o, i, 0)));
        r.add(Field.tcp("tcp.dstport", "TCP destination port", 0, p -> p.d.tcp.destinationPort(), (o, i) -> u16(o, i, 2)));
        r.add(Field.tcp("tcp.seq", "TCP sequence number, relative", 0, p -> p.d.tcpState.relativeSeq(),
                (o, i) -> o.has(i, 4, 4) ? o.u32(i, 4) : Field.ABSENT));
        r.add(Field.tcp("tcp.ack", "TCP acknowledgement number, relative", 0, p -> p.d.tcpState.relativeAck(),
                (o, i) -> o.has(i, 0, 20) ? o.u32(i, 8) : Field.ABSENT));
        r.add(Field.tcp("tcp.len", "TCP segment length (as the IP header reports it)", 0,
                p -> p.d.tcpLength < 0 ? Field.ABSENT : p.d.tcpLength,
                (o, i) -> Field.ABSENT));
        r.add(Field.tcp("tcp.flags", "TCP flags", 4, p -> p.d.tcp.flags(),
                (o, i) -> o.has(i, 0, 20) ? o.u16(i, 12) & 0x1ff : Field.ABSENT));
        r.add(Field.tcp("tcp.window_size_value", "TCP window field, unscaled", 0, p -> p.d.tcp.window(),
                (o, i) -> o.has(i, 0, 20) ? o.u16(i, 14) : Field.ABSENT));
        r.add(Field.tcp("tcp.stream", "TCP conversation index, from 0 in order of appearance", 0,
                p -> p.d.tcpState.stream(), (o, i) -> o.aux(i) < 0 ? Field.ABSENT : o.aux(i)));
        r.add(Field.eachNumber("udp.srcport", "UDP source port", p -> p.d.udpAt, 0, (o, i) -> u16(o, i, 0)));
        r.add(Field.eachNumber("udp.dstport", "UDP destination port", p -> p.d.udpAt, 0, (o, i) -> u16(o, i, 2)));
        r.add(Field.eachNumber("udp.length", "UDP length field", p -> p.d.udpAt, 0, (o, i) -> u16(o, i, 4)));
        r.add(Field.eachNumber("icmp.type", "ICMP type", p -> p.d.icmpAt, 0, (o, i) -> u8(o, i, 0)));
        r.add(Field.eachNumber("icmp.code", "ICMP code", p -> p.d.icmpAt, 0, (o, i) -> u8(o, i, 1)));
        r.add(Field.eachNumber("icmpv6.type", "ICMPv6 type", p -> p.d.icmp6At, 0, (o, i) -> u8(o, i, 0)));
        // DNS, multicast DNS and LLMNR share the DNS fields, as in Wireshark; a message in the
        // datagram an ICMP error quotes is one more occurrence
        r.add(Field.text("dns.id", "DNS transaction id (DNS, mDNS, LLMNR)", 0, (p, sb) -> eachDns(p, sb, (m, to) -> {
            Field.appendHex(to, m.id(), 4);
            return true;
        })));
        r.add(Field.text("dns.qry.name", "DNS question names", 0,
                (p, sb) -> eachDns(p, sb, (m, to) -> m.appendQuestions(to, false))));
        r.add(Field.text("dns.qry.type", "DNS question types", 0,
                (p, sb) -> eachDns(p, sb, (m, to) -> m.appendQuestions(to, true))));
        r.add(Field.text("dns.flags.response", "DNS response flag (1) or query (0)", 0, (p, sb) -> eachDns(p, sb, (m, to) -> {
            to.append(m.isResponse() ? '1' : '0');
            return true;
        })));

        long http = Dissection.HTTP;
        r.add(Field.text("http.request.method", "HTTP request method", http,
                (p, sb) -> sb.append(p.d.tcpPayload.httpRequestMethod())));
        r.add(Field.text("http.request.uri", "HTTP request URI", http, (p, sb) -> sb.append(p.d.tcpPayload.httpRequestUri())));
        r.add(Field.text("http.host", "HTTP Host header", http, (p, sb) -> sb.append(p.d.tcpPayload.httpHost())));
        r.add(Field.number("http.response.code", "HTTP status code", http, p -> {
            int code = p.d.tcpPayload.httpResponseCode();
            return code < 0 ? Field.ABSENT : code;
        }));
        long tls = Dissection.TLS;
        r.add(Field.text("tls.handshake.type", "TLS handshake message types, joined by ','", tls, (p, sb) -> {
            for (int k = 0; k < p.d.tcpPayload.tlsHandshakeTypes(); k++) {
                sb.append(k > 0 ? "," : "").append(p.d.tcpPayload.tlsHandshakeType(k));
            }
        }));
        r.add(Field.text("tls.handshake.extensions_server_name", "TLS server name (SNI) of a Client Hello", tls,
                (p, sb) -> sb.append(p.d.tcpPayload.tlsServerName())));

        r.add(Field.number("_ws.col.No.", "the No. column", 0, p -> p.clock.frame));
        r.add(Field.text("_ws.col.Time", "the Time column (-t format)", 0,
                timed((p, sb) -> p.timeFormat.append(sb, p.clock, p.clock.digits))));
        r.add(Field.text("_ws.col.Source", "the Source column", 0, (p, sb) -> sb.append(p.source)));
        r.add(Field.text("_ws.col.Destination", "the Destination column", 0, (p, sb) -> sb.append(p.destination)));
        r.add(Field.text("_ws.col.Protocol", "the Protocol column", 0, (p, sb) -> sb.append(p.protocol)));
        r.add(Field.number("_ws.col.Length", "the Length column", 0, p -> p.length));
        r.add(Field.text("_ws.col.Info", "the Info column", 0, (p, sb) -> Summarizer.appendShown(sb, p.info)));
        return r;
    }

    /** Whether the packet holds a DNS message (DNS, multicast DNS, LLMNR share Wireshark's DNS fields). */
    static boolean dns(Packet p) {
        return p.d.has(Dissection.DNS | Dissection.MDNS | Dissection.LLMNR);
    }

    /** What one DNS message gives a field; false when it appended nothing. */
    interface DnsValue {
        boolean append(Dns m, TextBuffer sb);
    }

    /** A DNS field's values: the packet's message, then one an ICMP error quotes, joined with ','. */
    static void eachDns(Packet p, TextBuffer sb, DnsValue v) {
        int mark = sb.length();
        if (dns(p) && !v.append(p.d.dns, sb)) {
            sb.setLength(mark);
        }
        if (p.d.quotedDnsSet) {
            int before = sb.length();
            if (before > mark) {
                sb.append(',');
            }
            if (!v.append(p.d.quotedDns, sb)) {
                sb.setLength(before);
            }
        }
    }

    /** A MAC address at {@code at} of header {@code i}, when captured. */
    static boolean mac(Occurrences o, int i, int at, TextBuffer sb) {
        if (!o.has(i, at, 6)) {
            return false;
        }
        Addresses.mac(sb, o.buffer(i), o.offset(i) + at);
        return true;
    }

    static boolean ipv4(Occurrences o, int i, int at, TextBuffer sb) {
        if (!o.has(i, at, 4)) {
            return false;
        }
        Addresses.ipv4(sb, o.buffer(i), o.offset(i) + at);
        return true;
    }

    static boolean ipv6(Occurrences o, int i, int at, TextBuffer sb) {
        if (!o.has(i, at, 16)) {
            return false;
        }
        Addresses.ipv6(sb, o.buffer(i), o.offset(i) + at);
        return true;
    }

    static long u8(Occurrences o, int i, int at) {
        return o.has(i, at, 1) ? o.u8(i, at) : Field.ABSENT;
    }

    static long u16(Occurrences o, int i, int at) {
        return o.has(i, at, 2) ? o.u16(i, at) : Field.ABSENT;
    }

    /** Every opt_comment of the packet, joined with ','; a NUL ends a comment, as in Wireshark. */
    /** {@code f}, for packets that have a timestamp; nothing for the others. */
    private static Field.Text timed(Field.Text f) {
        return (p, sb) -> {
            if (p.clock.hasTime) {
                f.append(p, sb);
            }
        };
    }

    static void comments(Packet p, TextBuffer sb) {
        PacketRecord r = p.record;
        Options o = r.options();
        boolean first = true;
        for (int i = 0; i < o.size(); i++) {
            if (o.code(i) != Options.COMMENT) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendUtf8(sb, o.array(), o.offset(i), o.length(i));
        }
    }

    /** Decodes UTF-8 up to a NUL into {@code sb}; a malformed sequence becomes U+FFFD. Allocates nothing. */
    static void appendUtf8(TextBuffer sb, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return;
            }
            int need;
            int cp;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            } else if (c >= 0xc2 && c < 0xe0) {
                need = 1;
                cp = c & 0x1f;
            } else if (c >= 0xe0 && c < 0xf0) {
                need = 2;
                cp = c & 0x0f;
            } else if (c >= 0xf0 && c < 0xf5) {
                need = 3;
                cp = c & 0x07;
            } else {
                sb.append('\ufffd');
                i++;
                continue;
            }
            if (i + need >= end) {
                sb.append('\ufffd');
                i++;
                continue;
            }
            boolean ok = true;
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = cp << 6 | (cc & 0x3f);
            }
            if (!ok || (need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff))
                    || (cp >= 0xd800 && cp <= 0xdfff)) {
                sb.append('\ufffd');
                i++;
                continue;
            }
            sb.appendCodePoint(cp);
            i += need + 1;
        }
    }
}
