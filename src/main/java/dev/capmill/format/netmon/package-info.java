/**
 * Microsoft Network Monitor 1.x and 2.0-2.3 capture files: reader, format, constants. Read only.
 *
 * <h2>Sources (facts only; no code was copied)</h2>
 * <ul>
 * <li>Wireshark {@code wiretap/netmon.c}: header layout, frame table, record headers and 2.1-2.3
 *     trailers, media types and the special NetMon 3 types, the 2.x signed delta rule, the 2.3
 *     FILETIME, the comment and process tables and their checks, the messages capmill imitates.</li>
 * <li>Microsoft CAPTUREFILE_HEADER_VALUES (NetMon 2 SDK): header field names and order.</li>
 * <li>Wireshark bug 10190, comment 11: the 2.3 trailer and ExtendedInfo.</li>
 * </ul>
 *
 * <p>What is supported, how times and time zones are converted, the 1.x 49.7-day wrap, special
 * frames and the differences from tshark are documented in {@code formats/netmon.md}. In short:
 * records are read in frame-table order by seeking ({@link dev.capmill.io.Input#seek}); the table
 * is read in chunks so memory is flat; one interface per link type, declared on first use;
 * comment-table entries become packet comments, the process table section comments, frames
 * without a LINKTYPE (filter, NetEvent, network info EX, WFP, 802.11 NetMon) pcapng custom blocks
 * (PEN 311), network-info/DNS-cache/payload-header frames are skipped and counted; ATM frames
 * become LINKTYPE_SUNATM; compressed or piped input is buffered whole up to 256 MiB.
 */
package dev.capmill.format.netmon;
