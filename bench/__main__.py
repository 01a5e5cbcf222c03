"""The benchmark: build cost, memory, page weight, a first query and Lighthouse, written to bench/RESULTS.md.

    make bench                                  # the whole benchmark (about 25 minutes on 2 cores)
    .venv/bin/python -m bench --baseline REV    # the same, with REV's site measured beside today's
    .venv/bin/python -m bench --quick           # one run, 10 and 100 frames, no Lighthouse, no file

Every build is a whole process, timed from start to exit (wall clock) and by the CPU time it and
its children used; medians over --runs runs. Page weight comes from bench/weight.py, a first query
from bench/search_weight.py in Chromium, Lighthouse from bench/lighthouse.py, each against the built
site served gzip-compressed by bench/serve.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .first_queries import first_query_bytes
from .lighthouse import bench_lighthouse, ensure_lighthouse
from .refusals import bench_refusals
from .report import machine, report, versions
from .serve import site_prefix
from .synth import generate
from .weight import page_weight

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


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


# ---------------------------------------------------------------- builds


def run_timed(commands: list[list[str]], cwd: Path, env: dict) -> tuple[float, float, str]:
    """Run commands one after another: wall seconds, CPU seconds (theirs and their children's), last stdout."""
    start = time.perf_counter()
    cpu = 0.0
    stdout = b""
    for command in commands:
        with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
            # A build writes little to stdout and its log to stderr: reading in turn cannot block.
            stderr = process.stderr.read()
            stdout = process.stdout.read()
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            sys.exit(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode(errors='replace')[-3000:]}")
        cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu, stdout.decode()


def time_builds(label: str, config: Path, site_dir: Path, runs: int) -> Build:
    """Build with MkDocs (strict, post-build included) `runs` times; keep the medians and the highest peak memory."""
    command = [sys.executable, "-m", "bench.build", str(config), str(site_dir)]
    results = [run_timed([command], config.parent, {**ENV, "PYTHONPATH": str(ROOT)}) for _ in range(runs)]
    # wait4's memory would include the parent's at the fork: the build reports its own (bench/build.py).
    peaks = [int(out.rsplit("peak-memory-kb", 1)[1]) / 1024 for *_, out in results]
    build = Build(label, built_pages(site_dir), [r[0] for r in results], [r[1] for r in results], max(peaks))
    print(f"  {label}: {build.wall_s:.2f} s wall, {build.cpu_s:.2f} s CPU, {build.per_page_ms():.1f} ms/page, "
          f"{build.peak_mb:.0f} MB", flush=True)
    return build


def built_pages(site: Path) -> int:
    """The pages a build wrote from Markdown: every page of the built site but redirect stubs and 404.html.

    Counted from the output because the build writes pages of its own (a page per crux) before it renders.
    """
    sys.path.insert(0, str(ROOT))
    from macros.views.edition_pages import GENERATOR

    written_after = f'<meta name="generator" content="{GENERATOR}">'  # editions, tombstones, changes
    texts = (page.read_text(encoding="utf-8", errors="replace") for page in site.rglob("index.html"))
    return sum(1 for text in texts if '<meta http-equiv="refresh"' not in text and written_after not in text)


def bench_real_site(work: Path, runs: int) -> tuple[Build, Path]:
    """The real site, as `make build` builds it."""
    site = work / "real"
    run_timed([[sys.executable, "-m", "bench.build", str(ROOT / "mkdocs.yml"), str(site)]], ROOT,
              {**ENV, "PYTHONPATH": str(ROOT)})  # not timed: fills the disk cache and Python's bytecode cache
    return time_builds("real site", ROOT / "mkdocs.yml", site, runs), site


def bench_zensical(runs: int) -> Build | None:
    """The real site as `make zensical` builds it (Zensical, then the post-build outputs), if Zensical is installed."""
    zensical = BIN / "zensical"
    if not zensical.exists():
        print("  Zensical is not installed (make zensical installs it): skipped", flush=True)
        return None
    commands = [[str(zensical), "build", "--clean", "--strict", "-f", "zensical.yml"],
                [sys.executable, "-m", "macros.cli", "postbuild", "site-zensical"]]
    results = [run_timed(commands, ROOT, ENV) for _ in range(runs)]
    build = Build("real site, Zensical 0.0.73 + postbuild", built_pages(ROOT / "site-zensical"), [r[0] for r in results],
                  [r[1] for r in results], None)
    print(f"  {build.label}: {build.wall_s:.2f} s wall, {build.cpu_s:.2f} s CPU", flush=True)
    return build


def bench_synthetic(work: Path, sizes: list[int], runs: int) -> list[tuple[Build, Path]]:
    """Generate and build a synthetic site of each size; the builds and the built sites."""
    built = []
    for size in sizes:
        made = generate(size, work / f"synth-{size}")
        site = work / f"synth-{size}" / "site"
        built.append((time_builds(f"{made['frames']} frames", made["config"], site, runs), site))
    return built


def bench_baseline(revision: str, work: Path, runs: int) -> tuple[str, Build, Path]:
    """Another revision's site, built by its own files (`mkdocs build --strict`) in a git worktree."""
    commit = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    tree = work / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        site = work / "baseline-site"
        command = [[str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)]]
        run_timed(command, tree, ENV)  # not timed, as for today's site
        results = [run_timed(command, tree, ENV) for _ in range(runs)]
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    build = Build(f"real site at {commit}", built_pages(site), [r[0] for r in results], [r[1] for r in results], None)
    print(f"  {build.label}: {build.wall_s:.2f} s wall, {build.cpu_s:.2f} s CPU", flush=True)
    return commit, build, site


# ---------------------------------------------------------------- page weight


def pages_to_measure(site: Path) -> dict[str, str]:
    """Home, the first frame of the data, the crux explorer and the map (those that exist)."""
    sys.path.insert(0, str(ROOT))
    from macros.model import load

    data = load(ROOT / "data" / "frames.yml", ROOT / "data" / "glossary.yml")
    first_frame = next(iter(data.frames))
    pages = {"home": "", "frame page": f"frames/{first_frame}/", "crux explorer": "cruxes/", "map": "map/"}
    return {name: page for name, page in pages.items() if (site / page / "index.html").exists()}


def weigh(site: Path) -> dict:
    """Weights of the measured pages, and of the heaviest frame page."""
    prefix = site_prefix(site)
    measured = {name: page_weight(site, page, prefix) for name, page in pages_to_measure(site).items()}
    frames = [page_weight(site, f"frames/{p.parent.name}/", prefix) for p in (site / "frames").glob("*/index.html")]
    measured["heaviest frame page"] = max(frames, key=lambda w: w.total())
    return measured


# ---------------------------------------------------------------- the whole run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per configuration (median); default 3")
    parser.add_argument("--sizes", default="10,100,1000", help="synthetic frame counts; default 10,100,1000")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and preset")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--baseline", metavar="REV", help="also build and measure this git revision's site")
    parser.add_argument("--quick", action="store_true", help="1 run, 10 and 100 frames, no Lighthouse, print only")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    if args.quick:
        args.runs, args.sizes, args.no_lighthouse, args.output = 1, "10,100", True, None
    sizes = [int(s) for s in args.sizes.split(",")]

    info = {"date": datetime.date.today().isoformat(), "machine": machine()}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results: dict = {"baseline": None}
    try:
        print("Refusals of bad input (CPU time):", flush=True)
        results["refusals"] = bench_refusals()
        print("Real site:", flush=True)
        results["real"], site = bench_real_site(work, args.runs)
        results["zensical"] = bench_zensical(args.runs)
        if args.baseline:
            commit, baseline_build, baseline_site = bench_baseline(args.baseline, work, args.runs)
            results["baseline"] = {"commit": commit, "build": baseline_build, "weights": weigh(baseline_site)}
        print("Synthetic sites:", flush=True)
        synthetic = bench_synthetic(work, sizes, args.runs)
        results["synthetic"] = [build for build, _ in synthetic]
        print("Page weight and a first query:", flush=True)
        results["weights"] = weigh(site)
        for weight in results["weights"].values():
            print("  " + weight.summary())
        results["queries"] = first_query_bytes({"real site": site, **{b.label: s for b, s in synthetic[-1:]}})
        results["lighthouse"], version = [], None
        if not args.no_lighthouse:
            print("Lighthouse:", flush=True)
            version = ensure_lighthouse()
            results["lighthouse"] = bench_lighthouse(site, pages_to_measure(site), work, args.lighthouse_runs)
            if results["baseline"]:
                results["baseline"]["lighthouse"] = bench_lighthouse(
                    baseline_site, pages_to_measure(baseline_site), work, args.lighthouse_runs)
        info["versions"] = versions(version, zensical=results["zensical"] is not None)
        text = report(args, info, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}")
    else:
        print(text)


if __name__ == "__main__":
    main()
