"""What MkDocs was started to do, kept for the whole process: MkDocs loads the hooks file afresh for each
rebuild under `mkdocs serve`, but tells its startup (on_startup) only once."""

COMMAND = {"name": "build"}
