"""Helpers for the crafted TCP captures of the folders beside this file (dns-tcp, http-connect):
Ethernet + IPv4 + TCP frames of two-way conversations, written as a pcap. Python 3 standard
library only."""
import struct

C, S = '10.1.1.1', '10.2.2.2'


def ip4(src, dst, proto, payload):
    return struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0,
                       bytes(map(int, src.split('.'))), bytes(map(int, dst.split('.')))) + payload


def tcp(sp, dp, seq, ack, flags, data=b''):
    return struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 0x50, flags, 8192, 0, 0) + data


def eth(payload):
    return bytes([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]) + payload


packets = []


def conversation(cport, sport, exchanges):
    """A handshake from C:cport to S:sport, then exchanges: (from client?, bytes) in order."""
    seq = {True: 1000, False: 5000}
    packets.append(ip4(C, S, 6, tcp(cport, sport, 999, 0, 0x02)))
    packets.append(ip4(S, C, 6, tcp(sport, cport, 4999, 1000, 0x12)))
    for client, data in exchanges:
        if client:
            packets.append(ip4(C, S, 6, tcp(cport, sport, seq[True], seq[False], 0x18, data)))
        else:
            packets.append(ip4(S, C, 6, tcp(sport, cport, seq[False], seq[True], 0x18, data)))
        seq[client] += len(data)


def write(path):
    """Writes every packet so far as a pcap (Ethernet), one second apart."""
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, p in enumerate(packets):
            frame = eth(p)
            f.write(struct.pack('<IIII', i, 0, len(frame), len(frame)) + frame)
