"""Where do you stand?: the scoring rule in Python, the page it renders, and stance.js in a real Chromium."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from macros.model import stance
from macros.views import fragments
from macros.model import Crux, iter_cruxes, load

# Every kind of nesting, a shared crux and an alias, small enough to reason about by hand.
NESTED = """
schema_version: 1
source: {title: A post, authors: Someone et al., year: 2022, url: "https://example.org/post", program: A programme}
groups:
  - {id: outer, title: Outer, thesis: Outer thesis., cruxes: [{id: general, text: A general crux.}]}
  - {id: inner, title: Inner, thesis: Inner thesis.}
frames:
  - id: alpha
    title: Alpha
    group: outer
    thesis: Alpha thesis.
    cruxes:
      - {id: plain, text: A plain crux., aliases: [old-plain]}
      - id: either
        text: "At least one of:"
        any_of: [{id: either-a, text: A.}, {id: either-b, text: B.}]
      - id: both
        text: "All of:"
        all_of: [{id: both-a, text: A.}, {id: both-b, text: B.}]
      - id: claim
        text: "A claim, because:"
        because: [{id: reason-a, text: A.}, {id: reason-b, text: B.}]
  - id: beta
    title: Beta
    group: inner
    thesis: Beta thesis.
    cruxes:
      - ref: plain
      - id: beta-either
        text: "At least one of:"
        any_of: [{ref: either-a}, {id: beta-own, text: C.}]
  - {id: gamma, title: Gamma, group: inner, thesis: Gamma thesis., no_cruxes_note: None listed.}
verdict: {frame: alpha, summary: Alpha wins.}
"""


@pytest.fixture(scope="module")
def nested(tmp_path_factory):
    path = tmp_path_factory.mktemp("nested") / "frames.yml"
    path.write_text(NESTED, encoding="utf-8")
    return load(path)


def score(data, answers, owner_id):
    found = next(s for s in stance.stance_scores(data, answers) if s.id == owner_id)
    return found.agreed, found.disagreed, found.total


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize("answers, expected", [
    ({"either-a": "agree"}, "agree"),
    ({"either-a": "agree", "either-b": "disagree"}, "agree"),
    ({"either-a": "disagree"}, "unsure"),
    ({"either-a": "disagree", "either-b": "disagree"}, "disagree"),
])
def test_any_of_is_agreed_with_one_part_and_disagreed_only_with_all(nested, answers, expected):
    assert stance.crux_value(nested, "either", answers) == expected


@pytest.mark.parametrize("answers, expected", [
    ({"both-a": "agree"}, "unsure"),
    ({"both-a": "agree", "both-b": "agree"}, "agree"),
    ({"both-a": "agree", "both-b": "disagree"}, "disagree"),
    ({"both-b": "disagree"}, "disagree"),
])
def test_all_of_is_agreed_only_with_every_part_and_disagreed_with_one(nested, answers, expected):
    assert stance.crux_value(nested, "both", answers) == expected


@pytest.mark.parametrize("answers, expected", [
    ({"claim": "agree", "reason-a": "disagree", "reason-b": "disagree"}, "agree"),  # own answer wins
    ({"claim": "disagree", "reason-a": "agree"}, "disagree"),
    ({"reason-a": "agree"}, "agree"),  # left unsure: the reasons decide
    ({"reason-a": "disagree"}, "unsure"),
    ({"reason-a": "disagree", "reason-b": "disagree"}, "disagree"),
])
def test_a_claim_with_reasons_counts_its_own_answer_and_falls_back_on_its_reasons(nested, answers, expected):
    assert stance.crux_value(nested, "claim", answers) == expected


def test_a_list_crux_cannot_be_answered_directly_and_aliases_are_resolved(nested):
    assert stance.clean_answers(nested, {"either": "agree", "old-plain": "agree", "nope": "agree",
                                         "both-a": "maybe"}) == {"plain": "agree"}
    assert score(nested, {"either": "agree"}, "alpha") == (0, 0, 4)


def test_a_shared_crux_counts_for_every_frame_that_relies_on_it(nested):
    answers = {"plain": "disagree", "either-a": "agree"}
    assert score(nested, answers, "alpha") == (1, 1, 4)  # plain, either (via either-a)
    assert score(nested, answers, "beta") == (1, 1, 2)  # ref plain, beta-either (via the ref either-a)


def test_group_cruxes_count_for_the_group_only(nested):
    assert score(nested, {"general": "agree"}, "outer") == (1, 0, 1)
    assert score(nested, {"general": "agree"}, "alpha") == (0, 0, 4)


def test_ranking_by_net_support_then_share_agreed_then_data_order(nested):
    ranked = stance.stance_scores(nested, {"plain": "agree", "either-a": "disagree", "either-b": "disagree",
                                           "beta-own": "agree"})
    # beta: plain agreed, beta-either agreed (beta-own) -> 2/2; alpha: 1 agreed, 1 disagreed of 4;
    # outer: 0 of 1, same net as alpha but smaller share agreed; frames without cruxes come last.
    assert [s.id for s in ranked] == ["beta", "alpha", "outer", "inner", "gamma"]
    assert [s.verdict for s in ranked] == ["favoured", "open", "open", "no-cruxes", "no-cruxes"]


def test_distribution_shift_agreed_and_corrigibility_disagreed(site_data):
    answers = {**every_crux(site_data, "distribution-shift", "agree"), **every_crux(site_data, "corrigibility", "disagree")}
    frames = [s for s in stance.stance_scores(site_data, answers) if s.kind == "frame"]
    assert (frames[0].id, frames[0].verdict, frames[0].agreed, frames[0].total) == ("distribution-shift", "favoured", 3, 3)
    ranked_last = [s for s in frames if s.total][-1]
    assert (ranked_last.id, ranked_last.verdict, ranked_last.disagreed) == ("corrigibility", "undercut", 2)
    # Frames with cruxes of neither: answers on shared cruxes balance, or none of theirs was answered.
    others = [s for s in frames if s.id not in ("distribution-shift", "corrigibility")]
    assert {s.verdict for s in others} <= {"open", "no-cruxes"}
    assert all(s.verdict == "open" for s in others if s.total)
    total = sum(stance.answerable(site_data, cid) for cid in site_data.cruxes)
    assert stance.stance_summary(site_data, answers) == (
        f"You have answered 7 of {total} cruxes. Your answers favour Distribution Shift; they undercut Corrigibility.")


def every_crux(data, owner_id: str, answer: str) -> dict[str, str]:
    """Every answerable crux a frame lists, nested ones included, with one answer."""
    ids = [c.id if isinstance(c, Crux) else c.ref for c in iter_cruxes(data.owner(owner_id).cruxes)]
    return {cid: answer for cid in ids if stance.answerable(data, cid)}


# ---------------------------------------------------------------- the page as built


def stance_html(built_site: Path) -> str:
    return (built_site / "stance" / "index.html").read_text(encoding="utf-8")


def test_page_embeds_the_structure_the_script_scores(built_site, site_data):
    html = stance_html(built_site)
    embedded = re.search(r'<script[^>]* id="stance-data"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert json.loads(embedded) == {**stance.stance_structure(site_data), "verdictLabels": fragments.VERDICT_LABELS}
    assert re.search(r'<script[^>]* src="\.\./assets/js/stance\.js"', html)
    assert (built_site / "assets" / "js" / "stance.js").exists()


def test_embedded_json_cannot_close_its_script_element(tmp_path):
    path = tmp_path / "frames.yml"
    path.write_text(NESTED, encoding="utf-8")
    data = load(path)  # a copy of its own, since the model forbids such a title and it is patched in
    evil = data.frames["alpha"].model_copy(update={"title": "</script><script>alert(1)</script>"})
    data.frames["alpha"] = evil
    data.frames_file.frames[0] = evil
    html = fragments.stance_page(data, "../")
    json_part = html.split('id="stance-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in json_part and "\\u003c/script\\u003e" in json_part


def test_every_answerable_crux_is_a_labelled_radio_group_starting_at_unsure(built_site, site_data):
    html = stance_html(built_site)
    answerable = [cid for cid in site_data.cruxes if stance.answerable(site_data, cid)]
    # Every crux but the 'at least one of' / 'all of' lists (counted from the data, not pinned).
    assert len(answerable) == sum(c.crux.join not in ("any_of", "all_of") for c in site_data.cruxes.values())
    for cid in answerable:
        for value in stance.ANSWERS:
            radio = re.search(rf'<input type="radio" id="stance-{cid}-{value}" name="stance-{cid}" value="{value}"( checked)?>', html)
            assert radio, (cid, value)
            assert bool(radio.group(1)) == (value == "unsure"), (cid, value)
            assert f'<label for="stance-{cid}-{value}">' in html
    for cid in set(site_data.cruxes) - set(answerable):
        assert f'name="stance-{cid}"' not in html and f'id="stance-q-{cid}"' in html


def test_page_says_it_is_a_reading_aid_and_stores_nothing(built_site):
    html = stance_html(built_site)
    assert "A reading aid, not a verdict" in html
    assert 'href="../what-is-a-crux/"' in html
    assert "nothing is sent anywhere" in html


def test_page_without_answers_lists_frames_in_data_order(built_site, site_data):
    html = stance_html(built_site)
    ranking = html.split('id="stance-ranking-frames"', 1)[1].split("</ol>", 1)[0]
    shown = re.findall(r'data-owner="([^"]+)"', ranking)
    assert shown == [f.id for f in site_data.frames.values() if f.cruxes]


# ---------------------------------------------------------------- stance.js in Chromium

def shown_ranking(page) -> list[tuple[str, str, int, int]]:
    return page.eval_on_selector_all(
        "#stance-ranking-frames li, #stance-ranking-groups li",
        """items => items.map(li => [li.dataset.owner, li.dataset.verdict,
               +li.querySelector('.stance-rank__agreed').textContent,
               +li.querySelector('.stance-rank__disagreed').textContent])""")


def python_ranking(data, answers) -> list[tuple[str, str, int, int]]:
    scores = [s for s in stance.stance_scores(data, answers) if s.total]
    ordered = [s for s in scores if s.kind == "frame"] + [s for s in scores if s.kind == "group"]
    return [[s.id, s.verdict, s.agreed, s.disagreed] for s in ordered]


@pytest.mark.browser
def test_clicking_answers_ranks_the_frames_as_the_python_rule_does(browser, site_url, site_data):
    context = browser.new_context()
    page = context.new_page()
    requests: list[tuple] = []
    page.goto(site_url + "stance/", wait_until="load")
    storage_before = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    page.on("request", lambda request: requests.append((request.method, request.url, request.post_data)))

    agreed = every_crux(site_data, "distribution-shift", "agree")
    disagreed = every_crux(site_data, "corrigibility", "disagree")
    for cid, answer in {**agreed, **disagreed}.items():
        page.click(f"#stance-{cid}-{answer}")  # the radio lies over its label
    answers = {**agreed, **disagreed}

    assert shown_ranking(page) == python_ranking(site_data, answers)
    assert page.text_content("#stance-summary") == stance.stance_summary(site_data, answers)
    first = page.locator("#stance-ranking-frames li").first
    assert first.locator("a").inner_text().endswith("Distribution Shift")
    assert first.locator("a").get_attribute("href") == "../frames/distribution-shift/"
    fragment = urlparse(page.url).fragment
    assert fragment == "agree=" + ",".join(agreed) + "&disagree=" + ",".join(disagreed)
    # Nothing sent: no request carries an answer (the page may still fetch its own files, such as the favicon).
    leaks = [r for r in requests if r[0] != "GET" or r[2] or "agree" in r[1] or any(cid in r[1] for cid in answers)]
    assert leaks == []
    # Nothing stored.
    assert page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]") == storage_before

    # The address alone restores the answers, in a fresh page.
    shared = context.new_page()
    shared.goto(page.url, wait_until="load")
    assert shown_ranking(shared) == python_ranking(site_data, answers)
    assert shared.is_checked("#stance-corrigibility-beats-cev-disagree")
    assert shared.is_checked("#stance-agent-grows-smarter-agree")

    shared.click("#stance-reset")
    assert urlparse(shared.url).fragment == ""
    assert shared.is_checked("#stance-corrigibility-beats-cev-unsure")
    assert shown_ranking(shared) == python_ranking(site_data, {})
    assert shared.text_content("#stance-summary") == stance.stance_summary(site_data, {})
    context.close()


@pytest.mark.browser
def test_random_answers_in_the_address_rank_as_in_python(browser, site_url, site_data):
    page = browser.new_page()
    page.goto(site_url + "stance/", wait_until="load")
    answerable = [cid for cid in site_data.cruxes if stance.answerable(site_data, cid)]
    rng = random.Random(20221)
    for _ in range(8):
        answers = {cid: rng.choice(stance.ANSWERS) for cid in answerable}
        fragment = "&".join(
            f"{kind}=" + ",".join(cid for cid, a in answers.items() if a == kind) for kind in ("agree", "disagree"))
        page.evaluate("hash => { location.hash = hash; }", fragment)  # a hashchange, as when a link is followed
        page.wait_for_function("hash => location.hash === '#' + hash", arg=fragment)
        assert shown_ranking(page) == python_ranking(site_data, answers), answers
        assert page.text_content("#stance-summary") == stance.stance_summary(site_data, answers)
    page.close()


@pytest.mark.browser
def test_answers_can_be_given_with_the_keyboard(browser, site_url, site_data):
    page = browser.new_page()
    page.goto(site_url + "stance/", wait_until="load")
    page.focus("#stance-corrigibility-more-natural-unsure")
    page.keyboard.press("ArrowRight")  # unsure -> disagree, as in any radio group
    assert page.is_checked("#stance-corrigibility-more-natural-disagree")
    assert urlparse(page.url).fragment == "disagree=corrigibility-more-natural"
    assert shown_ranking(page) == python_ranking(site_data, {"corrigibility-more-natural": "disagree"})
    # Following an in-page link replaces the fragment; the answers are written back into it.
    page.click(".stance-form__bar a")
    page.wait_for_function("() => location.hash === '#disagree=corrigibility-more-natural'")
    assert page.locator("#stance-results").bounding_box()["y"] < 200
    page.close()


# ---------------------------------------------------------------- comparing two stances


def test_the_page_explains_its_counts_and_labels_where_they_first_appear(built_site, site_data):
    html = stance_html(built_site)
    answerable = sum(stance.answerable(site_data, cid) for cid in site_data.cruxes)
    key = html[html.index('class="stance-results__key"'):html.index('id="stance-summary"')]
    assert f"You answer {answerable} of the site's {len(site_data.cruxes)} cruxes here" in key
    assert all(label in key for label in ("favoured", "undercut", "no lean"))
    assert html.index('class="stance-results__key"') < html.index('class="stance-rank"')  # before the first counts


def _compared_frames(site_data) -> tuple[str, str, str, str]:
    """Two answerable cruxes of two different frames, and those frames."""
    first, second = [next(cid for cid in site_data.cruxes if stance.answerable(site_data, cid)
                          and site_data.cruxes[cid].owner == frame) for frame in ("distribution-shift", "corrigibility")]
    return first, second, "distribution-shift", "corrigibility"


@pytest.mark.browser
def test_a_comparison_link_shows_each_difference_its_frames_and_a_reading_path(browser, site_url, site_data):
    one, two, frame_one, frame_two = _compared_frames(site_data)
    page = browser.new_page()
    page.goto(site_url + f"stance/#agree={one}&disagree={two}&vs-agree={two}&vs-disagree={one}")
    items = page.locator(".stance-compare__list > li")
    items.first.wait_for()
    assert items.count() == 2
    text = page.locator("#stance-compare-result").inner_text()
    assert "differ on 2 of" in text and "This stance: agree · the other stance: disagree" in text
    # Each difference shows its crux's number as the questions do, so a reader can find it above.
    numbers = page.locator(".stance-compare__crux .stance-q__number").all_inner_texts()
    assert numbers == [page.locator(f"#stance-q-{cid} .stance-q__number").first.inner_text() for cid in (one, two)]
    bears = page.eval_on_selector_all(".stance-compare__bears a", "links => links.map(a => a.getAttribute('href'))")
    assert any(f"frames/{frame_one}/#crux-{one}" in href for href in bears)
    assert any(f"frames/{frame_two}/#crux-{two}" in href for href in bears)
    path = page.locator(".stance-compare__path li").all_inner_texts()
    assert len(path) == 2 and all("1 difference" in step for step in path)
    page.close()


@pytest.mark.browser
def test_pasting_a_stance_link_puts_both_stances_in_the_address(browser, site_url, site_data):
    one, two, _, _ = _compared_frames(site_data)
    page = browser.new_page()
    page.goto(site_url + f"stance/#agree={one}")
    page.fill("#stance-compare-input", site_url + f"stance/#agree={two}")
    page.click("#stance-compare-form button[type=submit]")
    page.wait_for_function("() => location.hash.includes('vs-agree=')")
    assert f"vs-agree={two}" in page.url and f"#agree={one}" in page.url
    assert page.locator(".stance-compare__list > li").count() == 2
    page.click("#stance-compare-stop")
    page.wait_for_function("() => !location.hash.includes('vs-')")
    assert page.locator(".stance-compare__list").count() == 0
    page.close()
