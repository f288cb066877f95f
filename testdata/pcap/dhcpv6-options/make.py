#!/usr/bin/env python3
"""Writes dhcpv6-options.pcap: DHCPv6 messages whose options end early: trailing bytes, an option longer
than the message, options cut by the snap length, and a relayed message cut inside.
Python 3 standard library only. Golden: TZ=UTC tshark -n -r dhcpv6-options.pcap > dhcpv6-options.pcap.tshark-n.txt"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from udpcraft import udp4, write  # noqa: E402

frames = []  # (frame, captured length)


def add(payload, cut=0):
    f = udp4(546, 547, payload)
    frames.append((f, len(f) - cut))


SOLICIT = bytes.fromhex('01603301')
CID = bytes.fromhex('0001000400010203')          # client identifier, 4 bytes
RELAY = bytes([13, 1]) + b'\0' * 32               # Relay-reply, link and peer ::
add(SOLICIT + CID)
add(SOLICIT + CID + b'\x00\x08')                  # 2 bytes after the last option
add(SOLICIT + bytes.fromhex('00010010') + b'\x01\x02')   # an option longer than the message
add(SOLICIT + CID + CID, cut=6)                   # the second option's header cut
add(SOLICIT + CID + CID, cut=2)                   # the second option's data cut
add(SOLICIT + CID + CID, cut=10)                  # the first option's data cut
add(RELAY + bytes.fromhex('00090008') + SOLICIT + bytes.fromhex('0001'))
add(RELAY + bytes.fromhex('0009000c') + SOLICIT + CID, cut=3)

write('dhcpv6-options.pcap', frames)
