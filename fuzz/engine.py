"""A small coverage-guided mutation fuzzer for pure-Python targets (no atheris needed).

It keeps a corpus of inputs (bytes); each round it picks one, mutates it (bit flips,
byte and token insertions, deletions, duplications, splices with another input), runs
the target under `sys.settrace` restricted to the `uneventtui` package, and keeps the
input when it reaches a line pair (an arc) never seen before. An exception in the
target is a finding: the input is written to `crashers/` (one file per distinct
exception type and place) and fuzzing goes on. Runs until the time budget is spent.

Used by fuzz_loader.py and fuzz_text.py; see fuzz/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

PACKAGE = str(Path(__file__).resolve().parent.parent / "uneventtui")


class SlowInput(Exception):
    """An input the target took too long on (a hang or a quadratic blow-up)."""


class Coverage:
    """Arcs (previous line, line) executed in the package's code."""

    def __init__(self) -> None:
        self.arcs: set[tuple[str, int, int]] = set()
        self._new = 0

    def _local(self, frame, event, arg):
        # Keyed by id(frame), dropped on return: holding frames would keep them alive.
        if event == "line":
            key = (frame.f_code.co_filename, frame.f_lineno, self._last.get(id(frame), -1))
            self._last[id(frame)] = frame.f_lineno
            if key not in self.arcs:
                self.arcs.add(key)
                self._new += 1
        elif event == "return":
            self._last.pop(id(frame), None)
        return self._local

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename.startswith(PACKAGE):
            return self._local
        return None

    def run(self, target: Callable[[bytes], None], data: bytes) -> int:
        """Run target(data) traced; how many new arcs it reached (exceptions propagate)."""
        self._new = 0
        self._last: dict = {}
        sys.settrace(self._global)
        try:
            target(data)
        finally:
            sys.settrace(None)
            self._last = {}
        return self._new


class Mutator:
    def __init__(self, rng: random.Random, tokens: list[bytes]) -> None:
        self.rng = rng
        self.tokens = tokens

    def mutate(self, data: bytes, other: bytes) -> bytes:
        rng = self.rng
        buf = bytearray(data)
        for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
            op = rng.randrange(9)
            pos = rng.randrange(len(buf) + 1)
            if op == 0 and buf:  # flip a bit
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
            elif op == 1:  # a random byte
                buf[pos:pos] = bytes([rng.randrange(256)])
            elif op in (2, 3):  # a token from the dictionary
                buf[pos:pos] = rng.choice(self.tokens)
            elif op == 4 and buf:  # delete a run
                del buf[pos : pos + rng.randrange(1, 64)]
            elif op == 5 and buf:  # duplicate a run
                start = rng.randrange(len(buf))
                buf[pos:pos] = buf[start : start + rng.randrange(1, 200)]
            elif op == 6 and other:  # splice with another input
                start = rng.randrange(len(other))
                buf[pos:] = other[start : start + rng.randrange(1, 2000)] + buf[pos:]
            elif op == 7 and buf:  # overwrite with an "interesting" byte
                buf[rng.randrange(len(buf))] = rng.choice(b"\x00\x1b\x7f\x80\x9b\xc2\xff\"'[]=\n")
            elif op == 8:  # a random code point, UTF-8 encoded
                code = rng.choice(
                    (rng.randrange(0x80), rng.randrange(0x800), rng.randrange(0x110000))
                )
                if not 0xD800 <= code <= 0xDFFF:
                    buf[pos:pos] = chr(code).encode()
        return bytes(buf[: 1 << 16])


def fuzz(
    name: str,
    target: Callable[[bytes], None],
    seeds: Iterable[bytes],
    tokens: list[bytes],
    argv: list[str] | None = None,
) -> int:
    parser = argparse.ArgumentParser(description=f"Fuzz {name} (see fuzz/README.md).")
    parser.add_argument("--minutes", type=float, default=1.0, help="time budget (default 1)")
    parser.add_argument("--seed", type=int, default=None, help="random seed")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus" / name)
    parser.add_argument("--crashers", type=Path, default=Path(__file__).parent / "crashers" / name)
    parser.add_argument(
        "--timeout", type=int, default=10, help="seconds before an input counts as a hang"
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    args.corpus.mkdir(parents=True, exist_ok=True)
    coverage = Coverage()
    corpus: list[bytes] = []
    findings: dict[str, Path] = {}

    def save(directory: Path, data: bytes) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / hashlib.sha1(data).hexdigest()[:16]
        path.write_bytes(data)
        return path

    def on_alarm(signum, frame):
        raise SlowInput(f"took more than {args.timeout} s")

    signal.signal(signal.SIGALRM, on_alarm)

    def execute(data: bytes, keep: bool) -> None:
        signal.alarm(args.timeout)
        try:
            new = coverage.run(target, data)
        except Exception as exc:
            tb = traceback.extract_tb(exc.__traceback__)
            where = next((f for f in reversed(tb) if f.filename.startswith(PACKAGE)), tb[-1])
            key = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
            if key not in findings:
                findings[key] = save(args.crashers, data)
                print(f"[{name}] FINDING {key}: {exc!r:.200} -> {findings[key]}", flush=True)
            return
        finally:
            signal.alarm(0)
        if new and keep:
            corpus.append(data)
            save(args.corpus, data)

    initial = [*seeds, *(p.read_bytes() for p in sorted(args.corpus.iterdir()) if p.is_file())]
    for data in initial:
        execute(data, keep=False)
        corpus.append(data)
    mutator = Mutator(rng, tokens)
    start = time.monotonic()
    deadline = start + args.minutes * 60
    runs = 0
    next_report = start + 30
    while time.monotonic() < deadline:
        data = mutator.mutate(rng.choice(corpus), rng.choice(corpus))
        execute(data, keep=True)
        runs += 1
        if time.monotonic() >= next_report:
            next_report += 30
            print(
                f"[{name}] {time.monotonic() - start:6.0f}s {runs} runs, corpus {len(corpus)}, "
                f"arcs {len(coverage.arcs)}, findings {len(findings)}",
                flush=True,
            )
    elapsed = time.monotonic() - start
    print(
        f"[{name}] done: {elapsed / 60:.1f} min, {runs} runs, corpus {len(corpus)}, "
        f"arcs {len(coverage.arcs)}, findings {len(findings)}",
        flush=True,
    )
    for key, path in findings.items():
        print(f"  {key}: {path}")
    return 1 if findings else 0


def repo_root() -> Path:
    root = Path(__file__).resolve().parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    os.chdir(root)
    return root
