package dev.capmill.filter;

/** One token of a filter expression; {@code num} is set for NUM, {@code text} for ID, HID, HID6, EID. */
record Token(Kind kind, String text, long num, int pos) {
    enum Kind {
        // qualifiers and keywords
        DST, SRC, LINK, ARP, RARP, IP, SCTP, TCP, UDP, ICMP, IGMP, IGRP, PIM, VRRP, CARP, RADIO, IPV6, ICMPV6,
        AH, ESP, ATALK, AARP, DECNET, LAT, SCA, MOPRC, MOPDL, ISO, ESIS, ISIS, L1, L2, IIH, LSP, SNP, CSNP, PSNP,
        CLNP, STP, IPX, NETBEUI, HOST, NET, NETMASK, PORT, PORTRANGE, PROTO, PROTOCHAIN, GATEWAY, TYPE, SUBTYPE,
        DIR, ADDR1, ADDR2, ADDR3, ADDR4, RA, TA, LESS, GREATER, BYTE, BROADCAST, MULTICAST, AND, OR, NOT, LEN,
        INBOUND, OUTBOUND, IFINDEX, VLAN, MPLS, PPPOED, PPPOES, GENEVE, LLC, UNSUPPORTED_KEYWORD,
        // values
        NUM, ID, HID, HID6, EID, AID,
        // punctuation
        PLUS, MINUS, STAR, SLASH, PERCENT, COLON, LBRACKET, RBRACKET, LPAREN, RPAREN, LT, GT, AMP, PIPE, CARET,
        EQ, GEQ, LEQ, NEQ, LSH, RSH, EOF
    }

    String describe() {
        switch (kind) {
            case EOF: return "end of expression";
            case NUM: return "number " + num;
            default: return text != null ? "'" + text + "'" : kind.name();
        }
    }
}
