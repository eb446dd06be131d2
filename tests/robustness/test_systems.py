"""Loading systems under test, type checks, and the reference adapters."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.core.errors import InvalidParameterError
from multiaug.robustness import Classifier, Matcher, SystemOutputError, adapters, default_distance, load_system

from ._fixtures import ROOT, small_photos


def test_load_from_module_function_string():
    m = load_system("multiaug.robustness.adapters:phash")
    assert isinstance(m, Matcher) and m.threshold == 10
    c = load_system("multiaug.robustness.adapters:keyword_filter", "classifier")
    assert c("you badword") == {"decision": "flagged", "score": None}
    with pytest.raises(InvalidParameterError, match="is a matcher"):
        load_system("multiaug.robustness.adapters:phash", "classifier")
    with pytest.raises(InvalidParameterError, match="no attribute"):
        load_system("multiaug.robustness.adapters:nope")
    with pytest.raises(InvalidParameterError, match="cannot import"):
        load_system("no_such_module_xyz:f", "classifier")
    with pytest.raises(InvalidParameterError, match="module:function"):
        load_system("justaname", "classifier")


def test_load_from_a_python_file(tmp_path):
    f = tmp_path / "my_system.py"
    f.write_text("import numpy as np\n"
                 "def fp(img):\n    return np.asarray(img.convert('L')).mean(axis=0) > 100\n"
                 "fp.threshold = 4\n")
    m = load_system(f"{f}:fp", "matcher")
    assert isinstance(m, Matcher) and m.threshold == 4.0 and m.name.endswith(":fp")
    with pytest.raises(InvalidParameterError, match="threshold"):
        load_system(lambda im: 1, "matcher")


def test_plain_callables_need_a_kind():
    with pytest.raises(InvalidParameterError, match="kind"):
        load_system(lambda t: "ok")
    with pytest.raises(InvalidParameterError, match="kind"):
        load_system(lambda t: "ok", "regressor")


def test_classifier_output_checks():
    c = Classifier(lambda x: x, threshold=0.3, name="ident")
    assert c(True) == {"decision": True, "score": None}
    assert c(np.int64(3)) == {"decision": 3, "score": None}
    assert c(0.4) == {"decision": True, "score": 0.4}
    assert c(np.float32(0.2))["decision"] is False
    for bad in (None, [1], {"a": 1}, float("nan")):
        with pytest.raises(SystemOutputError, match="ident"):
            c(bad)


def test_default_distance_kinds():
    assert default_distance(0b1011, 0b0001) == 2
    assert default_distance(b"\x0f", b"\x00") == 4
    assert default_distance("ff", "0f") == 4
    assert default_distance(np.array([1, 0, 1]), np.array([0, 0, 1])) == 1
    assert default_distance(np.array([0.5, 2.0]), np.array([0.5, 0.0])) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        default_distance(np.zeros(3, bool), np.zeros(4, bool))


def test_reference_image_adapters():
    img = small_photos()[1]
    flipped = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    assert adapters.histogram.compare(adapters.histogram(img), adapters.histogram(flipped)) == 0.0
    assert adapters.phash.compare(adapters.phash(img), adapters.phash(flipped)) > adapters.phash.threshold
    other = small_photos()[2]
    assert adapters.phash.compare(adapters.phash(img), adapters.phash(other)) > adapters.phash.threshold


def test_pdq_adapter_when_installed():
    if not adapters.pdq_available():
        with pytest.raises(ImportError, match="pdqhash"):
            adapters.pdq(small_photos()[0])
        return
    img = Image.open(ROOT / "assets/image/samples/coffee.jpg")
    fp = adapters.pdq(img)
    assert fp.shape == (256,) and fp.dtype == bool
    import io

    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=80)
    again = Image.open(io.BytesIO(buf.getvalue()))
    assert adapters.pdq.compare(fp, adapters.pdq(again)) <= adapters.pdq.threshold
    assert adapters.pdq.compare(fp, adapters.pdq(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT))) > 31


def test_keyword_filter():
    f = adapters.KeywordFilter(["spam"], case_sensitive=True)
    assert f("buy spam now") == "flagged" and f("buy SPAM now") == "ok" and f("spammer") == "ok"
    assert adapters.keyword_filter("What an IDIOT")["decision"] == "flagged"
    assert adapters.keyword_filter("What an id\u200biot")["decision"] == "ok"
    with pytest.raises(InvalidParameterError):
        adapters.KeywordFilter([])


def test_audio_fingerprint_matches_noisy_and_clipped_copies_not_other_clips():
    import soundfile as sf

    x, sr = sf.read(ROOT / "assets/audio/samples/speech_sample.flac", dtype="float32")
    y, sr2 = sf.read(ROOT / "assets/audio/samples/music_sample.flac", dtype="float32")
    m = adapters.audio_fingerprint_matcher
    fx = m((x, sr))
    assert fx.dtype == bool and fx.shape[1] == 16
    noisy = (x + np.random.default_rng(0).normal(0, 0.005, x.shape)).astype(np.float32)
    assert m.compare(fx, m((noisy, sr))) <= m.threshold
    assert m.compare(fx, m((x[len(x) // 3:], sr))) <= m.threshold  # a clip is found inside the original
    assert m.compare(fx, m((y.T, sr2))) > m.threshold
