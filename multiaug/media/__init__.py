"""Media files: :mod:`~multiaug.media.extensions` (THE extension → modality table) and :mod:`~multiaug.media.io`
(THE reader and writer of whole files, used by ``data``, ``robustness``, ``evaluate``, the demo and the CLI)."""
