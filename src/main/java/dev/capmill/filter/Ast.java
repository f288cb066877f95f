package dev.capmill.filter;

import dev.capmill.filter.Token.Kind;

/** The parsed expression. Qualifiers are already resolved (an id after and/or inherits them). */
final class Ast {
    private Ast() {
    }

    enum Dir { DEFAULT, SRC, DST, OR, AND, ADDR1, ADDR2, ADDR3, ADDR4, RA, TA, UNDEF }

    enum Addr { DEFAULT, HOST, NET, PORT, PORTRANGE, PROTO, PROTOCHAIN, GATEWAY, UNDEF }

    /** proto is null for the default (no protocol qualifier). */
    record Qual(Kind proto, Dir dir, Addr addr, boolean undefined) {
        static final Qual ERR = new Qual(null, Dir.UNDEF, Addr.UNDEF, true);
    }

    sealed interface Node permits And, Or, Not, Id, Abbrev, Relation, Other { }

    record And(Node a, Node b) implements Node { }

    record Or(Node a, Node b) implements Node { }

    record Not(Node a) implements Node { }

    /** An id under qualifiers: NUM, ID, HID (maybe with /len or mask), HID6 (maybe with /len), EID. */
    record Id(Qual q, Token value, Token mask, long prefix) implements Node { }

    /** A protocol name alone: tcp, ip6, arp... */
    record Abbrev(Kind proto, int pos) implements Node { }

    /** code is '>' (JGT), 'g' (JGE) or '=' (JEQ); reversed negates. */
    record Relation(char code, boolean reversed, Arth a, Arth b) implements Node { }

    /**
     * The other primitives. LLC: n is 0 (any), 1 (I), 2 (S), 3 (U), 4 (an S subtype in val) or 5
     * (a U subtype in val). WLAN_TYPE: n is the frame control value, val its mask. WLAN_DIR: n is
     * the direction bits. IFINDEX, PPPOES, GENEVE: n (when hasN) is the number.
     */
    enum OtherKind { BROADCAST, MULTICAST, LESS, GREATER, BYTE, VLAN, MPLS, LLC, PPPOED, PPPOES, GENEVE, INBOUND,
        OUTBOUND, IFINDEX, WLAN_TYPE, WLAN_DIR }

    record Other(OtherKind kind, Kind proto, long n, boolean hasN, char op, long val, int pos) implements Node { }

    sealed interface Arth permits Num, Len, Load, Bin, Neg { }

    record Num(long v) implements Arth { }

    record Len() implements Arth { }

    record Load(Kind proto, Arth index, int size, int pos) implements Arth { }

    record Bin(char op, Arth a, Arth b, int pos) implements Arth { }

    record Neg(Arth a) implements Arth { }
}
