"""Module-level side of messages with ancillary data.

CMSG_LEN / CMSG_SPACE come from `_core` where the backend has control
messages; send_fds / recv_fds pass descriptors with SCM_RIGHTS over an
AF_UNIX socket and exist, as in the stdlib, only where the socket type has
sendmsg / recvmsg (a backend without them, such as Windows, loses the
methods at load time and these helpers with them).
"""
import array

from . import _core, _constants

__all__ = [name for name in ("CMSG_LEN", "CMSG_SPACE") if hasattr(_core, name)]
globals().update({name: getattr(_core, name) for name in __all__})

if hasattr(_core.socket, "sendmsg"):

    def send_fds(sock, buffers, fds, flags=0, address=None):
        """ send_fds(sock, buffers, fds[, flags[, address]]) -> integer

        Send the list of file descriptors fds over an AF_UNIX socket.
        """
        # As the stdlib does (3.11 to 3.13), flags and address are accepted
        # but not passed on: the call is sendmsg(buffers, ancdata).
        rights = (_constants.SOL_SOCKET, _constants.SCM_RIGHTS, array.array("i", fds))
        return sock.sendmsg(buffers, [rights])

    __all__.append("send_fds")

if hasattr(_core.socket, "recvmsg"):

    def recv_fds(sock, bufsize, maxfds, flags=0):
        """ recv_fds(sock, bufsize, maxfds[, flags]) -> (data, list of file
        descriptors, msg_flags, address)

        Receive up to maxfds file descriptors returning the message
        data and a list containing the descriptors.
        """
        # The stdlib ignores `flags` here too; the flags returned are the
        # ones recvmsg reports.
        fds = array.array("i")
        data, ancdata, msg_flags, addr = sock.recvmsg(bufsize, _core.CMSG_LEN(maxfds * fds.itemsize))
        for level, kind, payload in ancdata:
            if level == _constants.SOL_SOCKET and kind == _constants.SCM_RIGHTS:
                # Only whole ints: a truncated item may end mid-descriptor.
                fds.frombytes(payload[:len(payload) - len(payload) % fds.itemsize])
        return data, list(fds), msg_flags, addr

    __all__.append("recv_fds")
