package dev.capmill.filter;

import static dev.capmill.filter.Bpf.*;

import dev.capmill.filter.Bpf.Insn;

/**
 * A compiled filter: classic BPF for one link type, and its interpreter. Classic semantics: a load
 * past the captured bytes or a division by zero rejects the packet; {@code len} is the length on
 * the wire. A packet is kept when the program returns non-zero.
 *
 * <p>The interpreter is the reference. At the first {@link #run} the program is also translated
 * into JVM bytecode of its own ({@link BpfCodegen}), which then runs instead: the same answers,
 * without the dispatch loop. The interpreter was about a quarter of a filter run's CPU on 1.5 M
 * packets, and C2 spent some 45 ms compiling its switch (the generated method of the same filter:
 * 7 ms, then 17 ms when recompiled); the run took 1.07 s of CPU, 0.79 s with the translation. It
 * is made at the first run rather than here (some 3 ms for the first of a JVM, 0.2 ms after), so
 * that --dump and programs compiled but never run do not pay for it. A program the translation
 * refuses (protochain's backward jump, a method too large for the JIT) or whose class the JVM
 * would not define stays interpreted.
 */
public final class BpfProgram {
    /** Forces the interpreter everywhere (-Dcapmill.filter.interpret=true), to compare the two. */
    private static final boolean INTERPRET = Boolean.getBoolean("capmill.filter.interpret");

    /** The translated program: what {@link #run} returns, for a packet of p[off, off + caplen). */
    interface Compiled {
        int run(byte[] p, int off, int caplen, int wirelen);
    }

    /** Marks a program that stays interpreted; never run. */
    private static final Compiled NONE = new Compiled() {
        @Override
        public int run(byte[] p, int off, int caplen, int wirelen) {
            throw new IllegalStateException("not translated");
        }
    };

    private final int[] code;
    private final int[] jt;
    private final int[] jf;
    private final int[] k;
    private final int linktype;
    /**
     * The translated program, NONE, or null before the first run. Threads that race on it may
     * each translate, and any of their (stateless) instances may stay: all answer alike.
     */
    private Compiled compiled;

    BpfProgram(Insn[] insns, int linktype) {
        int n = insns.length;
        code = new int[n];
        jt = new int[n];
        jf = new int[n];
        k = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = insns[i].code();
            jt[i] = insns[i].jt();
            jf[i] = insns[i].jf();
            k[i] = insns[i].k();
        }
        this.linktype = linktype;
    }

    /** Compiles {@code expression} for packets of {@code linktype}; throws {@link FilterException}. */
    public static BpfProgram compile(String expression, int linktype) {
        Ast.Node root = Parser.parse(expression);
        return new BpfProgram(Compiler.compile(root, linktype), linktype);
    }

    /** Whether capmill can compile filters for this link type at all. */
    public static boolean supportsLinkType(int linktype) {
        return Compiler.supports(linktype);
    }

    public int linkType() {
        return linktype;
    }

    public int length() {
        return code.length;
    }

    /** Returned by {@link #exec} for a packet on which the program would never end. */
    private static final long ENDLESS = -1L;
    /** Set in what {@link #exec} returns when the program read a scratch word it had not written (read as 0). */
    private static final long UNSET = 1L << 32;

    /** Per-thread scratch memory and the loop detector's saved state, so that a run allocates nothing. */
    private static final class Scratch {
        final int[] mem = new int[MEMWORDS];
        /** pc, A, X, then the scratch memory, at the saved backward jump. */
        final int[] saved = new int[MEMWORDS + 3];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Runs the program; the return value of its ret instruction (0 = drop). A program with a
     * backward jump (protochain's loop) that comes back to a state it was in would run forever,
     * as libpcap's interpreter does on such a packet (an IPv4 AH whose length leads back to
     * itself); capmill drops the packet instead.
     */
    public int run(byte[] p, int off, int caplen, long wirelen) {
        Compiled c = compiled;
        if (c == null) {
            c = translate();
            compiled = c;
        }
        if (c != NONE) {
            // only ld #pktlen reads the wire length, as an int
            return c.run(p, off, caplen, (int) wirelen);
        }
        return interpret(p, off, caplen, wirelen);
    }

    /** {@link #run} by the interpreter, the reference for the translated code. */
    int interpret(byte[] p, int off, int caplen, long wirelen) {
        long r = exec(p, off, caplen, wirelen);
        return r == ENDLESS ? 0 : (int) r;
    }

    /** Whether {@link #run} runs the program as bytecode of its own (translating it now if not yet tried). */
    boolean translated() {
        if (compiled == null) {
            compiled = translate();
        }
        return compiled != NONE;
    }

    /** The class file of the translated program; {@link BpfCodegen.Unsuitable} says why there is none. */
    byte[] classFile() throws BpfCodegen.Unsuitable {
        return BpfCodegen.classFile(code, jt, jf, k);
    }

    private Compiled translate() {
        if (INTERPRET) {
            return NONE;
        }
        try {
            return BpfCodegen.define(classFile());
        } catch (BpfCodegen.Unsuitable e) {
            return NONE;
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            // a class the JVM refuses (VerifyError, ClassFormatError) would be a bug of the
            // translation, which the tests look for (BpfCodegenTest); the interpreter still answers
            return NONE;
        }
    }

    /**
     * Whether the program read a scratch memory word it had not written on this packet, which
     * libpcap's interpreter leaves uninitialised (capmill reads 0): libpcap's verdict is undefined.
     */
    boolean readsUnset(byte[] p, int off, int caplen, long wirelen) {
        long r = exec(p, off, caplen, wirelen);
        return r != ENDLESS && (r & UNSET) != 0;
    }

    /** Whether the program would never end on this packet (libpcap's interpreter would loop forever). */
    boolean endless(byte[] p, int off, int caplen, long wirelen) {
        return exec(p, off, caplen, wirelen) == ENDLESS;
    }

    private long exec(byte[] p, int off, int caplen, long wirelen) {
        int a = 0;
        int x = 0;
        int[] mem = null;
        int[] saved = null;
        int power = 1;
        int lam = 0;
        int written = 0;
        long unset = 0;
        int pc = 0;
        final int[] code = this.code;
        final int[] kk = this.k;
        while (true) {
            int c = code[pc];
            int kv = kk[pc];
            switch (c) {
                case RET | K: return kv & 0xffffffffL | unset;
                case RET | RA: return a & 0xffffffffL | unset;
                case LD | W | ABS: {
                    if (kv < 0 || kv > caplen - 4) {
                        return 0;
                    }
                    int i = off + kv;
                    a = (p[i] & 0xff) << 24 | (p[i + 1] & 0xff) << 16 | (p[i + 2] & 0xff) << 8 | (p[i + 3] & 0xff);
                    break;
                }
                case LD | H | ABS: {
                    if (kv < 0 || kv > caplen - 2) {
                        return 0;
                    }
                    int i = off + kv;
                    a = (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
                    break;
                }
                case LD | B | ABS:
                    if (kv < 0 || kv >= caplen) {
                        return 0;
                    }
                    a = p[off + kv] & 0xff;
                    break;
                case LD | W | LEN: a = (int) wirelen; break;
                case LDX | W | LEN: x = (int) wirelen; break;
                case LD | W | IND: {
                    long at = (x & 0xffffffffL) + (kv & 0xffffffffL);
                    if (at > caplen - 4L) {
                        return 0;
                    }
                    int i = off + (int) at;
                    a = (p[i] & 0xff) << 24 | (p[i + 1] & 0xff) << 16 | (p[i + 2] & 0xff) << 8 | (p[i + 3] & 0xff);
                    break;
                }
                case LD | H | IND: {
                    long at = (x & 0xffffffffL) + (kv & 0xffffffffL);
                    if (at > caplen - 2L) {
                        return 0;
                    }
                    int i = off + (int) at;
                    a = (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
                    break;
                }
                case LD | B | IND: {
                    long at = (x & 0xffffffffL) + (kv & 0xffffffffL);
                    if (at >= caplen) {
                        return 0;
                    }
                    a = p[off + (int) at] & 0xff;
                    break;
                }
                case LDX | MSH | B:
                    if (kv < 0 || kv >= caplen) {
                        return 0;
                    }
                    x = (p[off + kv] & 0xf) << 2;
                    break;
                case LD | IMM: a = kv; break;
                case LDX | IMM: x = kv; break;
                case LD | MEM:
                case LDX | MEM: {
                    // libpcap's memory starts uninitialised; a program only reads a word it did
                    // not write when it tests what follows a 'geneve' that did not match
                    if (mem == null) {
                        mem = freshMemory();
                    }
                    if ((written >>> kv & 1) == 0) {
                        unset = UNSET;
                    }
                    if (c == (LD | MEM)) {
                        a = mem[kv];
                    } else {
                        x = mem[kv];
                    }
                    break;
                }
                case ST:
                    if (mem == null) {
                        mem = freshMemory();
                    }
                    mem[kv] = a;
                    written |= 1 << kv;
                    break;
                case STX:
                    if (mem == null) {
                        mem = freshMemory();
                    }
                    mem[kv] = x;
                    written |= 1 << kv;
                    break;
                case JMP | JA:
                    if (kv < 0) {
                        // Brent's cycle detection on the whole machine state at backward jumps:
                        // the packet does not change, so a state seen again repeats forever
                        if (mem == null) {
                            mem = freshMemory();
                        }
                        if (saved == null) {
                            saved = SCRATCH.get().saved;
                            save(saved, pc, a, x, mem);
                        } else if (same(saved, pc, a, x, mem)) {
                            return ENDLESS;
                        } else if (++lam == power) {
                            save(saved, pc, a, x, mem);
                            power <<= 1;
                            lam = 0;
                        }
                    }
                    pc += kv;
                    break;
                case JMP | JGT | K: pc += Integer.compareUnsigned(a, kv) > 0 ? jt[pc] : jf[pc]; break;
                case JMP | JGE | K: pc += Integer.compareUnsigned(a, kv) >= 0 ? jt[pc] : jf[pc]; break;
                case JMP | JEQ | K: pc += a == kv ? jt[pc] : jf[pc]; break;
                case JMP | JSET | K: pc += (a & kv) != 0 ? jt[pc] : jf[pc]; break;
                case JMP | JGT | X: pc += Integer.compareUnsigned(a, x) > 0 ? jt[pc] : jf[pc]; break;
                case JMP | JGE | X: pc += Integer.compareUnsigned(a, x) >= 0 ? jt[pc] : jf[pc]; break;
                case JMP | JEQ | X: pc += a == x ? jt[pc] : jf[pc]; break;
                case JMP | JSET | X: pc += (a & x) != 0 ? jt[pc] : jf[pc]; break;
                case ALU | ADD | X: a += x; break;
                case ALU | SUB | X: a -= x; break;
                case ALU | MUL | X: a *= x; break;
                case ALU | DIV | X:
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.divideUnsigned(a, x);
                    break;
                case ALU | MOD | X:
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.remainderUnsigned(a, x);
                    break;
                case ALU | AND | X: a &= x; break;
                case ALU | OR | X: a |= x; break;
                case ALU | XOR | X: a ^= x; break;
                case ALU | LSH | X: a = (x & 0xffffffffL) >= 32 ? 0 : a << x; break;
                case ALU | RSH | X: a = (x & 0xffffffffL) >= 32 ? 0 : a >>> x; break;
                case ALU | ADD | K: a += kv; break;
                case ALU | SUB | K: a -= kv; break;
                case ALU | MUL | K: a *= kv; break;
                case ALU | DIV | K: a = Integer.divideUnsigned(a, kv); break;
                case ALU | MOD | K: a = Integer.remainderUnsigned(a, kv); break;
                case ALU | AND | K: a &= kv; break;
                case ALU | OR | K: a |= kv; break;
                case ALU | XOR | K: a ^= kv; break;
                case ALU | LSH | K: a = a << kv; break;
                case ALU | RSH | K: a = a >>> kv; break;
                case ALU | NEG: a = -a; break;
                case MISC | TAX: x = a; break;
                case MISC | TXA: a = x; break;
                default:
                    throw new IllegalStateException("bad BPF instruction " + Integer.toHexString(c) + " at " + pc);
            }
            pc++;
        }
    }

    private static int[] freshMemory() {
        int[] m = SCRATCH.get().mem;
        java.util.Arrays.fill(m, 0);
        return m;
    }

    private static void save(int[] s, int pc, int a, int x, int[] mem) {
        s[0] = pc;
        s[1] = a;
        s[2] = x;
        System.arraycopy(mem, 0, s, 3, MEMWORDS);
    }

    private static boolean same(int[] s, int pc, int a, int x, int[] mem) {
        if (s[0] != pc || s[1] != a || s[2] != x) {
            return false;
        }
        for (int i = 0; i < MEMWORDS; i++) {
            if (s[3 + i] != mem[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the packet passes. */
    public boolean matches(byte[] p, int off, int caplen, long wirelen) {
        return run(p, off, caplen, wirelen) != 0;
    }

    /** The program in the form of {@code tcpdump -d}. */
    public String dump() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < code.length; i++) {
            b.append(image(i)).append('\n');
        }
        return b.toString();
    }

    private String image(int n) {
        int c = code[n];
        int v = k[n];
        String op;
        String operand;
        switch (c) {
            case RET | K: op = "ret"; operand = "#" + Integer.toUnsignedString(v); break;
            case RET | RA: op = "ret"; operand = "a"; break;
            case LD | W | ABS: op = "ld"; operand = "[" + Integer.toUnsignedString(v) + "]"; break;
            case LD | H | ABS: op = "ldh"; operand = "[" + Integer.toUnsignedString(v) + "]"; break;
            case LD | B | ABS: op = "ldb"; operand = "[" + Integer.toUnsignedString(v) + "]"; break;
            case LD | W | LEN: op = "ld"; operand = "#pktlen"; break;
            case LD | W | IND: op = "ld"; operand = "[x + " + Integer.toUnsignedString(v) + "]"; break;
            case LD | H | IND: op = "ldh"; operand = "[x + " + Integer.toUnsignedString(v) + "]"; break;
            case LD | B | IND: op = "ldb"; operand = "[x + " + Integer.toUnsignedString(v) + "]"; break;
            case LD | IMM: op = "ld"; operand = "#0x" + Integer.toHexString(v); break;
            case LDX | IMM: op = "ldx"; operand = "#0x" + Integer.toHexString(v); break;
            case LDX | MSH | B: op = "ldxb"; operand = "4*([" + v + "]&0xf)"; break;
            case LD | MEM: op = "ld"; operand = "M[" + v + "]"; break;
            case LDX | MEM: op = "ldx"; operand = "M[" + v + "]"; break;
            case ST: op = "st"; operand = "M[" + v + "]"; break;
            case STX: op = "stx"; operand = "M[" + v + "]"; break;
            case JMP | JA: op = "ja"; operand = String.valueOf(n + 1 + v); break;
            case ALU | NEG: op = "neg"; operand = ""; break;
            case MISC | TAX: op = "tax"; operand = ""; break;
            case MISC | TXA: op = "txa"; operand = ""; break;
            default: {
                if ((c & 0x07) == JMP) {
                    String[] names = {"ja", "jeq", "jgt", "jge", "jset"};
                    op = names[(c & 0xf0) >> 4];
                    operand = (c & X) != 0 ? "x" : "#0x" + Integer.toHexString(v);
                    return String.format("(%03d) %-8s %-16s jt %d\tjf %d", n, op, operand, n + 1 + jt[n], n + 1 + jf[n]);
                }
                String[] alu = {"add", "sub", "mul", "div", "or", "and", "lsh", "rsh", "neg", "mod", "xor"};
                op = alu[(c & 0xf0) >> 4];
                // as libpcap's bpf_image: masks in hex, other operands as signed decimals
                int aop = c & 0xf0;
                operand = (c & X) != 0 ? "x" : aop == AND || aop == OR || aop == XOR ? "#0x" + Integer.toHexString(v)
                        : "#" + v;
                break;
            }
        }
        return String.format("(%03d) %-8s %s", n, op, operand).stripTrailing();
    }
}
