"""Images for display: thumbnails as PNG data URIs (with boxes drawn), grids and before/after pairs."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from typing import Any

from PIL import Image, ImageDraw

from .html import HTML


def png_base64(image: Image.Image, max_side: int | None = None) -> str:
    """Base64 PNG of a PIL image, as a thumbnail of at most ``max_side`` px when given (the input is not changed)."""
    img = image.copy() if max_side else image
    if max_side:
        img.thumbnail((max_side, max_side))
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGBA")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def image_to_data_uri(image: Any, max_size: int = 320, boxes: Sequence[Any] | None = None,
                      bbox_format: str = "pascal_voc") -> str:
    """PNG data URI of ``image`` (path, PIL or array; thumbnail of at most ``max_size`` px), with ``boxes`` (in
    ``bbox_format``) drawn in red."""
    from ..image.modality import load_image  # lazy: importing a modality registers its whole catalogue (~1 s)
    from ..image.targets.boxes import from_norm, to_norm  # lazy: part of the image modality (same reason)

    img = load_image(image, "image", "show")
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.mode else "RGB")
    else:
        img = img.copy()
    if boxes:
        draw = ImageDraw.Draw(img)
        w, h = img.size
        width = max(2, round(min(w, h) / 150))
        for b in boxes:
            if b is None:
                continue
            l, u, r, d = from_norm(to_norm(b, bbox_format, w, h), "pascal_voc", w, h)
            draw.rectangle([l, u, r, d], outline=(255, 0, 0), width=width)
    return "data:image/png;base64," + png_base64(img, max_size)


def show_grid(images: Sequence[Any], titles: Sequence[str] | None = None, columns: int = 4, max_size: int = 240,
              boxes: Sequence[Sequence[Any] | None] | None = None, bbox_format: str = "pascal_voc") -> HTML:
    """A grid of images (paths, PIL or arrays) with optional titles and per-image boxes."""
    cells = []
    for i, img in enumerate(images):
        title = html.escape(titles[i]) if titles and i < len(titles) else ""
        b = boxes[i] if boxes and i < len(boxes) else None
        uri = image_to_data_uri(img, max_size, b, bbox_format)
        cells.append(
            f"<figure style='margin:4px;text-align:center'><img src='{uri}' style='max-width:{max_size}px'/>"
            f"<figcaption style='font:12px sans-serif'>{title}</figcaption></figure>"
        )
    style = f"display:grid;grid-template-columns:repeat({columns}, auto);gap:4px;align-items:start"
    return HTML(f"<div style='{style}'>{''.join(cells)}</div>")


def before_after(before: Any, after: Any, title: str = "", **kw: Any) -> HTML:
    """Side-by-side view of an image before and after augmentation (``kw``: :func:`show_grid`'s options)."""
    return show_grid([before, after], [f"before {title}".strip(), f"after {title}".strip()], columns=2, **kw)


__all__ = ["before_after", "image_to_data_uri", "png_base64", "show_grid"]
