# A Python program that uses AF_ALG as Python programs do: socket.AF_ALG,
# bind ("hash", "sha256"), accept, sendall, recv. On a kernel without AF_ALG
# the socket() fails; the bind it would have made is then made through libc
# on the failed descriptor (-1), as a C program that ignores the error would,
# so the audit can be checked to read the algorithm from the caller's memory.
# Prints what the kernel answered: "socket ANSWER" and "bind ANSWER".
import ctypes
import errno
import socket
import struct


def name(e):
    return errno.errorcode.get(e, str(e))


try:
    s = socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0)
except OSError as e:
    print("socket", name(e.errno))
    libc = ctypes.CDLL(None, use_errno=True)
    sa = struct.pack("H14sII64s", socket.AF_ALG, b"hash", 0, 0, b"sha256")
    libc.bind(-1, sa, len(sa))
    print("bind", name(ctypes.get_errno()))
else:
    print("socket ok")
    try:
        s.bind(("hash", "sha256"))
    except OSError as e:
        print("bind", name(e.errno))
    else:
        print("bind ok")
        op, _ = s.accept()
        op.sendall(b"abc")
        op.recv(32)
