"""The figures of an earlier bench/RESULTS.md (read from git), quoted beside today's: no second benchmark to run."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = "bench/RESULTS.md"


def _git(*args: str) -> str | None:
    run = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return run.stdout if run.returncode == 0 else None


def tables(text: str) -> dict[str, list[list[dict[str, str]]]]:
    """Each '## ' section's tables, in order, each a list of rows ({column heading -> cell})."""
    found: dict[str, list] = {}
    section, header, table = "", None, []
    for line in text.splitlines():
        if line.startswith("## "):
            section, header = line[3:].strip(), None
        elif line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if header is None:
                header, table = cells, []
                found.setdefault(section, []).append(table)
            elif not set(cells[0]) <= set("-: "):
                table.append(dict(zip(header, cells)))
        else:
            header = None
    return found


def previous_results(revision: str) -> dict | None:
    """The tables of bench/RESULTS.md at revision, and the commit that wrote that file; None if there is none."""
    text = _git("show", f"{revision}:{RESULTS}")
    if text is None:
        return None
    commit = (_git("log", "-1", "--format=%h", revision, "--", RESULTS) or "").strip()
    return {"revision": revision, "commit": commit, "tables": tables(text)}


def _rows(before: dict, section: str, index: int = 0) -> dict[str, dict[str, str]]:
    """A table's rows by their first cells, two cells when the first repeats (a page's Lighthouse presets)."""
    found = before["tables"].get(section, [])
    rows = found[index] if len(found) > index else []
    firsts = [next(iter(row.values())) for row in rows]
    return {(" ".join(list(row.values())[:2]) if firsts.count(first) > 1 else first): row
            for first, row in zip(firsts, rows)}


def _lookup(before: dict, section: str, row: str, column: str, index: int = 0) -> str:
    return _rows(before, section, index).get(row, {}).get(column, "-").strip("*")


def _build_rows(before: dict, results: dict) -> list[tuple[str, str, str]]:
    old = _rows(before, "Builds")
    rows = []
    now = {"real site": results["real"], **{b.label: b for b in results["synthetic"]}}
    for label, build in now.items():
        was = old.get(label)
        name = "Build of the real site" if label == "real site" else f"Build at {label}"
        if was is None:
            continue
        rows.append((f"{name}, wall / CPU (median)", f"{was['Wall (median)']} / {was['CPU (median)']}",
                     f"{build.wall_s:.2f} s / {build.cpu_s:.2f} s"))
        if label != "real site":
            cpu_ms = float(was["CPU (median)"].split()[0]) / int(was["Pages"]) * 1000
            rows.append((f"Per-page cost at {label}, wall / CPU (pages)",
                         f"{was['Per page, wall']} / {cpu_ms:.1f} ms ({was['Pages']})",
                         f"{build.per_page_ms():.1f} ms / {build.per_page_ms(cpu=True):.1f} ms ({build.pages})"))
    zensical = next((b for label, b in old.items() if label.startswith("real site, Zensical")), None)
    if zensical and results["zensical"]:
        rows.append(("Build of the real site by Zensical, wall / CPU (median)",
                     f"{zensical['Wall (median)']} / {zensical['CPU (median)']}",
                     f"{results['zensical'].wall_s:.2f} s / {results['zensical'].cpu_s:.2f} s"))
    largest = results["synthetic"][-1] if results["synthetic"] else None
    if largest and largest.label in old:
        rows.append((f"Peak memory at {largest.label}", old[largest.label]["Peak memory"], f"{largest.peak_mb:.0f} MB"))
    return rows


def before_after(before: dict | None, results: dict) -> list[str]:
    """The rows both the earlier RESULTS.md and today's run have, as a Markdown section."""
    if not before:
        return []
    rows = _build_rows(before, results)
    weights = "Page weight (first load, gzip-compressed, KB)"
    for name, weight in results["weights"].items():
        page = f"{name} (`{weight.page or '/'}`)"
        rows.append((f"First load, {page}", f"{_lookup(before, weights, page, 'First load')} KB",
                     f"{weight.total() / 1000:.1f} KB"))
    for label, size in results["queries"].items():
        rows.append((f"A first one-word query, {label}", _lookup(before, weights, label, "First query", 1),
                     f"{size / 1000:.1f} KB"))
    by_page: dict[str, dict[str, int]] = {}
    for run in results["lighthouse"]:
        by_page.setdefault(run["page"], {})[run["preset"]] = run["scores"]["performance"]
    for page, scores in by_page.items():
        was = {preset: _lookup(before, "Lighthouse", f"{page} {preset}", "Perf.") for preset in scores}
        rows.append((f"Lighthouse performance, {page} ({', '.join(scores)})", ", ".join(was.values()),
                     ", ".join(map(str, scores.values()))))
    commit = before["commit"]
    return [f"## Before and after: `{commit}` and today", "",
            f"Before: the figures of bench/RESULTS.md at `{before['revision']}`, written by the benchmark at `{commit}` "
            "(quoted, not measured again; that run's machine load may have differed). Per-page costs count the "
            "pages each build wrote; before, the editions' pages were not counted.", "",
            f"| | Before (`{commit}`) | After |", "| --- | ---: | ---: |",
            *[f"| {name} | {was} | {now} |" for name, was, now in rows], ""]
