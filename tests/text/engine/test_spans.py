"""engine/spans.py: user spans keep covering the same units through the edits."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from multiaug.text.engine.spans import realign_spans
from multiaug.text.engine.splice import apply_edits

from .edit_cases import doc_with_edits


def test_span_edges():
    text = "one two three"
    new, recs = apply_edits(text, [(3, 3, "++", "ins"), (4, 7, "TWO!", "rep"), (7, 7, "--", "ins")])
    assert new == "one++ TWO!-- three"
    # span over "two" keeps covering the edited word, not the insertions at its edges
    assert realign_spans([(4, 7, "w")], recs) == [(6, 10, "w")]
    # a span whose end falls inside an edit is pulled out to the edit's end
    new2, recs2 = apply_edits(text, [(2, 6, "E-T", "x")])
    (s, e, _), = realign_spans([(0, 3, "a")], recs2)
    assert new2[s:e] == "onE-T"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_with_edits())
def test_spans_cover_the_same_words(case):
    text, words, edits, (i, j) = case
    new, recs = apply_edits(text, edits)
    s, e = words[i][0], words[j][1]
    (ns, ne, label), = realign_spans([(s, e, "ENT")], recs)
    assert label == "ENT"
    # expected: the region's own text with the edits that fall inside it (insertions at the edges stay out)
    inner = [ed for ed in edits if s <= ed[0] and ed[1] <= e and not (ed[0] == ed[1] and ed[0] in (s, e))]
    expected, _ = apply_edits(text, inner)
    expected = expected[s:len(expected) - (len(text) - e)]
    assert new[ns:ne] == expected
