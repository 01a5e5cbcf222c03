"""The site's code. Engines find the macros here: mkdocs-macros and Zensical both load this module."""

import sys
from pathlib import Path

# Zensical runs this file without registering the package or putting the project on sys.path, so
# `from . import x` would fail there; with the project importable, absolute imports work on both.
_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from macros.engines.macros_env import define_env, on_pre_page_macros  # noqa: E402

__all__ = ["define_env", "on_pre_page_macros"]
