package dev.capmill.filter;

import dev.capmill.filter.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a pcap-filter expression into tokens the way libpcap's scanner does: the longest match
 * wins, and on a tie keywords come first, then MAC addresses, numbers, dotted IPv4 forms, IPv6
 * addresses, the named constants (tcp-syn, icmp-echo, ...) and last plain identifiers.
 */
final class Lexer {
    private static final Map<String, Kind> KEYWORDS = new HashMap<>();
    private static final Map<String, Long> CONSTANTS = new HashMap<>();

    static {
        kw(Kind.DST, "dst");
        kw(Kind.SRC, "src");
        kw(Kind.LINK, "link", "ether", "ppp", "slip", "fddi", "tr", "wlan");
        kw(Kind.ARP, "arp");
        kw(Kind.RARP, "rarp");
        kw(Kind.IP, "ip");
        kw(Kind.SCTP, "sctp");
        kw(Kind.TCP, "tcp");
        kw(Kind.UDP, "udp");
        kw(Kind.ICMP, "icmp");
        kw(Kind.IGMP, "igmp");
        kw(Kind.IGRP, "igrp");
        kw(Kind.PIM, "pim");
        kw(Kind.VRRP, "vrrp");
        kw(Kind.CARP, "carp");
        kw(Kind.RADIO, "radio");
        kw(Kind.IPV6, "ip6");
        kw(Kind.ICMPV6, "icmp6");
        kw(Kind.AH, "ah");
        kw(Kind.ESP, "esp");
        kw(Kind.ATALK, "atalk");
        kw(Kind.AARP, "aarp");
        kw(Kind.DECNET, "decnet");
        kw(Kind.LAT, "lat");
        kw(Kind.SCA, "sca");
        kw(Kind.MOPRC, "moprc");
        kw(Kind.MOPDL, "mopdl");
        kw(Kind.ISO, "iso");
        kw(Kind.ESIS, "esis", "es-is");
        kw(Kind.ISIS, "isis", "is-is");
        kw(Kind.L1, "l1");
        kw(Kind.L2, "l2");
        kw(Kind.IIH, "iih");
        kw(Kind.LSP, "lsp");
        kw(Kind.SNP, "snp");
        kw(Kind.CSNP, "csnp");
        kw(Kind.PSNP, "psnp");
        kw(Kind.CLNP, "clnp");
        kw(Kind.STP, "stp");
        kw(Kind.IPX, "ipx");
        kw(Kind.NETBEUI, "netbeui");
        kw(Kind.HOST, "host");
        kw(Kind.NET, "net");
        kw(Kind.NETMASK, "mask");
        kw(Kind.PORT, "port");
        kw(Kind.PORTRANGE, "portrange");
        kw(Kind.PROTO, "proto");
        kw(Kind.PROTOCHAIN, "protochain");
        kw(Kind.GATEWAY, "gateway");
        kw(Kind.TYPE, "type");
        kw(Kind.SUBTYPE, "subtype");
        kw(Kind.DIR, "direction", "dir");
        kw(Kind.ADDR1, "address1", "addr1");
        kw(Kind.ADDR2, "address2", "addr2");
        kw(Kind.ADDR3, "address3", "addr3");
        kw(Kind.ADDR4, "address4", "addr4");
        kw(Kind.RA, "ra");
        kw(Kind.TA, "ta");
        kw(Kind.LESS, "less");
        kw(Kind.GREATER, "greater");
        kw(Kind.BYTE, "byte");
        kw(Kind.BROADCAST, "broadcast");
        kw(Kind.MULTICAST, "multicast");
        kw(Kind.AND, "and");
        kw(Kind.OR, "or");
        kw(Kind.NOT, "not");
        kw(Kind.LEN, "len", "length");
        kw(Kind.INBOUND, "inbound");
        kw(Kind.OUTBOUND, "outbound");
        kw(Kind.IFINDEX, "ifindex");
        kw(Kind.VLAN, "vlan");
        kw(Kind.MPLS, "mpls");
        kw(Kind.PPPOED, "pppoed");
        kw(Kind.PPPOES, "pppoes");
        kw(Kind.GENEVE, "geneve");
        kw(Kind.LLC, "llc");
        kw(Kind.UNSUPPORTED_KEYWORD, "lane", "metac", "bcc", "oam", "oamf4", "oamf4ec", "oamf4sc", "sc", "ilmic",
                "vpi", "vci", "connectmsg", "metaconnect", "on", "ifname", "rset", "ruleset", "rnr", "rulenum",
                "srnr", "subrulenum", "reason", "action", "fisu", "lssu", "lsu", "msu", "hfisu", "hlssu", "hmsu",
                "sio", "opc", "dpc", "sls", "hsio", "hopc", "hdpc", "hsls");
        String[] icmp = {"echoreply:0", "unreach:3", "sourcequench:4", "redirect:5", "echo:8", "routeradvert:9",
            "routersolicit:10", "timxceed:11", "paramprob:12", "tstamp:13", "tstampreply:14", "ireq:15",
            "ireqreply:16", "maskreq:17", "maskreply:18"};
        for (String s : icmp) {
            String[] p = s.split(":");
            CONSTANTS.put("icmp-" + p[0], Long.parseLong(p[1]));
        }
        String[] icmp6 = {"destinationunreach:1", "packettoobig:2", "timeexceeded:3", "parameterproblem:4",
            "echo:128", "echoreply:129", "multicastlistenerquery:130", "multicastlistenerreportv1:131",
            "multicastlistenerdone:132", "routersolicit:133", "routeradvert:134", "neighborsolicit:135",
            "neighboradvert:136", "redirect:137", "routerrenum:138", "nodeinformationquery:139",
            "nodeinformationresponse:140", "ineighbordiscoverysolicit:141", "ineighbordiscoveryadvert:142",
            "multicastlistenerreportv2:143", "homeagentdiscoveryrequest:144", "homeagentdiscoveryreply:145",
            "mobileprefixsolicit:146", "mobileprefixadvert:147", "certpathsolicit:148", "certpathadvert:149",
            "multicastrouteradvert:151", "multicastroutersolicit:152", "multicastrouterterm:153"};
        for (String s : icmp6) {
            String[] p = s.split(":");
            CONSTANTS.put("icmp6-" + p[0], Long.parseLong(p[1]));
        }
        CONSTANTS.put("icmptype", 0L);
        CONSTANTS.put("icmpcode", 1L);
        CONSTANTS.put("icmp6type", 0L);
        CONSTANTS.put("icmp6code", 1L);
        CONSTANTS.put("tcpflags", 13L);
        String[] flags = {"fin", "syn", "rst", "push", "ack", "urg", "ece", "cwr"};
        for (int i = 0; i < flags.length; i++) {
            CONSTANTS.put("tcp-" + flags[i], 1L << i);
        }
    }

    private static void kw(Kind k, String... words) {
        for (String w : words) {
            KEYWORDS.put(w, k);
        }
    }

    private static final String B = "[0-9A-Fa-f][0-9A-Fa-f]?";
    private static final String B2 = "[0-9A-Fa-f]{4}";
    private static final Pattern MAC = Pattern.compile("(" + B + ":" + B + ":" + B + ":" + B + ":" + B + ":" + B
            + "|" + B + "-" + B + "-" + B + "-" + B + "-" + B + "-" + B
            + "|" + B + "\\." + B + "\\." + B + "\\." + B + "\\." + B + "\\." + B
            + "|" + B2 + "\\." + B2 + "\\." + B2 + "|" + B2 + B2 + B2 + ")");
    private static final String N = "(?:0[xX][0-9A-Fa-f]+|[0-9]+)";
    private static final Pattern NUM = Pattern.compile(N);
    private static final Pattern HID = Pattern.compile(N + "(?:\\." + N + "){1,3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:" + N + "\\." + N + "\\." + N + "\\." + N + ")?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?");

    private Lexer() {
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                out.add(new Token(Kind.EOF, null, 0, n));
                return out;
            }
            char c = s.charAt(i);
            char d = i + 1 < n ? s.charAt(i + 1) : 0;
            Kind two = null;
            if (c == '&' && d == '&') {
                two = Kind.AND;
            } else if (c == '|' && d == '|') {
                two = Kind.OR;
            } else if (c == '>' && d == '=') {
                two = Kind.GEQ;
            } else if (c == '<' && d == '=') {
                two = Kind.LEQ;
            } else if (c == '!' && d == '=') {
                two = Kind.NEQ;
            } else if (c == '=' && d == '=') {
                two = Kind.EQ;
            } else if (c == '<' && d == '<') {
                two = Kind.LSH;
            } else if (c == '>' && d == '>') {
                two = Kind.RSH;
            }
            if (two != null) {
                out.add(new Token(two, s.substring(i, i + 2), 0, i));
                i += 2;
                continue;
            }
            Kind one = punct(c);
            if (one != null) {
                out.add(new Token(one, String.valueOf(c), 0, i));
                i++;
                continue;
            }
            if (c == '\\') {
                int j = i + 1;
                while (j < n && " !()\n\t".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                if (j == i + 1) {
                    throw new FilterException("syntax error at position " + (i + 1) + ": unexpected '\\'", i);
                }
                out.add(new Token(Kind.ID, s.substring(i + 1, j), 0, i));
                i = j;
                continue;
            }
            int mac = match(MAC, s, i);
            int num = match(NUM, s, i);
            int hid = match(HID, s, i);
            int v6 = match(V6, s, i);
            int id = match(ID, s, i);
            int best = Math.max(Math.max(Math.max(mac, num), Math.max(hid, v6)), id);
            if (best <= 0 && c == ':') {
                out.add(new Token(Kind.COLON, ":", 0, i));
                i++;
                continue;
            }
            if (best <= 0) {
                throw new FilterException("syntax error at position " + (i + 1) + ": unexpected character '" + c + "'", i);
            }
            String text = s.substring(i, i + best);
            if (id == best && KEYWORDS.containsKey(text)) {
                out.add(new Token(KEYWORDS.get(text), text, 0, i));
            } else if (mac == best) {
                out.add(new Token(Kind.EID, text, 0, i));
            } else if (num == best) {
                out.add(new Token(Kind.NUM, text, parseNumber(text, i), i));
            } else if (hid == best) {
                out.add(new Token(Kind.HID, text, 0, i));
            } else if (v6 == best) {
                out.add(new Token(Kind.HID6, text, 0, i));
            } else if (CONSTANTS.containsKey(text)) {
                out.add(new Token(Kind.NUM, text, CONSTANTS.get(text), i));
            } else {
                out.add(new Token(Kind.ID, text, 0, i));
            }
            i += best;
        }
    }

    private static Kind punct(char c) {
        switch (c) {
            case '+': return Kind.PLUS;
            case '-': return Kind.MINUS;
            case '*': return Kind.STAR;
            case '/': return Kind.SLASH;
            case '%': return Kind.PERCENT;
            case ':': return null; // may begin an IPv6 address
            case '[': return Kind.LBRACKET;
            case ']': return Kind.RBRACKET;
            case '!': return Kind.NOT;
            case '<': return Kind.LT;
            case '>': return Kind.GT;
            case '(': return Kind.LPAREN;
            case ')': return Kind.RPAREN;
            case '&': return Kind.AMP;
            case '|': return Kind.PIPE;
            case '^': return Kind.CARET;
            case '=': return Kind.EQ;
            default: return null;
        }
    }

    private static int match(Pattern p, String s, int at) {
        Matcher m = p.matcher(s);
        m.region(at, s.length());
        if (m.lookingAt()) {
            int len = m.end() - at;
            if (p == V6) {
                // only a complete IPv6 address is one (so "2:2" in tcp[2:2] stays NUM ':' NUM)
                while (len > 1 && Addresses.parseIpv6(s.substring(at, at + len)) == null) {
                    len--;
                }
                return len > 1 ? len : -1;
            }
            return len;
        }
        return -1;
    }

    /** libpcap's stou: 0x hex, a leading 0 octal, else decimal; 32 bits at most. */
    static long parseNumber(String t, int pos) {
        int base = 10;
        String digits = t;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            base = 16;
            digits = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            base = 8;
            digits = t.substring(1);
        }
        long v = 0;
        for (char ch : digits.toCharArray()) {
            int dig = Character.digit(ch, base);
            if (dig < 0) {
                throw new FilterException("number " + t + " contains non-" + (base == 8 ? "octal" : "decimal") + " digit", pos);
            }
            v = v * base + dig;
            if (v > 0xFFFFFFFFL) {
                throw new FilterException("number " + t + " overflows 32 bits", pos);
            }
        }
        return v;
    }
}
