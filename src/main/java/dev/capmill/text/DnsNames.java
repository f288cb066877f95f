package dev.capmill.text;

/**
 * DNS texts as tshark 4.0.17 writes them in the Info column: the short record type names, the
 * opcodes and the reply codes. The type names were read from tshark's own output for a query of
 * every type it names ({@code tshark -G values} lists the long forms); note that 4.0 prints 253 as
 * MAILA and 254 as MAILB.
 */
public final class DnsNames {
    private DnsNames() {
    }

    /** The short name of a record type, or null when tshark prints "Unknown (n)". */
    public static String type(int t) {
        return switch (t) {
            case 0 -> "Unused";
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 19 -> "X25";
            case 20 -> "ISDN";
            case 21 -> "RT";
            case 22 -> "NSAP";
            case 23 -> "NSAP-PTR";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 26 -> "PX";
            case 27 -> "GPOS";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 30 -> "NXT";
            case 31 -> "EID";
            case 32 -> "NIMLOC";
            case 33 -> "SRV";
            case 34 -> "ATMA";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 40 -> "SINK";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 55 -> "HIP";
            case 57 -> "RKEY";
            case 58 -> "TALINK";
            case 59 -> "CDS";
            case 60 -> "CDNSKEY";
            case 61 -> "OPENPGPKEY";
            case 62 -> "CSYNC";
            case 63 -> "ZONEMD";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 99 -> "SPF";
            case 100 -> "UINFO";
            case 101 -> "UID";
            case 102 -> "GID";
            case 103 -> "UNSPEC";
            case 104 -> "NID";
            case 105 -> "L32";
            case 106 -> "L64";
            case 107 -> "LP";
            case 108 -> "EUI48";
            case 109 -> "EUI64";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 253 -> "MAILA";
            case 254 -> "MAILB";
            case 255 -> "ANY";
            case 256 -> "URI";
            case 257 -> "CAA";
            case 32768 -> "TA";
            case 32769 -> "DLV";
            case 65281 -> "WINS";
            case 65282 -> "WINS-R";
            case 65422 -> "XPF";
            default -> null;
        };
    }

    /** Opcode text, or null for "Unknown operation (n)". */
    public static String opcode(int op) {
        return switch (op) {
            case 0 -> "Standard query";
            case 1 -> "Inverse query";
            case 2 -> "Server status request";
            case 4 -> "Zone change notification";
            case 5 -> "Dynamic update";
            case 6 -> "DNS Stateful operations (DSO)";
            default -> null;
        };
    }

    /** Reply code text, or null for "Unknown error (n)". */
    public static String rcode(int rc) {
        return switch (rc) {
            case 0 -> "No error";
            case 1 -> "Format error";
            case 2 -> "Server failure";
            case 3 -> "No such name";
            case 4 -> "Not implemented";
            case 5 -> "Refused";
            case 6 -> "Name exists";
            case 7 -> "RRset exists";
            case 8 -> "RRset does not exist";
            case 9 -> "Not authoritative";
            case 10 -> "Name out of zone";
            case 11 -> "DSO-Type not implemented";
            case 16 -> "Bad OPT Version or TSIG Signature Failure";
            case 17 -> "Key not recognized";
            case 18 -> "Signature out of time window";
            case 19 -> "Bad TKEY Mode";
            case 20 -> "Duplicate key name";
            case 21 -> "Algorithm not supported";
            case 22 -> "Bad Truncation";
            case 23 -> "Bad/missing Server Cookie";
            default -> null;
        };
    }
}
