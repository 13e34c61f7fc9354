"""Runs a notebook from top to bottom as `make test-notebook` does (issue 14).

    .venv/bin/python tools/run_notebook.py [examples/notebooks/analyst.ipynb] [--output run.ipynb]
    .venv/bin/python tools/run_notebook.py --clear examples/notebooks/analyst.ipynb

Checks, each a non-zero exit with the reason:

- the notebook is stored without outputs (the repository keeps it small and its diffs readable;
  ``--clear`` strips them in place);
- every cell runs: the first cell that raises stops the run, and its source and error are
  printed;
- every cell that calls a drawing function of ``carestat.plot`` (one that takes ``ax=``,
  written ``plot.<name>(`` or ``carestat.plot.<name>(``) shows at least one image/png, and at
  least one cell does.

The kernel is ipykernel in the running interpreter's environment: the ``python3`` kernel spec
that ipykernel installs in ``<sys.prefix>/share/jupyter/kernels`` (the project's .venv), and no
other folder. Jupyter's and IPython's config, data and runtime folders are a temporary folder,
so nothing in the user's home is read or written. Cells run with the notebook's folder as the
working directory.

Prints one line at the end: cells run, plots drawn, seconds.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, List, Sequence

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTEBOOK = ROOT / "examples" / "notebooks" / "analyst.ipynb"
KERNELS = Path(sys.prefix) / "share" / "jupyter" / "kernels"
KERNEL_NAME = "python3"
#: Seconds one cell may take before the run fails.
CELL_TIMEOUT = 300
#: Terminal colour codes in IPython's tracebacks (left out when stderr is a log, not a terminal).
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def isolate_jupyter(folder: Path) -> None:
    """Point Jupyter and IPython at `folder` instead of the user's home (set before jupyter_client
    is imported: jupyter_core reads these when it looks up a path)."""
    for variable, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                          ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        path = folder / sub
        path.mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(path)
    os.environ.pop("JUPYTER_PATH", None)
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    # debugpy (imported by ipykernel) warns on stderr about frozen modules on CPython 3.11+.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def drawing_functions() -> List[str]:
    """The functions of carestat.plot that draw: the public ones taking an ``ax`` argument."""
    import carestat.plot

    names = []
    for name in carestat.plot.__all__:
        obj = getattr(carestat.plot, name)
        if inspect.isfunction(obj) and "ax" in inspect.signature(obj).parameters:
            names.append(name)
    if not names:
        raise SystemExit("run_notebook: carestat.plot has no drawing function (none takes ax=)")
    return sorted(names)


def plot_calls(source: str, names: Sequence[str]) -> List[str]:
    """The carestat.plot drawing functions a cell calls, ignoring comments."""
    code = "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    pattern = re.compile(r"(?<![\w.])(?:carestat\.)?plot\.(" + "|".join(map(re.escape, names))
                         + r")\s*\(")
    return pattern.findall(code)


def images(cell: Any) -> int:
    return sum(1 for out in cell.get("outputs", []) if "image/png" in out.get("data", {}))


def stored_outputs(nb: Any) -> List[int]:
    """The code cells (0-based) stored with outputs or an execution count."""
    return [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            and (cell.get("outputs") or cell.get("execution_count") is not None)]


def _nbformat() -> Any:
    # Imported by name: nbformat ships no type information.
    return importlib.import_module("nbformat")


def clear(path: Path) -> None:
    nbformat = _nbformat()
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    print(f"{path}: outputs cleared")


def kernel_manager_class() -> Any:
    """An AsyncKernelManager that finds kernel specs in the venv's folder only."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    spec = KERNELS / KERNEL_NAME / "kernel.json"
    if not spec.is_file():
        raise SystemExit(f"run_notebook: no ipykernel kernel spec at {spec}: install ipykernel "
                         f"into this environment ({sys.executable} -m pip install ipykernel, "
                         "or `make venv`)")

    class VenvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _venv_kernel_specs(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[str(KERNELS)], ensure_native_kernel=False,
                                     parent=self)

        @default("transport")
        def _local_sockets(self) -> str:
            # Unix sockets in the temporary runtime folder, not TCP ports: nothing listens on
            # the network (and ipykernel does not warn about unencrypted TCP).
            return "ipc" if os.name == "posix" else "tcp"

        @default("ip")
        def _socket_path(self) -> str:
            # For ipc, the sockets' path prefix: absolute (the default, "kernel-ipc", is relative
            # to each process's working directory, and the kernel runs in the notebook's).
            if self.transport != "ipc":
                return "127.0.0.1"
            return os.path.join(os.environ["JUPYTER_RUNTIME_DIR"], f"kernel-{uuid.uuid4().hex[:12]}")

    return VenvKernelManager


def run(path: Path, output: Path | None) -> int:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nbformat = _nbformat()
    nb = nbformat.read(path, as_version=4)
    stored = stored_outputs(nb)
    if stored:
        print(f"run_notebook: {path} is stored with outputs in code cell(s) "
              f"{', '.join(map(str, stored))}; clear them: {Path(sys.executable).name} "
              f"tools/run_notebook.py --clear {path}", file=sys.stderr)
        return 1
    names = drawing_functions()
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=CELL_TIMEOUT,
                            kernel_manager_class=kernel_manager_class(),
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        failed = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                       and any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                      None)
        where = f"code cell {failed}" if failed is not None else "a cell"
        message = str(e) if sys.stderr.isatty() else ANSI.sub("", str(e))
        print(f"run_notebook: {path}: {where} raised:\n{message}", file=sys.stderr)
        return 1
    finally:
        if output is not None:
            nbformat.write(nb, output)
    seconds = time.monotonic() - start

    code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    plot_cells = 0
    failures = []
    for i, cell in code_cells:
        called = plot_calls(cell.source, names)
        if not called:
            continue
        plot_cells += 1
        if images(cell) == 0:
            failures.append(f"code cell {i} calls carestat.plot.{', '.join(sorted(set(called)))} "
                            "but shows no image/png")
    if plot_cells == 0:
        failures.append(f"no cell calls a carestat.plot drawing function ({', '.join(names)})")
    drawn = sum(images(c) for _, c in code_cells)
    summary = (f"{path.name}: {len(code_cells)} cells run, {drawn} plots drawn "
               f"({plot_cells} plot cells), {seconds:.1f} s")
    if failures:
        print("run_notebook: " + "\n  ".join([f"{path}:"] + failures), file=sys.stderr)
        print(summary, file=sys.stderr)
        return 1
    print(summary)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", type=Path, default=DEFAULT_NOTEBOOK)
    parser.add_argument("--output", type=Path,
                        help="also write the executed notebook (with its outputs) here")
    parser.add_argument("--clear", action="store_true",
                        help="strip the notebook's outputs in place, and run nothing")
    args = parser.parse_args(argv)
    path = args.notebook.resolve()
    if not path.is_file():
        parser.error(f"{args.notebook}: no such notebook")
    if args.clear:
        clear(path)
        return 0
    with tempfile.TemporaryDirectory(prefix="run-notebook-") as folder:
        isolate_jupyter(Path(folder))
        return run(path, args.output.resolve() if args.output else None)


if __name__ == "__main__":
    sys.exit(main())
