package dev.capmill.filter;

import static dev.capmill.filter.Bpf.*;

import dev.capmill.filter.Ast.Addr;
import dev.capmill.filter.Ast.Arth;
import dev.capmill.filter.Ast.Dir;
import dev.capmill.filter.Ast.Node;
import dev.capmill.filter.Ast.Qual;
import dev.capmill.filter.Bpf.Insn;
import dev.capmill.filter.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parsed expression into classic BPF with libpcap's semantics for one link type: the
 * same tests, in the same order (so that a load past the captured bytes rejects the packet
 * exactly when libpcap's program does), with vlan and mpls shifting the offsets of everything
 * after them. Not libpcap's optimiser: the program is equivalent, not identical.
 */
final class Compiler {
    static final int DLT_NULL = 0, DLT_EN10MB = 1, DLT_RAW = 12, LINKTYPE_RAW = 101, DLT_LOOP = 108,
            DLT_LINUX_SLL = 113, DLT_IPV4 = 228, DLT_IPV6 = 229, DLT_LINUX_SLL2 = 276;
    static final int SNAPLEN = 262144;

    /** The condition tree: a test is straight-line statements then a conditional jump. */
    sealed interface Cond permits Test, CAnd, COr, CNot, CConst { }

    record Test(List<Insn> stmts, int jump, int k) implements Cond { }

    record CAnd(Cond a, Cond b) implements Cond { }

    record COr(Cond a, Cond b) implements Cond { }

    record CNot(Cond a) implements Cond { }

    record CConst(boolean value) implements Cond { }

    private final int linktype;
    private int offLinktype;
    private int offLinkpl;
    private int offNl;
    private int labelDepth;
    private int vlanDepth;
    private final boolean[] regUsed = new boolean[MEMWORDS];
    private int curReg;

    private Compiler(int linktype) {
        this.linktype = linktype;
        switch (linktype) {
            case DLT_EN10MB: offLinktype = 12; offLinkpl = 14; break;
            case DLT_LINUX_SLL: offLinktype = 14; offLinkpl = 16; break;
            case DLT_LINUX_SLL2: offLinktype = 0; offLinkpl = 20; break;
            case DLT_RAW: case LINKTYPE_RAW: case DLT_IPV4: case DLT_IPV6: offLinktype = -1; offLinkpl = 0; break;
            case DLT_NULL: case DLT_LOOP: offLinktype = 0; offLinkpl = 4; break;
            default:
                throw new FilterException("link type " + dev.capmill.model.LinkType.name(linktype)
                        + " (" + linktype + ") is not supported by capmill's filter");
        }
    }

    static boolean supports(int linktype) {
        switch (linktype) {
            case DLT_EN10MB: case DLT_LINUX_SLL: case DLT_LINUX_SLL2: case DLT_RAW: case LINKTYPE_RAW: case DLT_IPV4:
            case DLT_IPV6: case DLT_NULL: case DLT_LOOP:
                return true;
            default:
                return false;
        }
    }

    static Insn[] compile(Node root, int linktype) {
        Compiler c = new Compiler(linktype);
        Cond cond = root == null ? new CConst(true) : c.node(root);
        Insn[] prog = Linker.link(cond, SNAPLEN);
        if (!Reachability.mayAccept(prog)) {
            throw new FilterException("expression rejects all packets");
        }
        return prog;
    }

    // ---- primitives of code generation ----

    private static Test test(List<Insn> s, int jump, int k) {
        return new Test(s, jump, k);
    }

    private static List<Insn> list(Insn... is) {
        List<Insn> l = new ArrayList<>();
        for (Insn i : is) {
            l.add(i);
        }
        return l;
    }

    private static Cond and(Cond a, Cond b) {
        return a == null ? b : b == null ? a : new CAnd(a, b);
    }

    private static Cond or(Cond a, Cond b) {
        return new COr(a, b);
    }

    private static Cond not(Cond a) {
        return new CNot(a);
    }

    enum Rel { LINKHDR, LINKTYPE, LINKPL, TRAN4, TRAN6, LLC }

    private List<Insn> load(Rel rel, int off, int size) {
        switch (rel) {
            case LINKHDR: return list(Insn.stmt(LD | ABS | size, off));
            case LINKTYPE: return list(Insn.stmt(LD | ABS | size, offLinktype + off));
            case LINKPL: return list(Insn.stmt(LD | ABS | size, offLinkpl + offNl + off));
            case LLC: return list(Insn.stmt(LD | ABS | size, offLinkpl + off));
            case TRAN6: return list(Insn.stmt(LD | ABS | size, offLinkpl + offNl + 40 + off));
            default:
                return list(Insn.stmt(LDX | MSH | B, offLinkpl + offNl), Insn.stmt(LD | IND | size, offLinkpl + offNl + off));
        }
    }

    private Cond cmp(Rel rel, int off, int size, long v) {
        return test(load(rel, off, size), JMP | JEQ | K, (int) v);
    }

    private Cond mcmp(Rel rel, int off, int size, long v, long mask) {
        List<Insn> s = load(rel, off, size);
        if ((int) mask != -1) {
            s.add(Insn.stmt(ALU | AND | K, (int) mask));
        }
        return test(s, JMP | JEQ | K, (int) v);
    }

    private Cond cmpGt(Rel rel, int off, int size, long v) {
        return test(load(rel, off, size), JMP | JGT | K, (int) v);
    }

    private Cond cmpGe(Rel rel, int off, int size, long v) {
        return test(load(rel, off, size), JMP | JGE | K, (int) v);
    }

    private Cond bcmp(Rel rel, int off, byte[] v) {
        Cond b = null;
        int size = v.length;
        while (size >= 4) {
            int w = (v[size - 4] & 0xff) << 24 | (v[size - 3] & 0xff) << 16 | (v[size - 2] & 0xff) << 8 | (v[size - 1] & 0xff);
            b = and(b, cmp(rel, off + size - 4, W, w));
            size -= 4;
        }
        while (size >= 2) {
            int h = (v[size - 2] & 0xff) << 8 | (v[size - 1] & 0xff);
            b = and(b, cmp(rel, off + size - 2, H, h));
            size -= 2;
        }
        if (size > 0) {
            b = and(b, cmp(rel, off, B, v[0] & 0xff));
        }
        return b;
    }

    private String dltName() {
        return dev.capmill.model.LinkType.name(linktype);
    }

    private boolean ethernet() {
        return linktype == DLT_EN10MB;
    }

    // ---- link-layer type tests ----

    Cond linktype(long proto) {
        if (labelDepth > 0) {
            if (proto == 0x0800 || proto == 0x86dd) {
                Cond b0 = mcmp(Rel.LINKPL, -2, B, 0x01, 0x01);
                return and(b0, mcmp(Rel.LINKPL, 0, B, proto == 0x0800 ? 0x40 : 0x60, 0xf0));
            }
            throw new FilterException("unsupported protocol over mpls");
        }
        switch (linktype) {
            case DLT_EN10MB:
                return etherLinktype(proto);
            case DLT_LINUX_SLL:
            case DLT_LINUX_SLL2:
                return sllLinktype(proto);
            case DLT_RAW:
            case LINKTYPE_RAW:
                if (proto == 0x0800) {
                    return mcmp(Rel.LINKHDR, 0, B, 0x40, 0xf0);
                }
                if (proto == 0x86dd) {
                    return mcmp(Rel.LINKHDR, 0, B, 0x60, 0xf0);
                }
                return new CConst(false);
            case DLT_IPV4:
                return new CConst(proto == 0x0800);
            case DLT_IPV6:
                return new CConst(proto == 0x86dd);
            case DLT_NULL:
            case DLT_LOOP:
                if (proto == 0x0800) {
                    return loopback(2);
                }
                if (proto == 0x86dd) {
                    return or(or(loopback(24), loopback(28)), loopback(30));
                }
                return new CConst(false);
            default:
                throw new FilterException("link type " + dltName() + " is not supported");
        }
    }

    private Cond loopback(int af) {
        long v = af;
        if (linktype == DLT_NULL) {
            // host byte order of the capturing machine; taken as little-endian (as libpcap on x86)
            v = Integer.reverseBytes(af) & 0xffffffffL;
        }
        return cmp(Rel.LINKHDR, 0, W, v);
    }

    private Cond etherLinktype(long proto) {
        if (proto == 0xfe || proto == 0x06 || proto == 0xf0) {
            Cond b0 = not(cmpGt(Rel.LINKTYPE, 0, H, 1500));
            return and(b0, cmp(Rel.LLC, 0, H, proto << 8 | proto));
        }
        if (proto == 0xe0 || proto == 0x809b || proto == 0x80f3) {
            throw new FilterException("IPX and AppleTalk are not supported by capmill's filter");
        }
        if (proto <= 1500) {
            Cond b0 = not(cmpGt(Rel.LINKTYPE, 0, H, 1500));
            return and(b0, cmp(Rel.LINKTYPE, 2, B, proto));
        }
        return cmp(Rel.LINKTYPE, 0, H, proto);
    }

    private Cond sllLinktype(long proto) {
        if (proto == 0xfe || proto == 0x06 || proto == 0xf0) {
            return and(cmp(Rel.LINKTYPE, 0, H, 4), cmp(Rel.LLC, 0, H, proto << 8 | proto));
        }
        if (proto == 0xe0 || proto == 0x809b || proto == 0x80f3) {
            throw new FilterException("IPX and AppleTalk are not supported by capmill's filter");
        }
        if (proto <= 1500) {
            return and(cmp(Rel.LINKTYPE, 0, H, 4), cmp(Rel.LINKHDR, offLinkpl, B, proto));
        }
        return cmp(Rel.LINKTYPE, 0, H, proto);
    }

    // ---- the tree ----

    Cond node(Node n) {
        if (n instanceof Ast.And a) {
            Cond x = node(a.a());
            return new CAnd(x, node(a.b()));
        }
        if (n instanceof Ast.Or o) {
            Cond x = node(o.a());
            return new COr(x, node(o.b()));
        }
        if (n instanceof Ast.Not nt) {
            return new CNot(node(nt.a()));
        }
        if (n instanceof Ast.Abbrev ab) {
            return abbrev(ab.proto());
        }
        if (n instanceof Ast.Relation r) {
            return relation(r);
        }
        if (n instanceof Ast.Other o) {
            return other(o);
        }
        return id((Ast.Id) n);
    }

    Cond abbrev(Kind proto) {
        switch (proto) {
            case SCTP: return protoCond(132, null);
            case TCP: return protoCond(6, null);
            case UDP: return protoCond(17, null);
            case ICMP: return protoCond(1, Kind.IP);
            case IGMP: return protoCond(2, Kind.IP);
            case IGRP: return protoCond(9, Kind.IP);
            case PIM: return protoCond(103, null);
            case VRRP: case CARP: return protoCond(112, Kind.IP);
            case IP: return linktype(0x0800);
            case ARP: return linktype(0x0806);
            case RARP: return linktype(0x8035);
            case LINK: throw new FilterException("link layer applied in wrong context");
            case DECNET: return linktype(0x6003);
            case SCA: return linktype(0x6007);
            case LAT: return linktype(0x6004);
            case MOPDL: return linktype(0x6001);
            case MOPRC: return linktype(0x6002);
            case IPV6: return linktype(0x86dd);
            case ICMPV6: return protoCond(58, Kind.IPV6);
            case AH: return protoCond(51, null);
            case ESP: return protoCond(50, null);
            case ISO: return linktype(0xfe);
            case STP: return linktype(0x42);
            case NETBEUI: return linktype(0xf0);
            case RADIO: throw new FilterException("'radio' is not a valid protocol type");
            default:
                throw new FilterException("'" + proto.name().toLowerCase(java.util.Locale.ROOT)
                        + "' is not supported by capmill's filter");
        }
    }

    /** gen_proto: protocol v inside proto (null = ip or ip6, LINK = link-layer type). */
    Cond protoCond(long v, Kind proto) {
        if (proto == null) {
            Cond b0 = protoCond(v, Kind.IP);
            return or(b0, protoCond(v, Kind.IPV6));
        }
        switch (proto) {
            case LINK:
                return linktype(v);
            case IP: {
                Cond b0 = linktype(0x0800);
                return and(b0, cmp(Rel.LINKPL, 9, B, v));
            }
            case IPV6: {
                Cond b0 = linktype(0x86dd);
                Cond frag = and(cmp(Rel.LINKPL, 6, B, 44), cmp(Rel.LINKPL, 40, B, v));
                Cond direct = cmp(Rel.LINKPL, 6, B, v);
                return and(b0, or(direct, frag));
            }
            case ARP: throw new FilterException("arp does not encapsulate another protocol");
            case RARP: throw new FilterException("rarp does not encapsulate another protocol");
            default:
                throw new FilterException("'" + proto.name().toLowerCase(java.util.Locale.ROOT) + " proto' is bogus");
        }
    }

    private Cond ipfrag() {
        return not(test(load(Rel.LINKPL, 6, H), JMP | JSET | K, 0x1fff));
    }

    // ---- ids under qualifiers ----

    private Cond id(Ast.Id id) {
        Qual q = id.q();
        Token v = id.value();
        if (q.undefined()) {
            throw new FilterException("syntax error at position " + (v.pos() + 1) + ": '" + v.text()
                    + "' needs a qualifier (host, net, port, ...)", v.pos());
        }
        if (q.addr() == Addr.GATEWAY) {
            throw new FilterException("'gateway' needs host-name resolution, which capmill does not do");
        }
        if (q.addr() == Addr.PROTOCHAIN) {
            throw new FilterException("'protochain' is not supported by capmill's filter");
        }
        switch (v.kind()) {
            case NUM:
                return ncode(null, v.num(), q, v.pos());
            case HID: {
                if (id.mask() != null || id.prefix() >= 0) {
                    return mcode(id, q);
                }
                if (q.addr() == Addr.PORT) {
                    throw new FilterException("'port' modifier applied to ip host");
                }
                if (q.addr() == Addr.PORTRANGE) {
                    throw new FilterException("'portrange' modifier applied to ip host");
                }
                if (q.addr() == Addr.PROTO) {
                    throw new FilterException("'proto' modifier applied to ip host");
                }
                return ncode(v.text(), 0, q, v.pos());
            }
            case HID6:
                return mcode6(v.text(), id.prefix() >= 0 ? id.prefix() : 128, q);
            case EID:
                return ecode(v.text(), q);
            default:
                return scode(v.text(), q, v.pos());
        }
    }

    private Cond ncode(String s, long v, Qual q, int pos) {
        Kind proto = q.proto();
        int vlen;
        if (s == null) {
            vlen = 32;
        } else {
            long[] a = Addresses.parseIpv4(s);
            if (a == null) {
                throw new FilterException("invalid IPv4 address '" + s + "'", pos);
            }
            v = a[0];
            vlen = (int) a[1];
        }
        switch (q.addr()) {
            case DEFAULT:
            case HOST:
            case NET: {
                if (proto == Kind.LINK) {
                    throw new FilterException("illegal link layer address");
                }
                long mask = 0xffffffffL;
                if (s == null && q.addr() == Addr.NET) {
                    while (v != 0 && (v & 0xff000000L) == 0) {
                        v = (v << 8) & 0xffffffffL;
                        mask = (mask << 8) & 0xffffffffL;
                    }
                } else {
                    v = (v << (32 - vlen)) & 0xffffffffL;
                    mask = (mask << (32 - vlen)) & 0xffffffffL;
                }
                return host(v, mask, proto, q.dir(), q.addr() == Addr.NET ? "net" : "host");
            }
            case PORT:
            case PORTRANGE: {
                int ipProto = portProto(proto, q.addr() == Addr.PORT ? "port" : "portrange");
                if (v > 65535) {
                    throw new FilterException("illegal port number " + v + " > 65535");
                }
                return ports(v, v, ipProto, q.dir(), q.addr() == Addr.PORT);
            }
            case PROTO:
                if (q.dir() != Dir.DEFAULT) {
                    throw new FilterException("direction applied to 'proto'");
                }
                return protoCond(v, proto);
            default:
                throw new FilterException("syntax error");
        }
    }

    private static int portProto(Kind proto, String what) {
        if (proto == null) {
            return -1;
        }
        switch (proto) {
            case UDP: return 17;
            case TCP: return 6;
            case SCTP: return 132;
            default: throw new FilterException("illegal qualifier of '" + what + "'");
        }
    }

    private Cond ports(long lo, long hi, int ipProto, Dir dir, boolean single) {
        Cond v6 = portsFamily(lo, hi, ipProto, dir, single, true);
        Cond v4 = portsFamily(lo, hi, ipProto, dir, single, false);
        return or(v6, v4);
    }

    private Cond portsFamily(long lo, long hi, int ipProto, Dir dir, boolean single, boolean six) {
        Cond b0 = linktype(six ? 0x86dd : 0x0800);
        Cond b1;
        if (ipProto < 0) {
            Cond t = portOp(lo, hi, 6, dir, single, six);
            b1 = or(t, portOp(lo, hi, 17, dir, single, six));
            b1 = or(b1, portOp(lo, hi, 132, dir, single, six));
        } else {
            b1 = portOp(lo, hi, ipProto, dir, single, six);
        }
        return and(b0, b1);
    }

    private Cond portOp(long lo, long hi, int ipProto, Dir dir, boolean single, boolean six) {
        Cond b0 = six ? cmp(Rel.LINKPL, 6, B, ipProto) : and(cmp(Rel.LINKPL, 9, B, ipProto), ipfrag());
        Rel rel = six ? Rel.TRAN6 : Rel.TRAN4;
        Cond b1;
        switch (dir) {
            case SRC: b1 = portAtom(rel, 0, lo, hi, single); break;
            case DST: b1 = portAtom(rel, 2, lo, hi, single); break;
            case AND: b1 = and(portAtom(rel, 0, lo, hi, single), portAtom(rel, 2, lo, hi, single)); break;
            case DEFAULT:
            case OR: b1 = or(portAtom(rel, 0, lo, hi, single), portAtom(rel, 2, lo, hi, single)); break;
            default: throw new FilterException("'" + dir.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is not a valid qualifier for ports");
        }
        return and(b0, b1);
    }

    private Cond portAtom(Rel rel, int off, long lo, long hi, boolean single) {
        if (single) {
            return cmp(rel, off, H, lo);
        }
        if (lo > hi) {
            long t = lo;
            lo = hi;
            hi = t;
        }
        Cond b1 = cmpGe(rel, off, H, lo);
        return and(b1, not(cmpGt(rel, off, H, hi)));
    }

    private Cond host(long addr, long mask, Kind proto, Dir dir, String typestr) {
        if (proto == null) {
            Cond b0 = host(addr, mask, Kind.IP, dir, typestr);
            if (labelDepth == 0) {
                Cond b1 = or(b0, host(addr, mask, Kind.ARP, dir, typestr));
                return or(b1, host(addr, mask, Kind.RARP, dir, typestr));
            }
            return b0;
        }
        switch (proto) {
            case IP: return hostOp(addr, mask, dir, 0x0800, 12, 16);
            case ARP: return hostOp(addr, mask, dir, 0x0806, 14, 24);
            case RARP: return hostOp(addr, mask, dir, 0x8035, 14, 24);
            case LINK: throw new FilterException("link-layer modifier applied to " + typestr);
            case IPV6: throw new FilterException("'ip6' modifier applied to ip host");
            default:
                throw new FilterException("'" + proto.name().toLowerCase(java.util.Locale.ROOT)
                        + "' modifier applied to " + typestr);
        }
    }

    private Cond hostOp(long addr, long mask, Dir dir, int ll, int src, int dst) {
        int off;
        switch (dir) {
            case SRC: off = src; break;
            case DST: off = dst; break;
            case AND: return and(hostOp(addr, mask, Dir.SRC, ll, src, dst), hostOp(addr, mask, Dir.DST, ll, src, dst));
            case DEFAULT:
            case OR: return or(hostOp(addr, mask, Dir.SRC, ll, src, dst), hostOp(addr, mask, Dir.DST, ll, src, dst));
            default: throw new FilterException("'" + dir.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is not a valid qualifier for addresses other than 802.11 MAC addresses");
        }
        Cond b0 = linktype(ll);
        return and(b0, mcmp(Rel.LINKPL, off, W, addr, mask));
    }

    private Cond mcode(Ast.Id id, Qual q) {
        String s1 = id.value().text();
        long[] a = Addresses.parseIpv4(s1);
        if (a == null) {
            throw new FilterException("invalid IPv4 address '" + s1 + "'");
        }
        long n = (a[0] << (32 - a[1])) & 0xffffffffL;
        long m;
        String shown;
        if (id.mask() != null) {
            long[] mm = Addresses.parseIpv4(id.mask().text());
            if (mm == null) {
                throw new FilterException("invalid IPv4 address '" + id.mask().text() + "'");
            }
            m = (mm[0] << (32 - mm[1])) & 0xffffffffL;
            shown = s1 + " mask " + id.mask().text();
        } else {
            if (id.prefix() > 32) {
                throw new FilterException("mask length must be <= 32");
            }
            m = id.prefix() == 0 ? 0 : (0xffffffffL << (32 - id.prefix())) & 0xffffffffL;
            shown = s1 + "/" + id.prefix();
        }
        if ((n & ~m & 0xffffffffL) != 0) {
            throw new FilterException("non-network bits set in \"" + shown + "\"");
        }
        switch (q.addr()) {
            case NET:
                return host(n, m, q.proto(), q.dir(), "net");
            default:
                throw new FilterException("Mask syntax for networks only");
        }
    }

    private Cond mcode6(String s, long masklen, Qual q) {
        byte[] addr = Addresses.parseIpv6(s);
        if (addr == null) {
            throw new FilterException("invalid ip6 address " + s);
        }
        if (masklen > 128) {
            throw new FilterException("mask length must be <= 128");
        }
        byte[] mask = new byte[16];
        for (int i = 0; i < 16; i++) {
            long bits = Math.max(0, Math.min(8, masklen - 8L * i));
            mask[i] = (byte) (0xff00 >> bits);
        }
        for (int i = 0; i < 16; i++) {
            if ((addr[i] & ~mask[i]) != 0) {
                throw new FilterException("non-network bits set in \"" + s + "/" + masklen + "\"");
            }
        }
        switch (q.addr()) {
            case DEFAULT:
            case HOST:
                if (masklen != 128) {
                    throw new FilterException("Mask syntax for networks only");
                }
                return host6(addr, mask, q);
            case NET:
                return host6(addr, mask, q);
            default:
                throw new FilterException("invalid qualifier against IPv6 address");
        }
    }

    private Cond host6(byte[] addr, byte[] mask, Qual q) {
        String typestr = q.addr() == Addr.NET ? "net" : "host";
        if (q.proto() != null && q.proto() != Kind.IPV6) {
            if (q.proto() == Kind.IP) {
                throw new FilterException("'ip' modifier applied to ip6 " + typestr);
            }
            throw new FilterException("'" + q.proto().name().toLowerCase(java.util.Locale.ROOT)
                    + "' modifier applied to " + typestr);
        }
        return hostOp6(addr, mask, q.dir());
    }

    private Cond hostOp6(byte[] addr, byte[] mask, Dir dir) {
        int off;
        switch (dir) {
            case SRC: off = 8; break;
            case DST: off = 24; break;
            case AND: return and(hostOp6(addr, mask, Dir.SRC), hostOp6(addr, mask, Dir.DST));
            case DEFAULT:
            case OR: return or(hostOp6(addr, mask, Dir.SRC), hostOp6(addr, mask, Dir.DST));
            default: throw new FilterException("'" + dir.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is not a valid qualifier for addresses other than 802.11 MAC addresses");
        }
        Cond b0 = linktype(0x86dd);
        Cond words = null;
        for (int i = 0; i < 4; i++) {
            words = and(words, mcmp(Rel.LINKPL, off + 4 * i, W, word(addr, i), word(mask, i)));
        }
        return and(b0, words);
    }

    private static long word(byte[] b, int i) {
        return ((b[4 * i] & 0xffL) << 24) | ((b[4 * i + 1] & 0xffL) << 16) | ((b[4 * i + 2] & 0xffL) << 8) | (b[4 * i + 3] & 0xffL);
    }

    private Cond ecode(String s, Qual q) {
        byte[] mac = Addresses.parseMac(s);
        if (mac == null) {
            throw new FilterException("bogus ethernet address " + s);
        }
        if ((q.addr() == Addr.HOST || q.addr() == Addr.DEFAULT) && (q.proto() == Kind.LINK || q.proto() == null)) {
            if (!ethernet()) {
                throw new FilterException("ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel");
            }
            return ehostop(mac, q.dir());
        }
        throw new FilterException("ethernet address used in non-ether expression");
    }

    private Cond ehostop(byte[] mac, Dir dir) {
        switch (dir) {
            case SRC: return bcmp(Rel.LINKHDR, 6, mac);
            case DST: return bcmp(Rel.LINKHDR, 0, mac);
            case AND: return and(ehostop(mac, Dir.SRC), ehostop(mac, Dir.DST));
            case DEFAULT:
            case OR: return or(ehostop(mac, Dir.SRC), ehostop(mac, Dir.DST));
            default: throw new FilterException("'" + dir.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is only supported on 802.11 with 802.11 headers");
        }
    }

    private Cond scode(String name, Qual q, int pos) {
        switch (q.addr()) {
            case PORT: {
                int ipProto = portProto(q.proto(), "port");
                Integer port = Names.port(name);
                if (port == null) {
                    throw new FilterException("unknown port '" + name + "' (capmill knows the well-known service names only)", pos);
                }
                return ports(port, port, ipProto, q.dir(), true);
            }
            case PORTRANGE: {
                int ipProto = portProto(q.proto(), "portrange");
                int dash = name.indexOf('-');
                if (dash < 0) {
                    Integer port = Names.port(name);
                    if (port == null) {
                        throw new FilterException("unknown port in range '" + name + "'", pos);
                    }
                    return ports(port, port, ipProto, q.dir(), false);
                }
                Integer lo = Names.portOrNumber(name.substring(0, dash));
                Integer hi = Names.portOrNumber(name.substring(dash + 1));
                if (lo == null || hi == null) {
                    throw new FilterException("unknown port in range '" + name + "'", pos);
                }
                if (lo > 65535 || hi > 65535) {
                    throw new FilterException("illegal port number > 65535");
                }
                return ports(lo, hi, ipProto, q.dir(), false);
            }
            case PROTO: {
                if (q.dir() != Dir.DEFAULT) {
                    throw new FilterException("direction applied to 'proto'");
                }
                Long v = q.proto() == Kind.LINK ? Names.ethertype(name) : Names.ipProto(name);
                if (v == null) {
                    throw new FilterException("unknown " + (q.proto() == Kind.LINK ? "ether" : "ip") + " proto '" + name + "'", pos);
                }
                return protoCond(v, q.proto());
            }
            default:
                throw new FilterException("'" + name + "' is a name: capmill does not resolve host or network names;"
                        + " use a numeric address", pos);
        }
    }

    // ---- broadcast, multicast, len, byte, vlan, mpls ----

    private Cond other(Ast.Other o) {
        switch (o.kind()) {
            case LESS: return not(test(list(Insn.stmt(LD | LEN | W, 0)), JMP | JGT | K, (int) o.n()));
            case GREATER: return test(list(Insn.stmt(LD | LEN | W, 0)), JMP | JGE | K, (int) o.n());
            case BYTE: {
                switch (o.op()) {
                    case '=': return cmp(Rel.LINKHDR, (int) o.n(), B, o.val());
                    case '<': return not(cmpGe(Rel.LINKHDR, (int) o.n(), B, o.val()));
                    case '>': return cmpGt(Rel.LINKHDR, (int) o.n(), B, o.val());
                    default: {
                        // as libpcap: '&' and '|' test the accumulator as it is, without loading the byte
                        List<Insn> s = new ArrayList<>();
                        s.add(Insn.stmt(ALU | (o.op() == '|' ? OR : AND) | K, (int) o.val()));
                        return not(test(s, JMP | JEQ | K, 0));
                    }
                }
            }
            case BROADCAST: return broadcast(o.proto());
            case MULTICAST: return multicast(o.proto());
            case VLAN: return vlan(o);
            default: return mpls(o);
        }
    }

    private Cond broadcast(Kind proto) {
        if (proto == null || proto == Kind.LINK) {
            if (ethernet()) {
                return ehostop(new byte[] {-1, -1, -1, -1, -1, -1}, Dir.DST);
            }
            throw new FilterException("not a broadcast link");
        }
        if (proto == Kind.IP) {
            // netmask 0, as tcpdump uses when reading a file: hostmask is all ones
            Cond b0 = linktype(0x0800);
            Cond b1 = cmp(Rel.LINKPL, 16, W, 0);
            Cond b2 = or(b1, cmp(Rel.LINKPL, 16, W, 0xffffffffL));
            return and(b0, b2);
        }
        throw new FilterException("only link-layer/IP broadcast filters supported");
    }

    private Cond multicast(Kind proto) {
        if (proto == null || proto == Kind.LINK) {
            if (ethernet()) {
                return test(load(Rel.LINKHDR, 0, B), JMP | JSET | K, 1);
            }
            throw new FilterException("link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
        }
        if (proto == Kind.IP) {
            Cond b0 = linktype(0x0800);
            return and(b0, cmpGe(Rel.LINKPL, 16, B, 224));
        }
        if (proto == Kind.IPV6) {
            Cond b0 = linktype(0x86dd);
            return and(b0, cmp(Rel.LINKPL, 24, B, 255));
        }
        throw new FilterException("link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
    }

    private Cond vlan(Ast.Other o) {
        if (labelDepth > 0) {
            throw new FilterException("no VLAN match after MPLS");
        }
        if (!ethernet()) {
            throw new FilterException("no VLAN support for " + dltName());
        }
        Cond b0 = or(or(linktype(0x8100), linktype(0x88a8)), linktype(0x9100));
        if (o.hasN()) {
            if (o.n() > 0x0fff) {
                throw new FilterException("VLAN tag " + o.n() + " greater than maximum 4095");
            }
            b0 = and(b0, mcmp(Rel.LINKPL, 0, H, o.n(), 0x0fff));
        }
        offLinkpl += 4;
        offLinktype += 4;
        vlanDepth++;
        return b0;
    }

    private Cond mpls(Ast.Other o) {
        Cond b0;
        if (labelDepth > 0) {
            b0 = mcmp(Rel.LINKPL, -4 + 2, B, 0, 0x01);
        } else if (ethernet()) {
            b0 = linktype(0x8847);
        } else {
            throw new FilterException("no MPLS support for " + dltName());
        }
        if (o.hasN()) {
            if (o.n() > 0xFFFFF) {
                throw new FilterException("MPLS label " + o.n() + " greater than maximum 1048575");
            }
            b0 = and(b0, mcmp(Rel.LINKPL, 0, W, o.n() << 12, 0xfffff000L));
        }
        offNl += 4;
        labelDepth++;
        return b0;
    }

    // ---- arithmetic ----

    /** An arithmetic value: statements that leave it in scratch register reg, and the checks it needs. */
    private record Val(List<Insn> s, int reg, Cond b, boolean literal, long lit) { }

    private int allocReg() {
        for (int n = 0; n < MEMWORDS; n++) {
            if (regUsed[curReg]) {
                curReg = (curReg + 1) % MEMWORDS;
            } else {
                regUsed[curReg] = true;
                return curReg;
            }
        }
        throw new FilterException("too many registers needed to evaluate expression");
    }

    private void freeReg(int r) {
        regUsed[r] = false;
    }

    private Val arth(Arth a) {
        if (a instanceof Ast.Num n) {
            int r = allocReg();
            return new Val(list(Insn.stmt(LD | IMM, (int) n.v()), Insn.stmt(ST, r)), r, null, true, n.v());
        }
        if (a instanceof Ast.Len) {
            int r = allocReg();
            return new Val(list(Insn.stmt(LD | LEN | W, 0), Insn.stmt(ST, r)), r, null, false, 0);
        }
        if (a instanceof Ast.Neg ng) {
            Val v = arth(ng.a());
            List<Insn> s = new ArrayList<>(v.s());
            s.add(Insn.stmt(LD | MEM, v.reg()));
            s.add(Insn.stmt(ALU | NEG, 0));
            s.add(Insn.stmt(ST, v.reg()));
            return new Val(s, v.reg(), v.b(), false, 0);
        }
        if (a instanceof Ast.Bin bin) {
            Val a0 = arth(bin.a());
            Val a1 = arth(bin.b());
            int op;
            switch (bin.op()) {
                case '+': op = ADD; break;
                case '-': op = SUB; break;
                case '*': op = MUL; break;
                case '/': op = DIV; break;
                case '%': op = MOD; break;
                case '&': op = AND; break;
                case '|': op = OR; break;
                case '^': op = XOR; break;
                case 'l': op = LSH; break;
                default: op = RSH; break;
            }
            if (a1.literal()) {
                if (op == DIV && a1.lit() == 0) {
                    throw new FilterException("division by zero");
                }
                if (op == MOD && a1.lit() == 0) {
                    throw new FilterException("modulus by zero");
                }
                if ((op == LSH || op == RSH) && a1.lit() > 31) {
                    throw new FilterException("shift by more than 31 bits");
                }
            }
            List<Insn> s = new ArrayList<>(a0.s());
            s.addAll(a1.s());
            s.add(Insn.stmt(LDX | MEM, a1.reg()));
            s.add(Insn.stmt(LD | MEM, a0.reg()));
            s.add(Insn.stmt(ALU | X | op, 0));
            freeReg(a0.reg());
            freeReg(a1.reg());
            int r = allocReg();
            s.add(Insn.stmt(ST, r));
            return new Val(s, r, a0.b(), false, 0); // as libpcap: the right operand's protocol checks are not kept
        }
        Ast.Load ld = (Ast.Load) a;
        Val idx = arth(ld.index());
        int size;
        switch (ld.size()) {
            case 1: size = B; break;
            case 2: size = H; break;
            case 4: size = W; break;
            default: throw new FilterException("data size must be 1, 2, or 4");
        }
        int r = allocReg();
        freeReg(idx.reg());
        List<Insn> s = new ArrayList<>(idx.s());
        Cond b;
        switch (ld.proto()) {
            case LINK:
                s.add(Insn.stmt(LDX | MEM, idx.reg()));
                s.add(Insn.stmt(LD | IND | size, 0));
                b = idx.b();
                break;
            case IP: case ARP: case RARP: case ATALK: case DECNET: case SCA: case LAT: case MOPRC: case MOPDL:
            case IPV6:
                s.add(Insn.stmt(LDX | MEM, idx.reg()));
                s.add(Insn.stmt(LD | IND | size, offLinkpl + offNl));
                b = and(idx.b(), abbrev(ld.proto()));
                break;
            case SCTP: case TCP: case UDP: case ICMP: case IGMP: case IGRP: case PIM: case VRRP: case CARP: {
                s.add(Insn.stmt(LDX | MSH | B, offLinkpl + offNl));
                s.add(Insn.stmt(LD | MEM, idx.reg()));
                s.add(Insn.stmt(ALU | ADD | X, 0));
                s.add(Insn.stmt(MISC | TAX, 0));
                s.add(Insn.stmt(LD | IND | size, offLinkpl + offNl));
                Cond inner = and(abbrev(ld.proto()), ipfrag());
                inner = and(idx.b(), inner);
                b = and(abbrev(Kind.IP), inner);
                break;
            }
            case ICMPV6: {
                Cond c = and(idx.b(), abbrev(Kind.IPV6));
                b = and(c, cmp(Rel.LINKPL, 6, B, 58));
                s.add(Insn.stmt(LDX | MEM, idx.reg()));
                s.add(Insn.stmt(LD | IND | size, offLinkpl + offNl + 40));
                break;
            }
            case RADIO:
                throw new FilterException("radio information not present in capture");
            default:
                throw new FilterException("unsupported index operation");
        }
        s.add(Insn.stmt(ST, r));
        return new Val(s, r, b, false, 0);
    }

    private Cond relation(Ast.Relation rel) {
        Val a0 = arth(rel.a());
        Val a1 = arth(rel.b());
        List<Insn> s = new ArrayList<>(a0.s());
        s.addAll(a1.s());
        s.add(Insn.stmt(LDX | MEM, a1.reg()));
        s.add(Insn.stmt(LD | MEM, a0.reg()));
        Cond t;
        if (rel.code() == '=') {
            s.add(Insn.stmt(ALU | SUB | X, 0));
            t = test(s, JMP | JEQ | K, 0);
        } else {
            t = test(s, JMP | (rel.code() == '>' ? JGT : JGE) | X, 0);
        }
        if (rel.reversed()) {
            t = not(t);
        }
        freeReg(a0.reg());
        freeReg(a1.reg());
        Cond checks = and(a0.b(), a1.b());
        return and(checks, t);
    }
}
