"""`python -m pysock info`: which backend is loaded, its ABI and capabilities.
`python -m pysock echo`: an echo round trip over a loopback TCP connection.
`python -m pysock sniff [options]`: captures and decodes packets (pysock/_sniff).
`python -m pysock run script.py args...` / `run -m module args...`: runs a
program with pysock in place of the stdlib socket module (pysock/_run.py)."""
import sys
import threading

import pysock
from pysock import _loader


def info():
    caps = [name[4:].lower() for name in dir(_loader)
            if name.startswith("CAP_") and _loader.capabilities & getattr(_loader, name)]
    print(f"pysock backend: {_loader.platform}")
    print(f"library:        {_loader.path}")
    print(f"ABI version:    {_loader.abi_version}")
    print(f"capabilities:   {', '.join(sorted(caps)) or 'none'}")
    print(f"constants:      {len(pysock._constants.names)}")


def echo():
    with pysock.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]

        def serve():
            conn, _ = server.accept()
            with conn:
                while data := conn.recv(4096):
                    conn.sendall(data)

        thread = threading.Thread(target=serve)
        thread.start()
        with pysock.create_connection(("127.0.0.1", port), timeout=5) as client:
            message = b"hello through pysock"
            client.sendall(message)
            reply = client.recv(4096)
            client.shutdown(pysock.SHUT_WR)
        thread.join()
    print(f"sent {message!r}, echoed {reply!r} via 127.0.0.1:{port}")
    return 0 if reply == message else 1


def sniff(args):
    from pysock._sniff import cli
    return cli.main(args)


def run(args):
    from pysock import _run
    return _run.run(args)


# name -> (function of the arguments after the command, one line of help)
COMMANDS = {
    "info": (lambda args: info(), "print the loaded backend, its ABI version and capabilities (the default)"),
    "echo": (lambda args: echo(), "send a message through a loopback TCP echo server and back"),
    "sniff": (sniff, "capture and decode packets: sniff --help for its options"),
    "run": (run, "run a program with pysock in place of socket: run script.py ARGS | run -m MODULE ARGS"),
}


def usage():
    lines = ["usage: python -m pysock [COMMAND]", "", "commands:"]
    lines += [f"  {name:<6} {text}" for name, (_, text) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv):
    command = argv[1] if len(argv) > 1 else "info"
    if command in ("-h", "--help", "help"):
        print(usage())
        return 0
    if command not in COMMANDS:
        print(f"python -m pysock: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    return COMMANDS[command][0](argv[2:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
