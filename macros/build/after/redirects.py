"""Redirect stubs at the old addresses of frames, groups and cruxes (their aliases in the data)."""

from __future__ import annotations

from pathlib import Path

from ...views.fragments import redirect_stub


def write_redirects(site: Path, plan: list[tuple[str, str, str]], site_url: str) -> list[str]:
    """Write a stub for each (old path, live path, title); if any is unsafe, write none and say why."""
    problems = []
    for old, live, _ in plan:
        existing = site / old / "index.html"
        # A stub from an earlier run of this step is ours to write again; a real page is not.
        if existing.exists() and 'http-equiv="refresh"' not in existing.read_text(encoding="utf-8"):
            problems.append(f"/{old}: an alias would replace this real page with a redirect to /{live}; "
                            "drop the alias or move the page")
        elif not (site / live / "index.html").exists():
            problems.append(f"/{old}: the redirect would point to /{live}, which the build did not produce")
    if problems:
        return problems
    for old, live, title in plan:
        stub = site / old / "index.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(redirect_stub(old, live, title, site_url), encoding="utf-8")
    return []
