package dev.capmill.text;

/**
 * ICMPv6 type and code texts as tshark 4.0 shows them in the Info column (Wireshark
 * epan/dissectors/packet-icmpv6.c), each checked against tshark 4.0.17's output for a capture of
 * types 0–255 and of codes 0–11 of the error types.
 */
final class Icmpv6Names {
    private Icmpv6Names() {
    }

    /** The type's name, or null for tshark's "Unknown (N)". */
    static String type(int t) {
        return switch (t) {
            case 1 -> "Destination Unreachable";
            case 2 -> "Packet Too Big";
            case 3 -> "Time Exceeded";
            case 4 -> "Parameter Problem";
            case 100, 101, 200, 201 -> "Private experimentation";
            case 127 -> "Reserved for expansion of ICMPv6 error messages";
            case 128 -> "Echo (ping) request";
            case 129 -> "Echo (ping) reply";
            case 130 -> "Multicast Listener Query";
            case 131 -> "Multicast Listener Report";
            case 132 -> "Multicast Listener Done";
            case 133 -> "Router Solicitation";
            case 134 -> "Router Advertisement";
            case 135 -> "Neighbor Solicitation";
            case 136 -> "Neighbor Advertisement";
            case 137 -> "Redirect";
            case 138 -> "Router Renumbering";
            case 139 -> "Node Information Query";
            case 140 -> "Node Information Reply";
            case 141 -> "Inverse Neighbor Discovery Solicitation";
            case 142 -> "Inverse Neighbor Discovery Advertisement";
            case 143 -> "Multicast Listener Report Message v2";
            case 144 -> "Home Agent Address Discovery Request";
            case 145 -> "Home Agent Address Discovery Reply";
            case 146 -> "Mobile Prefix Solicitation";
            case 147 -> "Mobile Prefix Advertisement";
            case 148 -> "Certification Path Solicitation";
            case 149 -> "Certification Path Advertisement";
            case 151 -> "Multicast Router Advertisement";
            case 152 -> "Multicast Router Solicitation";
            case 153 -> "Multicast Router Termination";
            case 156 -> "Locator Update";
            case 157 -> "Duplicate Address Request";
            case 158 -> "Duplicate Address Confirmation";
            case 159 -> "MPL Control Message";
            case 160 -> "Extended Echo request";
            case 161 -> "Extended Echo reply";
            case 255 -> "Reserved for expansion of ICMPv6 informational messages";
            default -> null;
        };
    }

    /** Whether tshark follows the type's name with the code's text in parentheses. */
    static boolean hasCode(int t) {
        return t == 1 || t == 3 || t == 4 || t == 138 || t == 139 || t == 140 || t == 160 || t == 161;
    }

    /**
     * The code's text, or null when the code is unknown: tshark then shows "Unknown" for a
     * destination unreachable and "Unknown (N)" for the other types.
     */
    static String code(int t, int c) {
        String[] table = switch (t) {
            case 1 -> UNREACHABLE;
            case 3 -> TIME_EXCEEDED;
            case 4 -> PARAMETER;
            case 138 -> RENUMBERING;
            case 139 -> NODE_QUERY;
            case 140 -> NODE_REPLY;
            case 160, 161 -> EXTENDED_ECHO;
            default -> NONE;
        };
        return c < table.length ? table[c] : null;
    }

    private static final String[] NONE = {};
    private static final String[] RENUMBERING = {"Command", "Result"};
    private static final String[] NODE_QUERY = {"Query subject = IPv6 addresses"};
    private static final String[] NODE_REPLY = {"Successful"};
    private static final String[] EXTENDED_ECHO = {"No error"};

    private static final String[] UNREACHABLE = {"no route to destination", "Administratively prohibited",
        "Beyond scope of source address", "Address unreachable", "Port unreachable",
        "Source address failed ingress/egress policy", "Reject route to destination",
        "Error in Source Routing Header"};
    private static final String[] TIME_EXCEEDED = {"hop limit exceeded in transit", "fragment reassembly time exceeded"};
    private static final String[] PARAMETER = {"erroneous header field encountered",
        "unrecognized Next Header type encountered", "unrecognized IPv6 option encountered",
        "IPv6 First Fragment has incomplete IPv6 Header Chain"};
}
