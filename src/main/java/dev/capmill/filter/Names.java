package dev.capmill.filter;

import java.util.HashMap;
import java.util.Map;

/** Built-in names (no /etc/services or /etc/protocols): well-known ports, IP protocols, ethertypes. */
final class Names {
    private static final Map<String, Integer> PORTS = new HashMap<>();
    private static final Map<String, Long> IP_PROTOS = new HashMap<>();
    private static final Map<String, Long> ETHERTYPES = new HashMap<>();
    /** Services registered for one transport only (as in netbase's /etc/services, which libpcap reads). */
    private static final java.util.Set<String> TCP_ONLY = java.util.Set.of(("tcpmux systat netstat qotd ftp-data ftp ssh"
            + " telnet smtp whois gopher finger http www pop3 auth nntp epmap netbios-ssn imap imap2 bgp microsoft-ds"
            + " submission ipp rsync ftps imaps pop3s socks ms-sql-s mysql postgresql login shell exec printer x11"
            + " http-alt webcache svn git").split(" "));
    private static final java.util.Set<String> UDP_ONLY = java.util.Set.of(("bootps bootpc tftp ntp netbios-ns"
            + " netbios-dgm xdmcp isakmp l2tp route ipsec-nat-t mdns dhcpv6-client dhcpv6-server syslog").split(" "));

    static {
        String ports = "tcpmux 1 echo 7 discard 9 systat 11 daytime 13 netstat 15 qotd 17 chargen 19 ftp-data 20 ftp 21 "
                + "ssh 22 telnet 23 smtp 25 time 37 whois 43 tacacs 49 domain 53 bootps 67 bootpc 68 tftp 69 gopher 70 "
                + "finger 79 http 80 www 80 kerberos 88 pop3 110 sunrpc 111 auth 113 nntp 119 ntp 123 epmap 135 "
                + "netbios-ns 137 netbios-dgm 138 netbios-ssn 139 imap 143 imap2 143 snmp 161 snmp-trap 162 xdmcp 177 "
                + "bgp 179 irc 194 ldap 389 https 443 microsoft-ds 445 kpasswd 464 isakmp 500 rtsp 554 submission 587 "
                + "ipp 631 ldaps 636 rsync 873 ftps 990 imaps 993 pop3s 995 socks 1080 openvpn 1194 ms-sql-s 1433 "
                + "l2tp 1701 pptp 1723 radius 1812 radius-acct 1813 nfs 2049 mysql 3306 rdp 3389 sip 5060 sips 5061 "
                + "postgresql 5432 syslog 514 login 513 shell 514 exec 512 printer 515 rip 520 route 520 "
                + "ipsec-nat-t 4500 mdns 5353 x11 6000 http-alt 8080 webcache 8080 vxlan 4789 geneve 6081 "
                + "bfd 3784 ldp 646 dhcpv6-client 546 dhcpv6-server 547 svn 3690 git 9418";
        String[] p = ports.split(" ");
        for (int i = 0; i < p.length; i += 2) {
            PORTS.put(p[i], Integer.parseInt(p[i + 1]));
        }
        String protos = "ip 0 hopopt 0 icmp 1 igmp 2 ggp 3 ipencap 4 st 5 tcp 6 egp 8 igp 9 pup 12 udp 17 hmp 20 "
                + "xns-idp 22 rdp 27 iso-tp4 29 dccp 33 xtp 36 ddp 37 idpr-cmtp 38 ipv6 41 ipv6-route 43 ipv6-frag 44 "
                + "idrp 45 rsvp 46 gre 47 esp 50 ah 51 skip 57 ipv6-icmp 58 ipv6-nonxt 59 ipv6-opts 60 "
                + "rspf 73 vmtp 81 eigrp 88 ospf 89 ax.25 93 ipip 94 etherip 97 encap 98 pim 103 ipcomp 108 vrrp 112 "
                + "l2tp 115 isis 124 sctp 132 fc 133 mobility-header 135 udplite 136 mpls-in-ip 137 manet 138 hip 139 "
                + "shim6 140 wesp 141 rohc 142";
        String[] q = protos.split(" ");
        for (int i = 0; i < q.length; i += 2) {
            IP_PROTOS.put(q[i], Long.parseLong(q[i + 1]));
        }
        String eth = "ip 0x0800 ip6 0x86dd arp 0x0806 rarp 0x8035 atalk 0x809b aarp 0x80f3 decnet 0x6003 "
                + "sca 0x6007 lat 0x6004 mopdl 0x6001 moprc 0x6002 loopback 0x9000 vlan 0x8100 "
                + "mpls 0x8847 pppoed 0x8863 pppoes 0x8864 lldp 0x88cc iso 0xfe stp 0x42 ipx 0xe0 netbeui 0xf0";
        String[] e = eth.split(" ");
        for (int i = 0; i < e.length; i += 2) {
            ETHERTYPES.put(e[i], Long.decode(e[i + 1]));
        }
    }

    private Names() {
    }

    static Integer port(String name) {
        return PORTS.get(name);
    }

    /** The one transport a port name belongs to (6 or 17), or -1 when it is both's. */
    static int portProto(String name) {
        return TCP_ONLY.contains(name) ? 6 : UDP_ONLY.contains(name) ? 17 : -1;
    }

    static Integer portOrNumber(String s) {
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            try {
                long v = Lexer.parseNumber(s, 0);
                return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
            } catch (FilterException e) {
                return null;
            }
        }
        return PORTS.get(s);
    }

    static Long ipProto(String name) {
        return IP_PROTOS.get(name);
    }

    static Long ethertype(String name) {
        return ETHERTYPES.get(name);
    }
}
