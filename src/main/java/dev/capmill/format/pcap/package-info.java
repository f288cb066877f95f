/**
 * Classic pcap (libpcap savefile): reader, writer, constants.
 *
 * <h2>Sources (facts only; no code was copied)</h2>
 * <ul>
 * <li>draft-gharris-opsawg-pcap (pcapng/pcapng repository): file header, record header, the
 *     link-type field's FCS subfields.</li>
 * <li>libpcap {@code sf-pcap.c}: versions 2.0-2.4 and DG/UX 543.0, length swapping before 2.3,
 *     the modified (Kuznetzov) magic, the reserved link-type bits.</li>
 * <li>Wireshark {@code wiretap/libpcap.c} and {@code libpcap.h}: the variants (ss990417,
 *     ss990915, ss991029, Nokia, AIX, Ixia lcap), the variant heuristic, the per-link-type
 *     packet size limits ({@code wiretap/pcap-common.c}, {@code wtap.h}) and the messages that
 *     capmill imitates ("major version 1 unsupported", "network type reserved field not zero
 *     (0x00300000)", "File has N-byte packet, bigger than maximum of M").</li>
 * </ul>
 *
 * <h2>Reading</h2>
 * <ul>
 * <li>Magic numbers (either byte order): 0xa1b2c3d4 µs, 0xa1b23c4d ns, 0xa1b2cd34 modified,
 *     Ixia lcap 0x1c0001ac (ns) / 0x1c0001ab (µs), which have 4 more header bytes (a total
 *     record byte count that is skipped).</li>
 * <li>Variants with the standard magic and version 2.4: standard, ss990417 (Red Hat 6.1,
 *     24-byte record header) and Nokia (20 bytes) look alike; like tshark 4.0.17, the reader
 *     scores each candidate on the first 3 records (fraction ≥ 10^6, caplen over the link
 *     type's maximum, caplen &gt; snaplen, len &gt; 128 MiB, caplen &gt; len, ifindex &gt; 10000,
 *     implausible protocol or packet type in the ss99 headers, a record cut short) and takes
 *     the first candidate without a fault, else the one with fewest. Later Wireshark versions
 *     also score Nokia's 4 bytes; tshark 4.0.17 does not, and with its rule capmill's choice
 *     equals capinfos' for every standard- and modified-magic file in the corpus. The modified magic
 *     chooses ss991029 (24 bytes) or ss990915 (28) the same way. capmill looks at most 1 MiB
 *     ahead, without consuming it, so no seek is needed and pipes work (Wireshark refuses the
 *     modified magic from a pipe).</li>
 * <li>Versions: major &lt; 2 is refused; minor &lt; 3 and DG/UX 543.0 swap caplen and len in
 *     every record; 2.3 swaps them when caplen &gt; len; versions other than 2.0-2.4 and 543.0
 *     are read as 2.4 with a warning (tshark reads 2.5; libpcap refuses it). A version below
 *     2.4 forces the standard layout, even with the nanosecond magic, whose timestamps are then
 *     read as microseconds: that is what Wireshark does.</li>
 * <li>AIX: standard magic, version 2.2, link type 6/9/15/24 (RFC 1573 ifTypes) → Ethernet,
 *     Token Ring, FDDI, NULL with nanosecond timestamps; AIX FDDI records lose 3 leading bytes
 *     of padding.</li>
 * <li>Link-type field: bits 16-25 must be zero (else the file is refused, as libpcap and
 *     Wireshark do); bit 26 set means bits 28-31 give the FCS length in 16-bit units, reported
 *     as {@code fcsLength} = 2 × that, in bytes. Unknown link types are read (capmill copies
 *     bytes; tshark refuses some of them).</li>
 * <li>Timestamps: seconds are unsigned 32-bit. A fraction ≥ 1 s (seen in µs files from the
 *     wild) carries into the seconds. Wireshark holds nanoseconds in a signed 32-bit int, so a
 *     fraction × 1000 (µs) or a fraction (ns) of 2^31 or more wraps; capmill computes the
 *     fraction the same way, so frame.time_epoch of tshark and capmill's time are the same
 *     instant for every file (tcpdump's timestamp_invalid_micro/nano and rx_serviceid_oobr
 *     included; tshark prints such values unnormalised, e.g. "1418145370.1000000000" for
 *     1418145371 s). Such a time can be negative (0 s + a wrapped fraction), which pcap
 *     cannot store again.</li>
 * <li>Lengths: caplen over {@link dev.capmill.format.ReadLimits#maxPacket(int)} is refused before
 *     anything is sized; caplen &gt; snaplen and len &lt; caplen are kept as read (Wireshark accepts
 *     them). End of input inside a record throws {@code Truncated} after every complete record
 *     was returned. Lenient mode changes nothing: pcap has no marker to resynchronise on.</li>
 * <li>Not kept: the ss99* fields (ifindex, protocol, packet type), Nokia's 4 bytes, thiszone and
 *     sigfigs. Wireshark strips pseudo-headers (SunATM's 4 bytes, for instance) from the packet
 *     it shows; capmill keeps the record's bytes as they are, so frame.len and frame.cap_len of
 *     such link types differ from tshark's by the pseudo-header size.</li>
 * <li>Skipping ({@link dev.capmill.format.PacketSkipping}, for a --from/--to window): on a file,
 *     a binary search over offsets ({@code PcapSeek}, after tcpslice's {@code search.c}) jumps
 *     to a record shortly before the time, then record headers are read and earlier packets
 *     left out without being decoded; on a stream only the latter. Record indexes after a jump
 *     are unknown and reported as -1.</li>
 * </ul>
 *
 * <h2>Writing</h2>
 * <ul>
 * <li>Little-endian, version 2.4, thiszone 0, sigfigs 0; µs magic unless the precision is NANO,
 *     or AUTO and the first interface is finer than µs. The header is written on the first
 *     INTERFACE record: its link type, its FCS length (when known, even and ≤ 30 bytes) and its
 *     snapshot length, or the link type's maximum when that is 0 (262144 for most, as editcap
 *     writes).</li>
 * <li>An interface with another link type is refused whatever the loss policy. Same link type
 *     with another snapshot length or resolution is merged (a warning when timestamps lose
 *     precision).</li>
 * <li>Packet options, BLOCK records and section or interface comments are refused
 *     (LossPolicy.FAIL) or dropped with a counted warning (WARN). Other SHB/IDB options
 *     (hardware, OS, application, interface names) are dropped silently, as editcap does.</li>
 * <li>µs output truncates nanoseconds (editcap does: 1000.000001999 → 1000.000001). A packet
 *     without a timestamp is written with 0 (editcap does the same for pcapng SPBs). Seconds
 *     outside 0..2^32-1, original lengths over 2^32-1 and packets over the link type's maximum
 *     are refused. (Wireshark also refuses seconds over 2^31-1; pcap's field is unsigned and
 *     tshark reads such values, so capmill writes them.)</li>
 * <li>{@code finish()} without any interface is refused: pcap has no link type to write
 *     (editcap refuses an input without interfaces too).</li>
 * </ul>
 */
package dev.capmill.format.pcap;
