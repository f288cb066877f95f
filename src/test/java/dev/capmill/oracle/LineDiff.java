package dev.capmill.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the kind of a difference between a tshark line and capmill's, so that many differing
 * lines fall into few kinds: tshark's Protocol, which columns (or fields) differ, and a
 * normalised pattern of the difference (numbers, addresses and hex values replaced by
 * placeholders, only the part between the common beginning and end kept).
 */
public final class LineDiff {
    /** The columns of a {@code tshark -n -r} line. */
    public static final List<String> COLUMNS = List.of("No.", "Time", "Source", "Destination", "Protocol", "Length", "Info");

    private static final String ARROW = " \u2192 ";
    private static final Pattern PROTO_LEN_INFO = Pattern.compile("^(.*?) (\\d+)(?: (.*))?$", Pattern.DOTALL);
    private static final int WIDTH = 48;

    private LineDiff() {
    }

    /**
     * The seven columns of a text line: No. and Time are the first two words, Source ends at the
     * arrow, Destination is the word after it (padded to 12), then Protocol (which may hold
     * spaces), Length (the first word made of digits) and Info. Null when the line has no arrow.
     */
    public static String[] columns(String line) {
        int arrow = line.indexOf(ARROW);
        if (arrow < 0) {
            return null;
        }
        String head = line.substring(0, arrow).stripLeading();
        int s1 = head.indexOf(' ');
        if (s1 < 0) {
            return null;
        }
        String no = head.substring(0, s1);
        String rest = head.substring(s1).stripLeading();
        int s2 = rest.indexOf(' ');
        String time = s2 < 0 ? rest : rest.substring(0, s2);
        String source = s2 < 0 ? "" : rest.substring(s2).strip();
        String tail = line.substring(arrow + ARROW.length());
        int sp = tail.indexOf(' ');
        String destination = sp < 0 ? tail : tail.substring(0, sp);
        String after = sp < 0 ? "" : tail.substring(sp).stripLeading();
        Matcher m = PROTO_LEN_INFO.matcher(after);
        if (!m.matches()) {
            return new String[] {no, time, source, destination, after, "", ""};
        }
        return new String[] {no, time, source, destination, m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3)};
    }

    /** The kind of difference between two text lines of a frame whose tshark Protocol is {@code protocol}. */
    public static String textKind(String protocol, String tshark, String capmill) {
        if (capmill == null) {
            return protocol + " | line | capmill prints no line for this frame";
        }
        String[] t = columns(tshark);
        String[] c = columns(capmill);
        if (t == null || c == null) {
            return protocol + " | line | " + pattern(tshark, capmill);
        }
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (!t[i].equals(c[i])) {
                differ.add(COLUMNS.get(i));
            }
        }
        String cols = differ.isEmpty() ? "padding" : String.join(",", differ);
        String what;
        if (!t[4].equals(c[4])) {
            what = "capmill's Protocol is " + c[4];
        } else if (!t[6].equals(c[6])) {
            what = pattern(t[6], c[6]);
        } else if (!differ.isEmpty()) {
            int i = COLUMNS.indexOf(differ.get(0));
            what = pattern(t[i], c[i]);
        } else {
            what = pattern(tshark, capmill);
        }
        return protocol + " | " + cols + " | " + what;
    }

    /** The kind of difference between two field rows (tab-separated, in {@code fields} order). */
    public static String fieldsKind(String protocol, List<String> fields, String tshark, String capmill) {
        if (capmill == null) {
            return protocol + " | line | capmill prints no line for this frame";
        }
        String[] t = tshark.split("\t", -1);
        String[] c = capmill.split("\t", -1);
        if (t.length != c.length) {
            return protocol + " | line | capmill prints " + c.length + " fields, tshark " + t.length;
        }
        List<String> differ = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < t.length; i++) {
            if (!t[i].equals(c[i])) {
                differ.add(i < fields.size() ? fields.get(i) : "#" + i);
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (differ.isEmpty()) {
            return protocol + " | line | " + pattern(tshark, capmill);
        }
        String cols = differ.size() > 3 ? String.join(",", differ.subList(0, 3)) + ",+" + (differ.size() - 3) : String.join(",", differ);
        return protocol + " | " + cols + " | " + pattern(t[first], c[first]);
    }

    /** The fields whose values differ between two rows, by name (for per-field rates). */
    public static boolean[] fieldsDiffer(String tshark, String capmill, int count) {
        boolean[] d = new boolean[count];
        String[] t = tshark.split("\t", -1);
        String[] c = capmill == null ? new String[0] : capmill.split("\t", -1);
        for (int i = 0; i < count; i++) {
            String a = i < t.length ? t[i] : null;
            String b = i < c.length ? c[i] : null;
            d[i] = a == null ? b != null : !a.equals(b);
        }
        return d;
    }

    /**
     * "tshark «...» capmill «...»": the words that differ (between the common beginning and end,
     * widened to whole words), then normalised; "tshark adds «...»" when one side only has more words.
     */
    public static String pattern(String tshark, String capmill) {
        String a = tshark;
        String b = capmill;
        int p = 0;
        while (p < a.length() && p < b.length() && a.charAt(p) == b.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < a.length() - p && s < b.length() - p && a.charAt(a.length() - 1 - s) == b.charAt(b.length() - 1 - s)) {
            s++;
        }
        if (p + s == a.length() || p + s == b.length()) {
            // one side only adds words: name them alone, so that the same addition after different
            // words is one kind
            boolean tsharkAdds = p + s == b.length();
            String longer = tsharkAdds ? a : b;
            String added = longer.substring(p, longer.length() - s);
            if (!added.isBlank() && (p == 0 || longer.charAt(p - 1) == ' ' || added.startsWith(" ") || added.endsWith(" "))) {
                return (tsharkAdds ? "tshark adds \u00ab" : "capmill adds \u00ab") + cut(normalise(added.strip())) + "\u00bb";
            }
        }
        // widen to whole words, so that "Win=237" and "Win=30336" read as words
        while (p > 0 && a.charAt(p - 1) != ' ') {
            p--;
        }
        int ea = a.length() - s;
        int eb = b.length() - s;
        while (ea < a.length() && a.charAt(ea) != ' ') {
            ea++;
        }
        while (eb < b.length() && b.charAt(eb) != ' ') {
            eb++;
        }
        return "tshark \u00ab" + cut(normalise(a.substring(p, ea))) + "\u00bb capmill \u00ab" + cut(normalise(b.substring(p, eb))) + "\u00bb";
    }

    private static String cut(String s) {
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH) + "\u2026";
    }

    private static final Pattern MAC = Pattern.compile("\\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\\b");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(?![\\w:])");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Addresses, hex values and numbers replaced by placeholders. */
    public static String normalise(String s) {
        s = MAC.matcher(s).replaceAll("MAC");
        s = IPV4.matcher(s).replaceAll("A.B.C.D");
        s = IPV6.matcher(s).replaceAll("X::Y");
        s = HEX.matcher(s).replaceAll("HEX");
        return NUMBER.matcher(s).replaceAll("#");
    }
}
