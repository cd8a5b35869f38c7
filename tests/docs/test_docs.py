"""The documentation a user reads: README's front page and the pages under docs/.

A page that lists keys the app does not have, or a link that leads nowhere, misleads
the reader; these tests fail when either happens.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [
    ROOT / "README.md",
    ROOT / "benchmarks" / "README.md",
    ROOT / "fuzz" / "README.md",
    *sorted(DOCS.glob("*.md")),
]


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_keys_page_is_generated_from_the_key_table():
    written = (DOCS / "keys.md").read_text(encoding="utf-8")
    assert written == _script("make_keys").markdown(), (
        "docs/keys.md is not current: run `python docs/make_keys.py > docs/keys.md`"
    )


def test_keys_page_lists_every_binding_id():
    from uneventtui.app.bindings import binding_ids

    page = (DOCS / "keys.md").read_text(encoding="utf-8")
    assert all(f"`{key_id}`" in page for key_id in binding_ids())


def test_readme_is_a_front_page():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; move detail to docs/"


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)|<img [^>]*src=\"([^\"]+)\"")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_lead_to_files(page):
    text = page.read_text(encoding="utf-8")
    targets = [a or b for a, b in LINK.findall(text)]
    missing = [t for t in targets if "://" not in t and not (page.parent / t).resolve().exists()]
    assert not missing, f"{page.name} links to files that do not exist: {missing}"
