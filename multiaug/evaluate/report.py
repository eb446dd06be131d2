"""The evaluation report: ``report.json``, ``results.csv`` (one row per fold × arm × test set), ``report.html``
(self-contained: inline SVG and CSS, no scripts) and the one-line verdict."""

from __future__ import annotations

import csv
import html
import io
import json
import os
from pathlib import Path
from typing import Any

from ..core.io import atomic_write_bytes

_COLORS = {"baseline": "#7f7f7f", "augmented": "#1f77b4"}
METRIC_NAMES = {"accuracy": "accuracy", "macro_f1": "macro-F1"}


def _pts(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:+.1f}"


def task_line(task: dict[str, Any], primary: str, confidence: float) -> str:
    """One line for a task: verdict, primary metric before → after, difference with interval, robustness."""
    mod = task["modality"]
    if task.get("skipped"):
        return f"{mod}: not evaluated ({task['skipped']})"
    m = task["metrics"]
    d = task["difference"]["clean"][primary]
    name = METRIC_NAMES[primary]
    line = (f"{mod}: {task['verdict']}: {name} {m['baseline']['clean'][primary]['mean']:.3f} → "
            f"{m['augmented']['clean'][primary]['mean']:.3f} ({_pts(d['mean'])} points, {confidence:.0%} CI "
            f"{_pts(d['low'])} to {_pts(d['high'])})")
    if "perturbed" in m["baseline"]:
        dp = task["difference"]["perturbed"][primary]
        line += (f"; on the perturbed test set {m['baseline']['perturbed'][primary]['mean']:.3f} → "
                 f"{m['augmented']['perturbed'][primary]['mean']:.3f} ({_pts(dp['mean'])} points, CI "
                 f"{_pts(dp['low'])} to {_pts(dp['high'])})")
    return line


class EvaluationReport:
    """Result of :func:`multiaug.evaluate`.

    Attributes:
        data: the JSON report (settings, plan, one summary per modality task, verdict, timing).
        rows: one dict per (task, repeat, fold, arm, test set) (``results.csv``).
        perturbed: the records of the perturbed test copies (``perturbed.jsonl``; each replays).
    """

    def __init__(self, data: dict[str, Any], rows: list[dict[str, Any]], perturbed: list[dict[str, Any]]):
        self.data = data
        self.rows = rows
        self.perturbed = perturbed

    @property
    def verdict(self) -> str:
        """The one-line verdict (all tasks)."""
        return self.data["verdict"]

    @property
    def tasks(self) -> list[dict[str, Any]]:
        return self.data["tasks"]

    def __str__(self) -> str:
        return self.verdict

    def __repr__(self) -> str:
        return f"<EvaluationReport: {self.verdict}>"

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.data, indent=indent, ensure_ascii=False, sort_keys=True)

    def to_csv(self) -> str:
        classes = sorted({c for r in self.rows for c in r["recall"]})
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["modality", "repeat", "fold", "arm", "test_set", "n_train", "n_test", "accuracy", "macro_f1",
                    *[f"recall:{c}" for c in classes]])
        for r in self.rows:
            w.writerow([r["modality"], r["repeat"], r["fold"], r["arm"], r["test_set"], r["n_train"], r["n_test"],
                        _f(r["accuracy"]), _f(r["macro_f1"]), *[_f(r["recall"].get(c)) for c in classes]])
        return buf.getvalue()

    def save(self, out: str | os.PathLike[str]) -> dict[str, Path]:
        """Write report.json, results.csv, report.html and perturbed.jsonl into ``out``."""
        d = Path(out)
        d.mkdir(parents=True, exist_ok=True)
        files = {"json": d / "report.json", "csv": d / "results.csv", "html": d / "report.html",
                 "perturbed": d / "perturbed.jsonl"}
        atomic_write_bytes(files["json"], (self.to_json() + "\n").encode("utf-8"))
        atomic_write_bytes(files["csv"], self.to_csv().encode("utf-8"))
        atomic_write_bytes(files["html"], self.to_html().encode("utf-8"))
        atomic_write_bytes(files["perturbed"], "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n"
                                                       for r in self.perturbed).encode("utf-8"))
        return files

    # --- HTML ---------------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        return self._body()

    def to_html(self) -> str:
        return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>multiaug evaluate</title></head><body>"
                + self._body() + "</body></html>")

    def _body(self) -> str:
        d = self.data
        e = html.escape
        parts = [_CSS, "<div class='ma-ev'><h1>Does the augmentation help?</h1>",
                 f"<p class='verdict'>{e(d['verdict'])}</p>",
                 f"<p>Dataset <code>{e(str(d['dataset']))}</code>; {d['folds']}-fold × {d['repeats']} repeated "
                 f"stratified group k-fold (augmented copies stay in their original's fold), seed {d['seed']}; "
                 f"intervals: {d['confidence']:.0%} corrected resampled t (Nadeau &amp; Bengio). Baseline = "
                 "trained on the originals of the training folds; augmented = the same plus their augmented "
                 "copies; both tested on the same originals.</p>"]
        for task in d["tasks"]:
            parts.append(self._task_html(task))
        parts.append(self._plan_html())
        t = d.get("timing", {})
        parts.append("<h2>Run time</h2><p>" + ", ".join(f"{e(k)} {v:.1f} s" for k, v in t.items() if v is not None) + "</p></div>")
        return "".join(parts)

    def _task_html(self, task: dict[str, Any]) -> str:
        e = html.escape
        primary, conf = self.data["primary"], self.data["confidence"]
        out = [f"<h2>{e(task['modality'])}</h2>"]
        if task.get("skipped"):
            return out[0] + f"<p>Not evaluated: {e(task['skipped'])}.</p>"
        out.append(f"<p class='verdict'>{e(task_line(task, primary, conf))}</p>")
        out.append(f"<p>Proxy model: {e(task['model_description'])}. {task['n_originals']} originals, "
                   f"{task['n_augmented']} augmented copies, {task['folds']} folds × {task['repeats']} repeats.</p>")
        for note in task["notes"]:
            out.append(f"<p class='note'>{e(note)}</p>")
        out.append(svg_bars(task))
        out.append(_diff_table(task))
        out.append(_class_table(task))
        rob = task.get("robustness")
        if rob:
            out.append(f"<p>Perturbed test set: suite <code>{e(rob['suite'])}</code>, level {e(str(rob['level']))}"
                       f", one edit per original: " + ", ".join(f"{e(k)} ×{v}" for k, v in rob["transforms"].items())
                       + (f"; {rob['errors']} edits failed (left out)" if rob["errors"] else "") + ".</p>")
        return "".join(out)

    def _plan_html(self) -> str:
        e = html.escape
        plan = self.data["plan"]
        if plan["kind"] == "merge":
            return (f"<h2>Augmentation used</h2><p>multiaug merge (how={e(str(plan['how']))}, on="
                    f"{e(str(plan['on']))}); rows: <code>{e(json.dumps(plan.get('merge_rows')))}</code></p>")
        if plan["kind"] == "synthetic":
            return (f"<h2>Augmentation used</h2><p>synthetic rows by <code>{e(str(plan['synthetic']))}</code>, "
                    "fitted on each training fold only</p>")
        head = {"preset": f"preset <code>{e(str(plan.get('preset')))}</code>", "pipeline": "a pipeline",
                "expansion": f"the expansion in <code>{e(str(plan.get('folder')))}</code>"}[plan["kind"]]
        how = (f"{plan['copies']} copies per original" if plan.get("copies") else
               f"classes balanced to {plan.get('balance_to')}")
        out = [f"<h2>Augmentations used</h2><p>{head}, {e(how)}; every copy replays from its line in the "
               "expansion's <code>manifest.jsonl</code>.</p>"]
        for mod, doc in sorted(plan.get("pipelines", {}).items()):
            names = ", ".join(e(n) for n in _aug_names(doc))
            out.append(f"<details><summary><b>{e(mod)}</b>: {names}</summary><pre>"
                       f"{e(json.dumps(doc, indent=1, ensure_ascii=False))}</pre></details>")
        return "".join(out)


def _aug_names(node: Any) -> list[str]:
    if isinstance(node, dict):
        if node.get("type") == "augmentation":
            return [f"{node['name']} (p={node.get('p', 1.0)})"]
        return [n for v in node.values() for n in _aug_names(v)]
    if isinstance(node, list):
        return [n for v in node for n in _aug_names(v)]
    return []


def _f(v: Any) -> Any:
    return "" if v is None else round(float(v), 6)


def _ci(s: dict[str, Any]) -> str:
    if s.get("mean") is None:
        return "–"
    if s.get("low") is None:
        return f"{s['mean']:.3f}"
    return f"{s['mean']:.3f} [{s['low']:.3f}, {s['high']:.3f}]"


def _diff_table(task: dict[str, Any]) -> str:
    rows = []
    for s, by_metric in task["difference"].items():
        for m in ("accuracy", "macro_f1"):
            d = by_metric[m]
            rows.append(f"<tr><td>{s}</td><td>{METRIC_NAMES[m]}</td><td>{_ci(task['metrics']['baseline'][s][m])}</td>"
                        f"<td>{_ci(task['metrics']['augmented'][s][m])}</td><td>{_pts(d['mean'])} "
                        f"[{_pts(d['low'])}, {_pts(d['high'])}]</td></tr>")
    return ("<table><tr><th>test set</th><th>metric</th><th>baseline</th><th>augmented</th>"
            "<th>difference (points)</th></tr>" + "".join(rows) + "</table>")


def _class_table(task: dict[str, Any]) -> str:
    e = html.escape
    m, d = task["metrics"], task["difference"]["clean"]["recall"]
    rows = []
    for c in task["classes"]:
        rows.append(f"<tr><td>{e(c)}</td><td>{task['originals_per_class'].get(c, 0)}</td>"
                    f"<td>{task['augmented_per_class'].get(c, 0)}</td><td>{_ci(m['baseline']['clean']['recall'][c])}"
                    f"</td><td>{_ci(m['augmented']['clean']['recall'][c])}</td><td>{_pts(d[c]['mean'])} "
                    f"[{_pts(d[c]['low'])}, {_pts(d[c]['high'])}]</td></tr>")
    return ("<h3>Recall per class (clean test set)</h3><table><tr><th>class</th><th>originals</th><th>augmented "
            "copies</th><th>baseline</th><th>augmented</th><th>difference (points)</th></tr>" + "".join(rows)
            + "</table>")


def svg_bars(task: dict[str, Any], width: int = 560) -> str:
    """Grouped horizontal bars (baseline / augmented) with interval whiskers, per test set × metric, scale 0–1."""
    groups = [(s, m) for s in task["metrics"]["baseline"] for m in ("accuracy", "macro_f1")]
    left, bar_h, gap = 150, 14, 12
    inner = width - left - 20
    height = len(groups) * (2 * bar_h + gap) + 30
    p = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' class='bars'>"]
    y = 10
    for s, m in groups:
        p.append(f"<text x='{left - 6}' y='{y + bar_h + 4}' text-anchor='end'>{s} {METRIC_NAMES[m]}</text>")
        for arm in ("baseline", "augmented"):
            st = task["metrics"][arm][s][m]
            if st["mean"] is not None:
                w = inner * st["mean"]
                p.append(f"<rect x='{left}' y='{y}' width='{w:.1f}' height='{bar_h - 2}' fill='{_COLORS[arm]}'>"
                         f"<title>{arm}: {_ci(st)}</title></rect>")
                if st["low"] is not None:
                    lo, hi = inner * max(0.0, st["low"]) + left, inner * min(1.0, st["high"]) + left
                    cy = y + (bar_h - 2) / 2
                    p.append(f"<line x1='{lo:.1f}' x2='{hi:.1f}' y1='{cy}' y2='{cy}' stroke='#000'/>"
                             f"<line x1='{lo:.1f}' x2='{lo:.1f}' y1='{cy - 4}' y2='{cy + 4}' stroke='#000'/>"
                             f"<line x1='{hi:.1f}' x2='{hi:.1f}' y1='{cy - 4}' y2='{cy + 4}' stroke='#000'/>")
                p.append(f"<text x='{left + w + 4:.1f}' y='{y + bar_h - 4}' class='v'>{st['mean']:.3f}</text>")
            y += bar_h
        y += gap
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = left + inner * t
        p.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='4' y2='{y}' stroke='#ddd'/>"
                 f"<text x='{x:.1f}' y='{y + 12}' text-anchor='middle' class='v'>{t:g}</text>")
    p.append(f"<rect x='{left}' y='{y + 16}' width='10' height='8' fill='{_COLORS['baseline']}'/><text x='{left + 14}'"
             f" y='{y + 24}' class='v'>baseline</text><rect x='{left + 80}' y='{y + 16}' width='10' height='8' "
             f"fill='{_COLORS['augmented']}'/><text x='{left + 94}' y='{y + 24}' class='v'>augmented</text></svg>")
    p[0] = p[0].replace(f"height='{height}'", f"height='{y + 30}'")
    return "".join(p)


_CSS = """<style>
.ma-ev{font-family:system-ui,sans-serif;font-size:14px;max-width:60em}
.ma-ev table{border-collapse:collapse;margin:.5em 0}
.ma-ev td,.ma-ev th{border:1px solid #ccc;padding:2px 8px;text-align:right}
.ma-ev td:first-child,.ma-ev th:first-child{text-align:left}
.ma-ev .verdict{font-weight:bold}
.ma-ev .note{color:#8a5a00}
.ma-ev svg text{font-size:12px}
.ma-ev svg .v{font-size:10px}
.ma-ev pre{background:#f6f6f6;padding:6px;font-size:11px;overflow:auto;max-height:20em}
</style>"""


__all__ = ["EvaluationReport", "svg_bars", "task_line"]
