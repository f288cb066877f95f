"""Helpers for the crafted UDP captures of the folders beside this file (bootp, dhcpv6-options,
snmp-port, custom-blocks): Ethernet + IPv4 + UDP frames from 10.0.0.1 to 10.0.0.2, written as a pcap
whose records may be cut to a captured length. Python 3 standard library only."""
import struct


def udp4(sport, dport, payload):
    """An Ethernet frame carrying one IPv4 UDP datagram (checksum 0)."""
    udp = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
    return bytes([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]) + ip


def write(path, frames):
    """Writes (frame, captured length) pairs as a microsecond pcap (Ethernet), one second apart."""
    out = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
    for i, (f, captured) in enumerate(frames):
        out += struct.pack('<IIII', 1700000000 + i, 0, captured, len(f)) + f[:captured]
    with open(path, 'wb') as o:
        o.write(out)
