package dev.capmill.text;

/**
 * ICMP type and code texts as tshark 4.0 shows them in the Info column. Every entry here was checked
 * against tshark 4.0.17's output for a capture of each type (0–255, code 0) and of codes 0–16 of
 * the types with codes.
 */
final class IcmpNames {
    private IcmpNames() {
    }

    static String type(int t) {
        return switch (t) {
            case 0 -> "Echo (ping) reply";
            case 1, 2 -> "Reserved";
            case 3 -> "Destination unreachable";
            case 4 -> "Source quench (flow control)";
            case 5 -> "Redirect";
            case 6 -> "Alternate host address";
            case 8 -> "Echo (ping) request";
            case 9 -> "Router advertisement";
            case 10 -> "Router solicitation";
            case 11 -> "Time-to-live exceeded";
            case 12 -> "Parameter problem";
            case 13 -> "Timestamp request";
            case 14 -> "Timestamp reply";
            case 15 -> "Information request";
            case 16 -> "Information reply";
            case 17 -> "Address mask request";
            case 18 -> "Address mask reply";
            case 19 -> "Reserved (for security)";
            case 30 -> "Traceroute";
            case 31 -> "Datagram Conversion Error";
            case 32 -> "Mobile Host Redirect";
            case 33 -> "IPv6 Where-Are-You";
            case 34 -> "IPv6 I-Am-Here";
            case 35 -> "Mobile Registration Request";
            case 36 -> "Mobile Registration Reply";
            case 37 -> "Domain Name Request";
            case 38 -> "Domain Name Reply";
            case 39 -> "SKIP";
            case 40 -> "Photuris";
            case 41 -> "Experimental mobility protocols";
            case 42 -> "Extended Echo request";
            case 43 -> "Extended Echo reply";
            default -> "Unknown ICMP (obsolete or malformed?)";
        };
    }

    /** Whether tshark follows the type with " id=0x..., seq=n/m, ttl=n". */
    static boolean hasIdentifier(int t) {
        return t == 0 || t == 8 || (t >= 13 && t <= 18);
    }

    /** Whether tshark follows the type with " (code text)". */
    static boolean hasCode(int t) {
        return t == 3 || t == 5 || t == 6 || t == 9 || t == 11 || t == 12 || t == 40 || t == 42 || t == 43;
    }

    /** The code's text, or null for tshark's "Unknown code: N". */
    static String code(int t, int c) {
        String[] table = switch (t) {
            case 3 -> UNREACHABLE;
            case 5 -> REDIRECT;
            case 6 -> ALTERNATE;
            case 11 -> TIME_EXCEEDED;
            case 12 -> PARAMETER;
            case 40 -> PHOTURIS;
            case 42, 43 -> EXTENDED_ECHO;
            default -> NONE;
        };
        if (t == 9 && c == 0) {
            // not checked on advertisements carrying Mobile IP extensions (tshark shows those differently)
            return "Normal router advertisement";
        }
        return c < table.length ? table[c] : null;
    }

    private static final String[] NONE = {};
    private static final String[] UNREACHABLE = {"Network unreachable", "Host unreachable", "Protocol unreachable",
        "Port unreachable", "Fragmentation needed", "Source route failed", "Destination network unknown",
        "Destination host unknown", "Source host isolated", "Network administratively prohibited",
        "Host administratively prohibited", "Network unreachable for TOS", "Host unreachable for TOS",
        "Communication administratively filtered", "Host precedence violation", "Precedence cutoff in effect"};
    private static final String[] REDIRECT = {"Redirect for network", "Redirect for host",
        "Redirect for TOS and network", "Redirect for TOS and host"};
    private static final String[] ALTERNATE = {"Alternate address for host"};
    private static final String[] TIME_EXCEEDED = {"Time to live exceeded in transit", "Fragment reassembly time exceeded"};
    private static final String[] PARAMETER = {"Pointer indicates the error", "Required option missing", "Bad length"};
    private static final String[] PHOTURIS = {"Bad SPI", "Authentication Failed", "Decompression Failed",
        "Decryption Failed", "Need Authentication", "Need Authorization"};
    private static final String[] EXTENDED_ECHO = {"No error"};
}
