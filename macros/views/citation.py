"""How the post and the site's pages are cited: plain text, BibTeX, CSL-JSON and RIS, Highwire meta, and the "Cite this" block."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

import rispy

from .. import urls
from ..model import SiteData, Source
from .revisions import Revisions
from .templates import environment


@dataclass(frozen=True)
class Citation:
    """One work cited two ways."""

    text: str
    bibtex: str


# Who wrote the site's pages, as CITATION.cff names them (tests/test_citation_formats.py checks they agree).
SITE_AUTHOR = "The contributors to core-of-alignment/frames"


@dataclass(frozen=True)
class Download:
    """A citation file offered for download: its format's name, media type, file name and a data: address holding it."""

    label: str
    media_type: str
    filename: str
    href: str


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
    key = page_key(site_name, page_url)
    fields = [("title", title), ("howpublished", site_name)]
    if last_changed:
        fields += [("year", last_changed[:4]), ("note", f"Last changed {last_changed}")]
    return Citation(
        text=f'"{title}." In {site_name}.{changed} {url}',
        bibtex=_bibtex("misc", key, [*fields, ("url", url)]),
    )


def page_key(site_name: str, page_url: str) -> str:
    """The citation key of a page of the site: 'the-core-of-the-alignment-problem:frames-corrigibility'."""
    return f"{_slug(site_name.split(',')[0])}:{_slug(page_url) or 'home'}"


def _date_parts(date: str | None) -> list[int] | None:
    return [int(part) for part in date.split("-")] if date else None


def csl_item(title: str, url: str, page_url: str, site_name: str, date: str | None) -> dict:
    """A page of the site as one CSL-JSON item (the format citeproc processors and Zotero read)."""
    item = {
        "id": page_key(site_name, page_url),
        "type": "webpage",
        "title": title,
        "container-title": site_name,  # the site, once: as publisher too, styles would name it twice
        "author": [{"literal": SITE_AUTHOR}],
        "URL": url,
    }
    if date:
        item["issued"] = {"date-parts": [_date_parts(date)]}
    return item


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its numbered header line ('1.'), which reference managers do not expect."""

    def set_header(self, count: int) -> str:
        return ""


def ris_record(title: str, url: str, site_name: str, date: str | None) -> str:
    """A page of the site as an RIS record, written by rispy."""
    record = {"type_of_reference": "ELEC", "title": title, "authors": [SITE_AUTHOR], "publisher": site_name,
              "secondary_title": site_name, "urls": [url]}
    if date:
        record.update(date=date.replace("-", "/"), year=date[:4])
    return rispy.dumps([record], implementation=_RisWriter)


def highwire_meta(title: str, site_name: str, date: str | None) -> dict[str, str]:
    """Highwire Press citation_* meta (Zotero and Google Scholar read them); the public URL is the page's canonical one."""
    meta = {"citation_title": title, "citation_author": SITE_AUTHOR, "citation_publisher": site_name}
    if date:
        meta["citation_publication_date"] = date.replace("-", "/")
    return meta


def data_address(media_type: str, text: str) -> str:
    """A data: address holding a text file, so a download needs no file beside the page."""
    return f"data:{media_type};charset=utf-8,{quote(text, safe='')}"


def downloads(title: str, url: str, page_url: str, site_name: str, date: str | None) -> list[Download]:
    """The citation of a page as a CSL-JSON file and an RIS file."""
    name = _slug(page_url) or "home"
    csl = json.dumps([csl_item(title, url, page_url, site_name, date)], ensure_ascii=False) + "\n"
    files = [("CSL-JSON", "application/vnd.citationstyles.csl+json", "json", csl),
             ("RIS", "application/x-research-info-systems", "ris", ris_record(title, url, site_name, date))]
    return [Download(label, media, f"{name}.{ext}", data_address(media, text)) for label, media, ext, text in files]


def cite_block(data: SiteData, title: str, url: str, page_url: str, site_name: str, last_changed: str | None,
               revisions: Revisions | None = None, root: str = "") -> str:
    """The 'Cite this' section, as Markdown with fenced code blocks (Material gives them copy buttons); with
    `revisions`, the page's editions and, when its words are an edition's, that edition's address to cite."""
    source, page = cite_source(data.source), cite_page(title, url, page_url, site_name, last_changed)
    longest = max((len(run) for run in re.findall(r"`+", source.text + source.bibtex + page.text + page.bibtex)), default=0)
    fence = "`" * max(3, longest + 1)
    files = downloads(title, url, page_url, site_name, last_changed)
    return environment().get_template("cite.html").render(
        source=source, page=page, fence=fence, downloads=files, revisions=revisions, root=root,
        edition_href=lambda name: root + urls.edition_path(name), changes_href=root + urls.CHANGES).strip() + "\n"

