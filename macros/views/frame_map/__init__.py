"""The frame map (/map/): which frames it draws (selection), in what order (ordering), where (layout), as SVG (drawing)."""

from .drawing import frame_map
from .layout import frame_map_layout
from .ordering import crossings

__all__ = ["crossings", "frame_map", "frame_map_layout"]
