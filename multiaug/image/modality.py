"""The image modality: inputs (path, PIL, ndarray), working forms, mode restoration, saving, targets, reserved
arguments.

* Inputs: :func:`load_image` opens a path, accepts a PIL image or wraps a uint8 ndarray (H×W or H×W×C, C in 1,
  3, 4); the result always has the input's type and mode (:meth:`ImageModality.restore`).
* Working forms: a declaration's media annotation says what its body receives — :data:`ArrayImage` (a uint8
  ndarray: OpenCV / numpy kernels, one kernel for PIL and ndarray inputs, PIL converted once at each edge) or
  :data:`PILImage`; ``@fn.kernel_for(PILImage)`` registers an exact PIL kernel next to an array body, so neither
  form round-trips through the other.
* Targets: boxes (``bboxes``/``bbox_format``, label fields), keypoints and segmentation masks are validated, moved
  by each declaration's rules (``bbox=``; ``keypoints=``/``masks=`` or the forms derived from the box rule) and
  returned on request; formats and rules live in :mod:`multiaug.image.targets`.
* Reserved arguments (``output_path``, ``metadata``, ``bboxes``, ``bbox_format``) and the keyword-only options are
  inserted into every public signature and documented once, here.
* :func:`tune_pillow` is an explicit, process-wide Pillow setting for programs that own their process.
"""

from __future__ import annotations

import inspect
import os
import typing
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image

from ..core.errors import (
    InvalidParameterError,
    MediaReadError,
    OutputPathError,
    RegistrationError,
    UnsupportedInputError,
    UnsupportedTargetError,
)
from ..core.io import atomic_write, check_output_path
from ..core.registry import Entry, Modality, ReservedParam
from .kernels.modes import DEEP_DTYPES, convert_mode, to_array, to_deep, working
from .loading import (
    DEEP,
    cached_file,
    check_array,
    deep_array,
    load_image,
    load_image_cached,
    load_scaled,
    save_format,
)

#: names other modules import from here (the readers live in :mod:`multiaug.image.loading`)
REEXPORTED = (DEEP, cached_file, load_image_cached, load_scaled)
from .targets import boxes as bb
from .targets import follow
from .targets import keypoints as kp
from .targets import masks as mk


class KernelForm:
    """How an image kernel wants its media: the marker inside :data:`ArrayImage` / :data:`PILImage`, and the key of
    ``@fn.kernel_for(form)``."""

    def __init__(self, name: str, doc: str) -> None:
        self.name = name
        self.__doc__ = doc

    def __repr__(self) -> str:
        return f"KernelForm({self.name!r})"


#: the array working form: the kernel receives and returns a uint8 ndarray (H×W for L, H×W×2 LA, H×W×3 RGB,
#: H×W×4 RGBA). An ndarray input reaches it without a copy (the kernel must not write into it); a PIL input is
#: converted once to its working mode (L/LA/RGB/RGBA) and back once at the end (unless a PIL kernel is
#: registered with ``@fn.kernel_for(PILImage)``, which then receives path and PIL inputs).
ARRAY = KernelForm("array", "array kernel: uint8 ndarray in and out (one kernel for PIL and ndarray inputs)")

#: the PIL working form: the kernel receives and returns a ``PIL.Image.Image`` (path and PIL inputs reach it
#: as loaded; an ndarray input is wrapped once and unwrapped at the end).
PIL = KernelForm("pil", "PIL kernel: PIL.Image.Image in and out")

#: Media annotation of a declaration whose body works on uint8 arrays (:data:`ARRAY`).
ArrayImage = Annotated[np.ndarray, ARRAY]
#: Media annotation of a declaration whose body works on PIL images (:data:`PIL`).
PILImage = Annotated[Image.Image, PIL]
#: Media annotation of a declaration taking several images (``images``): the body receives a list of PIL images, or
#: one image when the caller passed one.
PILImages = Annotated[list[Image.Image] | Image.Image, PIL]

_ARRAY_MODES = {2: "L", 1: "L", 3: "RGB", 4: "RGBA"}
#: the src_*/dst_* fact names (built once, not per call)
_FACT_KEYS = {p: (f"{p}_width", f"{p}_height") for p in ("src", "dst")}
#: call keys that ask for target handling (boxes, labels, masks, keypoints)
_TARGET_KEYS = frozenset({"bboxes", "label_fields", "return_bboxes", "masks", "keypoints", "return_masks",
                          "return_keypoints"})
#: premultiplied-alpha modes a PIL body receives as their straight-alpha twin (converted back at the end)
_PREMULTIPLIED = {"La": "LA", "RGBa": "RGBA"}


#: freed Pillow image blocks (≤ 16 MiB each) that :func:`tune_pillow` lets Pillow keep for reuse: 1, measured
#: (benchmarks/PILLOW_BLOCKS.md): 0 makes JPEG encoding ~2× slower, 2 or more make grayscale/rotate/blur 2–4× slower
PILLOW_BLOCKS = 1


def tune_pillow(blocks: int = PILLOW_BLOCKS) -> bool:
    """Let Pillow keep ``blocks`` freed image blocks for reuse (``PIL.Image.core.set_blocks_max``).

    A process-wide setting, so multiaug's functions never change it: programs that own their process call it (the
    ``multiaug`` command line, ``expand`` worker processes, the benchmarks). Measured on the 1024×768 photo
    (benchmarks/PILLOW_BLOCKS.md, Pillow 10.0 and 13.0): without a cache, JPEG encoding takes ~7.5 ms instead of
    ~3.5–4.5 ms (each new image is fresh memory from the OS); with one block it is fast and the rest unchanged; with
    two or more, grayscale, rotate and blur are 2–4× slower. Nothing changes when the environment sets
    ``PILLOW_BLOCKS_MAX`` (Pillow reads it at import; ``PILLOW_BLOCKS_MAX=0`` opts out) or the program already set a
    block cache.

    Returns:
        True when the setting was changed.
    """
    try:
        if "PILLOW_BLOCKS_MAX" not in os.environ and Image.core.get_blocks_max() == 0:
            Image.core.set_blocks_max(int(blocks))
            return True
    except (AttributeError, ValueError):  # a Pillow without the arena interface
        pass
    return False


class ImageModality(Modality):
    name = "image"
    media_arg = "image"
    media_args = ("image", "images")
    reserved = frozenset({"output_path", "metadata", "bboxes", "bbox_format"})
    required_rules = ("bbox",)
    class_call_args = ("force", "metadata", "bboxes", "bbox_format")
    target_args = ("bboxes", "bbox_format")
    option_args = ("return_bboxes", "label_fields", "drop_empty", "masks", "mask_fill", "keypoints", "keypoint_format",
                   "return_masks", "return_keypoints")
    public_annotations = {
        "output_path": str | os.PathLike[str] | None,
        "metadata": list[dict[str, Any]] | None,
        "bboxes": Sequence[Sequence[Any]] | None,
        "bbox_format": Literal["pascal_voc", "pascal_voc_norm", "coco", "yolo"] | None,
    }
    return_annotation = Image.Image | np.ndarray | tuple[Any, ...]
    options_doc = """
    Keyword-only options (every image function):
        return_bboxes: also return the moved boxes, ``(image, boxes)``, or ``(image, boxes, labels)`` when
            ``label_fields`` is given (needs ``bboxes``). Each box keeps the fields after its 4 coordinates
            (``[x1, y1, x2, y2, label, ...]``).
        label_fields: per-box label lists kept aligned with the boxes: a dict ``{name: list}``, or
            (albumentations style) a list of names whose lists are passed as keyword arguments of the same call
            (``label_fields=["class_labels"], class_labels=[...]``). Returned as a dict ``{name: list}``.
        drop_empty: a box or keypoint that left the image is dropped with its labels (True, the default, like
            albumentations) or kept as ``None`` so indices match the input (False). Records keep AugLy's
            ``dst_bboxes`` (and ``dst_keypoints``) with ``None`` either way.
        masks: segmentation masks that move with the image: a list of H×W or H×W×K arrays (any numeric or bool
            dtype) or PIL images, of the image's size; resampled nearest by the same geometry (never
            interpolated), unchanged by pixel-only augmentations. An augmentation that cannot move them exactly
            raises ``UnsupportedTargetError`` (see docs/TRAINING.md).
        mask_fill: value of mask pixels no source pixel reaches (padding, rotated corners); default 0 (use e.g. 255
            for an "ignore" label). Reflect/wrap/nearest borders follow the image's own border mode.
        keypoints: points ``[x, y, extra fields...]`` moved by the same rule as boxes (extra fields carried
            untouched); one that leaves the image is dropped or kept as ``None`` (``drop_empty``).
        keypoint_format: ``xy`` (px, default), ``yx`` (px) or ``xy_norm`` (fractions of width and height); px are
            continuous like boxes' (pixel (i, j)'s centre is (i + 0.5, j + 0.5)).
        return_masks: also return the moved masks (a list, after the boxes and labels when those are returned).
        return_keypoints: also return the moved keypoints (a list, last).

    The image (first argument) is a file path, a PIL image (any mode) or a uint8 array (H×W, H×W×1, H×W×3 or
    H×W×4). The output has the input's type: a PIL image for a path or PIL input (mode preserved), a uint8 array
    for an array input."""

    reserved_params = (
        ReservedParam("output_path", None, "if given, the result is also written there (atomically; the format "
                      "follows the extension).", place="after_required"),
        ReservedParam("metadata", None, "a list (AugLy's flat dicts) or a multiaug.Tracker (full, replayable "
                      "records) that receives the record of this call."),
        ReservedParam("bboxes", None, "boxes that move with the image, in ``bbox_format`` (the moved boxes are in "
                      "the record as ``dst_bboxes``, or returned with ``return_bboxes=True``)."),
        ReservedParam("bbox_format", None, "one of pascal_voc, pascal_voc_norm, coco, yolo (needed with bboxes)."),
    )

    def working_form(self, annotation: Any) -> Any:
        if isinstance(annotation, KernelForm):
            return annotation
        if typing.get_origin(annotation) is typing.Annotated:
            return next((m for m in typing.get_args(annotation)[1:] if isinstance(m, KernelForm)), None)
        return None

    def register_kernels(self, entry: Entry) -> None:
        if "kernel" in entry.rules:
            raise RegistrationError(
                f"image.{entry.name}: kernel= is gone; annotate the media parameter ArrayImage or PILImage (the form "
                "the body receives) and register a kernel for another form with @fn.kernel_for(PILImage)")
        entry.kernels = {entry.form if entry.form is not None else PIL: entry.func}

    def media_annotation(self, name: str) -> Any:
        one = str | os.PathLike[str] | Image.Image | np.ndarray
        return Sequence[one] if name == "images" else one

    def option_parameters(self) -> list[inspect.Parameter]:
        kw = inspect.Parameter.KEYWORD_ONLY
        return [inspect.Parameter("return_bboxes", kw, default=False, annotation=bool),
                inspect.Parameter("label_fields", kw, default=None,
                                  annotation=Mapping[str, Sequence[Any]] | Sequence[str] | None),
                inspect.Parameter("drop_empty", kw, default=True, annotation=bool),
                inspect.Parameter("masks", kw, default=None, annotation=Sequence[np.ndarray | Image.Image] | None),
                inspect.Parameter("mask_fill", kw, default=0, annotation=float),
                inspect.Parameter("keypoints", kw, default=None, annotation=Sequence[Sequence[Any]] | None),
                inspect.Parameter("keypoint_format", kw, default="xy",
                                  annotation=Literal["xy", "yx", "xy_norm"]),
                inspect.Parameter("return_masks", kw, default=False, annotation=bool),
                inspect.Parameter("return_keypoints", kw, default=False, annotation=bool),
                inspect.Parameter("label_lists", inspect.Parameter.VAR_KEYWORD, annotation=Sequence[Any])]

    def pop_options(self, kwargs: dict[str, Any], where: str, taken: Collection[str] = ()) -> dict[str, Any]:
        if not kwargs:
            return {}
        opts = {k: kwargs.pop(k) for k in self.option_args if k in kwargs}
        fields = opts.get("label_fields")
        if fields is not None and not isinstance(fields, Mapping):  # names of lists passed in the same call
            opts["label_fields"] = bb.collect_label_fields(fields, kwargs, where, taken)
        return opts

    def load(self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry) -> tuple[Any, dict[str, Any]]:
        if type(media) is np.ndarray and ARRAY in entry.kernels:  # the training loop's input: no other check applies
            arr = check_array(media, "image", entry.name)
            mode = _ARRAY_MODES[1 if arr.ndim == 2 else arr.shape[2]]
            return arr, {"kind": "array", "mode": mode, "shape": media.shape, "input": media,
                         "kernel": entry.kernels[ARRAY]}
        deep: tuple[str, ...] = entry.rules.get("deep", ())
        if isinstance(media, (list, tuple)) and media and all(not isinstance(m, (int, float)) for m in media):
            imgs = [load_image(m, f"{entry.modality.media_arg}[{i}]", entry.name, deep) for i, m in enumerate(media)]
            first = media[0]
            kind = "array" if isinstance(first, np.ndarray) else "pil"
            return imgs, {"kind": kind, "mode": imgs[0].mode, "shape": getattr(first, "shape", None)}
        kernels = entry.kernels
        if ARRAY in kernels and (isinstance(media, np.ndarray) or PIL not in kernels):
            data, ctx = self._load_array(media, entry, deep)
            ctx["kernel"] = kernels[ARRAY]
            return data, ctx
        img = load_image(media, "image", entry.name, deep)
        kind = "array" if isinstance(media, np.ndarray) else "pil"
        ctx = {"kind": kind, "mode": img.mode, "shape": getattr(media, "shape", None), "kernel": kernels[PIL]}
        if img.mode == "P":
            ctx["palette_source"] = img
        if img.mode in _PREMULTIPLIED:  # Pillow filters, pastes and converts hardly any premultiplied mode
            img = convert_mode(img, _PREMULTIPLIED[img.mode])
        return img, ctx

    def _load_array(self, media: Any, entry: Entry, deep: tuple[str, ...]) -> tuple[np.ndarray, dict[str, Any]]:
        if isinstance(media, np.ndarray):
            arr = check_array(media, "image", entry.name)
            mode = _ARRAY_MODES[1 if arr.ndim == 2 else arr.shape[2]]
            return arr, {"kind": "array", "mode": mode, "shape": media.shape, "input": media}
        img = load_image(media, "image", entry.name, deep)
        ctx: dict[str, Any] = {"kind": "pil", "mode": img.mode, "shape": None}
        if img.mode in deep:
            ctx["deep"] = img.mode
            return deep_array(img), ctx
        if img.mode == "P":
            ctx["palette_source"] = img
        return to_array(working(img)), ctx

    def facts(self, data: Any, ctx: dict[str, Any], prefix: str) -> dict[str, Any]:
        img = data[0] if isinstance(data, list) else data
        if isinstance(img, np.ndarray):
            wk, hk = _FACT_KEYS.get(prefix) or (f"{prefix}_width", f"{prefix}_height")
            return {wk: img.shape[1], hk: img.shape[0]}
        if not isinstance(img, Image.Image):
            raise UnsupportedInputError(f"image kernel returned {type(img).__name__}, expected a PIL image")
        w, h = img.size
        return {f"{prefix}_width": w, f"{prefix}_height": h}

    def size(self, data: Any, ctx: dict[str, Any]) -> dict[str, Any]:
        """For cost rules (:mod:`multiaug.core.limits`): width, height, channels of the (first) image."""
        img = data[0] if isinstance(data, list) else data
        if isinstance(img, np.ndarray):
            return {"width": img.shape[1], "height": img.shape[0], "channels": 1 if img.ndim == 2 else img.shape[2]}
        return {"width": img.width, "height": img.height, "channels": len(img.getbands())}

    def restore(self, data: Any, ctx: dict[str, Any]) -> Any:
        if isinstance(data, np.ndarray) and ctx.get("deep"):  # a high-bit-depth image processed at its depth
            data = Image.fromarray(to_deep(data, ctx["deep"]))
        if isinstance(data, np.ndarray):  # an ARRAY kernel's output
            if ctx["kind"] == "array" and _ARRAY_MODES[1 if data.ndim == 2 else data.shape[2]] == ctx["mode"]:
                shape = ctx.get("shape")
                if shape is not None and len(shape) == 3 and shape[2] == 1 and data.ndim == 2:
                    data = data[:, :, None]
                if not data.flags.writeable or np.may_share_memory(data, ctx.get("input", ())):
                    data = data.copy()  # never a view of the caller's array
                return data
            data = Image.fromarray(data)
        img: Image.Image = data
        if img.mode != ctx["mode"] and not ctx.get("keep_mode"):
            source = ctx.get("palette_source")
            if ctx["mode"] == "P" and source is not None and "transparency" not in source.info:
                # keep the source palette instead of re-quantising to the web palette
                img = img.convert("RGB").quantize(palette=source, dither=Image.Dither.NONE)
            elif img.mode == "L" and ctx["mode"] == "RGB":
                img = Image.merge("RGB", (img, img, img))  # = convert("RGB"), in a third of the time
            else:
                img = convert_mode(img, ctx["mode"])
        if ctx["kind"] == "array":
            arr = to_array(img)
            shape = ctx.get("shape")
            if shape is not None and len(shape) == 3 and shape[2] == 1 and arr.ndim == 2:
                arr = arr[:, :, None]
            return arr.copy() if not arr.flags.writeable else arr
        return img

    def check_output_path(self, path: Any, function: str) -> None:
        """Refuse, before any work, an ``output_path`` Pillow cannot write (no or an unknown extension, a
        directory, a read-only file, an unwritable folder)."""
        check_output_path(path, function, known=lambda ext: save_format(ext) is not None,
                          examples=".png, .jpg, .webp, .tif, .bmp, ...")

    def save(self, media: Any, path: Any, ctx: dict[str, Any]) -> None:
        if isinstance(media, Image.Image):
            img = media
        else:
            arr = np.asarray(media)
            img = Image.fromarray(arr[:, :, 0] if arr.ndim == 3 and arr.shape[2] == 1 else arr)
        ext = Path(path).suffix.lower()
        fmt = save_format(ext)
        if img.mode in DEEP_DTYPES and fmt in ("JPEG", "WEBP", "GIF", "BMP"):
            raise OutputPathError(f"cannot write a {img.mode} image to '{path}' without losing its depth: {fmt} "
                                  "stores 8 bits; use .png (I;16) or .tif (I;16, I, F)")
        if ext in (".jpg", ".jpeg") or img.mode == "CMYK":
            if img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
        try:
            atomic_write(path, lambda tmp: img.save(tmp, format=fmt))
        except (KeyError, ValueError, OSError) as exc:
            raise MediaReadError(f"cannot write image to '{path}': {exc}") from None

    # --- targets: boxes, keypoints, masks -------------------------------------------------------
    def initial_targets(self, call: dict[str, Any], entry_name: str) -> dict[str, Any]:
        if not (call.keys() & _TARGET_KEYS) and isinstance(call.get("drop_empty", True), bool):
            return {}  # nothing travels with the image (the common call): none of the checks below can fail
        if not isinstance(call.get("drop_empty", True), bool):
            raise InvalidParameterError(f"{entry_name}: argument 'drop_empty' must be True or False, got "
                                        f"{call.get('drop_empty')!r}", argument="drop_empty")
        targets: dict[str, Any] = {}
        boxes = call.get("bboxes")
        labels = call.get("label_fields")
        if boxes is None:
            if call.get("return_bboxes"):
                raise InvalidParameterError(f"{entry_name}: return_bboxes=True needs bboxes=", argument="return_bboxes")
            if labels is not None:
                raise InvalidParameterError(f"{entry_name}: label_fields needs bboxes=", argument="label_fields")
        else:
            fmt = call.get("bbox_format")
            targets.update(bboxes=bb.validate_bboxes(boxes, fmt, entry_name), bbox_format=fmt)
            extras = bb.box_extras(boxes)
            if extras is not None:
                targets["bbox_extras"] = extras
            if labels is not None:
                targets["bbox_labels"] = bb.validate_labels(labels, len(boxes), entry_name)
        for name, given in (("masks", call.get("masks")), ("keypoints", call.get("keypoints"))):
            if given is None and call.get(f"return_{name}"):
                raise InvalidParameterError(f"{entry_name}: return_{name}=True needs {name}=", argument=f"return_{name}")
        if call.get("masks") is not None:
            arrays, kinds = mk.validate_masks(call["masks"], entry_name)
            targets.update(masks=arrays, mask_kinds=kinds,
                           mask_fill=mk.check_fill(call.get("mask_fill", 0), arrays, entry_name))
        if call.get("keypoints") is not None:
            fmt = call.get("keypoint_format", "xy")
            coords, extras = kp.validate_keypoints(call["keypoints"], fmt, entry_name)
            targets.update(keypoints=coords, keypoint_format=fmt, keypoint_extras=extras)
        return targets

    def check_targets(self, entries: Sequence[Entry], targets: dict[str, Any], where: str) -> None:
        """Refuse up front (before any work) keypoints or masks that an entry of the pipeline cannot move."""
        for name, rule_of in (("keypoints", follow.keypoint_rule), ("masks", follow.mask_rule)):
            if name in targets:
                for entry in entries:
                    rule = rule_of(entry.rules)
                    if isinstance(rule, follow.Refuse):
                        raise _refusal(entry, name, rule, where)

    def apply_targets(self, entry: Entry, targets: dict[str, Any], params: dict[str, Any], info: dict[str, Any],
                      src: dict[str, Any], dst: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        keys: dict[str, Any] = {"bbox_format": targets.get("bbox_format")}
        if not targets:
            return targets, keys
        new = dict(targets)  # extras and label lists ride along, aligned by index
        facts = {**src, **dst, "info": info}
        sw, sh, dw, dh = src["src_width"], src["src_height"], dst["dst_width"], dst["dst_height"]
        boxes = targets.get("bboxes")
        if boxes is not None:
            fmt = targets["bbox_format"]
            norm = [None if b is None else bb.to_norm(b, fmt, sw, sh, entry.name, i) for i, b in enumerate(boxes)]
            moved = entry.rules["bbox"](norm, params, facts)
            if len(moved) != len(norm):
                raise RuntimeError(f"{entry.name}: bbox rule returned {len(moved)} boxes for {len(norm)}")
            clamped = [None if b is None else bb.clamp_or_none(b) for b in moved]
            new["bboxes"] = [None if b is None else bb.from_norm(b, fmt, dw, dh) for b in clamped]
            keys["src_bboxes"] = [None if b is None else list(b) for b in boxes]
            keys["dst_bboxes"] = new["bboxes"]
        points = targets.get("keypoints")
        if points is not None:
            fmt = targets["keypoint_format"]
            rule = follow.keypoint_rule(entry.rules)
            if isinstance(rule, follow.Refuse):
                raise _refusal(entry, "keypoints", rule, entry.name)
            norm_pts = kp.as_norm(points, fmt, sw, sh)
            kp.check_on_image(norm_pts, points, fmt, sw, sh, entry.name)
            new["keypoints"] = kp.from_norm(rule(norm_pts, params, facts), fmt, dw, dh)
            keys.update(keypoint_format=fmt, src_keypoints=[None if p is None else list(p) for p in points],
                        dst_keypoints=new["keypoints"])
        masks = targets.get("masks")
        if masks is not None:
            rule = follow.mask_rule(entry.rules)
            if isinstance(rule, follow.Refuse):
                raise _refusal(entry, "masks", rule, entry.name)
            mk.check_size(masks, sw, sh, entry.name)
            moved_masks = [rule(m, params, facts, targets["mask_fill"]) for m in masks]
            if any(m.shape[:2] != (dh, dw) for m in moved_masks):
                raise RuntimeError(f"{entry.name}: mask rule returned a mask not of the output size {dw}x{dh}")
            new["masks"] = moved_masks
            keys["masks"] = mk.summary(moved_masks)
        return new, keys

    def untracked_targets(self, entry: Entry, targets: dict[str, Any], out: Any, ctx: dict[str, Any]
                          ) -> dict[str, Any] | None:
        """No boxes, masks or keypoints travel (the common call): nothing to move, so no facts are needed. (Other
        outputs than one array or PIL image take the full path, where :meth:`facts` checks their type.)"""
        if not targets and (type(out) is np.ndarray or isinstance(out, Image.Image)):
            return targets
        return None

    def result(self, media: Any, targets: dict[str, Any], options: dict[str, Any]) -> Any:
        """``media``, or a tuple ``(media, *asked)`` of what the ``return_*`` options ask for, in this order: the
        boxes (``return_bboxes``; with their extra fields), the label lists (with ``label_fields``), the masks
        (``return_masks``), the keypoints (``return_keypoints``)."""
        if not options:
            return media
        asked: list[Any] = []
        drop = options.get("drop_empty", True)
        if options.get("return_bboxes"):
            boxes, labels = bb.deliver(targets.get("bboxes") or [], targets.get("bbox_extras"),
                                       targets.get("bbox_labels"), drop)
            asked.append(boxes)
            if options.get("label_fields") is not None:
                asked.append(labels)
        if options.get("return_masks"):
            asked.append(mk.deliver(targets["masks"], targets["mask_kinds"]))
        if options.get("return_keypoints"):
            asked.append(kp.deliver(targets["keypoints"], targets.get("keypoint_extras"), drop))
        return (media, *asked) if asked else media

    def equal(self, a: Any, b: Any) -> bool:
        if isinstance(a, Image.Image) and isinstance(b, Image.Image):
            return a.mode == b.mode and a.size == b.size and a.tobytes() == b.tobytes()
        if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
            return a.shape == b.shape and a.dtype == b.dtype and bool(np.array_equal(a, b))
        return False


def _refusal(entry: Entry, target: str, rule: follow.Refuse, where: str) -> UnsupportedTargetError:
    return UnsupportedTargetError(f"{where}: {entry.name} cannot move {target} exactly ({rule.why}); leave it out of "
                                  f"a pipeline given {target}=", function=entry.name, argument=target)


IMAGE = ImageModality()
