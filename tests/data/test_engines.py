from __future__ import annotations

import sys

import pytest

from multiaug.core.errors import InvalidParameterError, UnsupportedInputError
from multiaug.data.engines import DaskEngine, LocalEngine, make_engine


def _square(x: int) -> int:
    return x * x


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_yields_every_result(workers: int) -> None:
    assert sorted(LocalEngine(workers, max_pending=1).map_unordered(_square, range(7))) == [x * x for x in range(7)]


def test_closing_the_generator_stops_the_pool() -> None:
    eng = LocalEngine(2)
    gen = eng.map_unordered(_square, range(50))
    first = next(gen)
    gen.close()
    assert first in {x * x for x in range(50)} and eng._pool is None


@pytest.mark.parametrize("kwargs, argument", [
    ({"workers": 0}, "workers"), ({"workers": True}, "workers"), ({"start_method": "teleport"}, "start_method"),
    ({"max_pending": 0}, "max_pending"),
])
def test_local_engine_argument_errors(kwargs, argument) -> None:
    with pytest.raises(InvalidParameterError) as info:
        LocalEngine(**kwargs)
    assert info.value.argument == argument


def test_make_engine() -> None:
    eng = LocalEngine(1)
    assert make_engine(eng) is eng
    assert make_engine("local", 3).workers == 3
    with pytest.raises(InvalidParameterError):
        make_engine("ray")


def test_dask_engine_without_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(UnsupportedInputError, match=r"multiaug\[dask\]"):
        DaskEngine()
