package dev.capmill.filter;

import static dev.capmill.filter.Bpf.*;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates a classic BPF program into a class of its own whose one method, {@link
 * BpfProgram.Compiled#run}, does what {@link BpfProgram}'s interpreter does for the program, so
 * that the JVM's compilers see straight-line code with the program's constants in it instead of
 * a dispatch loop over arrays. The interpreter stays the reference: this class refuses whatever
 * it does not translate (a backward jump, which only protochain's loop has and which needs the
 * interpreter's loop detection; an instruction the interpreter would fail on; a method too large
 * for the JIT), and {@link BpfProgram} then keeps interpreting.
 *
 * <p>The class file is written here byte by byte (Java Virtual Machine Specification, SE 17,
 * chapter 4), so that no bytecode library is needed. Its version is 49, the last before
 * StackMapTable frames (§4.7.4): a class of version 50 or later is verified by type checking
 * against frames the writer must compute (50 may fall back to inference), one of 49 by type
 * inference (§4.10.2), which needs none; it is verified all the same (the tests check that a type
 * error is refused). It is defined as a hidden class with {@link MethodHandles.Lookup#defineHiddenClass},
 * which takes version 49 (no class loader of its own is needed). Every BPF register and scratch
 * word is an int local set to 0 before the first instruction, so that every local is an int at
 * every branch target. The instructions are those of chapter 6.
 */
final class BpfCodegen {
    /**
     * The largest method the JIT compiles: HotSpot's HugeMethodLimit (8000 bytes of bytecode) is
     * the size past which a method stays interpreted, which would be slower than the BPF
     * interpreter (itself compiled).
     */
    static final int MAX_CODE = 8000;

    /** The generated class's name (a hidden class gets a suffix); it must be in this package. */
    private static final String CLASS_NAME = "dev/capmill/filter/GeneratedFilter";
    private static final String INTERFACE = "dev/capmill/filter/BpfProgram$Compiled";
    private static final String RUN_DESCRIPTOR = "([BIII)I";

    // locals of run(byte[] p, int off, int caplen, int wirelen): slot 0 is this
    private static final int P = 1;
    private static final int OFF = 2;
    private static final int CAPLEN = 3;
    private static final int WIRELEN = 4;
    private static final int A = 5;
    private static final int XR = 6;
    /** Scratch word i is local M0 + i. */
    private static final int M0 = 7;
    private static final int MAX_LOCALS = M0 + MEMWORDS;
    /**
     * Operand stack bound (§4.7.3 max_stack), which the verifier checks: an indirect load's bounds
     * test holds two longs (4 slots); a byte of a multi-byte load, the value so far, p, an index
     * and a constant to add (4).
     */
    private static final int MAX_STACK = 4;

    private BpfCodegen() {
    }

    /** Why a program is not translated; the caller interprets it instead. */
    static final class Unsuitable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsuitable(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The class file for the program (arrays as in {@link BpfProgram}), or {@link Unsuitable}
     * saying why there is none.
     */
    static byte[] classFile(int[] code, int[] jt, int[] jf, int[] k) throws Unsuitable {
        boolean[] reached = reachable(code, jt, jf, k);
        ConstantPool cp = new ConstantPool();
        int thisClass = cp.classRef(CLASS_NAME);
        int superClass = cp.classRef("java/lang/Object");
        int iface = cp.classRef(INTERFACE);
        int init = cp.utf8("<init>");
        int voidDescriptor = cp.utf8("()V");
        int objectInit = cp.methodRef("java/lang/Object", "<init>", "()V");
        int run = cp.utf8("run");
        int runDescriptor = cp.utf8(RUN_DESCRIPTOR);
        int codeAttribute = cp.utf8("Code");
        byte[] body = new Translation(code, jt, jf, k, reached, cp).method();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + body.length);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            // §4.1: magic, minor and major version, constant pool, flags, this, super, interfaces
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(49);
            cp.writeTo(out);
            out.writeShort(0x0010 | 0x0020); // ACC_FINAL | ACC_SUPER
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(1);
            out.writeShort(iface);
            out.writeShort(0); // no fields
            out.writeShort(2); // methods (§4.6), each with its Code attribute (§4.7.3)
            // public <init>() { super(); }: aload_0, invokespecial Object.<init>, return
            byte[] ctor = {0x2a, (byte) 0xb7, (byte) (objectInit >> 8), (byte) objectInit, (byte) 0xb1};
            writeMethod(out, 0x0001, init, voidDescriptor, codeAttribute, 1, 1, ctor);
            writeMethod(out, 0x0001, run, runDescriptor, codeAttribute, MAX_STACK, MAX_LOCALS, body);
            out.writeShort(0); // no class attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a ByteArrayOutputStream
        }
        return bytes.toByteArray();
    }

    /**
     * Defines the class as a hidden class of this package (not strongly held by the class loader,
     * so that one no longer used can be unloaded) and makes its one instance. Throws what
     * defining it throws: a {@link LinkageError} ({@link VerifyError}, {@link ClassFormatError})
     * for bad bytes. About 3 ms for the first program of a run (0.2 ms after).
     */
    static BpfProgram.Compiled define(byte[] classFile) throws ReflectiveOperationException {
        Class<?> c = MethodHandles.lookup().defineHiddenClass(classFile, true).lookupClass();
        return (BpfProgram.Compiled) c.getDeclaredConstructor().newInstance();
    }

    private static void writeMethod(DataOutputStream out, int flags, int name, int descriptor, int codeAttribute,
            int maxStack, int maxLocals, byte[] code) throws IOException {
        out.writeShort(flags);
        out.writeShort(name);
        out.writeShort(descriptor);
        out.writeShort(1);
        out.writeShort(codeAttribute);
        out.writeInt(2 + 2 + 4 + code.length + 2 + 2);
        out.writeShort(maxStack);
        out.writeShort(maxLocals);
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0); // no exception handlers
        out.writeShort(0); // no attributes (no StackMapTable: version 49)
    }

    private static boolean known(int c) {
        switch (c) {
            case RET | K: case RET | RA:
            case LD | W | ABS: case LD | H | ABS: case LD | B | ABS:
            case LD | W | IND: case LD | H | IND: case LD | B | IND:
            case LD | W | LEN: case LDX | W | LEN: case LDX | MSH | B:
            case LD | IMM: case LDX | IMM: case LD | MEM: case LDX | MEM: case ST: case STX:
            case JMP | JA: case JMP | JGT | K: case JMP | JGE | K: case JMP | JEQ | K: case JMP | JSET | K:
            case JMP | JGT | X: case JMP | JGE | X: case JMP | JEQ | X: case JMP | JSET | X:
            case ALU | ADD | X: case ALU | SUB | X: case ALU | MUL | X: case ALU | DIV | X: case ALU | MOD | X:
            case ALU | AND | X: case ALU | OR | X: case ALU | XOR | X: case ALU | LSH | X: case ALU | RSH | X:
            case ALU | ADD | K: case ALU | SUB | K: case ALU | MUL | K: case ALU | DIV | K: case ALU | MOD | K:
            case ALU | AND | K: case ALU | OR | K: case ALU | XOR | K: case ALU | LSH | K: case ALU | RSH | K:
            case ALU | NEG: case MISC | TAX: case MISC | TXA:
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether a load always fails: an absolute offset the interpreter takes as negative, so that
     * the instruction always returns 0 and what follows it is reached only through jumps.
     */
    private static boolean alwaysFails(int c, int kv) {
        return kv < 0 && (c == (LD | W | ABS) || c == (LD | H | ABS) || c == (LD | B | ABS) || c == (LDX | MSH | B));
    }

    /**
     * The instructions reachable from the first, and checks that each of them is one the
     * interpreter runs without failing on any packet: only forward jumps, all inside the program,
     * scratch words 0 to 15, and no falling off the end.
     */
    private static boolean[] reachable(int[] code, int[] jt, int[] jf, int[] k) throws Unsuitable {
        int n = code.length;
        if (n == 0) {
            throw new Unsuitable("empty program");
        }
        boolean[] reached = new boolean[n];
        reached[0] = true;
        for (int pc = 0; pc < n; pc++) {
            if (!reached[pc]) {
                continue; // jumps only go forward: nothing later leads here
            }
            int c = code[pc];
            int kv = k[pc];
            if (!known(c)) {
                throw new Unsuitable("instruction " + Integer.toHexString(c) + " at " + pc);
            }
            if ((c == (LD | MEM) || c == (LDX | MEM) || c == ST || c == STX) && (kv < 0 || kv >= MEMWORDS)) {
                throw new Unsuitable("scratch word " + kv + " at " + pc);
            }
            if ((c & 0x07) == RET || alwaysFails(c, kv)) {
                continue;
            }
            if (c == (JMP | JA)) {
                mark(reached, pc, kv, "ja");
            } else if ((c & 0x07) == JMP) {
                mark(reached, pc, jt[pc], "jt");
                mark(reached, pc, jf[pc], "jf");
            } else {
                mark(reached, pc, 0, "next");
            }
        }
        return reached;
    }

    private static void mark(boolean[] reached, int pc, int skip, String what) throws Unsuitable {
        if (skip < 0) {
            throw new Unsuitable("backward jump (" + what + ") at " + pc);
        }
        long to = pc + 1L + skip;
        if (to >= reached.length) {
            throw new Unsuitable(what + " past the end at " + pc);
        }
        reached[(int) to] = true;
    }

    /**
     * The constant pool (§4.4), each entry once. (No lambdas here: each would be bootstrapped
     * through method handles at the first filter of every run.)
     */
    private static final class ConstantPool {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private final Map<String, Integer> index = new HashMap<>();
        private int count = 1;

        int utf8(String s) {
            Integer at = index.get("U" + s);
            if (at != null) {
                return at;
            }
            try {
                // CONSTANT_Utf8 is modified UTF-8 after a 2-byte length, which is what writeUTF writes
                out.writeByte(1);
                out.writeUTF(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return add("U" + s, 1);
        }

        int classRef(String internalName) {
            return twoRefs("C" + internalName, 7, utf8(internalName), -1);
        }

        int methodRef(String owner, String name, String descriptor) {
            int c = classRef(owner);
            int nt = twoRefs("N" + name + ' ' + descriptor, 12, utf8(name), utf8(descriptor));
            return twoRefs("M" + owner + ' ' + name + ' ' + descriptor, 10, c, nt);
        }

        int integer(int v) {
            return number("I" + v, 3, v, false);
        }

        int longConstant(long v) {
            return number("J" + v, 5, v, true);
        }

        /** CONSTANT_Class (one index) or NameAndType and Methodref (two). */
        private int twoRefs(String key, int tag, int first, int second) {
            Integer at = index.get(key);
            if (at != null) {
                return at;
            }
            // straight into the array (the data stream around it does not buffer)
            bytes.write(tag);
            bytes.write(first >> 8);
            bytes.write(first);
            if (second >= 0) {
                bytes.write(second >> 8);
                bytes.write(second);
            }
            return add(key, 1);
        }

        /** CONSTANT_Integer, or CONSTANT_Long, which takes two entries (§4.4.5). */
        private int number(String key, int tag, long v, boolean wide) {
            Integer at = index.get(key);
            if (at != null) {
                return at;
            }
            try {
                out.writeByte(tag);
                if (wide) {
                    out.writeLong(v);
                } else {
                    out.writeInt((int) v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return add(key, wide ? 2 : 1);
        }

        private int add(String key, int slots) {
            int i = count;
            count += slots;
            index.put(key, i);
            return i;
        }

        void writeTo(DataOutputStream o) throws IOException {
            o.writeShort(count);
            bytes.writeTo(o);
        }

        /** Whether the pool has (nearly) reached its 65535 entries. */
        boolean full() {
            return count > 0xfff0;
        }
    }

    // opcodes (§6.5)
    private static final int ICONST_0 = 0x03, BIPUSH = 0x10, SIPUSH = 0x11, LDC = 0x12, LDC_W = 0x13, LDC2_W = 0x14,
            ILOAD = 0x15, ILOAD_0 = 0x1a, ALOAD_0 = 0x2a, BALOAD = 0x33, ISTORE = 0x36, ISTORE_0 = 0x3b,
            IADD = 0x60, LADD = 0x61, ISUB = 0x64, IMUL = 0x68, INEG = 0x74, ISHL = 0x78, IUSHR = 0x7c,
            IAND = 0x7e, LAND = 0x7f, IOR = 0x80, IXOR = 0x82, I2L = 0x85, LCMP = 0x94, IFEQ = 0x99, IFNE = 0x9a,
            IFGT = 0x9d, IF_ICMPEQ = 0x9f, IF_ICMPNE = 0xa0, IF_ICMPLT = 0xa1, IF_ICMPGE = 0xa2,
            IF_ICMPGT = 0xa3, IF_ICMPLE = 0xa4, GOTO = 0xa7, IRETURN = 0xac, INVOKESTATIC = 0xb8;

    /**
     * The body of run: each reachable BPF instruction in order as a labelled block (label = its
     * index), then one shared "return 0" block for failed loads and division by X = 0.
     */
    private static final class Translation {
        private final int[] code;
        private final int[] jt;
        private final int[] jf;
        private final int[] k;
        private final boolean[] reached;
        private final ConstantPool cp;
        private byte[] out = new byte[1024];
        private int size;
        /** Bytecode offset of each label: 0..n-1 the instructions, n the return-0 block, then others. */
        private int[] labels;
        /** Branches to patch: bytecode offset of the opcode, and the label, packed. */
        private long[] fixups = new long[64];
        private int nfixups;
        /** The label of the shared "return 0" block, and whether any branch goes there. */
        private final int fail;
        private boolean usesFail;

        Translation(int[] code, int[] jt, int[] jf, int[] k, boolean[] reached, ConstantPool cp) {
            this.code = code;
            this.jt = jt;
            this.jf = jf;
            this.k = k;
            this.reached = reached;
            this.cp = cp;
            labels = new int[code.length + 1];
            Arrays.fill(labels, -1);
            fail = code.length;
        }

        byte[] method() throws Unsuitable {
            int n = code.length;
            // registers and every scratch word the program uses start at 0, as in the interpreter
            boolean[] words = new boolean[MEMWORDS];
            for (int pc = 0; pc < n; pc++) {
                int c = code[pc];
                if (reached[pc] && (c == (LD | MEM) || c == (LDX | MEM) || c == ST || c == STX)) {
                    words[k[pc]] = true;
                }
            }
            zero(A);
            zero(XR);
            for (int i = 0; i < MEMWORDS; i++) {
                if (words[i]) {
                    zero(M0 + i);
                }
            }
            int[] next = new int[n];
            int following = n;
            for (int pc = n - 1; pc >= 0; pc--) {
                next[pc] = following;
                if (reached[pc]) {
                    following = pc;
                }
            }
            for (int pc = 0; pc < n; pc++) {
                if (reached[pc]) {
                    labels[pc] = size;
                    instruction(pc, next[pc]);
                    if (size > MAX_CODE) {
                        throw new Unsuitable("more than " + MAX_CODE + " bytes of bytecode");
                    }
                }
            }
            if (usesFail) {
                labels[fail] = size;
                op(ICONST_0);
                op(IRETURN);
            }
            if (size > MAX_CODE) {
                throw new Unsuitable("more than " + MAX_CODE + " bytes of bytecode");
            }
            if (cp.full()) {
                throw new Unsuitable("too many constants");
            }
            for (int i = 0; i < nfixups; i++) {
                int at = (int) (fixups[i] >>> 32);
                int target = labels[(int) fixups[i]];
                if (target < 0) {
                    throw new IllegalStateException("unbound label " + (int) fixups[i]);
                }
                int offset = target - at;
                if (offset != (short) offset) {
                    throw new Unsuitable("branch offset " + offset); // not with MAX_CODE below 32 K
                }
                out[at + 1] = (byte) (offset >> 8);
                out[at + 2] = (byte) offset;
            }
            return Arrays.copyOf(out, size);
        }

        /** One BPF instruction; {@code next} is the label of the block emitted after it. */
        private void instruction(int pc, int next) {
            int c = code[pc];
            int kv = k[pc];
            switch (c) {
                case RET | K: push(kv); op(IRETURN); return;
                case RET | RA: load(A); op(IRETURN); return;
                case LD | W | ABS: absolute(kv, 4); break;
                case LD | H | ABS: absolute(kv, 2); break;
                case LD | B | ABS: absolute(kv, 1); break;
                case LD | W | IND: indirect(kv, 4); break;
                case LD | H | IND: indirect(kv, 2); break;
                case LD | B | IND: indirect(kv, 1); break;
                case LD | W | LEN: load(WIRELEN); store(A); break;
                case LDX | W | LEN: load(WIRELEN); store(XR); break;
                case LDX | MSH | B:
                    // ldb [k]'s bounds; x = (p[off + kv] & 0xf) << 2
                    if (!absoluteBounds(kv, 1)) {
                        return;
                    }
                    op(ALOAD_0 + P);
                    load(OFF);
                    push(kv);
                    op(IADD);
                    op(BALOAD);
                    push(0xf);
                    op(IAND);
                    push(2);
                    op(ISHL);
                    store(XR);
                    break;
                case LD | IMM: push(kv); store(A); break;
                case LDX | IMM: push(kv); store(XR); break;
                case LD | MEM: load(M0 + kv); store(A); break;
                case LDX | MEM: load(M0 + kv); store(XR); break;
                case ST: load(A); store(M0 + kv); break;
                case STX: load(XR); store(M0 + kv); break;
                case JMP | JA: jumpTo(pc + 1 + kv, next); return;
                case JMP | JEQ | K:
                case JMP | JEQ | X:
                case JMP | JGT | K:
                case JMP | JGT | X:
                case JMP | JGE | K:
                case JMP | JGE | X:
                case JMP | JSET | K:
                case JMP | JSET | X:
                    conditional(pc, next);
                    return;
                case ALU | ADD | X:
                case ALU | SUB | X:
                case ALU | MUL | X:
                case ALU | AND | X:
                case ALU | OR | X:
                case ALU | XOR | X:
                case ALU | ADD | K:
                case ALU | SUB | K:
                case ALU | MUL | K:
                case ALU | AND | K:
                case ALU | OR | K:
                case ALU | XOR | K:
                // as the interpreter: a shift by k uses Java's low 5 bits of k
                case ALU | LSH | K:
                case ALU | RSH | K:
                    load(A);
                    if ((c & X) != 0) {
                        load(XR);
                    } else {
                        push(kv);
                    }
                    op(aluOpcode(c));
                    store(A);
                    break;
                case ALU | DIV | X:
                case ALU | MOD | X:
                    // X = 0 rejects the packet
                    load(XR);
                    branch(IFEQ, fail);
                    load(A);
                    load(XR);
                    unsigned(c == (ALU | DIV | X) ? "divideUnsigned" : "remainderUnsigned");
                    store(A);
                    break;
                case ALU | LSH | X:
                case ALU | RSH | X: {
                    // a shift by X of 32 or more (unsigned) gives 0, where Java would use X's low 5 bits
                    int shift = newLabel();
                    int done = newLabel();
                    load(XR);
                    push(5);
                    op(IUSHR);
                    branch(IFEQ, shift);
                    push(0);
                    store(A);
                    branch(GOTO, done);
                    bind(shift);
                    load(A);
                    load(XR);
                    op(aluOpcode(c));
                    store(A);
                    bind(done);
                    break;
                }
                // a division by k = 0 throws ArithmeticException, as in the interpreter
                case ALU | DIV | K:
                case ALU | MOD | K:
                    load(A);
                    push(kv);
                    unsigned(c == (ALU | DIV | K) ? "divideUnsigned" : "remainderUnsigned");
                    store(A);
                    break;
                case ALU | NEG: load(A); op(INEG); store(A); break;
                case MISC | TAX: load(A); store(XR); break;
                case MISC | TXA: load(XR); store(A); break;
                default:
                    throw new IllegalStateException("unchecked instruction " + Integer.toHexString(c)); // see known()
            }
            // falls through to pc + 1, which is the next block emitted (it is reachable from here)
        }

        /**
         * ld/ldh/ldb [k]: as the interpreter, k < 0 or k > caplen - size fails; then the bytes
         * big-endian from p[off + k] (off + (k + j) is (off + k) + j in int arithmetic).
         */
        private void absolute(int kv, int width) {
            if (!absoluteBounds(kv, width)) {
                return;
            }
            for (int j = 0; j < width; j++) {
                op(ALOAD_0 + P);
                load(OFF);
                push(kv + j);
                op(IADD);
                loadByte(j, width);
            }
            store(A);
        }

        /**
         * The interpreter's check of an absolute load of {@code width} bytes at k: false (and a
         * "return 0" emitted) when k < 0 always fails; else the branch to the failing return
         * when k > caplen - width.
         */
        private boolean absoluteBounds(int kv, int width) {
            if (kv < 0) {
                push(0);
                op(IRETURN);
                return false;
            }
            push(kv);
            load(CAPLEN);
            if (width > 1) {
                push(width);
                op(ISUB);
                branch(IF_ICMPGT, fail);
            } else {
                branch(IF_ICMPGE, fail);
            }
            return true;
        }

        /**
         * ld/ldh/ldb [x + k]: x + k as unsigned 64-bit, as the interpreter: it fails when x + k +
         * size > caplen (the interpreter's x + k > caplen - size, without its subtraction); then
         * the bytes from p[off + x + k] in int arithmetic, which is the interpreter's off + (int) (x + k).
         */
        private void indirect(int kv, int width) {
            load(XR);
            op(I2L);
            ldc2(0xffffffffL);
            op(LAND);
            ldc2((kv & 0xffffffffL) + width);
            op(LADD);
            load(CAPLEN);
            op(I2L);
            op(LCMP);
            branch(IFGT, fail);
            for (int j = 0; j < width; j++) {
                op(ALOAD_0 + P);
                load(OFF);
                load(XR);
                op(IADD);
                push(kv + j);
                op(IADD);
                loadByte(j, width);
            }
            store(A);
        }

        /** With p and the index on the stack: byte j of a big-endian value of width bytes, ORed in. */
        private void loadByte(int j, int width) {
            op(BALOAD);
            int shift = 8 * (width - 1 - j);
            if (shift != 24) {
                // the sign bits of the byte fall off a shift by 24
                push(0xff);
                op(IAND);
            }
            if (shift != 0) {
                push(shift);
                op(ISHL);
            }
            if (j > 0) {
                op(IOR);
            }
        }

        private void conditional(int pc, int next) {
            int c = code[pc];
            int kv = k[pc];
            int t = pc + 1 + jt[pc];
            int f = pc + 1 + jf[pc];
            if (t == f) {
                jumpTo(t, next); // the test has no effect
                return;
            }
            boolean x = (c & X) != 0;
            int ifTrue;
            int ifFalse;
            switch (c & 0xf0) {
                case JEQ:
                case JSET:
                    load(A);
                    if (x) {
                        load(XR);
                    } else if (kv != 0 || (c & 0xf0) == JSET) {
                        push(kv);
                    }
                    if ((c & 0xf0) == JSET) {
                        op(IAND);
                        ifTrue = IFNE;
                        ifFalse = IFEQ;
                    } else if (x || kv != 0) {
                        ifTrue = IF_ICMPEQ;
                        ifFalse = IF_ICMPNE;
                    } else {
                        ifTrue = IFEQ;
                        ifFalse = IFNE;
                    }
                    break;
                default: {
                    // unsigned a > v or a >= v: flipping both sign bits makes it a signed comparison
                    load(A);
                    push(Integer.MIN_VALUE);
                    op(IXOR);
                    if (x) {
                        load(XR);
                        push(Integer.MIN_VALUE);
                        op(IXOR);
                    } else {
                        push(kv ^ Integer.MIN_VALUE);
                    }
                    boolean gt = (c & 0xf0) == JGT;
                    ifTrue = gt ? IF_ICMPGT : IF_ICMPGE;
                    ifFalse = gt ? IF_ICMPLE : IF_ICMPLT;
                    break;
                }
            }
            if (f == next) {
                branch(ifTrue, t);
            } else if (t == next) {
                branch(ifFalse, f);
            } else {
                branch(ifTrue, t);
                branch(GOTO, f);
            }
        }

        private void jumpTo(int target, int next) {
            if (target != next) {
                branch(GOTO, target);
            }
        }

        /** The JVM instruction of a BPF ALU operation that maps to one (all but DIV, MOD and NEG). */
        private static int aluOpcode(int c) {
            switch (c & 0xf0) {
                case ADD: return IADD;
                case SUB: return ISUB;
                case MUL: return IMUL;
                case AND: return IAND;
                case OR: return IOR;
                case XOR: return IXOR;
                case LSH: return ISHL;
                case RSH: return IUSHR;
                default: throw new IllegalArgumentException("no JVM instruction for BPF ALU op " + Integer.toHexString(c));
            }
        }

        private void unsigned(String method) {
            int m = cp.methodRef("java/lang/Integer", method, "(II)I");
            op(INVOKESTATIC);
            op(m >> 8);
            op(m & 0xff);
        }

        private void zero(int local) {
            push(0);
            store(local);
        }

        private void push(int v) {
            if (v >= -1 && v <= 5) {
                op(ICONST_0 + v);
            } else if (v == (byte) v) {
                op(BIPUSH);
                op(v & 0xff);
            } else if (v == (short) v) {
                op(SIPUSH);
                op(v >> 8 & 0xff);
                op(v & 0xff);
            } else {
                int i = cp.integer(v);
                if (i < 256) {
                    op(LDC);
                    op(i);
                } else {
                    op(LDC_W);
                    op(i >> 8);
                    op(i & 0xff);
                }
            }
        }

        private void ldc2(long v) {
            int i = cp.longConstant(v);
            op(LDC2_W);
            op(i >> 8);
            op(i & 0xff);
        }

        private void load(int local) {
            if (local <= 3) {
                op(ILOAD_0 + local);
            } else {
                op(ILOAD);
                op(local);
            }
        }

        private void store(int local) {
            if (local <= 3) {
                op(ISTORE_0 + local);
            } else {
                op(ISTORE);
                op(local);
            }
        }

        /** A label inside one instruction's block (numbered after the instructions' and fail's). */
        private int newLabel() {
            labels = Arrays.copyOf(labels, labels.length + 1);
            return labels.length - 1;
        }

        private void bind(int label) {
            labels[label] = size;
        }

        private void branch(int opcode, int label) {
            if (label == fail) {
                usesFail = true;
            }
            if (nfixups == fixups.length) {
                fixups = Arrays.copyOf(fixups, nfixups * 2);
            }
            fixups[nfixups++] = (long) size << 32 | label;
            op(opcode);
            op(0);
            op(0);
        }

        private void op(int b) {
            if (size == out.length) {
                out = Arrays.copyOf(out, size * 2);
            }
            out[size++] = (byte) b;
        }
    }
}
