"""How much a refusal costs: each input of the broken corpus in process, and hostile sizes through `validate`, in CPU time.

CPU time, not the wall clock: a refusal must stay cheap, and a busy machine must not make it look dear.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken"
REFUSAL_MAX_S = 2.0  # the most CPU time one refusal may take, Python's start included for the command


def hostile_inputs() -> dict[str, str]:
    """Files that ask the most of the reader, by name: nested aliases, past the size cap, deep nesting, past the
    cap on values, and just under it with every entry a problem."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefghijklmnopqrstuvwxy", "bcdefghijklmnopqrstuvwxyz"))
    return {
        "bomb.yml": bomb,
        "big.yml": "# " + "x" * 4_000_000 + "\n",
        "deep.yml": "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "wide.yml": "terms:\n" + "  - {id: a, term: Aa, definition: B.}\n" * 90_000,
        "near-cap.yml": "terms:\n" + "  - {id: a, term: Aa, definition: B.}\n" * 18_000,
    }


def corpus_cpu() -> dict[str, float]:
    """CPU seconds to refuse each input of tests/broken (frames files, glossaries, pages), by name."""
    sys.path.insert(0, str(ROOT))
    from macros.model import DataError, load
    from macros.model.load import load_glossary
    from macros.model.page_checks import check_page

    def frames(path: Path) -> None:
        load(path, root=ROOT)

    def glossary(path: Path) -> None:
        load_glossary(path, path.name, None)

    def page(path: Path) -> None:
        check_page(path, path.name, None, None)

    calls = [*((f"frames/{p.stem}", frames, p) for p in sorted(BROKEN.glob("*.yml"))),
             *((f"glossary/{p.stem}", glossary, p) for p in sorted((BROKEN / "glossary").glob("*.yml"))),
             *((f"pages/{p.stem}", page, p) for p in sorted((BROKEN / "pages").glob("*.md")))]
    spent = {}
    for name, call, path in calls:
        start = time.process_time()
        try:
            call(path)
        except DataError:
            pass
        spent[name] = time.process_time() - start
    return spent


def hostile_cpu() -> dict[str, float]:
    """CPU seconds of `python -m macros.cli validate FILE` (its process, start to exit) for each hostile input."""
    spent = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in hostile_inputs().items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
            with subprocess.Popen([sys.executable, "-m", "macros.cli", "validate", name], cwd=tmp,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
                _, _, usage = os.wait4(process.pid, 0)
            spent[name] = usage.ru_utime + usage.ru_stime
    return spent


def bench_refusals() -> dict:
    """The slowest refusal of the corpus and of the hostile inputs, with the whole figures."""
    corpus, hostile = corpus_cpu(), hostile_cpu()
    slowest = max(corpus, key=corpus.get)
    print(f"  corpus: {len(corpus)} inputs, the slowest {slowest} {corpus[slowest] * 1000:.1f} ms CPU", flush=True)
    print("  hostile inputs through validate: " + ", ".join(f"{n} {s:.2f} s" for n, s in hostile.items()), flush=True)
    return {"corpus": corpus, "slowest": slowest, "hostile": hostile}
