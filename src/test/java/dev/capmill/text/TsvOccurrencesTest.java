package dev.capmill.text;

import static dev.capmill.text.SummarizerTest.A;
import static dev.capmill.text.SummarizerTest.B;
import static dev.capmill.text.SummarizerTest.C;
import static dev.capmill.text.SummarizerTest.D;
import static dev.capmill.text.SummarizerTest.cat;
import static dev.capmill.text.SummarizerTest.eth;
import static dev.capmill.text.SummarizerTest.hex;
import static dev.capmill.text.SummarizerTest.icmpEcho;
import static dev.capmill.text.SummarizerTest.ip4;
import static dev.capmill.text.SummarizerTest.tcp;
import static dev.capmill.text.SummarizerTest.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.io.Output;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.PacketRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fields that tshark prints once per occurrence ({@code -E occurrence=a}): the outer and inner
 * headers of a tunnel, the datagram an ICMP error quotes, 802.1Q tags. Each expected row is what
 * TZ=UTC tshark 4.0.17 -T fields -E occurrence=a printed for the same frames (written to a pcap
 * when the test was made).
 */
class TsvOccurrencesTest {
    static final byte[] SIX_A = hex("20010db8000000000000000000000001");
    static final byte[] SIX_B = hex("20010db8000000000000000000000002");

    /** The TSV rows of {@code fields} for Ethernet frames written one after another (a frame may be cut to {@code caplen}). */
    static List<String> rows(List<String> fields, int caplen, byte[]... frames) throws IOException {
        List<InterfaceInfo> ifs = List.of(new InterfaceInfo().setLinkType(LinkType.ETHERNET));
        CaptureMetadata m = CaptureMetadata.of(List.of(), ifs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsvWriter w = new TsvWriter(new Output(out), m, TextOptions.defaults().fields(fields));
        PacketRecord r = new PacketRecord();
        for (int i = 0; i < frames.length; i++) {
            byte[] f = frames[i];
            int n = Math.min(caplen, f.length);
            r.reset(PacketRecord.Kind.PACKET).setTime(1_700_000_000L + i, 0).setOriginalLength(f.length);
            w.write(r.setData(f, 0, n));
        }
        w.finish();
        return TextOutputs.lines(out.toString(StandardCharsets.UTF_8));
    }

    static List<String> rows(List<String> fields, byte[]... frames) throws IOException {
        return rows(fields, Integer.MAX_VALUE, frames);
    }

    static byte[] icmp(int type, int code, byte[] quoted) {
        return cat(new byte[] {(byte) type, (byte) code, 0, 0, 0, 0, 0, 0}, quoted);
    }

    static byte[] ip6(byte[] src, byte[] dst, int next, byte[] payload) {
        return ByteBuffer.allocate(40 + payload.length).putInt(0x60000000).putShort((short) payload.length)
                .put((byte) next).put((byte) 64).put(src).put(dst).put(payload).array();
    }

    static byte[] dnsQuery(int id, String name) {
        ByteArrayOutputStream q = new ByteArrayOutputStream();
        q.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            q.write(label.length());
            q.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        q.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return q.toByteArray();
    }

    @Test
    void anIcmpErrorAddsTheQuotedIpUdpAndDnsHeaders() throws IOException {
        byte[] query = ip4(A, B, 17, udp(40000, 53, dnsQuery(0x1234, "example.org")));
        byte[] error = eth(0x0800, ip4(B, A, 1, icmp(3, 3, query)));
        List<String> f = List.of("ip.src", "ip.dst", "ip.proto", "ip.len", "udp.srcport", "udp.dstport", "udp.length",
                "icmp.type", "icmp.code", "dns.id", "dns.qry.name", "dns.flags.response", "_ws.col.Info");
        assertEquals(List.of("10.0.0.2,10.0.0.1\t10.0.0.1,10.0.0.2\t1,17\t85,57\t40000\t53\t37\t3\t3\t0x1234\texample.org\t0"
                + "\tDestination unreachable (Port unreachable)"), rows(f, error));
    }

    @Test
    void aQuotedIcmpEchoIsASecondIcmpOccurrence() throws IOException {
        byte[] echo = ip4(A, B, 1, icmpEcho());
        byte[] error = eth(0x0800, ip4(C, A, 1, icmp(11, 0, echo)));
        assertEquals(List.of("11,8\t0,0"), rows(List.of("icmp.type", "icmp.code"), error));
    }

    @Test
    void aQuotedTcpHeaderHasRawNumbersAndItsConversationsStream() throws IOException {
        byte[] syn = tcp(40000, 80, 1000, 0, SummarizerTest.SYN, 28800, new byte[0], 0, 0);
        byte[] other = eth(0x86dd, ip6(SIX_A, SIX_B, 6, tcp(40001, 443, 5, 0, SummarizerTest.SYN, 1024, new byte[0], 0, 0)));
        byte[] first = eth(0x86dd, ip6(SIX_A, SIX_B, 6, syn));
        // destination unreachable from the peer, quoting the first SYN (whole: ICMPv6 quotes as much as fits)
        byte[] error = eth(0x86dd, ip6(SIX_B, SIX_A, 58, icmp(1, 4, ip6(SIX_A, SIX_B, 6, syn))));
        List<String> f = List.of("ipv6.nxt", "tcp.srcport", "tcp.stream", "tcp.seq", "tcp.ack", "tcp.len", "tcp.flags",
                "tcp.window_size_value", "icmpv6.type");
        assertEquals(List.of("6\t40001\t0\t0\t0\t0\t0x0002\t1024\t", "6\t40000\t1\t0\t0\t0\t0x0002\t28800\t",
                "58,6\t40000\t1\t1000\t0\t\t0x0002\t28800\t1"), rows(f, other, first, error));
        // eight bytes of TCP (all RFC 792 asks for): the ports and sequence number only, no stream
        byte[] quench = eth(0x0800, ip4(B, A, 1, icmp(4, 0, Arrays.copyOf(ip4(A, B, 6, syn), 28))));
        List<String> g = List.of("ip.proto", "tcp.srcport", "tcp.stream", "tcp.seq", "tcp.ack", "tcp.len", "tcp.flags",
                "tcp.window_size_value");
        assertEquals(List.of("1,6\t40000\t\t1000\t\t\t\t"), rows(g, quench));
    }

    @Test
    void tunnelsGiveTheOuterHeadersFirst() throws IOException {
        byte[] inner = eth(0x0800, ip4(A, B, 1, icmpEcho()));
        inner[6] = 0x0a; // another source MAC than the outer frame's
        byte[] vxlan = cat(new byte[] {8, 0, 0, 0, 0, 0, 1, 0}, Arrays.copyOf(inner, 14 + 20 + 16));
        byte[] f = eth(0x0800, ip4(C, D, 17, udp(50000, 4789, vxlan)));
        assertEquals(List.of("02:00:00:00:00:01,0a:00:00:00:00:01\t0x0800,0x0800\t192.0.2.1,10.0.0.1\t17,1\t50000\t4789\t8"),
                rows(List.of("eth.src", "eth.type", "ip.src", "ip.proto", "udp.srcport", "udp.dstport", "icmp.type"), f));
    }

    @Test
    void vlanIdListsDot1qTagsNotServiceTags() throws IOException {
        // an 802.1ad service tag (0x88a8, id 200) around an 802.1Q tag (id 2001)
        byte[] tags = hex("00c8810007d10800");
        byte[] f = eth(0x88a8, cat(tags, ip4(A, B, 1, icmpEcho())));
        byte[] q = eth(0x8100, cat(hex("0064810007d10800"), ip4(A, B, 1, icmpEcho())));
        assertEquals(List.of("0x88a8\t2001", "0x8100\t100,2001"), rows(List.of("eth.type", "vlan.id"), f, q));
    }

    @Test
    void lengthsAreTheOnesTheHeadersReport() throws IOException {
        // a total length of 0 (TCP segmentation offload): ip.len is the captured length tshark takes
        byte[] seg = ip4(A, B, 6, cat(tcp(1, 2, 0, 0, SummarizerTest.ACK, 100, new byte[0], 0, 0), new byte[30]));
        seg[2] = 0;
        seg[3] = 0;
        // a segment cut by the capture: tcp.len is what the IP header says, not what was kept
        byte[] cut = eth(0x0800, ip4(A, B, 6, cat(tcp(3, 4, 0, 0, SummarizerTest.ACK, 100, new byte[0], 0, 0), new byte[100])));
        List<String> f = List.of("ip.len", "tcp.len");
        assertEquals(List.of("70\t30"), rows(f, eth(0x0800, seg)));
        assertEquals(List.of("140\t100"), rows(f, 80, cut));
    }

    @Test
    void dnsOverTcpHasTheDnsFields() throws IOException {
        byte[] query = dnsQuery(0xbeef, "example.org");
        byte[] framed = cat(new byte[] {0, (byte) query.length}, query);
        byte[] seg = eth(0x0800, ip4(A, B, 6, cat(tcp(40000, 53, 1, 1, SummarizerTest.ACK | SummarizerTest.PSH, 512,
                new byte[0], 0, 0), framed)));
        assertEquals(List.of("0xbeef\texample.org\t1\t0\tDNS"),
                rows(List.of("dns.id", "dns.qry.name", "dns.qry.type", "dns.flags.response", "_ws.col.Protocol"), seg));
    }

    @Test
    void theQuestionIsShownWhenALaterRecordIsMalformed() throws IOException {
        // a response claiming one answer that is not there: the Info ends "[Malformed Packet]", the
        // question's fields are still tshark's
        byte[] response = dnsQuery(0x2345, "example.com");
        response[2] = (byte) 0x81;
        response[3] = (byte) 0x80;
        response[7] = 1;
        byte[] f = eth(0x0800, ip4(B, A, 17, udp(53, 40000, cat(response, new byte[] {(byte) 0xc0, 12, 0, 1}))));
        assertEquals(List.of("0x2345\texample.com\t1\t1"),
                rows(List.of("dns.id", "dns.qry.name", "dns.qry.type", "dns.flags.response"), f));
    }
}
