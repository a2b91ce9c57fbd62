"""AF_ALG (the kernel's crypto API) against hashlib and a known AES vector:
bind(('hash', 'sha256')), accept, sendall, recv; a cipher keyed with
setsockopt(SOL_ALG, ALG_SET_KEY) fed with plain send. Skips with the
kernel's reason where AF_ALG (or the algorithm) is missing."""
import errno
import hashlib
import socket as std

import pytest

from familyutil import family_socket_or_skip


def bound_alg(mod, address):
    s = family_socket_or_skip(mod, "AF_ALG", "SOCK_SEQPACKET")
    try:
        s.bind(address)
    except OSError as e:
        s.close()
        if e.errno == errno.ENOENT:
            pytest.skip("this kernel has no %r algorithm: %s" % (address, e))
        raise
    return s


@pytest.mark.parametrize("name,data", [
    ("sha256", b""),
    ("sha256", b"abc"),
    ("sha256", bytes(range(256)) * 300),
    ("sha1", b"The quick brown fox jumps over the lazy dog"),
])
def test_hash_like_hashlib(mod, name, data):
    with bound_alg(mod, ("hash", name)) as algo:
        op, _ = algo.accept()
        with op:
            op.sendall(data)
            assert op.recv(64) == hashlib.new(name, data).digest()


def test_hmac_with_key(mod):
    import hmac
    key, data = b"key", b"The quick brown fox jumps over the lazy dog"
    with bound_alg(mod, ("hash", "hmac(sha256)")) as algo:
        algo.setsockopt(mod.SOL_ALG, mod.ALG_SET_KEY, key)
        op, _ = algo.accept()
        with op:
            op.sendall(data)
            assert op.recv(64) == hmac.new(key, data, "sha256").digest()


def test_aes_ecb_decrypt_known_vector(mod):
    # FIPS-197 appendix C.1. Without an ALG_SET_OP control message (sendmsg)
    # the kernel decrypts, so feed it the ciphertext.
    key = bytes(range(16))
    plaintext = bytes.fromhex("00112233445566778899aabbccddeeff")
    ciphertext = bytes.fromhex("69c4e0d86a7b0430d8cdb78070b4c55a")
    with bound_alg(mod, ("skcipher", "ecb(aes)")) as algo:
        algo.setsockopt(mod.SOL_ALG, mod.ALG_SET_KEY, key)
        op, _ = algo.accept()
        with op:
            op.sendall(ciphertext)
            assert op.recv(16) == plaintext


def test_getsockname_like_stdlib(pysock):
    names = []
    for mod in (std, pysock):
        with bound_alg(mod, ("hash", "sha256", 0, 0)) as algo:
            names.append(algo.getsockname())
    assert names[0] == names[1]
    assert names[1][:2] == ("hash", "sha256")


def test_unknown_algorithm_same_error(pysock):
    errs = []
    for mod in (std, pysock):
        s = family_socket_or_skip(mod, "AF_ALG", "SOCK_SEQPACKET")
        with s, pytest.raises(OSError) as info:
            s.bind(("hash", "no-such-algorithm"))
        errs.append((type(info.value), info.value.errno))
    assert errs[0] == errs[1]
