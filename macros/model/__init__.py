"""The site's data: models, YAML with positions, checks and loading. Nothing here imports MkDocs."""

from .load import json_schema, load
from .models import (
    ID_PATTERN, JOINS, LINK_TYPES, SCHEMA_VERSION, SUMMARY_MAX, Crux, CruxRef, Frame, FramesFile, GlossaryFile, Group, Link,
    Reading, Source, Term, Verdict, VerdictReason,
)
from .problems import DataError, Problem
from .site import CruxEntry, SiteData, iter_cruxes, iter_refs

__all__ = [
    "ID_PATTERN", "JOINS", "LINK_TYPES", "SCHEMA_VERSION", "SUMMARY_MAX", "Crux", "CruxEntry", "CruxRef", "DataError", "Frame",
    "FramesFile", "GlossaryFile", "Group", "Link", "Problem", "Reading", "SiteData", "Source", "Term", "Verdict",
    "VerdictReason", "iter_cruxes", "iter_refs", "json_schema", "load",
]
