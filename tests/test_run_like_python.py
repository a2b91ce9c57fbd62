"""`python -m pysock run` against running the program directly, for the
cases tests/test_patch.py leaves out: a program that ends without
sys.exit (status 0), a script in another folder than the current one (the
script's folder first on sys.path, in the current one's place), the same
under -P (no folder added for either), and a folder with __main__.py."""
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.pysock_only

_PROGRAM = textwrap.dedent("""\
    import os, sys
    import socket
    def show(p):
        return os.path.relpath(p) if p and os.path.isabs(p) else p or "''"
    print(socket.__name__, __name__, show(sys.argv[0]), sys.argv[1:])
    print([show(p) for p in sys.path[:2]])
    """)


@pytest.fixture
def python(pysock):
    root = os.path.dirname(os.path.dirname(os.path.abspath(pysock.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root] + [p for p in sys.path if p]))

    def run(*args, cwd, path_first=None):
        env_here = env if path_first is None else dict(env, PYTHONPATH=path_first + os.pathsep + env["PYTHONPATH"])
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                              timeout=60, env=env_here, cwd=cwd)
        return done.returncode, done.stdout.replace("socket __main__", "pysock __main__"), done.stderr

    return run


def _compare(python, cwd, flags, target, *args, path_first=None):
    direct = python(*flags, target, *args, cwd=cwd, path_first=path_first)
    through = python(*flags, "-m", "pysock", "run", target, *args, cwd=cwd, path_first=path_first)
    assert through == direct
    assert direct[0] == 0 and direct[2] == ""
    assert direct[1].startswith("pysock __main__")
    return direct


@pytest.mark.parametrize("flags", [(), ("-P",)], ids=["plain", "safe-path"])
def test_script_in_another_folder_ends_normally(python, tmp_path, flags):
    if flags and sys.version_info < (3, 11):
        pytest.skip("-P is Python 3.11+")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "prog.py").write_text(_PROGRAM)
    _compare(python, tmp_path, flags, os.path.join("sub", "prog.py"), "a", "b c")


def test_script_in_the_current_folder_ends_normally(python, tmp_path):
    (tmp_path / "prog.py").write_text(_PROGRAM)
    _compare(python, tmp_path, (), "prog.py")


def test_folder_with_main_ends_normally(python, tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "__main__.py").write_text(_PROGRAM)
    _compare(python, tmp_path, (), "app", "x")


@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_folder_or_zip_without_main_fails_like_python(python, tmp_path, kind):
    if kind == "folder":
        (tmp_path / "app").mkdir()
        target = "app"
    else:
        import zipfile
        with zipfile.ZipFile(tmp_path / "app.zip", "w") as z:
            z.writestr("other.py", "")
        target = "app.zip"
    direct = python(target, cwd=tmp_path)
    through = python("-m", "pysock", "run", target, cwd=tmp_path)
    assert through == direct
    assert direct[0] == 1 and "can't find '__main__' module" in direct[2]


def test_module_ends_normally(python, tmp_path):
    (tmp_path / "progmod.py").write_text(_PROGRAM)
    direct = python("-m", "progmod", "y", cwd=tmp_path)
    if "No module named progmod" in direct[2]:
        pytest.skip("this Python puts no folder on sys.path for -m (an embeddable Python's ._pth)")
    through = python("-m", "pysock", "run", "-m", "progmod", "y", cwd=tmp_path)
    assert through[0] == direct[0] == 0
    assert through[2] == direct[2] == ""
    # (sys.path[0]: the current folder for both, spelled '' by `python -m`
    # and as a path by runpy, so only the first line is compared.)
    assert through[1].splitlines()[0] == direct[1].splitlines()[0] == "pysock __main__ progmod.py ['y']"


def test_zip_with_main_ends_normally(python, tmp_path):
    import zipfile
    with zipfile.ZipFile(tmp_path / "app.zip", "w") as z:
        z.writestr("__main__.py", _PROGRAM)
    _compare(python, tmp_path, (), "app.zip", "z")


def test_safe_path_with_the_current_folder_first_on_pythonpath(python, tmp_path):
    # Under -P the first entry is PYTHONPATH's; that it names the current
    # folder does not make it the folder `python -m pysock` added.
    if sys.version_info < (3, 11):
        pytest.skip("-P is Python 3.11+")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "prog.py").write_text(_PROGRAM)
    probe = python("-c", "import sys; print(sys.path)", cwd=tmp_path, path_first=str(sub))
    if str(sub) not in probe[1]:
        pytest.skip("this Python ignores PYTHONPATH (an embeddable Python's ._pth)")
    out = _compare(python, tmp_path, ("-P",), os.path.join("sub", "prog.py"), path_first=str(tmp_path))
    assert out[1].splitlines()[1].startswith("['.'")


def test_main_returns_0_for_a_program_that_ends_normally(python, tmp_path):
    # pysock.__main__.main() called in a process of its own: what it returns
    # to its caller, the status `python -m pysock` exits with.
    (tmp_path / "prog.py").write_text(_PROGRAM)
    (tmp_path / "progmod.py").write_text(_PROGRAM)
    for args in (["prog.py"], ["-m", "progmod"]):
        # The folder goes on sys.path here, not through PYTHONPATH, which an
        # embeddable Python's ._pth file makes it ignore.
        code = (f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import pysock.__main__ as m; "
                f"r = m.main(['pysock', 'run', *{args!r}]); print(repr(r))")
        status, out, err = python("-c", code, cwd=tmp_path)
        assert (status, err) == (0, "")
        assert out.splitlines()[-1] == "0"
