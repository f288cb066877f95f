import struct,sys
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
class Conv:
    def __init__(s,cport=40000,sport=22):
        s.c=(b'\x0a\0\0\x01',cport); s.s=(b'\x0a\0\0\x02',sport); s.seq={0:1000,1:5000}; s.pk=[]
    def seg(s,frm,data,flags=0x18):
        a,b=(s.c,s.s) if frm==0 else (s.s,s.c)
        tcp=struct.pack('!HHIIBBHHH',a[1],b[1],s.seq[frm],s.seq[1-frm],0x50,flags,8192,0,0)+data
        ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(tcp),1,0,64,6,0,a[0],b[0])
        ip=ip[:10]+struct.pack('!H',csum(ip))+ip[12:]
        s.pk.append(b'\0\1\2\3\4\5\0\1\2\3\4\6\x08\x00'+ip+tcp)
        s.seq[frm]+=len(data)+(1 if flags&3 else 0)
    def hs(s):
        s.seg(0,b'',0x02); s.seg(1,b'',0x12); s.seg(0,b'',0x10)
def write(name,pk):
    with open(name,'wb') as f:
        f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
        for i,p in enumerate(pk):
            f.write(struct.pack('<IIII',i,0,len(p),len(p))+p)
def pkt(code,body,pad=4):
    payload=bytes([code])+body
    pl=1+len(payload)+pad
    return struct.pack('!IB',pl,pad)+payload+b'\0'*pad
def s(x): return struct.pack('!I',len(x))+x
def kexinit(kex,enc):
    b=b'\x11'*16+s(kex)+s(b'ssh-ed25519')+s(enc)+s(enc)+s(b'hmac-sha2-256')*2+s(b'none')*2+s(b'')*2+b'\0'+b'\0'*4
    return pkt(20,b)
