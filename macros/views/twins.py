"""Each page's Markdown twin, and /llms.txt that lists them: a page's content as plain Markdown, for machines.

Made from the data (the models) and, for frame, group and verdict pages, from the page's own Markdown with each
macro replaced by the same data as plain Markdown (macros/views/prose.py); never from the built HTML. Every twin
names its page's permanent URL and ends with the page's citation (macros/views/citation.py). The templates are
in macros/templates/twins/; links are absolute, so a twin read on its own still leads to the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import urls
from ..model import Frame, SiteData
from .citation import cite_page, cite_source
from .crux_page import crux_page_facts
from .crux_tree import crux_rows
from .fragments import LINK_TYPES, link_sentence, listed_in, listing_note
from .crux_mention import claim, label
from .prose import MacroText, ProseError, plain_markdown
from .templates import render_text, text_environment


@dataclass(frozen=True)
class SiteFacts:
    """What a twin says about the site: its name, address and one-line description."""

    name: str
    url: str
    description: str


@dataclass(frozen=True)
class TwinPage:
    """The page a twin is made for: its path, its Markdown source (relative to docs/) and text, when it last changed."""

    path: str
    source: str = ""
    text: str = ""
    last_changed: str | None = None


def _links(data: SiteData, site: SiteFacts) -> urls.Links:
    return urls.Links(data, urls.absolute(site.url, ""))


def macro_text(data: SiteData, site: SiteFacts, page_owner: str | None) -> MacroText:
    """What each macro a frame, group or verdict page calls shows in its twin, as plain Markdown from the data."""
    parts = text_environment().get_template("twins/parts.md").module
    links = _links(data, site)

    def text(name: str, args: list, kwargs: dict) -> str:
        owner_id = args[0] if args else page_owner
        if name == "page_end":
            return ""  # the twin ends with its citation (twins/cite.md)
        if name in ("crux", "crux_ref"):
            crux = data.crux_aliases.get(args[0], args[0])
            text, on = label(data, crux, page_owner)
            href = urls.absolute(site.url, urls.crux_path(data, crux) if on is None else
                                 f"{urls.page_of(data, on)}#{urls.crux_anchor(crux)}")
            said = text[:1].upper() + text[1:] if kwargs.get("capital") else text
            return (f"“{claim(data, data.cruxes[crux].crux)}” ([{said}]({href}))" if name == "crux"
                    else f"[{said}]({href})")
        if owner_id is None:
            raise ProseError(f"{name}() names no frame or group, and the page is none")
        owner = data.owner(owner_id)
        if name == "thesis":
            groups = [data.groups[g] for g in owner.group_ids] if isinstance(owner, Frame) else []
            return str(parts.thesis(owner, groups, links))
        if name == "crux_table":
            return str(parts.crux_list(crux_rows(data, owner_id), getattr(owner, "no_cruxes_note", None), links))
        if name == "see_also":
            outgoing = [(link_sentence(LINK_TYPES[link.type].forward), data.frames[link.to], link) for link in owner.links]
            incoming = [(link_sentence(LINK_TYPES[link.type].backward), source, link)
                        for source, link in data.backlinks[owner_id]]
            return str(parts.see_also(outgoing, incoming, links))
        if name == "further_reading":
            return str(parts.further_reading(owner.reading))
        if name == "group_frames":
            frames = [(f, listing_note(data, f, owner_id) if also else "") for f, also in listed_in(data, owner_id)]
            return str(parts.group_frames(frames, links))
        raise ProseError(f"the twin of a page cannot show the macro {name}() yet: add it to macros/views/twins.py")

    return text


def _fence(*texts: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", "".join(texts))), default=0)
    return "`" * max(3, longest + 1)


def _twin(data: SiteData, site: SiteFacts, page: TwinPage, title: str, summary: str, body: str,
          facts: list[tuple[str, str]], cite_title: str | None = None) -> str:
    url = urls.absolute(site.url, page.path)
    cited = cite_page(cite_title or title, url, page.path, site.name, page.last_changed)
    source = cite_source(data.source)
    if page.last_changed:
        facts = [*facts, ("Last changed", page.last_changed)]
    return render_text("twins/page.md", title=title, summary=summary, url=url,
                       twin_url=urls.absolute(site.url, urls.twin_path(page.path)), facts=facts, site=site,
                       source=data.source, body=body, page=cited, post=source,
                       fence=_fence(cited.text, cited.bibtex, source.text, source.bibtex))


def owner_twin(data: SiteData, owner_id: str, page: TwinPage, site: SiteFacts) -> str:
    """The twin of a frame's or group's page: its own words, with its thesis, cruxes and links from the data."""
    owner = data.owner(owner_id)
    links = _links(data, site)
    body = plain_markdown(page.text, page.source, site.url, macro_text(data, site, owner_id))
    if isinstance(owner, Frame):
        groups = ", ".join(f"[{data.groups[g].title}]({links.page(g)})" for g in owner.group_ids)
        return _twin(data, site, page, owner.title, f"A frame: {owner.thesis}", body, [("Group", groups)])
    frames = ", ".join(f"[{f.title}]({links.page(f.id)})" for f, _ in listed_in(data, owner_id))
    return _twin(data, site, page, owner.title, f"A group of frames: {owner.thesis}", body, [("Frames", frames)])


def crux_twin(data: SiteData, crux: str, page: TwinPage, site: SiteFacts, reported: dict[str, bool]) -> str:
    """The twin of a crux's page: its words, where it sits, who relies on it; the same facts as its page."""
    facts = crux_page_facts(data, crux, reported)
    links = _links(data, site)
    owner = facts["owner"]
    body = render_text("twins/crux.md", links=links, **facts)
    defined = f"[{owner.title}]({links.page(owner.id)}), as crux [{facts['number']}]({links.crux(crux)})"
    listed = [("Defined under", defined),
              ("Group", " and ".join(f"[{g.title}]({links.page(g.id)})" for g in facts["groups"]))]
    if facts["crux"].aliases:
        listed.append(("Old ids, which lead here", ", ".join(facts["crux"].aliases)))
    title = data.crux_title(crux)
    summary = f"A crux of {owner.title}: one of the statements it rests on, in the site's own words."
    return _twin(data, site, page, title, summary, body, listed)


def glossary_twin(data: SiteData, page: TwinPage, site: SiteFacts) -> str:
    """The glossary's twin, from data/glossary.yml: every term with its definition and the frames that use it."""
    terms = sorted(data.glossary.terms, key=lambda t: (t.abbr or t.term).lower())
    body = render_text("twins/glossary.md", terms=terms, frames=data.frames, links=_links(data, site))
    summary = f"{len(terms)} terms and abbreviations a newcomer meets on this site, each explained in a sentence or two."
    return _twin(data, site, page, "Glossary", summary, body, [])


def verdict_twin(data: SiteData, page: TwinPage, site: SiteFacts) -> str:
    """The verdict's twin: data/frames.yml's verdict, then the page's own words."""
    prose = plain_markdown(page.text, page.source, site.url, macro_text(data, site, None))
    body = render_text("twins/verdict.md", verdict=data.verdict, picked=data.owner(data.verdict.frame),
                       frames=data.frames, links=_links(data, site), prose=prose)
    summary = "The frame the post's conclusion picks, and why."
    return _twin(data, site, page, "The verdict", summary, body, [])


@dataclass(frozen=True)
class Entry:
    """One link of llms.txt: a twin's title, address and what it holds."""

    title: str
    url: str
    note: str = ""


def llms_txt(data: SiteData, site: SiteFacts, optional: list[Entry]) -> str:
    """/llms.txt: what the site is, then the twin of every frame, group and crux, the glossary and the verdict."""
    links = _links(data, site)
    sections = [
        ("Frames", [Entry(f.title, links.twin(urls.page_of(data, f.id)), f.thesis) for f in data.frames.values()]),
        ("Groups of frames", [Entry(g.title, links.twin(urls.page_of(data, g.id)), g.thesis) for g in data.groups.values()]),
        ("Cruxes", [Entry(data.crux_title(c), links.twin(urls.crux_page_path(c)), e.crux.text) for c, e in data.cruxes.items()]),
        ("Glossary and verdict", [
            Entry("Glossary", links.twin(urls.GLOSSARY), f"{len(data.glossary.terms)} terms and abbreviations, each defined"),
            Entry("The verdict", links.twin(urls.VERDICT), data.verdict.summary)]),
        ("Optional", optional),
    ]
    return render_text("twins/llms_txt.md", site=site, source=data.source, sections=sections, twin_file=urls.TWIN_FILE)

