#!/usr/bin/env python3
"""Writes custom-blocks.pcapng: pcapng custom blocks among packets, which tshark 4.0 numbers and shows
as frames of their own ("PCAPNG ... Custom Block: PEN = ..."), and a simple packet block (no time).
Python 3 standard library only. Goldens:
  TZ=UTC tshark -n -r custom-blocks.pcapng > custom-blocks.pcapng.tshark-n.txt
  TZ=UTC tshark -n -r custom-blocks.pcapng -t d > custom-blocks.pcapng.tshark-n-td.txt
  TZ=UTC tshark -n -r custom-blocks.pcapng -T fields -e frame.number -e frame.time_epoch \\
      -e frame.time_relative -e frame.time_delta -e frame.len -e frame.cap_len -e frame.interface_id \\
      -e _ws.col.Protocol -e _ws.col.Info > custom-blocks.pcapng.tshark-fields.tsv"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from udpcraft import udp4  # noqa: E402


def block(kind, body):
    body += b'\0' * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack('<II', kind, n) + body + struct.pack('<I', n)


def custom(pen, data, copy=True):
    return block(0x00000BAD if copy else 0x40000BAD, struct.pack('<I', pen) + data)


def epb(seconds, micros, frame):
    t = seconds * 1_000_000 + micros
    return block(6, struct.pack('<IIIII', 0, t >> 32, t & 0xFFFFFFFF, len(frame), len(frame)) + frame)


def spb(frame):
    return block(3, struct.pack('<I', len(frame)) + frame)


out = block(0x0A0D0D0A, struct.pack('<IHHq', 0x1A2B3C4D, 1, 0, -1))
# a custom block first: tshark's relative times then count from 0
out += custom(32473, b'an example Custom Block\0')                         # RFC 5612's documentation PEN
out += block(1, struct.pack('<HHI', 1, 0, 0))                               # Ethernet interface
out += epb(1700000000, 250000, udp4(40000, 9, b'first'))
out += custom(0, b'reserved PEN, not to be copied', copy=False)
out += epb(1700000001, 500000, udp4(40000, 9, b'second'))             # delta from the packet before the block
out += spb(udp4(40001, 9, b'no time'))                                 # time 0 for the next delta
out += epb(1700000002, 0, udp4(40000, 9, b'third'))
out += custom(311, b'\x01\x02\x03')                                         # Microsoft, 3 bytes padded to 4
out += custom(3999999, b'')                                                 # a PEN tshark does not name either
out += epb(1700000002, 125, udp4(40000, 9, b'fourth'))
open('custom-blocks.pcapng', 'wb').write(out)
