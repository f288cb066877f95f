#!/usr/bin/env python3
"""Writes dns-tcp.pcap: DNS over TCP port 53: single messages, two in one segment, a response split
across segments followed in the same segment by the next one, a length split from its message, and
a message that is not DNS. Python 3 standard library only.
Golden: TZ=UTC tshark -n -r dns-tcp.pcap > dns-tcp.pcap.tshark-n.txt"""
import struct


def ip4(src, dst, proto, payload):
    return struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0,
                       bytes(map(int, src.split('.'))), bytes(map(int, dst.split('.')))) + payload


def tcp(sp, dp, seq, ack, flags, data=b''):
    return struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 0x50, flags, 8192, 0, 0) + data


def eth(payload):
    return bytes([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]) + payload


C, S = '10.1.1.1', '10.2.2.2'
packets = []


def conversation(cport, sport, exchanges):
    """exchanges: (from client?, bytes) in order, after the handshake."""
    seq = {True: 1000, False: 5000}
    packets.append(ip4(C, S, 6, tcp(cport, sport, 999, 0, 0x02)))
    packets.append(ip4(S, C, 6, tcp(sport, cport, 4999, 1000, 0x12)))
    for client, data in exchanges:
        if client:
            packets.append(ip4(C, S, 6, tcp(cport, sport, seq[True], seq[False], 0x18, data)))
        else:
            packets.append(ip4(S, C, 6, tcp(sport, cport, seq[False], seq[True], 0x18, data)))
        seq[client] += len(data)


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

with open('dns-tcp.pcap', 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(packets):
        frame = eth(p)
        f.write(struct.pack('<IIII', i, 0, len(frame), len(frame)) + frame)
