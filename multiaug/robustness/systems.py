"""Systems under test: a classifier (item → label or score) or a matcher (item → fingerprint, + distance).

What a system receives, per modality: images as a ``PIL.Image.Image`` (the file's mode), text as a ``str``, audio
as a tuple ``(samples, sample_rate)`` with float32 samples, mono ``(n,)`` or channels-first ``(channels, n)``.

A system is given as a Python object or as ``"module:attribute"`` (``"path/to/file.py:attribute"`` also works):

* a :class:`Classifier` or :class:`Matcher` instance is used as is;
* an object with ``fingerprint``, ``distance`` and ``threshold`` attributes is a matcher;
* a plain callable needs ``kind``: a classifier returns a label (``str``, ``int``, ``bool``) or a score
  (``float``; the decision is ``score >= threshold``, default 0.5); a matcher callable returns a fingerprint
  (``numpy`` array, ``bytes``, ``int``, hex ``str`` or a list of numbers) and needs a ``threshold``
  (argument, or a ``threshold`` attribute on the function). The default distance is the Hamming distance for
  bit fingerprints (bool / 0-1 arrays, ints, bytes, hex strings) and the Euclidean distance for other numbers.

A return value of the wrong type raises :class:`SystemOutputError` naming the callable (the run stops: every item
would fail the same way). Any other exception raised by the system on one item is recorded for that item and the
run continues.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError, UnsupportedInputError

KINDS = ("classifier", "matcher")


class SystemOutputError(UnsupportedInputError):
    """A system under test returned a value of the wrong type (the message names the callable)."""


def callable_name(fn: Any) -> str:
    """``module:qualname`` of a callable (or its type's name)."""
    mod = getattr(fn, "__module__", None)
    qual = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    if qual is None:
        t = type(fn)
        return f"{t.__module__}:{t.__qualname__}"
    return f"{mod}:{qual}" if mod else str(qual)


@dataclass
class Classifier:
    """A classifier under test.

    Attributes:
        predict: ``item -> label`` (str, int, bool) or ``item -> score`` (float).
        threshold: decision threshold for scores (``score >= threshold`` → True).
        name: display name (defaults to ``module:qualname`` of ``predict``).
    """

    predict: Callable[[Any], Any]
    threshold: float = 0.5
    name: str = ""

    kind = "classifier"

    def __post_init__(self) -> None:
        if not callable(self.predict):
            raise InvalidParameterError(f"Classifier: 'predict' must be callable, got {type(self.predict).__name__}",
                                        argument="predict")
        self.name = self.name or callable_name(self.predict)

    def __call__(self, item: Any) -> dict[str, Any]:
        """Run the classifier; returns ``{"decision": label, "score": float | None}`` (JSON-safe)."""
        return self.check_output(self.predict(item))

    def check_output(self, out: Any) -> dict[str, Any]:
        if isinstance(out, (bool, np.bool_)):
            return {"decision": bool(out), "score": None}
        if isinstance(out, (int, np.integer)):
            return {"decision": int(out), "score": None}
        if isinstance(out, str):
            return {"decision": out, "score": None}
        if isinstance(out, (float, np.floating)):
            score = float(out)
            if math.isnan(score):
                raise SystemOutputError(f"classifier '{self.name}' returned NaN; a score must be a finite float")
            return {"decision": bool(score >= self.threshold), "score": score}
        raise SystemOutputError(
            f"classifier '{self.name}' returned {type(out).__name__} ({_short(out)}); a classifier must return a "
            "label (str, int or bool) or a score (float)")

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "threshold": self.threshold}


@dataclass
class Matcher:
    """A matcher under test: the augmented item is matched when ``distance(fp(orig), fp(aug)) <= threshold``.

    Attributes:
        fingerprint: ``item -> fingerprint`` (numpy array, bytes, int, hex str or list of numbers).
        threshold: largest distance that still counts as a match.
        distance: ``(fp_a, fp_b) -> float``; defaults to :func:`default_distance`.
        name: display name (defaults to ``module:qualname`` of ``fingerprint``).
    """

    fingerprint: Callable[[Any], Any]
    threshold: float
    distance: Callable[[Any, Any], Any] | None = None
    name: str = ""

    kind = "matcher"

    def __post_init__(self) -> None:
        if not callable(self.fingerprint):
            raise InvalidParameterError(
                f"Matcher: 'fingerprint' must be callable, got {type(self.fingerprint).__name__}", argument="fingerprint")
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, (int, float, np.integer, np.floating)):
            raise InvalidParameterError(f"Matcher: 'threshold' must be a number, got {self.threshold!r}",
                                        argument="threshold")
        self.threshold = float(self.threshold)
        self.distance = self.distance or default_distance
        self.name = self.name or callable_name(self.fingerprint)

    def __call__(self, item: Any) -> Any:
        """The item's fingerprint (type-checked)."""
        fp = self.fingerprint(item)
        if isinstance(fp, (np.ndarray, bytes, str)) or (isinstance(fp, (int, np.integer)) and not isinstance(fp, bool)):
            return fp
        if isinstance(fp, (list, tuple)) and all(isinstance(v, (int, float, np.number, bool)) for v in fp):
            return np.asarray(fp)
        raise SystemOutputError(
            f"matcher '{self.name}' returned {type(fp).__name__} ({_short(fp)}); a fingerprint must be a numpy "
            "array, bytes, an int, a hex str or a list of numbers")

    def compare(self, a: Any, b: Any) -> float:
        """Distance between two fingerprints (type-checked: a real number)."""
        d = self.distance(a, b)  # type: ignore[misc]
        if isinstance(d, (bool, np.bool_)) or not isinstance(d, (int, float, np.integer, np.floating)):
            raise SystemOutputError(f"distance '{callable_name(self.distance)}' of matcher '{self.name}' returned "
                                    f"{type(d).__name__} ({_short(d)}); it must return a number")
        return float(d)

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "threshold": self.threshold,
                "distance": callable_name(self.distance)}


def _short(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _bits(fp: Any) -> np.ndarray | None:
    """A bool bit vector for bit-like fingerprints, else None."""
    if isinstance(fp, (bytes, bytearray)):
        return np.unpackbits(np.frombuffer(bytes(fp), dtype=np.uint8)).astype(bool)
    if isinstance(fp, str):
        try:
            return np.unpackbits(np.frombuffer(bytes.fromhex(fp), dtype=np.uint8)).astype(bool)
        except ValueError:
            return None
    if isinstance(fp, np.ndarray) and (fp.dtype == bool or (fp.size and np.isin(fp, (0, 1)).all())):
        return fp.astype(bool).reshape(-1)
    return None


def default_distance(a: Any, b: Any) -> float:
    """Hamming distance for bit fingerprints (bool/0-1 arrays, ints, bytes, hex str), else Euclidean distance.

    Args:
        a: first fingerprint.
        b: second fingerprint (same kind and length as ``a``).
    """
    if isinstance(a, (int, np.integer)) and isinstance(b, (int, np.integer)):
        return float(bin(int(a) ^ int(b)).count("1"))
    ba, bb = _bits(a), _bits(b)
    if ba is not None and bb is not None:
        if ba.shape != bb.shape:
            raise ValueError(f"fingerprints have different lengths ({ba.size} and {bb.size} bits)")
        return float(np.count_nonzero(ba != bb))
    x, y = np.asarray(a, dtype=np.float64).reshape(-1), np.asarray(b, dtype=np.float64).reshape(-1)
    if x.shape != y.shape:
        raise ValueError(f"fingerprints have different lengths ({x.size} and {y.size})")
    return float(np.linalg.norm(x - y))


def import_target(spec: str, argument: str = "system") -> Any:
    """The object named by ``module:function`` (or ``file.py:function``); errors name ``argument``."""
    if ":" not in spec:
        raise InvalidParameterError(f"{argument} {spec!r}: expected 'module:function' (or 'file.py:function')",
                                    argument=argument)
    mod_name, _, attr = spec.rpartition(":")
    if not mod_name or not attr:
        raise InvalidParameterError(f"{argument} {spec!r}: expected 'module:function'", argument=argument)
    try:
        if mod_name.endswith(".py") or os.sep in mod_name or "/" in mod_name:
            path = Path(mod_name)
            if not path.is_file():
                raise InvalidParameterError(f"{argument} {spec!r}: file not found: '{path}'", argument=argument)
            name = f"_multiaug_system_{path.stem}"
            s = importlib.util.spec_from_file_location(name, path)
            if s is None or s.loader is None:
                raise InvalidParameterError(f"{argument} {spec!r}: cannot import '{path}'", argument=argument)
            module = importlib.util.module_from_spec(s)
            sys.modules[name] = module
            s.loader.exec_module(module)
        else:
            module = importlib.import_module(mod_name)
    except ImportError as exc:
        raise InvalidParameterError(f"{argument} {spec!r}: cannot import module '{mod_name}': {exc}",
                                    argument=argument) from None
    obj: Any = module
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise InvalidParameterError(f"{argument} {spec!r}: module '{mod_name}' has no attribute '{attr}'",
                                        argument=argument)
        obj = getattr(obj, part)
    return obj


def load_system(system: Any, kind: str | None = None, *, threshold: float | None = None,
                distance: Callable[[Any, Any], Any] | None = None) -> Classifier | Matcher:
    """Resolve a system under test.

    Args:
        system: a :class:`Classifier`/:class:`Matcher`, a matcher-like object, a callable, or
            ``"module:attribute"`` / ``"file.py:attribute"`` naming one of those.
        kind: "classifier" or "matcher"; required for a plain callable, checked against a given system.
        threshold: score threshold (classifier, default 0.5) or match threshold (matcher; required unless the
            callable has a ``threshold`` attribute).
        distance: matcher distance function (default: Hamming for bits, Euclidean otherwise).
    """
    if kind is not None and kind not in KINDS:
        raise InvalidParameterError(f"argument 'kind' must be 'classifier' or 'matcher', got {kind!r}", argument="kind")
    obj = import_target(system) if isinstance(system, str) else system
    label = system if isinstance(system, str) else None
    if isinstance(obj, (Classifier, Matcher)):
        if kind is not None and kind != obj.kind:
            raise InvalidParameterError(f"system '{obj.name}' is a {obj.kind}, but kind={kind!r} was given",
                                        argument="kind")
        if threshold is not None:
            obj = Classifier(obj.predict, float(threshold), obj.name) if isinstance(obj, Classifier) else \
                Matcher(obj.fingerprint, float(threshold), distance or obj.distance, obj.name)
        elif distance is not None and isinstance(obj, Matcher):
            obj = Matcher(obj.fingerprint, obj.threshold, distance, obj.name)
        return obj
    if all(hasattr(obj, a) for a in ("fingerprint", "distance", "threshold")) and not isinstance(obj, type):
        if kind == "classifier":
            raise InvalidParameterError(f"system '{label or callable_name(obj)}' is matcher-like (fingerprint, "
                                        "distance, threshold) but kind='classifier' was given", argument="kind")
        return Matcher(obj.fingerprint, obj.threshold if threshold is None else threshold,
                       distance or obj.distance, label or callable_name(obj))
    if not callable(obj):
        raise InvalidParameterError(f"system {label or repr(obj)} is not callable (got {type(obj).__name__})",
                                    argument="system")
    name = label or callable_name(obj)
    if kind is None:
        raise InvalidParameterError(f"system '{name}' is a plain callable: pass kind='classifier' or kind='matcher'",
                                    argument="kind")
    if kind == "classifier":
        return Classifier(obj, 0.5 if threshold is None else float(threshold), name)
    thr = threshold if threshold is not None else getattr(obj, "threshold", None)
    if thr is None:
        raise InvalidParameterError(f"matcher '{name}' needs a threshold (argument 'threshold', CLI --threshold, "
                                    "or a 'threshold' attribute on the function)", argument="threshold")
    return Matcher(obj, thr, distance or getattr(obj, "distance", None), name)



def same_label(decision: Any, label: Any) -> bool:
    """Whether a classifier's decision names ``label`` (compared as trimmed, case-insensitive text)."""
    return str(decision).strip().lower() == str(label).strip().lower()


__all__ = ["KINDS", "Classifier", "Matcher", "SystemOutputError", "callable_name", "default_distance", "load_system",
           "same_label"]
