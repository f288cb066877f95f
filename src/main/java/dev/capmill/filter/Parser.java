package dev.capmill.filter;

import dev.capmill.filter.Ast.Addr;
import dev.capmill.filter.Ast.Arth;
import dev.capmill.filter.Ast.Dir;
import dev.capmill.filter.Ast.Node;
import dev.capmill.filter.Ast.Qual;
import dev.capmill.filter.Token.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the pcap-filter grammar (libpcap's grammar.y): 'and' and 'or' have
 * the same precedence and group to the left; an id after and/or (or inside parentheses after a
 * qualifier) takes the qualifiers of what came before it.
 */
final class Parser {
    static final Set<Kind> PNAMES = EnumSet.of(Kind.LINK, Kind.IP, Kind.ARP, Kind.RARP, Kind.SCTP, Kind.TCP,
            Kind.UDP, Kind.ICMP, Kind.IGMP, Kind.IGRP, Kind.PIM, Kind.VRRP, Kind.CARP, Kind.ATALK, Kind.AARP,
            Kind.DECNET, Kind.LAT, Kind.SCA, Kind.MOPDL, Kind.MOPRC, Kind.IPV6, Kind.ICMPV6, Kind.AH, Kind.ESP,
            Kind.ISO, Kind.ESIS, Kind.ISIS, Kind.L1, Kind.L2, Kind.IIH, Kind.LSP, Kind.SNP, Kind.PSNP, Kind.CSNP,
            Kind.CLNP, Kind.STP, Kind.IPX, Kind.NETBEUI, Kind.RADIO);
    private static final Set<Kind> DQUAL = EnumSet.of(Kind.SRC, Kind.DST, Kind.ADDR1, Kind.ADDR2, Kind.ADDR3,
            Kind.ADDR4, Kind.RA, Kind.TA);
    private static final Set<Kind> AQUAL = EnumSet.of(Kind.HOST, Kind.NET, Kind.PORT, Kind.PORTRANGE);

    /** Thrown inside the parser when one alternative fails; the outermost failure is reported. */
    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fail() {
            super(null, null, false, false);
        }
    }

    private final List<Token> toks;
    private int p;
    private int furthest = -1;
    private String expected = "";

    private Parser(List<Token> toks) {
        this.toks = toks;
    }

    /** Parses an expression; null for an empty one (which matches every packet). */
    static Node parse(String expr) {
        Parser ps = new Parser(Lexer.tokens(expr));
        if (ps.peek().kind() == Kind.EOF) {
            return null;
        }
        try {
            Node n = ps.expr(Qual.ERR);
            if (ps.peek().kind() != Kind.EOF) {
                ps.fail("'and', 'or' or the end of the expression");
            }
            return n;
        } catch (Fail f) {
            Token at = ps.toks.get(Math.min(ps.furthest, ps.toks.size() - 1));
            throw new FilterException("syntax error at position " + (at.pos() + 1) + " (" + at.describe()
                    + "): expected " + ps.expected, at.pos());
        }
    }

    private Token peek() {
        return toks.get(p);
    }

    private Token peek(int ahead) {
        return toks.get(Math.min(p + ahead, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(p);
        if (t.kind() != Kind.EOF) {
            p++;
        }
        return t;
    }

    private Fail fail(String what) {
        if (p > furthest) {
            furthest = p;
            expected = what;
        } else if (p == furthest && !expected.contains(what)) {
            expected = expected + " or " + what;
        }
        throw new Fail();
    }

    private Token expect(Kind k, String what) {
        if (peek().kind() != k) {
            fail(what);
        }
        return next();
    }

    /** Result of a production: the node and the qualifiers an id after it inherits. */
    private record R(Node n, Qual q) { }

    private Node expr(Qual ctx) {
        R left = term(ctx);
        while (peek().kind() == Kind.AND || peek().kind() == Kind.OR) {
            boolean and = next().kind() == Kind.AND;
            R right;
            int save = p;
            try {
                right = term(left.q);
            } catch (Fail f) {
                p = save;
                right = id(left.q);
            }
            left = new R(and ? new Ast.And(left.n, right.n) : new Ast.Or(left.n, right.n), right.q);
        }
        return left.n;
    }

    private R term(Qual ctx) {
        if (peek().kind() == Kind.NOT) {
            next();
            R t = term(ctx);
            return new R(new Ast.Not(t.n), t.q);
        }
        return rterm(ctx);
    }

    private R rterm(Qual ctx) {
        Token t = peek();
        Kind k = t.kind();
        if (k == Kind.LPAREN) {
            int save = p;
            try {
                return new R(relation(), Qual.ERR);
            } catch (Fail f) {
                p = save;
            }
            next();
            Node e = expr(ctx);
            expect(Kind.RPAREN, "')'");
            return new R(e, ctx);
        }
        if (k == Kind.NUM || k == Kind.LEN || k == Kind.MINUS
                || (PNAMES.contains(k) && peek(1).kind() == Kind.LBRACKET)) {
            return new R(relation(), Qual.ERR);
        }
        Kind proto = null;
        if (PNAMES.contains(k)) {
            Kind after = peek(1).kind();
            if (after == Kind.BROADCAST || after == Kind.MULTICAST) {
                next();
                Token b = next();
                return new R(new Ast.Other(b.kind() == Kind.BROADCAST ? Ast.OtherKind.BROADCAST
                        : Ast.OtherKind.MULTICAST, k, 0, false, ' ', 0, t.pos()), Qual.ERR);
            }
            if (after == Kind.TYPE || after == Kind.SUBTYPE || after == Kind.DIR) {
                next(); // "pqual p80211": the protocol qualifier is ignored, as in libpcap
                return new R(p80211(), Qual.ERR);
            }
            if (!DQUAL.contains(after) && !AQUAL.contains(after) && after != Kind.PROTO
                    && after != Kind.PROTOCHAIN && after != Kind.GATEWAY) {
                next();
                return new R(new Ast.Abbrev(k, t.pos()), Qual.ERR);
            }
            proto = k;
            next();
        }
        switch (peek().kind()) {
            case BROADCAST:
            case MULTICAST:
                if (proto == null) {
                    Token b = next();
                    return new R(new Ast.Other(b.kind() == Kind.BROADCAST ? Ast.OtherKind.BROADCAST
                            : Ast.OtherKind.MULTICAST, null, 0, false, ' ', 0, b.pos()), Qual.ERR);
                }
                break;
            case LESS:
            case GREATER:
                if (proto == null) {
                    Token l = next();
                    Token n = expect(Kind.NUM, "a number");
                    return new R(new Ast.Other(l.kind() == Kind.LESS ? Ast.OtherKind.LESS : Ast.OtherKind.GREATER,
                            null, n.num(), true, ' ', 0, l.pos()), Qual.ERR);
                }
                break;
            case BYTE:
                if (proto == null) {
                    Token b = next();
                    long idx = expect(Kind.NUM, "a number").num();
                    Token op = next();
                    char c;
                    switch (op.kind()) {
                        case AMP: c = '&'; break;
                        case PIPE: c = '|'; break;
                        case LT: c = '<'; break;
                        case GT: c = '>'; break;
                        case EQ: c = '='; break;
                        default:
                            p--;
                            throw fail("one of & | < > =");
                    }
                    long val = expect(Kind.NUM, "a number").num();
                    return new R(new Ast.Other(Ast.OtherKind.BYTE, null, idx, true, c, val, b.pos()), Qual.ERR);
                }
                break;
            case VLAN:
            case MPLS:
                if (proto == null) {
                    Token v = next();
                    Long n = optPnum();
                    return new R(new Ast.Other(v.kind() == Kind.VLAN ? Ast.OtherKind.VLAN : Ast.OtherKind.MPLS,
                            null, n == null ? 0 : n, n != null, ' ', 0, v.pos()), Qual.ERR);
                }
                break;
            case TYPE: case SUBTYPE: case DIR:
                if (proto == null) {
                    return new R(p80211(), Qual.ERR);
                }
                break;
            case INBOUND: case OUTBOUND: case PPPOED:
                if (proto == null) {
                    Token t2 = next();
                    Ast.OtherKind ok = t2.kind() == Kind.INBOUND ? Ast.OtherKind.INBOUND
                            : t2.kind() == Kind.OUTBOUND ? Ast.OtherKind.OUTBOUND : Ast.OtherKind.PPPOED;
                    return new R(new Ast.Other(ok, null, 0, false, ' ', 0, t2.pos()), Qual.ERR);
                }
                break;
            case IFINDEX:
                if (proto == null) {
                    Token t2 = next();
                    long n = expect(Kind.NUM, "an interface index").num();
                    return new R(new Ast.Other(Ast.OtherKind.IFINDEX, null, n, true, ' ', 0, t2.pos()), Qual.ERR);
                }
                break;
            case PPPOES:
            case GENEVE:
                if (proto == null) {
                    Token t2 = next();
                    Long n = optPnum();
                    return new R(new Ast.Other(t2.kind() == Kind.PPPOES ? Ast.OtherKind.PPPOES : Ast.OtherKind.GENEVE,
                            null, n == null ? 0 : n, n != null, ' ', 0, t2.pos()), Qual.ERR);
                }
                break;
            case LLC:
                if (proto == null) {
                    return new R(llc(), Qual.ERR);
                }
                break;
            case UNSUPPORTED_KEYWORD:
                if (proto == null) {
                    throw new FilterException("'" + peek().text() + "' is not supported by capmill's filter",
                            peek().pos());
                }
                break;
            default:
                break;
        }
        // head id
        Dir dir = Dir.DEFAULT;
        Addr addr = Addr.DEFAULT;
        boolean any = proto != null;
        Kind d = peek().kind();
        if (DQUAL.contains(d)) {
            any = true;
            next();
            switch (d) {
                case SRC:
                case DST:
                    dir = d == Kind.SRC ? Dir.SRC : Dir.DST;
                    Kind other = d == Kind.SRC ? Kind.DST : Kind.SRC;
                    if ((peek().kind() == Kind.OR || peek().kind() == Kind.AND) && peek(1).kind() == other) {
                        dir = next().kind() == Kind.OR ? Dir.OR : Dir.AND;
                        next();
                    }
                    break;
                case ADDR1: dir = Dir.ADDR1; break;
                case ADDR2: dir = Dir.ADDR2; break;
                case ADDR3: dir = Dir.ADDR3; break;
                case ADDR4: dir = Dir.ADDR4; break;
                case RA: dir = Dir.RA; break;
                default: dir = Dir.TA; break;
            }
        }
        Kind a = peek().kind();
        if (AQUAL.contains(a)) {
            any = true;
            next();
            addr = a == Kind.HOST ? Addr.HOST : a == Kind.NET ? Addr.NET : a == Kind.PORT ? Addr.PORT : Addr.PORTRANGE;
        } else if (dir == Dir.DEFAULT && (a == Kind.PROTO || a == Kind.PROTOCHAIN || a == Kind.GATEWAY)) {
            any = true;
            next();
            addr = a == Kind.PROTO ? Addr.PROTO : a == Kind.PROTOCHAIN ? Addr.PROTOCHAIN : Addr.GATEWAY;
        }
        if (!any) {
            throw fail("a primitive (a qualifier, a protocol name, an expression in parentheses or a comparison)");
        }
        return id(new Qual(proto, dir, addr, false));
    }

    // ---- 802.11 frame types and LLC frame kinds (names as in libpcap's grammar) ----

    private static final String[][] WLAN_TYPES = {{"data", "8"}, {"mgt", "0"}, {"management", "0"}, {"ctl", "4"},
        {"control", "4"}};
    /** Subtype names per type (management 0x00, control 0x04, data 0x08), values of the subtype bits. */
    private static final String[][][] WLAN_SUBTYPES = {
        {{"0"}, {"assocreq", "0x00"}, {"assoc-req", "0x00"}, {"assocresp", "0x10"}, {"assoc-resp", "0x10"},
            {"reassocreq", "0x20"}, {"reassoc-req", "0x20"}, {"reassocresp", "0x30"}, {"reassoc-resp", "0x30"},
            {"probereq", "0x40"}, {"probe-req", "0x40"}, {"proberesp", "0x50"}, {"probe-resp", "0x50"},
            {"beacon", "0x80"}, {"atim", "0x90"}, {"disassoc", "0xa0"}, {"disassociation", "0xa0"},
            {"auth", "0xb0"}, {"authentication", "0xb0"}, {"deauth", "0xc0"}, {"deauthentication", "0xc0"}},
        {{"4"}, {"ps-poll", "0xa0"}, {"rts", "0xb0"}, {"cts", "0xc0"}, {"ack", "0xd0"}, {"cf-end", "0xe0"},
            {"cf-end-ack", "0xf0"}},
        {{"8"}, {"data", "0x00"}, {"data-cf-ack", "0x10"}, {"data-cf-poll", "0x20"}, {"data-cf-ack-poll", "0x30"},
            {"null", "0x40"}, {"cf-ack", "0x50"}, {"cf-poll", "0x60"}, {"cf-ack-poll", "0x70"},
            {"qos-data", "0x80"}, {"qos-data-cf-ack", "0x90"}, {"qos-data-cf-poll", "0xa0"},
            {"qos-data-cf-ack-poll", "0xb0"}, {"qos", "0xc0"}, {"qos-cf-poll", "0xe0"}, {"qos-cf-ack-poll", "0xf0"}}};

    private static Integer lookup(String[][] table, int from, String name) {
        for (int i = from; i < table.length; i++) {
            if (table[i][0].equalsIgnoreCase(name)) {
                return Integer.decode(table[i][1]);
            }
        }
        return null;
    }

    private FilterException semantic(String message, Token at) {
        return new FilterException(message, at.pos());
    }

    /** type T [subtype S] | subtype S | dir D: a test on the frame control field. */
    private Node p80211() {
        Token kw = next();
        if (kw.kind() == Kind.DIR) {
            Token d = peek();
            if (d.kind() == Kind.NUM) {
                next();
                return new Ast.Other(Ast.OtherKind.WLAN_DIR, null, d.num(), true, ' ', 0, kw.pos());
            }
            if (d.kind() != Kind.ID) {
                throw fail("a frame direction (nods, tods, fromds, dstods or a number)");
            }
            next();
            String[] dirs = {"nods", "tods", "fromds", "dstods"};
            for (int i = 0; i < dirs.length; i++) {
                if (dirs[i].equalsIgnoreCase(d.text())) {
                    return new Ast.Other(Ast.OtherKind.WLAN_DIR, null, i, true, ' ', 0, kw.pos());
                }
            }
            throw semantic("unknown 802.11 direction '" + d.text() + "'", d);
        }
        if (kw.kind() == Kind.SUBTYPE) {
            Token d = expect(Kind.ID, "an 802.11 subtype name");
            for (String[][] table : WLAN_SUBTYPES) {
                Integer v = lookup(table, 1, d.text());
                if (v != null) {
                    return new Ast.Other(Ast.OtherKind.WLAN_TYPE, null, v | Integer.parseInt(table[0][0]), true, ' ',
                            0xfc, kw.pos());
                }
            }
            throw semantic("unknown 802.11 subtype name '" + d.text() + "'", d);
        }
        Token t = peek();
        long type;
        if (t.kind() == Kind.NUM) {
            next();
            type = t.num();
            if ((type & ~0x0cL) != 0) {
                throw semantic(String.format("invalid 802.11 type value 0x%02x", type), t);
            }
        } else if (t.kind() == Kind.ID) {
            next();
            Integer v = lookup(WLAN_TYPES, 0, t.text());
            if (v == null) {
                throw semantic("unknown 802.11 type name '" + t.text() + "'", t);
            }
            type = v;
        } else {
            throw fail("an 802.11 type (mgt, ctl, data or a number)");
        }
        if (peek().kind() != Kind.SUBTYPE) {
            return new Ast.Other(Ast.OtherKind.WLAN_TYPE, null, type, true, ' ', 0x0c, kw.pos());
        }
        next();
        Token st = peek();
        long sub;
        if (st.kind() == Kind.NUM) {
            next();
            sub = st.num();
            if ((sub & ~0xf0L) != 0) {
                throw semantic(String.format("invalid 802.11 subtype value 0x%02x", sub), st);
            }
        } else if (st.kind() == Kind.ID) {
            next();
            String[][] table = null;
            for (String[][] tb : WLAN_SUBTYPES) {
                if (Integer.parseInt(tb[0][0]) == type) {
                    table = tb;
                }
            }
            if (table == null) {
                throw semantic("unknown 802.11 type", st);
            }
            Integer v = lookup(table, 1, st.text());
            if (v == null) {
                throw semantic("unknown 802.11 subtype name '" + st.text() + "'", st);
            }
            sub = v;
        } else {
            throw fail("an 802.11 subtype (a name or a number)");
        }
        return new Ast.Other(Ast.OtherKind.WLAN_TYPE, null, type | sub, true, ' ', 0xfc, kw.pos());
    }

    /** llc [i|s|u|an S or U frame subtype]. */
    private Node llc() {
        Token kw = next();
        Token t = peek();
        boolean rnr = t.kind() == Kind.UNSUPPORTED_KEYWORD
                && ("rnr".equals(t.text()) || "rulenum".equals(t.text()));
        if (t.kind() != Kind.ID && !rnr) {
            return new Ast.Other(Ast.OtherKind.LLC, null, 0, true, ' ', 0, kw.pos());
        }
        next();
        String name = t.text().toLowerCase(java.util.Locale.ROOT);
        switch (name) {
            case "i": return new Ast.Other(Ast.OtherKind.LLC, null, 1, true, ' ', 0, kw.pos());
            case "s": return new Ast.Other(Ast.OtherKind.LLC, null, 2, true, ' ', 0, kw.pos());
            case "u": return new Ast.Other(Ast.OtherKind.LLC, null, 3, true, ' ', 0, kw.pos());
            default: break;
        }
        // S frames: RR, RNR, REJ; U frames: UI, UA, DISC, DM, SABME, TEST, XID, FRMR (IEEE 802.2)
        String[][] sTypes = {{"rr", "0x01"}, {"rnr", "0x05"}, {"rulenum", "0x05"}, {"rej", "0x09"}};
        String[][] uTypes = {{"ui", "0x03"}, {"ua", "0x63"}, {"disc", "0x43"}, {"dm", "0x0f"}, {"sabme", "0x6f"},
            {"test", "0xe3"}, {"xid", "0xaf"}, {"frmr", "0x87"}};
        Integer v = lookup(sTypes, 0, name);
        if (v != null && (rnr || !name.equals("rulenum"))) {
            return new Ast.Other(Ast.OtherKind.LLC, null, 4, true, ' ', v, kw.pos());
        }
        v = lookup(uTypes, 0, name);
        if (v == null) {
            throw semantic("unknown LLC type name '" + t.text() + "'", t);
        }
        return new Ast.Other(Ast.OtherKind.LLC, null, 5, true, ' ', v, kw.pos());
    }

    private Long optPnum() {
        if (peek().kind() == Kind.NUM) {
            return next().num();
        }
        int depth = 0;
        while (peek(depth).kind() == Kind.LPAREN) {
            depth++;
        }
        if (depth > 0 && peek(depth).kind() == Kind.NUM) {
            for (int i = 1; i <= depth; i++) {
                if (peek(depth + i).kind() != Kind.RPAREN) {
                    return null;
                }
            }
            long v = peek(depth).num();
            p += 2 * depth + 1;
            return v;
        }
        return null;
    }

    /** id: nid | pnum | '(' pid ')' ; nid also covers 'not id'. */
    private R id(Qual ctx) {
        Token t = peek();
        switch (t.kind()) {
            case NOT: {
                next();
                R r = id(ctx);
                return new R(new Ast.Not(r.n), r.q);
            }
            case LPAREN: {
                next();
                R left = id(ctx);
                while (peek().kind() == Kind.AND || peek().kind() == Kind.OR) {
                    boolean and = next().kind() == Kind.AND;
                    R right = id(left.q);
                    left = new R(and ? new Ast.And(left.n, right.n) : new Ast.Or(left.n, right.n), right.q);
                }
                expect(Kind.RPAREN, "')'");
                return left;
            }
            case NUM:
            case ID:
            case EID:
            case HID6:
                next();
                if (t.kind() == Kind.HID6 && peek().kind() == Kind.SLASH) {
                    next();
                    long len = expect(Kind.NUM, "a prefix length").num();
                    return new R(new Ast.Id(ctx, t, null, len), ctx);
                }
                return new R(new Ast.Id(ctx, t, null, -1), ctx);
            case HID:
                next();
                if (peek().kind() == Kind.SLASH) {
                    next();
                    long len = expect(Kind.NUM, "a prefix length").num();
                    return new R(new Ast.Id(ctx, t, null, len), ctx);
                }
                if (peek().kind() == Kind.NETMASK) {
                    next();
                    Token m = expect(Kind.HID, "a netmask");
                    return new R(new Ast.Id(ctx, t, m, -1), ctx);
                }
                return new R(new Ast.Id(ctx, t, null, -1), ctx);
            default:
                throw fail("an address, a number or a name");
        }
    }

    // ---- arithmetic ----

    private Node relation() {
        Arth a = arith(0);
        Token op = peek();
        char code;
        boolean rev;
        switch (op.kind()) {
            case GT: code = '>'; rev = false; break;
            case GEQ: code = 'g'; rev = false; break;
            case EQ: code = '='; rev = false; break;
            case LEQ: code = '>'; rev = true; break;
            case LT: code = 'g'; rev = true; break;
            case NEQ: code = '='; rev = true; break;
            default: throw fail("a comparison (>, <, >=, <=, =, !=) or an arithmetic operator");
        }
        next();
        Arth b = arith(0);
        return new Ast.Relation(code, rev, a, b);
    }

    private static int prec(Kind k) {
        switch (k) {
            case PIPE: return 1;
            case AMP: return 2;
            case LSH: case RSH: return 3;
            case PLUS: case MINUS: return 4;
            case STAR: case SLASH: return 5;
            case PERCENT: case CARET: return 0; // no precedence in libpcap's grammar: always shifted
            default: return -1;
        }
    }

    private static char opChar(Kind k) {
        switch (k) {
            case PIPE: return '|';
            case AMP: return '&';
            case LSH: return 'l';
            case RSH: return 'r';
            case PLUS: return '+';
            case MINUS: return '-';
            case STAR: return '*';
            case SLASH: return '/';
            case PERCENT: return '%';
            default: return '^';
        }
    }

    private Arth arith(int min) {
        Arth left = unary();
        while (true) {
            Kind k = peek().kind();
            int pr = prec(k);
            if (pr < 0) {
                return left;
            }
            if (pr == 0) {
                Token t = next();
                Arth right = arith(1);
                left = new Ast.Bin(opChar(k), left, right, t.pos());
                continue;
            }
            if (pr < min) {
                return left;
            }
            Token t = next();
            Arth right = arith(pr + 1);
            left = new Ast.Bin(opChar(k), left, right, t.pos());
        }
    }

    private Arth unary() {
        Token t = peek();
        if (t.kind() == Kind.MINUS) {
            next();
            Arth operand = unary();
            Kind k = peek().kind();
            if (k == Kind.PERCENT || k == Kind.CARET) {
                Token o = next();
                operand = new Ast.Bin(opChar(k), operand, arith(1), o.pos());
            }
            return new Ast.Neg(operand);
        }
        if (t.kind() == Kind.NUM) {
            next();
            return new Ast.Num(t.num());
        }
        if (t.kind() == Kind.LEN) {
            next();
            return new Ast.Len();
        }
        if (t.kind() == Kind.LPAREN) {
            next();
            Arth a = arith(1);
            expect(Kind.RPAREN, "')'");
            return a;
        }
        if (PNAMES.contains(t.kind()) && peek(1).kind() == Kind.LBRACKET) {
            next();
            next();
            Arth idx = arith(1);
            int size = 1;
            if (peek().kind() == Kind.COLON) {
                next();
                size = (int) Math.min(Integer.MAX_VALUE, expect(Kind.NUM, "a size (1, 2 or 4)").num());
            }
            expect(Kind.RBRACKET, "']'");
            return new Ast.Load(t.kind(), idx, size, t.pos());
        }
        throw fail("a number, 'len' or proto[offset]");
    }
}
