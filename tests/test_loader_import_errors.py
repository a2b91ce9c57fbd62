"""What `import pysock` says when its extension cannot be imported
(pysock/_loader.py): a copy of the package's sources without `_core` is the
unbuilt source tree, and a `_core` that is there but fails keeps its own
error. A fresh interpreter each, the copy first on sys.path."""
import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only


def _import_copy(pysock, tmp_path, core_source=None):
    package = tmp_path / "pysock"
    # copyfile: copy2 goes through CopyFile2 on Windows, which Wine lacks.
    shutil.copytree(os.path.dirname(pysock.__file__), package, copy_function=shutil.copyfile,
                    ignore=shutil.ignore_patterns("*.so", "*.pyd", "*.dll", "*.dylib", "__pycache__"))
    if core_source is not None:
        (package / "_core.py").write_text(core_source)
    code = f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import pysock"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)


def test_missing_extension_is_the_source_tree(pysock, tmp_path):
    run = _import_copy(pysock, tmp_path)
    assert run.returncode == 1
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: pysock's extension _core is not built in ")
    assert "pip install -e ." in last


def test_extension_failing_on_its_own_keeps_its_error(pysock, tmp_path):
    run = _import_copy(pysock, tmp_path, "raise ImportError('the extension refused: reason given here')\n")
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1] == "ImportError: the extension refused: reason given here"
    assert "not built" not in run.stderr


def test_extension_missing_a_module_of_its_own_names_that_module(pysock, tmp_path):
    run = _import_copy(pysock, tmp_path, "import pysock_no_such_dependency\n")
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1] == "ModuleNotFoundError: No module named 'pysock_no_such_dependency'"
