"""The documentation a user reads: README's front page and the pages under docs/.

A page that lists keys the app does not have, or a link that leads nowhere, misleads
the reader; these tests fail when either happens.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


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
