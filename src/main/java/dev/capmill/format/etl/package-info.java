/**
 * Windows ETL (Event Trace Log) files written by {@code netsh trace ... capture=yes} (the
 * NDIS-PacketCapture provider, also its VMSwitch and Wi-Fi metadata events), {@code pktmon start
 * --capture} (the PktMon provider) and RAS NdisWan VPN captures: format,
 * reader, constants and the XPRESS (MS-XCA plain LZ77) decompressor of compressed buffers. Read
 * only.
 *
 * <h2>Sources (facts only; no code was copied)</h2>
 * <ul>
 * <li>Geoff Chappell's pages on WMI_BUFFER_HEADER, the trace header types, SYSTEM_TRACE_HEADER,
 *     EVENT_HEADER and TRACE_LOGFILE_HEADER: buffer and record layouts.</li>
 * <li>Microsoft documentation of TRACE_LOGFILE_HEADER and EVENT_HEADER; [MS-XCA] §2.3–2.4 (plain
 *     LZ77).</li>
 * <li>microsoft/etl2pcapng {@code src/main.c}: provider GUIDs, event ids, keyword bits (link
 *     type, direction, fragments), how it maps packets to pcapng.</li>
 * <li>The PktMon and NDIS-PacketCapture manifests (jdu2600/Windows10EtwEvents,
 *     microsoft/NetMon_Parsers_for_PacketMon): event layouts.</li>
 * <li>Windows DDK headers as quoted by etl2pcapng: DOT11_EXTSTA_RECV_CONTEXT and DOT11_PHY_TYPE
 *     (windot11.h), NDIS_NET_BUFFER_LIST_INFO indices and NDIS_NET_BUFFER_LIST_8021Q_INFO
 *     (nblinfo.h, ndis.h).</li>
 * </ul>
 * All of it is collected, with the checks done on sample files, in {@code shared/formats/etl.md};
 * what capmill does and where it differs from etl2pcapng is in {@code formats/etl.md}.
 */
package dev.capmill.format.etl;
