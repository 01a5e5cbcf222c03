"""`schema`: data/frames.schema.json from the models, or whether the committed one is current."""

from __future__ import annotations

import argparse
import json

from ..model import json_schema


def schema_text() -> str:
    """data/frames.schema.json as the models make it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema(args: argparse.Namespace) -> int:
    """Write data/frames.schema.json from the models, or with --check say whether it is current."""
    path = args.project / "data" / "frames.schema.json"
    text = schema_text()
    if args.check:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            print("data/frames.schema.json matches macros/model/models.py.")
            return 0
        print("data/frames.schema.json differs from macros/model/models.py; run: python -m macros.cli schema")
        return 1
    path.write_text(text, encoding="utf-8")
    print("Wrote data/frames.schema.json from macros/model/models.py.")
    return 0
