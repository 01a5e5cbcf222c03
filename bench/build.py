"""One strict MkDocs build, as `make build` runs it, in a process of its own for the benchmark to time.

    python -m bench.build mkdocs.yml SITE_DIR
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config_file", type=Path)
    parser.add_argument("site_dir", type=Path)
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        config = load_config(str(args.config_file), site_dir=str(args.site_dir))
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
