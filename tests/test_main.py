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
