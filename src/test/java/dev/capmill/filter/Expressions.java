package dev.capmill.filter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The expressions the differential tests run: the issue's, libpcap's test ones, and generated ones. */
final class Expressions {
    private Expressions() {
    }

    static final List<String> ISSUE = List.of(
            "host 192.168.2.1 and port 80",
            "src net 192.168.2.0/24 and dst host 172.16.31.1 and (port 80 or 8080)",
            "tcp[tcpflags] & (tcp-rst|tcp-fin) != 0",
            "tcp[14:2] < 40",
            "tcp port 80");

    /** Primitives; HOST4, HOST6, MAC and PORT are replaced by values seen in the corpus. */
    static final List<String> PRIMITIVES = List.of(
            "ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp", "icmp6", "sctp", "igmp", "pim", "vrrp", "ah", "esp",
            "stp", "iso", "decnet", "lat", "netbeui",
            "ip proto 47", "ip proto \\udp", "ip6 proto 58", "ip6 proto 17", "proto 17", "proto \\tcp",
            "ether proto 0x88cc", "ether proto \\ip6", "ether proto \\arp", "ether proto 0x42", "link proto 0x8100",
            "ether broadcast", "ether multicast", "broadcast", "multicast", "ip broadcast", "ip multicast",
            "ip6 multicast", "less 100", "greater 500", "len > 200", "len <= 64", "length = 60",
            "vlan", "vlan 100", "vlan 1", "mpls", "mpls 16", "vlan and ip", "vlan and vlan", "mpls and mpls",
            "host HOST4", "src host HOST4", "dst host HOST4", "ip host HOST4", "arp host HOST4",
            "src or dst host HOST4", "src and dst host HOST4", "HOST4", "net NET16/16", "net NET8", "net 10",
            "net 192.168", "src net 10.0.0.0 mask 255.0.0.0", "dst net 224.0.0.0/4", "net 0.0.0.0/0",
            "port PORT", "tcp port PORT", "udp port PORT", "udp dst port PORT", "src port PORT", "sctp port PORT",
            "port http", "tcp port https", "udp port domain", "portrange 1-1024", "tcp portrange 8000-9000",
            "udp src portrange 1024-65535", "ether host MAC", "ether src MAC", "ether dst MAC", "ether dst host MAC",
            "host HOST6", "ip6 host HOST6", "src host HOST6", "net fe80::/10", "ip6 net 2001:db8::/32",
            "dst net ff00::/8", "host ::1",
            "tcp[tcpflags] & tcp-syn != 0", "tcp[tcpflags] & (tcp-syn|tcp-ack) = tcp-syn|tcp-ack", "tcp[13] = 0x12",
            "tcp[tcpflags] & (tcp-push|tcp-urg|tcp-ece|tcp-cwr) != 0",
            "icmp[icmptype] = icmp-echo", "icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply",
            "icmp[icmpcode] = 0", "icmp6[icmp6type] = icmp6-neighborsolicit", "icmp6[icmp6type] = icmp6-echo",
            "icmp6[icmp6code] != 0", "ip[2:2] > 576", "ip[0] & 0xf != 5", "ip[6:2] & 0x1fff != 0",
            "udp[8:4] = 0x12345678", "ether[0] & 1 = 1", "ether[12:2] = 0x86dd", "ether[6:4] = 0",
            "ip[2:2] - ((ip[0]&0xf)<<2) - ((tcp[12]&0xf0)>>2) != 0", "len - 14 > ip[2:2]",
            "(ip[2:2] * 2) / 3 % 7 = 1", "ip[1] ^ 0xff = 0xff", "-ip[0] < 0", "ip[16] | ip[17] = 255",
            "tcp[0:2] % 2 = 0", "byte 12 = 8", "byte 23 > 10", "byte 14 < 0x46",
            "ether[len - 1] = 0", "ip[100] = 1", "tcp[1000] = 0", "ip6[6] = 17", "ip6[40:2] > 1000",
            "udp[0:2] + udp[2:2] > 2000", "tcp[12] >> 4 > 5", "arp[6:2] = 1", "rarp[7] = 3", "link[0] = 0xff",
            "ip[9] == 6", "ip[8] >= 64", "ip[8] <= 64", "ip[8] < 64", "ip[4:2] / 0x100 = ip[4]", "len % 4 = 0",
            "len / 0x10 > 5", "0x0a = ip[12]", "010 = 8", "len * 2 - 100 > 1000", "ip[0:4] & 0xf0000000 = 0x40000000",
            "(len + 1) & 1 = 1", "ip[ip[0] & 0xf] = 0", "byte 0 & 1", "byte 0 | 0x80", "tcp[tcp[12] >> 4] != 0", "ether[12:2] - 0x800 = 0",
            "udp port 53 or udp port 5353", "not ip", "!tcp && !udp", "arp or rarp", "icmp or icmp6",
            "not (tcp or udp)", "ip and not tcp", "tcp or udp and port 53", "host HOST4 or HOST4B",
            "host HOST4 and not HOST4B", "port 80 or 443", "tcp and (port 80 or 443 or 8080)",
            "ip6 and tcp", "ip and udp and not port 53", "vlan and tcp port 80", "not vlan and tcp port 80",
            "mpls and ip", "mpls 1 and ip6",
            // LLC, PPPoE, direction, non-IP protocols, 802.11
            "llc", "llc i", "llc s", "llc u", "llc ui", "llc xid", "llc test", "llc rr", "stp", "ipx", "atalk",
            "aarp", "iso", "clnp", "esis", "isis", "l1", "l2", "iih", "lsp", "snp", "csnp", "psnp",
            "isis proto 18", "iso proto 0x83", "sca", "mopdl", "moprc", "decnet", "lat", "netbeui", "pppoed",
            "pppoes", "pppoes 1", "pppoes and ip", "pppoes and tcp port 80", "pppoes 0x1234 and ip6",
            "inbound", "outbound", "ifindex 1", "ifindex 2", "type data", "type mgt", "type ctl subtype ack",
            "type mgt subtype beacon", "subtype qos-data", "dir tods", "dir fromds", "wlan host MAC",
            "wlan src MAC", "wlan addr2 MAC", "wlan ra MAC", "wlan ta MAC", "wlan addr3 MAC", "wlan addr4 MAC",
            "link[0] & 0xc = 8", "radio[0] = 0");

    static final List<String> REJECTED = List.of(
            "tcp port 99999", "ip proto", "host", "foo bar", "tcp[0] / 0 = 1", "tcp[0] % 0 = 1", "ip[0] << 32 = 1",
            "ether host 1.2.3.4", "vlan 5000", "ip6 host 1.2.3.4", "tcp src host 1.2.3.4", "port 1.2.3.4",
            "net 10.0.0.1/8", "host 10.0.0.0/8", "ip[0:3] = 1", "(tcp", "tcp)", "and", "tcp and", "1 +", "ip =",
            "tcp port", "ip host ::1", "src proto 6", "tcp proto 6", "arp proto 1", "mpls and arp",
            "mpls and vlan", "mpls 2000000", "udp portrange 1-70000", "ether src 1.2.3.4", "ip src 01:02:03:04:05:06",
            "ip[", "[0] = 1", "tcp port 80 80", "not", "()", "ip and (", "host 1.2.3.4 or", "len >", "! !",
            "ether proto \\nonexistent", "ip proto \\nonexistent", "ip[0:8] = 1", "link host 1.2.3.4",
            "gateway 1.2.3.4", "net 10.0.0.0/33", "1.2.3.4 and", "ip6 net 2001:db8::1/32", "radio",
            "type foo", "subtype", "dir sideways", "llc foo", "pppoes 70000", "ifindex", "clnp proto 1",
            "atalk proto 1", "stp proto 1", "host 00:11:22:33:44:55", "src 00:11:22:33:44:55",
            "00:11:22:33:44:55");

    /** protochain and geneve, alone and with what follows them (libpcap 1.10's forms). */
    static final List<String> ENCAPSULATION = List.of(
            "protochain 6", "protochain 17", "protochain 58", "protochain 59", "protochain 51", "protochain 44",
            "protochain 0", "protochain 1", "protochain 50", "protochain 4", "protochain 132", "protochain \\tcp",
            "protochain \\udp", "ip protochain 6", "ip protochain 51", "ip protochain 59", "ip6 protochain 17",
            "ip6 protochain 43", "ip6 protochain 60", "ip6 protochain \\ipv6-icmp", "ip6 protochain 6 and ip6 proto 0",
            "protochain 6 and not tcp", "not protochain 17", "protochain 58 or protochain 59",
            "vlan and protochain 6", "ip protochain 1 and icmp", "protochain 17 and udp port 53",
            "geneve", "geneve 1", "geneve 2", "geneve 5", "geneve 0x123456", "geneve 0", "geneve and ip",
            "geneve and ip6", "geneve and tcp", "geneve and udp port 53", "geneve and tcp port 80",
            "geneve 5 and ip host 10.0.0.1", "geneve and host 10.0.0.2", "geneve and net 192.168.0.0/16",
            "geneve and vlan", "geneve and vlan 7 and ip", "geneve and ether host 00:11:22:33:44:55",
            "geneve and ether src 02:00:00:00:00:01", "geneve and broadcast", "geneve and multicast",
            "geneve and ether broadcast and ip", "geneve and not ip6", "geneve and geneve",
            "geneve and geneve and tcp", "geneve 1 or geneve 2", "geneve and ip[9] = 6", "geneve and ether[0] & 1 = 1",
            "geneve and ether[12:2] = 0x800", "geneve and ip6 protochain 6", "geneve and len > 200",
            "geneve and icmp6", "geneve and ip6 multicast", "geneve and ip proto 51", "geneve and protochain 6",
            "udp port 6081 and not geneve", "geneve and ether proto 0x86dd", "geneve and arp",
            "geneve and llc", "geneve and pppoes and ip", "geneve and mpls", "geneve and tcp[13] & 2 != 0");

    static final List<String> ENCAPSULATION_REJECTED = List.of(
            "geneve 16777216", "src protochain 6", "ether protochain 6", "tcp protochain 6", "arp protochain 6",
            "protochain", "protochain foo", "ip protochain foo", "protochain 1.2.3.4", "geneve foo",
            "ip geneve", "ip6 protochain \\icmp6");

    /**
     * Combinations of link-layer type, family and protocol tests, which on some link types
     * (loopback's three IPv6 values, raw IP, IPv4, IPv6) libpcap's optimiser proves never match.
     */
    static final List<String> FAMILY = List.of(
            "ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp", "icmp6", "sctp", "ah", "not ip", "not ip6",
            "ip[0] = 0x45", "ip6[40:2] > 1000", "ip6[6] = 17", "tcp[0] = 1", "udp[0:2] = 53", "icmp6[0] = 128",
            "icmp[0] = 8", "net 10", "host 10.0.0.1", "ip6 host ::1", "ip6 net fe80::/10", "ether proto 0x800",
            "ether proto 0x86dd", "ip proto 17", "ip6 proto 17", "ip multicast", "ip6 multicast", "ip broadcast",
            "port 80", "tcp port 80", "udp port 53", "len > 100", "arp host 10.0.0.1", "proto 6", "ip[9] = 6",
            "ip6[6] != 6", "tcp or udp", "ip and ip[9] = 17", "(ip or ip6) and udp");

    static List<String> familyCombinations(int count, long seed) {
        Random r = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        List<String> f = FAMILY;
        while (out.size() < count) {
            String a = f.get(r.nextInt(f.size()));
            String b = f.get(r.nextInt(f.size()));
            String c = f.get(r.nextInt(f.size()));
            String d = f.get(r.nextInt(f.size()));
            switch (r.nextInt(6)) {
                case 0: out.add(a + " and " + b); break;
                case 1: out.add(a + " and " + b + " and " + c); break;
                case 2: out.add(a + " and (" + b + " or " + c + ")"); break;
                case 3: out.add("(" + a + " and " + b + ") or (" + c + " and " + d + ")"); break;
                case 4: out.add(a + " and not (" + b + " and " + c + ")"); break;
                default: out.add("(" + a + " or " + b + ") and " + c); break;
            }
        }
        return new ArrayList<>(out);
    }

    static List<String> fromLibpcapTests(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                StringBuilder b = new StringBuilder();
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("#")) {
                        b.append(line).append(' ');
                    }
                }
                out.add(b.toString().trim());
            }
        }
        return out;
    }

    /** Values seen in the corpus, so that host, port and MAC primitives match real packets. */
    record Values(String host4, String host4b, String net16, String net8, String host6, String mac, String port) { }

    static List<String> substitute(List<String> exprs, Values v) {
        List<String> out = new ArrayList<>();
        for (String e : exprs) {
            out.add(e.replace("HOST4B", v.host4b()).replace("HOST4", v.host4()).replace("NET16", v.net16())
                    .replace("NET8", v.net8()).replace("HOST6", v.host6()).replace("MAC", v.mac())
                    .replace("PORT", v.port()));
        }
        return out;
    }

    /** Generated combinations: and/or/not of two or three primitives, deterministic. */
    static List<String> combinations(List<String> prims, int count, long seed) {
        Random r = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        String[] ops = {" and ", " or ", " && ", " || "};
        while (out.size() < count) {
            String a = prims.get(r.nextInt(prims.size()));
            String b = prims.get(r.nextInt(prims.size()));
            String op = ops[r.nextInt(ops.length)];
            String e;
            switch (r.nextInt(5)) {
                case 0: e = a + op + b; break;
                case 1: e = "not " + a + op + b; break;
                case 2: e = a + op + "not (" + b + ")"; break;
                case 3: e = "(" + a + op + b + ")" + ops[r.nextInt(ops.length)] + prims.get(r.nextInt(prims.size()));
                    break;
                default: e = "!(" + a + ")" + op + "(" + b + ")"; break;
            }
            out.add(e);
        }
        return new ArrayList<>(out);
    }
}
