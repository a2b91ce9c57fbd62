"""`python -m pysock`: its help, its refusal of unknown commands, and the
version the installed distribution reports."""
import importlib.metadata

import pytest


@pytest.fixture
def main_module(pysock):
    import pysock.__main__ as main_module
    return main_module


@pytest.mark.pysock_only
@pytest.mark.parametrize("flag", ["--help", "-h", "help"])
def test_help_lists_every_command_with_a_line(main_module, flag, capsys):
    assert main_module.main(["pysock", flag]) == 0
    out = capsys.readouterr().out
    for name in main_module.COMMANDS:
        assert any(line.split()[:1] == [name] and len(line.split()) > 1 for line in out.splitlines()), out


@pytest.mark.pysock_only
def test_unknown_command_exits_2_with_a_message(main_module, capsys):
    assert main_module.main(["pysock", "no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'no-such-command'" in err and "usage:" in err


@pytest.mark.pysock_only
def test_version_is_the_distributions(pysock):
    try:
        installed = importlib.metadata.version("pysock-zig")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("pysock-zig is not installed as a distribution here (in-place build)")
    assert pysock.__version__ == installed


@pytest.mark.pysock_only
def test_info_names_the_loaded_backend(pysock, main_module, capsys):
    from pysock import _loader
    assert main_module.main(["pysock", "info"]) == 0
    fields = dict(line.split(":", 1) for line in capsys.readouterr().out.splitlines())
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    assert fields["pysock backend"] == _loader.platform
    assert fields["library"] == _loader.path
    assert fields["ABI version"] == str(_loader.abi_version)
    assert fields["constants"] == str(len(pysock._constants.names))


@pytest.mark.pysock_only
def test_echo_round_trip_exits_0(main_module, capsys):
    assert main_module.main(["pysock", "echo"]) == 0
    out = capsys.readouterr().out
    assert "echoed b'hello through pysock'" in out


@pytest.mark.pysock_only
def test_info_lists_the_backends_capabilities(pysock, main_module, capsys):
    """The package's capability bits are the ABI's (backends/abi/vtable.zig,
    one for one), and `info` names exactly those the loaded backend's
    vtable sets, read from the vtable itself."""
    import ctypes
    import os
    import re

    import vtableutil
    from pysock import _loader
    if not os.path.exists(vtableutil.VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    src = open(vtableutil.VTABLE_ZIG, encoding="utf-8").read()
    abi_bits = {name: 1 << int(shift) for name, shift in
                re.findall(r"^pub const cap_(\w+): u64 = 1 << (\d+);", src, re.M)}
    assert len(abi_bits) >= 9
    package_bits = {name[4:].lower(): getattr(_loader, name) for name in dir(_loader) if name.startswith("CAP_")}
    assert package_bits == abi_bits
    lib = ctypes.CDLL(_loader.path)
    lib.pysock_backend_vtable.restype = ctypes.c_void_p
    raw = ctypes.c_uint64.from_address(lib.pysock_backend_vtable() + 8).value  # after abi_version, struct_size
    assert raw == _loader.capabilities
    assert main_module.main(["pysock", "info"]) == 0
    fields = dict(line.split(":", 1) for line in capsys.readouterr().out.splitlines())
    expected = sorted(name for name, bit in abi_bits.items() if raw & bit)
    assert fields["capabilities"].strip() == (", ".join(expected) or "none")


@pytest.mark.pysock_only
def test_sniff_status_is_the_commands(main_module, capsys):
    """`sniff` passes on its command's exit status: an interface that does
    not exist is status 1 (on Linux with a message naming it, checked before
    any capture; elsewhere a missing privilege or capture method is status 1
    as well)."""
    import sys

    assert main_module.main(["pysock", "sniff", "--interface", "pysock-no-such-if0", "--count", "1",
                             "--timeout", "1"]) == 1
    if sys.platform.startswith("linux"):
        assert "pysock-no-such-if0" in capsys.readouterr().err
