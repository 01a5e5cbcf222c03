"""The benchmark: build cost, memory, page weight, a first query and Lighthouse, written to bench/RESULTS.md.

    make bench                                  # the whole benchmark (about 25 minutes on 2 cores)
    .venv/bin/python -m bench --baseline REV    # the same, with REV's site measured beside today's
    .venv/bin/python -m bench --quick           # one run, 10 and 100 frames, no Lighthouse, no file

The largest synthetic site is also built by Zensical, and with one then three editions of its own data.
The figures of the last committed bench/RESULTS.md (--before) are quoted beside today's.

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
import sys
import tempfile
from pathlib import Path

from .builds import bench_baseline, bench_editions, bench_real_site, bench_synthetic, bench_zensical
from .before import previous_results
from .first_queries import first_query_bytes
from .lighthouse import bench_lighthouse, ensure_lighthouse
from .refusals import bench_refusals
from .report import machine, report, versions
from .serve import site_prefix
from .weight import page_weight

ROOT = Path(__file__).resolve().parent.parent


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
    parser.add_argument("--before", metavar="REV", default="HEAD",
                        help="quote the figures of REV's bench/RESULTS.md beside today's; default HEAD, the last committed")
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
        results["synthetic"], largest, results["zensical_synthetic"] = bench_synthetic(work, sizes, args.runs, max(sizes))
        print(f"Editions, at {max(sizes)} frames:", flush=True)
        results["editions"] = bench_editions(work, max(sizes), args.runs)
        print("Page weight and a first query:", flush=True)
        results["weights"] = weigh(site)
        for weight in results["weights"].values():
            print("  " + weight.summary())
        results["queries"] = first_query_bytes({"real site": site, results["synthetic"][-1].label: largest})
        results["lighthouse"], version = [], None
        if not args.no_lighthouse:
            print("Lighthouse:", flush=True)
            version = ensure_lighthouse()
            results["lighthouse"] = bench_lighthouse(site, pages_to_measure(site), work, args.lighthouse_runs)
            if results["baseline"]:
                results["baseline"]["lighthouse"] = bench_lighthouse(
                    baseline_site, pages_to_measure(baseline_site), work, args.lighthouse_runs)
        info["versions"] = versions(version, zensical=results["zensical"] is not None)
        info["machine"]["load average at end (1, 5, 15 min)"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        results["before"] = previous_results(args.before)
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
