"""`addresses`: the addresses a build serves, compared with data/addresses.txt."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from .address_manifest import lost_addresses, public_anchors, read_manifest, read_site, unlisted_addresses, write_manifest
from ..model import load
from .output import plural


def _built(project: Path, site: Path) -> bool:
    """Build the site strictly into `site`; on failure, print what stopped it (MkDocs logs it) and say so."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    handler = logging.StreamHandler(sys.stdout)
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build(load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site)))
    except Abort as exc:
        print(f"addresses: the strict build failed ({exc}); fix what it printed above, then run this again.")
        return False
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return True


def addresses(args: argparse.Namespace) -> int:
    """Build the site (or read a built one) and compare its addresses with data/addresses.txt."""
    manifest = args.project / "data" / "addresses.txt"
    listed = read_manifest(manifest) if manifest.exists() else []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site) if args.site else Path(tmp)
        if not args.site and not _built(args.project, site):
            return 1
        data = load(args.project / "data" / "frames.yml", args.project / "data" / "glossary.yml", root=args.project)
        pages = read_site(site, public_anchors(data, args.project / "docs"))
    lost, new = lost_addresses(listed, pages), unlisted_addresses(listed, pages)
    for address in lost:
        print(f"no longer served: {address}")
    if new and args.add:
        write_manifest(manifest, [*listed, *new])
        print(f"Added {plural(len(new), 'address', 'addresses')} to data/addresses.txt.")
    else:
        for address in new:
            print(f"not listed: {address}")
    if lost:
        print("Restore what was lost, or keep the old id as an alias in data/frames.yml.")
    if new and not args.add:
        print("Run with --add to list the new addresses.")
    if not lost and not new:
        print(f"data/addresses.txt: all {plural(len(listed), 'address', 'addresses')} served, none missing.")
    return 1 if lost or (new and not args.add) else 0
