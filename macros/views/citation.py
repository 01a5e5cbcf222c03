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
    # The backslash last of all: its own braces must not be escaped again.
    parts = [_BIBTEX_SPECIAL.sub(r"\\\1", part) for part in value.split("\\")]
    parts = [part.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}") for part in parts]
    return r"\textbackslash{}".join(parts)


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
    return _bibtex_raw(kind, key, [(name, bibtex_escape(value)) for name, value in fields])


def _bibtex_raw(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """An entry of fields whose values are already BibTeX."""
    lines = [f"@{kind}{{{key},"] + [f"  {name} = {{{value}}}," for name, value in fields]
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


@dataclass(frozen=True)
class PageFields:
    """What every citation of a page says, made once: each format renders these fields, so all agree."""

    key: str  # 'the-core-of-the-alignment-problem:frames-corrigibility'
    title: str
    author: str  # the site's authors, one corporate name
    publisher: str  # the site: BibTeX's howpublished, CSL's container-title, RIS's publisher, Highwire's publisher
    url: str
    date: str | None  # YYYY-MM-DD, the day the page last changed (or its edition's date); None without git history


def page_fields(title: str, url: str, page_url: str, site_name: str, date: str | None) -> PageFields:
    """The one source of a page's citation: its title, the site's author and name, its address and date."""
    return PageFields(page_key(site_name, page_url), title, SITE_AUTHOR, site_name, url, date)


def page_key(site_name: str, page_url: str) -> str:
    """The citation key of a page of the site: 'the-core-of-the-alignment-problem:frames-corrigibility'."""
    return f"{_slug(site_name.split(',')[0])}:{_slug(page_url) or 'home'}"


def plain_text(fields: PageFields) -> str:
    """'Author. "Title." In Site. Last changed YYYY-MM-DD. URL'."""
    title = fields.title if fields.title.endswith((".", "?", "!", "…")) else fields.title + "."
    changed = f" Last changed {fields.date}." if fields.date else ""
    return f'{fields.author}. "{title}" In {fields.publisher}.{changed} {fields.url}'


def bibtex(fields: PageFields) -> str:
    """A @misc entry; the author in double braces, so BibTeX reads one corporate name, not a first and last name."""
    entries = [("author", "{" + bibtex_escape(fields.author) + "}"), ("title", bibtex_escape(fields.title)),
               ("howpublished", bibtex_escape(fields.publisher))]
    if fields.date:
        entries += [("year", fields.date[:4]), ("date", fields.date), ("note", f"Last changed {fields.date}")]
    return _bibtex_raw("misc", fields.key, [*entries, ("url", bibtex_escape(fields.url))])


def cite_page(title: str, url: str, page_url: str, site_name: str, last_changed: str | None) -> Citation:
    """A page of this site as plain text and BibTeX: its title, author, site, address and the date it last changed."""
    fields = page_fields(title, url, page_url, site_name, last_changed)
    return Citation(text=plain_text(fields), bibtex=bibtex(fields))


def _date_parts(date: str | None) -> list[int] | None:
    return [int(part) for part in date.split("-")] if date else None


def csl(fields: PageFields) -> dict:
    """A page as one CSL-JSON item (the format citeproc processors and Zotero read)."""
    item = {
        "id": fields.key,
        "type": "webpage",
        "title": fields.title,
        "container-title": fields.publisher,  # the site, once: as publisher too, styles would name it twice
        "author": [{"literal": fields.author}],
        "URL": fields.url,
    }
    if fields.date:
        item["issued"] = {"date-parts": [_date_parts(fields.date)]}
    return item


def csl_item(title: str, url: str, page_url: str, site_name: str, date: str | None) -> dict:
    """A page of the site as one CSL-JSON item."""
    return csl(page_fields(title, url, page_url, site_name, date))


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its numbered header line ('1.'), which reference managers do not expect."""

    def set_header(self, count: int) -> str:
        return ""


def ris(fields: PageFields) -> str:
    """A page as an RIS record, written by rispy."""
    record = {"type_of_reference": "ELEC", "title": fields.title, "authors": [fields.author],
              "publisher": fields.publisher, "secondary_title": fields.publisher, "urls": [fields.url]}
    if fields.date:
        record.update(date=fields.date.replace("-", "/"), year=fields.date[:4])
    return rispy.dumps([record], implementation=_RisWriter)


def ris_record(title: str, url: str, site_name: str, date: str | None) -> str:
    """A page of the site as an RIS record."""
    return ris(page_fields(title, url, "", site_name, date))


def highwire(fields: PageFields) -> dict[str, str]:
    """Highwire Press citation_* meta (Zotero and Google Scholar read them); the public URL is the page's canonical one."""
    meta = {"citation_title": fields.title, "citation_author": fields.author, "citation_publisher": fields.publisher}
    if fields.date:
        meta["citation_publication_date"] = fields.date.replace("-", "/")
    return meta


def data_address(media_type: str, text: str) -> str:
    """A data: address holding a text file, so a download needs no file beside the page."""
    return f"data:{media_type};charset=utf-8,{quote(text, safe='')}"


def file_downloads(fields: PageFields) -> list[Download]:
    """A page's citation as a CSL-JSON file and an RIS file, named after the page."""
    name = fields.key.partition(":")[2]
    files = [("CSL-JSON", "application/vnd.citationstyles.csl+json", "json", json.dumps([csl(fields)], ensure_ascii=False) + "\n"),
             ("RIS", "application/x-research-info-systems", "ris", ris(fields))]
    return [Download(label, media, f"{name}.{ext}", data_address(media, text)) for label, media, ext, text in files]


def downloads(title: str, url: str, page_url: str, site_name: str, date: str | None) -> list[Download]:
    """The citation of a page as a CSL-JSON file and an RIS file."""
    return file_downloads(page_fields(title, url, page_url, site_name, date))


def cite_block(data: SiteData, title: str, url: str, page_url: str, site_name: str, last_changed: str | None,
               revisions: Revisions | None = None, root: str = "") -> str:
    """The 'Cite this' section, as Markdown with fenced code blocks (Material gives them copy buttons); with
    `revisions`, the page's editions and, when its words are an edition's, that edition's address to cite."""
    fields = page_fields(title, url, page_url, site_name, last_changed)
    source, page = cite_source(data.source), Citation(plain_text(fields), bibtex(fields))
    longest = max((len(run) for run in re.findall(r"`+", source.text + source.bibtex + page.text + page.bibtex)), default=0)
    fence = "`" * max(3, longest + 1)
    files = file_downloads(fields)
    return environment().get_template("cite.html").render(
        source=source, page=page, fence=fence, downloads=files, revisions=revisions, root=root,
        edition_href=lambda name: root + urls.edition_path(name), changes_href=root + urls.CHANGES).strip() + "\n"

