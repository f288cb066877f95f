package dev.capmill.filter;

import static dev.capmill.filter.Bpf.*;

import dev.capmill.filter.Bpf.Insn;
import dev.capmill.filter.Compiler.CAnd;
import dev.capmill.filter.Compiler.CConst;
import dev.capmill.filter.Compiler.CNot;
import dev.capmill.filter.Compiler.COr;
import dev.capmill.filter.Compiler.Cond;
import dev.capmill.filter.Compiler.Test;
import java.util.ArrayList;
import java.util.List;

/** Lays the condition tree out as a straight BPF program with short-circuit jumps. */
final class Linker {
    private static final int ACCEPT = 0;
    private static final int REJECT = 1;

    /** Instruction being laid out; targets are labels until resolved. */
    private static final class Pending {
        final int code;
        final int k;
        final int tLabel;
        final int fLabel;
        /** A jump inside a test's statements: its skips are already relative and kept as they are. */
        final Insn fixed;

        Pending(int code, int k, int tLabel, int fLabel) {
            this.code = code;
            this.k = k;
            this.tLabel = tLabel;
            this.fLabel = fLabel;
            this.fixed = null;
        }

        Pending(Insn fixed) {
            this.code = fixed.code();
            this.k = fixed.k();
            this.tLabel = -1;
            this.fLabel = -1;
            this.fixed = fixed;
        }
    }

    private final List<Pending> out = new ArrayList<>();
    private final List<Integer> labelAt = new ArrayList<>();

    private int newLabel() {
        labelAt.add(-1);
        return labelAt.size() - 1;
    }

    private void place(int label) {
        labelAt.set(label, out.size());
    }

    /**
     * The program: the prologue (which computes variable offsets and whose jumps stay inside it or
     * land just after it) followed by the condition tree.
     */
    static Insn[] link(Insn[] prologue, Cond c, int snaplen) {
        Insn[] body = link(c, snaplen);
        Insn[] all = new Insn[prologue.length + body.length];
        System.arraycopy(prologue, 0, all, 0, prologue.length);
        System.arraycopy(body, 0, all, prologue.length, body.length);
        return all;
    }

    static Insn[] link(Cond c, int snaplen) {
        Linker l = new Linker();
        l.newLabel();
        l.newLabel();
        l.emit(c, ACCEPT, REJECT);
        l.place(ACCEPT);
        l.out.add(new Pending(RET | K, snaplen, -1, -1));
        l.place(REJECT);
        l.out.add(new Pending(RET | K, 0, -1, -1));
        Insn[] prog = new Insn[l.out.size()];
        for (int i = 0; i < prog.length; i++) {
            Pending p = l.out.get(i);
            if (p.fixed != null) {
                prog[i] = p.fixed;
            } else if ((p.code & 0x07) == JMP) {
                int t = l.labelAt.get(p.tLabel) - i - 1;
                int f = (p.code & 0xf0) == JA ? 0 : l.labelAt.get(p.fLabel) - i - 1;
                prog[i] = (p.code & 0xf0) == JA ? new Insn(p.code, 0, 0, t) : new Insn(p.code, t, f, p.k);
            } else {
                prog[i] = new Insn(p.code, 0, 0, p.k);
            }
        }
        return prog;
    }

    private void emit(Cond c, int t, int f) {
        if (c instanceof Test test) {
            for (Insn s : test.stmts()) {
                // statements are laid out together, so jumps among them (protochain's loop,
                // geneve's choice of inner header) keep their relative skips
                out.add((s.code() & 0x07) == JMP ? new Pending(s) : new Pending(s.code(), s.k(), -1, -1));
            }
            out.add(new Pending(test.jump(), test.k(), t, f));
        } else if (c instanceof CAnd a) {
            int mid = newLabel();
            emit(a.a(), mid, f);
            place(mid);
            emit(a.b(), t, f);
        } else if (c instanceof COr o) {
            int mid = newLabel();
            emit(o.a(), t, mid);
            place(mid);
            emit(o.b(), t, f);
        } else if (c instanceof CNot n) {
            emit(n.a(), f, t);
        } else {
            // as libpcap's gen_true/gen_false: a constant comparison, which also leaves A = 0 or 1
            out.add(new Pending(LD | IMM, ((CConst) c).value() ? 0 : 1, -1, -1));
            out.add(new Pending(JMP | JEQ | K, 0, t, f));
        }
    }
}
