"""After the pages: what the build adds to the site the engine wrote (macros/build/timeline.py runs them in order)."""
