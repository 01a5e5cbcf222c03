"""Pure functions from the validated data to HTML fragments. Nothing here imports MkDocs or Markdown."""
