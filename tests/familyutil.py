"""Helpers for the tests of the Linux-only address families.

`family_socket_or_skip` probes the running kernel and skips with the exact
reason when it lacks a family. `lookalike` builds a socket object whose
*family* (and protocol) are the ones under test but whose descriptor is a
plain UDP socket: address parsing depends only on the object's family and
protocol, so the stdlib and pysock can be compared on every malformed
address even where the kernel has no such family (the final system call
then fails the same way for both).
"""
import errno
import os
import socket as std

import pytest


def family_socket_or_skip(mod, family_name, type_name, proto=0):
    """A new socket of that family, or pytest.skip with the kernel's reason."""
    if not hasattr(std, family_name):
        pytest.skip("the stdlib socket module has no %s on this platform" % family_name)
    family, kind = getattr(mod, family_name), getattr(mod, type_name)
    try:
        return mod.socket(family, kind, proto)
    except OSError as e:
        if e.errno in (errno.EAFNOSUPPORT, errno.EPROTONOSUPPORT, errno.ESOCKTNOSUPPORT,
                       errno.EPERM, errno.EACCES, errno.EINVAL, errno.ENOPROTOOPT):
            pytest.skip("this kernel refuses socket(%s, %s, %r): %s"
                        % (family_name, type_name, proto, e))
        raise


def lookalike(mod, family, kind, proto):
    carrier = std.socket(std.AF_INET, std.SOCK_DGRAM)
    try:
        return mod.socket(family, kind, proto, fileno=os.dup(carrier.fileno()))
    finally:
        carrier.close()


def attempt(mod, family, kind, proto, method, address):
    """(exception type name, text) or ("ok", result) of one address use."""
    s = lookalike(mod, family, kind, proto)
    try:
        if method == "sendto":
            result = s.sendto(b"x", address)
        else:
            result = getattr(s, method)(address)
        return ("ok", result)
    except Exception as e:  # noqa: BLE001 - every outcome is compared
        return (type(e).__name__, str(e))
    finally:
        s.close()
