package dev.capmill.filter;

/** Parsing of the literal addresses a filter may contain, as libpcap reads them. */
final class Addresses {
    private Addresses() {
    }

    /**
     * A dotted IPv4 form of 1 to 4 parts (each decimal, 0x hex or 0 octal, 0..255) as libpcap's
     * __pcap_atoin reads it: returns {value, bits} where bits = 8 × parts and the value holds the
     * parts in its low bytes; null when a part is out of range.
     */
    static long[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        long v = 0;
        for (String p : parts) {
            long n = Lexer.parseNumber(p, 0);
            if (n > 255) {
                return null;
            }
            v = (v << 8) | n;
        }
        return new long[] {v, 8L * parts.length};
    }

    /** 16 bytes of an IPv6 address in text form, or null when it is not one. */
    static byte[] parseIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return null;
        }
        int[] groups = new int[8];
        String head = s;
        String tail = "";
        int dbl = s.indexOf("::");
        if (dbl >= 0) {
            if (s.indexOf("::", dbl + 1) >= 0) {
                return null;
            }
            head = s.substring(0, dbl);
            tail = s.substring(dbl + 2);
        }
        java.util.List<Integer> h = groups(head);
        java.util.List<Integer> t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.size() + t.size();
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        for (int i = 0; i < h.size(); i++) {
            groups[i] = h.get(i);
        }
        for (int i = 0; i < t.size(); i++) {
            groups[8 - t.size() + i] = t.get(i);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }

    private static java.util.List<Integer> groups(String s) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                String[] q = p.split("\\.", -1);
                if (q.length != 4) {
                    return null;
                }
                int[] b = new int[4];
                for (int k = 0; k < 4; k++) {
                    if (!q[k].matches("[0-9]{1,3}") || Integer.parseInt(q[k]) > 255) {
                        return null;
                    }
                    b[k] = Integer.parseInt(q[k]);
                }
                out.add(b[0] << 8 | b[1]);
                out.add(b[2] << 8 | b[3]);
                continue;
            }
            if (!p.matches("[0-9A-Fa-f]{1,4}")) {
                return null;
            }
            out.add(Integer.parseInt(p, 16));
        }
        return out;
    }

    /** Six bytes of a MAC address written with ':', '-' or '.' separators, or as 12 hex digits. */
    static byte[] parseMac(String s) {
        String hex;
        if (s.indexOf(':') >= 0 || s.indexOf('-') >= 0 || (s.split("\\.").length == 6)) {
            String[] p = s.split("[:.\\-]");
            StringBuilder b = new StringBuilder();
            for (String x : p) {
                b.append(x.length() == 1 ? "0" + x : x);
            }
            hex = b.toString();
        } else {
            hex = s.replace(".", "");
        }
        if (hex.length() != 12) {
            return null;
        }
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
