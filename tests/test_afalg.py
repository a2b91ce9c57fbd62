"""sendmsg_afalg on a real AF_ALG socket: AES-128-CBC against the NIST SP
800-38A vector (F.2.1 / F.2.2). The kernel is probed through the stdlib
first, so a kernel without AF_ALG or without the algorithm skips with the
kernel's own reason, while a pysock failure on a capable kernel fails."""

import socket as std

import pytest

KEY = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
IV = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
PLAIN = bytes.fromhex("6bc1bee22e409f96e93d7e117393172a" "ae2d8a571e03ac9c9eb76fac45af8e51")
CIPHER = bytes.fromhex("7649abac8119b246cee98e9b12e9197d" "5086cb9b507219ee95db113a917678b2")


def _kernel_refusal():
    """Why the kernel cannot run skcipher cbc(aes), or None if it can."""
    if not hasattr(std.socket, "sendmsg_afalg"):
        return "the stdlib has no sendmsg_afalg on this platform"
    try:
        s = std.socket(std.AF_ALG, std.SOCK_SEQPACKET, 0)
    except OSError as e:
        return "the kernel refuses AF_ALG sockets: %s" % e
    with s:
        try:
            s.bind(("skcipher", "cbc(aes)"))
        except OSError as e:
            return "the kernel refuses skcipher cbc(aes): %s" % e
    return None


REFUSAL = _kernel_refusal()
pytestmark = pytest.mark.skipif(REFUSAL is not None, reason=str(REFUSAL))


def _cbc(mod, op, data):
    with mod.socket(mod.AF_ALG, mod.SOCK_SEQPACKET, 0) as alg:
        alg.bind(("skcipher", "cbc(aes)"))
        alg.setsockopt(mod.SOL_ALG, mod.ALG_SET_KEY, KEY)
        conn, _ = alg.accept()
        with conn:
            # Two buffers, to gather as sendmsg does.
            assert conn.sendmsg_afalg([data[:16], data[16:]], op=op, iv=IV) == len(data)
            return conn.recv(len(data))


def test_encrypt(mod):
    assert _cbc(mod, mod.ALG_OP_ENCRYPT, PLAIN) == CIPHER


def test_decrypt(mod):
    assert _cbc(mod, mod.ALG_OP_DECRYPT, CIPHER) == PLAIN


def test_op_then_data_in_two_calls(mod):
    """The first call sets op and IV with MSG_MORE; the data follows."""
    with mod.socket(mod.AF_ALG, mod.SOCK_SEQPACKET, 0) as alg:
        alg.bind(("skcipher", "cbc(aes)"))
        alg.setsockopt(mod.SOL_ALG, mod.ALG_SET_KEY, KEY)
        conn, _ = alg.accept()
        with conn:
            assert conn.sendmsg_afalg(op=mod.ALG_OP_ENCRYPT, iv=IV, flags=mod.MSG_MORE) == 0
            conn.sendall(PLAIN)
            assert conn.recv(len(PLAIN)) == CIPHER
