"""Shipped audio assets and how to reach them: background noises, speech and room impulse responses
(``shipped``: the index, each file as float32 at a requested rate, a seeded pick).

The files themselves live in ``assets/audio`` (listed in ``assets/audio/index.json``, licences in
``assets/LICENSES.md``).
"""
