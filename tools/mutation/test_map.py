"""Reads test_map.txt: which test files judge a mutant of a source file."""
import fnmatch
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class TestMap:
    __test__ = False  # not a pytest class

    def __init__(self, path=os.path.join(HERE, "test_map.txt")):
        self.cores = {}
        self.rules = []      # (source globs, test names)
        self.excluded = []   # test IDs never run
        self.unjudging = []  # test files left out on purpose (never-judges:)
        self.wine = ["backends/windows/*"]  # sources judged under Wine
        entries = []
        with open(path) as file:
            for raw in file:
                line = raw.split("#", 1)[0].rstrip()
                if not line:
                    continue
                if line[0].isspace() and entries:
                    entries[-1] += " " + line.strip()
                else:
                    entries.append(line)
        for entry in entries:
            head, _, rest = entry.partition(":")
            if head == "exclude":
                self.excluded.append(rest.split()[0])
            elif head == "never-judges":
                self.unjudging.extend(rest.split())
            elif head == "wine":
                self.wine.extend(rest.split())
            elif head.startswith("core-"):
                self.cores[head[len("core-"):]] = rest.split()
            else:
                self.rules.append((head.split(), rest.split()))

    def named_tests(self):
        """Every test file the map names: core lists, rules and never-judges."""
        names = [*self.unjudging]
        for core in self.cores.values():
            names.extend(core)
        for _, tests in self.rules:
            names.extend(tests)
        return set(names)

    def platform(self, path):
        """Where a mutant of `path` is judged: "windows" (under Wine) or "linux"."""
        return "windows" if any(fnmatch.fnmatch(path, g) for g in self.wine) else "linux"

    def tests_for(self, path, platform):
        """Test file names (tests/NAME.py) for a mutant of `path`, in run order."""
        return list(dict.fromkeys([*self.named_for(path), *self.cores[platform]]))

    def named_for(self, path):
        """The test files the map's own lines name for `path` (no core list)."""
        names = []
        for globs, tests in self.rules:
            if any(fnmatch.fnmatch(path, g) for g in globs):
                names.extend(tests)
        return list(dict.fromkeys(names))
