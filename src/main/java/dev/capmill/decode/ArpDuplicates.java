package dev.capmill.decode;

/**
 * tshark's detection of one IPv4 address claimed by two MAC addresses in ARP (on by default;
 * Wireshark epan/dissectors/packet-arp.c, check_for_duplicate_addresses): the first MAC seen for
 * an address is remembered; a later frame pairing the address with another MAC is a duplicate,
 * and the remembered MAC stays the first one. Which pairs are checked is the caller's part (see
 * Summarizer). Bounded: 32,768 addresses, the least recently seen forgotten first, where tshark
 * remembers every address of the file.
 */
public final class ArpDuplicates {
    private final ConversationTable table = new ConversationTable(1 << 13);
    private final long[] mac = new long[table.capacity()];
    private final long[] frame = new long[table.capacity()];

    /**
     * Records that frame {@code f} pairs {@code ip} with the 48-bit {@code macAddress}; true when the
     * address was paired with another MAC in an earlier frame.
     */
    public boolean check(long macAddress, int ip, long f) {
        int s = table.slot(ip & 0xffffffffL);
        if (table.created) {
            mac[s] = macAddress;
            frame[s] = f;
            return false;
        }
        if (f <= frame[s]) {
            return false;
        }
        if (mac[s] == macAddress) {
            frame[s] = f;
            return false;
        }
        return true;
    }
}
