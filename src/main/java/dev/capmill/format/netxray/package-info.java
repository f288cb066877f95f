/**
 * NetXRay and Sniffer for Windows ("netxray"; Wireshark's netxray1, netxray2, ngwsniffer_1_1,
 * ngwsniffer_2_0): reader, constants.
 *
 * <h2>Sources (facts only; no code was copied)</h2>
 * Wireshark {@code wiretap/netxray.c}: the 128-byte header, the version strings, network and
 * network_plus, the TpS tables (copied exactly, as its comments ask), captypes, the record
 * headers of the old, 1.x and 2.x formats, the FCS/padding rule and the timestamp arithmetic;
 * {@code ../shared/formats/legacy-and-pcap.md} sections 3 and 7.
 *
 * <h2>Reading</h2>
 * <ul>
 * <li>Magic "XCP\0" with version 001.000, 001.100, 002.000-002.003 (others: Unsupported), or the
 *     old "VL\0\0" (16-byte records with one length).</li>
 * <li>Network type = network + 1 (network_plus 0) or network (network_plus 2): Ethernet 1,
 *     Token Ring 6, FDDI 10, ATM → SunATM 123 (pseudo-header from xxx[]), 802.11 105 (radio
 *     information dropped), WAN: Ethernet in 0.x/1.x, by captype in 2.x (PPP 204 and LAPB 207
 *     with a direction byte from xxx[12], Frame Relay 107, SDLC 268, Cisco HDLC 104; ISDN
 *     frames skipped and counted).</li>
 * <li>Time: ticks/s 1000 (old, 1.0), 1e6 (1.1), a TpS table by captype and timeunit (2.x; NDIS
 *     timeunit 2 uses the header's realtick; pods of 002.002/3 start at 0). Like Wireshark, in
 *     double: t = ticks / tps − start_ticks / tps; seconds = start_time + (long) t; nanoseconds
 *     = (int) ((t − (long) t) × 1e9). This reproduces tshark's last digits (1–15 ns off the
 *     µs that editcap wrote). start_time is UTC: no time zone applies. Interfaces use
 *     nanosecond resolution so those digits survive conversion.</li>
 * <li>2.x frames with xxx[2..3] = FF FF end in 4 bytes: an FCS (interface with fcslen 4) when
 *     the header's realtick bytes 1–2 are 34 12, else padding taken off both lengths.</li>
 * <li>Records run from start_offset until the offset equals end_offset (crud after it is
 *     ignored). Circular files (start_offset &gt; end_offset) continue once from offset 128 to
 *     end_offset; that part (bounded by the block limit) is kept from the first pass because the
 *     input is read forward only. An end of file before end_offset otherwise is Truncated.</li>
 * </ul>
 */
package dev.capmill.format.netxray;
