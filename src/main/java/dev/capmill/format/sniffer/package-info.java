/**
 * Network General Sniffer for DOS ("ngsniffer"), uncompressed and compressed: reader, constants.
 *
 * <h2>Sources (facts only; no code was copied)</h2>
 * Wireshark {@code wiretap/ngsniffer.c}: the magic, the record header (type, 16-bit length, 2
 * reserved bytes), the 18-byte version record, frame2/4/6 headers, the network-type and WAN
 * subtype tables, the Psec time-unit table, the compressed blob scheme (SnifferDecompress) and
 * its error rules; {@code ../shared/formats/legacy-and-pcap.md} section 2 and 7.
 *
 * <h2>Reading</h2>
 * <ul>
 * <li>The first record must be REC_VERS; exactly its 18-byte body is read. Header records
 *     (6, 7, 13-17, and 8 in major version ≤ 2) are skipped; REC_HEADER2 of WAN files gives the
 *     subtype. Frame records 4 (frame2), 8 (frame4, ATM only), 12 (frame6); other types are
 *     skipped by their length; REC_EOF (or the end of input between records) ends the file.</li>
 * <li>Network → link type: Token Ring 6, Ethernet 1 (fcslen 0; frame6 frames: unknown, on their
 *     own interface), ARCNET 7, FDDI 10 (bytes as stored; Wireshark calls it bit-swapped FDDI),
 *     ATM → SunATM 123 with a 4-byte pseudo-header built from the frame4 ATMSaveInfo, WAN →
 *     per frame: PPP 204 and LAPB 207 with a direction byte (fs bit 0x80 = sent by the DTE),
 *     Frame Relay 107, Cisco HDLC 104, SDLC 268. ISDN and Wellfleet HDLC frames have no pcap
 *     link type: they are skipped, counted and warned about. One interface per link type,
 *     declared on first use.</li>
 * <li>Time: 40-bit tick count × Psec[timeunit] picoseconds (unsigned 64-bit), + time_day × 86400
 *     (u8, so it wraps after 256 days, read as stored, as Wireshark does) + midnight of the
 *     version record's DOS date in {@link dev.capmill.format.ReadOptions#timeZone()} (UTC
 *     unless {@code --tz}); the DOS time is ignored, as Wireshark ignores it. Nanosecond
 *     resolution.</li>
 * <li>Compressed ({@code format != 1}): after the header records, i16 blob lengths; negative =
 *     stored, else compressed. Each blob expands into a fixed 64 KiB buffer: output past it, a
 *     copy before the start or overlapping itself, a code cut short, are Corrupt errors; a blob
 *     cut short is Truncated. Records may straddle blobs.</li>
 * <li>Checks: record length ≥ its frame header and ≥ header + size; size ≤ the packet limit.</li>
 * </ul>
 */
package dev.capmill.format.sniffer;
