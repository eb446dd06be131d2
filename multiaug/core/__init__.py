"""Modality-agnostic core: registry, parameters, seeds, records, tracker, classes, composition."""

from .classes import class_for, export_classes
from .compose import Compose, OneOf, RandomApply, SomeOf
from .errors import (
    InvalidParameterError,
    MediaReadError,
    MultiaugError,
    OutputPathError,
    RegistrationError,
    ReplayError,
    ResourceLimitError,
    SerializationError,
    UnknownArgumentError,
    UnsupportedInputError,
    UnsupportedTargetError,
)
from .functions import register_function
from .limits import Limits, get_limits, limits, set_limits
from .pools import describe_pools, pool_values, register_pool
from .pipeline import load_pipeline, pipeline_from_dict, pipeline_to_dict, pipeline_to_json, save_pipeline
from .registry import Entry, Modality, Out, augmentation, catalogue, entries, get_entry
from .seeds import derive_seed, resolve_seed
from .spec import Check, Range, Unit
from .tracker import Tracker, augly_view, replay
from .transform import AugmentationTransform, BaseTransform, make_range_class
from .values import Choice, Pool, Uniform

__all__ = [
    "AugmentationTransform", "BaseTransform", "Check", "Choice", "Compose", "Entry", "InvalidParameterError",
    "Limits", "MediaReadError", "Modality", "MultiaugError", "OneOf", "Out", "OutputPathError", "Pool", "RandomApply",
    "Range", "RegistrationError", "ReplayError", "ResourceLimitError", "SerializationError", "SomeOf", "Tracker",
    "Uniform", "UnknownArgumentError", "Unit", "UnsupportedInputError", "UnsupportedTargetError",
    "augly_view", "augmentation", "catalogue", "class_for", "derive_seed", "entries", "export_classes",
    "get_entry", "get_limits", "limits", "load_pipeline", "make_range_class", "pipeline_from_dict",
    "pipeline_to_dict", "pipeline_to_json", "describe_pools", "pool_values", "register_function", "register_pool",
    "replay", "resolve_seed", "save_pipeline", "set_limits",
]
