package dev.capmill.decode;

/**
 * What was decoded of the current packet: one reusable instance per output, holding every
 * decoder and a bit set of the layers that decoded. The {@code text} package's Summarizer fills
 * it while it writes tshark's columns; field extraction (CSV/TSV {@code -e}) reads the same
 * decoders afterwards instead of decoding the packet twice. Nothing here allocates per packet.
 *
 * <p>A layer's bit is set only when its decoder's {@code reset} succeeded for this packet; a
 * decoder whose bit is clear holds stale state from an earlier packet and must not be read.
 * The layer constants are reserved up front for every protocol the text output decodes, so
 * that adding one does not renumber the others.
 */
public final class Dissection {
    public static final long ETH = 1L;
    public static final long VLAN = 1L << 1;
    public static final long SLL = 1L << 2;
    public static final long NULL = 1L << 3;
    public static final long WLAN = 1L << 4;
    public static final long LLC = 1L << 5;
    public static final long ARP = 1L << 6;
    public static final long IPV4 = 1L << 7;
    public static final long IPV6 = 1L << 8;
    /**
     * An IPv4 or IPv6 fragment other than a whole datagram. With it, the transport bits are set only
     * when this fragment completed the datagram (then the transport layer is in the reassembly buffer).
     */
    public static final long IP_FRAGMENT = 1L << 9;
    public static final long TCP = 1L << 10;
    public static final long UDP = 1L << 11;
    public static final long ICMP = 1L << 12;
    public static final long ICMPV6 = 1L << 13;
    public static final long DNS = 1L << 14;
    public static final long MDNS = 1L << 15;
    public static final long LLMNR = 1L << 16;
    public static final long NBNS = 1L << 17;
    public static final long DHCP = 1L << 18;
    public static final long DHCPV6 = 1L << 19;
    public static final long NTP = 1L << 20;
    public static final long HTTP = 1L << 21;
    public static final long TLS = 1L << 22;
    public static final long SSDP = 1L << 23;

    /** The layers decoded for the current packet. */
    public long layers;

    /** Frame number of the current packet, from 1. */
    public long frame;
    /** Link type of the current packet. */
    public int linkType;

    public final Ethernet eth = new Ethernet();
    public final Arp arp = new Arp();
    public final Ipv4 ip4 = new Ipv4();
    public final Ipv6 ip6 = new Ipv6();
    public final Tcp tcp = new Tcp();
    public final Udp udp = new Udp();
    public final Icmp icmp = new Icmp();
    public final Icmpv6 icmp6 = new Icmpv6();
    public final Sll sll = new Sll();
    public final Llc llc = new Llc();
    public final Wlan wlan = new Wlan();
    public final Radiotap radiotap = new Radiotap();
    /** IPv4 and IPv6 datagrams being reassembled from fragments (bounded, see {@link IpReassembly}). */
    public final IpReassembly fragments = new IpReassembly();
    public final TcpConversations tcpState = new TcpConversations();
    /** HTTP and TLS over TCP, with tshark's reassembly; read when {@link #HTTP} or {@link #TLS} is set. */
    public final TcpPayload tcpPayload = new TcpPayload(tcpState.capacity());
    public final IcmpEchoes echoes = new IcmpEchoes();
    /** DNS, mDNS or LLMNR message (whichever of the three bits is set). */
    public final Dns dns = new Dns();
    /** NBNS message: the DNS header and name format (RFC 1002). */
    public final Dns nbns = new Dns();
    public final Dhcp dhcp = new Dhcp();
    public final Dhcpv6 dhcpv6 = new Dhcpv6();
    public final Ntp ntp = new Ntp();

    /**
     * Every header of these protocols in the packet, outermost first (a tunnel's outer headers, the
     * header an ICMP error quotes): the fields tshark prints once per occurrence read them. The
     * decoders above hold only the innermost, which the columns show. {@link #vlanAt} holds the
     * 802.1Q tags (the tag control field of each); {@link #tcpAt} only the TCP headers quoted in
     * ICMP errors (the packet's own TCP is {@link #tcp} with its conversation state), each with its
     * stream index as the entry's aux value, -1 when the quote is too short for tshark to find one.
     */
    public final Occurrences ethAt = new Occurrences();
    public final Occurrences vlanAt = new Occurrences();
    public final Occurrences ip4At = new Occurrences();
    public final Occurrences ip6At = new Occurrences();
    public final Occurrences udpAt = new Occurrences();
    public final Occurrences tcpAt = new Occurrences();
    public final Occurrences icmpAt = new Occurrences();
    public final Occurrences icmp6At = new Occurrences();
    /** A DNS message inside the datagram an ICMP error quotes (tshark dissects it too); read when {@link #quotedDnsSet}. */
    public final Dns quotedDns = new Dns();
    public boolean quotedDnsSet;

    /**
     * The buffer holding the transport layer: the packet's own bytes, or the reassembly buffer when
     * the datagram was reassembled from IP fragments (then valid until the next packet).
     */
    public byte[] payloadBuffer;
    /** Absolute offset (in {@link #payloadBuffer}) and length of the transport payload (TCP segment data, UDP data). */
    public int payloadOffset;
    public int payloadLength;
    /**
     * tcp.len: the TCP segment's data length as the IP layer reports it (what tshark's Info shows as
     * Len=, not what was captured), -1 when the segment is shorter than its own header.
     */
    public int tcpLength;

    /** Starts a new packet: no layer decoded. */
    public void reset(long frameNumber, int link) {
        layers = 0;
        frame = frameNumber;
        linkType = link;
        payloadBuffer = null;
        payloadOffset = 0;
        payloadLength = 0;
        ethAt.clear();
        vlanAt.clear();
        ip4At.clear();
        ip6At.clear();
        udpAt.clear();
        tcpAt.clear();
        icmpAt.clear();
        icmp6At.clear();
        quotedDnsSet = false;
    }

    public boolean has(long layer) {
        return (layers & layer) != 0;
    }

    public void add(long layer) {
        layers |= layer;
    }
}
