"""Compiled templates kept between builds (macros/template_cache.py): reused, never stale, never in the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from macros.template_cache import TEMPLATE_CACHE_VARIABLE, compiled_template_cache


@pytest.fixture
def templates(tmp_path, monkeypatch) -> Path:
    """A template folder, with the cache in a folder of the test's own."""
    monkeypatch.setenv(TEMPLATE_CACHE_VARIABLE, str(tmp_path / "cache"))
    (tmp_path / "templates").mkdir()
    return tmp_path / "templates"


def fresh_env(templates: Path, **settings) -> Environment:
    """The environment a new build would make, with the cache."""
    env = Environment(loader=FileSystemLoader(templates), **settings)
    env.bytecode_cache = compiled_template_cache(env, "test")
    return env


def test_a_later_build_reuses_the_compiled_template_and_an_edited_one_is_compiled_again(templates, monkeypatch):
    source = templates / "note.html"
    source.write_text("<p>{{ word }}</p>", encoding="utf-8")
    assert fresh_env(templates).get_template("note.html").render(word="first") == "<p>first</p>"
    assert list((templates.parent / "cache").glob("core-of-alignment-test-*.cache")), "the compiled template was not kept"

    reused = fresh_env(templates)
    monkeypatch.setattr(reused, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert reused.get_template("note.html").render(word="second") == "<p>second</p>"

    source.write_text("<b>{{ word }}</b>", encoding="utf-8")
    assert fresh_env(templates).get_template("note.html").render(word="third") == "<b>third</b>"


@pytest.mark.parametrize("setting", [{"trim_blocks": True}, {"autoescape": True}])
def test_code_compiled_with_other_settings_is_not_reused(templates, setting):
    (templates / "note.html").write_text("{% if true %}\n{{ word }}{% endif %}", encoding="utf-8")
    assert fresh_env(templates).get_template("note.html").render(word="<i>") == "\n<i>"
    expected = "<i>" if "trim_blocks" in setting else "\n&lt;i&gt;"
    assert fresh_env(templates, **setting).get_template("note.html").render(word="<i>") == expected


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(templates, monkeypatch):
    (templates / "note.html").write_text("<p>{{ word }}</p>", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tempfile.NamedTemporaryFile", disk_full)
    assert fresh_env(templates).get_template("note.html").render(word="kept") == "<p>kept</p>"


def test_without_a_usable_folder_or_when_turned_off_templates_are_compiled_each_time(tmp_path, monkeypatch):
    env = Environment()
    monkeypatch.setenv(TEMPLATE_CACHE_VARIABLE, "off")
    assert compiled_template_cache(env, "test") is None
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv(TEMPLATE_CACHE_VARIABLE, str(tmp_path / "a-file"))
    assert compiled_template_cache(env, "test") is None
    monkeypatch.delenv(TEMPLATE_CACHE_VARIABLE)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "missing"))  # Jinja's own folder cannot be made
    assert compiled_template_cache(env, "test") is None
