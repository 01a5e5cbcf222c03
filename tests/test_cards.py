"""Link-preview cards (og:image): drawn from the data with the project's font, wrapped with care, cached, on both engines."""

from __future__ import annotations

import html as html_lib
import re
import struct
from pathlib import Path

import pytest

from conftest import ROOT, meta, page_html
from macros import urls
from macros.build.after.cards import FontMeasure, cache_dir, card_pages, footer_of, render_png, write_cards
from macros.views.cards import ELLIPSIS, HEIGHT, WIDTH, Card, card_for, card_svg, layout, wrap

SITE_NAME = "The Core of the Alignment Problem, frame by frame"
SITE_URL = "https://core-of-alignment.github.io/frames/"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    return struct.unpack(">II", data[16:24])


def svg_lines(svg: str) -> list[str]:
    """The lines of text an SVG card shows, in order."""
    return [html_lib.unescape(t) for t in re.findall(r"<tspan [^>]*>([^<]*)</tspan>", svg)]


@pytest.fixture(scope="module")
def measure() -> FontMeasure:
    return FontMeasure()


# ---------------------------------------------------------------- wrapping and shortening


def by_chars(text: str, size: float, bold: bool) -> float:
    """A stand-in font: every character one unit wide at size 1."""
    return len(text) * size


@pytest.mark.parametrize("text", [
    "one two three four five six seven eight nine ten eleven twelve",
    "Supercalifragilisticexpialidocious is longer than a line and is never cut",
    "the end of a sentence, and the end",
])
@pytest.mark.parametrize("max_lines", [1, 2, 3])
def test_wrapping_breaks_only_between_words_and_shortens_at_a_word(text, max_lines):
    lines = wrap(text, 20, 1, False, by_chars, max_lines)
    assert 1 <= len(lines) <= max_lines
    assert_kept_whole_words(text, lines)
    for line in lines:
        assert by_chars(line, 1, False) <= 20 or " " not in line  # only a lone over-long word may overflow


def assert_kept_whole_words(text: str, lines: list[str]) -> None:
    """The lines show the text from its start, broken between words; if shortened, '…' follows a whole word that
    is not one that promises more ('the', 'of'...)."""
    joined = " ".join(lines)
    if joined.endswith(ELLIPSIS):
        kept = joined.removesuffix(ELLIPSIS)
        assert kept and text.startswith(kept) and text[len(kept)] in " ,;:", (text, lines)
        assert kept.split(" ")[-1].lower() not in {"the", "and", "a", "of", "to", "because"}, lines
    else:
        assert joined == text, (text, lines)


def test_every_text_of_the_data_wraps_within_the_card_and_keeps_its_words(site_data, measure):
    width = WIDTH - 2 * 64
    texts = [e.crux.text for e in site_data.cruxes.values()] + [f.thesis for f in site_data.frames.values()]
    for text in texts:
        for size, max_lines in ((38, 3), (60, 2)):
            lines = wrap(text, width, size, False, measure, max_lines)
            assert all(measure(line, size, False) <= width for line in lines), lines
            assert_kept_whole_words(text, lines)


# ---------------------------------------------------------------- what a card says


def test_a_crux_card_shows_its_frame_its_group_and_its_words(site_data, measure):
    for crux, entry in site_data.cruxes.items():
        card = card_for(site_data, urls.crux_page_path(crux), None, None)
        owner = site_data.owner(entry.owner)
        shown = svg_lines(card_svg(card, SITE_NAME, "x", measure))
        text = " ".join(shown)
        assert owner.title in text.replace("\u00a0", " ") or owner.title.split()[0] in text
        assert site_data.crux_numbers[crux] in text
        assert any(site_data.groups[g].title in text for g in site_data.owner_groups(owner.id))
        words = " ".join(shown[-len(layout(card, measure)[2].lines):])
        # Words that lead into nested cruxes ('..., because') end in '…' on the card.
        said = entry.crux.text if card.body == entry.crux.text else card.body.removesuffix(ELLIPSIS)
        assert entry.crux.text.startswith(said) and (said == entry.crux.text or entry.crux.children)
        quoted = f"\u201c{card.body}\u201d"
        assert words == quoted or (words.endswith(ELLIPSIS + "\u201d")
                                   and quoted.startswith(words.removesuffix(ELLIPSIS + "\u201d"))), (crux, words)
        assert not re.search(r"\b(because|of|the)\u201d$", words), words  # a dangling word says it goes on
        assert said in card.alt


def test_frame_group_and_topic_cards_come_from_the_data(site_data, measure):
    for frame in site_data.frames.values():
        card = card_for(site_data, urls.page_of(site_data, frame.id), "ignored", None)
        assert card.title == frame.title and card.body == frame.thesis
        assert site_data.groups[frame.group].title in card.kicker
    for group in site_data.groups.values():
        card = card_for(site_data, urls.page_of(site_data, group.id), "ignored", None)
        assert card.title == group.title and card.body == group.thesis
    assert card_for(site_data, urls.VERDICT, "The verdict", None).body == site_data.verdict.summary
    topic = card_for(site_data, "about/", "About this site", "What it is.")
    assert (topic.title, topic.body) == ("About this site", "What it is.") and site_data.source.title in topic.kicker
    assert card_for(site_data, urls.edition_path("2026-11") + "frames/x/", "x", None) is None


def test_a_card_is_drawn_with_the_projects_font_and_no_other(measure):
    card = Card("A kicker", "A title", "Some words of the body")
    svg = card_svg(card, SITE_NAME, "example.org", measure)
    assert 'font-family="DejaVu Sans"' in svg and "font-family=\"" + "sans-serif" not in svg
    drawn = render_png(svg)
    assert png_size(drawn) == (WIDTH, HEIGHT)
    # Without its text the card is another picture: the text was drawn (system fonts are skipped).
    assert render_png(re.sub(r"<tspan [^>]*>[^<]*</tspan>", "", svg)) != drawn


# ---------------------------------------------------------------- the cache


def test_an_unchanged_card_is_not_drawn_again(tmp_path, site_data, measure):
    cards = {path: card for path, card in list(card_pages(site_data, ROOT / "docs").items())[:3]}
    cache, site = tmp_path / "cache", tmp_path / "site"
    first = write_cards(cards, site, cache, SITE_NAME, "example.org", measure)
    assert (first.drawn, first.reused) == (3, 0)
    again = write_cards(cards, site, cache, SITE_NAME, "example.org", measure)
    assert (again.drawn, again.reused) == (0, 3)
    changed_path = next(iter(cards))
    cards[changed_path] = Card(cards[changed_path].kicker, "A new title", cards[changed_path].body)
    third = write_cards(cards, site, cache, SITE_NAME, "example.org", measure)
    assert (third.drawn, third.reused) == (1, 2)
    for path in cards:
        assert png_size((site / urls.card_path(path)).read_bytes()) == (WIDTH, HEIGHT)


def test_the_footer_names_the_sites_address():
    assert footer_of(SITE_URL, SITE_NAME) == "core-of-alignment.github.io/frames"
    assert footer_of("", SITE_NAME) == SITE_NAME


# ---------------------------------------------------------------- built sites


def check_cards(site: Path, pages: list[str], site_url: str) -> list[str]:
    """What is wrong with the cards of a built site's pages (nothing, when all is well)."""
    wrong = []
    for path in pages:
        html = page_html(site, path)
        image = meta(html, "og:image")
        if not urls.has_card(path):
            if image:
                wrong.append(f"{path}: a card, though its pages have none")
            continue
        if image != urls.absolute(site_url, urls.card_path(path)):
            wrong.append(f"{path}: og:image is {image}")
            continue
        file = site / urls.card_path(path)
        if not file.is_file():
            wrong.append(f"{path}: no file for its card")
            continue
        size = png_size(file.read_bytes())
        if size != (int(meta(html, "og:image:width")), int(meta(html, "og:image:height"))):
            wrong.append(f"{path}: a card of {size}, not the size its meta tags state")
        if not meta(html, "og:image:alt") or meta(html, "twitter:card") != "summary_large_image":
            wrong.append(f"{path}: no alt text or no large-image twitter card")
    return wrong


def test_every_page_names_its_card_and_the_card_is_there(built_site, all_pages, site_data):
    kinds = {"frame": [p for p in all_pages if urls.subject_at(site_data, p) in site_data.frames],
             "group": [p for p in all_pages if urls.subject_at(site_data, p) in site_data.groups],
             "crux": [p for p in all_pages if urls.crux_at(site_data, p)]}
    assert all(kinds.values()), kinds
    assert len(kinds["crux"]) == len(site_data.cruxes)
    assert check_cards(built_site, all_pages, SITE_URL) == []


@pytest.mark.slow
def test_the_zensical_build_has_the_same_cards(zensical_site, built_site, all_pages):
    assert check_cards(zensical_site, all_pages, SITE_URL) == []
    for path in all_pages:
        if urls.has_card(path):
            card = urls.card_path(path)
            assert (zensical_site / card).read_bytes() == (built_site / card).read_bytes(), card


def test_a_second_build_draws_no_card_again(built_site, site_data, tmp_path):
    # The session's build drew or reused every card into the project's cache; the same data draws nothing new.
    again = write_cards(card_pages(site_data, ROOT / "docs"), tmp_path, cache_dir(ROOT), SITE_NAME,
                        footer_of(SITE_URL, SITE_NAME))
    assert again.drawn == 0 and again.reused == len(again.files) > 0


def test_no_card_is_loaded_with_a_page(built_site, all_pages):
    from bench.serve import site_prefix
    from bench.weight import page_weight

    prefix = site_prefix(built_site)
    cards = (built_site / urls.CARDS).resolve()
    for path in all_pages[:: max(1, len(all_pages) // 12)]:
        loaded = page_weight(built_site, path, prefix).files
        assert not [f for f in loaded if cards in Path(f).resolve().parents], path
