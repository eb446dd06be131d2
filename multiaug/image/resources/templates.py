"""Screenshot templates (AugLy's form): the content box of a template image, read from a ``bboxes.json`` file
({template file name: [l, u, r, d]} or one [l, u, r, d] list), the user's or the shipped one (``BBOXES_PATH``)."""

from __future__ import annotations

import json
import os

from ...core.errors import InvalidParameterError, MediaReadError
from . import constants as C


def template_box(template: str, bboxes_path: str | None, where: str = "overlay_onto_screenshot") -> list[int]:
    """The [l, u, r, d] px content box of the template file ``template``: from ``bboxes_path``, else a
    ``bboxes.json`` beside the template, else the shipped ``BBOXES_PATH``.

    Raises:
        MediaReadError: no bboxes file, or an unreadable one.
        InvalidParameterError: the file has no valid box (l < r, u < d) for this template.
    """
    cand = bboxes_path or next((p for p in (os.path.join(os.path.dirname(template), "bboxes.json"), C.BBOXES_PATH)
                                if os.path.isfile(p)), None)
    if cand is None or not os.path.isfile(cand):
        raise MediaReadError(f"{where}: argument 'template_bboxes_filepath': file not found: {cand!r}")
    try:
        with open(cand, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise MediaReadError(f"{where}: cannot read template bboxes '{cand}': {exc}") from None
    box = data.get(os.path.basename(template)) if isinstance(data, dict) else data
    if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box)
            and box[0] < box[2] and box[1] < box[3]):
        raise InvalidParameterError(
            f"{where}: argument 'template_bboxes_filepath': '{cand}' has no [l, u, r, d] box for template "
            f"'{os.path.basename(template)}'", function=where, argument="template_bboxes_filepath")
    return [int(v) for v in box]
