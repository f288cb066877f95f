/**
 * pcapng reading and writing.
 *
 * <h2>Sources (facts only)</h2>
 * <ul>
 * <li>NG: {@code pcapng/pcapng} {@code draft-tuexen-opsawg-pcapng.md}: general block structure,
 *     options, SHB/IDB/EPB/SPB/NRB/ISB/DSB/custom blocks, the obsolete Packet Block (appendix).</li>
 * <li>WS: Wireshark {@code wiretap/pcapng.c} and tshark 4.0.17 behaviour on the shared corpus.</li>
 * <li>LP: libpcap {@code sf-pcapng.c} (version and length checks, tsresol limits).</li>
 * <li>The implementer's notes {@code shared/formats/legacy-and-pcap.md} sections 5 and 7.</li>
 * </ul>
 *
 * <h2>Reader decisions</h2>
 * <ul>
 * <li><b>Byte order</b> is per section; a new SHB restarts section-local interface numbering.
 *     Interfaces are numbered globally across sections ({@link dev.capmill.model.InterfaceInfo#sectionIndex()}
 *     names the section).</li>
 * <li><b>Versions</b>: 1.0 and 1.2 are read (LP treats 1.2 as 1.0). Any other version in the
 *     first SHB is {@code Unsupported} ("unknown SHB version 0.1", as tshark words it); 1.x with
 *     another minor is refused anywhere. A later SHB with a major version other than 1 ends the
 *     reading with a warning in the diagnostics: NG says to skip to the next SHB, but tshark 4.0
 *     stops there (gopacket test901: 1 packet), and we follow tshark.</li>
 * <li><b>Block lengths</b> below 12 are {@code Corrupt}; above {@code ReadLimits.maxBlock()}
 *     {@code LimitExceeded}, before anything is read or allocated. A length that is not a
 *     multiple of 4 is read as padded to 4, with the trailer after the padding and a warning:
 *     the pcapng.org {@code icmp2.ntar} has Packet Blocks of length 110 stored that way and tshark
 *     4.0 reads its 8 packets (so do we). A trailer that differs from the header is {@code Corrupt}.
 *     ({@code http.bigendian.ntar} is refused by both tshark and us at its SHB: version 256.0.)</li>
 * <li><b>Options</b> are read up to the block end; opt_endofopt may be missing. A value running
 *     past the block end is {@code Corrupt} and names the option code and length (WS: "Not enough
 *     data to handle option of length N"). Values whose layout is known are stored little-endian:
 *     if_speed/txspeed/rxspeed/tsoffset (8), if_tzone (4), epb_flags/epb_queue (4),
 *     epb_dropcount/packetid (8), the u64 of an eBPF epb_verdict, isb_ifrecv..isb_usrdeliv (8),
 *     isb_starttime/endtime as two little-endian u32 halves (high first, as in a little-endian
 *     file), and the PEN of custom options. Addresses, strings, hashes, filters and unknown codes
 *     are kept as read; comments keep NUL, CR and LF bytes.</li>
 * <li><b>Timestamps</b>: ticks = ts_high:ts_low (unsigned) in 10^-n or 2^-n s (default 10^-6),
 *     converted exactly with unsigned division or a 128-bit product; resolutions finer than ns
 *     truncate. if_tsoffset (signed seconds) is added. Raw ticks are kept on the record.
 *     if_tsresol above 10^-19 or 2^-63 (LP's limits) is {@code Corrupt}. A tick count of 2^63 or
 *     more at 1-second resolution does not fit the signed seconds and wraps (raw ticks stay exact).</li>
 * <li><b>SPB</b>: interface 0 of the current section, no time, caplen = min(orig_len, IDB 0
 *     snaplen when non-zero, block length - 16).</li>
 * <li><b>PB</b> (obsolete): read like an EPB; its 16-bit drops_count becomes an epb_dropcount
 *     option (code 4, u64), added first, because tshark shows it as the frame's "Drop Count"
 *     and an EPB carrying epb_dropcount shows the same; pack_flags/pack_hash share the EPB codes.</li>
 * <li><b>BLOCK records</b>: the payload is the part of the body before the options, the
 *     options are in {@code record.options()}. ISB: interface id (translated to the
 *     <em>global</em> interface id), ts_high, ts_low, little-endian; the record also carries the
 *     interface id and the ISB time. NRB: the record list up to and including nrb_record_end,
 *     each record's type and length little-endian (values are addresses and names, unchanged).
 *     DSB: secrets type and length little-endian, then the secrets (unpadded). Custom blocks
 *     (0xBAD, 0x40000BAD): the whole body, PEN made little-endian; their options cannot be
 *     located (only the vendor knows the data length), so they stay inside the payload.
 *     Unknown and local-use block types: the whole body <em>as read</em>, not swapped even in a
 *     big-endian section, because its layout is unknown.</li>
 * <li>Not done here: Wireshark's per-link-type pseudo-header checks. tshark 4.0 stops
 *     {@code pcap-ng_Wi-Fi_Bluetooth_USB_Cooked_timestamps_issue_1.ntar} after 411 packets
 *     ("Bluetooth file has a 3-byte packet, too small to have even a pseudo-header"); the
 *     container is intact and this reader returns all 413 packets.</li>
 * <li>Every damaged block is reported with offset and record index. In lenient mode a block
 *     whose framing is intact but whose content is damaged (other than SHB/IDB) is skipped and
 *     counted; framing damage still ends the reading.</li>
 * <li>Skipping ({@link dev.capmill.format.PacketSkipping}, for a --from/--to window): packet
 *     blocks are framed (length, trailer) and their interface checked as usual, but only the
 *     timestamp is read; SPBs, which have none, are left out. Every other block is read and
 *     returned, so the metadata is that of a full read. No binary search: a jump could pass an
 *     IDB, NRB or DSB in the middle of the file, which the output must keep.</li>
 * </ul>
 *
 * <h2>Writer decisions</h2>
 * <ul>
 * <li>Always little-endian, version 1.0, section length -1. An SHB is written for every SECTION
 *     record (options from the reader's {@link dev.capmill.model.SectionInfo}), or a bare one
 *     before the first record of another kind, or by {@code finish()} for an empty output.</li>
 * <li>IDBs copy every option of the {@code InterfaceInfo}; if_tsresol, if_tsoffset and
 *     if_fcslen are added from the interface's fields when missing and not the default
 *     (editcap 4.0 writes no if_fcslen when converting a pcap whose header has FCS bits, checked
 *     by hand; we keep the information). An interface first used in a section is declared there
 *     on demand.</li>
 * <li>Packets become EPBs. A packet without time on local interface 0 and without options
 *     becomes an SPB when the SPB caplen rule reads back the same captured length; otherwise an
 *     EPB with timestamp 0. Ticks: the raw ticks when valid and the IDB written has the
 *     interface's resolution and offset; otherwise from seconds/nanos minus if_tsoffset, exactly
 *     for 10^-n, and for 2^-n the smallest tick count whose (truncated) reading is at least the
 *     time, so times read from 2^-n ticks come back to the same ticks. Times that do not fit
 *     an unsigned 64-bit tick count are {@code Unwritable}.</li>
 * <li>BLOCK records are written back with their type, payload (padded) and options; the ISB's
 *     global interface id is mapped back to the local one. 0x40000BAD blocks are not copied and
 *     counted in one warning. BLOCK records claiming SHB/IDB/packet block types are refused
 *     (or dropped with a warning under the WARN loss policy). opt_endofopt is written only when
 *     there are options. All options are copied, custom ones included.</li>
 * </ul>
 */
package dev.capmill.format.pcapng;
