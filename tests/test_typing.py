"""A typed, discoverable API: help()/inspect.signature show public types and the modality options, the shipped stubs
are current, and mypy run on user code sees multiaug's types through py.typed."""

from __future__ import annotations

import importlib.util
import inspect
import pydoc
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import multiaug
from multiaug.core.registry import entries

ROOT = Path(__file__).resolve().parents[1]


def _gen_stubs():
    spec = importlib.util.spec_from_file_location("gen_stubs", ROOT / "scripts" / "gen_stubs.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_signatures_show_public_types_not_private_aliases() -> None:
    private = re.compile(r"(?<![\w.])_[A-Za-z]\w*")  # e.g. '_FRAC', '_FACTOR' (a leading-underscore name)
    for e in entries():
        text = str(inspect.signature(e.public))
        names = [n for n in private.findall(text)]
        assert not names, f"{e.modality.name}.{e.name}: {names} in {text}"
        assert "Annotated" not in text and "Range(" not in text, text
        hints = typing.get_type_hints(e.public)  # resolvable, unlike the declaration's string annotations
        assert "return" in hints
    crop = multiaug.get_entry("crop", "image").public
    assert typing.get_type_hints(crop)["x1"] is float
    assert str(inspect.signature(crop).parameters["x1"]) == "x1: float = 0.25"


def test_signatures_and_help_include_the_modality_options() -> None:
    import multiaug.audio as audaugs
    import multiaug.image as imaugs
    import multiaug.text as txtaugs

    for e in entries("image"):
        params = inspect.signature(e.public).parameters
        for name in ("return_bboxes", "label_fields", "drop_empty"):
            assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, (e.name, name)
        assert params["return_bboxes"].default is False and params["drop_empty"].default is True
    for e in entries("text"):
        params = inspect.signature(e.public).parameters
        assert params["return_spans"].kind is inspect.Parameter.KEYWORD_ONLY and "spans" in params
    sig = inspect.signature(imaugs.hflip)
    assert sig.bind("x.jpg", bboxes=[[0, 0, 1, 1]], bbox_format="coco", return_bboxes=True,
                    label_fields=["c"], c=["cat"])  # the albumentations-style label lists bind too
    assert "PIL.Image.Image" in str(sig.return_annotation) and "tuple" in str(sig.return_annotation)
    assert inspect.signature(audaugs.change_volume).return_annotation == tuple[__import__("numpy").ndarray, int]
    doc = pydoc.render_doc(imaugs.blur, renderer=pydoc.plaintext)
    assert "return_bboxes: bool = False" in doc and "drop_empty:" in doc and "radius: float = 2.0" in doc
    assert "return_spans" in pydoc.render_doc(txtaugs.change_case, renderer=pydoc.plaintext)
    # the docstring stays one consistently indented block (inspect.getdoc strips it evenly)
    assert "\n    return_bboxes: also return" in inspect.getdoc(imaugs.blur)
    # positional order (AugLy's contract) and defaults are those of the declaration
    declared = multiaug.get_entry("blur", "image").call_signature  # the declaration + the inserted reserved ones
    assert [p.name for p in sig.parameters.values()][:5] == [p.name for p in inspect.signature(imaugs.hflip)
                                                          .parameters.values()][:5]
    assert list(inspect.signature(imaugs.blur).parameters)[:len(declared.parameters)] == list(declared.parameters)
    assert list(declared.parameters) == ["image", "output_path", "radius", "metadata", "bboxes", "bbox_format"]


def test_type_stubs_are_current() -> None:
    gen = _gen_stubs()
    for modality in gen.MODALITIES:
        path = gen.stub_path(modality)
        assert path.is_file(), f"missing {path}: run python scripts/gen_stubs.py"
        assert path.read_text(encoding="utf-8") == gen.stub_text(modality), (
            f"{path.relative_to(ROOT)} is out of date: run python scripts/gen_stubs.py")
    assert (ROOT / "multiaug" / "py.typed").is_file()


USER_CODE = '''\
import numpy as np
from PIL import Image

import multiaug
import multiaug.audio as audaugs
import multiaug.image as imaugs
import multiaug.text as txtaugs
from multiaug.data import AugmentedDataset

img = Image.new("RGB", (8, 8))
reveal_type(imaugs.blur(img, radius=2.0))
reveal_type(imaugs.hflip(np.zeros((4, 4, 3), np.uint8)))
reveal_type(imaugs.crop("photo.jpg", x1=0.1))
reveal_type(imaugs.hflip(img, bboxes=[[0, 0, 1, 1, "cat"]], bbox_format="pascal_voc", return_bboxes=True))
reveal_type(imaugs.hflip(img, bboxes=[[0, 0, 1, 1]], bbox_format="coco", return_bboxes=True, label_fields=["c"], c=[1]))
reveal_type(txtaugs.change_case("Hello"))
reveal_type(txtaugs.change_case(["a", "b"]))
reveal_type(audaugs.change_volume(np.zeros(10, np.float32), sample_rate=16000, volume_db=3.0))
reveal_type(multiaug.Tracker())
reveal_type(multiaug.Compose([imaugs.HFlip(p=0.5), imaugs.Blur(radius=(1.0, 2.0))]))
reveal_type(AugmentedDataset)
imaugs.blur(img, radius="big")
imaugs.blur(img, radus=2.0)
imaugs.hflip(img, bbox_format="voc")
txtaugs.change_case(3)
'''


def test_mypy_sees_multiaug_types_in_user_code(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the [test] extra")
    (tmp_path / "user_code.py").write_text(USER_CODE, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path / ".mc"),
                          "--hide-error-context", "--no-error-summary", "user_code.py"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=600)
    lines = [ln for ln in out.stdout.splitlines() if not ln.startswith("user_code.py") or "note:     " not in ln]
    revealed = {int(ln.split(":")[1]): ln.split('Revealed type is "', 1)[1].rstrip('"') for ln in lines
                if "Revealed type is" in ln}
    errors = {int(ln.split(":")[1]): ln for ln in lines if ": error:" in ln}
    assert revealed[11] == "PIL.Image.Image"
    assert revealed[12].startswith("numpy.ndarray")
    assert revealed[13] == "PIL.Image.Image"  # a path in, a PIL image out
    assert revealed[14] == "tuple[PIL.Image.Image, builtins.list[Any]]" or revealed[14] == \
        "tuple[PIL.Image.Image, list[Any]]"
    assert revealed[15].endswith("dict[str, list[Any]]]") or revealed[15].endswith("builtins.list[Any]]]")
    assert revealed[16] == "str" or revealed[16] == "builtins.str"
    assert "list[" in revealed[17]
    assert revealed[18].startswith("tuple[numpy.ndarray") and revealed[18].endswith(", int]")
    assert revealed[19] == "multiaug.core.tracker.Tracker"
    assert revealed[20] == "multiaug.core.compose.Compose"
    assert "AugmentedDataset" in revealed[21]
    assert sorted(errors) == [22, 23, 24, 25], out.stdout  # exactly the four wrong calls, nothing else
    assert "py.typed" not in out.stdout


def test_tabular_signatures_name_the_dataframe_and_pandas_still_loads_lazily() -> None:
    code = (
        "import sys, typing, os, numpy as np, multiaug.tabular as t\n"
        "assert 'pandas' not in sys.modules\n"
        "import inspect; assert str(inspect.signature(t.smote).parameters['table']) == \"table: 'pandas.DataFrame'\"\n"
        "h = typing.get_type_hints(t.smote)\n"
        "import pandas\n"
        "assert h['table'] is pandas.DataFrame and h['return'] is pandas.DataFrame, h\n"
        "assert h['seed'] == int | np.random.Generator | None, h['seed']\n"
        "assert h['output_path'] == str | os.PathLike[str] | None, h['output_path']\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
