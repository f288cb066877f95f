package dev.capmill.filter;

import static dev.capmill.filter.Bpf.*;

import dev.capmill.filter.Bpf.Insn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether any packet can pass a program. libpcap's optimiser refuses a filter that can never
 * match ("expression rejects all packets"); this decides it the way that optimiser can, so that
 * capmill refuses the same expressions: blocks are compared on the value they test (a load from
 * a fixed offset, maybe masked, or a constant); a jump is settled by an earlier jump of the same
 * kind on the same value when that earlier edge dominates it, and an edge is threaded past the
 * blocks its own knowledge settles, repeated until nothing changes.
 */
final class Reachability {
    /**
     * A tested value: a constant, or bytes loaded from an offset, maybe ANDed with a mask. The
     * offset is absolute (base null) or relative to a value in X (base: that value's symbol). A
     * value the analysis cannot name is an opaque symbol of the instruction that made it (size
     * -2, k its index), 4*([k]&0xf) has size -3: equal symbols are equal values on every path.
     */
    private record Sym(boolean constant, long value, int size, int k, long mask, Sym base) {
        static Sym of(long v) {
            return new Sym(true, v & 0xffffffffL, 0, 0, 0, null);
        }

        static Sym opaque(int pc) {
            return new Sym(false, 0, -2, pc, 0xffffffffL, null);
        }

        // equals and hashCode written out: the generated ones are bootstrapped through method
        // handles on first use, some 30 classes spun at start-up of every filter (about 20 ms)
        @Override
        public boolean equals(Object o) {
            return o instanceof Sym s && constant == s.constant && value == s.value && size == s.size
                    && k == s.k && mask == s.mask && Objects.equals(base, s.base);
        }

        @Override
        public int hashCode() {
            return Objects.hash(constant, value, size, k, mask, base);
        }
    }

    private record Fact(int op, Sym sym, long k, boolean outcome) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Fact f && op == f.op && k == f.k && outcome == f.outcome && Objects.equals(sym, f.sym);
        }

        @Override
        public int hashCode() {
            return Objects.hash(op, sym, k, outcome);
        }
    }

    /** A basic block: statements then a conditional jump, an unconditional jump or a return. */
    private static final class Block {
        int kind; // 0 conditional, 1 always (ja), 2 ret
        boolean accepts;
        int op;
        Sym sym;
        long k;
        int succT = -1;
        int succF = -1;
        Set<Fact> dom;
    }

    private Reachability() {
    }

    static boolean mayAccept(Insn[] prog) {
        return optimize(prog) != null;
    }

    /**
     * The program as libpcap's branch optimiser leaves it, as far as this analysis can follow it:
     * a test whose both edges lead to the same place is skipped, loads and all (so a packet too
     * short for it is not rejected by it); null when no packet can pass.
     */
    static Insn[] optimize(Insn[] prog) {
        // block starts: 0, jump targets, instructions after jumps
        boolean[] start = new boolean[prog.length + 1];
        start[0] = true;
        for (int pc = 0; pc < prog.length; pc++) {
            Insn i = prog[pc];
            if ((i.code() & 0x07) == JMP) {
                start[pc + 1] = true;
                if ((i.code() & 0xf0) == JA) {
                    start[pc + 1 + i.k()] = true;
                } else {
                    start[pc + 1 + i.jt()] = true;
                    start[pc + 1 + i.jf()] = true;
                }
            } else if ((i.code() & 0x07) == RET) {
                start[pc + 1] = true;
            }
        }
        int[] blockOf = new int[prog.length + 1];
        List<Block> blocks = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (int pc = 0; pc < prog.length; pc++) {
            if (start[pc]) {
                blocks.add(new Block());
                ranges.add(new int[] {pc, pc});
            }
            blockOf[pc] = blocks.size() - 1;
            ranges.get(ranges.size() - 1)[1] = pc;
        }
        Sym[][] outState = new Sym[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            Block blk = blocks.get(b);
            int[] r = ranges.get(b);
            Sym[] entry = null;
            for (int p = 0; p < b; p++) {
                Block pb = blocks.get(p);
                if (outState[p] != null && (pb.succT == b || pb.succF == b)) {
                    if (entry == null) {
                        entry = outState[p].clone();
                    } else {
                        for (int q = 0; q < entry.length; q++) {
                            if (!Objects.equals(entry[q], outState[p][q])) {
                                entry[q] = null;
                            }
                        }
                    }
                }
            }
            if (entry == null) {
                entry = new Sym[MEMWORDS + 2];
            }
            Sym a = entry[0];
            Sym x = entry[1];
            Sym[] mem = java.util.Arrays.copyOfRange(entry, 2, MEMWORDS + 2);
            for (int pc = r[0]; pc <= r[1]; pc++) {
                Insn i = prog[pc];
                int c = i.code();
                switch (c & 0x07) {
                    case RET:
                        blk.kind = 2;
                        blk.accepts = (c & RA) != 0 || i.k() != 0;
                        break;
                    case JMP:
                        if ((c & 0xf0) == JA) {
                            blk.kind = 1;
                            blk.succT = blockOf[pc + 1 + i.k()];
                        } else {
                            blk.kind = 0;
                            blk.op = c & 0xf0;
                            Sym rhs = (c & X) != 0 ? x : Sym.of(i.k());
                            if (a != null && rhs != null && rhs.constant()) {
                                blk.sym = a;
                                blk.k = rhs.value();
                            }
                            blk.succT = blockOf[pc + 1 + i.jt()];
                            blk.succF = blockOf[pc + 1 + i.jf()];
                        }
                        break;
                    case LD:
                        a = (c & 0xe0) == ABS ? new Sym(false, 0, c & 0x18, i.k(), 0xffffffffL, null)
                                : (c & 0xe0) == LEN ? new Sym(false, 0, -1, -1, 0xffffffffL, null)
                                : (c & 0xe0) == IND && x != null ? new Sym(false, 0, c & 0x18, i.k(), 0xffffffffL, x)
                                : (c & 0xe0) == IMM ? Sym.of(i.k()) : (c & 0xe0) == MEM ? mem[i.k()] : null;
                        if (a == null) {
                            a = Sym.opaque(pc);
                        }
                        break;
                    case LDX:
                        x = (c & 0xe0) == IMM ? Sym.of(i.k()) : (c & 0xe0) == MEM ? mem[i.k()]
                                : (c & 0xe0) == MSH ? new Sym(false, 0, -3, i.k(), 0xffffffffL, null) : null;
                        if (x == null) {
                            x = Sym.opaque(pc);
                        }
                        break;
                    case ST:
                        mem[i.k()] = a;
                        break;
                    case STX:
                        mem[i.k()] = x;
                        break;
                    case ALU: {
                        Sym rhs = (c & X) != 0 ? x : Sym.of(i.k());
                        int op = c & 0xf0;
                        if (a != null && a.constant() && (op == NEG || (rhs != null && rhs.constant()))) {
                            Long v = fold(op, a.value(), op == NEG ? 0 : rhs.value());
                            a = v == null ? null : Sym.of(v);
                        } else if (op == AND && rhs != null && rhs.constant() && rhs.value() == 0) {
                            a = Sym.of(0);
                        } else if (a != null && !a.constant() && op == AND && rhs != null && rhs.constant()
                                && a.mask() == 0xffffffffL && a.size() >= 0) {
                            a = new Sym(false, 0, a.size(), a.k(), rhs.value(), a.base());
                        } else {
                            a = Sym.opaque(pc);
                        }
                        break;
                    }
                    default:
                        if (c == (MISC | TAX)) {
                            x = a != null ? a : Sym.opaque(pc);
                        } else {
                            a = x != null ? x : Sym.opaque(pc);
                        }
                        break;
                }
            }
            Sym[] out = new Sym[MEMWORDS + 2];
            out[0] = a;
            out[1] = x;
            System.arraycopy(mem, 0, out, 2, MEMWORDS);
            outState[b] = out;
        }
        for (int round = 0; round < 1000; round++) {
            computeDominators(blocks);
            boolean changed = false;
            for (Block b : blocks) {
                if (b.dom == null || b.kind == 2) {
                    continue;
                }
                if (b.kind == 1) {
                    continue;
                }
                Boolean self = decide(b, b.dom);
                if (self != null) {
                    // the block itself is settled: both edges go where the settled one goes
                    int s = self ? b.succT : b.succF;
                    if (b.succT != s || b.succF != s) {
                        b.succT = s;
                        b.succF = s;
                        changed = true;
                    }
                    continue;
                }
                for (int side = 0; side < 2; side++) {
                    boolean outcome = side == 0;
                    Set<Fact> know = new HashSet<>(b.dom);
                    if (b.sym != null) {
                        know.add(new Fact(b.op, b.sym, b.k, outcome));
                    }
                    int target = outcome ? b.succT : b.succF;
                    int t = thread(blocks, target, know);
                    if (t != target) {
                        if (outcome) {
                            b.succT = t;
                        } else {
                            b.succF = t;
                        }
                        changed = true;
                    }
                }
            }
            if (!changed) {
                Sym[] outA = new Sym[blocks.size()];
                for (int b = 0; b < outA.length; b++) {
                    outA[b] = outState[b][0];
                }
                if (!pullups(blocks, outA)) {
                    break;
                }
            }
        }
        computeDominators(blocks);
        boolean accepts = false;
        for (Block b : blocks) {
            if (b.dom != null && b.kind == 2 && b.accepts) {
                accepts = true;
            }
        }
        if (!accepts) {
            return null;
        }
        return rebuild(prog, blocks, ranges);
    }

    /**
     * libpcap's and_pullup/or_pullup (optimize.c) followed by its edge threading, in the one form
     * they take on capmill's programs: when every edge into a block b comes from a test of the
     * same value V (loopback's three IPv6 AF values, say), and a later test T of V is reached
     * from b along true edges of blocks that all share b's false target (an and-chain that b
     * dominates; or along false edges sharing b's true target, for or), libpcap moves T up above
     * b, where each incoming edge's own knowledge of V may settle it: an edge that makes T false
     * (true) then goes straight to b's false (true) target. This is what lets libpcap refuse
     * "ip6[40:2] > 1000 and ip" on BSD loopback. Returns whether an edge moved.
     */
    private static boolean pullups(List<Block> blocks, Sym[] outA) {
        int n = blocks.size();
        java.util.BitSet[] dom = new java.util.BitSet[n];
        List<List<int[]>> preds = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            preds.add(new ArrayList<>());
        }
        dom[0] = new java.util.BitSet();
        for (int b = 0; b < n; b++) {
            if (dom[b] == null) {
                continue;
            }
            dom[b].set(b);
            Block blk = blocks.get(b);
            if (blk.kind == 2) {
                continue;
            }
            int[] succ = blk.kind == 1 ? new int[] {blk.succT} : new int[] {blk.succT, blk.succF};
            for (int side = 0; side < succ.length; side++) {
                int s = succ[side];
                preds.get(s).add(new int[] {b, blk.kind == 1 ? -1 : side});
                if (dom[s] == null) {
                    dom[s] = (java.util.BitSet) dom[b].clone();
                } else {
                    dom[s].and(dom[b]);
                }
            }
        }
        boolean changed = false;
        for (int b = 0; b < n; b++) {
            Block blk = blocks.get(b);
            List<int[]> in = preds.get(b);
            if (dom[b] == null || blk.kind != 0 || in.isEmpty()) {
                continue;
            }
            Sym v = outA[in.get(0)[0]];
            boolean same = v != null;
            for (int[] e : in) {
                same &= e[1] >= 0 && v != null && v.equals(outA[e[0]]);
            }
            if (!same || v.equals(outA[b])) {
                continue;
            }
            for (int and = 0; and < 2; and++) {
                boolean isAnd = and == 0;
                int exit = isAnd ? blk.succF : blk.succT;
                int d = isAnd ? blk.succT : blk.succF;
                int t = -1;
                for (int guard = 0; guard < n && d >= 0; guard++) {
                    Block db = blocks.get(d);
                    if (db.kind != 0 || dom[d] == null || !dom[d].get(b) || (isAnd ? db.succF : db.succT) != exit) {
                        break;
                    }
                    if (v.equals(outA[d])) {
                        t = d;
                        break;
                    }
                    d = isAnd ? db.succT : db.succF;
                }
                if (t < 0) {
                    continue;
                }
                Block tb = blocks.get(t);
                for (int[] e : in) {
                    Block pb = blocks.get(e[0]);
                    if (pb.sym == null) {
                        continue;
                    }
                    boolean outcome = e[1] == 0;
                    Boolean settled = decide(tb, Set.of(new Fact(pb.op, pb.sym, pb.k, outcome)));
                    if (settled != null && settled != isAnd) {
                        if (outcome && pb.succT == b) {
                            pb.succT = exit;
                            changed = true;
                        } else if (!outcome && pb.succF == b) {
                            pb.succF = exit;
                            changed = true;
                        }
                    }
                }
                if (changed) {
                    return true;
                }
            }
        }
        return changed;
    }

    /** Where control really goes from block b: past unconditional jumps and tests that do not matter. */
    private static int resolve(List<Block> blocks, int b) {
        for (int guard = 0; guard <= blocks.size(); guard++) {
            Block blk = blocks.get(b);
            if (blk.kind == 1 || (blk.kind == 0 && blk.succT == blk.succF)) {
                b = blk.succT;
            } else {
                return b;
            }
        }
        return b;
    }

    private static Insn[] rebuild(Insn[] prog, List<Block> blocks, List<int[]> ranges) {
        int n = blocks.size();
        boolean[] live = new boolean[n];
        int start = resolve(blocks, 0);
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        live[start] = true;
        work.add(start);
        while (!work.isEmpty()) {
            Block b = blocks.get(work.poll());
            if (b.kind == 0) {
                for (int s : new int[] {resolve(blocks, b.succT), resolve(blocks, b.succF)}) {
                    if (!live[s]) {
                        live[s] = true;
                        work.add(s);
                    }
                }
            }
        }
        // successors always come later, so the live blocks in their order keep every jump forward
        int[] at = new int[n];
        int pc = 0;
        for (int b = 0; b < n; b++) {
            at[b] = pc;
            if (live[b]) {
                pc += ranges.get(b)[1] - ranges.get(b)[0] + 1;
            }
        }
        Insn[] out = new Insn[pc];
        pc = 0;
        for (int b = 0; b < n; b++) {
            if (!live[b]) {
                continue;
            }
            Block blk = blocks.get(b);
            int[] r = ranges.get(b);
            for (int i = r[0]; i <= r[1]; i++) {
                Insn in = prog[i];
                if (i == r[1] && blk.kind == 0) {
                    int t = at[resolve(blocks, blk.succT)] - pc - 1;
                    int f = at[resolve(blocks, blk.succF)] - pc - 1;
                    out[pc++] = new Insn(in.code(), t, f, in.k());
                } else {
                    out[pc++] = in;
                }
            }
        }
        return out;
    }

    private static int thread(List<Block> blocks, int target, Set<Fact> know) {
        for (int guard = 0; guard < blocks.size(); guard++) {
            Block t = blocks.get(target);
            if (t.kind == 1) {
                target = t.succT;
                continue;
            }
            if (t.kind != 0) {
                return target;
            }
            Boolean d = decide(t, know);
            if (d == null) {
                return target;
            }
            target = d ? t.succT : t.succF;
        }
        return target;
    }

    /** Facts that hold on every path to each reachable block (null for unreachable blocks). */
    private static void computeDominators(List<Block> blocks) {
        for (Block b : blocks) {
            b.dom = null;
        }
        blocks.get(0).dom = new HashSet<>();
        for (Block b : blocks) {
            if (b.dom == null) {
                continue;
            }
            if (b.kind == 1) {
                meet(blocks.get(b.succT), b.dom);
            } else if (b.kind == 0) {
                Set<Fact> t = new HashSet<>(b.dom);
                Set<Fact> f = new HashSet<>(b.dom);
                if (b.sym != null) {
                    t.add(new Fact(b.op, b.sym, b.k, true));
                    f.add(new Fact(b.op, b.sym, b.k, false));
                }
                if (b.succT == b.succF) {
                    meet(blocks.get(b.succT), b.dom);
                } else {
                    meet(blocks.get(b.succT), t);
                    meet(blocks.get(b.succF), f);
                }
            }
        }
    }

    private static void meet(Block to, Set<Fact> facts) {
        if (to.dom == null) {
            to.dom = new HashSet<>(facts);
        } else {
            to.dom.retainAll(facts);
        }
    }

    private static Long fold(int op, long a, long b) {
        int x = (int) a;
        int y = (int) b;
        switch (op) {
            case ADD: return (long) (x + y);
            case SUB: return (long) (x - y);
            case MUL: return (long) (x * y);
            case DIV: return y == 0 ? null : (long) Integer.divideUnsigned(x, y);
            case MOD: return y == 0 ? null : (long) Integer.remainderUnsigned(x, y);
            case AND: return (long) (x & y);
            case OR: return (long) (x | y);
            case XOR: return (long) (x ^ y);
            case LSH: return (long) (y >= 32 || y < 0 ? 0 : x << y);
            case RSH: return (long) (y >= 32 || y < 0 ? 0 : x >>> y);
            case NEG: return (long) -x;
            default: return null;
        }
    }

    private static Boolean decide(Block b, Set<Fact> facts) {
        Sym a = b.sym;
        if (a == null) {
            return null;
        }
        long v = b.k;
        if (a.constant()) {
            long known = a.value();
            switch (b.op) {
                case JEQ: return known == v;
                case JGT: return Long.compareUnsigned(known, v) > 0;
                case JGE: return Long.compareUnsigned(known, v) >= 0;
                case JSET: return (known & v) != 0;
                default: return null;
            }
        }
        for (Fact f : facts) {
            if (f.op() != b.op || !Objects.equals(f.sym(), a)) {
                continue;
            }
            if (f.k() == v) {
                return f.outcome();
            }
            if (b.op == JEQ && f.outcome()) {
                return false;
            }
        }
        return null;
    }
}
