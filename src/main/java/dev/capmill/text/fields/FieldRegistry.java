package dev.capmill.text.fields;

import dev.capmill.decode.Dissection;
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
        long eth = Dissection.ETH;
        long ip4 = Dissection.IPV4;
        long ip6 = Dissection.IPV6;
        long tcp = Dissection.TCP;
        long udp = Dissection.UDP;

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

        r.add(Field.text("eth.src", "Ethernet source", eth, (p, sb) -> p.d.eth.appendSource(sb)));
        r.add(Field.text("eth.dst", "Ethernet destination", eth, (p, sb) -> p.d.eth.appendDestination(sb)));
        // an 802.3 frame's length (1500 or less) is eth.len in tshark, not eth.type (packet-eth.c)
        r.add(Field.hex("eth.type", "EtherType of the Ethernet header (0x8100 when tagged)", eth, 4,
                p -> p.d.eth.outerType() > 1500 ? p.d.eth.outerType() : Field.ABSENT));
        r.add(Field.text("vlan.id", "802.1Q VLAN ids, outermost first", Dissection.VLAN, (p, sb) -> {
            for (int i = 0; i < p.d.eth.vlanTags(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(p.d.eth.vlanId(i));
            }
        }));
        r.add(Field.number("arp.opcode", "ARP opcode", Dissection.ARP, p -> p.d.arp.opcode()));

        r.add(Field.text("ip.src", "IPv4 source", ip4, (p, sb) -> p.d.ip4.appendSource(sb)));
        r.add(Field.text("ip.dst", "IPv4 destination", ip4, (p, sb) -> p.d.ip4.appendDestination(sb)));
        r.add(Field.number("ip.proto", "IPv4 protocol", ip4, p -> p.d.ip4.protocol()));
        r.add(Field.number("ip.ttl", "IPv4 time to live", ip4, p -> p.d.ip4.ttl()));
        r.add(Field.hex("ip.id", "IPv4 identification", ip4, 4, p -> p.d.ip4.identification()));
        r.add(Field.number("ip.len", "IPv4 total length", ip4, p -> p.d.ip4.totalLength()));
        r.add(Field.text("ipv6.src", "IPv6 source", ip6, (p, sb) -> p.d.ip6.appendSource(sb)));
        r.add(Field.text("ipv6.dst", "IPv6 destination", ip6, (p, sb) -> p.d.ip6.appendDestination(sb)));
        r.add(Field.number("ipv6.nxt", "IPv6 next header", ip6, p -> p.d.ip6.nextHeader()));
        r.add(Field.number("ipv6.hlim", "IPv6 hop limit", ip6, p -> p.d.ip6.hopLimit()));

        r.add(Field.number("tcp.srcport", "TCP source port", tcp, p -> p.d.tcp.sourcePort()));
        r.add(Field.number("tcp.dstport", "TCP destination port", tcp, p -> p.d.tcp.destinationPort()));
        r.add(Field.number("tcp.seq", "TCP sequence number, relative", tcp, p -> p.d.tcpState.relativeSeq()));
        r.add(Field.number("tcp.ack", "TCP acknowledgement number, relative", tcp, p -> p.d.tcpState.relativeAck()));
        r.add(Field.number("tcp.len", "TCP segment length", tcp, p -> p.d.payloadLength));
        r.add(Field.hex("tcp.flags", "TCP flags", tcp, 4, p -> p.d.tcp.flags()));
        r.add(Field.number("tcp.window_size_value", "TCP window field, unscaled", tcp, p -> p.d.tcp.window()));
        r.add(Field.number("tcp.stream", "TCP conversation index, from 0 in order of appearance", tcp,
                p -> p.d.tcpState.stream()));
        r.add(Field.number("udp.srcport", "UDP source port", udp, p -> p.d.udp.sourcePort()));
        r.add(Field.number("udp.dstport", "UDP destination port", udp, p -> p.d.udp.destinationPort()));
        r.add(Field.number("udp.length", "UDP length field", udp, p -> p.d.udp.length()));
        r.add(Field.number("icmp.type", "ICMP type", Dissection.ICMP, p -> p.d.icmp.type()));
        r.add(Field.number("icmp.code", "ICMP code", Dissection.ICMP, p -> p.d.icmp.code()));
        r.add(Field.number("icmpv6.type", "ICMPv6 type", Dissection.ICMPV6, p -> p.d.icmp6.type()));
        // DNS, multicast DNS and LLMNR share the DNS fields, as in Wireshark
        r.add(new Field("dns.id", "DNS transaction id (DNS, mDNS, LLMNR)") {
            @Override
            public void append(Packet p, TextBuffer sb) {
                if (dns(p)) {
                    appendHex(sb, p.d.dns.id(), 4);
                }
            }
        });
        r.add(Field.text("dns.qry.name", "DNS question names", 0, (p, sb) -> {
            if (dns(p)) {
                p.d.dns.appendQuestions(sb, false);
            }
        }));
        r.add(Field.text("dns.qry.type", "DNS question types", 0, (p, sb) -> {
            if (dns(p)) {
                p.d.dns.appendQuestions(sb, true);
            }
        }));
        r.add(Field.number("dns.flags.response", "DNS response flag (1) or query (0)", 0,
                p -> !dns(p) ? Field.ABSENT : p.d.dns.isResponse() ? 1 : 0));

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
