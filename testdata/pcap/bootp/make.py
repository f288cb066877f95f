#!/usr/bin/env python3
"""Writes bootp.pcap: BOOTP and DHCP messages whose vendor area or options are short, overrun the
message or are cut by the snap length, to pin down when tshark 4.0 marks them "[Malformed Packet]" or
"[Packet size limited during capture]".
Python 3 standard library only. Golden: TZ=UTC tshark -n -r bootp.pcap > bootp.pcap.tshark-n.txt"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from udpcraft import udp4, write  # noqa: E402

frames = []  # (frame, captured length)


def add(payload, cut=0, dport=67):
    f = udp4(67, dport, payload)
    frames.append((f, len(f) - cut))


HEADER = bytes([1, 1, 6, 0]) + b'\0' * 232           # the 236 fixed bytes of a Boot Request
COOKIE = bytes.fromhex('63825363')

# no cookie: the vendor area is 64 bytes; shorter is malformed
for vendor, fill in [(0, 1), (1, 1), (4, 1), (30, 1), (63, 1), (64, 1), (65, 1), (65, 0), (66, 0), (100, 0),
                     (64, 0xff), (65, 0xff)]:
    add(HEADER + bytes([fill]) * vendor)
# cut by the snap length: before the fixed part ends, inside the vendor area, inside what follows it
for reported, captured in [(272, 238), (272, 260), (244, 200), (310, 238), (310, 290), (310, 305)]:
    add(bytes([1, 1, 6, 0]) + b'\0' * (reported - 4), cut=reported - captured)
# options after the vendor area: whole, a value past the end, a code without its length
add(HEADER + b'\0' * 64 + bytes([1, 4, 1, 2, 3, 4, 255]))
add(HEADER + b'\0' * 64 + bytes([1, 4, 1, 2]))
add(HEADER + b'\0' * 64 + bytes([1, 4, 1, 2, 3, 4, 9]))
# DHCP: the type is found, then an option's value runs past the message; a value cut by the snap length
DISCOVER = HEADER + COOKIE + bytes([53, 1, 1])
add(DISCOVER + bytes([12, 10, 65, 66]), dport=68)
add(DISCOVER + bytes([12, 10]) + b'A' * 10 + bytes([255]), dport=68)
add(DISCOVER + bytes([12, 10]) + b'A' * 10 + bytes([255]), cut=8, dport=68)

write('bootp.pcap', frames)
