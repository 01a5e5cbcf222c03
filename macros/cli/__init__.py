"""Commands for contributors, documented in CONTRIBUTING.md.

    python -m macros.cli validate [FILE] [--pages DIR]   check the data and pages (or one file or folder) without building
    python -m macros.cli new-frame ID --title T --group G   add a frame: data entry, page, nav entry
    python -m macros.cli schema [--check]                regenerate data/frames.schema.json
    python -m macros.cli addresses [--add] [--site DIR]  compare a build with data/addresses.txt
    python -m macros.cli edition YYYY-MM [--ref REF]      make a dated edition: tag REF, snapshot its data
"""
