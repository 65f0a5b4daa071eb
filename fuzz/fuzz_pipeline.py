"""Fuzz the whole pipeline for a bounded time: random and mutated text in, every invariant checked.

Not part of the normal test run. Usage, from the repository's root::

    python fuzz/fuzz_pipeline.py --seconds 300            # default 120 s
    python fuzz/fuzz_pipeline.py --seconds 60 --findings /tmp/zhkg-fuzz   # also write reproducers

It is hypothesis at scale: batches of examples from the strategies of ``tests/test_properties.py``
(random texts from news fragments and noise, mutated seed lines), long paragraphs with no
sentence end, and raw bytes decoded by ``graph.corpus.decode`` (which may only raise
``CorpusError``). Every input is extracted and
checked (offsets slice to surfaces, relation ends exist, evidence inside its document); every
``--export-every``-th input is also exported in every format and each file parsed (Turtle in
rdflib and pyoxigraph, N-Triples, JSON-LD, JSON, GraphML) and the HTML checked for unescaped
input. A failure is shrunk by hypothesis to a minimal input and printed with its traceback;
an input slower than ``--timeout`` seconds is stopped and listed (not shrunk). Characters of a
known, reported bug (``KNOWN_BAD_FOR_EXPORT`` in the tests) are removed before exporting
unless ``--include-known`` is given. At the end it
prints how many inputs it tried, how many distinct failures it found, and the slowest inputs.
Exit code: 0 nothing found, 1 failures or stopped inputs found.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import test_properties as props
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from graph.corpus import CorpusError, decode
from graph.model import Document
from graph.pipeline import extract


class Hang(Exception):
    """One input took longer than the per-input time limit."""


@dataclass
class Stats:
    """What a run did and found."""

    inputs: int = 0
    exported: int = 0
    bytes_inputs: int = 0
    refused: int = 0
    failures: dict[str, dict[str, object]] = field(default_factory=dict)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)

    def time(self, seconds: float, texts: list[str]) -> None:
        """Remember the slowest inputs (the five slowest, with their size)."""
        size = sum(len(t) for t in texts)
        self.slowest.append((seconds, f"{len(texts)} docs, {size} chars: {_short(texts[0], 80)}"))
        self.slowest.sort(reverse=True)
        del self.slowest[5:]


def _signature(err: BaseException) -> str:
    """Return a failure's identity: its type and the innermost frame in the project's code."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if "/graph/" in f.filename or "test_" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(err).__name__} at {where}"


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang("input took longer than the per-input time limit")


def run(seconds: float, export_every: int, timeout: float, seed_value: int, batch: int,
        include_known: bool = False) -> Stats:
    """Fuzz for ``seconds``; return the statistics."""
    stats = Stats()
    deadline = time.monotonic() + seconds
    # Batches start until ``deadline``; a batch that is shrinking a failure may run on a little.
    hard_deadline = deadline + min(120.0, seconds / 2)
    signal.signal(signal.SIGALRM, _alarm)
    tmp = Path(tempfile.mkdtemp(prefix="zhkg-fuzz-"))
    current: dict[str, object] = {}

    def check_docs(docs: list[Document]) -> None:
        if time.monotonic() > hard_deadline:
            return
        stats.inputs += 1
        current["texts"] = [d.text for d in docs]
        started = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            try:
                extraction = extract(docs)
            except Hang:  # recorded, not shrunk: shrinking a slow input takes too long
                size = sum(len(d.text) for d in docs)
                stats.hangs.append(f"{len(docs)} docs, {size} chars: {_short(docs[0].text)}")
                return
            props.check_extraction(docs, extraction)
            if stats.inputs % export_every == 0:
                stats.exported += 1
                if not include_known and docs != props.without_known_bugs(docs):
                    docs = props.without_known_bugs(docs)
                    extraction = extract(docs)
                props.check_exports(docs, extraction, tmp)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        stats.time(time.monotonic() - started, [d.text for d in docs])

    def check_bytes(data: bytes) -> None:
        if time.monotonic() > hard_deadline:
            return
        stats.bytes_inputs += 1
        current["bytes"] = data
        try:
            text = decode(data, "fuzz.txt")
        except CorpusError as err:
            stats.refused += 1
            assert "\n" not in str(err) and str(err).startswith("fuzz.txt: "), str(err)
            return
        check_docs([Document(id="fuzz.txt", text=text)])

    seed_bytes = [line.encode(enc) for line in props.seed_lines()[:40] for enc in ("utf-8", "gb18030")]
    byte_inputs = st.one_of(
        st.binary(max_size=200),
        st.builds(lambda base, at, junk: base[:at] + junk + base[at:],
                  st.sampled_from(seed_bytes), st.integers(0, 400), st.binary(max_size=8)),
        st.sampled_from(seed_bytes).map(lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),
    )
    # Long paragraphs with no sentence end: the per-sentence stages see one long sentence.
    unpunctuated = st.sampled_from([f for f in props.FRAGMENTS if not set(f) & set("。！？；\n")])
    long_texts = st.tuples(st.lists(unpunctuated, min_size=3, max_size=30), st.integers(5, 60)).map(
        lambda p: [Document(id="long.txt", text="".join(p[0]) * p[1] + "。")])
    targets: list[tuple[str, Callable[..., None], st.SearchStrategy, int]] = [
        ("text", check_docs, props.corpora, batch),
        ("bytes", check_bytes, byte_inputs, batch),
        ("text", check_docs, props.corpora, batch),
        ("long", check_docs, long_texts, max(1, batch // 40)),
    ]
    rng = random.Random(seed_value)
    round_no = 0
    last_report = time.monotonic()
    while time.monotonic() < deadline:
        name, body, strategy, examples = targets[round_no % len(targets)]
        round_no += 1
        fuzz_one = _batch(body, strategy, examples, rng.getrandbits(64))
        try:
            fuzz_one()
        except Exception as err:  # noqa: BLE001 - every failure is recorded, the run goes on
            sig = _signature(err)
            if sig not in stats.failures:
                stats.failures[sig] = {
                    "kind": name,
                    "input": current.get("bytes") if name == "bytes" else current.get("texts"),
                    "traceback": "".join(traceback.format_exception(err))[-4000:],
                }
                print(f"FAILURE {sig}\n  minimal input: {_short(stats.failures[sig]['input'])}", flush=True)
        if time.monotonic() - last_report > 30:
            last_report = time.monotonic()
            print(f"... {stats.inputs} inputs ({stats.bytes_inputs} raw bytes, {stats.exported} exported), "
                  f"{len(stats.hangs)} over {timeout:g} s, {len(stats.failures)} failures", file=sys.stderr, flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return stats


def _batch(body: Callable[[object], None], strategy: st.SearchStrategy, examples: int,
           seed_value: int) -> Callable[[], None]:
    """Return a hypothesis test that runs ``body`` on ``examples`` values of ``strategy``, then shrinks a failure."""

    @seed(seed_value)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              phases=(Phase.generate, Phase.shrink), print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def fuzz_one(value: object) -> None:
        body(value)

    return fuzz_one


def _short(value: object, limit: int = 300) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters, with the full length when cut."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters in all)"


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, fuzz, print the report; return 1 when something failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="how long to fuzz (default 120)")
    parser.add_argument("--export-every", type=int, default=3, metavar="N",
                        help="export and parse every Nth input (default 3; exporting is the slow part)")
    parser.add_argument("--timeout", type=float, default=20, help="seconds one input may take (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the batches (default 0)")
    parser.add_argument("--batch", type=int, default=200, help="examples per hypothesis batch (default 200)")
    parser.add_argument("--include-known", action="store_true",
                        help="also export text with the characters of a known, reported bug "
                             "(test_properties.KNOWN_BAD_FOR_EXPORT); by default they are removed before exporting")
    parser.add_argument("--findings", metavar="DIR", help="also write each failure as DIR/<n>.json")
    args = parser.parse_args(argv)

    started = time.monotonic()
    stats = run(args.seconds, args.export_every, args.timeout, args.seed, args.batch, args.include_known)
    elapsed = time.monotonic() - started
    print(f"fuzzed {elapsed:.0f} s: {stats.inputs} pipeline inputs "
          f"({stats.inputs - stats.bytes_inputs + stats.refused} from the text strategies, the rest "
          f"decoded from {stats.bytes_inputs} raw byte inputs, {stats.refused} of which corpus.decode refused), "
          f"{stats.exported} exported in every format; {len(stats.failures)} distinct failures")
    print("slowest inputs that finished:")
    for seconds, what in stats.slowest:
        print(f"  {seconds:6.2f} s  {what}")
    print(f"{len(stats.hangs)} inputs stopped after {args.timeout:g} s:")
    for what in stats.hangs:
        print(f"  {what}")
    for n, (sig, failure) in enumerate(sorted(stats.failures.items()), 1):
        print(f"\n[{n}] {sig} ({failure['kind']})\ninput: {_short(failure['input'], 2000)}\n{failure['traceback']}")
        if args.findings:
            folder = Path(args.findings)
            folder.mkdir(parents=True, exist_ok=True)
            value = failure["input"]
            record = {"signature": sig, "kind": failure["kind"], "traceback": failure["traceback"],
                      "input": value.hex() if isinstance(value, bytes) else value}
            (folder / f"{n}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if stats.failures or stats.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
