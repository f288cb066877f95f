package dev.capmill.oracle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * A compact summary of a capture's packets, computed the same way from tshark's answers and from
 * capmill's reading, so that the two can be compared without tshark: packet count, a SHA-256
 * over "time, length, captured length, encapsulation" per packet, a SHA-256 over every packet's
 * bytes, the earliest and latest time and the set of encapsulations (Wireshark WTAP_ENCAP numbers).
 * Times are compared as values (seconds, nanoseconds normalised), because tshark prints a
 * microsecond fraction of 1,000,000 as ".1000000000" where capmill carries it into the seconds.
 */
public final class Fingerprint {
    private final MessageDigest fields;
    private final MessageDigest bytes;
    private long packets;
    private boolean anyTime;
    private long minSec;
    private int minNs;
    private long maxSec;
    private int maxNs;
    private final TreeSet<Integer> encaps = new TreeSet<>();
    private final StringBuilder line = new StringBuilder(64);
    private final byte[] lenBuf = new byte[4];

    public Fingerprint() {
        try {
            fields = MessageDigest.getInstance("SHA-256");
            bytes = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds one packet; {@code hasTime} false for packets without a timestamp (pcapng SPB). */
    public void add(boolean hasTime, long sec, int ns, long len, int capLen, int encap, byte[] data, int off) {
        packets++;
        line.setLength(0);
        if (hasTime) {
            line.append(sec).append('.').append(String.format("%09d", ns));
            if (!anyTime || sec < minSec || (sec == minSec && ns < minNs)) {
                minSec = sec;
                minNs = ns;
            }
            if (!anyTime || sec > maxSec || (sec == maxSec && ns > maxNs)) {
                maxSec = sec;
                maxNs = ns;
            }
            anyTime = true;
        }
        line.append('\t').append(len).append('\t').append(capLen).append('\t').append(encap).append('\n');
        fields.update(line.toString().getBytes(StandardCharsets.US_ASCII));
        lenBuf[0] = (byte) (capLen >>> 24);
        lenBuf[1] = (byte) (capLen >>> 16);
        lenBuf[2] = (byte) (capLen >>> 8);
        lenBuf[3] = (byte) capLen;
        bytes.update(lenBuf);
        bytes.update(data, off, capLen);
        encaps.add(encap);
    }

    /** The summary as TSV columns: packets, fields digest, bytes digest, first, last, encaps. */
    public String summary() {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder();
        sb.append(packets).append('\t');
        sb.append(hex.formatHex(fields.digest()), 0, 16).append('\t');
        sb.append(hex.formatHex(bytes.digest()), 0, 16).append('\t');
        sb.append(anyTime ? minSec + "." + String.format("%09d", minNs) : "-").append('\t');
        sb.append(anyTime ? maxSec + "." + String.format("%09d", maxNs) : "-").append('\t');
        StringBuilder e = new StringBuilder();
        for (int x : encaps) {
            e.append(e.length() > 0 ? "," : "").append(x);
        }
        sb.append(e.length() > 0 ? e : "-");
        return sb.toString();
    }

    public long packets() {
        return packets;
    }

    /** Parses tshark's frame.time_epoch ("1418145370.1000000000", "-1.5", "") into {sec, ns}, normalised. */
    public static long[] parseEpoch(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = s.startsWith("-");
        String t = neg ? s.substring(1) : s;
        int dot = t.indexOf('.');
        long sec = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
        long ns = 0;
        if (dot >= 0) {
            String frac = t.substring(dot + 1);
            // tshark prints nine digits of nanoseconds, or more when the fraction was >= 1 s
            if (frac.length() > 9) {
                ns = Long.parseLong(frac);
            } else {
                ns = Long.parseLong((frac + "000000000").substring(0, 9));
            }
        }
        if (neg) {
            sec = -sec;
            ns = -ns;
        }
        long carry = Math.floorDiv(ns, 1_000_000_000L);
        return new long[] {sec + carry, ns - carry * 1_000_000_000L};
    }
}
