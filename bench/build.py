"""One MkDocs build, as its own process, for the benchmark to time: with or without the macros.

    python -m bench.build mkdocs.yml SITE_DIR [--no-macros]

With the macros the build is strict, as `make build` is. Without them, pages show their
`{{ ... }}` calls as text and the links those calls would have made are missing, so the build
is not strict then: it still reads, converts and writes every page, which is what is timed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def plugins_without_macros(config_file: Path) -> list:
    """The config's plugins list as written, less mkdocs-macros."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    # MkDocs' own loader, so tags such as !ENV and !relative read as they do in a build.
    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))
    with config_file.open(encoding="utf-8") as raw:
        plugins = yaml_load(raw, loader).get("plugins", [])
    return [p for p in plugins if (p if isinstance(p, str) else next(iter(p))) != "macros"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config_file", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--no-macros", action="store_true", help="build with the macros plugin disabled")
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    logging.basicConfig(level=logging.ERROR if args.no_macros else logging.WARNING, format="%(levelname)s %(message)s")
    overrides: dict = {"site_dir": str(args.site_dir)}
    if args.no_macros:
        overrides.update(strict=False, plugins=plugins_without_macros(args.config_file))
    try:
        config = load_config(str(args.config_file), **overrides)
        build(config)
    except (Abort, MkDocsException) as exc:
        sys.exit(f"build failed: {exc}")
    print(f"peak-memory-kb {peak_memory_kb()}")


def peak_memory_kb() -> int:
    """This process's peak resident memory since it started the build's program.

    /proc's VmHWM belongs to the current program image; getrusage's maxrss would also count the
    parent's memory that a forked child holds before exec.
    """
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))


if __name__ == "__main__":
    main()
