"""Display helpers: HTML that shows media and their changes, with no dependency beyond multiaug's own (matplotlib only
for spectrogram figures, from the ``[notebooks]`` extra).

* :mod:`~multiaug.viz.html` — the ``HTML`` container (``_repr_html_``, no IPython needed);
* :mod:`~multiaug.viz.images` — image thumbnails as data URIs (with boxes), grids, before/after;
* :mod:`~multiaug.viz.text_diff` — THE character diff of two texts as HTML (invisible characters made visible);
* :mod:`~multiaug.viz.audio` — THE WAV encoder of displayed audio, players, waveform/spectrogram figures.

Used by :mod:`multiaug.notebook` (the public notebook façade), the robustness report and the gallery builder.
"""
