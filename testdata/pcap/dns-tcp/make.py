#!/usr/bin/env python3
"""Writes dns-tcp.pcap: DNS over TCP port 53: single messages, two in one segment, a response split
across segments followed in the same segment by the next one, a length split from its message, and
a message that is not DNS. Python 3 standard library only.
Golden: TZ=UTC tshark -n -r dns-tcp.pcap > dns-tcp.pcap.tshark-n.txt"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tcpcraft import conversation, write  # noqa: E402


NAME = b'\x03www\x07example\x03com\x00'


def query(i):
    m = struct.pack('!HHHHHH', i, 0x0100, 1, 0, 0, 0) + NAME + struct.pack('!HH', 1, 1)
    return struct.pack('!H', len(m)) + m


def response(i):
    m = (struct.pack('!HHHHHH', i, 0x8180, 1, 1, 0, 0) + NAME + struct.pack('!HH', 1, 1) + b'\xc0\x0c'
         + struct.pack('!HHIH', 1, 1, 60, 4) + bytes([1, 2, 3, 4]))
    return struct.pack('!H', len(m)) + m


split = response(2)
conversation(40001, 53, [(True, query(1)), (False, response(1)), (True, query(2) + query(3)),
                         (False, split[:10]), (False, split[10:] + response(3)),
                         (True, query(4)[:1]), (True, query(4)[1:])])
conversation(40002, 53, [(True, b'\x00\x05hello')])

write('dns-tcp.pcap')
