"""Exception hierarchy shared by every modality.

All validation raises one of these (never ``assert``), so checks survive ``python -O``.
"""

from __future__ import annotations


class MultiaugError(Exception):
    """Base class of every error raised by multiaug."""


class InvalidParameterError(MultiaugError, ValueError):
    """A parameter value is outside its allowed range or set of choices.

    The message names the augmentation, the argument, the allowed values and what was given.
    """

    def __init__(self, message: str, *, function: str | None = None, argument: str | None = None):
        super().__init__(message)
        self.function = function
        self.argument = argument


class UnknownArgumentError(InvalidParameterError, TypeError):
    """The call does not fit the signature: an argument the function or class does not have (e.g. ``seed=`` on a
    deterministic function), too many positional arguments, a duplicated or a missing required argument.

    Python raises ``TypeError`` for these, so this is a ``TypeError`` too (``except TypeError`` probes keep working),
    and an :class:`InvalidParameterError` naming the function and the argument. Values outside their range still
    raise plain :class:`InvalidParameterError` (a ``ValueError``).
    """


class UnsupportedInputError(MultiaugError, TypeError):
    """The media (or a parameter) has a type or shape multiaug cannot handle."""


class MediaReadError(MultiaugError, ValueError):
    """A media file could not be read or decoded; the message names the file."""


class RegistrationError(MultiaugError, TypeError):
    """An augmentation declaration is incomplete (e.g. no intensity or bbox rule)."""


class SerializationError(MultiaugError, ValueError):
    """A pipeline or record cannot be turned into JSON or rebuilt from it."""


class ReplayError(MultiaugError, ValueError):
    """A record cannot be replayed (unknown augmentation, non-replayable argument, ...)."""


class UnsupportedTargetError(InvalidParameterError):
    """An augmentation cannot move a kind of target exactly (e.g. image masks through a mixture of differently
    warped layers), so it refuses it rather than return a silently wrong result. The message names the
    augmentation, the target argument and why."""


class ResourceLimitError(InvalidParameterError):
    """A call would exceed a resource limit (output pixels, output samples, text length, kernel size).

    Raised before any work is done. The message names the argument, the computed cost and the limit, and how
    to raise the limit (``multiaug.limits(...)`` for a block of calls, ``multiaug.set_limits(...)`` process-wide;
    see docs/LIMITS.md).
    """

    def __init__(self, *, function: str, argument: str, limit_name: str, cost: float, limit: int, unit: str):
        shown = f"{cost:,.0f}" if cost < 1e15 else f"{cost:.3g}"
        super().__init__(
            f"{function}: argument '{argument}' would need {shown} {unit}, over the limit {limit_name}={limit:,}; "
            f"raise it for these calls with `with multiaug.limits({limit_name}=...):` or process-wide with "
            f"multiaug.set_limits({limit_name}=...) (None = unlimited)",
            function=function, argument=argument)
        self.limit_name = limit_name
        self.cost = cost
        self.limit = limit


class OutputPathError(MultiaugError, ValueError):
    """``output_path`` cannot be written: no known extension, a directory, a read-only file, an unwritable folder.

    Checked before any work is done; the message names the path the caller gave."""
