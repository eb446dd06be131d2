"""Structure check of the ``multiaug`` package (issue 14): fast, AST only (nothing is imported).

It fails on
  * import cycles between multiaug modules through module-level imports (``if TYPE_CHECKING:`` blocks excluded),
    and cycles that only imports inside functions hide (an import moved into a function does not remove a cycle);
  * function-level imports without a ``# lazy: <why>`` comment on the statement (only documented lazy heavy
    dependencies may be imported inside a function);
  * files over 500 lines, except the short allow-list :data:`LONG_FILES` (generated stubs, data tables);
  * augmentations over 80 lines, measured per ``@augmentation`` in ``<modality>/augmentations/``: decorators +
    signature + docstring + body, plus its ``@<name>.kernel_for`` twins and the private rules (underscore
    functions of the module) that only it uses;
  * modules under ``<modality>/augmentations/`` that define anything but declarations and their rules: every
    function must be a declaration, a ``kernel_for`` twin, or a rule/helper referenced from the package's
    declarations; classes only when the module exports them (``EXPORTS``/``__all__``: AugLy's public classes).

A modality still in the old layout (no ``<modality>/augmentations/`` package yet) is reported, not failed: its
files' sizes, function-level imports and the cycles through it are counted in the numbers only.

The baseline (``ci/structure_baseline.json``) lists, per file and kind, how many findings are still known in code
whose conversion is in flight (modality declarations, the CLI): up to that many are reported as ``known``, one
more fails. Shared code has no baseline entries (``tests/test_structure.py`` checks that). When a conversion lands,
``--update-baseline`` lowers the counts to what is left (it never raises a count or adds an entry).

Usage::

    python ci/check_structure.py                   # list the failures (exit 1 if any), then the numbers
    python ci/check_structure.py --report          # the numbers and every finding, report-only (exit 0)
    python ci/check_structure.py --no-baseline     # every finding fails (the finished shape)
    python ci/check_structure.py --update-baseline # tighten the baseline after a conversion landed
    python ci/check_structure.py --root DIR        # check another tree (DIR/multiaug); used by tests/test_structure.py
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = "multiaug"
MAX_FILE_LINES = 500
MAX_AUGMENTATION_LINES = 80
MODALITIES = ("image", "text", "audio", "tabular")
LAZY_MARK = "# lazy:"

#: files allowed over MAX_FILE_LINES (path relative to the package's parent folder → reason)
LONG_FILES: dict[str, str] = {
    "multiaug/image/__init__.pyi": "generated stub (scripts/gen_stubs.py): one overload per signature",
    "multiaug/text/__init__.pyi": "generated stub (scripts/gen_stubs.py): one overload per signature",
    "multiaug/audio/__init__.pyi": "generated stub (scripts/gen_stubs.py): one overload per signature",
    "multiaug/tabular/__init__.pyi": "generated stub (scripts/gen_stubs.py): one overload per signature",
}


#: the baseline of known findings in code whose conversion is in flight (see the module docstring)
BASELINE = Path(__file__).with_name("structure_baseline.json")


@dataclass
class Finding:
    """One violation: ``kind`` (cycle, hidden_cycle, lazy_import, long_file, long_augmentation, not_a_declaration), where,
    what, and whether it fails the check (``strict``) or is only reported (old-layout modality, or ``known`` in the
    baseline)."""

    kind: str
    path: str
    line: int
    message: str
    strict: bool = True
    known: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "FAIL" if self.strict else ("known" if self.known else "report")
        return f"{label} {self.kind}: {where}: {self.message}"


@dataclass
class Module:
    name: str
    path: Path
    rel: str
    tree: ast.Module
    lines: list[str]
    is_package: bool
    imports: set[str] = field(default_factory=set)  # module-level multiaug imports (resolved module names)
    lazy_imports: set[str] = field(default_factory=set)  # multiaug modules imported inside functions


@dataclass
class Result:
    findings: list[Finding]
    numbers: dict[str, object]

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.strict]


# ------------------------------------------------------------------------------------------------ loading
def _modules(root: Path) -> dict[str, Module]:
    pkg = root / PACKAGE
    out: dict[str, Module] = {}
    for path in sorted(pkg.rglob("*.py")):
        if any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts):
            continue
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        text = path.read_text(encoding="utf-8")
        out[".".join(parts)] = Module(".".join(parts), path, path.relative_to(root).as_posix(),
                                      ast.parse(text, str(path)), text.splitlines(), is_package)
    return out


def _old_layout_modalities(root: Path) -> set[str]:
    """Modalities whose package exists but has no ``augmentations/`` package yet."""
    pkg = root / PACKAGE
    return {m for m in MODALITIES
            if (pkg / m / "__init__.py").is_file() and not (pkg / m / "augmentations" / "__init__.py").is_file()}


def _modality_of(name_or_rel: str) -> str | None:
    parts = name_or_rel.replace("/", ".").split(".")
    return parts[1] if len(parts) > 1 and parts[0] == PACKAGE and parts[1] in MODALITIES else None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk_imports(node: ast.AST, in_function: bool = False) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement under ``node`` with whether it runs inside a function; ``if TYPE_CHECKING:`` blocks
    are skipped (they never run)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, in_function
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for sub in child.orelse:
                yield from _walk_imports(ast.Module(body=[sub], type_ignores=[]), in_function)
        else:
            yield from _walk_imports(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                             ast.Lambda)))


def _targets(mod: Module, node: ast.Import | ast.ImportFrom, modules: dict[str, Module]) -> set[str]:
    """The multiaug modules an import statement loads (a from-import of a submodule names the submodule)."""
    found: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] == PACKAGE:
                found.add(_existing(alias.name, modules))
        return {f for f in found if f}
    if node.level:
        base = mod.name.split(".") if mod.is_package else mod.name.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != PACKAGE:
        return set()
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        found.add(sub if sub in modules else _existing(target, modules))
    return {f for f in found if f}


def _existing(name: str, modules: dict[str, Module]) -> str:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name


def _statement_lines(mod: Module, node: ast.stmt) -> str:
    return "\n".join(mod.lines[node.lineno - 1 : (node.end_lineno or node.lineno)])


# ------------------------------------------------------------------------------------------------ checks
def _scan_imports(modules: dict[str, Module], old: set[str]) -> tuple[list[Finding], int, int]:
    findings: list[Finding] = []
    marked = unmarked = 0
    for mod in modules.values():
        for node, in_function in _walk_imports(mod.tree):
            targets = _targets(mod, node, modules)
            if not in_function:
                mod.imports |= targets - {mod.name}
                continue
            mod.lazy_imports |= targets - {mod.name}
            if LAZY_MARK in _statement_lines(mod, node):
                marked += 1
                continue
            unmarked += 1
            text = ast.unparse(node)
            findings.append(Finding("lazy_import", mod.rel, node.lineno,
                                    f"function-level `{text}` without a '{LAZY_MARK} <why>' comment",
                                    strict=_modality_of(mod.name) not in old))
    return findings, marked, unmarked


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return sorted(out)


def _cycle_findings(modules: dict[str, Module], old: set[str]) -> tuple[list[Finding], list[list[str]], list[list[str]]]:
    module_level = _cycles({m.name: m.imports for m in modules.values()})
    hidden = _cycles({m.name: m.imports | m.lazy_imports for m in modules.values()})
    findings = []
    for comp in module_level:
        strict = not any(_modality_of(name) in old for name in comp)
        findings.append(Finding("cycle", modules[comp[0]].rel, 0,
                                f"module-level import cycle between {', '.join(comp)}", strict=strict))
    for comp in hidden:
        if any(set(comp) <= set(c) for c in module_level):
            continue
        strict = not any(_modality_of(name) in old for name in comp)
        findings.append(Finding("hidden_cycle", modules[comp[0]].rel, 0,
                                f"import cycle through function-level imports between {', '.join(comp)}",
                                strict=strict))
    return findings, module_level, hidden


def _long_files(root: Path, old: set[str]) -> tuple[list[Finding], list[tuple[str, int]]]:
    findings = []
    sizes = []
    for path in sorted((root / PACKAGE).rglob("*.py*")):
        if path.suffix not in (".py", ".pyi") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(root).as_posix()
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n <= MAX_FILE_LINES:
            continue
        sizes.append((rel, n))
        if rel in LONG_FILES:
            continue
        findings.append(Finding("long_file", rel, 0, f"{n} lines (limit {MAX_FILE_LINES})",
                                strict=_modality_of(rel) not in old))
    return findings, sizes


def _decorator_name(dec: ast.expr) -> str:
    """``augmentation`` for ``@augmentation(...)``, ``kernel_for`` for ``@x.kernel_for(...)``, etc."""
    target = dec.func if isinstance(dec, ast.Call) else dec
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _kernel_owner(dec: ast.expr) -> str | None:
    target = dec.func if isinstance(dec, ast.Call) else dec
    if isinstance(target, ast.Attribute) and target.attr == "kernel_for" and isinstance(target.value, ast.Name):
        return target.value.id
    return None


def _names_in(nodes: Iterable[ast.AST]) -> set[str]:
    out: set[str] = set()
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name):
                out.add(sub.id)
            elif isinstance(sub, ast.Attribute):
                out.add(sub.attr)
    return out


def _span(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> int:
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    return (node.end_lineno or node.lineno) - first + 1


def _exports(tree: ast.Module) -> set[str]:
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in ("EXPORTS", "__all__") for t in targets) and node.value:
                out |= {e.value for e in ast.walk(node.value) if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return out


def _augmentation_findings(modules: dict[str, Module], old: set[str]) -> tuple[list[Finding], dict[str, int]]:
    findings: list[Finding] = []
    lengths: dict[str, int] = {}
    for modality in MODALITIES:
        legacy = modality in old  # old layout: declarations anywhere in the package, measured and reported only
        prefix = f"{PACKAGE}.{modality}." + ("" if legacy else "augmentations.")
        mods = [m for name, m in modules.items() if name.startswith(prefix)]
        functions: dict[tuple[str, str], ast.FunctionDef | ast.AsyncFunctionDef] = {}
        declarations: dict[tuple[str, str], list[ast.AST]] = {}  # (module, name) -> nodes whose names it uses
        for mod in mods:
            for node in mod.tree.body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    functions[(mod.name, node.name)] = node
        used_anywhere: set[str] = set()
        for mod in mods:
            for node in mod.tree.body:
                if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                decs = {_decorator_name(d) for d in node.decorator_list}
                if "augmentation" in decs or any(_kernel_owner(d) for d in node.decorator_list):
                    declarations[(mod.name, node.name)] = [*node.decorator_list, node]
            # everything a module references outside function definitions (assignments: class factories, tables)
            used_anywhere |= _names_in(n for n in mod.tree.body
                                       if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Import,
                                                             ast.ImportFrom)))
        # rules: functions reachable from a declaration (decorator arguments or body), transitively, by name
        reachable: set[str] = set()
        frontier = set().union(*(_names_in(nodes) for nodes in declarations.values())) | used_anywhere
        by_name: dict[str, list[tuple[str, str]]] = {}
        for key in functions:
            by_name.setdefault(key[1], []).append(key)
        while frontier:
            name = frontier.pop()
            if name in reachable:
                continue
            reachable.add(name)
            for key in by_name.get(name, ()):
                frontier |= _names_in([functions[key]]) - reachable
        for mod in mods:
            exported = _exports(mod.tree)
            if legacy and not any(m == mod.name for m, _ in declarations):
                continue
            users: dict[str, set[str]] = {}  # private function -> declarations using it (this module)
            decl_nodes = {name: nodes for (m, name), nodes in declarations.items() if m == mod.name}
            for name, nodes in decl_nodes.items():
                for used in _names_in(nodes):
                    if used.startswith("_") and (mod.name, used) in functions and (mod.name, used) not in declarations:
                        users.setdefault(used, set()).add(name)
            for node in mod.tree.body if not legacy else ():
                if isinstance(node, ast.ClassDef) and node.name not in exported:
                    findings.append(Finding("not_a_declaration", mod.rel, node.lineno,
                                            f"class {node.name} in an augmentations module (kernels/, modality.py or "
                                            "targets/ hold helpers; export AugLy's public classes in EXPORTS)"))
                elif (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and (mod.name, node.name) not in declarations and node.name not in reachable):
                    findings.append(Finding("not_a_declaration", mod.rel, node.lineno,
                                            f"function {node.name}() is neither a declaration nor a rule used by one "
                                            "(move helpers to kernels/)"))
            for node in mod.tree.body:
                if not (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and any(_decorator_name(d) == "augmentation" for d in node.decorator_list)):
                    continue
                total = _span(node)
                for other in mod.tree.body:  # kernel_for twins
                    if (isinstance(other, (ast.FunctionDef, ast.AsyncFunctionDef))
                            and any(_kernel_owner(d) == node.name for d in other.decorator_list)):
                        total += _span(other)
                        for used in _names_in([other]):
                            if used.startswith("_") and (mod.name, used) in functions:
                                users.setdefault(used, set()).add(node.name)
                total += sum(_span(functions[(mod.name, rule)]) for rule, who in users.items() if who == {node.name})
                lengths[f"{modality}.{node.name}"] = total
                if total > MAX_AUGMENTATION_LINES:
                    findings.append(Finding("long_augmentation", mod.rel, node.lineno,
                                            f"augmentation {node.name}: {total} lines with its private rules and "
                                            f"kernel twins (limit {MAX_AUGMENTATION_LINES})", strict=not legacy))
    return findings, lengths


# ------------------------------------------------------------------------------------------------ baseline
def load_baseline(path: Path | None) -> dict[str, dict[str, int]]:
    """``{path: {kind: allowed count}}`` from a baseline file (empty without one)."""
    if path is None or not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {p: {k: int(n) for k, n in kinds.items()} for p, kinds in data.get("allowed", {}).items()}


def counts(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """Strict findings counted per path and kind."""
    out: dict[str, dict[str, int]] = {}
    for f in findings:
        if f.strict or f.known:
            kinds = out.setdefault(f.path, {})
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
    return out


def _apply_baseline(findings: list[Finding], allowed: dict[str, dict[str, int]]) -> list[str]:
    """Mark findings within their baseline count as known; return the baseline entries that could be lowered."""
    found = counts(findings)
    for f in findings:
        limit = allowed.get(f.path, {}).get(f.kind)
        if f.strict and limit is not None and found[f.path][f.kind] <= limit:
            f.strict, f.known = False, True
        elif f.strict and limit is not None:
            f.message += f" (baseline allows {limit} {f.kind} finding(s) here, found {found[f.path][f.kind]})"
    stale = []
    for path, kinds in sorted(allowed.items()):
        for kind, limit in sorted(kinds.items()):
            n = found.get(path, {}).get(kind, 0)
            if n < limit:
                stale.append(f"{path}: {kind} {limit} -> {n}")
    return stale


def update_baseline(path: Path, findings: list[Finding]) -> dict[str, dict[str, int]]:
    """Lower every baseline count to what is found (never raise one, never add an entry); write and return it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found = counts(findings)
    allowed: dict[str, dict[str, int]] = {}
    for p, kinds in sorted(data.get("allowed", {}).items()):
        lowered = {k: min(int(n), found.get(p, {}).get(k, 0)) for k, n in sorted(kinds.items())}
        lowered = {k: n for k, n in lowered.items() if n}
        if lowered:
            allowed[p] = lowered
    data["allowed"] = allowed
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return allowed


# ------------------------------------------------------------------------------------------------ driver
def check(root: Path, baseline: Path | None = None) -> Result:
    """Run every check on ``root/multiaug``; findings within ``baseline``'s counts are ``known``, not failures."""
    modules = _modules(root)
    old = _old_layout_modalities(root)
    findings, marked, unmarked = _scan_imports(modules, old)
    cycle_findings, module_cycles, hidden_cycles = _cycle_findings(modules, old)
    long_findings, sizes = _long_files(root, old)
    aug_findings, lengths = _augmentation_findings(modules, old)
    findings += cycle_findings + long_findings + aug_findings
    stale = _apply_baseline(findings, load_baseline(baseline))
    longest = max(lengths.items(), key=lambda kv: kv[1]) if lengths else ("", 0)
    numbers: dict[str, object] = {
        "modules": len(modules),
        "old_layout_modalities": sorted(old),
        "files_over_500_lines": len(sizes),
        "files_over_500_lines_allowed": sum(1 for rel, _ in sizes if rel in LONG_FILES),
        "function_level_imports": marked + unmarked,
        "function_level_imports_unmarked": unmarked,
        "function_level_imports_marked_lazy": marked,
        "files_with_unmarked_function_level_imports": len({f.path for f in findings if f.kind == "lazy_import"}),
        "import_cycles_module_level": len(module_cycles),
        "import_cycles_counting_function_level_imports": len(hidden_cycles),
        "augmentations_measured": len(lengths),
        "max_lines_per_augmentation": longest[1],
        "longest_augmentation": longest[0],
        "augmentations_over_80_lines": sum(1 for n in lengths.values() if n > MAX_AUGMENTATION_LINES),
        "failures": sum(1 for f in findings if f.strict),
        "known_in_baseline": sum(1 for f in findings if f.known),
        "reported_only": sum(1 for f in findings if not f.strict and not f.known),
    }
    numbers["_sizes"] = sizes
    numbers["_hidden_cycles"] = hidden_cycles
    numbers["_stale_baseline"] = stale
    return Result(findings, numbers)


def print_numbers(result: Result) -> None:
    n = result.numbers
    print("== numbers")
    for key, value in n.items():
        if not key.startswith("_"):
            print(f"  {key}: {value}")
    if n["_sizes"]:
        print("  files over 500 lines: " + ", ".join(f"{rel} ({lines})" for rel, lines in n["_sizes"]))  # type: ignore[union-attr]
    for comp in n["_hidden_cycles"]:  # type: ignore[union-attr]
        print(f"  cycle through function-level imports: {' <-> '.join(comp)}")
    for entry in n["_stale_baseline"]:  # type: ignore[union-attr]
        print(f"  baseline can be lowered (--update-baseline): {entry}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1],
                        help="folder holding the multiaug package (default: this checkout)")
    parser.add_argument("--report", action="store_true", help="print every finding and the numbers; exit 0")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="known findings (default: %(default)s)")
    parser.add_argument("--no-baseline", action="store_true", help="ignore the baseline: every finding fails")
    parser.add_argument("--update-baseline", action="store_true",
                        help="lower the baseline's counts to what is found (never raises one), then check")
    args = parser.parse_args(argv)
    baseline = None if args.no_baseline else args.baseline
    if args.update_baseline and baseline is not None:
        update_baseline(baseline, check(args.root, baseline).findings)
    result = check(args.root, baseline)
    if args.json:
        print(json.dumps({k: v for k, v in result.numbers.items() if not k.startswith("_")}, indent=2))
        return 0 if args.report or not result.failures else 1
    shown = result.findings if args.report else result.failures
    for finding in sorted(shown, key=lambda f: (not f.strict, f.kind, f.path, f.line)):
        print(finding)
    print_numbers(result)
    if args.report:
        return 0
    if result.failures:
        print(f"structure check: {len(result.failures)} failure(s)")
        return 1
    print("structure check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
