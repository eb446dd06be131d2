"""What an expansion reports: the ``report.json`` dict (counts per class, rejections, throughput), the summary table
printed at the end, and the progress display while it runs.

Per class, ``after`` counts the files of the class that are **on disk** in the output folder (originals plus
augmented copies), so the table says what a training run on the output will see.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from .diversity import diversity
from .manifest import Item


def files_on_disk(out_dir: Path, label: str) -> int:
    """Regular files under ``out_dir/label`` (hidden and temporary files excluded)."""
    folder = out_dir / label
    if not folder.is_dir():
        return 0
    return sum(1 for f in folder.rglob("*") if f.is_file()
               and not any(part.startswith(".") for part in f.relative_to(out_dir).parts))


def build_report(items: list[Item], skipped: list[dict[str, str]], plan: dict[str, list[int]],
                 lines: list[dict[str, Any]], journal: list[dict[str, Any]], config: dict[str, Any],
                 out_dir: Path, run: dict[str, Any]) -> dict[str, Any]:
    """The expansion report (see docs/EXPAND.md, "report.json").

    Args:
        items: every item of the input.
        skipped: input entries that are not items (unknown file types, duplicate keys).
        plan: copy indices per item key.
        lines: the final manifest lines (originals and augmented).
        journal: per-item results (rejections, drops, unreadable reasons).
        config: the run configuration (``run.json``).
        out_dir: the output folder (files are counted there).
        run: ``engine``, ``workers``, ``processed``, ``outputs_now``, ``seconds``, ``total_seconds``,
            ``interrupted``, ``resumed``, ``originals_placed`` (Counter of link/copy/text/kept).
    """
    balance_to = config["balance_to"]
    unreadable_keys = {j["key"] for j in journal if j.get("error")}
    before = Counter(it.label for it in items if it.key not in unreadable_keys)
    for it in items:
        before.setdefault(it.label, 0)
    generated = Counter(r["label"] for r in lines if r.get("kind") != "original")
    originals = Counter(r["label"] for r in lines if r.get("kind") == "original")
    planned: Counter[str] = Counter()
    for it in items:
        planned[it.label] += len(plan.get(it.key, []))
    rejected = [r for j in journal for r in j["rejected"]]
    dropped = [r for j in journal for r in j["dropped"]]
    unreadable = [{"key": j["key"], "reason": j["error"]} for j in journal if j.get("error")]
    classes = {}
    for label in sorted(before):
        classes[label] = {
            "before": before[label], "planned": planned[label], "generated": generated[label],
            "originals": originals[label], "after": files_on_disk(out_dir, label),
            "rejected_attempts": sum(len(j["rejected"]) for j in journal if j["label"] == label),
            "unreadable": sum(1 for it in items if it.label == label and it.key in unreadable_keys),
            "dropped": sum(len(j["dropped"]) for j in journal if j["label"] == label)}
        if balance_to is not None:
            classes[label]["target"] = max(balance_to, before[label])
            classes[label]["short_by"] = max(0, classes[label]["target"] - before[label] - generated[label])
    placed = run.get("originals_placed") or Counter()
    return {
        "input": config["input"], "seed": config["seed"], "copies": config["copies"], "balance_to": balance_to,
        "originals": config["originals"], "engine": run["engine"], "workers": run["workers"],
        "classes": classes,
        "totals": {"items": len(items), "outputs": sum(generated.values()), "originals": sum(originals.values()),
                   "files": sum(c["after"] for c in classes.values()), "planned": sum(planned.values()),
                   "rejected_attempts": len(rejected),
                   "near_duplicates": sum(1 for r in rejected if r.get("kind") == "near_duplicate"),
                   "validation_failures": sum(1 for r in rejected if r.get("kind") == "validation"),
                   "augmentation_errors": sum(1 for r in rejected if r.get("kind") == "error"),
                   "dropped": len(dropped), "unreadable": len(unreadable), "skipped": len(skipped)},
        "diversity": diversity([(r["modality"], r.get("records") or []) for r in lines if r.get("kind") != "original"]),
        "rejected": rejected, "dropped": dropped, "unreadable": unreadable, "skipped": skipped,
        "run": {"items_processed": run["processed"], "outputs_written": run["outputs_now"],
                "seconds": round(run["seconds"], 4),
                "items_per_s": round(run["processed"] / run["seconds"], 3) if run["seconds"] > 0 else None,
                "outputs_per_s": round(run["outputs_now"] / run["seconds"], 3) if run["seconds"] > 0 else None,
                "total_seconds": round(run["total_seconds"], 4), "resumed_items": run["resumed"],
                "interrupted": run["interrupted"],
                "originals_placed": {k: placed[k] for k in ("link", "copy", "text", "kept") if placed[k]}},
    }


def format_summary(report: dict[str, Any]) -> str:
    """The final summary table (per class: items before, augmented files generated, files on disk after,
    rejections) plus totals and throughput."""
    cols = ["class", "before", "generated", "on disk", "rejected", "dropped"]
    rows = [[label, c["before"], c["generated"], c["after"], c["rejected_attempts"], c["dropped"]]
            for label, c in report["classes"].items()]
    widths = [max(len(str(x)) for x in [h, *(r[i] for r in rows)]) for i, h in enumerate(cols)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    out = [fmt.format(*cols), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows]
    t, run = report["totals"], report["run"]
    originals = (f"{t['originals']} originals" if report.get("originals", True)
                 else "no originals (--no-originals)")
    out.append(f"on disk: {t['outputs']} augmented + {originals} = {t['files']} files")
    out.append(f"{t['near_duplicates']} near-duplicate and {t['validation_failures']} validation rejections redrawn; "
               f"{t['dropped']} dropped; {t['unreadable']} unreadable; {t['skipped']} skipped")
    rate = run["items_per_s"]
    out.append(f"{run['items_processed']} items in {run['seconds']:.2f} s ({rate if rate is not None else '-'} items/s) "
               f"on {report['engine']}" + (" — interrupted, resume with --resume" if run["interrupted"] else ""))
    return "\n".join(out)


class Progress:
    """A tqdm bar on stderr (rate and ETA); silent when quiet."""

    def __init__(self, total: int, quiet: bool, initial: int = 0):
        self.bar = None
        if not quiet:
            from tqdm.auto import tqdm  # lazy: only a visible progress bar needs it

            self.bar = tqdm(total=total, initial=initial, unit="item", desc="expand", file=sys.stderr)

    def update(self, outputs: int) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(outputs=outputs, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


__all__ = ["Progress", "build_report", "files_on_disk", "format_summary"]
