#!/usr/bin/env python3
"""Writes http-body.pcap: HTTP responses whose bodies show what tshark writes for a body in the Info
column: content-encoded bodies (gzip, deflate, empty, broken, cut short, unknown encodings), chunked
ones, RPC_IN_DATA/RPC_OUT_DATA requests, and bodies the GIF, PNG and JFIF dissectors and heuristics take or refuse under various media
types. Python 3 standard library only.
Golden: TZ=UTC tshark -n -r http-body.pcap > http-body.pcap.tshark-n.txt"""
import gzip
import os
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tcpcraft import conversation, write  # noqa: E402

REQUEST = (True, b'GET /a HTTP/1.1\r\nHost: x\r\n\r\n')


def sized(headers, body):
    return b'HTTP/1.1 200 OK\r\n' + headers + b'Content-Length: %d\r\n\r\n' % len(body) + body


def chunked(headers, parts):
    return (b'HTTP/1.1 200 OK\r\n' + headers + b'Transfer-Encoding: chunked\r\n\r\n'
            + b''.join(b'%x\r\n%s\r\n' % (len(p), p) for p in parts) + b'0\r\n\r\n')


def typed(ctype, body):
    return sized(b'Content-Type: ' + ctype + b'\r\n' if ctype else b'', body)


GZ_EMPTY = gzip.compress(b'', mtime=0)
GZ_HELLO = gzip.compress(b'<html>hello</html>', mtime=0)
GZ_HEADER = b'\x1f\x8b\x08\x1c\x00\x00\x00\x00\x00\x03\x02\x00abname\x00note\x00'
GZ_HEADER_CRC = b'\x1f\x8b\x08\x1e' + GZ_HEADER[4:]
GZ_HEADER_CRC += (zlib.crc32(GZ_HEADER_CRC) & 0xffff).to_bytes(2, 'little')
HTML_GZ = b'Content-Type: text/html\r\nContent-Encoding: gzip\r\n'
GIF = bytes.fromhex('47494638396101000100910000ffffffffffff' 'fe0102000000' '21f904041400ff00'
                    '2c00000000010001000002024401003b')
PNG = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000' '1f15c489'
                    '0000000d4944415478da63fcff9fa11e000782027f3dc848ef' '0000000049454e44ae426082')
PAD = b'\x00' * 40
JFIF = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9' + PAD
EXIF = b'\xff\xd8\xff\xe1\x00\x10Exif\x00\x00' + b'\x00' * 8 + b'\xff\xd9' + PAD
APP13 = b'\xff\xd8\xff\xed\x00\x10Photoshop 3.0\x00\x00' + PAD
SHORT_JFIF = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00'

responses = [
    # content encodings: the body is inflated first; empty or broken bodies show nothing
    sized(HTML_GZ, GZ_EMPTY),
    sized(HTML_GZ, GZ_HELLO),
    sized(HTML_GZ, b'not gzip at all'),
    sized(HTML_GZ, GZ_HELLO[:15]),  # cut short: what inflated is the body
    sized(HTML_GZ, GZ_HELLO[:10]),  # the gzip header only
    sized(HTML_GZ, GZ_EMPTY + GZ_HELLO),  # only the first member counts
    sized(HTML_GZ, b'\x1f\x8b\x09\x00' + GZ_HELLO[4:]),  # not deflate
    sized(HTML_GZ, GZ_HEADER + GZ_HELLO[10:]),  # FEXTRA, FNAME, FCOMMENT
    sized(HTML_GZ, GZ_HEADER_CRC + GZ_HELLO[10:]),  # and FHCRC: tshark does not skip the CRC
    sized(HTML_GZ, b'\x1f\x8b\x08\x20' + GZ_HELLO[4:]),  # a reserved flag bit: ignored
    sized(HTML_GZ, zlib.compress(b'hello')),  # zlib framing under the gzip label
    sized(HTML_GZ, zlib.compress(b'hello')[2:]),  # raw deflate under the gzip label
    sized(b'Content-Type: text/html\r\nContent-Encoding: deflate\r\n', zlib.compress(b'hi')),
    sized(b'Content-Type: text/html\r\nContent-Encoding: deflate\r\n', zlib.compress(b'')),
    sized(b'Content-Type: text/html\r\nContent-Encoding: x-deflate\r\n', b'\x03\x00'),
    sized(b'Content-Type: text/html\r\nContent-encoding: X-Gzip\r\n', GZ_HELLO),
    sized(b'Content-Type: text/html\r\nContent-Encoding: compress\r\n', b'abc'),
    sized(b'Content-Type: text/html\r\nContent-Encoding: gzip, deflate\r\n', GZ_HELLO),
    sized(b'Content-Type: text/html\r\nContent-Encoding: gzip \r\n', GZ_HELLO),
    sized(b'Content-Type: text/html\r\nContent-Encoding: identity\r\n', b'abc'),
    sized(HTML_GZ + b'Content-Encoding: identity\r\n', GZ_EMPTY),  # the last header counts
    sized(b'Content-Type: text/html\r\nContent-Encoding: identity\r\nContent-Encoding: gzip\r\n', b'plain'),
    chunked(HTML_GZ, [GZ_EMPTY]),
    chunked(HTML_GZ, [GZ_HELLO[:12], GZ_HELLO[12:]]),
    chunked(HTML_GZ, [GZ_HELLO[:5], GZ_HELLO[5:]]),  # a chunk boundary inside the gzip header
    sized(b'Content-Type: image/gif\r\nContent-Encoding: gzip\r\n', gzip.compress(GIF, mtime=0)),
    chunked(b'Content-Type: image/gif\r\n', [GIF[:7], GIF[7:]]),  # named from the de-chunked body
    # the JFIF dissector takes 20 bytes or more with FF D8 and "JFIF\0" or "Exif\0" at offset 6
    typed(b'image/jpeg', JFIF), typed(b'image/jpeg', EXIF), typed(b'image/jpeg', APP13),
    typed(b'image/jpeg', SHORT_JFIF), typed(b'image/jpg', JFIF), typed(b'image/jpg', APP13),
    typed(b'image/pjpeg', EXIF), typed(b'image/pjpeg', APP13), typed(b'image/jfif', JFIF),
    typed(b'image/jpeg', PNG),
    # PNG and GIF: signature and 20 bytes or more
    typed(b'image/png', PNG), typed(b'image/png', b'not a png at all, just text here'),
    typed(b'image/png', PNG[:12]), typed(b'image/gif', GIF), typed(b'image/gif', b'GIF87a' + b'\x00' * 20),
    typed(b'image/gif', b'GIF88a' + b'\x00' * 20), typed(b'image/gif', PNG),
    # other types: the heuristics first, then the media type; text types keep theirs
    typed(b'image/x-icon', GIF), typed(b'image/x-icon', JFIF), typed(b'image/x-icon', PNG[:8]),
    typed(b'application/javascript', GIF), typed(b'text/html', GIF), typed(b'text/plain', PNG),
    typed(b'application/x-javascript', GIF), typed(b'application/x-www-form-urlencoded', b'a=1&b=2'),
    typed(b'text/foo', GIF), typed(b'image/webp', b'abc'), typed(None, GIF), typed(None, b'hello world'),
    # types whose dissectors write nothing
    typed(b'application/octet-stream', GIF), typed(b'APPLICATION/OCTET-STREAM', b'abc'),
    typed(b'application/x-fcs; charset=x', b'abc'),
]
for i, r in enumerate(responses):
    conversation(40000 + i, 80, [REQUEST, (False, r)])
# RPC over HTTP: tshark does not wait for the body of RPC_IN_DATA and RPC_OUT_DATA
for i, method in enumerate((b'RPC_IN_DATA', b'RPC_OUT_DATA')):
    conversation(41000 + i, 80, [(True, method + b' /rpc/rpcproxy.dll?x:6001 HTTP/1.1\r\nHost: x\r\n'
                                  b'Content-Length: 1073741824\r\n\r\n\x05\x00\x0b\x03'),
                                 (True, b'\x05\x00\x00\x03' + b'\x00' * 20),
                                 (False, sized(b'', b''))])
write(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'http-body.pcap'))
