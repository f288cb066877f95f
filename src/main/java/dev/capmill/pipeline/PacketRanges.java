package dev.capmill.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Packet numbers as tshark counts them (from 1): a union of inclusive ranges, the last possibly open. */
public final class PacketRanges {
    private final long[] lo;
    private final long[] hi;

    private PacketRanges(long[] lo, long[] hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** Parses {@code 1-100,250,300-} (also {@code -50} for 1-50). */
    public static PacketRanges parse(String s) {
        List<long[]> rs = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty range in '" + s + "'");
            }
            int dash = p.indexOf('-');
            long a;
            long b;
            if (dash < 0) {
                a = number(p, s);
                b = a;
            } else {
                String x = p.substring(0, dash).trim();
                String y = p.substring(dash + 1).trim();
                a = x.isEmpty() ? 1 : number(x, s);
                b = y.isEmpty() ? Long.MAX_VALUE : number(y, s);
            }
            if (a < 1 || b < a) {
                throw new IllegalArgumentException("bad range '" + p + "' (packets are numbered from 1; a range "
                        + "goes from low to high)");
            }
            rs.add(new long[] {a, b});
        }
        rs.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : rs) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= (last[1] == Long.MAX_VALUE ? last[1] : last[1] + 1)) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r);
            }
        }
        long[] lo = new long[merged.size()];
        long[] hi = new long[merged.size()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = merged.get(i)[0];
            hi[i] = merged.get(i)[1];
        }
        return new PacketRanges(lo, hi);
    }

    private static long number(String x, String whole) {
        try {
            return Long.parseLong(x);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + x + "' in '" + whole + "' is not a packet number");
        }
    }

    public boolean contains(long n) {
        int a = 0;
        int b = lo.length - 1;
        while (a <= b) {
            int m = (a + b) >>> 1;
            if (n < lo[m]) {
                b = m - 1;
            } else if (n > hi[m]) {
                a = m + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The highest packet number selected (Long.MAX_VALUE when the last range is open). */
    public long last() {
        return hi[hi.length - 1];
    }
}
