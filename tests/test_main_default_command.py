"""`python -m pysock` with no command runs `info`: main() given the program
name alone answers as main() given "info"."""
import pytest

pytestmark = pytest.mark.pysock_only


def test_no_command_is_info(pysock, capsys):
    import pysock.__main__ as main_module
    assert main_module.main(["pysock", "info"]) == 0
    want = capsys.readouterr()
    assert main_module.main(["pysock"]) == 0
    assert capsys.readouterr() == want
    assert "pysock backend" in want.out
