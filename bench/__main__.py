"""The benchmark: build cost, memory, page weight and Lighthouse, written to bench/RESULTS.md.

    make bench                           # the whole benchmark (about 20 minutes on 2 cores)
    .venv/bin/python -m bench --quick    # one run, 10 and 100 frames, no Lighthouse, no file

Every build is a whole `python -m bench.build` process, timed from start to exit (wall clock)
and by the CPU time it and its children used; medians over --runs runs. Page weight comes from
bench/weight.py, Lighthouse from npm `lighthouse@12` (installed into .bench/ on first use) run
against the built site served gzip-compressed by bench/serve.py.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .serve import SiteServer, site_prefix
from .synth import generate
from .weight import page_weight

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
LIGHTHOUSE = CACHE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "CHROME_PATH": CHROME}

# The targets.
PER_PAGE_RATIO_MAX = 1.5
MEMORY_MAX_MB = 500
FRAME_PAGE_MAX_KB = 80
LIGHTHOUSE_MIN = 100


@dataclass
class Build:
    """The medians of several timed builds of one configuration."""

    label: str
    pages: int
    wall: list[float]
    cpu: list[float]
    peak_mb: float

    @property
    def wall_s(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_s(self) -> float:
        return statistics.median(self.cpu)

    def per_page_ms(self, cpu: bool = False) -> float:
        return (self.cpu_s if cpu else self.wall_s) / self.pages * 1000


# ---------------------------------------------------------------- builds


def run_build(config: Path, site_dir: Path, *extra: str) -> tuple[float, float, float]:
    """One build as its own process: wall seconds, CPU seconds, peak memory in MB."""
    command = [sys.executable, "-m", "bench.build", str(config), str(site_dir), *extra]
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=config.parent, env={**ENV, "PYTHONPATH": str(ROOT)},
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        # The build writes one line to stdout and its log to stderr: reading in turn cannot block.
        stderr = process.stderr.read()
        stdout = process.stdout.read()
        # wait4 gives this child's own CPU time (its children included); its memory comes from
        # the child itself (bench/build.py), as wait4's would include the parent's at the fork.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"build of {config} {' '.join(extra)} failed:\n{stderr.decode(errors='replace')[-3000:]}")
    peak_kb = int(stdout.decode().rsplit("peak-memory-kb", 1)[1])
    return wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024


def time_builds(label: str, config: Path, site_dir: Path, pages: int, runs: int, *extra: str) -> Build:
    """Build `runs` times; keep the medians and the highest peak memory."""
    results = [run_build(config, site_dir, *extra) for _ in range(runs)]
    build = Build(label, pages, [r[0] for r in results], [r[1] for r in results], max(r[2] for r in results))
    print(f"  {label}: {build.wall_s:.2f} s wall, {build.cpu_s:.2f} s CPU, {build.per_page_ms():.1f} ms/page, "
          f"{build.peak_mb:.0f} MB", flush=True)
    return build


def bench_real_site(work: Path, runs: int) -> tuple[Build, Build, Path]:
    """The real site with and without the macros plugin, runs interleaved so load affects both alike."""
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md"))
    site = work / "real"
    with_macros, without = [], []
    run_build(ROOT / "mkdocs.yml", site)  # not timed: fills the disk cache and Python's bytecode cache
    for _ in range(runs):
        with_macros.append(run_build(ROOT / "mkdocs.yml", site))
        without.append(run_build(ROOT / "mkdocs.yml", work / "real-no-macros", "--no-macros"))
    builds = []
    for label, results in (("real site", with_macros), ("real site, macros disabled", without)):
        build = Build(label, pages, [r[0] for r in results], [r[1] for r in results], max(r[2] for r in results))
        print(f"  {label}: {build.wall_s:.2f} s wall, {build.cpu_s:.2f} s CPU", flush=True)
        builds.append(build)
    return builds[0], builds[1], site


def bench_synthetic(work: Path, sizes: list[int], runs: int) -> list[Build]:
    """Generate and build a synthetic site of each size."""
    builds = []
    for size in sizes:
        made = generate(size, work / f"synth-{size}")
        builds.append(time_builds(f"{made['frames']} frames", made["config"], work / f"synth-{size}" / "site",
                                  made["pages"], runs))
    return builds


# ---------------------------------------------------------------- page weight and Lighthouse


def pages_to_measure(site: Path) -> dict[str, str]:
    """Home, the first frame of the data, the crux explorer and the map (those that exist)."""
    sys.path.insert(0, str(ROOT))
    from macros.model import load

    data = load(ROOT / "data" / "frames.yml", ROOT / "data" / "glossary.yml")
    first_frame = next(iter(data.frames))
    pages = {"home": "", "frame page": f"frames/{first_frame}/", "crux explorer": "cruxes/", "map": "map/"}
    return {name: page for name, page in pages.items() if (site / page / "index.html").exists()}


def weigh(site: Path) -> tuple[dict, dict]:
    """Weights of the measured pages, and of the heaviest frame page."""
    prefix = site_prefix(site)
    measured = {name: page_weight(site, page, prefix) for name, page in pages_to_measure(site).items()}
    frames = [page_weight(site, f"frames/{p.parent.name}/", prefix) for p in (site / "frames").glob("*/index.html")]
    heaviest = max(frames, key=lambda w: w.total())
    return measured, {"heaviest frame page": heaviest}


def ensure_lighthouse() -> str:
    """Lighthouse 12 in .bench/ (npm install on first use); its version."""
    if not LIGHTHOUSE.exists():
        print("  installing lighthouse@12 into .bench/lighthouse (npm) ...", flush=True)
        (CACHE / "lighthouse").mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                        str(CACHE / "lighthouse"), "lighthouse@12"], check=True, stdout=subprocess.DEVNULL)
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True).stdout.strip()


def run_lighthouse(url: str, preset: str, out: Path) -> dict:
    """One Lighthouse run: category scores, metrics, bytes, and the audits that cost points."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    command.append("--preset=desktop" if preset == "desktop" else "--form-factor=mobile")
    subprocess.run(command, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    lost = sorted({
        ref["id"] for category in report["categories"].values() for ref in category["auditRefs"]
        if ref.get("weight") and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
    })
    return {
        "scores": {key: round(cat["score"] * 100) for key, cat in report["categories"].items()},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "lost": lost,
        "benchmark_index": report["environment"].get("benchmarkIndex"),
    }


def bench_lighthouse(site: Path, work: Path, runs: int) -> list[dict]:
    """Lighthouse mobile and desktop on each measured page; the run with the median performance."""
    results = []
    with SiteServer(site, site_prefix(site)) as served:
        for name, page in pages_to_measure(site).items():
            for preset in ("mobile", "desktop"):
                tries = [run_lighthouse(served.url + page, preset, work / "lighthouse.json") for _ in range(runs)]
                tries.sort(key=lambda r: r["scores"]["performance"])
                chosen = tries[len(tries) // 2]
                chosen.update(page=name, path=page, preset=preset,
                              performance_runs=[r["scores"]["performance"] for r in tries])
                print(f"  {name} {preset}: {chosen['scores']} lost: {', '.join(chosen['lost']) or '-'}", flush=True)
                results.append(chosen)
    return results


# ---------------------------------------------------------------- the report


def machine() -> dict[str, str]:
    """What ran the benchmark, from /proc."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
    return {"cores (nproc)": str(os.cpu_count()), "memory": f"{mem_kb / 1024 / 1024:.1f} GiB", "CPU": cpu,
            "OS": platform.platform(terse=True),
            "load average at start (1, 5, 15 min)": ", ".join(f"{x:.1f}" for x in os.getloadavg())}


def versions(lighthouse: str | None) -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions", "mkdocs-macros-plugin", "Markdown"):
        found[package] = importlib.metadata.version(package)
    found["Node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() or "-"
    found["Lighthouse"] = lighthouse or "not run"
    found["Chromium"] = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout.strip() or "-"
    return found


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def report(args, info: dict, real: tuple[Build, Build], synthetic: list[Build],
           weights: tuple[dict, dict], lighthouse: list[dict]) -> str:
    """RESULTS.md: what was measured, the tables, and each target met or missed."""
    with_macros, without = real
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`python -m bench {' '.join(args.argv)}`) on {info['date']}. "
        "Do not edit by hand: run it again.",
        "",
        "What is measured: every build is a whole `python -m bench.build` process (Python start-up, "
        "imports, the MkDocs build, the post-build hook), timed from start to exit: the wall clock, "
        "and the CPU time of the process and its children, which is steadier when the machine is "
        f"shared. Figures are medians of {args.runs} runs; peak memory is the build process's highest "
        "resident size (VmHWM), the highest of its runs. Per-page cost is the build time divided by the Markdown pages built. "
        "Page weight is what a first visit downloads, gzip-compressed (level 9), read from the built "
        "files by `bench/weight.py` (the test suite applies the same code to every page); KB are "
        "1,000 bytes. Lighthouse runs against the built site served gzip-compressed by "
        "`bench/serve.py`, with simulated throttling (its defaults).",
        "",
        "## Machine and versions",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in info["machine"].items()],
        *[f"| {key} | {value} |" for key, value in info["versions"].items()],
        "",
        "## Targets",
        "",
        "| Target | Measured | |",
        "| --- | --- | --- |",
    ]
    if len(synthetic) >= 2:
        small, large = synthetic[-2], synthetic[-1]
        ratio = large.per_page_ms() / small.per_page_ms()
        ratio_cpu = large.per_page_ms(cpu=True) / small.per_page_ms(cpu=True)
        lines.append(
            f"| Per-page cost, {large.label} / {small.label} <= {PER_PAGE_RATIO_MAX} | {ratio:.2f} wall "
            f"({large.per_page_ms():.1f} vs {small.per_page_ms():.1f} ms/page), {ratio_cpu:.2f} CPU | "
            f"{verdict(ratio <= PER_PAGE_RATIO_MAX)} |")
        lines.append(f"| Peak memory of the {large.label} build < {MEMORY_MAX_MB} MB | {large.peak_mb:.0f} MB | "
                     f"{verdict(large.peak_mb < MEMORY_MAX_MB)} |")
    measured, heaviest = weights
    frame = measured.get("frame page")
    heavy = heaviest["heaviest frame page"]
    if frame:
        lines.append(
            f"| First load of a frame page <= {FRAME_PAGE_MAX_KB} KB | {kb(frame.total())} KB "
            f"(`{frame.page}`), heaviest `{heavy.page}` {kb(heavy.total())} KB; opening search fetches "
            f"{kb(heavy.total(search=True) - heavy.total())} KB more | "
            f"{verdict(heavy.total() <= FRAME_PAGE_MAX_KB * 1000)} |")
    if lighthouse:
        low = [f"{r['page']} {r['preset']} {key} {score}" for r in lighthouse
               for key, score in r["scores"].items() if score < LIGHTHOUSE_MIN]
        lines.append(f"| Lighthouse {LIGHTHOUSE_MIN} in all four categories, mobile and desktop | "
                     f"{'; '.join(low) or 'all 100'} | {verdict(not low)} |")
    lines += ["", "## Builds", "",
              "| Site | Pages | Wall (median) | CPU (median) | Per page, wall | Per page, CPU | Peak memory | Runs (wall, s) |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for build in (with_macros, without, *synthetic):
        lines.append(f"| {build.label} | {build.pages} | {build.wall_s:.2f} s | {build.cpu_s:.2f} s | "
                     f"{build.per_page_ms():.1f} ms | {build.per_page_ms(cpu=True):.1f} ms | {build.peak_mb:.0f} MB | "
                     f"{', '.join(f'{w:.2f}' for w in build.wall)} |")
    lines += ["", "Synthetic sites: `bench/synth.py` clones the real frames (data, pages, macro calls) in sets "
              "until there are N, renaming ids inside each set; the other pages, the macros package, the "
              "overrides, the hooks and mkdocs.yml (but its nav) are the real ones. Pages = frames + the "
              "site's other pages. The nav is shaped as a large real site's would be, so that no nav level "
              "grows with N: each section keeps its real entries, then one sub-section per set (\"Set 3\") "
              "with that set's clones of the section's frames; more than ten sets are gathered ten at a time "
              "into \"Sets 1-10\", \"Sets 11-20\"... (and those into \"Sets 1-100\"... beyond 100 sets). "
              "With `navigation.prune` (on in mkdocs.yml) a page then carries a bounded part of the nav.", ""]
    lines += ["## Page weight (first load, gzip-compressed, KB)", "",
              "| Page | HTML | CSS | JS | Images | Fonts | First load | Opening search: worker + index | Total after a search |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, weight in {**measured, **heaviest}.items():
        k = weight.by_kind()
        lines.append(f"| {name} (`{weight.page or '/'}`) | {kb(k['html'])} | {kb(k['css'])} | {kb(k['js'])} | "
                     f"{kb(k['images'])} | {kb(k['fonts'])} | **{kb(weight.total())}** | {kb(k['search'])} | "
                     f"{kb(weight.total(search=True))} |")
    lines += ["", "Search (Pagefind) loads nothing with the page: its script, UI and index fragments come when the "
              "reader first opens search (tests/test_search.py weighs a first query); the test suite checks in "
              "Chromium that a first visit fetches exactly the files of the First load column.", ""]
    if lighthouse:
        lines += ["## Lighthouse", "",
                  f"Median of {args.lighthouse_runs} run(s) by performance score (all runs' performance in the "
                  "last column). Times in ms; bytes as Lighthouse counted them (transferred).", "",
                  "| Page | Preset | Perf. | A11y | Best pr. | SEO | FCP | LCP | TBT | CLS | Bytes | Audits below 1 | Perf. runs |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
        for r in lighthouse:
            s = r["scores"]
            lines.append(f"| {r['page']} | {r['preset']} | {s['performance']} | {s['accessibility']} | "
                         f"{s['best-practices']} | {s['seo']} | {r['fcp']:.0f} | {r['lcp']:.0f} | {r['tbt']:.0f} | "
                         f"{r['cls']:.3f} | {r['bytes'] / 1000:.1f} KB | {', '.join(r['lost']) or '-'} | "
                         f"{', '.join(map(str, r['performance_runs']))} |")
        lines += ["", f"Lighthouse's benchmark index of this machine: {lighthouse[0]['benchmark_index']}.", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per configuration (median); default 3")
    parser.add_argument("--sizes", default="10,100,1000", help="synthetic frame counts; default 10,100,1000")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and preset")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--quick", action="store_true", help="1 run, 10 and 100 frames, no Lighthouse, print only")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    if args.quick:
        args.runs, args.sizes, args.no_lighthouse, args.output = 1, "10,100", True, None
    sizes = [int(s) for s in args.sizes.split(",")]

    info = {"date": datetime.date.today().isoformat(), "machine": machine()}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    # The builds keep their compiled templates in the work folder (first run of each site: compiled),
    # so that the synthetic sites' copies do not fill the machine's cache.
    try:
        print("Real site, with and without the macros plugin:", flush=True)
        with_macros, without, site = bench_real_site(work, args.runs)
        print("Synthetic sites:", flush=True)
        synthetic = bench_synthetic(work, sizes, args.runs)
        print("Page weight:", flush=True)
        weights = weigh(site)
        for weight in [*weights[0].values(), *weights[1].values()]:
            print("  " + weight.summary())
        lighthouse, version = [], None
        if not args.no_lighthouse:
            print("Lighthouse:", flush=True)
            version = ensure_lighthouse()
            lighthouse = bench_lighthouse(site, work, args.lighthouse_runs)
        info["versions"] = versions(version)
        text = report(args, info, (with_macros, without), synthetic, weights, lighthouse)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}")
    else:
        print(text)


if __name__ == "__main__":
    main()
