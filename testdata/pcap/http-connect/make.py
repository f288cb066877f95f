#!/usr/bin/env python3
"""Writes tunnels.pcap: HTTP CONNECT answered 200 (what follows is TLS) and 407 (it stays HTTP), and a
TLS 1.3 handshake with a Hello Retry Request, whose middlebox Change Cipher Spec is followed by the
server's second Server Hello in the clear. Python 3 standard library only.
Golden: TZ=UTC tshark -n -r tunnels.pcap > tunnels.pcap.tshark-n.txt"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tcpcraft import conversation, write  # noqa: E402


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

write('tunnels.pcap')
