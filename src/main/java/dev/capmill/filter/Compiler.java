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
    static final int DLT_NULL = 0, DLT_EN10MB = 1, DLT_PPP = 9, DLT_RAW = 12, LINKTYPE_RAW = 101,
            DLT_IEEE802_11 = 105, DLT_LOOP = 108, DLT_LINUX_SLL = 113, DLT_PRISM_HEADER = 119,
            DLT_IEEE802_11_RADIO = 127, DLT_IEEE802_11_RADIO_AVS = 163, DLT_IPV4 = 228, DLT_IPV6 = 229,
            DLT_LINUX_SLL2 = 276;
    static final int SNAPLEN = 262144;
    /** libpcap's OFFSET_NOT_SET: loads relative to it fall outside any packet. */
    private static final int NOT_SET = -1;

    /** The condition tree: a test is straight-line statements then a conditional jump. */
    sealed interface Cond permits Test, CAnd, COr, CNot, CConst { }

    record Test(List<Insn> stmts, int jump, int k) implements Cond { }

    record CAnd(Cond a, Cond b) implements Cond { }

    record COr(Cond a, Cond b) implements Cond { }

    record CNot(Cond a) implements Cond { }

    record CConst(boolean value) implements Cond { }

    /**
     * An offset from the start of the packet as libpcap keeps it (bpf_abs_offset): a constant part
     * and, for headers after a variable-length one (radio headers, the 802.11 header), a scratch
     * register that a prologue fills in at run time.
     */
    private static final class Off {
        int constant;
        boolean variable;
        int reg = -1;

        Off(int constant, boolean variable) {
            this.constant = constant;
            this.variable = variable;
        }

        Off copy() {
            Off o = new Off(constant, variable);
            o.reg = reg;
            return o;
        }
    }

    /** The link type the filter was compiled for (the outermost one). */
    private final int outerLinktype;
    /** The link type of the header being looked at: PPP after 'pppoes'. */
    private int linktype;
    private Off offLinkhdr = new Off(0, false);
    private Off offLinktype;
    private Off offLinkpl;
    private int offNl;
    private int offNlNosnap;
    private int labelDepth;
    private int vlanDepth;
    private final boolean[] regUsed = new boolean[MEMWORDS];
    private int curReg;
    /** libpcap turns its optimiser off for programs with a jumping prologue; it then never refuses them. */
    private boolean noOptimize;
    /** After 'geneve': the inner header is looked at as Ethernet, whether or not it has one (libpcap's is_geneve). */
    private boolean geneve;

    private Compiler(int linktype) {
        this.outerLinktype = linktype;
        this.linktype = linktype;
        // offsets as libpcap's init_linktype sets them (gencode.c)
        switch (linktype) {
            case DLT_EN10MB: setOffsets(12, 14, 0, 3); break;
            case DLT_LINUX_SLL: setOffsets(14, 16, 0, 0); break;
            case DLT_LINUX_SLL2: setOffsets(0, 20, 0, 0); break;
            case DLT_RAW: case LINKTYPE_RAW: case DLT_IPV4: case DLT_IPV6: setOffsets(NOT_SET, 0, 0, NOT_SET); break;
            case DLT_NULL: case DLT_LOOP: setOffsets(0, 4, 0, NOT_SET); break;
            case DLT_PRISM_HEADER: case DLT_IEEE802_11_RADIO: case DLT_IEEE802_11_RADIO_AVS:
            case DLT_IEEE802_11:
                // the 802.11 header has no type field: "link type" is the LLC/SNAP header after
                // the (variable-length) MAC header; radio headers before it are variable too
                setOffsets(24, 0, 8, 3);
                offLinkpl.variable = true;
                offLinkhdr.variable = linktype != DLT_IEEE802_11;
                break;
            default:
                throw new FilterException("link type " + dev.capmill.model.LinkType.name(linktype)
                        + " (" + linktype + ") is not supported by capmill's filter");
        }
    }

    private void setOffsets(int linktypeOff, int linkpl, int nl, int nlNosnap) {
        offLinktype = new Off(linktypeOff, false);
        offLinkpl = new Off(linkpl, false);
        offNl = nl;
        offNlNosnap = nlNosnap;
    }

    static boolean supports(int linktype) {
        switch (linktype) {
            case DLT_EN10MB: case DLT_LINUX_SLL: case DLT_LINUX_SLL2: case DLT_RAW: case LINKTYPE_RAW: case DLT_IPV4:
            case DLT_IPV6: case DLT_NULL: case DLT_LOOP: case DLT_IEEE802_11: case DLT_PRISM_HEADER:
            case DLT_IEEE802_11_RADIO: case DLT_IEEE802_11_RADIO_AVS:
                return true;
            default:
                return false;
        }
    }

    static Insn[] compile(Node root, int linktype) {
        Compiler c = new Compiler(linktype);
        Cond cond = root == null ? new CConst(true) : c.node(root);
        Insn[] prologue = c.prologue();
        Insn[] prog = Linker.link(prologue, cond, SNAPLEN);
        if (c.noOptimize) {
            return prog;
        }
        Insn[] opt = Reachability.optimize(prog);
        if (opt == null) {
            throw new FilterException("expression rejects all packets");
        }
        return opt;
    }

    private boolean wlan() {
        return linktype == DLT_IEEE802_11 || linktype == DLT_PRISM_HEADER || linktype == DLT_IEEE802_11_RADIO
                || linktype == DLT_IEEE802_11_RADIO_AVS;
    }

    // ---- the prologue that computes variable offsets (libpcap's insert_compute_vloffsets) ----

    /** A few instructions with jumps to labels; label -1 is the end (the first instruction of the filter). */
    private static final class Asm {
        final List<int[]> code = new ArrayList<>(); // code, k, jt label, jf label
        final List<Integer> labels = new ArrayList<>();

        void op(int c, int k) {
            code.add(new int[] {c, k, 0, 0});
        }

        void jump(int c, int k, int t, int f) {
            code.add(new int[] {c, k, t, f});
        }

        /** An unconditional jump to a label, forward or (protochain's loop) backward. */
        void goTo(int label) {
            code.add(new int[] {JMP | JA, 0, label, 0, 1});
        }

        int label() {
            labels.add(-1);
            return labels.size() - 1;
        }

        void place(int label) {
            labels.set(label, code.size());
        }

        Insn[] build() {
            Insn[] out = new Insn[code.size()];
            for (int i = 0; i < out.length; i++) {
                int[] c = code.get(i);
                if ((c[0] & 0x07) == JMP && (c[0] & 0xf0) != JA) {
                    out[i] = new Insn(c[0], at(c[2]) - i - 1, at(c[3]) - i - 1, c[1]);
                } else if (c.length == 5) {
                    out[i] = new Insn(c[0], 0, 0, at(c[2]) - i - 1);
                } else {
                    out[i] = new Insn(c[0], 0, 0, c[1]);
                }
            }
            return out;
        }

        private int at(int label) {
            return label < 0 ? code.size() : labels.get(label);
        }
    }

    private Insn[] prologue() {
        // the payload offset includes the radio header's length, so it needs that register too
        if (offLinkpl.reg != -1 && offLinkhdr.variable && offLinkhdr.reg == -1) {
            offLinkhdr.reg = allocReg();
        }
        Asm a = new Asm();
        boolean prefix = false;
        int hdr = offLinkhdr.reg;
        if (hdr != -1) {
            switch (outerLinktype) {
                case DLT_PRISM_HEADER: {
                    // an AVS header (cookie 0x80211000 in its first word) or a 144-byte Prism header
                    noOptimize = true;
                    int avs = a.label();
                    int prism = a.label();
                    int store = a.label();
                    a.op(LD | W | ABS, 0);
                    a.op(ALU | AND | K, 0xfffff000);
                    a.jump(JMP | JEQ | K, 0x80211000, avs, prism);
                    a.place(avs);
                    a.op(LD | W | ABS, 4);
                    a.jump(JMP | JA, 1, store, store);
                    a.place(prism);
                    a.op(LD | IMM, 144);
                    a.place(store);
                    a.op(ST, hdr);
                    a.op(MISC | TAX, 0);
                    prefix = true;
                    break;
                }
                case DLT_IEEE802_11_RADIO_AVS:
                    // AVS: big-endian header length at offset 4
                    a.op(LD | W | ABS, 4);
                    a.op(ST, hdr);
                    a.op(MISC | TAX, 0);
                    prefix = true;
                    break;
                case DLT_IEEE802_11_RADIO:
                    // radiotap: little-endian it_len at offset 2
                    a.op(LD | B | ABS, 3);
                    a.op(ALU | LSH | K, 8);
                    a.op(MISC | TAX, 0);
                    a.op(LD | B | ABS, 2);
                    a.op(ALU | OR | X, 0);
                    a.op(ST, hdr);
                    a.op(MISC | TAX, 0);
                    prefix = true;
                    break;
                default:
                    break;
            }
        }
        int pl = offLinkpl.reg;
        boolean wlanOuter = outerLinktype == DLT_IEEE802_11 || outerLinktype == DLT_PRISM_HEADER
                || outerLinktype == DLT_IEEE802_11_RADIO || outerLinktype == DLT_IEEE802_11_RADIO_AVS;
        if (wlanOuter && pl != -1) {
            // the 802.11 header: 24 bytes, 26 for QoS data frames (To DS + From DS is not counted,
            // as in libpcap), rounded up to 4 when radiotap says the driver padded it
            noOptimize = true;
            if (!prefix) {
                a.op(LDX | IMM, 0);
            }
            a.op(MISC | TXA, 0);
            a.op(ALU | ADD | K, 24);
            a.op(ST, pl);
            a.op(LD | B | IND, 0);
            int dataFrame = a.label();
            int qos = a.label();
            int addQos = a.label();
            int radiotap = a.label();
            boolean radio = linktype == DLT_IEEE802_11_RADIO;
            a.jump(JMP | JSET | K, 0x08, dataFrame, -1);
            a.place(dataFrame);
            a.jump(JMP | JSET | K, 0x04, -1, qos);
            a.place(qos);
            a.jump(JMP | JSET | K, 0x80, addQos, radio ? radiotap : -1);
            a.place(addQos);
            a.op(LD | MEM, pl);
            a.op(ALU | ADD | K, 2);
            a.op(ST, pl);
            if (radio) {
                int noExt = a.label();
                int tsft = a.label();
                int noTsft = a.label();
                int roundup = a.label();
                int testTsft = a.label();
                a.place(radiotap);
                a.op(LD | W | ABS, 4);
                // presence bits are little-endian: flags 0x2, extension 0x80000000, TSFT 0x1
                a.jump(JMP | JSET | K, 0x02000000, noExt, -1);
                a.place(noExt);
                a.jump(JMP | JSET | K, 0x00000080, -1, testTsft);
                a.place(testTsft);
                a.jump(JMP | JSET | K, 0x01000000, tsft, noTsft);
                a.place(tsft);
                a.op(LD | B | ABS, 16);
                a.jump(JMP | JSET | K, 0x20, roundup, -1);
                a.place(noTsft);
                a.op(LD | B | ABS, 8);
                a.jump(JMP | JSET | K, 0x20, roundup, -1);
                a.place(roundup);
                a.op(LD | MEM, pl);
                a.op(ALU | ADD | K, 3);
                a.op(ALU | AND | K, ~3);
                a.op(ST, pl);
            }
        }
        return a.build();
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

    enum Rel { PACKET, LINKHDR, LINKTYPE, LINKPL, LINKPL_NOSNAP, TRAN4, TRAN6, LLC }

    /** gen_load_a: a load relative to one of the headers, through its register when its offset varies. */
    private List<Insn> load(Rel rel, int off, int size) {
        switch (rel) {
            case PACKET: return list(Insn.stmt(LD | ABS | size, off));
            case LINKHDR: return absrel(offLinkhdr, off, size);
            case LINKTYPE: return absrel(offLinktype, off, size);
            case LINKPL: return absrel(offLinkpl, offNl + off, size);
            case LINKPL_NOSNAP: return absrel(offLinkpl, offNlNosnap + off, size);
            case LLC: return absrel(offLinkpl, off, size);
            case TRAN6: return absrel(offLinkpl, offNl + 40 + off, size);
            default: {
                List<Insn> s = loadxIphdrlen();
                s.add(Insn.stmt(LD | IND | size, offLinkpl.constant + offNl + off));
                return s;
            }
        }
    }

    private List<Insn> absrel(Off o, int off, int size) {
        List<Insn> s = varpart(o);
        if (s != null) {
            s.add(Insn.stmt(LD | IND | size, o.constant + off));
            return s;
        }
        return list(Insn.stmt(LD | ABS | size, o.constant + off));
    }

    /** X = the variable part of an offset (allocating its register on first use), or null when it has none. */
    private List<Insn> varpart(Off o) {
        if (!o.variable) {
            return null;
        }
        if (o.reg == -1) {
            o.reg = allocReg();
        }
        return list(Insn.stmt(LDX | MEM, o.reg));
    }

    /** X = the IPv4 header length plus the variable part of the payload offset. */
    private List<Insn> loadxIphdrlen() {
        List<Insn> s = varpart(offLinkpl);
        if (s == null) {
            return list(Insn.stmt(LDX | MSH | B, offLinkpl.constant + offNl));
        }
        s.add(Insn.stmt(LD | IND | B, offLinkpl.constant + offNl));
        s.add(Insn.stmt(ALU | AND | K, 0xf));
        s.add(Insn.stmt(ALU | LSH | K, 2));
        s.add(Insn.stmt(ALU | ADD | X, 0));
        s.add(Insn.stmt(MISC | TAX, 0));
        return s;
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
            case DLT_IEEE802_11:
            case DLT_PRISM_HEADER:
            case DLT_IEEE802_11_RADIO_AVS:
            case DLT_IEEE802_11_RADIO: {
                Cond b0 = dataFrame();
                return and(b0, llcLinktype(proto));
            }
            case DLT_PPP:
                return cmp(Rel.LINKTYPE, 0, H, pppType(proto));
            default:
                throw new FilterException("link type " + dltName() + " is not supported");
        }
    }

    /** Ethernet type to PPP protocol number (libpcap's ethertype_to_ppptype). */
    private static long pppType(long proto) {
        switch ((int) proto) {
            case 0x0800: return 0x0021;
            case 0x86dd: return 0x0057;
            case 0x6003: return 0x0027;
            case 0x809b: return 0x0029;
            case 0x0600: return 0x0025;
            case 0xfe: return 0x0023;
            case 0x42: return 0x0031;
            case 0xe0: return 0x002b;
            default: return proto;
        }
    }

    /** A data frame: frame control type bits 0x08 set, 0x04 clear. */
    private Cond dataFrame() {
        Cond b1 = not(test(load(Rel.LINKHDR, 0, B), JMP | JSET | K, 0x04));
        return and(b1, test(load(Rel.LINKHDR, 0, B), JMP | JSET | K, 0x08));
    }

    /** The protocol in an 802.2 LLC header, SNAP-encapsulated for Ethernet types (gen_llc_linktype). */
    private Cond llcLinktype(long proto) {
        if (proto == 0x06 || proto == 0xfe || proto == 0xf0) {
            return cmp(Rel.LLC, 0, H, proto << 8 | proto);
        }
        if (proto == 0xe0) {
            return cmp(Rel.LLC, 0, B, 0xe0);
        }
        if (proto == 0x809b) {
            return snap(0x080007, 0x809b);
        }
        if (proto <= 1500) {
            return cmp(Rel.LLC, 0, B, proto);
        }
        return cmp(Rel.LLC, 6, H, proto);
    }

    private Cond snap(int org, int type) {
        byte[] b = {(byte) 0xaa, (byte) 0xaa, 3, (byte) (org >> 16), (byte) (org >> 8), (byte) org,
            (byte) (type >> 8), (byte) type};
        return bcmp(Rel.LLC, 0, b);
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
        if (proto == 0xe0) {
            // Novell 802.3 (0xffff), 802.2, SNAP or Ethernet II IPX
            Cond b1 = or(cmp(Rel.LLC, 0, B, 0xe0), cmp(Rel.LLC, 0, H, 0xffff));
            b1 = or(snap(0, 0x8137), b1);
            b1 = and(not(cmpGt(Rel.LINKTYPE, 0, H, 1500)), b1);
            return or(cmp(Rel.LINKTYPE, 0, H, 0x8137), b1);
        }
        if (proto == 0x809b || proto == 0x80f3) {
            Cond b0 = not(cmpGt(Rel.LINKTYPE, 0, H, 1500));
            Cond b1 = and(b0, proto == 0x809b ? snap(0x080007, 0x809b) : snap(0, 0x80f3));
            return or(cmp(Rel.LINKTYPE, 0, H, proto), b1);
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
        if (proto == 0xe0) {
            Cond b1 = or(cmp(Rel.LLC, 0, B, 0xe0), snap(0, 0x8137));
            b1 = and(cmp(Rel.LINKTYPE, 0, H, 4), b1);
            b1 = or(cmp(Rel.LINKTYPE, 0, H, 1), b1);
            return or(cmp(Rel.LINKTYPE, 0, H, 0x8137), b1);
        }
        if (proto == 0x809b || proto == 0x80f3) {
            Cond b1 = and(cmp(Rel.LINKTYPE, 0, H, 4), proto == 0x809b ? snap(0x080007, 0x809b) : snap(0, 0x80f3));
            return or(cmp(Rel.LINKTYPE, 0, H, proto), b1);
        }
        if (proto <= 1500) {
            return and(cmp(Rel.LINKTYPE, 0, H, 4), cmp(Rel.LINKHDR, offLinkpl.constant, B, proto));
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
            case IPX: return linktype(0xe0);
            case ATALK: return linktype(0x809b);
            case AARP: return linktype(0x80f3);
            case ESIS: return protoCond(0x82, Kind.ISO);
            case ISIS: return protoCond(0x83, Kind.ISO);
            case CLNP: return protoCond(0x81, Kind.ISO);
            // IS-IS PDU types (ISO 10589): LAN IIH 15/16, point-to-point IIH 17, LSP 18/20,
            // CSNP 24/25, PSNP 26/27; level 1 first
            case L1: return isisAny(15, 17, 18, 24, 26);
            case L2: return isisAny(16, 17, 20, 25, 27);
            case IIH: return isisAny(15, 16, 17);
            case LSP: return isisAny(18, 20);
            case SNP: return isisAny(24, 25, 26, 27);
            case CSNP: return isisAny(24, 25);
            case PSNP: return isisAny(26, 27);
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
            case ATALK: throw new FilterException("AppleTalk encapsulation is not specifiable");
            case DECNET: throw new FilterException("DECNET encapsulation is not specifiable");
            case LAT: throw new FilterException("LAT does not encapsulate another protocol");
            case SCA: throw new FilterException("SCA does not encapsulate another protocol");
            case MOPRC: throw new FilterException("MOPRC does not encapsulate another protocol");
            case MOPDL: throw new FilterException("MOPDL does not encapsulate another protocol");
            case ISO: {
                // the NLPID after an 802.2 header (no SNAP)
                Cond b0 = linktype(0xfe);
                return and(b0, cmp(Rel.LINKPL_NOSNAP, 0, B, v));
            }
            case ISIS: {
                Cond b0 = protoCond(0x83, Kind.ISO);
                return and(b0, cmp(Rel.LINKPL_NOSNAP, 4, B, v));
            }
            case CLNP: throw new FilterException("'clnp proto' is not supported");
            default:
                throw new FilterException("'" + proto.name().toLowerCase(java.util.Locale.ROOT) + " proto' is bogus");
        }
    }

    /** Any of the IS-IS PDU types, or-ed in libpcap's order (the first two, then each next one before them). */
    private Cond isisAny(int... types) {
        Cond b1 = or(protoCond(types[0], Kind.ISIS), protoCond(types[1], Kind.ISIS));
        for (int i = 2; i < types.length; i++) {
            b1 = or(protoCond(types[i], Kind.ISIS), b1);
        }
        return b1;
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
                if (q.addr() == Addr.PROTOCHAIN) {
                    throw new FilterException("'protochain' modifier applied to ip host");
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
            case PROTOCHAIN:
                return protochain(v, proto);
            default:
                throw new FilterException("syntax error");
        }
    }

    /** A named port's own transport against the qualifier's (gen_scode): tcp-only names are tcp ports. */
    private static int namedProto(String name, int qualified) {
        int own = Names.portProto(name);
        if (own < 0) {
            return qualified;
        }
        if (qualified >= 0 && qualified != own) {
            throw new FilterException("port '" + name + "' is " + (own == 6 ? "tcp" : "udp"));
        }
        return own;
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
        // libpcap (gen_ecode) wants the link qualifier spelled out: "host 00:11:..." is refused
        if ((q.addr() == Addr.HOST || q.addr() == Addr.DEFAULT) && q.proto() == Kind.LINK) {
            if (wlan()) {
                return wlanhostop(mac, q.dir());
            }
            if (!ethernet()) {
                throw new FilterException("ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel");
            }
            Cond tmp = prevLinkhdrCheck();
            return and(tmp, ehostop(mac, q.dir()));
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

    private Cond jset(Rel rel, int off, int bits) {
        return test(load(rel, off, B), JMP | JSET | K, bits);
    }

    /**
     * An address in the 802.11 header (gen_wlanhostop). Which address field holds the source or
     * destination depends on the frame type and the To DS / From DS bits; the tests are made in
     * libpcap's order, since a field past the captured bytes rejects the packet.
     */
    private Cond wlanhostop(byte[] mac, Dir dir) {
        switch (dir) {
            case SRC: {
                Cond b0 = and(jset(Rel.LINKHDR, 1, 0x01), bcmp(Rel.LINKHDR, 24, mac));
                Cond b1 = and(not(jset(Rel.LINKHDR, 1, 0x01)), bcmp(Rel.LINKHDR, 16, mac));
                b0 = or(b1, b0);
                b0 = and(jset(Rel.LINKHDR, 1, 0x02), b0);
                b1 = and(not(jset(Rel.LINKHDR, 1, 0x02)), bcmp(Rel.LINKHDR, 10, mac));
                b0 = or(b1, b0);
                b0 = and(jset(Rel.LINKHDR, 0, 0x08), b0);
                b1 = and(not(jset(Rel.LINKHDR, 0, 0x08)), bcmp(Rel.LINKHDR, 10, mac));
                b0 = or(b1, b0);
                return and(not(jset(Rel.LINKHDR, 0, 0x04)), b0);
            }
            case DST: {
                Cond b0 = and(jset(Rel.LINKHDR, 1, 0x01), bcmp(Rel.LINKHDR, 16, mac));
                Cond b1 = and(not(jset(Rel.LINKHDR, 1, 0x01)), bcmp(Rel.LINKHDR, 4, mac));
                b0 = or(b1, b0);
                b0 = and(jset(Rel.LINKHDR, 0, 0x08), b0);
                b1 = and(not(jset(Rel.LINKHDR, 0, 0x08)), bcmp(Rel.LINKHDR, 4, mac));
                b0 = or(b1, b0);
                return and(not(jset(Rel.LINKHDR, 0, 0x04)), b0);
            }
            case AND: {
                Cond b0 = wlanhostop(mac, Dir.SRC);
                return and(b0, wlanhostop(mac, Dir.DST));
            }
            case DEFAULT:
            case OR: {
                Cond b0 = wlanhostop(mac, Dir.SRC);
                return or(b0, wlanhostop(mac, Dir.DST));
            }
            case ADDR1:
                return bcmp(Rel.LINKHDR, 4, mac);
            case ADDR2:
            case TA: {
                // not in CTS or ACK control frames, which have no second address
                Cond b0 = not(mcmp(Rel.LINKHDR, 0, B, 0x04, 0x0c));
                Cond b1 = not(mcmp(Rel.LINKHDR, 0, B, 0xc0, 0xf0));
                Cond b2 = not(mcmp(Rel.LINKHDR, 0, B, 0xd0, 0xf0));
                b2 = and(b1, b2);
                b2 = or(b0, b2);
                if (dir == Dir.TA) {
                    b2 = and(jset(Rel.LINKHDR, 0, 0x08), b2);
                }
                return and(b2, bcmp(Rel.LINKHDR, 10, mac));
            }
            case ADDR3: {
                Cond b0 = not(mcmp(Rel.LINKHDR, 0, B, 0x04, 0x0c));
                return and(b0, bcmp(Rel.LINKHDR, 16, mac));
            }
            case ADDR4: {
                Cond b0 = mcmp(Rel.LINKHDR, 1, B, 0x03, 0x03);
                return and(b0, bcmp(Rel.LINKHDR, 24, mac));
            }
            case RA: {
                Cond b1 = jset(Rel.LINKHDR, 0, 0x08);
                return and(b1, bcmp(Rel.LINKHDR, 4, mac));
            }
            default:
                throw new FilterException("'" + dir.name().toLowerCase(java.util.Locale.ROOT) + "' is not a valid qualifier");
        }
    }

    private Cond scode(String name, Qual q, int pos) {
        switch (q.addr()) {
            case PORT: {
                int ipProto = namedProto(name, portProto(q.proto(), "port"));
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
                    return ports(port, port, namedProto(name, ipProto), q.dir(), false);
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
            case PROTOCHAIN: {
                Long v = q.proto() == Kind.LINK ? Names.ethertype(name) : Names.ipProto(name);
                if (v == null) {
                    throw new FilterException("unknown " + (q.proto() == Kind.LINK ? "ether" : "ip") + " proto '" + name + "'", pos);
                }
                return protochain(v, q.proto());
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
            case MPLS: return mpls(o);
            case LLC: return llc(o);
            case PPPOED: return linktype(0x8863);
            case PPPOES: return pppoes(o);
            case INBOUND: return inbound(false);
            case OUTBOUND: return inbound(true);
            case IFINDEX: {
                if (linktype != DLT_LINUX_SLL2) {
                    throw new FilterException("ifindex not supported on " + dltName() + " when reading savefiles");
                }
                return cmp(Rel.LINKHDR, 4, W, o.n());
            }
            case WLAN_TYPE:
                if (!wlan()) {
                    throw new FilterException("802.11 link-layer types supported only on 802.11");
                }
                return mcmp(Rel.LINKHDR, 0, B, o.n(), o.val());
            case WLAN_DIR:
                if (!wlan()) {
                    throw new FilterException("frame direction supported only with 802.11 headers");
                }
                return mcmp(Rel.LINKHDR, 1, B, o.n(), 0x03);
            default:
                return geneve(o);
        }
    }

    /** gen_llc and its I/S/U frame and subtype variants; the control field is the LLC header's third byte. */
    private Cond llc(Ast.Other o) {
        Cond b0;
        if (ethernet()) {
            // an 802.3 length, and not Novell's raw 802.3 (0xffff where DSAP/SSAP would be)
            b0 = not(cmpGt(Rel.LINKTYPE, 0, H, 1500));
            b0 = and(b0, not(cmp(Rel.LLC, 0, H, 0xffff)));
        } else if (wlan()) {
            b0 = dataFrame();
        } else {
            throw new FilterException("'llc' not supported for " + dltName());
        }
        switch ((int) o.n()) {
            case 0: return b0;
            case 1: return and(b0, not(jset(Rel.LLC, 2, 0x01)));
            case 2: return and(b0, mcmp(Rel.LLC, 2, B, 0x01, 0x03));
            case 3: return and(b0, mcmp(Rel.LLC, 2, B, 0x03, 0x03));
            case 4: return and(b0, mcmp(Rel.LLC, 2, B, o.val(), 0x0f));
            default: return and(b0, mcmp(Rel.LLC, 2, B, o.val(), 0xef));
        }
    }

    /**
     * PPPoE session data, maybe with a session id; what follows is looked at as PPP: the PPP
     * protocol field 6 bytes into the PPPoE header, the payload 2 bytes after it (gen_pppoes).
     */
    private Cond pppoes(Ast.Other o) {
        if (offLinkhdr.variable && wlanOuter()) {
            // libpcap moves the link header's register to the PPPoE payload's, so its tests of
            // the 802.11 header read a scratch register its program never sets: undefined
            throw new FilterException("'pppoes' after a radio header (" + dltName() + ") is not supported:"
                    + " libpcap's program for it reads an unset register");
        }
        Cond b0 = linktype(0x8864);
        if (o.hasN()) {
            if (o.n() > 0xffff) {
                throw new FilterException("PPPoE session number " + o.n() + " greater than maximum 65535");
            }
            b0 = and(b0, mcmp(Rel.LINKPL, 0, W, o.n(), 0xffff));
        }
        Off hdr = new Off(offLinkpl.constant + offNl + 6, offLinkpl.variable);
        hdr.reg = offLinkpl.reg;
        offLinkhdr = hdr;
        geneve = false;
        linktype = DLT_PPP;
        offLinktype = offLinkhdr.copy();
        offLinkpl.constant = offLinkhdr.constant + 2;
        offNl = 0;
        offNlNosnap = 0;
        return b0;
    }

    private boolean wlanOuter() {
        return outerLinktype == DLT_IEEE802_11 || outerLinktype == DLT_PRISM_HEADER
                || outerLinktype == DLT_IEEE802_11_RADIO || outerLinktype == DLT_IEEE802_11_RADIO_AVS;
    }

    // ---- protochain and geneve: programs libpcap does not optimise ----

    /**
     * 'protochain v': walks the IPv6 extension headers (hop-by-hop 0, routing 43, fragment 44,
     * destination options 60: next header in byte 0, length in 8-byte units after the first 8 in
     * byte 1) and AH (51: length in 4-byte units minus 2 in byte 1) until it meets v, "no next
     * header" (59) or another protocol, as libpcap's gen_protochain does (gencode.c, libpcap
     * 1.10): a loop with a backward jump, so libpcap turns its optimiser off for the whole filter,
     * and its interpreter sign-extends the jump (bpf_filter.c). As in libpcap, after AH the
     * offset becomes AH's length alone, not the offset plus that length, and on IPv4 only AH is
     * walked. Each pass moves forward by at least 8 bytes, so the loop ends, at the latest when
     * a load leaves the captured bytes.
     */
    private Cond protochain(long v, Kind proto) {
        int reg2 = allocReg();
        if (proto == null) {
            // as libpcap: the register taken for the default case is never given back
            Cond b0 = protochain(v, Kind.IP);
            return or(b0, protochain(v, Kind.IPV6));
        }
        if (proto != Kind.IP && proto != Kind.IPV6) {
            throw new FilterException("bad protocol applied for 'protochain'");
        }
        if (offLinkpl.variable) {
            throw new FilterException("'protochain' not supported with variable length headers");
        }
        noOptimize = true;
        boolean six = proto == Kind.IPV6;
        int nl = offLinkpl.constant + offNl;
        Cond b0 = linktype(six ? 0x86dd : 0x0800);
        Asm a = new Asm();
        int again = a.label();
        int end = a.label();
        int ahcheck = a.label();
        if (six) {
            a.op(LD | ABS | B, nl + 6);
            a.op(LDX | IMM, 40);
        } else {
            a.op(LD | ABS | B, nl + 9);
            a.op(LDX | MSH | B, nl);
        }
        a.place(again);
        int none = a.label();
        a.jump(JMP | JEQ | K, (int) v, end, none);
        a.place(none);
        int next = a.label();
        a.jump(JMP | JEQ | K, 59, end, next);
        a.place(next);
        if (six) {
            int advance = a.label();
            int[] ext = {0, 60, 43, 44};
            for (int j = 0; j < ext.length; j++) {
                int l = a.label();
                a.jump(JMP | JEQ | K, ext[j], advance, j == ext.length - 1 ? ahcheck : l);
                a.place(l);
            }
            a.place(advance);
            a.op(LD | IND | B, nl);
            a.op(ST, reg2);
            a.op(LD | IND | B, nl + 1);
            a.op(ALU | ADD | K, 1);
            a.op(ALU | MUL | K, 8);
            a.op(ALU | ADD | X, 0);
            a.op(MISC | TAX, 0);
            a.op(LD | MEM, reg2);
            a.goTo(again);
        } else {
            a.op(ALU | ADD | K, 0);
        }
        a.place(ahcheck);
        int ah = a.label();
        a.jump(JMP | JEQ | K, 51, ah, end);
        a.place(ah);
        a.op(MISC | TXA, 0);
        a.op(LD | IND | B, nl);
        a.op(ST, reg2);
        a.op(MISC | TXA, 0);
        a.op(ALU | ADD | K, 1);
        a.op(MISC | TAX, 0);
        a.op(LD | IND | B, nl);
        a.op(ALU | ADD | K, 2);
        a.op(ALU | MUL | K, 4);
        a.op(MISC | TAX, 0);
        a.op(LD | MEM, reg2);
        a.goTo(again);
        a.place(end);
        a.op(ALU | ADD | K, 0);
        Cond b = test(list(a.build()), JMP | JEQ | K, (int) v);
        freeReg(reg2);
        return and(b0, b);
    }

    /**
     * 'geneve [vni]': UDP to port 6081 over IPv4 or IPv6, Geneve version 0, maybe the VNI (the
     * upper 24 bits of the header's second word); then, as libpcap's gen_geneve (gencode.c,
     * libpcap 1.10), the offsets move at run time into registers: the protocol type (2 bytes
     * into the Geneve header) is the link type, the header ends after 8 bytes plus its option
     * length (low 6 bits of byte 0, in 4-byte units), and when the protocol is Transparent
     * Ethernet Bridging (0x6558) an Ethernet header follows, whose type field becomes the link
     * type. What follows is looked at as Ethernet either way. The choice is a jump, so libpcap
     * turns its optimiser off.
     */
    private Cond geneve(Ast.Other o) {
        if (wlanOuter()) {
            // libpcap's prologue then stores the 802.11 offsets in the Geneve registers, and the
            // outer tests read a register it never sets
            throw new FilterException("'geneve' on " + dltName() + " is not supported: libpcap's program for it"
                    + " reads an unset register");
        }
        long vni = o.n();
        if (o.hasN() && vni > 0xffffff) {
            throw new FilterException("Geneve VNI " + vni + " greater than maximum 16777215");
        }
        // IPv4: A = the IP header length (plus a variable payload offset), by an always-true test
        Cond b4 = geneveCheck(false, o.hasN(), vni);
        List<Insn> s4 = loadxIphdrlen();
        s4.add(Insn.stmt(MISC | TXA, 0));
        b4 = and(b4, test(s4, JMP | JEQ | X, 0));
        Cond b6 = geneveCheck(true, o.hasN(), vni);
        List<Insn> s6 = varpart(offLinkpl);
        if (s6 != null) {
            s6.add(Insn.stmt(LD | IMM, 40));
            s6.add(Insn.stmt(ALU | ADD | X, 0));
        } else {
            s6 = list(Insn.stmt(LD | IMM, 40));
        }
        s6.add(Insn.stmt(MISC | TAX, 0));
        b6 = and(b6, test(s6, JMP | JEQ | X, 0));
        Cond b0 = or(b4, b6);

        Asm a = new Asm();
        a.op(ALU | ADD | K, offLinkpl.constant + offNl + 8); // the Geneve header
        a.op(MISC | TAX, 0);
        a.op(ALU | ADD | K, 2);
        int ltReg = allocReg();
        a.op(ST, ltReg);
        a.op(LD | IND | B, 0);
        a.op(ALU | AND | K, 0x3f);
        a.op(ALU | MUL | K, 4);
        a.op(ALU | ADD | K, 8);
        a.op(ALU | ADD | X, 0);
        int hdrReg = allocReg();
        a.op(ST, hdrReg);
        noOptimize = true;
        a.op(LD | IND | H, 2);
        a.op(LDX | MEM, hdrReg);
        int teb = a.label();
        int store = a.label();
        a.jump(JMP | JEQ | K, 0x6558, teb, store);
        a.place(teb);
        a.op(MISC | TXA, 0);
        a.op(ALU | ADD | K, 12);
        a.op(ST, ltReg);
        a.op(ALU | ADD | K, 2);
        a.op(MISC | TAX, 0);
        a.place(store);
        int plReg = allocReg();
        a.op(STX, plReg);
        a.op(LD | IMM, 0); // gen_true's constant
        Cond offsets = test(list(a.build()), JMP | JEQ | K, 0);

        linktype = DLT_EN10MB;
        offLinkhdr = new Off(0, true);
        offLinkhdr.reg = hdrReg;
        offLinktype = new Off(0, true);
        offLinktype.reg = ltReg;
        offLinkpl = new Off(0, true);
        offLinkpl.reg = plReg;
        offNl = 0;
        geneve = true;
        return and(b0, offsets);
    }

    /** UDP to the Geneve port, version 0 and maybe the VNI, over IPv4 or IPv6 (gen_geneve_check). */
    private Cond geneveCheck(boolean six, boolean hasVni, long vni) {
        Cond b0 = portsFamily(6081, 6081, 17, Dir.DST, true, six);
        Rel rel = six ? Rel.TRAN6 : Rel.TRAN4;
        b0 = and(b0, mcmp(rel, 8, B, 0, 0xc0));
        if (hasVni) {
            b0 = and(b0, mcmp(rel, 12, W, vni << 8, 0xffffff00L));
        }
        return b0;
    }

    /** After 'geneve', link-layer tests first check that the inner packet has an Ethernet header (gen_geneve_ll_check). */
    private Cond prevLinkhdrCheck() {
        if (!geneve) {
            return null;
        }
        return not(test(list(Insn.stmt(LD | MEM, offLinkhdr.reg), Insn.stmt(LDX | MEM, offLinkpl.reg)),
                JMP | JEQ | X, 0));
    }

    /** inbound/outbound as libpcap decides them for savefiles: only Linux cooked headers say. */
    private Cond inbound(boolean out) {
        Cond b0;
        if (linktype == DLT_LINUX_SLL) {
            b0 = cmp(Rel.LINKHDR, 0, H, 4);
        } else if (linktype == DLT_LINUX_SLL2) {
            b0 = cmp(Rel.LINKHDR, 10, B, 4);
        } else {
            throw new FilterException("inbound/outbound not supported on " + dltName() + " when reading savefiles");
        }
        return out ? b0 : not(b0);
    }

    private Cond broadcast(Kind proto) {
        if (proto == null || proto == Kind.LINK) {
            if (ethernet()) {
                Cond b1 = prevLinkhdrCheck();
                return and(b1, ehostop(new byte[] {-1, -1, -1, -1, -1, -1}, Dir.DST));
            }
            if (wlan()) {
                return wlanhostop(new byte[] {-1, -1, -1, -1, -1, -1}, Dir.DST);
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
                Cond b1 = prevLinkhdrCheck();
                return and(b1, test(load(Rel.LINKHDR, 0, B), JMP | JSET | K, 1));
            }
            if (wlan()) {
                // the destination: addr3 from the AP to the DS, else addr1; addr1 in other frames
                Cond b0 = and(jset(Rel.LINKHDR, 1, 0x01), jset(Rel.LINKHDR, 16, 1));
                Cond b1 = and(not(jset(Rel.LINKHDR, 1, 0x01)), jset(Rel.LINKHDR, 4, 1));
                b0 = or(b1, b0);
                b0 = and(jset(Rel.LINKHDR, 0, 0x08), b0);
                b1 = and(not(jset(Rel.LINKHDR, 0, 0x08)), jset(Rel.LINKHDR, 4, 1));
                b0 = or(b1, b0);
                return and(not(jset(Rel.LINKHDR, 0, 0x04)), b0);
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
        if (!ethernet() && !wlan()) {
            throw new FilterException("no VLAN support for " + dltName());
        }
        Cond b0 = or(or(linktype(0x8100), linktype(0x88a8)), linktype(0x9100));
        if (o.hasN()) {
            if (o.n() > 0x0fff) {
                throw new FilterException("VLAN tag " + o.n() + " greater than maximum 4095");
            }
            b0 = and(b0, mcmp(Rel.LINKPL, 0, H, o.n(), 0x0fff));
        }
        offLinkpl.constant += 4;
        offLinktype.constant += 4;
        vlanDepth++;
        return b0;
    }

    private Cond mpls(Ast.Other o) {
        Cond b0;
        if (labelDepth > 0) {
            b0 = mcmp(Rel.LINKPL, -4 + 2, B, 0, 0x01);
        } else if (ethernet()) {
            b0 = linktype(0x8847);
        } else if (linktype == DLT_PPP) {
            b0 = linktype(0x0281);
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
        offNlNosnap += 4;
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
                indexed(s, offLinkhdr, idx.reg(), size, offLinkhdr.constant);
                b = idx.b();
                break;
            case IP: case ARP: case RARP: case ATALK: case DECNET: case SCA: case LAT: case MOPRC: case MOPDL:
            case IPV6:
                indexed(s, offLinkpl, idx.reg(), size, offLinkpl.constant + offNl);
                b = and(idx.b(), abbrev(ld.proto()));
                break;
            case SCTP: case TCP: case UDP: case ICMP: case IGMP: case IGRP: case PIM: case VRRP: case CARP: {
                s.addAll(loadxIphdrlen());
                s.add(Insn.stmt(LD | MEM, idx.reg()));
                s.add(Insn.stmt(ALU | ADD | X, 0));
                s.add(Insn.stmt(MISC | TAX, 0));
                s.add(Insn.stmt(LD | IND | size, offLinkpl.constant + offNl));
                Cond inner = and(abbrev(ld.proto()), ipfrag());
                inner = and(idx.b(), inner);
                b = and(abbrev(Kind.IP), inner);
                break;
            }
            case ICMPV6: {
                Cond c = and(idx.b(), abbrev(Kind.IPV6));
                b = and(c, cmp(Rel.LINKPL, 6, B, 58));
                indexed(s, offLinkpl, idx.reg(), size, offLinkpl.constant + offNl + 40);
                break;
            }
            case RADIO:
                if (linktype != DLT_IEEE802_11_RADIO && linktype != DLT_IEEE802_11_RADIO_AVS
                        && linktype != DLT_PRISM_HEADER) {
                    throw new FilterException("radio information not present in capture");
                }
                // relative to the start of the packet, i.e. of the radio header
                s.add(Insn.stmt(LDX | MEM, idx.reg()));
                s.add(Insn.stmt(LD | IND | size, 0));
                b = idx.b();
                break;
            default:
                throw new FilterException("unsupported index operation");
        }
        s.add(Insn.stmt(ST, r));
        return new Val(s, r, b, false, 0);
    }

    /** Loads size bytes at k + the index in register reg + the variable part of o. */
    private void indexed(List<Insn> s, Off o, int reg, int size, int k) {
        List<Insn> v = varpart(o);
        if (v != null) {
            s.addAll(v);
            s.add(Insn.stmt(LD | MEM, reg));
            s.add(Insn.stmt(ALU | ADD | X, 0));
            s.add(Insn.stmt(MISC | TAX, 0));
        } else {
            s.add(Insn.stmt(LDX | MEM, reg));
        }
        s.add(Insn.stmt(LD | IND | size, k));
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
