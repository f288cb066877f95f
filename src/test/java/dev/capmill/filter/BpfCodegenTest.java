package dev.capmill.filter;

import static dev.capmill.filter.Bpf.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.filter.Bpf.Insn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The bytecode {@link BpfCodegen} makes against the interpreter it replaces: on hand-built
 * programs of every instruction the interpreter runs (loads past the captured bytes, indirect
 * offsets past 2^32, division by zero, shifts of 32 and more, unsigned comparisons with the sign
 * bit set, scratch memory), on random programs and packets, and on every expression of the
 * differential tests over their packets, the two must give the same answer (or throw the same
 * exception), and the translation must really have been used. A program with a backward jump
 * (protochain) must stay interpreted.
 */
class BpfCodegenTest {
    private static final int[] EDGES = {0, 1, 2, 3, 4, 5, 13, 14, 31, 32, 33, 63, 64, 0xff, 0x7fffffff,
        0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x7ffffffd, 0xfffffff0};

    private static Insn stmt(int code, int k) {
        return Insn.stmt(code, k);
    }

    private static Insn jump(int code, int k, int jt, int jf) {
        return new Insn(code, jt, jf, k);
    }

    private static BpfProgram program(Insn... insns) {
        return new BpfProgram(insns, 1);
    }

    /** What a run gives: its value, or the exception's class. */
    private interface Run {
        int run();
    }

    private static String outcome(Run r) {
        try {
            return Integer.toString(r.run());
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    /**
     * Both answers on p with this caplen and wire length, as given and with the packet placed 7
     * bytes into a larger array of other bytes; returns the generated code's answer.
     */
    private static String agree(BpfProgram prog, byte[] p, int caplen, long wirelen, String what) {
        String got = outcome(() -> prog.run(p, 0, caplen, wirelen));
        String want = outcome(() -> prog.interpret(p, 0, caplen, wirelen));
        assertEquals(want, got, () -> what + " on " + hex(p, caplen) + " (wire " + wirelen + ")\n" + prog.dump());
        byte[] moved = new byte[p.length + 14];
        Arrays.fill(moved, (byte) 0xa5);
        System.arraycopy(p, 0, moved, 7, p.length);
        String gotMoved = outcome(() -> prog.run(moved, 7, caplen, wirelen));
        String wantMoved = outcome(() -> prog.interpret(moved, 7, caplen, wirelen));
        assertEquals(wantMoved, gotMoved, () -> what + " at offset 7 on " + hex(p, caplen) + "\n" + prog.dump());
        return got;
    }

    private static String hex(byte[] p, int caplen) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(caplen, 80); i++) {
            b.append(String.format("%02x", p[i]));
        }
        return b + " (caplen " + caplen + ")";
    }

    /** Packets of every length from 0 to 72, random bytes, captured whole or cut short. */
    private static List<byte[]> randomPackets(Random r, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[i < 73 ? i : r.nextInt(100)];
            r.nextBytes(p);
            out.add(p);
        }
        return out;
    }

    /** Runs the program on random packets (seeded), asserting it was translated and agrees. */
    private static void check(BpfProgram prog, String what, long seed) {
        assertTrue(prog.translated(), what + " was not translated: " + reason(prog) + "\n" + prog.dump());
        Random r = new Random(seed);
        for (byte[] p : randomPackets(r, 90)) {
            long wirelen = r.nextInt(4) == 0 ? (r.nextLong() & 0xffffffffL) : p.length + r.nextInt(100);
            agree(prog, p, p.length, wirelen, what);
            if (p.length > 0) {
                agree(prog, p, r.nextInt(p.length), wirelen, what + " (cut)");
            }
        }
    }

    private static String reason(BpfProgram prog) {
        try {
            BpfCodegen.define(prog.classFile());
            return "defined when asked again";
        } catch (BpfCodegen.Unsuitable e) {
            return "unsuitable: " + e.getMessage();
        } catch (Throwable t) {
            return t.toString();
        }
    }

    @Test
    void loadsAbsoluteAndPastTheCapturedBytes() {
        int[] sizes = {W, H, B};
        for (int size : sizes) {
            for (int k : EDGES) {
                check(program(stmt(LD | size | ABS, k), stmt(RET | RA, 0)), "ld" + size + " [" + k + "]", k);
            }
            for (int k : new int[] {6, 10, 60, 61, 62, 70, 71, 72, 99, -1, -4}) {
                check(program(stmt(LD | size | ABS, k), stmt(RET | RA, 0)), "ld" + size + " [" + k + "]", k);
            }
        }
        // caplen 0 and an empty array: every load fails
        BpfProgram p = program(stmt(LD | B | ABS, 0), stmt(RET | K, 1));
        assertTrue(p.translated());
        assertEquals(0, p.run(new byte[0], 0, 0, 60));
        assertEquals(0, p.run(new byte[] {1, 2}, 0, 0, 60));
        assertEquals(1, p.run(new byte[] {1, 2}, 0, 1, 60));
        // a negative offset fails whatever follows it, and what follows only it is not emitted
        BpfProgram neg = program(stmt(LD | B | ABS, 0), jump(JMP | JEQ | K, 5, 0, 2), stmt(LD | W | ABS, -2),
                stmt(RET | K, 7), stmt(RET | K, 9));
        check(neg, "negative offset then dead code", 3);
        assertEquals(0, neg.run(new byte[] {5, 0, 0, 0, 0}, 0, 5, 5));
        assertEquals(9, neg.run(new byte[] {6, 0, 0, 0, 0}, 0, 5, 5));
    }

    @Test
    void loadsIndirectWithOffsetsPastTwoToThe32() {
        for (int size : new int[] {W, H, B}) {
            for (int x : EDGES) {
                for (int k : EDGES) {
                    check(program(stmt(LDX | IMM, x), stmt(LD | size | IND, k), stmt(RET | RA, 0)),
                            "ldx #" + x + "; ld" + size + " [x + " + k + "]", 31L * x + k);
                }
            }
        }
        // x + k is 2^32 + 1: in int arithmetic that would read byte 1
        BpfProgram wrap = program(stmt(LDX | IMM, -1), stmt(LD | B | IND, 2), stmt(RET | RA, 0));
        assertTrue(wrap.translated());
        byte[] p = {9, 8, 7, 6};
        assertEquals(0, wrap.interpret(p, 0, 4, 4));
        assertEquals(0, wrap.run(p, 0, 4, 4));
        BpfProgram near = program(stmt(LDX | IMM, 1), stmt(LD | H | IND, 1), stmt(RET | RA, 0));
        assertEquals(0x0706, near.run(p, 0, 4, 4));
        assertEquals(0, near.run(p, 0, 3, 4));
    }

    @Test
    void loadsLengthImmediatesAndHeaderLength() {
        check(program(stmt(LD | W | LEN, 0), stmt(RET | RA, 0)), "ld #pktlen", 1);
        check(program(stmt(LDX | W | LEN, 0), stmt(MISC | TXA, 0), stmt(RET | RA, 0)), "ldx #pktlen", 2);
        BpfProgram len = program(stmt(LD | W | LEN, 0), stmt(RET | RA, 0));
        assertEquals((int) 0x1_2345_6789L, len.run(new byte[0], 0, 0, 0x1_2345_6789L));
        for (int k : EDGES) {
            check(program(stmt(LD | IMM, k), stmt(RET | RA, 0)), "ld #" + k, k);
            check(program(stmt(LDX | IMM, k), stmt(MISC | TXA, 0), stmt(RET | RA, 0)), "ldx #" + k, k);
            check(program(stmt(RET | K, k)), "ret #" + k, k);
            check(program(stmt(LDX | MSH | B, k), stmt(MISC | TXA, 0), stmt(RET | RA, 0)), "ldxb 4*([" + k + "]&0xf)", k);
        }
        check(program(stmt(LDX | MSH | B, -3), stmt(MISC | TXA, 0), stmt(RET | RA, 0)), "ldxb negative", 5);
        BpfProgram msh = program(stmt(LDX | MSH | B, 1), stmt(MISC | TXA, 0), stmt(RET | RA, 0));
        assertEquals(4 * 0xb, msh.run(new byte[] {0, (byte) 0xfb}, 0, 2, 2));
        assertEquals(0, msh.run(new byte[] {0, (byte) 0xfb}, 0, 1, 2));
    }

    @Test
    void arithmeticWithEveryOperandIncludingZeroDivisorsAndLongShifts() {
        int[] ops = {ADD, SUB, MUL, DIV, MOD, AND, OR, XOR, LSH, RSH};
        for (int op : ops) {
            // A and X from the packet
            check(program(stmt(LD | W | ABS, 4), stmt(MISC | TAX, 0), stmt(LD | W | ABS, 0), stmt(ALU | op | X, 0),
                    stmt(RET | RA, 0)), "op " + op + " x (packet)", op);
            check(program(stmt(LD | B | ABS, 4), stmt(MISC | TAX, 0), stmt(LD | W | ABS, 0), stmt(ALU | op | X, 0),
                    stmt(RET | RA, 0)), "op " + op + " x (byte)", op + 1);
            for (int v : EDGES) {
                check(program(stmt(LDX | IMM, v), stmt(LD | W | ABS, 0), stmt(ALU | op | X, 0), stmt(RET | RA, 0)),
                        "op " + op + " x = " + v, v);
                check(program(stmt(LD | W | ABS, 0), stmt(ALU | op | K, v), stmt(RET | RA, 0)), "op " + op + " #" + v, v);
            }
        }
        check(program(stmt(LD | W | ABS, 0), stmt(ALU | NEG, 0), stmt(RET | RA, 0)), "neg", 1);
        check(program(stmt(LD | IMM, Integer.MIN_VALUE), stmt(ALU | NEG, 0), stmt(RET | RA, 0)), "neg min", 1);
        // division by X = 0 rejects; by k = 0 throws in both (as Integer.divideUnsigned does)
        byte[] p = {0, 0, 0, 100};
        BpfProgram divx = program(stmt(LDX | IMM, 0), stmt(LD | W | ABS, 0), stmt(ALU | DIV | X, 0), stmt(RET | K, 1));
        assertTrue(divx.translated());
        assertEquals(0, divx.run(p, 0, 4, 4));
        BpfProgram modx = program(stmt(LDX | IMM, 0), stmt(LD | W | ABS, 0), stmt(ALU | MOD | X, 0), stmt(RET | K, 1));
        assertEquals(0, modx.run(p, 0, 4, 4));
        BpfProgram divk = program(stmt(LD | W | ABS, 0), stmt(ALU | DIV | K, 0), stmt(RET | K, 1));
        assertTrue(divk.translated());
        assertThrows(ArithmeticException.class, () -> divk.run(p, 0, 4, 4));
        assertThrows(ArithmeticException.class, () -> divk.interpret(p, 0, 4, 4));
        assertEquals(0, divk.run(p, 0, 3, 4)); // the load fails first
        // unsigned: 0xffffffff / 2 and % 7
        BpfProgram div = program(stmt(LD | IMM, -1), stmt(ALU | DIV | K, 2), stmt(RET | RA, 0));
        assertEquals(0x7fffffff, div.run(p, 0, 4, 4));
        BpfProgram mod = program(stmt(LD | IMM, -1), stmt(LDX | IMM, 7), stmt(ALU | MOD | X, 0), stmt(RET | RA, 0));
        assertEquals((int) (0xffffffffL % 7), mod.run(p, 0, 4, 4));
        // shifts by X of 32 or more give 0; by k, Java's low five bits, as the interpreter
        for (int x : new int[] {31, 32, 33, -1, Integer.MIN_VALUE}) {
            BpfProgram lsh = program(stmt(LD | IMM, 1), stmt(LDX | IMM, x), stmt(ALU | LSH | X, 0), stmt(RET | RA, 0));
            assertEquals(x == 31 ? Integer.MIN_VALUE : 0, lsh.run(p, 0, 4, 4), "1 << " + x);
            BpfProgram rsh = program(stmt(LD | IMM, -1), stmt(LDX | IMM, x), stmt(ALU | RSH | X, 0), stmt(RET | RA, 0));
            assertEquals(x == 31 ? 1 : 0, rsh.run(p, 0, 4, 4), "0xffffffff >> " + x);
        }
        BpfProgram lshk = program(stmt(LD | IMM, 1), stmt(ALU | LSH | K, 33), stmt(RET | RA, 0));
        assertEquals(lshk.interpret(p, 0, 4, 4), lshk.run(p, 0, 4, 4));
        assertEquals(2, lshk.run(p, 0, 4, 4));
    }

    @Test
    void jumpsCompareUnsignedAndTakeBothWays() {
        int[] kinds = {JEQ, JGT, JGE, JSET};
        for (int kind : kinds) {
            for (int v : EDGES) {
                // ret 1 when true, 2 when false; and the same with the branches swapped and with a ja
                check(program(stmt(LD | W | ABS, 0), jump(JMP | kind | K, v, 0, 1), stmt(RET | K, 1), stmt(RET | K, 2)),
                        "j" + kind + " #" + v, v);
                check(program(stmt(LD | W | ABS, 0), jump(JMP | kind | K, v, 1, 0), stmt(RET | K, 1), stmt(RET | K, 2)),
                        "j" + kind + " #" + v + " swapped", v);
                check(program(stmt(LD | W | ABS, 0), jump(JMP | kind | K, v, 1, 2), stmt(RET | K, 1), stmt(RET | K, 2),
                        stmt(RET | K, 3)), "j" + kind + " #" + v + " neither next", v);
                check(program(stmt(LDX | IMM, v), stmt(LD | W | ABS, 0), jump(JMP | kind | X, 0, 0, 1), stmt(RET | K, 1),
                        stmt(RET | K, 2)), "j" + kind + " x = " + v, v);
                check(program(stmt(LD | W | ABS, 0), stmt(MISC | TAX, 0), stmt(LD | IMM, v), jump(JMP | kind | X, 0, 1, 0),
                        stmt(RET | K, 1), stmt(RET | K, 2)), "j" + kind + " x, a = " + v, v);
                // both ways to the same place; both ways to the next
                check(program(stmt(LD | W | ABS, 0), jump(JMP | kind | K, v, 1, 1), stmt(RET | K, 1), stmt(RET | K, 2)),
                        "j" + kind + " same target", v);
                check(program(stmt(LD | W | ABS, 0), jump(JMP | kind | K, v, 0, 0), stmt(RET | RA, 0)),
                        "j" + kind + " no-op", v);
            }
            check(program(stmt(LD | W | ABS, 0), stmt(MISC | TAX, 0), stmt(LD | W | ABS, 4), jump(JMP | kind | X, 0, 0, 1),
                    stmt(RET | K, 1), stmt(RET | K, 2)), "j" + kind + " x from packet", kind);
        }
        // the sign bit: unsigned 0x80000000 > 1, 0xffffffff >= 0x80000000, 1 > 0xffffffff is false
        BpfProgram gt = program(stmt(LD | IMM, Integer.MIN_VALUE), jump(JMP | JGT | K, 1, 0, 1), stmt(RET | K, 1),
                stmt(RET | K, 2));
        assertTrue(gt.translated());
        assertEquals(1, gt.run(new byte[0], 0, 0, 0));
        BpfProgram ge = program(stmt(LD | IMM, -1), stmt(LDX | IMM, Integer.MIN_VALUE), jump(JMP | JGE | X, 0, 0, 1),
                stmt(RET | K, 1), stmt(RET | K, 2));
        assertEquals(1, ge.run(new byte[0], 0, 0, 0));
        BpfProgram not = program(stmt(LD | IMM, 1), jump(JMP | JGT | K, -1, 0, 1), stmt(RET | K, 1), stmt(RET | K, 2));
        assertEquals(2, not.run(new byte[0], 0, 0, 0));
        // ja over instructions, ja 0
        check(program(stmt(LD | B | ABS, 0), stmt(JMP | JA, 2), stmt(RET | K, 1), stmt(RET | K, 2), stmt(JMP | JA, 0),
                stmt(RET | RA, 0)), "ja", 1);
    }

    @Test
    void scratchMemoryStartsAtZeroAndKeepsWords() {
        for (int i = 0; i < MEMWORDS; i++) {
            int j = (i + 5) % MEMWORDS;
            check(program(stmt(LD | W | ABS, 0), stmt(ST, i), stmt(LD | IMM, 3), stmt(LDX | MEM, i), stmt(MISC | TXA, 0),
                    stmt(ALU | ADD | K, 1), stmt(RET | RA, 0)), "st M[" + i + "]; ldx M[" + i + "]", i);
            check(program(stmt(LD | W | ABS, 0), stmt(MISC | TAX, 0), stmt(STX, i), stmt(LD | MEM, i), stmt(RET | RA, 0)),
                    "stx M[" + i + "]; ld M[" + i + "]", i);
            check(program(stmt(LD | IMM, 77), stmt(ST, i), stmt(LD | MEM, j), stmt(RET | RA, 0)), "unset M[" + j + "]", j);
            check(program(stmt(LDX | MEM, j), stmt(MISC | TXA, 0), stmt(ALU | ADD | K, 9), stmt(RET | RA, 0)),
                    "unset ldx M[" + j + "]", j);
        }
        BpfProgram unset = program(stmt(LD | IMM, 5), stmt(LD | MEM, 3), stmt(RET | RA, 0));
        assertEquals(0, unset.run(new byte[0], 0, 0, 0));
        // a word written on one path only
        BpfProgram path = program(stmt(LD | B | ABS, 0), jump(JMP | JEQ | K, 1, 0, 2), stmt(LD | IMM, 42), stmt(ST, 2),
                stmt(LD | MEM, 2), stmt(RET | RA, 0));
        check(path, "word written on one path", 4);
        assertEquals(42, path.run(new byte[] {1}, 0, 1, 1));
        assertEquals(0, path.run(new byte[] {2}, 0, 1, 1));
    }

    /** Random forward programs of every instruction, with edge values as constants. */
    @Test
    void randomProgramsAgreeWithTheInterpreter() {
        int[] codes = {RET | K, RET | RA, LD | W | ABS, LD | H | ABS, LD | B | ABS, LD | W | IND, LD | H | IND,
            LD | B | IND, LD | W | LEN, LDX | W | LEN, LDX | MSH | B, LD | IMM, LDX | IMM, LD | MEM, LDX | MEM, ST, STX,
            JMP | JA, JMP | JGT | K, JMP | JGE | K, JMP | JEQ | K, JMP | JSET | K, JMP | JGT | X, JMP | JGE | X,
            JMP | JEQ | X, JMP | JSET | X, ALU | ADD | X, ALU | SUB | X, ALU | MUL | X, ALU | DIV | X, ALU | MOD | X,
            ALU | AND | X, ALU | OR | X, ALU | XOR | X, ALU | LSH | X, ALU | RSH | X, ALU | ADD | K, ALU | SUB | K,
            ALU | MUL | K, ALU | DIV | K, ALU | MOD | K, ALU | AND | K, ALU | OR | K, ALU | XOR | K, ALU | LSH | K,
            ALU | RSH | K, ALU | NEG, MISC | TAX, MISC | TXA};
        Set<Integer> seen = new LinkedHashSet<>();
        int translated = 0;
        for (long seed = 1; seed <= 400; seed++) {
            Random r = new Random(seed);
            int n = 3 + r.nextInt(40);
            Insn[] insns = new Insn[n];
            for (int pc = 0; pc < n; pc++) {
                int left = n - pc - 2; // how far a jump from here may skip
                int c = pc == n - 1 ? (r.nextBoolean() ? RET | K : RET | RA) : codes[r.nextInt(codes.length)];
                if ((c & 0x07) == JMP && left < 0) {
                    c = LD | IMM;
                }
                int k = r.nextInt(3) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextInt(80);
                if (c == (LD | MEM) || c == (LDX | MEM) || c == ST || c == STX) {
                    k = r.nextInt(MEMWORDS);
                } else if (c == (JMP | JA)) {
                    k = r.nextInt(left + 1);
                } else if ((c == (ALU | DIV | K) || c == (ALU | MOD | K)) && k == 0 && r.nextInt(4) != 0) {
                    k = 3;
                }
                int jt = (c & 0x07) == JMP ? r.nextInt(left + 1) : 0;
                int jf = (c & 0x07) == JMP ? r.nextInt(left + 1) : 0;
                insns[pc] = new Insn(c, jt, jf, k);
                seen.add(c);
            }
            BpfProgram prog = program(insns);
            check(prog, "random program " + seed, seed);
            translated++;
        }
        assertEquals(codes.length, seen.size(), "instructions generated");
        assertEquals(400, translated);
    }

    @Test
    void backwardJumpsStayInterpreted() throws Exception {
        for (String e : List.of("protochain 6", "ip6 protochain 17", "ip protochain 51")) {
            BpfProgram prog = BpfProgram.compile(e, 1);
            assertFalse(prog.translated(), e);
            BpfCodegen.Unsuitable why = assertThrows(BpfCodegen.Unsuitable.class, prog::classFile);
            assertTrue(why.getMessage().startsWith("backward jump"), why.getMessage());
            int endless = 0;
            for (EncapsulationDifferentialTest.Pkt p : EncapsulationDifferentialTest.packets(1, 99)) {
                byte[] d = p.data();
                assertEquals(prog.interpret(d, 0, d.length, p.wirelen()), prog.run(d, 0, d.length, p.wirelen()), e);
                if (prog.endless(d, 0, d.length, p.wirelen())) {
                    endless++;
                    assertEquals(0, prog.run(d, 0, d.length, p.wirelen()));
                }
            }
            System.out.println(e + ": " + endless + " packets on which the loop would not end");
        }
        // a hand-built loop: ja -1 never ends, and the interpreter's answer (0) stands
        BpfProgram loop = program(stmt(LD | IMM, 1), stmt(JMP | JA, -1), stmt(RET | RA, 0));
        assertFalse(loop.translated());
        assertEquals(0, loop.run(new byte[4], 0, 4, 4));
    }

    @Test
    void programsTheInterpreterWouldFailOnStayInterpreted() {
        // an unknown opcode, a scratch word out of range, a jump past the end, falling off the end
        List<BpfProgram> bad = List.of(program(stmt(0x07 | 0x40, 0), stmt(RET | K, 1)),
                program(stmt(LD | MEM, 16), stmt(RET | RA, 0)), program(stmt(ST, -1), stmt(RET | RA, 0)),
                program(jump(JMP | JEQ | K, 0, 0, 5), stmt(RET | K, 1)), program(stmt(JMP | JA, 1), stmt(RET | K, 1)),
                program(stmt(LD | IMM, 1)), program(jump(JMP | JEQ | K, 0, -1, 0), stmt(RET | K, 1)));
        for (BpfProgram p : bad) {
            assertFalse(p.translated(), p.dump());
            assertThrows(BpfCodegen.Unsuitable.class, p::classFile);
        }
        // the same instructions where no path reaches them do not matter
        BpfProgram dead = program(stmt(RET | K, 5), stmt(0x07 | 0x40, 0), stmt(LD | MEM, 16));
        assertTrue(dead.translated());
        assertEquals(5, dead.run(new byte[0], 0, 0, 0));
    }

    /** The classes are verified (version 49: by type inference): a type error is refused. */
    @Test
    void theVerifierChecksTheGeneratedClass() throws Exception {
        byte[] good = program(stmt(LD | IMM, 1), stmt(RET | RA, 0)).classFile();
        assertEquals(49, (good[6] & 0xff) << 8 | (good[7] & 0xff), "major version");
        assertEquals(1, BpfCodegen.define(good).run(new byte[0], 0, 0, 0));
        // the first instruction of run is iconst_0 before istore 5 (A := 0): make it aconst_null,
        // so that an int local is stored a reference
        byte[] bad = good.clone();
        int at = indexOf(bad, new byte[] {0x03, 0x36, 0x05, 0x03, 0x36, 0x06});
        assertTrue(at > 0);
        bad[at] = 0x01;
        assertThrows(VerifyError.class, () -> BpfCodegen.define(bad));
    }

    private static int indexOf(byte[] b, byte[] what) {
        for (int i = 0; i + what.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    /** One expression set compiled for a link type and the packets to run it on. */
    private record Case(String source, int linktype, List<String> expressions, List<byte[]> packets, List<Long> wirelens) {
    }

    /**
     * Every expression of the differential tests, for the link types they use, on their packets
     * (the corpus's, and those the encapsulation and 802.11 tests build): the generated code and
     * the interpreter agree on each; every program without a backward jump is translated, unless
     * too large for the JIT; no class the translation writes is refused by the JVM.
     */
    @Test
    void everyDifferentialExpressionAgreesOnItsPackets() throws Exception {
        List<Case> cases = new ArrayList<>();
        List<LibpcapDifferentialTest.Capture> caps = LibpcapDifferentialTest.captures();
        assertTrue(caps.size() >= 20, "corpus files found: " + caps.size());
        List<String> corpusExprs = new ArrayList<>(LibpcapDifferentialTest.allExpressions(caps));
        corpusExprs.add(BENCH);
        Map<Integer, Case> byLinkType = new TreeMap<>();
        for (LibpcapDifferentialTest.Capture c : caps) {
            Case k = byLinkType.computeIfAbsent(c.linktype(),
                    lt -> new Case("corpus", lt, corpusExprs, new ArrayList<>(), new ArrayList<>()));
            for (LibpcapDifferentialTest.Pkt p : c.packets()) {
                k.packets().add(p.data());
                k.wirelens().add(p.wirelen());
            }
        }
        cases.addAll(byLinkType.values());
        for (int lt : EncapsulationDifferentialTest.LINKTYPES) {
            List<byte[]> pkts = new ArrayList<>();
            List<Long> wl = new ArrayList<>();
            for (EncapsulationDifferentialTest.Pkt p : EncapsulationDifferentialTest.packets(lt, 31L * lt + 1)) {
                pkts.add(p.data());
                wl.add((long) p.wirelen());
            }
            cases.add(new Case("encapsulation", lt, EncapsulationDifferentialTest.expressions(), pkts, wl));
        }
        for (int lt : new int[] {105, 127, 119, 163}) {
            List<byte[]> pkts = WlanDifferentialTest.packets(lt, lt);
            List<Long> wl = new ArrayList<>();
            for (byte[] p : pkts) {
                wl.add((long) p.length);
            }
            cases.add(new Case("802.11", lt, WlanDifferentialTest.expressions(), pkts, wl));
        }
        long programs = 0;
        long translated = 0;
        long verdicts = 0;
        Map<String, Integer> refusals = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        Set<String> mustTranslate = new LinkedHashSet<>(Expressions.ISSUE);
        mustTranslate.add(BENCH);
        mustTranslate.addAll(Expressions.FAMILY);
        for (Case c : cases) {
            for (String e : new LinkedHashSet<>(c.expressions())) {
                BpfProgram prog;
                try {
                    prog = BpfProgram.compile(e, c.linktype());
                } catch (FilterException ex) {
                    continue;
                }
                programs++;
                byte[] cf;
                try {
                    cf = prog.classFile();
                } catch (BpfCodegen.Unsuitable why) {
                    String m = why.getMessage();
                    String kind = m.startsWith("backward jump") ? "backward jump" : m.startsWith("more than") ? m : "other";
                    refusals.merge(kind, 1, Integer::sum);
                    boolean loops = e.contains("protochain");
                    if (!kind.equals("backward jump") && !kind.startsWith("more than") || kind.equals("backward jump") != loops
                            || mustTranslate.contains(e)) {
                        unexpected.add(c.source() + " [" + c.linktype() + "] '" + e + "': " + m);
                    }
                    assertFalse(prog.translated());
                    continue;
                }
                // defined here so that a VerifyError shows; BpfProgram would fall back silently
                BpfCodegen.define(cf);
                assertTrue(prog.translated(), e);
                translated++;
                for (int i = 0; i < c.packets().size(); i++) {
                    byte[] p = c.packets().get(i);
                    long wl = c.wirelens().get(i);
                    int want = prog.interpret(p, 0, p.length, wl);
                    int got = prog.run(p, 0, p.length, wl);
                    verdicts++;
                    if (want != got) {
                        unexpected.add(c.source() + " [" + c.linktype() + "] '" + e + "' packet " + i + ": interpreter "
                                + want + ", generated " + got);
                        break;
                    }
                }
            }
        }
        System.out.printf("generated filters: %d programs, %d translated, %d answers compared, refused: %s%n", programs,
                translated, verdicts, refusals);
        unexpected.stream().limit(30).forEach(System.out::println);
        assertEquals(List.of(), unexpected.subList(0, Math.min(20, unexpected.size())));
        assertTrue(translated > 10000, "translated: " + translated);
        // today every program without protochain's loop is translated: none is too large
        assertEquals(programs - refusals.getOrDefault("backward jump", 0), translated, "refused: " + refusals);
    }

    /** The expression of the filter benchmark (1.5 M packets). */
    static final String BENCH = "(tcp port 80 or tcp port 443 or udp port 53) and not host 10.0.0.1 and "
            + "(tcp[tcpflags] & (tcp-syn|tcp-fin) != 0 or len > 1000)";
}
