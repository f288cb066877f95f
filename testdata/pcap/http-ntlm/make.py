#!/usr/bin/env python3
"""Writes http-ntlm.pcap: HTTP requests and responses whose Authorization, Proxy-Authorization,
WWW-Authenticate and Proxy-Authenticate headers carry NTLMSSP tokens (base64 after "NTLM " or
"Negotiate "), for which tshark 4.0 appends ", NTLMSSP_NEGOTIATE", ", NTLMSSP_CHALLENGE" or
", NTLMSSP_AUTH, User: DOMAIN\\user" to the Info column; and tokens it does not take.
Python 3 standard library only. Golden: TZ=UTC tshark -n -r http-ntlm.pcap > http-ntlm.pcap.tshark-n.txt"""
import base64
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tcpcraft import conversation, write  # noqa: E402


def negotiate():
    return b'NTLMSSP\0' + struct.pack('<II', 1, 0x00088207) + b'\0' * 16


def challenge():
    return b'NTLMSSP\0' + struct.pack('<IHHII', 2, 0, 0, 48, 0x00028205) + b'\x01' * 8 + b'\0' * 16


def auth(domain, user, unicode=True):
    enc = (lambda s: s.encode('utf-16-le')) if unicode else (lambda s: s.encode('ascii'))
    d, u, w = enc(domain), enc(user), enc('HOST')
    base = 64
    parts = [b'', b'', d, u, w, b'']
    fields = b''
    off = base
    for p in parts:
        fields += struct.pack('<HHI', len(p), len(p), off)
        off += len(p)
    flags = 0x00088205 if unicode else 0x00088206
    return b'NTLMSSP\0' + struct.pack('<I', 3) + fields + struct.pack('<I', flags) + b''.join(parts)


def b64(token):
    return base64.b64encode(token)


def get(path, header=b''):
    return b'GET ' + path + b' HTTP/1.1\r\nHost: x\r\n' + header + b'\r\n'


def reply(status, header=b''):
    return b'HTTP/1.1 ' + status + b'\r\n' + header + b'Content-Length: 0\r\n\r\n'


conversation(41001, 80, [
    (True, get(b'/a', b'Authorization: NTLM ' + b64(negotiate()) + b'\r\n')),
    (False, reply(b'401 Unauthorized', b'WWW-Authenticate: NTLM ' + b64(challenge()) + b'\r\n')),
    (True, get(b'/a', b'Authorization: NTLM ' + b64(auth('DOM', 'dave')) + b'\r\n')),
    (False, reply(b'200 OK')),
])
conversation(41002, 80, [
    (True, get(b'/b', b'authorization: Negotiate ' + b64(negotiate()) + b'\r\n')),
    (False, reply(b'401 Unauthorized', b'WWW-Authenticate: Negotiate ' + b64(challenge()) + b'\r\n'
                  b'WWW-Authenticate: NTLM\r\n')),
    (True, get(b'/b', b'Authorization: Negotiate ' + b64(auth('', 'eve')) + b'\r\n')),
    (False, reply(b'200 OK')),
])
conversation(41003, 8080, [
    (True, get(b'/c', b'Proxy-Authorization: NTLM ' + b64(auth('OEMDOM', 'frank', unicode=False)) + b'\r\n')),
    (False, reply(b'407 Proxy Authentication Required', b'Proxy-Authenticate: NTLM ' + b64(challenge()) + b'\r\n')),
    (True, get(b'/d', b'Authorization: NTLM ' + b64(b'NTLMSSP\0' + struct.pack('<I', 4)) + b'\r\n')),
    (True, get(b'/e', b'Authorization: NTLM ' + b64(b'NTLMSSP\0' + struct.pack('<I', 9)) + b'\r\n')),
    (True, get(b'/f', b'Authorization: Basic ' + b64(b'user:pass') + b'\r\n')),
    (True, get(b'/g', b'Authorization: NTLM ' + b64(b'NOTNTLM\0\1\0\0\0') + b'\r\n')),
    (True, get(b'/h', b'Authorization: NTLM ' + b64(negotiate())[:-3] + b'\r\n')),
])
write('http-ntlm.pcap')
