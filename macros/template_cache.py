"""Compiled Jinja templates kept between builds: the macros' partials (render.py) and the theme's (hooks.py).

Compiling templates is about a fifth of a build. Jinja's file cache keeps the compiled code in a
private folder of the system's temp directory and compiles a template again when its source or the
Python version changed; it does not check Jinja's own version or the environment's settings, so the
cache files are named after those too. A cached template is thus never stale: the cache only saves time.
"""

from __future__ import annotations

import os
from hashlib import sha1
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache

# A folder for the compiled templates instead of Jinja's own under the system's temp directory, or
# "off" to compile them at every build (the test suite and the benchmark use a folder of their own).
TEMPLATE_CACHE_VARIABLE = "SITE_TEMPLATE_CACHE"


class _QuietTemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, which gives up quietly where it cannot write (a full disk)."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _compile_settings(env: Environment) -> str:
    """A fingerprint of what Jinja's compiled code depends on beyond the template's source."""
    escape = env.autoescape
    if not isinstance(escape, bool):  # Jinja's select_autoescape: a function of its closure's values
        escape = [cell.cell_contents for cell in escape.__closure__ or ()]
    settings = (jinja2.__version__, sorted(env.extensions), escape, env.finalize is not None, env.optimized,
                env.is_async, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
                env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix)
    return sha1(repr(settings).encode("utf-8")).hexdigest()[:12]


def compiled_template_cache(env: Environment, name: str) -> BytecodeCache | None:
    """A cache of env's compiled templates, kept between builds; None where it cannot be kept."""
    folder = os.environ.get(TEMPLATE_CACHE_VARIABLE) or None
    if folder == "off":
        return None
    try:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
        return _QuietTemplateCache(folder, pattern=f"core-of-alignment-{name}-{_compile_settings(env)}-%s.cache")
    except (OSError, RuntimeError):  # no temp directory we alone can write to: compile each time
        return None
