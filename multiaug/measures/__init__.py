"""Measures shared by near-duplicate rejection and validation (:mod:`multiaug.data`), the robustness measures and
reference systems (:mod:`multiaug.robustness`) and the proxy features (:mod:`multiaug.evaluate`): one of each.

* :mod:`~multiaug.measures.phash` — the DCT perceptual hash (imagehash's pHash), the difference hash, Hamming
  distance;
* :mod:`~multiaug.measures.edit_distance` — Levenshtein distance (bit-parallel) and its normalised form;
* :mod:`~multiaug.measures.spectral` — STFT framing, resampling, SNR, log-spectral distance, spectral similarity;
* :mod:`~multiaug.measures.ssim` — structural similarity (Wang et al. 2004);
* :mod:`~multiaug.measures.viewing` — images as a viewer sees them (transparency composited onto a background).
"""
