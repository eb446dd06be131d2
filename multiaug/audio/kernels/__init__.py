"""Pure audio kernels: functions on float ndarrays (mono ``(n,)`` or channels-first ``(channels, n)``).

No registry, metadata, output paths or targets here; randomness only from an explicit
``rng: numpy.random.Generator`` argument. Importing this package imports nothing else; each module is imported
where it is used:

* layout and length: ``channels`` (mono/2-D views, channel matching, mix-down), ``length`` (fit, loop to length);
* transforms: ``stft`` (STFT / inverse), ``vocoder`` (phase vocoder, time stretch), ``resample`` (soxr),
  ``wsola`` (tempo), ``biquad`` (RBJ sections, exact causal filtering), ``reverb`` (Freeverb network);
* effects: ``level`` (RMS, gain, limiter, loudness), ``color_noise``, ``eq``, ``distortion``, ``codecs``,
  ``time_edits``, ``room_ism`` (image-source rooms), ``spectrogram`` (mel, SpecAugment maths).
"""
