"""pysock.patch() and `python -m pysock run`: an unmodified program over pysock.

patch() changes the whole process, so each scenario runs in a child Python
that imports the pysock under test. `run` is compared with running the same
program directly: exit status, sys.argv, stdout and stderr.
"""
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.pysock_only


@pytest.fixture
def python(pysock):
    """Runs a child Python that finds this pysock; returns (status, stdout, stderr)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(pysock.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root] + [p for p in sys.path if p]))

    def run(*args, cwd=None):
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                              timeout=60, env=env, cwd=cwd)
        return done.returncode, done.stdout, done.stderr

    return run


def test_patch_replaces_the_module_and_references_to_it(python):
    status, out, err = python("-c", textwrap.dedent("""
        import socket, http.client, smtplib
        import socket as other_name
        stdlib = socket
        import pysock
        pysock.patch()
        import socket
        assert socket is pysock, socket
        import sys
        assert sys.modules["socket"] is pysock
        assert http.client.socket is pysock and smtplib.socket is pysock
        assert other_name is pysock and stdlib is pysock  # __main__'s globals too
        import _socket
        assert _socket.socket is not pysock._core.socket  # _socket stays the stdlib's
        pysock.patch()  # again: nothing changes
        assert sys.modules["socket"] is pysock
        import ftplib  # imported afterwards: pysock from the start
        assert ftplib.socket is pysock
        print("ok")
        """))
    assert (status, out, err) == (0, "ok\n", "")


def test_import_leaves_the_stdlib_module_unloaded(python):
    # Importing it would cost a tenth of pysock's import time; the names
    # that need it load it on demand.
    status, out, err = python("-c", textwrap.dedent("""
        import sys, pysock
        assert "socket" not in sys.modules
        assert pysock._stdlib_socket.__name__ == "socket" and "_stdlib_socket" in dir(pysock)
        print(hasattr(pysock, "_fallback_socketpair") == hasattr(pysock._stdlib_socket, "_fallback_socketpair"))
        """))
    assert (status, out, err) == (0, "True\n", "")


def test_enums_built_on_first_use_once_for_all_threads(python):
    # Building the four enums is a quarter of the import: it waits for the
    # first use, and threads racing to it all get the same classes.
    status, out, err = python("-c", textwrap.dedent("""
        import threading, pysock, socket
        assert "AddressFamily" not in vars(pysock) and "AF_INET" not in vars(pysock)
        assert type(pysock._core.AF_INET) is int and "AF_INET" in dir(pysock)
        seen, start = [], threading.Barrier(8)
        def first_use():
            start.wait()
            seen.append((pysock.AF_INET.__class__, pysock.SocketKind, pysock.MSG_PEEK.__class__))
        threads = [threading.Thread(target=first_use) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        assert len(set(seen)) == 1, seen
        assert pysock.AF_INET is pysock.AddressFamily.AF_INET and repr(pysock.AF_INET) == repr(socket.AF_INET)
        with pysock.socket() as s:
            assert s.family is pysock.AddressFamily.AF_INET
        print("ok")
        """))
    assert (status, out, err) == (0, "ok\n", "")


def test_stdlib_loaded_later_and_its_sentinel(python):
    # http.client imported after pysock loads the stdlib module, whose own
    # "no timeout given" sentinel then reaches pysock's create_connection.
    status, out, err = python("-c", textwrap.dedent("""
        import pysock
        import http.client, socket
        assert socket is not pysock
        pysock.patch()
        pysock.setdefaulttimeout(7.0)
        with pysock.create_server(("127.0.0.1", 0)) as server:
            with pysock.create_connection(server.getsockname(), socket._GLOBAL_DEFAULT_TIMEOUT) as c:
                print(c.gettimeout())
        """))
    assert (status, out, err) == (0, "7.0\n", "")


def test_in_place_before_the_stdlib_was_ever_loaded(python):
    status, out, err = python("-c", textwrap.dedent("""
        import sys, types, pysock
        holder = types.ModuleType("holder")
        holder.nothing = None
        sys.modules["holder"] = holder
        pysock.patch()
        pysock.patch()
        assert holder.nothing is None  # only the module itself is replaced
        std = pysock._stdlib_socket
        assert std.__name__ == "socket" and std is not pysock
        assert sys.modules["socket"] is pysock
        print("ok")
        """))
    assert (status, out, err) == (0, "ok\n", "")


def test_patched_stdlib_client_uses_pysock_sockets(python):
    status, out, err = python("-c", textwrap.dedent("""
        import http.client, http.server, threading
        import pysock
        pysock.patch()
        class Quiet(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"x" * (1 << 20)
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
        assert isinstance(server.socket, pysock._core.socket), type(server.socket)
        threading.Thread(target=server.handle_request).start()
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=20)
        conn.request("GET", "/")
        assert isinstance(conn.sock, pysock._core.socket), type(conn.sock)
        assert len(conn.getresponse().read()) == 1 << 20
        print("ok")
        """))
    assert (status, out, err) == (0, "ok\n", "")


def test_patch_is_all_or_nothing(python):
    # An object in sys.modules whose namespace refuses the change, found after
    # places already changed: patch() raises and undoes them all.
    status, out, err = python("-c", textwrap.dedent("""
        import sys, socket, http.client
        import pysock
        class ReadOnly(dict):
            def __setitem__(self, key, value):
                raise RuntimeError("read-only namespace")
        class Holder:
            pass
        holder = Holder()
        holder.__dict__ = ReadOnly(sock_module=socket)
        sys.modules["zz_holder"] = holder
        try:
            pysock.patch()
        except RuntimeError as exc:
            print("raised", exc)
        assert sys.modules["socket"] is socket
        assert http.client.socket is socket
        assert sys.modules["__main__"].socket is socket
        print("unchanged")
        """))
    assert (status, out, err) == (0, "raised read-only namespace\nunchanged\n", "")


def test_patch_takes_no_arguments(pysock):
    with pytest.raises(TypeError, match="takes 0 positional arguments"):
        pysock.patch(1)


# -- python -m pysock run ------------------------------------------------------------------

_PROGRAM = textwrap.dedent("""
    import sys, socket
    print(repr(sys.argv))
    print(socket.__name__, __name__)
    print(sys.path[0] == __import__("os").path.dirname(__file__) if "__file__" in globals() else "-")
    sys.exit(int(sys.argv[-1]))
    """)


def _script(tmp_path):
    path = tmp_path / "prog.py"
    path.write_text(_PROGRAM)
    return path


def test_run_script_as_if_run_directly(python, tmp_path):
    path = _script(tmp_path)
    direct = python(str(path), "a b", "--flag", "3", cwd=tmp_path)
    through = python("-m", "pysock", "run", str(path), "a b", "--flag", "3", cwd=tmp_path)
    assert direct[0] == through[0] == 3
    assert direct[1].replace("socket __main__", "pysock __main__") == through[1]
    assert "pysock __main__" in through[1]
    assert through[2] == direct[2] == ""


def test_run_module_as_if_run_directly(python, tmp_path):
    (tmp_path / "progmod.py").write_text(_PROGRAM)
    direct = python("-m", "progmod", "x", "5", cwd=tmp_path)
    if "No module named progmod" in direct[2]:
        pytest.skip("this Python puts no folder on sys.path for -m (an embeddable Python's ._pth)")
    through = python("-m", "pysock", "run", "-m", "progmod", "x", "5", cwd=tmp_path)
    assert direct[0] == through[0] == 5
    assert direct[1].replace("socket __main__", "pysock __main__") == through[1]


def test_run_uncaught_exception_and_sys_exit_message(python, tmp_path):
    path = tmp_path / "fails.py"
    path.write_text("import sys\nif sys.argv[1] == 'raise':\n    raise KeyError('boom')\nsys.exit('bye')\n")
    for arg, status in (("raise", 1), ("exit", 1)):
        direct = python(str(path), arg, cwd=tmp_path)
        through = python("-m", "pysock", "run", str(path), arg, cwd=tmp_path)
        assert direct[0] == through[0] == status
        assert direct[2].splitlines()[-1] == through[2].splitlines()[-1]


def test_run_missing_script_and_module_like_python(python, tmp_path):
    direct = python("missing.py", cwd=tmp_path)
    through = python("-m", "pysock", "run", "missing.py", cwd=tmp_path)
    assert direct[0] == through[0] == 2
    assert direct[2] == through[2]
    assert "can't open file" in through[2]
    direct = python("-m", "no_such_module_here", cwd=tmp_path)
    through = python("-m", "pysock", "run", "-m", "no_such_module_here", cwd=tmp_path)
    assert direct[0] == through[0] == 1
    assert direct[2] == through[2]


def test_run_without_a_program(python):
    status, _, err = python("-m", "pysock", "run")
    assert status == 2 and "usage" in err
    status, _, err = python("-m", "pysock", "run", "-m")
    assert status == 2 and "Argument expected for the -m option" in err


def test_run_refuses_wrong_types(pysock):
    from pysock import _run
    with pytest.raises(TypeError):
        _run.run("script.py")
    with pytest.raises(TypeError):
        _run.run([b"script.py"])


def test_patch_leaves_pysocks_own_reference_to_the_stdlib(python):
    # patch() replaces every reference to the stdlib module but pysock's
    # own: pysock._stdlib_socket is still the stdlib's module afterwards.
    status, out, err = python("-c", textwrap.dedent("""
        import socket
        stdlib_id = id(socket)  # (a name bound to the module would be patched too)
        import pysock
        pysock.patch()
        import socket
        assert socket is pysock
        print(id(pysock._stdlib_socket) == stdlib_id, pysock._stdlib_socket is not pysock)
        """))
    assert (status, err) == (0, "")
    assert out.split() == ["True", "True"]
