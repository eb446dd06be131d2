"""One generated class per entry, cached, so ``class_for(entry)`` is the same object everywhere."""

from __future__ import annotations

from .registry import _REGISTRY, Entry
from .transform import AugmentationTransform, make_class

_CLASSES: dict[tuple[str, str], type[AugmentationTransform]] = {}


def class_for(entry: Entry) -> type[AugmentationTransform]:
    cls = _CLASSES.get(entry.key)
    if cls is None:
        cls = make_class(entry, f"multiaug.{entry.modality.name}")
        _CLASSES[entry.key] = cls
    return cls


def export_classes(namespace: dict[str, object], modality: str) -> list[str]:
    """Create the class of every entry of ``modality`` in ``namespace`` (a module's globals)."""
    names = []
    for (mod, _), entry in sorted(_REGISTRY.items()):
        if mod == modality:
            cls = class_for(entry)
            namespace[cls.__name__] = cls
            names.append(cls.__name__)
    return names
