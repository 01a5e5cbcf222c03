"""How the post and the site's pages are cited: plain text and BibTeX, and the "Cite this" block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import SiteData, Source
from .templates import environment


@dataclass(frozen=True)
class Citation:
    """One work cited two ways."""

    text: str
    bibtex: str


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def bibtex_escape(value: str) -> str:
    """Text safe inside a BibTeX field in braces."""
    value = value.replace("\\", r"\textbackslash{}")
    value = _BIBTEX_SPECIAL.sub(r"\\\1", value)
    return value.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex_authors(authors: str) -> str:
    """'Thomas Larsen et al.' -> 'Larsen, Thomas and others'; names are 'First Last', comma-separated."""
    others = bool(re.search(r"\bet al\.?$", authors.strip()))
    names = re.split(r",\s*|\s+and\s+", re.sub(r"\s*\bet al\.?$", "", authors.strip()))
    formatted = []
    for name in filter(None, (n.strip() for n in names)):
        first, _, last = name.rpartition(" ")
        formatted.append(f"{last}, {first}" if first else last)
    return " and ".join(formatted + (["others"] if others else []))


def _bibtex(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{kind}{{{key},"] + [f"  {name} = {{{bibtex_escape(value)}}}," for name, value in fields]
    return "\n".join(lines).rstrip(",") + "\n}"


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def cite_source(source: Source) -> Citation:
    """The post this site explains."""
    last_name = re.sub(r"\s*\bet al\.?$", "", source.authors).split(",")[0].split()[-1]
    title_word = next((w for w in _slug(source.title).split("-") if w not in {"the", "a", "an"}), "post")
    return Citation(
        text=f'{source.authors} ({source.year}). "{source.title}" Written in the {source.program}. {source.url}',
        bibtex=_bibtex("misc", f"{_slug(last_name)}{source.year}{title_word}", [
            ("author", bibtex_authors(source.authors)),
            ("title", source.title),
            ("year", str(source.year)),
            ("url", source.url),
            ("note", f"Written in the {source.program}"),
        ]),
    )


def cite_page(title: str, url: str, page_url: str, site_name: str, last_changed: str | None) -> Citation:
    """A page of this site: its title, address and (when git history exists) the date it last changed."""
    changed = f" Last changed {last_changed}." if last_changed else ""
    key = f"{_slug(site_name.split(',')[0])}:{_slug(page_url) or 'home'}"
    fields = [("title", title), ("howpublished", site_name)]
    if last_changed:
        fields += [("year", last_changed[:4]), ("note", f"Last changed {last_changed}")]
    return Citation(
        text=f'"{title}." In {site_name}.{changed} {url}',
        bibtex=_bibtex("misc", key, [*fields, ("url", url)]),
    )


def cite_block(data: SiteData, title: str, url: str, page_url: str, site_name: str, last_changed: str | None) -> str:
    """The 'Cite this' section, as Markdown with fenced code blocks (Material gives them copy buttons)."""
    source, page = cite_source(data.source), cite_page(title, url, page_url, site_name, last_changed)
    longest = max((len(run) for run in re.findall(r"`+", source.text + source.bibtex + page.text + page.bibtex)), default=0)
    fence = "`" * max(3, longest + 1)
    return environment().get_template("cite.html").render(source=source, page=page, fence=fence).strip() + "\n"

