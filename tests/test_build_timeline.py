"""The build's timeline: the data is read once per build on both engines, and an archived page never changes its words."""

from __future__ import annotations

import re
import sys

import pytest
from ruamel.yaml import YAML

from conftest import build_site
from macros import urls
from macros.model.editions import read_editions


def count_parses(monkeypatch) -> list[str]:
    """Every YAML data file the code under test parses, in order (the loader's parser, wherever it is imported)."""
    parsed: list[str] = []
    for module in [m for name, m in list(sys.modules.items()) if name.startswith("macros") and hasattr(m, "read_yaml")]:
        original = module.read_yaml

        def spy(path, *args, _original=original, **kwargs):
            parsed.append(path.name)
            return _original(path, *args, **kwargs)

        monkeypatch.setattr(module, "read_yaml", spy)
    return parsed


@pytest.mark.slow
def test_a_mkdocs_build_reads_each_data_file_once(scratch_project, tmp_path, monkeypatch):
    parsed = count_parses(monkeypatch)
    build_site(tmp_path / "site", scratch_project / "mkdocs.yml")
    assert sorted(parsed) == ["frames.yml", "glossary.yml"]


@pytest.mark.slow
def test_a_zensical_build_reads_each_data_file_once(scratch_project, monkeypatch, capsys):
    from macros.engines import zensical

    parsed = count_parses(monkeypatch)
    assert zensical.main(str(scratch_project / "zensical.yml")) == 0, capsys.readouterr().err
    assert sorted(parsed) == ["frames.yml", "glossary.yml"]
    assert (scratch_project / "site-zensical" / urls.EXPORT).is_file()


def archived_words(html: str) -> str:
    """An edition page's article without the note on what became of it since (the banner, which may change)."""
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r'<div class="edition-banner".*?</div>', "", article, flags=re.S)


@pytest.mark.slow
def test_an_archived_page_keeps_its_words_when_the_data_changes(scratch_project, tmp_path, site_data):
    editions = read_editions(scratch_project)
    assert editions, "data/editions/ holds no edition to check"
    pages = [*(urls.edition_owner_path(e.name, o, e.owners[o]["kind"] == "group") for e in editions for o in e.owners),
             *(urls.edition_crux_path(e.name, c) for e in editions for c in e.cruxes)]
    before = tmp_path / "before"
    build_site(before, scratch_project / "mkdocs.yml")
    # Reword every crux and retitle every frame the site has now.
    data = scratch_project / "data" / "frames.yml"
    yaml = YAML(typ="rt")
    document = yaml.load(data.read_text(encoding="utf-8"))

    def reword(node) -> None:
        if isinstance(node, dict):
            if "id" in node and "text" in node:
                node["text"] = "Reworded. " + node["text"]
            for value in node.values():
                reword(value)
        elif isinstance(node, list):
            for value in node:
                reword(value)

    reword(document["groups"])
    reword(document["frames"])
    for frame in document["frames"]:
        frame["title"] = frame["title"] + " (retitled)"
    with data.open("w", encoding="utf-8") as out:
        yaml.dump(document, out)
    after = tmp_path / "after"
    build_site(after, scratch_project / "mkdocs.yml")
    changed_live = [p for p in map(urls.crux_page_path, site_data.cruxes)
                    if (before / p / "index.html").read_text(encoding="utf-8") != (after / p / "index.html").read_text(encoding="utf-8")]
    assert changed_live, "the edit changed no live page: the test would prove nothing"
    for page in pages:
        assert archived_words((before / page / "index.html").read_text(encoding="utf-8")) == \
            archived_words((after / page / "index.html").read_text(encoding="utf-8")), page
