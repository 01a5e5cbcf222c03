"""One strict build, as `make build` or `make zensical` runs it, in a process of its own for the benchmark to time.

    python -m bench.build mkdocs.yml SITE_DIR
    python -m bench.build --zensical zensical.yml      # into the config's site_dir
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config_file", type=Path)
    parser.add_argument("site_dir", type=Path, nargs="?")
    parser.add_argument("--zensical", action="store_true", help="`make zensical`'s one command on this config")
    args = parser.parse_args()

    if args.zensical:
        from macros.engines.zensical import main as zensical_build

        if zensical_build(str(args.config_file)) != 0:
            sys.exit("build failed")
    else:
        mkdocs_build(args.config_file, args.site_dir)
    print(f"peak-memory-kb {peak_memory_kb()}")


def mkdocs_build(config_file: Path, site_dir: Path) -> None:
    """`mkdocs build --strict` of this config into site_dir (strict is in mkdocs.yml)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        build(load_config(str(config_file), site_dir=str(site_dir)))
    except (Abort, MkDocsException) as exc:
        sys.exit(f"build failed: {exc}")


def peak_memory_kb() -> int:
    """This process's peak resident memory since it started the build's program.

    /proc's VmHWM belongs to the current program image; getrusage's maxrss would also count the
    parent's memory that a forked child holds before exec.
    """
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))


if __name__ == "__main__":
    main()
