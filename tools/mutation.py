"""Mutation testing of the core modules with Cosmic Ray: do the tests notice a planted bug?

    pip install -e '.[test,mutation]'
    nice -n 19 python tools/mutation.py uneventtui/search/normalize.py   # one module
    nice -n 19 python tools/mutation.py --all                             # every module

Each module is mutated in a copy of the checkout (the working tree is never touched) and
only the tests mapped to it below run against each mutant, so one module takes minutes,
not hours. The results (score, surviving mutants) are kept in docs/mutation.json and
written into docs/testing.md, dated with the commit they measured. Too slow for every CI
run: it is not part of .ci/run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "mutation.json"
REPORT = ROOT / "docs" / "testing.md"
BEGIN, END = "<!-- mutation results: begin -->", "<!-- mutation results: end -->"

# Module -> the tests that are meant to catch a bug in it (run with -x: the first
# failure kills the mutant). Slow suites (tmux, pty, the wheel) stay out.
TESTS = {
    "uneventtui/text/uba.py": "tests/text tests/robustness/test_fuzz_regressions.py",
    "uneventtui/text/layout.py": "tests/text tests/robustness/test_fuzz_regressions.py",
    "uneventtui/text/shaping.py": "tests/text tests/robustness/test_fuzz_regressions.py",
    "uneventtui/text/sanitize.py": "tests/text tests/robustness/test_properties.py",
    "uneventtui/search/normalize.py": "tests/search/test_search_normalize.py "
    "tests/search/test_search.py",
    "uneventtui/search/index.py": "tests/search",
    "uneventtui/loader.py": "tests/data/test_loader.py tests/data/test_dataset.py "
    "tests/robustness/test_loader_fuzz.py tests/robustness/test_hostile.py",
    "uneventtui/cache.py": "tests/data/test_cache.py tests/data/test_scale_cache.py "
    "tests/data/test_loader_cache.py tests/robustness/test_hostile_files.py",
    "uneventtui/packed.py": "tests/data/test_cache.py tests/data/test_scale_cache.py",
    "uneventtui/output.py": "tests/cli",
}
COPIED = ["uneventtui", "tests", "data", "seeds", "pyproject.toml"]


def run_module(module: str, timeout: float) -> dict:
    """Mutate `module` in a copy of the checkout; the session's results."""
    from cosmic_ray.work_db import WorkDB, use_db

    work = Path(tempfile.mkdtemp(prefix="uneventtui-mutation-"))
    try:
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, work / name)
        # `python -m pytest` in the copy imports the copy (the checkout comes first).
        command = (
            f"{sys.executable} -m pytest -x -q -p no:cacheprovider -m 'not slow' {TESTS[module]}"
        )
        config = work / "cosmic-ray.toml"
        config.write_text(
            "[cosmic-ray]\n"
            f"module-path = {json.dumps(module)}\n"
            f"timeout = {timeout}\n"
            "excluded-modules = []\n"
            f"test-command = {json.dumps(command)}\n"
            '[cosmic-ray.distributor]\nname = "local"\n',
            encoding="utf-8",
        )
        session = work / "session.sqlite"
        cosmic_ray = [sys.executable, "-m", "cosmic_ray.cli"]
        # CI=true: Hypothesis runs the same derandomised examples for every mutant, so a
        # score depends on the tests and the code, not on luck (tests/conftest.py).
        env = {**os.environ, "CI": "true"}
        for step in (["baseline", str(config)], ["init", str(config), str(session)],
                     ["exec", str(config), str(session)]):  # fmt: skip
            subprocess.run([*cosmic_ray, *step], cwd=work, env=env, check=True)
        with use_db(str(session), WorkDB.Mode.open) as db:
            done = db.completed_work_items
            pending = db.num_work_items - len(done)
        survivors = []
        for item, result in done:
            if result.is_killed:
                continue
            (mutation,) = item.mutations
            survivors.append(
                {
                    "line": mutation.start_pos[0],
                    "operator": mutation.operator_name.removeprefix("core/"),
                    "change": _changed_lines(result.diff or ""),
                }
            )
        survivors.sort(key=lambda s: (s["line"], s["operator"]))
        return {
            "mutants": len(done) + pending,
            "run": len(done),
            "killed": sum(result.is_killed for _item, result in done),
            "survivors": survivors,
            "tests": TESTS[module],
            "commit": _commit(),
            "date": dt.date.today().isoformat(),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _changed_lines(diff: str) -> str:
    """The mutant as 'old -> new', from Cosmic Ray's unified diff."""
    old = [line[1:].strip() for line in diff.splitlines() if re.match(r"-(?!--)", line)]
    new = [line[1:].strip() for line in diff.splitlines() if re.match(r"\+(?!\+\+)", line)]
    return f"{' / '.join(old)} -> {' / '.join(new)}"


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(["git", "status", "--porcelain", "uneventtui", "tests"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    return done.stdout.strip() + (" + uncommitted changes" if dirty else "")


def render(results: dict) -> str:
    """The generated part of docs/testing.md."""
    lines = [
        "| module | tests run against it | mutants | killed | score | commit, date |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for module in TESTS:
        r = results.get(module)
        if r is None:
            lines.append(f"| `{module}` | `{TESTS[module]}` | not run yet | | | |")
            continue
        score = f"{100 * r['killed'] / r['run']:.1f}%" if r["run"] else "-"
        lines.append(
            f"| `{module}` | `{r['tests']}` | {r['mutants']} | {r['killed']} | {score} "
            f"| {r['commit']}, {r['date']} |"
        )
    for module, r in results.items():
        if not r["survivors"]:
            continue
        lines += ["", f"Surviving mutants in `{module}` ({len(r['survivors'])}):", ""]
        lines += [
            f"- line {s['line']}, {s['operator']}: `{s['change']}`".replace("``", "` `")
            for s in r["survivors"]
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"modules to mutate, of: {', '.join(TESTS)}")
    parser.add_argument("--all", action="store_true", help="every module (hours)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per test run")
    args = parser.parse_args(argv)
    modules = list(TESTS) if args.all else args.modules
    unknown = [m for m in modules if m not in TESTS]
    if not modules or unknown:
        parser.error(f"name modules to mutate, of: {', '.join(TESTS)} (or --all)")
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    for module in modules:
        results[module] = run_module(module, args.timeout)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
        r = results[module]
        print(f"{module}: {r['killed']}/{r['run']} killed, {len(r['survivors'])} survived")
    text = REPORT.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    REPORT.write_text(text[:start] + "\n" + render(results) + "\n" + text[end:], "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
