#!/usr/bin/env python3
"""Writes snmp-port.pcap: datagrams from SNMP's ports (161, 162) to DHCPv6's and DNS's whose payload is
not SNMP, which tshark 4.0 then gives to the other port's dissector.
Python 3 standard library only. Golden: TZ=UTC tshark -n -r snmp-port.pcap > snmp-port.pcap.tshark-n.txt"""
import struct


def udp4(sport, dport, payload):
    udp = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
    return bytes([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]) + ip


REBIND = bytes.fromhex('06603301' '0008000200000001' '000e000100010000000000000000')
frames = [
    udp4(161, 546, REBIND),                       # not a BER SEQUENCE: DHCPv6
    udp4(161, 546, b'\x30' + REBIND[1:]),         # a SEQUENCE whose length overruns the datagram
    udp4(162, 547, REBIND),
    udp4(161, 53, bytes.fromhex('123401000001000000000000' '0000010001')),  # DNS
    udp4(161, 546, b''),
    udp4(161, 546, b'\x31\x00'),                  # a SET, not a SEQUENCE
]
out = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
for i, f in enumerate(frames):
    out += struct.pack('<IIII', 1700000000 + i, 0, len(f), len(f)) + f
open('snmp-port.pcap', 'wb').write(out)
