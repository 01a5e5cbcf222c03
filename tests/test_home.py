"""The home page's first screen (issue 17): the question, where to start, every group and frame with its one-line thesis."""

from __future__ import annotations

from markupsafe import escape

import pytest

from macros import urls
from macros.model import SUMMARY_MAX, Frame, SiteData
from macros.views import fragments


def with_extra_frame(data: SiteData) -> SiteData:
    """The real data plus one frame without a summary."""
    extra = Frame.model_validate({"id": "new-frame", "title": "A Newly Added Frame", "group": "other",
                                  "thesis": "A thesis that stands in for the missing summary."})
    frames_file = data.frames_file.model_copy(update={"frames": [*data.frames_file.frames, extra]})
    return SiteData(frames_file=frames_file, glossary=data.glossary)


def test_the_overview_lists_every_frame_under_each_of_its_groups(site_data):
    data = with_extra_frame(site_data)
    html = fragments.frame_overview(data, "./")
    links = urls.Links(data, "./")
    for group in data.groups.values():
        assert f'href="{links.page(group.id)}"' in html
    for frame in data.frames.values():
        assert html.count(f'href="{links.page(frame.id)}"') == len(frame.group_ids)  # once under each group
        assert str(escape(frame.summary or frame.thesis)) in html
    assert "A thesis that stands in for the missing summary." in html  # no summary: the thesis


def test_every_summary_fits_one_line(site_data):
    assert all(len(f.summary or "") <= SUMMARY_MAX for f in site_data.frames.values())
    with pytest.raises(ValueError):
        Frame.model_validate({"id": "x", "title": "X", "group": "other", "thesis": "T.", "summary": "w " * SUMMARY_MAX})


FIRST_SCREEN = """() => {
  const bottom = e => e.getBoundingClientRect().bottom + window.scrollY;
  return {
    question: bottom(document.querySelector('article h1')),
    start: bottom(document.querySelector('.home-paths .md-button--primary')),
    frames: Math.max(...[...document.querySelectorAll('.frame-overview__frames li')].map(bottom)),
    count: document.querySelectorAll('.frame-overview__title').length,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width, screens", [(1280, 1), (375, 2)])
def test_the_first_screen_shows_the_question_the_start_and_every_frame(browser, site_url, site_data, width, screens):
    # At 1280x800 all of it without scrolling; on a phone within one scroll.
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url)
    found = page.evaluate(FIRST_SCREEN)
    context.close()
    assert found["count"] == sum(len(f.group_ids) for f in site_data.frames.values())
    assert max(found["question"], found["start"], found["frames"]) <= 800 * screens, found
