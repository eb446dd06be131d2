"""The robustness report: aggregation, ``report.json``, ``results.csv`` and a self-contained ``report.html``.

The HTML has no scripts and no external resources: plots are inline SVG, thumbnails are base64 PNG, audio is
base64 WAV, text changes are shown as character diffs with invisible characters made visible. Every worst-case
example carries its full multiaug record: ``multiaug.replay(example["record"], original)`` rebuilds the augmented
item exactly (the run checks this and stores ``replay_verified``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .._version import __version__
from ..core.io import atomic_write_bytes
from ..measures.viewing import WHITE, flatten
from ..viz.audio import wav_base64
from ..viz.images import png_base64
from ..viz.text_diff import text_diff_html, visible
from .charts import svg_panels
from .metrics import DESCRIPTIONS, PRIMARY
from .systems import Classifier, same_label


def _mean(values: list[float]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 6) if vals else None


def _quantile(values: list[float], q: float) -> float | None:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    return round(float(np.quantile(np.asarray(vals), q)), 6)


class RobustnessReport:
    """Result of :func:`~multiaug.robustness.run_robustness`.

    Attributes:
        data: the JSON report (``report.json``): run facts, per-transform/level summary, errors, worst cases.
        rows: one dict per (item, transform, level) (``results.csv``).
        examples: the worst cases (also in ``data["examples"]``), each with its replayable ``record``.
        media: ``(key, transform, level) -> (before, after)`` media of the examples, for display.
    """

    def __init__(self, data: dict[str, Any], rows: list[dict[str, Any]]):
        self.data = data
        self.rows = rows
        self.media: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    @property
    def examples(self) -> list[dict[str, Any]]:
        return self.data["examples"]

    @property
    def metric(self) -> str:
        """The headline metric: ``"flip_rate"`` (classifier) or ``"recall"`` (matcher)."""
        return self.data["metric"]

    # --- views ------------------------------------------------------------------------------------
    def table(self) -> list[dict[str, Any]]:
        """One row per (transform, level): the headline metric, accuracy, measured size, intensity, errors."""
        out = []
        primary = self.data["primary_measure"]
        for t in self.data["summary"]:
            for lv in t["levels"]:
                row = {"transform": t["transform"], "level": lv["level"], "label": lv["label"],
                       self.metric: lv.get(self.metric)}
                for dec, rate in (lv.get("flip_rate_by_original") or {}).items():
                    row[f"flip_rate({dec})"] = rate
                if self.data["has_labels"] and self.metric == "flip_rate":
                    row["accuracy"] = lv.get("accuracy")
                if self.metric == "recall":
                    row["median_distance"] = (lv.get("distance") or {}).get("median")
                row.update({primary: (lv["measured_mean"] or {}).get(primary), "intensity": lv["intensity_mean"],
                            "n": lv["n"], "errors": lv["errors"]})
                out.append(row)
        return out

    def to_markdown(self) -> str:
        """The summary table as Markdown (one line per transform, one column per level)."""
        metric = self.metric
        width = max((len(t["levels"]) for t in self.data["summary"]), default=0)
        head = "| transform | " + " | ".join(f"level {i + 1}" for i in range(width)) + " |"
        lines = [head, "|" + "---|" * (width + 1)]
        for t in self.data["summary"]:
            cells = [f"{lv['label']}: **{_fmt(lv.get(metric))}**" for lv in t["levels"]]
            cells += [""] * (width - len(cells))
            lines.append(f"| {t['transform']} | " + " | ".join(cells) + " |")
        lines += [f"\n{note}" for note in self.data.get("notes", [])]
        return "\n".join(lines)

    def __str__(self) -> str:
        rows = self.table()
        if not rows:
            return "RobustnessReport (empty)"
        cols = list(rows[0])
        cells = [[_fmt(r[c]) for c in cols] for r in rows]
        widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths))]
        lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in cells]
        lines += [f"note: {note}" for note in self.data.get("notes", [])]
        return "\n".join(lines)

    def to_json(self, indent: int | None = 2) -> str:
        """``report.json`` text (deterministic: sorted keys, no timings)."""
        return json.dumps(self.data, indent=indent, ensure_ascii=False, sort_keys=True)

    def to_csv(self) -> str:
        """``results.csv`` text: one line per (item, transform, level)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        for line in iter_rows_csv(self.rows, self.data["measures"]):
            w.writerow(["" if v is None else v for v in line])
        return buf.getvalue()

    def save(self, out: str | os.PathLike[str]) -> dict[str, Path]:
        """Write ``report.json``, ``results.csv`` and ``report.html`` into folder ``out``; returns their paths."""
        d = Path(out)
        d.mkdir(parents=True, exist_ok=True)
        paths = {"json": d / "report.json", "csv": d / "results.csv", "html": d / "report.html"}
        atomic_write_bytes(paths["json"], (self.to_json() + "\n").encode("utf-8"))
        atomic_write_bytes(paths["csv"], self.to_csv().encode("utf-8"))
        atomic_write_bytes(paths["html"], self.to_html().encode("utf-8"))
        return paths

    def to_html(self) -> str:
        """A complete, self-contained HTML page."""
        title = html.escape(f"multiaug robustness — {self.data['system']['name']} × {self.data['suite']['name']}")
        return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
                f"<body>{self._body()}</body></html>\n")

    def _repr_html_(self) -> str:
        return self._body()

    # --- HTML ---------------------------------------------------------------------------------------
    def _body(self) -> str:
        d = self.data
        metric = self.metric
        primary = d["primary_measure"]
        sysd = d["system"]
        parts = [_CSS, "<div class='ma-rob'>",
                 f"<h2>Robustness: {html.escape(sysd['name'])} ({sysd['kind']}) × suite "
                 f"‘{html.escape(d['suite']['name'])}’</h2>",
                 f"<p>{d['n_items']} {d['modality']} items × {d['n_variants']} transform levels = {d['n_tasks']} "
                 f"augmented items; seed {d['seed']}; threshold {sysd.get('threshold')}; "
                 f"{len(d['errors'])} errors. Headline metric: <b>{metric.replace('_', ' ')}</b>"
                 f"{' (share of items whose decision changed)' if metric == 'flip_rate' else ' (share of augmented items still matched to their original)'}. "
                 f"Measured perturbation: <b>{html.escape(DESCRIPTIONS.get(primary, primary))}</b>.</p>"]
        if d["baseline"]:
            parts.append(f"<p>On the originals: {html.escape(json.dumps(d['baseline'], ensure_ascii=False))}</p>")
        for note in d.get("notes", []):
            parts.append(f"<p class='ma-warn'>{html.escape(note)}</p>")
        if d.get("background") is not None:
            bg = d["background"]
            parts.append(f"<p class='ma-note'>Transparent images are compared as seen on "
                         f"rgb({bg[0]}, {bg[1]}, {bg[2]}) (measures and thumbnails).</p>")
        if d["suite"].get("skipped"):
            parts.append(f"<p class='ma-warn'>Skipped (not registered): {html.escape(', '.join(d['suite']['skipped']))}</p>")
        by_level = [(t["transform"], [(lv["level"], lv.get(metric)) for lv in t["levels"]]) for t in d["summary"]]
        by_size = [(t["transform"], [((lv["measured_mean"] or {}).get(primary), lv.get(metric)) for lv in t["levels"]])
                   for t in d["summary"]]
        name = metric.replace("_", " ")
        parts.append(f"<h3>{name.capitalize()} by severity level</h3>")
        parts.append(svg_panels(by_level, "severity level (1 = mildest)", name, integer_x=True))
        parts.append(f"<h3>{name.capitalize()} by measured change</h3>")
        parts.append(svg_panels(by_size, f"mean {primary.replace('_', ' ')} per level", name))
        parts.append(self._summary_table())
        parts.append(self._examples_html())
        if d["errors"]:
            rows = "".join(f"<tr><td>{html.escape(str(e.get('key')))}</td><td>{html.escape(str(e.get('transform', '')))}"
                           f"</td><td>{'' if e.get('level') is None else e['level']}</td>"
                           f"<td>{html.escape(str(e.get('error')))}</td></tr>" for e in d["errors"][:200])
            more = f"<p>… {len(d['errors']) - 200} more in report.json</p>" if len(d["errors"]) > 200 else ""
            parts.append(f"<h3>Errors</h3><table><tr><th>item</th><th>transform</th><th>level</th><th>error</th></tr>"
                         f"{rows}</table>{more}")
        parts.append("<p class='ma-note'>Replay any example: <code>multiaug.replay(example['record'], original)"
                     "</code> (audio: add <code>sample_rate=</code>). Per-item results: results.csv.</p></div>")
        return "".join(parts)

    def _summary_table(self) -> str:
        d = self.data
        metric = self.metric
        primary = d["primary_measure"]
        extra = "accuracy" if d["has_labels"] and metric == "flip_rate" else None
        decisions = sorted({k for t in d["summary"] for lv in t["levels"] for k in (lv.get("flip_rate_by_original")
                                                                                      or {})})
        head = (f"<tr><th>transform</th><th>level</th><th>parameters</th><th>{metric.replace('_', ' ')}</th>"
                + "".join(f"<th>flip rate of items first {html.escape(k)}</th>" for k in decisions)
                + ("<th>accuracy</th>" if extra else "")
                + ("<th>median distance</th>" if metric == "recall" else "")
                + f"<th>mean {primary.replace('_', ' ')}</th><th>mean intensity</th><th>n</th><th>errors</th></tr>")
        body = []
        for t in d["summary"]:
            for lv in t["levels"]:
                val = lv.get(metric)
                shade = _shade(val if metric == "recall" else (None if val is None else 1 - val))
                body.append(
                    f"<tr><td>{html.escape(t['transform'])}</td><td>{lv['level']}: {html.escape(lv['label'])}</td>"
                    f"<td><code>{html.escape(json.dumps(lv['params'], ensure_ascii=False))}</code></td>"
                    f"<td style='background:{shade}'>{_fmt(val)}</td>"
                    + "".join(f"<td>{_fmt((lv.get('flip_rate_by_original') or {}).get(k))}</td>" for k in decisions)
                    + (f"<td>{_fmt(lv.get('accuracy'))}</td>" if extra else "")
                    + (f"<td>{_fmt((lv.get('distance') or {}).get('median'))}</td>" if metric == "recall" else "")
                    + f"<td>{_fmt((lv['measured_mean'] or {}).get(primary))}</td><td>{_fmt(lv['intensity_mean'])}</td>"
                    f"<td>{lv['n']}</td><td>{lv['errors']}</td></tr>")
        return f"<h3>Per transform and level</h3><div class='ma-table'><table>{head}{''.join(body)}</table></div>"

    def _examples_html(self) -> str:
        if not self.examples:
            return "<h3>Worst cases</h3><p>None: no decision changed / no match was lost.</p>"
        modality = self.data["modality"]
        cards = []
        for ex in self.examples:
            media = self.media.get((ex["key"], ex["transform"], ex["level"]))
            if ex.get("distance") is not None:
                outcome = f"distance {_fmt(ex['distance'])} → {'matched' if ex.get('matched') else 'MISSED'}"
            else:
                outcome = (f"{html.escape(str(ex.get('original_decision')))} → "
                           f"{html.escape(str(ex.get('decision')))}")
            measured = ", ".join(f"{k} {_fmt(v)}" for k, v in (ex.get("measured") or {}).items())
            view = ("<p>(media not attached)</p>" if media is None
                    else _media_html(modality, *media, background=self.data.get("background") or WHITE))
            rec = html.escape(json.dumps(ex["record"], ensure_ascii=False, sort_keys=True))
            cards.append(
                f"<div class='ma-card'><div><b>{html.escape(ex['transform'])}</b> level {ex['level']} "
                f"({html.escape(ex['level_label'])}) · item <code>{html.escape(str(ex['key']))}</code></div>"
                f"<div>{outcome}; {html.escape(measured)}; replay verified: {ex.get('replay_verified')}</div>"
                f"{view}<details><summary>record (replayable)</summary><pre>{rec}</pre></details></div>")
        return "<h3>Worst cases</h3><div class='ma-cards'>" + "".join(cards) + "</div>"


# ------------------------------------------------------------------------------------------------ builders
def build_report(job: Any, rows: list[dict[str, Any]], examples_per_transform: int) -> RobustnessReport:
    """Aggregate the task rows of a run into a :class:`RobustnessReport` (examples without media)."""
    suite = job.suite
    modality = suite.modality
    is_clf = isinstance(job.system, Classifier)
    metric = "flip_rate" if is_clf else "recall"
    primary = PRIMARY[modality]
    measures = sorted({k for r in rows for k in (r.get("measured") or {})})
    has_labels = any(it.label is not None for it in job.items)
    errors: list[dict[str, Any]] = []
    for it, (status, payload) in zip(job.items, job.original):
        if status != "ok":
            errors.append({"key": it.key, "transform": None, "level": None, "error": f"original: {payload}"})
    for r in rows:
        if r.get("error") and not str(r["error"]).startswith("original:"):
            errors.append({"key": r["key"], "transform": r["transform"], "level": r["level"], "error": r["error"]})
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["transform"], r["level"]), []).append(r)
    summary = []
    examples: list[dict[str, Any]] = []
    for t in suite.transforms:
        levels = []
        t_rows = []
        for li, lv in enumerate(t.levels):
            g = groups.get((t.name, li + 1), [])
            ok = [r for r in g if not r.get("error")]
            t_rows.extend(ok)
            entry: dict[str, Any] = {
                "level": li + 1, "label": lv.label, "params": lv.params, "n": len(ok),
                "errors": sum(1 for r in g if r.get("error") and not str(r["error"]).startswith("original:")),
                "intensity_mean": _mean([r.get("intensity") for r in ok]),
                "measured_mean": {m: _mean([(r.get("measured") or {}).get(m) for r in ok]) for m in measures},
            }
            if is_clf:
                entry["flip_rate"] = _mean([1.0 if r["changed"] else 0.0 for r in ok])
                by_dec: dict[str, list[float]] = {}
                for r in ok:
                    by_dec.setdefault(str(r["original_decision"]), []).append(1.0 if r["changed"] else 0.0)
                entry["flip_rate_by_original"] = {k: _mean(v) for k, v in sorted(by_dec.items())}
                labelled = [r for r in ok if "correct" in r]
                entry["accuracy"] = _mean([1.0 if r["correct"] else 0.0 for r in labelled]) if labelled else None
                scored = [r for r in ok if r.get("score") is not None and r.get("original_score") is not None]
                entry["score_change_mean"] = _mean([r["score"] - r["original_score"] for r in scored]) if scored else None
            else:
                dists = [r["distance"] for r in ok]
                entry["recall"] = _mean([1.0 if r["matched"] else 0.0 for r in ok])
                entry["distance"] = {"mean": _mean(dists), "median": _quantile(dists, 0.5),
                                     "p90": _quantile(dists, 0.9), "max": max(dists) if dists else None}
            levels.append(entry)
        vals = [lv.get(metric) for lv in levels if lv.get(metric) is not None]
        summary.append({"transform": t.name, "levels": levels,
                        metric: _mean([1.0 if (r["changed"] if is_clf else r["matched"]) else 0.0 for r in t_rows]),
                        "worst_level": (min if metric == "recall" else max)(vals) if vals else None})
        examples.extend(_worst(t_rows, is_clf, primary, examples_per_transform))
    baseline: dict[str, Any] = {}
    ok_orig = [(it, p) for it, (s, p) in zip(job.items, job.original) if s == "ok"]
    if is_clf:
        counts: dict[str, int] = {}
        for _, p in ok_orig:
            counts[str(p["decision"])] = counts.get(str(p["decision"]), 0) + 1
        baseline["decisions"] = dict(sorted(counts.items()))
        labelled = [(it, p) for it, p in ok_orig if it.label is not None]
        if labelled:
            baseline["accuracy"] = _mean([1.0 if same_label(p["decision"], it.label) else 0.0 for it, p in labelled])
    data = {
        "multiaug_version": __version__, "modality": modality, "seed": job.seed,
        "notes": _cap_notes(rows) if is_clf else [],
        "system": job.system.describe(), "suite": suite.to_json(), "metric": metric,
        "primary_measure": primary, "measures": measures, "has_labels": has_labels,
        "n_items": len(job.items), "n_variants": sum(len(t.levels) for t in suite.transforms),
        "n_tasks": len(rows), "baseline": baseline, "summary": summary, "errors": errors, "examples": examples,
    }
    if modality == "image":
        data["background"] = list(job.background)
    return RobustnessReport(data, rows)


def _cap_notes(rows: list[dict[str, Any]]) -> list[str]:
    """Say when the baseline caps the flip rate: when items of some original decision never flipped in the whole
    run (a keyword filter's "ok" items cannot be made "flagged" by an edit), the flip rate over all items cannot
    exceed the share of the other items."""
    ok = [r for r in rows if not r.get("error")]
    counts: dict[str, int] = {}
    flips: dict[str, int] = {}
    for r in ok:
        k = str(r["original_decision"])
        counts[k] = counts.get(k, 0) + 1
        flips[k] = flips.get(k, 0) + (1 if r["changed"] else 0)
    never = sorted(k for k in counts if flips[k] == 0)
    others = sorted(k for k in counts if flips[k] > 0)
    if not never or not others:
        return []
    share = sum(counts[k] for k in others) / len(ok)
    names = " or ".join(f"'{k}'" for k in others)
    return [f"The baseline caps the flip rate: no item first decided {' or '.join(repr(k) for k in never)} changed "
            f"decision in this run, so only the items first decided {names} ({share:.0%} of the items) can count, "
            f"and the flip rate over all items cannot exceed {share:.2f} here. The flip rate among the items first "
            f"decided {names} is given next to it."]


def _worst(rows: list[dict[str, Any]], is_clf: bool, primary: str, k: int) -> list[dict[str, Any]]:
    """Failures with the smallest measured change first; if nothing failed, the closest calls."""
    if k <= 0 or not rows:
        return []

    def size(r: dict[str, Any]) -> float:
        v = (r.get("measured") or {}).get(primary)
        return float("inf") if v is None else float(v)

    if is_clf:
        failed = [r for r in rows if r["changed"]]
        pool = sorted(failed, key=lambda r: (size(r), r["level"], r["key"]))
        if not pool:
            scored = [r for r in rows if r.get("score") is not None and r.get("original_score") is not None]
            pool = sorted(scored, key=lambda r: (-abs(r["score"] - r["original_score"]), r["level"], r["key"]))
    else:
        failed = [r for r in rows if not r["matched"]]
        pool = sorted(failed, key=lambda r: (size(r), r["level"], r["key"]))
        if not pool:
            pool = sorted(rows, key=lambda r: (-r["distance"], r["level"], r["key"]))
    keep = ("key", "label", "transform", "level", "level_label", "params", "seed", "intensity", "measured",
            "original_decision", "decision", "original_score", "score", "changed", "correct", "distance", "matched",
            "record")
    return [{f: r[f] for f in keep if f in r} for r in pool[:k]]


# ------------------------------------------------------------------------------------------------ HTML bits
_CSS = """<style>
.ma-rob{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:14px;color:#222;max-width:1200px}
.ma-rob table{border-collapse:collapse;margin:6px 0 14px}
.ma-rob td,.ma-rob th{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
.ma-rob th{background:#f4f4f4}.ma-rob code{font-size:12px}
.ma-panels{display:flex;flex-wrap:wrap;gap:6px 10px}.ma-caption{color:#555;font-size:12px;margin:2px 0 10px}
.ma-rob .ma-table{overflow-x:auto;max-width:100%}.ma-cards{display:flex;flex-wrap:wrap;gap:12px}
.ma-card{border:1px solid #ccc;border-radius:6px;padding:8px;max-width:560px;min-width:0}
.ma-card figure{display:inline-block;margin:0 6px 0 0;vertical-align:top}
.ma-card figcaption{font-size:12px;color:#555;text-align:center}
.ma-card img{max-width:260px;border:1px solid #eee}
.ma-card pre{white-space:pre-wrap;word-break:break-all;font-size:11px;max-height:200px;overflow:auto}
.ma-rob del{background:#fdd;text-decoration:line-through}.ma-rob ins{background:#dfd;text-decoration:none}
.ma-warn{color:#a40}.ma-note{color:#555}
</style>"""


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 1000 else f"{v:.0f}"
    return str(v)


def _shade(good: float | None) -> str:
    """Cell colour from red (0) to green (1)."""
    if good is None:
        return "#fff"
    g = max(0.0, min(1.0, float(good)))
    return f"rgb({int(255 - 55 * g)},{int(200 + 40 * g)},200)"


def _png_b64(image: Any, max_side: int = 192, background: Any = WHITE) -> str:
    return png_base64(flatten(image, background), max_side)  # what the measures compared: transparency flattened


def _wav_b64(audio: tuple[np.ndarray, int], max_seconds: float = 8.0) -> str:
    samples, sr = audio
    return wav_base64(samples, sr, max_seconds)


def _media_html(modality: str, before: Any, after: Any, background: Any = WHITE) -> str:
    if modality == "image":
        return "<div>" + "".join(
            f"<figure><img alt='{label}' src='data:image/png;base64,{_png_b64(media, background=background)}'>"
            f"<figcaption>{label}</figcaption></figure>" for label, media in (("before", before), ("after", after))
        ) + "</div>"
    if modality == "text":
        return (f"<div><b>before</b>: {visible(before)}</div><div><b>after</b>: {visible(after)}</div>"
                f"<div><b>diff</b>: {text_diff_html(before, after)}</div>")
    return (f"<div>before <audio controls src='data:audio/wav;base64,{_wav_b64(before)}'></audio></div>"
            f"<div>after <audio controls src='data:audio/wav;base64,{_wav_b64(after)}'></audio></div>")


def iter_rows_csv(rows: Iterable[dict[str, Any]], measures: Sequence[str]) -> Iterable[list[Any]]:
    """CSV rows (header first) for ``results.csv``."""
    header = ["key", "label", "transform", "level", "level_label", "params", "seed", "intensity", *measures,
              "original_decision", "decision", "original_score", "score", "changed", "correct", "distance",
              "matched", "error"]
    yield header
    for r in rows:
        m = r.get("measured") or {}
        yield [r.get("key"), r.get("label"), r.get("transform"), r.get("level"), r.get("level_label"),
               json.dumps(r.get("params"), ensure_ascii=False, sort_keys=True), r.get("seed"), r.get("intensity"),
               *[m.get(k) for k in measures], r.get("original_decision"), r.get("decision"),
               r.get("original_score"), r.get("score"), r.get("changed"), r.get("correct"), r.get("distance"),
               r.get("matched"), r.get("error")]


__all__ = ["RobustnessReport", "build_report", "iter_rows_csv", "text_diff_html"]
