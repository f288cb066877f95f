#!/usr/bin/env python3
"""Builds a large `netsh trace`-style ETL from a pcap, for bench/run etl.

No netsh trace of useful size is public (the corpus one holds a single packet), so this writes
what `netsh trace start capture=yes` records, with the layouts of formats/etl.md: a header buffer
with the 64-bit header event (QPC clock at 10 MHz, start time = the first packet's), then
uncompressed 64 KiB buffers of EVENT_HEADER64 records, one Microsoft-Windows-NDIS-PacketCapture
event 1001 per packet (MiniportIfIndex, LowerIfIndex, FragmentSize, the frame, 16 bytes of Gft
fields), Ethernet keyword with packet start/end and send or receive path. Packets are spread over
two CPUs in runs of 1 to 64 so that buffers of the two CPUs overlap in time, as ETW writes them.

    make_netsh_etl.py IN.pcap OUT.etl
"""
import struct
import sys

QPC_FREQ = 10_000_000
REF_CLOCK = 5_000_000_000
FILETIME_UNIX = 116_444_736_000_000_000
BUFFER = 64 * 1024
NDIS_GUID = bytes.fromhex("6e00d62e29470946b4233ee7bcd678ef")
KW_ETHERNET = 0x1
KW_START_END = 0x40000000 | 0x80000000
KW_SEND, KW_RECEIVE = 0x100000000, 0x200000000


def buffer_header(size, filled, cpu, flags, btype, state, seq):
    h = struct.pack("<IIIIqqq", size, filled, filled, 0, 0, seq, 0)
    h += struct.pack("<HHIIHH", cpu, 1, state, filled, flags, btype)
    return h + bytes(16)


def header_buffer(start_filetime, buffers):
    strings = "Relogger\0bench.etl\0".encode("utf-16-le")
    lh = bytearray(0x118)
    struct.pack_into("<I", lh, 0x00, BUFFER)
    lh[4:8] = bytes([10, 0, 1, 5])                       # ETL version 10.0 / 1.5
    struct.pack_into("<II", lh, 0x08, 19044, 2)           # build, processors
    struct.pack_into("<II", lh, 0x20, 0x10001, buffers)   # LogFileMode (relogged), BuffersWritten
    struct.pack_into("<I", lh, 0x2C, 8)                   # pointer size
    struct.pack_into("<I", lh, 0x34, 3000)                # CPU MHz
    struct.pack_into("<qqI", lh, 0x100, QPC_FREQ, start_filetime, 1)
    rec_len = 0x20 + len(lh) + len(strings)
    ev = struct.pack("<HBBHH", 2, 2, 0xC0, rec_len, 0) + struct.pack("<IIqq", 0, 0, REF_CLOCK, 0)
    ev += bytes(lh) + strings
    filled = 0x48 + ((rec_len + 7) & ~7)
    h = buffer_header(1024, filled, 0, 1, 4, 0, 0) + ev
    return h + b"\xff" * (1024 - len(h))


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, "rb") as f:
        gh = f.read(24)
        magic = struct.unpack_from("<I", gh)[0]
        if magic not in (0xA1B2C3D4, 0xA1B23C4D):
            sys.exit("make_netsh_etl: %s is not a little-endian pcap" % src)
        nano = magic == 0xA1B23C4D
        data = f.read()
    # pass 1: the first time, for the header; packets are read again while writing
    sec, frac = struct.unpack_from("<II", data, 0)
    first = sec * 10**9 + (frac if nano else frac * 1000)
    start_filetime = FILETIME_UNIX + first // 100
    pending = {0: [], 1: []}
    fill = {0: 0x48, 1: 0x48}
    written = [0]
    with open(dst, "wb") as out:
        out.write(header_buffer(start_filetime, 0))

        def flush(cpu):
            body = b"".join(pending[cpu])
            written[0] += 1
            buf = buffer_header(BUFFER, 0x48 + len(body), cpu, 0, 0, 0, written[0]) + body
            out.write(buf + b"\xff" * (BUFFER - len(buf)))
            pending[cpu] = []
            fill[cpu] = 0x48

        off, n, cpu, run = 0, 0, 0, 1
        gft = bytes(16)
        while off + 16 <= len(data):
            sec, frac, incl, orig = struct.unpack_from("<IIII", data, off)
            frame = data[off + 16:off + 16 + incl]
            off += 16 + incl
            t = sec * 10**9 + (frac if nano else frac * 1000)
            raw = REF_CLOCK + (t - first) // 100
            if run == 0:
                cpu ^= 1
                run = 1 + (n * 2654435761 >> 7) % 64
            run -= 1
            kw = KW_ETHERNET | KW_START_END | (KW_SEND if n % 3 == 0 else KW_RECEIVE)
            user = struct.pack("<III", 7, 7, len(frame)) + frame + gft
            size = 0x50 + len(user)
            rec = struct.pack("<HBBHH", size, 0x13, 0xC0, 0, 0)
            rec += struct.pack("<IIq", 0x1234 + cpu, 4, raw) + NDIS_GUID
            rec += struct.pack("<HBBBBH", 1001, 0, 0, 4, 0, 0) + struct.pack("<Qqqq", kw, 0, 0, 0)
            rec += user + b"\0" * ((8 - size % 8) % 8)
            if fill[cpu] + len(rec) > BUFFER:
                flush(cpu)
            pending[cpu].append(rec)
            fill[cpu] += len(rec)
            n += 1
        for c in (0, 1):
            if pending[c]:
                flush(c)
        # the header's BuffersWritten
        out.seek(0)
        out.write(header_buffer(start_filetime, written[0] + 1))
    print("%s: %d packets, %d buffers" % (dst, n, written[0]), file=sys.stderr)


if __name__ == "__main__":
    main()
