"""Column-name normalisation and similarity (pure functions on strings).

``customerID``, ``customer_id``, ``Customer ID``, ``CUSTOMER-ID``, ``CustID`` and ``Cust. No.`` all normalise to
the tokens ``("customer", "id")``: camel/Pascal humps and acronyms are split, accents stripped, case folded
(``ß`` → ``ss``), separators dropped and common abbreviations expanded (:data:`ABBREVIATIONS`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .._deps import rapidfuzz

#: abbreviation → canonical token, applied to whole tokens after splitting (facts of common data dictionaries)
ABBREVIATIONS: dict[str, str] = {
    "cust": "customer", "cus": "customer", "clnt": "client", "acct": "account", "acc": "account",
    "addr": "address", "amt": "amount", "qty": "quantity", "num": "number", "no": "number", "nbr": "number",
    "nr": "number", "nro": "number", "tel": "phone", "ph": "phone", "telephone": "phone", "mob": "mobile",
    "dob": "birthdate", "yr": "year", "yrs": "years", "mo": "month", "mos": "months", "mth": "month",
    "mths": "months", "dt": "date", "desc": "description", "cat": "category", "pct": "percent", "perc": "percent",
    "avg": "average", "tot": "total", "ttl": "total", "org": "organization", "organisation": "organization",
    "dept": "department", "emp": "employee", "mgr": "manager", "prod": "product", "svc": "service",
    "srv": "service", "chg": "charge", "chrg": "charge", "chrgs": "charges", "pmt": "payment", "pymt": "payment",
    "mthly": "monthly", "mnthly": "monthly", "sr": "senior", "snr": "senior", "ctry": "country",
    "cntry": "country", "st": "state", "zip": "postcode", "zipcode": "postcode", "postal": "postcode",
    "identifier": "id", "ident": "id", "ref": "reference", "gndr": "gender", "sex": "gender",
    "mail": "email",
}

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """Canonical tokens of a column name.

    Splits on anything that is not a letter or digit and on camel-case humps (``customerID`` → customer, id;
    ``XMLHttpID`` → xml, http, id), strips accents, case-folds and expands :data:`ABBREVIATIONS`.
    Trailing ``s`` plurals are kept (``charges`` ≠ ``charge`` is a real difference in some tables).

    Args:
        name: the column name (any string; numbers are converted with ``str``).
    """
    text = _strip_accents(str(name).replace("ß", "ss").replace("ẞ", "SS"))
    tokens: list[str] = []
    for chunk in re.split(r"[\W_]+", text):
        # camel humps are an ASCII convention; other scripts keep the whole chunk (case-folded)
        parts = _CAMEL.findall(chunk) if chunk.isascii() else [chunk]
        for part in parts:
            low = part.casefold()
            tokens.extend(ABBREVIATIONS.get(low, low).split())
    # "CustID" splits into cust + id; "Custid" stays whole: split a trailing id/no/num glued to a known prefix
    out: list[str] = []
    for tok in tokens:
        m = re.fullmatch(r"([a-z]{3,})(id|no|num|nbr)", tok)
        if m and m.group(1) in ABBREVIATIONS or (m and m.group(1) in _KNOWN_HEADS):
            head, tail = m.group(1), m.group(2)
            out.extend([ABBREVIATIONS.get(head, head), ABBREVIATIONS.get(tail, tail)])
        else:
            out.append(tok)
    return tuple(out)


_KNOWN_HEADS = frozenset(set(ABBREVIATIONS.values()) | {"user", "order", "invoice", "product", "item", "contract"})


def normalise_name(name: str) -> str:
    """The canonical spelling of a column name: its :func:`name_tokens` joined with ``_``."""
    return "_".join(name_tokens(name))


def name_similarity(a: str, b: str) -> float:
    """Similarity of two column names in [0, 1].

    1.0 when the canonical tokens are equal; otherwise the best of the token-set ratio (order-free) and the edit
    ratio of the concatenated tokens (catches ``custid`` vs ``customerid``), from rapidfuzz, divided by 100.
    """

    ta, tb = name_tokens(a), name_tokens(b)
    if ta == tb:
        return 1.0
    if not ta or not tb:
        return 0.0
    fuzz = rapidfuzz().fuzz
    token_set = fuzz.token_set_ratio(" ".join(ta), " ".join(tb))
    if set(ta) < set(tb) or set(tb) < set(ta):
        # a strict subset ("id" vs "customer id") is evidence, not identity
        token_set = min(token_set, 80.0)
    joined = fuzz.ratio("".join(ta), "".join(tb))
    return round(max(token_set, joined) / 100.0, 4)


__all__ = ["ABBREVIATIONS", "name_similarity", "name_tokens", "normalise_name"]
