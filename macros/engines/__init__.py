"""The thin glue between the engine-neutral core and each build engine (MkDocs, Zensical).

Everything that makes the content (data, checks, views, the Markdown passes, the post-build outputs)
is the same on both; what differs is only how each engine hands over a page and when it calls us.
"""
