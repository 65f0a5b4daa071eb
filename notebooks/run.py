"""Execute ``explore.ipynb`` top to bottom on a real kernel and write it back with its outputs.

Usage, from anywhere::

    python notebooks/run.py            # refresh the committed outputs
    python notebooks/run.py --check    # run it and exit 1 if the committed outputs are stale

The kernel is ``python3`` (ipykernel, the interpreter running this script) started in
``notebooks/``, so the notebook reads ``../exports/graph.ttl``. The written file is
deterministic: no execution timestamps, a fixed kernel spec, no interpreter version, and no
absolute path of this machine in any output. Image outputs (matplotlib PNGs) may differ
between machines; :func:`comparable` therefore keeps only that an image is there.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "explore.ipynb"
KERNEL_NAME = "python3"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
#: Seconds one cell may take.
TIMEOUT = 300
#: Output MIME types compared as text between runs; images are only checked to exist.
TEXT_TYPES = ("text/plain", "text/html", "text/markdown")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


def execute(path: Path = NOTEBOOK) -> nbformat.NotebookNode:
    """Return the notebook at ``path`` executed in its own folder, normalised (see :func:`normalise`).

    Raises ``nbclient.exceptions.CellExecutionError`` naming the cell when one fails.
    """
    nb = nbformat.read(path, as_version=4)
    _warm_font_cache()
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return normalise(nb)


def _warm_font_cache() -> None:
    """Build matplotlib's font cache here, so its one-time notice never lands in a cell's output."""
    try:
        import matplotlib.font_manager  # noqa: F401  (importing it builds the cache)
    except ImportError:
        pass


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip what varies between runs and machines from ``nb`` (in place) and return it.

    The kernel spec is fixed, ``language_info`` loses its version, cell metadata loses
    execution timings, runs of printed text are joined, and local paths in outputs (this repository, the home folder, the
    interpreter's prefix) are replaced by placeholders.
    """
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = {k: v for k, v in nb.metadata.get("language_info", {}).items() if k != "version"}
    nb.metadata["language_info"] = info or {"name": "python"}
    for key in ("widgets", "papermill"):
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in ("execution", "ExecuteTime", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        if "outputs" in cell:
            cell.outputs = _joined_streams(cell.outputs)
        for output in cell.get("outputs", []):
            _scrub(output)
    return nb


def _joined_streams(outputs: list[Any]) -> list[Any]:
    """Return ``outputs`` with each run of stream outputs of one name joined into one: the
    kernel may send a cell's printed text in one message or several, as timing has it."""
    joined: list[Any] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if output["output_type"] == "stream" and previous is not None \
                and previous["output_type"] == "stream" and previous["name"] == output["name"]:
            previous["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def _local_paths() -> list[tuple[str, str]]:
    """Return ``(path, placeholder)`` pairs for the local folders no output may name."""
    pairs = [(str(HERE.parent), "<repo>"), (sys.prefix, "<python>"), (str(Path.home()), "~")]
    return sorted({p: r for p, r in pairs if p and p != "/"}.items(), key=lambda pr: -len(pr[0]))


def _scrub(output: Any) -> None:
    """Replace local paths in the text of one output (stream text, tracebacks, text data)."""
    def clean(text: str) -> str:
        for path, placeholder in _local_paths():
            text = text.replace(path, placeholder)
        return text

    if "text" in output:
        output["text"] = clean(output["text"])
    if "traceback" in output:
        output["traceback"] = [clean(line) for line in output["traceback"]]
    for mime, value in output.get("data", {}).items():
        if isinstance(value, str) and (mime == "image/svg+xml" or not mime.startswith("image/")):
            output["data"][mime] = clean(value)


def comparable(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    """Return what must not differ between two runs: per cell its source and its outputs' text.

    Streams keep their name and text (stderr included, so a new warning shows); rich outputs
    keep their :data:`TEXT_TYPES`, and each image only as ``"<image/png>"``.
    """
    cells = []
    for cell in nb.cells:
        outputs = []
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind == "stream":
                outputs.append({"stream": output["name"], "text": output["text"]})
            elif kind == "error":
                outputs.append({"error": output["ename"], "value": output["evalue"]})
            else:
                data = output.get("data", {})
                shown = {m: data[m] for m in TEXT_TYPES if m in data}
                shown.update({m: f"<{m}>" for m in IMAGE_TYPES if m in data})
                outputs.append(shown)
        cells.append({"type": cell.cell_type, "source": cell.source, "outputs": outputs})
    return cells


def write(nb: nbformat.NotebookNode, path: Path = NOTEBOOK) -> Path:
    """Write ``nb`` to ``path`` (nbformat's sorted, indented JSON) through a temporary file."""
    tmp = path.with_name(path.name + ".tmp")
    nbformat.write(nb, tmp)
    os.replace(tmp, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", type=Path, default=NOTEBOOK)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the outputs are stale")
    args = parser.parse_args(argv)
    path = args.notebook.resolve()
    fresh = execute(path)
    if args.check:
        committed = normalise(nbformat.read(path, as_version=4))
        if comparable(committed) != comparable(fresh):
            print(f"{path.name}: outputs are stale; run python notebooks/run.py", file=sys.stderr)
            return 1
        print(f"{path.name}: outputs are current")
        return 0
    write(fresh, path)
    print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
