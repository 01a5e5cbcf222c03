"""MkDocs hooks (registered under `hooks:` in mkdocs.yml).

The theme keeps its compiled templates between builds (macros/template_cache.py), and each page is
written without the indentation of its lines (macros/assets.py). After the pages are written, every
old id of a frame or group (its `aliases` in data/frames.yml) gets a redirect stub at its old address,
and the build publishes /frames.json. A stub that would overwrite a real page, or point to a page the
build did not produce, stops the build instead. The site's own stylesheets and scripts are served
without their comments (macros/assets.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError


def importable_macros(config) -> Path:
    """The project folder, with its `macros` package importable; the hooks run without that plugin too."""
    project = Path(config.config_file_path).parent
    # Use the `macros` package mkdocs-macros imported; without that plugin, import the project's own.
    if "macros" not in sys.modules and str(project) not in sys.path:
        sys.path.insert(0, str(project))
    return project


def on_env(env, config, files):
    """Keep the theme's compiled templates between builds, as the macros keep theirs."""
    importable_macros(config)
    from macros.template_cache import compiled_template_cache

    env.bytecode_cache = compiled_template_cache(env, "theme")
    return env


def on_post_page(output: str, page, config) -> str:
    """The page as written to the site: without the indentation of its lines (macros/assets.py)."""
    importable_macros(config)
    from macros.assets import shrink_html

    return shrink_html(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's own pages (404.html) shrunk as the others are; other templates (sitemap.xml) as they are."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output


def on_post_build(config) -> None:
    """Write the redirect stubs and /frames.json into the built site; shrink its own CSS and JS."""
    project = importable_macros(config)
    from macros import load_site_data
    from macros.export import frames_document, redirects

    data = load_site_data(project, Path(config.docs_dir))
    site = Path(config.site_dir)
    site_url = config.site_url or ""
    problems = write_redirects(site, redirects(data), site_url)
    if problems:
        raise PluginError("Cannot keep the old addresses of data/frames.yml:\n" + "\n".join(problems))
    document = frames_document(data, site_url)
    (site / "frames.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shrink_own_assets(Path(config.docs_dir), site)


def shrink_own_assets(docs: Path, site: Path) -> None:
    """Replace each built copy of a stylesheet or script from docs/ by its shrunk text."""
    from macros.assets import shrink_css, shrink_js

    for source in (*docs.rglob("*.css"), *docs.rglob("*.js")):
        built = site / source.relative_to(docs)
        if built.is_file():
            shrink = shrink_css if source.suffix == ".css" else shrink_js
            built.write_text(shrink(source.read_text(encoding="utf-8")), encoding="utf-8")


def write_redirects(site: Path, plan: list[tuple[str, str, str]], site_url: str) -> list[str]:
    """Write a stub for each (old path, live path, title); if any is unsafe, write none and say why."""
    from macros.render import redirect_page

    problems = []
    for old, live, _ in plan:
        if (site / old / "index.html").exists():
            problems.append(f"/{old}: an alias would replace this real page with a redirect to /{live}; "
                            "drop the alias or move the page")
        elif not (site / live / "index.html").exists():
            problems.append(f"/{old}: the redirect would point to /{live}, which the build did not produce")
    if problems:
        return problems
    for old, live, title in plan:
        stub = site / old / "index.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(redirect_page(old, live, title, site_url), encoding="utf-8")
    return []
