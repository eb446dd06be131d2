"""engine/draws.py: the uniform stream of a Generator and the choices made from it."""

from __future__ import annotations

import numpy as np

from multiaug.text.engine.draws import Draws, aug_count, choose


def test_draws_and_counts():
    d1, d2 = Draws(np.random.default_rng(3)), Draws(np.random.default_rng(3))
    assert [d1.u() for _ in range(700)] == [d2.u() for _ in range(700)]
    picked = d1.sample(list(range(100)), 10)
    assert len(set(picked)) == 10
    assert aug_count(10, 0.3, 1, 1000) == 3 and aug_count(10, 0.3, 5, 1000) == 5 and aug_count(10, 0.3, 1, 2) == 2
    assert aug_count(10, 0.0, 1, 10) == 0 and aug_count(0, 1.0, 1, 10) == 0 and aug_count(3, 1.0, 5, 10) == 3
    assert choose(d1, [1, 2, 3, 4], 2, priority=[4]) [-1] == 4


def test_draws_stream_is_the_generator_blocks_and_take_matches_u():
    d = Draws(np.random.default_rng(3))
    seq = [d.u() for _ in range(700)]  # crosses a 512-float block boundary
    ref = np.random.default_rng(3).random(1024).tolist()
    assert seq == ref[:700]
    a, b = Draws(np.random.default_rng(9)), Draws(np.random.default_rng(9))
    assert a.take(600) + [a.u()] == [b.u() for _ in range(601)]
    assert a.pick("xyz") in "xyz" and 0 <= a.below(5) < 5 and sorted(a.sample(range(10), 10)) == list(range(10))
