#!/usr/bin/env python3
"""Writes tunnels.pcap: HTTP CONNECT answered 200 (what follows is TLS) and 407 (it stays HTTP), and a
TLS 1.3 handshake with a Hello Retry Request, whose middlebox Change Cipher Spec is followed by the
server's second Server Hello in the clear. Python 3 standard library only.
Golden: TZ=UTC tshark -n -r tunnels.pcap > tunnels.pcap.tshark-n.txt"""
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


def record(ctype, body, version=0x0303):
    return struct.pack('!BHH', ctype, version, len(body)) + body


def handshake(htype, body):
    return struct.pack('!B', htype) + len(body).to_bytes(3, 'big') + body


def client_hello():
    body = struct.pack('!H', 0x0303) + bytes(32) + b'\x00' + struct.pack('!H', 2) + b'\x13\x01' + b'\x01\x00'
    ext = struct.pack('!HHB', 43, 3, 2) + struct.pack('!H', 0x0304)
    return record(22, handshake(1, body + struct.pack('!H', len(ext)) + ext), 0x0301)


def server_hello(random):
    body = struct.pack('!H', 0x0303) + random + b'\x00' + b'\x13\x01' + b'\x00'
    ext = struct.pack('!HHH', 43, 2, 0x0304)
    return record(22, handshake(2, body + struct.pack('!H', len(ext)) + ext))


HRR = bytes.fromhex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c')
CCS = record(20, b'\x01')

conversation(40001, 8080, [(True, b'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
                           (False, b'HTTP/1.1 200 Connection established\r\n\r\n'),
                           (True, client_hello())])
conversation(40002, 8080, [(True, b'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
                           (False, b'HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n'),
                           (True, client_hello())])
conversation(40003, 443, [(True, client_hello()),
                          (False, server_hello(HRR) + CCS),
                          (True, CCS + client_hello()),
                          (False, server_hello(bytes(range(32))))])

with open('tunnels.pcap', 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(packets):
        frame = eth(p)
        f.write(struct.pack('<IIII', i, 0, len(frame), len(frame)) + frame)
