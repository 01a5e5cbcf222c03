"""The build: its per-build object (context.py), its timeline (timeline.py), and the steps before, for and after the pages."""
