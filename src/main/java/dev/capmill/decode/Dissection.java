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
    public final IcmpEchoes echoes = new IcmpEchoes();

    /**
     * The buffer holding the transport layer: the packet's own bytes, or the reassembly buffer when
     * the datagram was reassembled from IP fragments (then valid until the next packet).
     */
    public byte[] payloadBuffer;
    /** Absolute offset (in {@link #payloadBuffer}) and length of the transport payload (TCP segment data, UDP data). */
    public int payloadOffset;
    public int payloadLength;

    /** Starts a new packet: no layer decoded. */
    public void reset(long frameNumber, int link) {
        layers = 0;
        frame = frameNumber;
        linkType = link;
        payloadBuffer = null;
        payloadOffset = 0;
        payloadLength = 0;
    }

    public boolean has(long layer) {
        return (layers & layer) != 0;
    }

    public void add(long layer) {
        layers |= layer;
    }
}
