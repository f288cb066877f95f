#!/usr/bin/env python3
"""Writes snmp-port.pcap: datagrams from SNMP's ports (161, 162) to DHCPv6's and DNS's whose payload is
not SNMP, which tshark 4.0 then gives to the other port's dissector.
Python 3 standard library only. Golden: TZ=UTC tshark -n -r snmp-port.pcap > snmp-port.pcap.tshark-n.txt"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from udpcraft import udp4, write  # noqa: E402


REBIND = bytes.fromhex('06603301' '0008000200000001' '000e000100010000000000000000')
frames = [
    udp4(161, 546, REBIND),                       # not a BER SEQUENCE: DHCPv6
    udp4(161, 546, b'\x30' + REBIND[1:]),         # a SEQUENCE whose length overruns the datagram
    udp4(162, 547, REBIND),
    udp4(161, 53, bytes.fromhex('123401000001000000000000' '0000010001')),  # DNS
    udp4(161, 546, b''),
    udp4(161, 546, b'\x31\x00'),                  # a SET, not a SEQUENCE
]
write('snmp-port.pcap', [(f, len(f)) for f in frames])
