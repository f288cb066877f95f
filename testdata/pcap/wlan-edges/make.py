#!/usr/bin/env python3
"""Writes wlan-edges.pcap (radiotap, link type 127): 802.11 frames at the edges tshark 4.0 handles in
its own way: control frames whose last address runs into an FCS cut short, management frames with
Mesh ID elements (empty and not), and headers cut by the snap length.
Python 3 standard library only. Golden: TZ=UTC tshark -n -r wlan-edges.pcap > wlan-edges.pcap.tshark-n.txt"""
import struct


def radiotap(fcs):
    """A radiotap header with only the Flags field (0x10: an FCS ends the frame)."""
    return struct.pack('<BBHIB', 0, 0, 9, 0x2, 0x10 if fcs else 0)


RA = bytes.fromhex('001e4c867553')
TA = bytes.fromhex('0011223344aa')
BSSID = bytes.fromhex('0011223344bb')
ACK = bytes([0xd4, 0, 0, 0]) + RA
RTS = bytes([0xb4, 0, 0, 0]) + RA + TA


def probe_request(elements):
    header = bytes([0x40, 0, 0, 0]) + b'\xff' * 6 + TA + b'\xff' * 6 + struct.pack('<H', 0x10 << 4)
    return header + elements


def element(tag, data):
    return bytes([tag, len(data)]) + data


frames = [  # (frame, original length)
    (radiotap(True) + ACK + b'\xf0\xfe', None),          # the FCS cut to 2 bytes: RA still shown
    (radiotap(True) + ACK + b'\x01\x02\x03\x04', None),   # a whole FCS
    (radiotap(True) + RTS[:14] + b'\xf0\xfe', None),      # TA runs into the FCS
    (radiotap(False) + probe_request(element(0, b'') + element(114, b'')), None),
    (radiotap(False) + probe_request(element(0, b'lab') + element(114, b'11s-mesh')), None),
    (radiotap(False) + probe_request(element(114, b'mesh\x01id') + element(0, b'')), None),
    (radiotap(False) + probe_request(b'')[:12], 400),      # header cut by the snap length
    (radiotap(False) + probe_request(b'')[:12], None),     # header cut short
]
out = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 127)
for i, (f, orig) in enumerate(frames):
    out += struct.pack('<IIII', 1700000000 + i, 0, len(f), orig or len(f)) + f
open('wlan-edges.pcap', 'wb').write(out)
