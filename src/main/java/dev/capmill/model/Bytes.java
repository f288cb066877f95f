package dev.capmill.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little- and big-endian reads and writes on byte arrays, through VarHandles (one bounds check each). */
public final class Bytes {
    private static final VarHandle I16LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I64LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    public static int u16LE(byte[] b, int off) {
        return ((short) I16LE.get(b, off)) & 0xFFFF;
    }

    public static int u16BE(byte[] b, int off) {
        return ((short) I16BE.get(b, off)) & 0xFFFF;
    }

    public static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? u16BE(b, off) : u16LE(b, off);
    }

    public static int i32LE(byte[] b, int off) {
        return (int) I32LE.get(b, off);
    }

    public static int i32BE(byte[] b, int off) {
        return (int) I32BE.get(b, off);
    }

    public static int i32(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? i32BE(b, off) : i32LE(b, off);
    }

    public static long u32LE(byte[] b, int off) {
        return i32LE(b, off) & 0xFFFFFFFFL;
    }

    public static long u32BE(byte[] b, int off) {
        return i32BE(b, off) & 0xFFFFFFFFL;
    }

    public static long u32(byte[] b, int off, boolean bigEndian) {
        return i32(b, off, bigEndian) & 0xFFFFFFFFL;
    }

    public static long i64LE(byte[] b, int off) {
        return (long) I64LE.get(b, off);
    }

    public static long i64BE(byte[] b, int off) {
        return (long) I64BE.get(b, off);
    }

    public static long i64(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? i64BE(b, off) : i64LE(b, off);
    }

    public static void putI16LE(byte[] b, int off, int v) {
        I16LE.set(b, off, (short) v);
    }

    public static void putI16BE(byte[] b, int off, int v) {
        I16BE.set(b, off, (short) v);
    }

    public static void putI32LE(byte[] b, int off, int v) {
        I32LE.set(b, off, v);
    }

    public static void putI32BE(byte[] b, int off, int v) {
        I32BE.set(b, off, v);
    }

    public static void putI64LE(byte[] b, int off, long v) {
        I64LE.set(b, off, v);
    }

    public static void putI64BE(byte[] b, int off, long v) {
        I64BE.set(b, off, v);
    }

    /** Reverses {@code len} bytes in place (turns a big-endian number into a little-endian one). */
    public static void reverse(byte[] b, int off, int len) {
        for (int i = off, j = off + len - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
