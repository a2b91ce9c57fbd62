"""binding/python3.def (the Windows import library's source) must export
every function and data item that binding/python.zig declares."""
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON_ZIG = os.path.join(ROOT, "binding", "python.zig")
DEF_FILE = os.path.join(ROOT, "binding", "python3.def")


@pytest.mark.skipif(not os.path.exists(PYTHON_ZIG), reason="source tree not available")
def test_def_file_lists_every_extern():
    src = open(PYTHON_ZIG, encoding="utf-8").read()
    functions = set(re.findall(r"^pub extern fn (\w+)\(", src, re.M))
    data = set(re.findall(r"^pub extern var (\w+):", src, re.M))
    assert len(functions) > 40 and len(data) > 5
    exports = {}
    for line in open(DEF_FILE, encoding="utf-8"):
        parts = line.split(";")[0].split()
        if parts and parts[0] not in ("LIBRARY", "EXPORTS"):
            exports[parts[0]] = parts[1:] == ["DATA"]
    assert functions - set(exports) == set()
    assert data - set(exports) == set()
    assert all(exports[name] for name in data), "data items need the DATA keyword"
    assert not any(exports[name] for name in functions)
