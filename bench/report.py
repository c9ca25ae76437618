"""The benchmark's table: each figure beside a floor measured in the same run, and the machine it ran on."""
from __future__ import annotations

import contextlib
import os
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Row:
    """One figure of the table, with the floor it is compared against."""

    section: str
    measure: str
    value: float
    unit: str
    floor: float | None = None
    floor_name: str = ""
    goal: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # markdown blocks printed under the table
    skipped: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(_row_line(row), flush=True)

    def note(self, text: str) -> None:
        self.details.append(text)
        print(text, flush=True)


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def _row_line(row: Row) -> str:
    ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
    met = {True: "yes", False: "NO", None: ""}[row.met]
    return (f"| {row.section} | {row.measure} | {_fmt(row.value)} {row.unit} | {_fmt(row.floor)} "
            f"{row.unit if row.floor is not None else ''} {row.floor_name} | {ratio} | {row.goal} | {met} |")


def table(rows: list[Row]) -> str:
    head = "| section | measure | value | floor (same run) | ratio | goal | met |\n|---|---|---|---|---|---|---|"
    return "\n".join([head, *(_row_line(r) for r in rows)])


def percentile(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def quiet_stderr():
    return contextlib.redirect_stderr(open(os.devnull, "w"))


def timed(work) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished children) spent in work()."""
    before, started = os.times(), time.perf_counter()
    work()
    after, wall = os.times(), time.perf_counter() - started
    cpu = (after.user + after.system + after.children_user + after.children_system
           - before.user - before.system - before.children_user - before.children_system)
    return wall, cpu


def machine() -> str:
    """Cores, memory, CPU model and library versions, for the results' header."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    versions = []
    for name in ("torch", "sentence-transformers", "transformers", "faiss-cpu", "numpy", "bm25s", "streamlit", "playwright"):
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return (f"{os.cpu_count()} cores ({cpu}), {memory / 1024 / 1024:.1f} GiB memory, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; " + ", ".join(versions))
