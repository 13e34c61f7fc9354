#!/usr/bin/env python3
"""Install a built carestat wheel (or the sdist) into a new virtual environment outside the
tree and use it there as an analyst would (issue 15):

    python tools/dist_install_test.py dist/carestat-...whl [--sdist dist/carestat-0.1.0.tar.gz]

The new environment gets numpy from the package index and nothing from the clone; the check
runs from the temporary folder, so `import carestat` cannot find python/carestat by accident.
It imports carestat, computes a rate (expected figures worked by hand, as the README tour) and
audits a bundled example through `carestat.examples`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

# Run inside the new environment. 4455 / 485737 * 1e5 = 917.16; Byar's limits (z = 1.959964)
# O(1 - 1/9O - z/3sqrt(O))^3 / 485737 * 1e5 = 890.43 and
# (O+1)(1 - 1/9(O+1) + z/3sqrt(O+1))^3 / 485737 * 1e5 = 944.50, worked by hand.
USE = r'''
import sys, pathlib, carestat
where = pathlib.Path(carestat.__file__).resolve()
assert pathlib.Path(sys.prefix).resolve() in where.parents, f"carestat imported from {where}, not the new venv"
rate = carestat.crude_rate(4455, 485737)
assert round(rate.value, 2) == 917.16 and round(rate.lower, 2) == 890.43 and round(rate.upper, 2) == 944.50, rate
names = carestat.examples.names()
assert names == ("birmingham-2022-23", "birmingham-cabinet-2020", "birmingham-cqc-2023", "worcestershire-2023-24"), names
assert "worcestershire-local-account-2023-24" in carestat.examples.documents(), carestat.examples.documents()
findings = carestat.audit(carestat.examples.path("worcestershire-2023-24"), frame=False)
statuses = [f["status"] for f in findings if f["claim"] == "long-term-change"]
assert statuses == ["ambiguous"], statuses
print(f"carestat {carestat.__version__} from {where.parent}: rate {rate.value:.2f}, "
      f"{len(findings)} findings in the worcestershire-2023-24 audit")
'''


def install_and_use(artefact: Path, env: dict) -> None:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="carestat-install-") as tmp:
        home = Path(tmp) / "venv"
        venv.EnvBuilder(with_pip=True).create(home)
        python = home / "bin" / "python"
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        str(artefact.resolve())], check=True, cwd=tmp, env=env)
        subprocess.run([str(python), "-c", USE], check=True, cwd=tmp, env=env)
    print(f"{artefact.name}: installed and used in a new venv in {time.monotonic() - started:.0f} s")


def main() -> int:
    args = sys.argv[1:]
    sdist = None
    if "--sdist" in args:
        i = args.index("--sdist")
        sdist = Path(args[i + 1])
        del args[i:i + 2]
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    for wheel in args:
        install_and_use(Path(wheel), env)
    if sdist is not None:
        # Built from source by pip (maturin as the build backend); a persistent CARGO_TARGET_DIR
        # under target/ keeps a second run from compiling everything again.
        env.setdefault("CARGO_TARGET_DIR", str(Path(__file__).resolve().parent.parent / "target" / "sdist-build"))
        install_and_use(sdist, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
