#!/usr/bin/env python3
"""Writes http-fin.pcap: four HTTP responses sent in one segment together with the server's FIN,
two chunked responses (one with no data), and three responses without length whose FIN comes
alone after them (one with a segment missing).
Python 3 standard library only. Golden: TZ=UTC tshark -n -r http-fin.pcap > http-fin.pcap.tshark-n.txt"""
import struct


def ip4(src, dst, proto, payload):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0,
                    bytes(map(int, src.split('.'))), bytes(map(int, dst.split('.'))))
    return h + payload


def tcp(sp, dp, seq, ack, flags, data=b''):
    return struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 0x50, flags, 8192, 0, 0) + data


def eth(payload):
    return bytes([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]) + payload


C, S = '10.1.1.1', '10.2.2.2'
packets = []


def conversation(port, response, fin=True):
    cs, ss = 1000, 5000
    packets.append(ip4(C, S, 6, tcp(port, 80, cs - 1, 0, 0x02)))
    packets.append(ip4(S, C, 6, tcp(80, port, ss - 1, cs, 0x12)))
    request = b'GET /a HTTP/1.1\r\nHost: x\r\n\r\n'
    packets.append(ip4(C, S, 6, tcp(port, 80, cs, ss, 0x18, request)))
    packets.append(ip4(S, C, 6, tcp(80, port, ss, cs + len(request), 0x19 if fin else 0x18, response)))


GIF = bytes.fromhex('47494638396101000100910000ffffffffffff' 'fe0102000000' '21f904041400ff00'
                    '2c00000000010001000002024401003b')
# a whole GIF with its length: the image dissector names its version
conversation(40001, b'HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: %d\r\n'
             b'Connection: close\r\n\r\n' % len(GIF) + GIF)
# a GIF body under 20 bytes: left to the media dissector, which shows the type
conversation(40002, b'HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 10\r\n\r\nGIF89a\x01\x00\x01\x00')
# no length: the body runs to the FIN
conversation(40003, b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html></html>')
# a length beyond what comes before the FIN: what is there is the body
conversation(40004, b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<html>')

# (no FIN) a chunked body of no data: tshark's body is empty, so no media type is shown
conversation(40005, b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n0\r\n\r\n',
             fin=False)
# (no FIN) a chunked body with data: the media type is shown
conversation(40006, b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n'
             b'5\r\nhello\r\n0\r\n\r\n', fin=False)



def until_fin(port, parts, gap=False):
    """A response without length sent in several segments (one left out when gap), then a FIN alone."""
    cs, ss = 1000, 5000
    packets.append(ip4(C, S, 6, tcp(port, 80, cs - 1, 0, 0x02)))
    packets.append(ip4(S, C, 6, tcp(80, port, ss - 1, cs, 0x12)))
    request = b'GET /a HTTP/1.1\r\nHost: x\r\n\r\n'
    packets.append(ip4(C, S, 6, tcp(port, 80, cs, ss, 0x18, request)))
    seq = ss
    for i, part in enumerate(parts):
        if not (gap and i == 1):
            packets.append(ip4(S, C, 6, tcp(80, port, seq, cs + len(request), 0x18, part)))
        seq += len(part)
    packets.append(ip4(S, C, 6, tcp(80, port, seq, cs + len(request), 0x11)))


# (FIN alone) a body without length: the FIN without data ends the reassembly and shows the response
until_fin(40007, [b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>', b'</html>'])
until_fin(40008, [b'HTTP/1.0 200 OK\r\nContent-Type: image/gif\r\n\r\n' + GIF[:10], GIF[10:]])
# (FIN alone) a segment of it missing: the reassembly never completes
until_fin(40009, [b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>', b'<p>', b'</html>'], gap=True)

with open('http-fin.pcap', 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(packets):
        frame = eth(p)
        f.write(struct.pack('<IIII', i, 0, len(frame), len(frame)) + frame)
