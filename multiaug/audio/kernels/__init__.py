"""Pure audio kernels: functions on float ndarrays (mono ``(n,)`` or channels-first ``(channels, n)``).

No registry, metadata, output paths or targets here; randomness only from an explicit
``rng: numpy.random.Generator`` argument. Importing this package imports nothing else: each family module
(``level``, ``color_noise``, ``eq``, ``distortion``, ``codecs``, ``time_edits``, ``room_ism``,
``spectrogram``) is imported where it is used.
"""
