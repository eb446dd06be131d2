"""Shipped image assets and how to reach them: AugLy-compatible path constants (``constants``), fonts with
per-character fallback (``fonts``), emoji lookup and cached emoji images (``emoji``).

The files themselves live in ``assets/image`` (licences in ``assets/LICENSES.md``).
"""
