"""Tabular augmentations declared with the registry's ``@augmentation`` (DataFrame in → DataFrame out).

Importing this package registers them; ``multiaug.tabular`` exports the functions and their classes.
"""

from __future__ import annotations

from . import synthetic  # noqa: F401  (registers smote, jitter, category_swap)
