"""Lighthouse 12 (npm, installed into .bench/ on first use) on built pages served as deployed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .serve import SiteServer, site_prefix

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
LIGHTHOUSE = CACHE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
ENV = {**os.environ, "CHROME_PATH": CHROME}


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


def bench_lighthouse(site: Path, pages: dict[str, str], work: Path, runs: int) -> list[dict]:
    """Lighthouse mobile and desktop on each page; for each, the run with the median performance."""
    results = []
    with SiteServer(site, site_prefix(site)) as served:
        for name, page in pages.items():
            for preset in ("mobile", "desktop"):
                tries = [run_lighthouse(served.url + page, preset, work / "lighthouse.json") for _ in range(runs)]
                tries.sort(key=lambda r: r["scores"]["performance"])
                chosen = tries[len(tries) // 2]
                chosen.update(page=name, path=page, preset=preset,
                              performance_runs=[r["scores"]["performance"] for r in tries])
                print(f"  {name} {preset}: {chosen['scores']} lost: {', '.join(chosen['lost']) or '-'}", flush=True)
                results.append(chosen)
    return results
