#!/usr/bin/env python3
"""Inspect the artefacts `make dist` writes to dist/ (issue 15), without installing them.

    python tools/check_dist.py --version 0.1.0 --linux-wheel dist/X.whl --sdist dist/Y.tar.gz ...

Each artefact given is checked for what a council analyst (or a packager) relies on:

- wheels: the file name's tags agree with the WHEEL file (abi3 from CPython 3.9; manylinux 2.17
  for Linux, win_amd64 for Windows), the RECORD lists every file with its right hash, the
  licences named by METADATA are in dist-info/licenses, the package data (example datasets,
  their source documents, the ASCOF catalogue, the stubs and py.typed) is there, and nothing
  else is (no second extension module, no __pycache__, no test files, no duplicate entries);
- the Linux wheel through `auditwheel show --json`: the manylinux_2_17 policy, no external
  library, and the extension does not link libpython;
- the Windows wheel through `objdump -p` on its .pyd: it exports PyInit__carestat, imports
  python3.dll (the stable ABI, never python3X.dll) and no MinGW runtime DLL;
- the sdist: PKG-INFO, the build files, the licences, the package data as real files (not
  links into the clone), and no build output (target/, .venv/, *.so);
- the C archives: one top folder, the header identical to include/carestat.h, the libraries,
  pkg-config and CMake files (Linux) or the DLL and its import library (Windows), the licences,
  and no other file.

Exit status 0 when every check passes; otherwise each failure is printed and the status is 1.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath
from typing import Callable, Dict, List, Sequence

ROOT = Path(__file__).resolve().parent.parent
LICENCES = ("LICENSE-APACHE", "LICENSE-MIT")
ABI_TAG = "cp39-abi3"
LINUX_PLATFORM = "manylinux_2_17_x86_64"
LINUX_PLATFORMS = {"manylinux2014_x86_64", LINUX_PLATFORM}
WINDOWS_PLATFORM = "win_amd64"


def package_files() -> List[str]:
    """The package's own files besides the extension module, by path under carestat/: every
    file git tracks in python/carestat (the example data is checked apart, byte by byte), so
    a new module is expected in the wheel without editing this list."""
    out = subprocess.run(["git", "ls-files", "python/carestat"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return [PurePosixPath(p).relative_to("python/carestat").as_posix() for p in out
            if not p.startswith("python/carestat/examples/data/")]


# DLLs the Windows extension may import: Windows' own (and python3.dll). Anything else, a
# MinGW runtime DLL above all (libgcc_s_seh-1, libwinpthread-1), would be missing on a desktop.
WINDOWS_SYSTEM_DLLS = re.compile(
    r"^(python3|kernel32|ntdll|advapi32|userenv|ws2_32|bcrypt|bcryptprimitives|msvcrt|ucrtbase|"
    r"synchronization|dbghelp|api-ms-win-[a-z0-9-]+)\.dll$", re.IGNORECASE)


class Report:
    """Collects the result of each check and prints it as it goes."""

    def __init__(self) -> None:
        self.failures: List[str] = []
        self.passed = 0

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"  ok    {what}")
        else:
            self.failures.append(f"{what}: {detail}" if detail else what)
            print(f"  FAIL  {what}" + (f": {detail}" if detail else ""))
        return ok


def example_data() -> Dict[str, bytes]:
    """The example files the package must carry, by path under carestat/examples/, with the
    bytes they must have (read from the tree the links in python/carestat/examples point to)."""
    examples = ROOT / "python" / "carestat" / "examples"
    found: Dict[str, bytes] = {}
    for path in sorted(examples.rglob("*")):
        if path.is_file() and path.suffix in {".json", ".txt"}:
            found[path.relative_to(examples).as_posix()] = path.read_bytes()
    return found


def record_digest(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def check_wheel(report: Report, path: Path, version: str, platforms: set) -> Dict[str, bytes]:
    """The checks common to both wheels; returns the wheel's files by name."""
    name = path.name
    stem = f"carestat-{version}-{ABI_TAG}-"
    report.check(name.startswith(stem) and name.endswith(".whl"), f"{name}: named carestat-{version}-{ABI_TAG}-*",
                 "the file name's version or abi3 tag is wrong")
    file_platforms = set(name[len(stem):-len(".whl")].split(".")) if name.startswith(stem) else set()
    report.check(file_platforms == platforms, f"platform tags {sorted(platforms)}", f"found {sorted(file_platforms)}")

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        files = {n: archive.read(n) for n in names}
    report.check(len(names) == len(set(names)), "no duplicate entries",
                 ", ".join(sorted({n for n in names if names.count(n) > 1})))

    info = f"carestat-{version}.dist-info"
    wheel_meta = HeaderParser().parsestr(files.get(f"{info}/WHEEL", b"").decode())
    tags = set(wheel_meta.get_all("Tag") or [])
    expected = {f"cp39-abi3-{p}" for p in platforms}
    report.check(tags == expected, "WHEEL Tag lines agree with the file name", f"{sorted(tags)} != {sorted(expected)}")
    report.check(wheel_meta.get("Root-Is-Purelib") == "false", "WHEEL Root-Is-Purelib: false")

    metadata = HeaderParser().parsestr(files.get(f"{info}/METADATA", b"").decode())
    report.check(metadata.get("Name") == "carestat" and metadata.get("Version") == version,
                 f"METADATA names carestat {version}", f"{metadata.get('Name')} {metadata.get('Version')}")
    report.check(metadata.get("Requires-Python") == ">=3.9", "METADATA Requires-Python >=3.9",
                 str(metadata.get("Requires-Python")))
    report.check(metadata.get("License-Expression") == "MIT OR Apache-2.0", "METADATA License-Expression",
                 str(metadata.get("License-Expression")))
    named = set(metadata.get_all("License-File") or [])
    report.check(named == set(LICENCES), "METADATA License-File names both licences", str(sorted(named)))
    for licence in LICENCES:
        inside = files.get(f"{info}/licenses/{licence}")
        report.check(inside == (ROOT / licence).read_bytes(), f"{info}/licenses/{licence} is the repository's",
                     "missing" if inside is None else "differs")

    rows = list(csv.reader(io.StringIO(files.get(f"{info}/RECORD", b"").decode())))
    recorded = {row[0]: row[1] for row in rows if row}
    report.check(set(recorded) == set(names), "RECORD lists every file and no other",
                 f"{sorted(set(recorded) ^ set(names))}")
    wrong = [n for n, h in recorded.items() if n != f"{info}/RECORD" and n in files and h != record_digest(files[n])]
    report.check(not wrong, "RECORD hashes match the files", ", ".join(wrong))

    for relative, data in example_data().items():
        inside = files.get(f"carestat/examples/{relative}")
        report.check(inside == data, f"package data carestat/examples/{relative}",
                     "missing" if inside is None else "differs from the repository's file")

    allowed_info = {f"{info}/{n}" for n in ("METADATA", "WHEEL", "RECORD")} | {f"{info}/licenses/{n}" for n in LICENCES}
    allowed = {f"carestat/{n}" for n in package_files()} | {f"carestat/examples/{n}" for n in example_data()}
    stray = [n for n in names if n not in allowed and n not in allowed_info
             and not n.startswith(f"{info}/sboms/") and not re.fullmatch(r"carestat/_carestat\.(abi3\.so|pyd)", n)]
    report.check(not stray, "no stray files", ", ".join(stray))
    missing = [f"carestat/{n}" for n in package_files() if f"carestat/{n}" not in files]
    report.check(not missing, "every file of python/carestat is inside", ", ".join(missing))
    return files


def check_linux_wheel(report: Report, path: Path, version: str) -> None:
    print(f"Linux wheel {path}")
    files = check_wheel(report, path, version, LINUX_PLATFORMS)
    extensions = [n for n in files if n.startswith("carestat/_carestat.") and not n.endswith(".pyi")]
    report.check(extensions == ["carestat/_carestat.abi3.so"], "one extension module, carestat/_carestat.abi3.so (abi3)",
                 ", ".join(extensions))
    audit = subprocess.run([sys.executable, "-m", "auditwheel", "show", "--json", str(path)],
                           capture_output=True, text=True, check=False)
    if not report.check(audit.returncode == 0, "auditwheel show runs", audit.stderr.strip()[-400:]):
        return
    shown = json.loads(audit.stdout)
    report.check(shown.get("overall_tag") == LINUX_PLATFORM, f"auditwheel: consistent with {LINUX_PLATFORM}",
                 f"overall tag {shown.get('overall_tag')} (symbols {shown.get('versioned_symbols')})")
    report.check(not shown.get("external_libs"), "auditwheel: no external library to graft",
                 str(shown.get("external_libs")))
    with tempfile.TemporaryDirectory() as tmp:
        so = Path(tmp) / "_carestat.abi3.so"
        so.write_bytes(files.get("carestat/_carestat.abi3.so", b""))
        dynamic = subprocess.run(["readelf", "-d", str(so)], capture_output=True, text=True, check=False).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
    report.check(bool(needed) and not any("python" in n for n in needed), "the extension does not link libpython",
                 ", ".join(needed))


def objdump(binary: bytes, suffix: str) -> str:
    tool = shutil.which("x86_64-w64-mingw32-objdump") or shutil.which("objdump") or "objdump"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"file{suffix}"
        path.write_bytes(binary)
        return subprocess.run([tool, "-p", str(path)], capture_output=True, text=True, check=False).stdout


def check_windows_imports(report: Report, what: str, dump: str) -> None:
    dlls = re.findall(r"DLL Name: (\S+)", dump)
    report.check(bool(dlls), f"{what}: objdump -p reads its import table")
    foreign = [d for d in dlls if not WINDOWS_SYSTEM_DLLS.match(d)]
    report.check(not foreign, f"{what}: imports only Windows' own DLLs (no MinGW runtime DLL)", ", ".join(foreign))


def check_windows_wheel(report: Report, path: Path, version: str) -> None:
    print(f"Windows wheel {path}")
    files = check_wheel(report, path, version, {WINDOWS_PLATFORM})
    extensions = [n for n in files if n.startswith("carestat/_carestat.") and not n.endswith(".pyi")]
    report.check(extensions == ["carestat/_carestat.pyd"], "one extension module, carestat/_carestat.pyd",
                 ", ".join(extensions))
    dump = objdump(files.get("carestat/_carestat.pyd", b""), ".pyd")
    report.check("file format pei-x86-64" in dump, "the .pyd is a PE32+ x86-64 DLL")
    report.check(bool(re.search(r"\]\s+PyInit__carestat\s*$", dump, re.MULTILINE)), "exports PyInit__carestat")
    dlls = {d.lower() for d in re.findall(r"DLL Name: (\S+)", dump)}
    report.check("python3.dll" in dlls, "imports python3.dll (the stable ABI)", ", ".join(sorted(dlls)))
    report.check(not any(re.fullmatch(r"python3\d+\.dll", d) for d in dlls), "imports no version-bound python3X.dll")
    check_windows_imports(report, "_carestat.pyd", dump)


def check_sdist(report: Report, path: Path, version: str) -> None:
    print(f"sdist {path}")
    top = f"carestat-{version}"
    report.check(path.name == f"{top}.tar.gz", f"named {top}.tar.gz", path.name)
    with tarfile.open(path) as archive:
        members = archive.getmembers()
        files = {m.name: archive.extractfile(m).read() for m in members if m.isfile()}  # type: ignore[union-attr]
    names = [m.name for m in members]
    report.check(all(n == top or n.startswith(top + "/") for n in names), f"everything under {top}/")
    links = [m.name for m in members if m.issym() or m.islnk()]
    report.check(not links, "no links (the package data are real files)", ", ".join(links))
    pkg_info = HeaderParser().parsestr(files.get(f"{top}/PKG-INFO", b"").decode())
    report.check(pkg_info.get("Name") == "carestat" and pkg_info.get("Version") == version,
                 f"PKG-INFO names carestat {version}")
    for needed in ("pyproject.toml", "Cargo.toml", "Cargo.lock", "README.md", "bindings/python/Cargo.toml",
                   "bindings/python/src/lib.rs", "crates/carestat/Cargo.toml", "crates/carestat/src/lib.rs",
                   "crates/carestat/data/ascof.json", "python/carestat/__init__.py", *LICENCES):
        report.check(f"{top}/{needed}" in files, f"contains {needed}")
    for licence in LICENCES:
        report.check(files.get(f"{top}/{licence}") == (ROOT / licence).read_bytes(), f"{licence} is the repository's")
    for relative, data in example_data().items():
        inside = files.get(f"{top}/python/carestat/examples/{relative}")
        report.check(inside == data, f"package data python/carestat/examples/{relative}",
                     "missing" if inside is None else "differs")
    stray = [n for n in names if re.search(r"/(target|\.venv|dist|\.git|__pycache__|\.pytest_cache|\.mypy_cache)(/|$)"
                                           r"|\.(so|pyd|dll|pyc|whl)$", n)]
    report.check(not stray, "no build output or caches", ", ".join(stray[:10]))


def archive_names(path: Path) -> Dict[str, bytes]:
    """Files of a .tar.gz or .zip, by name; a symbolic link maps to b'-> target'."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    found: Dict[str, bytes] = {}
    with tarfile.open(path) as archive:
        for member in archive.getmembers():
            if member.issym():
                found[member.name] = b"-> " + member.linkname.encode()
            elif member.isfile():
                found[member.name] = archive.extractfile(member).read()  # type: ignore[union-attr]
    return found


def check_c_archive(report: Report, path: Path, top: str, expected: Sequence[str],
                    extra: Callable[[Dict[str, bytes]], None]) -> None:
    print(f"C archive {path}")
    report.check(path.name.startswith(top + "."), f"named {top}.*", path.name)
    files = archive_names(path)
    report.check(all(n.startswith(top + "/") for n in files), f"everything under {top}/")
    inside = {str(PurePosixPath(n).relative_to(top)) for n in files if n.startswith(top + "/")}
    report.check(inside == set(expected), "exactly the expected files",
                 f"missing {sorted(set(expected) - inside)}, stray {sorted(inside - set(expected))}")
    report.check(files.get(f"{top}/include/carestat.h") == (ROOT / "include" / "carestat.h").read_bytes(),
                 "include/carestat.h is the repository's header")
    for licence in LICENCES:
        report.check(files.get(f"{top}/{licence}") == (ROOT / licence).read_bytes(), f"{licence} is the repository's")
    extra({str(PurePosixPath(n).relative_to(top)): d for n, d in files.items() if n.startswith(top + "/")})


def check_c_linux(report: Report, path: Path, version: str) -> None:
    major = version.split(".")[0]
    top = f"carestat-{version}-x86_64-linux-gnu"
    expected = ["include/carestat.h", "lib/libcarestat.a", f"lib/libcarestat.so.{version}", f"lib/libcarestat.so.{major}",
                "lib/libcarestat.so", "lib/pkgconfig/carestat.pc", "lib/pkgconfig/carestat-static.pc",
                "lib/cmake/carestat/carestatConfig.cmake", "lib/cmake/carestat/carestatConfigVersion.cmake",
                # `make install` puts the licences in share/doc/carestat too (where a system prefix keeps them).
                *(f"share/doc/carestat/{licence}" for licence in LICENCES),
                "README.md", *LICENCES]

    def extra(files: Dict[str, bytes]) -> None:
        report.check(files.get(f"lib/libcarestat.so.{major}") == f"-> libcarestat.so.{version}".encode()
                     and files.get("lib/libcarestat.so") == f"-> libcarestat.so.{major}".encode(),
                     f"links libcarestat.so -> libcarestat.so.{major} -> libcarestat.so.{version}")
        pc = files.get("lib/pkgconfig/carestat.pc", b"").decode()
        report.check("prefix=${pcfiledir}/../.." in pc and f"Version: {version}" in pc,
                     "carestat.pc is relocatable and names the version")
        with tempfile.TemporaryDirectory() as tmp:
            so = Path(tmp) / "lib.so"
            so.write_bytes(files.get(f"lib/libcarestat.so.{version}", b""))
            dynamic = subprocess.run(["readelf", "-d", "-W", str(so)], capture_output=True, text=True, check=False).stdout
            symbols = subprocess.run(["readelf", "-V", "-W", str(so)], capture_output=True, text=True, check=False).stdout
        report.check(f"[libcarestat.so.{major}]" in dynamic, f"SONAME libcarestat.so.{major}")
        glibc = sorted({tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", symbols)})
        newest = ".".join(map(str, glibc[-1])) if glibc else "none"
        # Built with the host's toolchain (not zig, as the wheel is): the need is reported, not capped.
        report.check(bool(glibc), "libcarestat.so has versioned glibc symbols")
        print(f"  note  libcarestat.so needs glibc {newest} (the host that built it)")

    check_c_archive(report, path, top, expected, extra)


def check_c_windows(report: Report, path: Path, version: str) -> None:
    top = f"carestat-{version}-x86_64-windows-gnu"
    expected = ["include/carestat.h", "bin/carestat.dll", "lib/libcarestat.dll.a", "lib/libcarestat.a",
                "README.md", *LICENCES]

    def extra(files: Dict[str, bytes]) -> None:
        dump = objdump(files.get("bin/carestat.dll", b""), ".dll")
        report.check("file format pei-x86-64" in dump, "carestat.dll is a PE32+ x86-64 DLL")
        exported = set(re.findall(r"\]\s+(carestat_\w+)\s*$", dump, re.MULTILINE))
        # Declarations start a line with their return type ("carestat_status carestat_rate(");
        # the comments' words ("return a carestat_status (CARESTAT_OK") are not functions.
        declared = set(re.findall(r"^[A-Za-z_][\w \*]*?\b(carestat_\w+)\(", (ROOT / "include" / "carestat.h").read_text(),
                                  re.MULTILINE))
        report.check(bool(declared) and declared <= exported, "carestat.dll exports every function of carestat.h",
                     ", ".join(sorted(declared - exported)[:10]))
        check_windows_imports(report, "carestat.dll", dump)

    check_c_archive(report, path, top, expected, extra)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", required=True, help="the version every artefact must carry")
    parser.add_argument("--linux-wheel", type=Path)
    parser.add_argument("--windows-wheel", type=Path)
    parser.add_argument("--sdist", type=Path)
    parser.add_argument("--c-linux", type=Path, help="the Linux C archive (.tar.gz)")
    parser.add_argument("--c-windows", type=Path, help="the Windows C archive (.zip)")
    args = parser.parse_args(argv)
    report = Report()
    checks = [(args.linux_wheel, check_linux_wheel), (args.windows_wheel, check_windows_wheel),
              (args.sdist, check_sdist), (args.c_linux, check_c_linux), (args.c_windows, check_c_windows)]
    given = [(p, c) for p, c in checks if p is not None]
    if not given:
        parser.error("no artefact given")
    for path, check in given:
        if report.check(path.is_file(), f"{path} exists"):
            check(report, path, args.version)
    print(f"check_dist: {report.passed} passed, {len(report.failures)} failed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
