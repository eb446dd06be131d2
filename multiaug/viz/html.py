"""The ``HTML`` container the display helpers return."""

from __future__ import annotations


class HTML:
    """A tiny HTML container with ``_repr_html_`` (Jupyter, VS Code and exported notebooks render it; no IPython
    dependency). ``str()`` gives the markup."""

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __str__(self) -> str:
        return self.body


__all__ = ["HTML"]
