"""The suite's output: one row per workload, the table, the JSON of every
sample and the PNG chart of the ratios."""
import json
import statistics
import sys


def spread(values):
    """(max - min) / median: how much one module's rounds disagree."""
    m = statistics.median(values)
    return (max(values) - min(values)) / m if m else 0.0


class Row:
    def __init__(self, workload, n, stdlib, pysock, floor):
        self.workload, self.n = workload, n
        self.stdlib, self.pysock, self.floor = stdlib, pysock, floor
        self.s, self.p = statistics.median(stdlib), statistics.median(pysock)
        self.f = statistics.median(floor) if floor else None
        self.ratio = self.p / self.s if self.s else float("nan")
        # Rounds are interleaved in pairs, so each pair's ratio is one
        # estimate; their range is the noise band printed beside the ratio.
        paired = [p / s for s, p in zip(stdlib, pysock) if s]
        self.band = (min(paired), max(paired)) if paired else (self.ratio, self.ratio)

    def over_floor(self):
        """pysock's cost above the floor as a fraction of the stdlib's."""
        if self.f is None or self.s <= self.f:
            return None
        return (self.p - self.f) / (self.s - self.f)

    def value(self, v):
        if v is None:
            return "-"
        if self.workload.unit == "B":
            return f"{v:.0f} B"
        us = v * 1e6
        return f"{us:.4g} us" if us < 1000 else f"{us / 1000:.4g} ms"

    def cells(self):
        over = self.over_floor()
        return [
            self.workload.name, self.value(self.s), self.value(self.p),
            f"{self.ratio:.2f} [{self.band[0]:.2f}-{self.band[1]:.2f}]",
            f"{100 * spread(self.stdlib):.0f}% / {100 * spread(self.pysock):.0f}%",
            self.value(self.f), "-" if over is None else f"{over:.2f}",
        ]

    def line(self):
        return "  ".join(self.cells())


HEADER = ["workload", "stdlib", "pysock", "ratio [band]", "spread s/p", "C floor", "over floor"]


def table(rows):
    cells = [HEADER] + [r.cells() for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    lines = []
    for k, c in enumerate(cells):
        lines.append("  ".join(c[0].ljust(widths[0]) if i == 0 else c[i].rjust(widths[i])
                               for i in range(len(HEADER))).rstrip())
        if k == 0:
            lines.append("-" * len(lines[0]))
    lines.append("")
    lines.append("ratio: pysock/stdlib of the medians (below 1: pysock is faster); band: the range of the")
    lines.append("per-round ratios; spread: (max-min)/median of each module's rounds; over floor: pysock's")
    lines.append("time above the C floor as a fraction of the stdlib's.")
    return "\n".join(lines)


def write_json(path, rows, rounds, quick):
    doc = {
        "python": sys.version, "platform": sys.platform, "rounds": rounds, "quick": quick,
        "unit": "seconds per operation, or bytes per operation for unit B",
        "workloads": [{
            "name": r.workload.name, "group": r.workload.group, "unit": r.workload.unit,
            "operations_per_sample": r.n, "stdlib": r.stdlib, "pysock": r.pysock, "floor": r.floor,
            "ratio": r.ratio, "band": list(r.band),
        } for r in rows],
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)


def chart(path, rows):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # The axis stops at LIMIT so that one noisy band cannot squash the
    # bars; a clipped whisker ends in an arrow at the edge.
    limit = min(2.5, max(1.3, max(r.band[1] for r in rows) * 1.1))
    rows = rows[::-1]  # first workload at the top
    names = [r.workload.name for r in rows]
    ratios = [min(r.ratio, limit) for r in rows]
    low = [max(0.0, r.ratio - r.band[0]) for r in rows]
    high = [max(0.0, min(r.band[1], limit) - r.ratio) for r in rows]
    colours = ["tab:red" if r.band[0] > 1.0 else "tab:green" if r.band[1] < 1.0 else "tab:gray"
               for r in rows]
    fig, ax = plt.subplots(figsize=(11, 0.38 * len(rows) + 1.8))
    ax.barh(names, ratios, xerr=[low, high], color=colours, capsize=2, ecolor="0.25")
    ax.axvline(1.0, color="black", linewidth=1.2)
    for y, r in enumerate(rows):
        if r.band[1] > limit:
            ax.annotate("", xy=(limit, y), xytext=(limit - 0.12, y),
                        arrowprops=dict(arrowstyle="->", color="0.25"))
        ax.text(limit * 1.01, y, f"{r.ratio:.2f}  [{r.band[0]:.2f}-{r.band[1]:.2f}]", va="center", fontsize=8)
    ax.set_xlim(0, limit)
    ax.set_xlabel("pysock time / stdlib time, median (whiskers: per-round ratios)\n"
                  "green: faster in every round; red: slower in every round; grey: within noise")
    ax.set_title("pysock against the stdlib socket module (below 1.0: pysock faster)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
