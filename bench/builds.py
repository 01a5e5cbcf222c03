"""Timed builds: the real site and synthetic ones, by MkDocs and by Zensical, each a whole process."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from .synth import generate, write_editions

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# PYTHONPATH: a build of a synthetic project runs this repository's macros and bench packages.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(ROOT)}
REFRESH = '<meta http-equiv="refresh"'


@dataclass
class Build:
    """The medians of several timed builds of one configuration."""

    label: str
    pages: int
    wall: list[float]
    cpu: list[float]
    peak_mb: float | None

    @property
    def wall_s(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_s(self) -> float:
        return statistics.median(self.cpu)

    def per_page_ms(self, cpu: bool = False) -> float:
        return (self.cpu_s if cpu else self.wall_s) / self.pages * 1000

    def printed(self) -> "Build":
        peak = f", {self.peak_mb:.0f} MB" if self.peak_mb else ""
        print(f"  {self.label}: {self.pages} pages, {self.wall_s:.2f} s wall, {self.cpu_s:.2f} s CPU, "
              f"{self.per_page_ms():.1f} ms/page{peak}", flush=True)
        return self


def run_timed(command: list[str], cwd: Path, env: dict = ENV) -> tuple[float, float, str]:
    """Run a command: wall seconds, CPU seconds (its own and its children's), its stdout."""
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        # A build writes little to stdout and its log to stderr: reading in turn cannot block.
        stderr = process.stderr.read()
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode(errors='replace')[-3000:]}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, stdout.decode()


def build_command(config: Path, site: Path | None = None) -> list[str]:
    """bench/build.py's command: MkDocs into site, or Zensical (site None) into its config's site_dir."""
    return [sys.executable, "-m", "bench.build", str(config), *([str(site)] if site else ["--zensical"])]


def zensical_site(config: Path) -> Path:
    """Where a Zensical config builds (its site_dir, from its folder)."""
    return config.parent / YAML(typ="safe").load(config.read_text(encoding="utf-8"))["site_dir"]


def measured(label: str, site: Path, results: list[tuple[float, float, str]]) -> Build:
    """A Build from timed runs; wait4's memory would include the parent's at the fork: the build reports its own."""
    peaks = [int(out.rsplit("peak-memory-kb", 1)[1]) / 1024 for *_, out in results]
    return Build(label, built_pages(site), [r[0] for r in results], [r[1] for r in results], max(peaks)).printed()


def time_builds(label: str, config: Path, runs: int, site: Path | None = None) -> tuple[Build, Path]:
    """Build `runs` times, by MkDocs into site or by Zensical (site None) into its site_dir: the medians, the site."""
    command = build_command(config, site)
    site = site or zensical_site(config)
    return measured(label, site, [run_timed(command, config.parent) for _ in range(runs)]), site


def built_pages(site: Path) -> int:
    """The pages of a built site: every HTML page but redirect stubs and 404.html (the editions' filled pages count)."""
    pages = (page for page in site.rglob("*.html") if page.relative_to(site).as_posix() != "404.html")
    return sum(1 for page in pages if REFRESH not in page.read_text(encoding="utf-8", errors="replace"))


def bench_real_site(work: Path, runs: int) -> tuple[Build, Path]:
    """The real site, as `make build` builds it."""
    site = work / "real" / "site"
    # Not timed: fills the disk cache and Python's bytecode cache.
    run_timed(build_command(ROOT / "mkdocs.yml", site), ROOT)
    return time_builds("real site", ROOT / "mkdocs.yml", runs, site)


def zensical_installed() -> bool:
    if importlib.util.find_spec("zensical") is None:
        print("  Zensical is not installed (make zensical installs it): skipped", flush=True)
        return False
    return True


def bench_zensical(runs: int) -> Build | None:
    """The real site as `make zensical` builds it (its one command), if Zensical is installed."""
    if not zensical_installed():
        return None
    label = f"real site, Zensical {importlib.metadata.version('zensical')}"
    return time_builds(label, ROOT / "zensical.yml", runs)[0]


def bench_synthetic(work: Path, sizes: list[int], runs: int, zensical_at: int | None) -> tuple[list[Build], Path, Build | None]:
    """Each size's synthetic site built by MkDocs (and by Zensical at zensical_at frames); the largest MkDocs site."""
    built, zensical, site = [], None, None
    for size in sizes:
        made = generate(size, work / f"synth-{size}")
        build, site = time_builds(f"{made['frames']} frames", made["config"], runs, made["config"].parent / "site")
        built.append(build)
        if size == zensical_at and zensical_installed():
            zensical = time_builds(f"{made['frames']} frames, Zensical", made["zensical"], runs)[0]
    return built, site, zensical


def bench_editions(work: Path, frames: int, runs: int) -> tuple[Build, Build]:
    """The same synthetic site with one edition of its own data and with three, their runs taken in turn.

    In turn, so that a change in the shared machine's load falls on both alike.
    """
    projects = {}
    for count in (1, 3):
        made = generate(frames, work / f"synth-{frames}-editions-{count}")
        write_editions(made["config"].parent, count)
        projects[count] = (f"{made['frames']} frames, {count} edition{'s' if count > 1 else ''}", made["config"])
    results: dict[int, list] = {1: [], 3: []}
    for _ in range(runs):
        for count, (_, config) in projects.items():
            results[count].append(run_timed(build_command(config, config.parent / "site"), config.parent))
    return tuple(measured(label, config.parent / "site", results[count]) for count, (label, config) in projects.items())


def bench_baseline(revision: str, work: Path, runs: int) -> tuple[str, Build, Path]:
    """Another revision's site, built by its own files (`mkdocs build --strict`) in a git worktree."""
    commit = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    tree = work / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        site = work / "baseline-site"
        command = [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)]
        env = {**ENV, "PYTHONPATH": str(tree)}  # its own macros package, not today's
        run_timed(command, tree, env)  # not timed, as for today's site
        results = [run_timed(command, tree, env) for _ in range(runs)]
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    build = Build(f"real site at {commit}", built_pages(site), [r[0] for r in results], [r[1] for r in results], None)
    return commit, build.printed(), site
