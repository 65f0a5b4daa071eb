"""Benchmark of ``kg build``: throughput per stage, against raw jieba, parallel and incremental.

Not a test (pytest does not collect it): a script that prints figures.

    python tests/bench/bench_build.py --size 10MB              # the whole benchmark
    python tests/bench/bench_build.py --size 2MB --keep /tmp/c  # keep the corpus made

It makes a corpus of about ``--size`` bytes (UTF-8) from ``seeds/`` in a temporary folder:
copy ``i`` of a seed article has its company brands replaced by other made-up brands and its
city (full and short name) by another prefecture-level city of the gazetteer, so that
resolution has many distinct names to merge. Then it reports, each build in a fresh process:

1. per stage (load, segment, recognize, resolve, relate, graph, export) and for the whole
   build on one core: seconds and characters per second, with the throughput of raw
   ``jieba.lcut`` over the same texts measured in the same process (before and after the
   build; the faster of the two counts), and the ratio (in wall time, and in the process's
   CPU time, which other work on the machine disturbs less);
2. ``kg build --jobs 1`` and ``--jobs 2`` (``--no-cache``): wall time, speed-up;
3. cached rebuilds with ``--jobs 2``: nothing changed (the build stamp: nothing to do), one
   article added, that article removed again, and a check that the result equals a
   ``--no-cache`` build;
4. peak memory (``ru_maxrss``) of each build's process and of its largest child.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT))

#: Characters of made-up brands.
BRAND_CHARS = "华鑫恒泰安瑞丰宏达祥盛隆兴源鼎誉嘉德博远晟昌翔润锦辉腾耀富康永凯宇浩联正科创力信诚威豪明晖凌峰"


def _size(text: str) -> int:
    """Return a byte count from ``10MB``, ``500KB`` or ``123``."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text}")
    return int(float(match.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[match.group(2)])


def _names_to_vary() -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Return (company brands, seeds' prefecture (full, short) names, other prefectures) to vary."""
    from graph import corpus
    from graph.lexicon import load_lexicon, short_name
    from graph.pipeline import extract
    from graph.resolve import company_brand

    lexicon = load_lexicon()
    docs = corpus.load([SEEDS])
    extraction = extract(docs, lexicon)
    brands = set()
    for ent in extraction.entities:
        if ent.type == "Company":
            for name in (ent.name, *ent.aliases):
                brand = company_brand(name, lexicon)
                if 2 <= len(brand) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", brand):
                    brands.add(brand)
    text = "".join(d.text for d in docs)
    prefectures = sorted({(d.name, short_name(d.name, d.level)) for d in lexicon.divisions_by_code.values()
                          if d.level == "prefecture" and short_name(d.name, d.level)})
    seen = [(full, short) for full, short in prefectures if full in text]
    others = [(full, short) for full, short in prefectures if full not in text]
    return sorted(brands, key=lambda b: (-len(b), b)), seen, others


def make_corpus(folder: Path, size: int, seed: int = 8) -> tuple[int, int]:
    """Write about ``size`` bytes of articles varied from the seeds into ``folder``; return (files, chars)."""
    brands, cities, other_cities = _names_to_vary()
    rng = random.Random(seed)
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    folder.mkdir(parents=True, exist_ok=True)
    written = chars = copy = 0
    while written < size:
        mapping: dict[str, str] = {}
        if copy:  # copy 0 is the seeds themselves
            for brand in brands:
                mapping[brand] = "".join(rng.choice(BRAND_CHARS) for _ in brand)
            for full, short in cities:
                new_full, new_short = rng.choice(other_cities)
                mapping[full], mapping[short] = new_full, new_short
        pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))) if mapping else None
        for path, text in zip(seeds, texts):
            if written >= size:
                break
            body = pattern.sub(lambda m: mapping[m.group()], text) if pattern else text
            data = body.encode("utf-8")
            (folder / f"{copy:05d}_{path.name}").write_bytes(data)
            written += len(data)
            chars += len(body)
        copy += 1
    return len(list(folder.glob("*.txt"))), chars


def _maxrss_mb(who: int) -> float:
    """Return the peak resident set of ``who`` (RUSAGE_SELF or RUSAGE_CHILDREN) in MB."""
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def child_profile(corpus_dir: str, out: str) -> dict[str, object]:
    """Build in this process on one core with stage timings; time raw jieba.lcut on the same texts
    before and after the build (the faster counts)."""
    from graph import corpus, export
    from graph.export.write_all import write_all
    from graph.kg import KnowledgeGraph
    from graph.lexicon import load_lexicon
    from graph.pipeline import extract
    from graph.segment import warm_up

    jieba = _raw_jieba()
    timings: dict[str, float] = {}
    t = time.perf_counter()
    lexicon = load_lexicon()
    warm_up()
    setup = timings["setup (lexicon, jieba dictionary)"] = time.perf_counter() - t
    before = _time_jieba(jieba, corpus.load([corpus_dir]))
    t0 = time.perf_counter() - setup  # "whole" counts the setup, not the jieba timing
    cpu0 = time.process_time()
    t = time.perf_counter()
    docs = corpus.load([corpus_dir])
    timings["load"] = time.perf_counter() - t
    extraction = extract(docs, lexicon, timings=timings)
    t = time.perf_counter()
    kg = KnowledgeGraph.build(extraction)
    timings["graph"] = time.perf_counter() - t
    t = time.perf_counter()
    Path(out).mkdir(parents=True, exist_ok=True)
    names = {file_name: name for name, file_name in export.FILE_NAMES.items()}
    lap = [t]

    def written(path: Path) -> None:
        """Time each format as ``kg build --jobs 1`` writes it (write_all, one process)."""
        now = time.perf_counter()
        timings[f"export:{names[path.name]}"] = now - lap[0]
        lap[0] = now

    write_all(kg, Path(out), jobs=1, on_written=written)
    timings["export"] = time.perf_counter() - t
    timings["whole"] = time.perf_counter() - t0
    build_cpu = time.process_time() - cpu0
    rss_build = _maxrss_mb(resource.RUSAGE_SELF)

    after = _time_jieba(jieba, docs)
    (jieba_seconds, jieba_cpu, words) = min(before, after)
    return {"timings": timings, "chars": sum(len(d.text) for d in docs), "documents": len(docs),
            "entities": kg.G.number_of_nodes(), "edges": kg.G.number_of_edges(),
            "jieba_seconds": jieba_seconds, "jieba_words": words, "rss_mb": rss_build,
            "build_cpu": build_cpu, "jieba_cpu": jieba_cpu}


def _raw_jieba() -> object:
    """Return a ``jieba.Tokenizer`` of jieba's default dictionary, loaded: ``jieba.lcut`` is its ``lcut``."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _time_jieba(jieba: object, docs: list) -> tuple[float, float, int]:
    """Return the wall and CPU seconds ``lcut`` of the jieba tokenizer ``jieba`` takes over the
    texts of ``docs``, and the number of words."""
    t, cpu = time.perf_counter(), time.process_time()
    words = sum(len(jieba.lcut(doc.text)) for doc in docs)  # type: ignore[attr-defined]
    return time.perf_counter() - t, time.process_time() - cpu, words


def child_extract(corpus_dir: str, jobs: str, cache_dir: str) -> dict[str, object]:
    """Load and extract (no graph, no export) with ``jobs`` processes and the cache in ``cache_dir`` ("-": none)."""
    from graph import corpus
    from graph.cache import ResultCache
    from graph.lexicon import load_lexicon
    from graph.pipeline import extract

    t = time.perf_counter()
    timings: dict[str, float] = {}
    lexicon = load_lexicon()
    cache = None if cache_dir == "-" else ResultCache(cache_dir)
    t1 = time.perf_counter()
    docs = corpus.load([corpus_dir])
    timings["load"] = time.perf_counter() - t1
    extraction = extract(docs, lexicon, jobs=int(jobs), cache=cache, timings=timings)
    return {"seconds": time.perf_counter() - t, "timings": timings, "entities": len(extraction.entities),
            "stats": cache.stats() if cache else "", "rss_mb": _maxrss_mb(resource.RUSAGE_SELF),
            "children_rss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


def child_cli(argv: list[str]) -> dict[str, object]:
    """Run ``kg`` with ``argv`` in this process; return its wall time, exit code and peak memory."""
    from graph import cli

    t = time.perf_counter()
    code = cli.main(argv)
    return {"seconds": time.perf_counter() - t, "code": code,
            "rss_mb": _maxrss_mb(resource.RUSAGE_SELF), "children_rss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


def _run_child(*args: str) -> dict:
    """Run this script in a fresh Python process with ``args``; return the JSON it prints last."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"child {args} failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - t
    result["stderr"] = proc.stderr
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=_size, default=_size("10MB"), help="corpus size in bytes (default 10MB)")
    parser.add_argument("--keep", metavar="DIR", help="make (or reuse) the corpus in DIR instead of a temp folder")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to time (default 1 2)")
    parser.add_argument("--skip", nargs="*", default=[], choices=("profile", "jobs", "incremental"))
    parser.add_argument("--extract-only", action="store_true",
                        help="time --jobs and rebuilds without the graph and the exports (load … relate only)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, rest = args.child[0], args.child[1:]
        child = {"profile": child_profile, "extract": child_extract}.get(kind)
        result = child(*rest) if child else child_cli(rest)
        print(json.dumps(result, ensure_ascii=False))
        return

    work = Path(tempfile.mkdtemp(prefix="zhkg-bench-"))
    try:
        corpus_dir = Path(args.keep) if args.keep else work / "corpus"
        if not (corpus_dir.is_dir() and any(corpus_dir.glob("*.txt"))):
            t = time.perf_counter()
            files, chars = make_corpus(corpus_dir, args.size)
            print(f"corpus: {files} files, {chars:,} characters, "
                  f"{sum(p.stat().st_size for p in corpus_dir.glob('*.txt')) / 1e6:.1f} MB in {corpus_dir} "
                  f"(made in {time.perf_counter() - t:.1f} s)")
        else:
            print(f"corpus: reusing {corpus_dir}")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

        if "profile" not in args.skip:
            r = _run_child("--child", "profile", str(corpus_dir), str(work / "profile-out"))
            chars, timings = r["chars"], r["timings"]
            print(f"\none core, in process ({r['documents']} documents, {chars:,} chars → "
                  f"{r['entities']:,} entities, {r['edges']:,} edges):")
            for stage, seconds in timings.items():
                rate = f"{chars / seconds:>12,.0f} chars/s" if seconds > 0 else ""
                print(f"  {stage:<36} {seconds:8.2f} s {rate}")
            jieba_rate = chars / r["jieba_seconds"]
            build_rate = chars / (timings["whole"] - timings["setup (lexicon, jieba dictionary)"])
            extract_rate = chars / sum(timings[s] for s in ("load", "analyse", "resolve", "relate"))
            print(f"  raw jieba.lcut, same texts          {r['jieba_seconds']:8.2f} s {jieba_rate:>12,.0f} chars/s")
            print(f"  ratio whole build (without setup) / jieba.lcut: {build_rate / jieba_rate:.2f}")
            print(f"  the same ratio in CPU time (less sensitive to other load): {r['jieba_cpu'] / r['build_cpu']:.2f}")
            print(f"  ratio extraction (load..relate) / jieba.lcut:   {extract_rate / jieba_rate:.2f}")
            print(f"  peak memory of the build process: {r['rss_mb']:.0f} MB")

        if args.extract_only:
            _extract_only(args, corpus_dir, work)
            return
        if "jobs" not in args.skip:
            print()
            seconds = {}
            for jobs in args.jobs:
                r = _run_child("--child", "cli", "build", str(corpus_dir), "--out", str(work / f"out-j{jobs}"),
                               "--jobs", str(jobs), "--no-cache")
                seconds[jobs] = r["seconds"]
                print(f"kg build --jobs {jobs} --no-cache: {r['seconds']:6.2f} s in main() "
                      f"({r['process_seconds']:.2f} s with interpreter start); peak memory main {r['rss_mb']:.0f} MB, "
                      f"largest worker {r['children_rss_mb']:.0f} MB")
            if 1 in seconds:
                for jobs, s in seconds.items():
                    if jobs != 1:
                        print(f"  speed-up --jobs {jobs} / --jobs 1: {seconds[1] / s:.2f}×")
            outs = [work / f"out-j{j}" for j in args.jobs]
            same = all((outs[0] / f).read_bytes() == (o / f).read_bytes()
                       for o in outs[1:] for f in os.listdir(outs[0]) if f.startswith("graph"))
            print(f"  exports identical across --jobs: {same}")

        if "incremental" not in args.skip:
            print()
            out = work / "out-inc"
            first = _run_child("--child", "cli", "build", str(corpus_dir), "--out", str(out), "--jobs", "2")
            print(f"kg build --jobs 2 (cold cache):     {first['seconds']:6.2f} s")
            build = ("--child", "cli", "build", str(corpus_dir), "--out", str(out), "--jobs", "2")
            again = _run_child(*build)
            print(f"kg build --jobs 2 (no change):      {again['seconds']:6.2f} s "
                  f"[{_cache_line(again['stderr']) or 'exports current, nothing done'}]")
            seed = sorted(SEEDS.glob("*.txt"))[0]
            new_article = corpus_dir / "99999_new_article.txt"
            new_article.write_text(seed.read_text(encoding="utf-8").replace("焦作", "洛阳"), encoding="utf-8")
            try:
                added = _run_child(*build)
            finally:
                new_article.unlink()
            print(f"kg build --jobs 2 (one article added): {added['seconds']:6.2f} s "
                  f"[{_cache_line(added['stderr'])}]; peak memory {added['rss_mb']:.0f} MB")
            removed = _run_child(*build)
            print(f"kg build --jobs 2 (that article removed): {removed['seconds']:6.2f} s "
                  f"[{_cache_line(removed['stderr'])}]")
            fresh = _run_child("--child", "cli", "build", str(corpus_dir), "--out", str(work / "out-fresh"),
                               "--no-cache", "--jobs", "2")
            same = all((out / f).read_bytes() == (work / "out-fresh" / f).read_bytes()
                       for f in os.listdir(out) if f.startswith("graph"))
            print(f"  cached build identical to --no-cache build: {same} ({fresh['seconds']:.2f} s uncached)")
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the corpus too, unless --keep put it elsewhere


def _extract_only(args: argparse.Namespace, corpus_dir: Path, work: Path) -> None:
    """The --jobs and rebuild figures of load … relate alone, each in a fresh process."""
    if "jobs" not in args.skip:
        print()
        seconds = {}
        for jobs in args.jobs:
            r = _run_child("--child", "extract", str(corpus_dir), str(jobs), "-")
            seconds[jobs] = r["seconds"]
            print(f"extract --jobs {jobs} (load … relate, no cache): {r['seconds']:6.2f} s "
                  f"{_stages(r['timings'])}; peak memory main {r['rss_mb']:.0f} MB, "
                  f"largest worker {r['children_rss_mb']:.0f} MB")
        for jobs, s in seconds.items():
            if jobs != 1 and 1 in seconds:
                print(f"  speed-up --jobs {jobs} / --jobs 1: {seconds[1] / s:.2f}×")
    if "incremental" not in args.skip:
        print()
        cache = str(work / "cache")
        r = _run_child("--child", "extract", str(corpus_dir), "2", cache)
        print(f"extract --jobs 2, cold cache: {r['seconds']:6.2f} s [{r['stats']}]")
        r = _run_child("--child", "extract", str(corpus_dir), "1", cache)
        print(f"extract, warm cache:          {r['seconds']:6.2f} s {_stages(r['timings'])} [{r['stats']}]")
        new = corpus_dir / "99999_new_article.txt"
        new.write_text(min(SEEDS.glob("*.txt")).read_text(encoding="utf-8").replace("焦作", "洛阳"), encoding="utf-8")
        try:
            r = _run_child("--child", "extract", str(corpus_dir), "1", cache)
        finally:
            new.unlink()
        print(f"extract, one article added:   {r['seconds']:6.2f} s {_stages(r['timings'])} [{r['stats']}]; "
              f"peak memory {r['rss_mb']:.0f} MB")


def _stages(timings: dict[str, float]) -> str:
    """Return ``(load 0.5, analyse 12.1, …)``."""
    return "(" + ", ".join(f"{k} {v:.2f}" for k, v in timings.items() if k not in ("segment", "recognize")) + ")"


def _cache_line(stderr: str) -> str:
    """Return the cache statistics ``kg build`` printed, or "" when it printed none (nothing to do)."""
    return next((line.split(": ", 2)[-1] for line in stderr.splitlines() if line.startswith("kg: cache")), "")


if __name__ == "__main__":
    main()
