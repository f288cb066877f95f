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
