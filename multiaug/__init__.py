"""multiaug — multimodal data augmentation (image, text, audio), AugLy-compatible and replayable.

``import multiaug`` is cheap: the modality subpackages (``multiaug.image``, ``multiaug.text``,
``multiaug.audio``) and the core load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time these names load on first use (__getattr__)
    from . import assets, audio, cli, core, data, evaluate, image, notebook, robustness, tabular, text, utils
    from .core import (
        Choice,
        Compose,
        InvalidParameterError,
        MediaReadError,
        MultiaugError,
        OneOf,
        Pool,
        RandomApply,
        RegistrationError,
        ReplayError,
        SerializationError,
        SomeOf,
        Tracker,
        Uniform,
        UnknownArgumentError,
        UnsupportedInputError,
        UnsupportedTargetError,
        catalogue,
        derive_seed,
        entries,
        get_entry,
        load_pipeline,
        pipeline_from_dict,
        pipeline_to_dict,
        pipeline_to_json,
        describe_pools,
        register_function,
        register_pool,
        replay,
        save_pipeline,
    )
    from .data import expand

_CORE_NAMES = {
    "Tracker", "replay", "catalogue", "Compose", "OneOf", "SomeOf", "RandomApply", "Uniform", "Choice", "Pool",
    "load_pipeline", "save_pipeline", "pipeline_to_dict", "pipeline_from_dict", "pipeline_to_json",
    "register_function", "register_pool", "describe_pools", "derive_seed", "get_entry", "entries",
    "MultiaugError", "InvalidParameterError", "UnsupportedInputError", "MediaReadError", "RegistrationError",
    "SerializationError", "ReplayError", "UnknownArgumentError", "UnsupportedTargetError", "ResourceLimitError",
    "OutputPathError", "limits", "set_limits", "get_limits", "Limits",
}
_SUBMODULES = {"image", "text", "audio", "tabular", "core", "cli", "assets", "data", "robustness", "notebook",
               "evaluate", "utils"}

__all__ = sorted(_CORE_NAMES | _SUBMODULES | {"__version__", "expand"})


def __getattr__(name: str) -> Any:
    if name == "expand":
        from .data import expand  # lazy: PEP 562 namespace: multiaug.expand loads data/ on first use

        return expand
    if name in _SUBMODULES:
        return importlib.import_module(f"multiaug.{name}")
    if name in _CORE_NAMES:
        core = importlib.import_module("multiaug.core")
        value = getattr(core, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'multiaug' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
