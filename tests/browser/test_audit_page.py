"""The audit page (`carestat audit FILE --format html`) as headless Chromium shows it.

The Rust tests (crates/carestat/src/account/report/html/tests.rs) check the page's text; these
tests check what a browser makes of it. Each case audits a document with the CLI, renders the
page with headless Chromium and checks the result against the findings of
`carestat audit FILE --format json` of the same document, counted here (nothing about the
tool's output is written into the tests: the bundled documents' findings may change):

- the DOM after load (``--dump-dom``): the summary's counts per status, the totals line, the
  highlighted quotes per status class (``<mark>``, the worst status where quotes overlap), the
  quote numbers and the notes beside them, and the whole document text shown;
- a screenshot (``--screenshot``, read with Pillow): the page is not blank, each status colour of
  the summary is painted, and the colours of an inconsistent finding (read from the page's own
  CSS, which is html.rs's) are painted on its quote and its note, and not on a page without one;
- a hostile document (``<script>``, ``<img onerror>``, U+202E): no script or image element in
  the DOM, the title untouched, the override shown as a visible ``\\u{202e}`` escape; two canary
  pages show that the same check does catch a script that runs and that the page's
  Content-Security-Policy is what stops one;
- printing to PDF (``--print-to-pdf``): council analysts print these pages; the file is a
  whole PDF of several pages and draws the inconsistent quote's colour.

Run with ``make test-browser`` (installs Debian's ``chromium`` with apt-get when it is missing
and builds the CLI), or, once both are there, ``.venv/bin/python -m pytest tests/browser -q``
from the repository root. A missing Chromium or CLI fails the tests, it never skips them.
Environment: ``CHROMIUM`` (default ``chromium``) and ``CARESTAT_CLI`` (default
``target/debug/carestat``).

Chromium: every call goes through :func:`chromium`, with its own ``--user-data-dir`` under the
test's ``tmp_path`` and a 60 s timeout. ``--headless=new`` is used from Chromium 112 (where it
appeared; it is the only headless mode from 132, where plain ``--headless`` means the same),
plain ``--headless`` before. Screenshots only show the viewport (a ``#fragment`` in the URL
does not scroll what ``--screenshot`` captures: the capture comes out white), and the bundled
pages are tens of thousands of pixels tall, so the colour of an inconsistent quote is checked
on the page of an excerpt of the Worcestershire document: the paragraphs around its first
inconsistent finding, audited on their own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import unicodedata
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "examples" / "data" / "sources"
WORCESTERSHIRE = SOURCES / "worcestershire-local-account-2023-24.txt"
BIRMINGHAM = SOURCES / "birmingham-local-account-2022-23.txt"
TIMEOUT = 60
STATUSES = ("consistent", "ambiguous", "inconsistent", "unchecked")
# html.rs `Shown`'s order: where quotes overlap the mark shows the most serious status.
SEVERITY = {"consistent": 0, "unchecked": 1, "ambiguous": 2, "inconsistent": 3}
RGB = Tuple[int, int, int]
Finding = Dict[str, Any]


# ----------------------------------------------------------------------------------------
# The two programs


def cli() -> Path:
    path = Path(os.environ.get("CARESTAT_CLI", ROOT / "target" / "debug" / "carestat"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"the carestat CLI is missing at {path}: run `make test-browser` "
                    "(or `cargo build -p carestat-cli`)")
    return path


def carestat(*args: str) -> str:
    """The CLI's standard output; exit status 1 (some claim inconsistent) is not an error."""
    r = subprocess.run([str(cli()), *args], capture_output=True, text=True, timeout=TIMEOUT,
                       cwd=ROOT)
    assert r.returncode in (0, 1), f"carestat {' '.join(args)}: exit {r.returncode}\n{r.stderr}"
    return r.stdout


def audit_json(doc: Path) -> List[Finding]:
    findings = json.loads(carestat("audit", str(doc), "--format", "json"))
    assert isinstance(findings, list)
    return findings


def audit_html(doc: Path, out: Path) -> Path:
    out.write_text(carestat("audit", str(doc), "--format", "html"), encoding="utf-8")
    return out


_headless: Optional[Tuple[str, str]] = None


def headless() -> Tuple[str, str]:
    """(the headless flag, `chromium --version`), asked once; fails when Chromium is missing."""
    global _headless
    if _headless is None:
        exe = os.environ.get("CHROMIUM", "chromium")
        if shutil.which(exe) is None:
            pytest.fail(f"{exe} is missing: run `make test-browser`, which installs Debian's "
                        "chromium package, or set CHROMIUM=/path/to/chrome")
        r = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=TIMEOUT)
        m = re.search(r"(\d+)\.\d+\.\d+", r.stdout)
        assert r.returncode == 0 and m, f"{exe} --version: {r.stdout}{r.stderr}"
        _headless = ("--headless=new" if int(m.group(1)) >= 112 else "--headless",
                     r.stdout.strip())
    return _headless


def chromium(profile: Path, page: Path, *flags: str) -> str:
    """Runs headless Chromium on the file `page` with `flags`; its standard output.

    Each call has a 60 s timeout (the whole process group is killed after it) and uses the
    profile directory `profile`, so runs share nothing."""
    flag, version = headless()
    cmd = [
        os.environ.get("CHROMIUM", "chromium"), flag, "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
        "--force-device-scale-factor=1", *flags, page.resolve().as_uri(),
    ]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as p:
        try:
            out, err = p.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            pytest.fail(f"{version} did not finish in {TIMEOUT} s: {' '.join(cmd)}")
    if p.returncode != 0:
        tail = err.decode(errors="replace")[-3000:]
        pytest.fail(f"{version} exited {p.returncode}: {' '.join(cmd)}\n{tail}")
    return out.decode("utf-8")


def dump_dom(tmp_path: Path, page: Path) -> "Node":
    dom = chromium(tmp_path / "profile", page, "--dump-dom")
    assert dom.lstrip().lower().startswith("<!doctype html>\n<html"), dom[:200]
    assert dom.rstrip().endswith("</html>"), "the DOM is cut short"
    return parse(dom)


def screenshot(tmp_path: Path, page: Path, name: str, height: int) -> Image.Image:
    png = tmp_path / f"{name}.png"
    chromium(tmp_path / "profile", page, f"--screenshot={png}", f"--window-size=1280,{height}")
    assert png.is_file(), f"no screenshot written to {png}"
    with Image.open(png) as im:
        return im.convert("RGB")


# ----------------------------------------------------------------------------------------
# A small DOM, from Chromium's serialisation


class Node:
    def __init__(self, tag: str, attrs: Dict[str, str], parent: Optional["Node"]) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: List["Node | str"] = []

    @property
    def classes(self) -> List[str]:
        return self.attrs.get("class", "").split()

    def iter(self) -> Iterator["Node"]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, cls: Optional[str] = None) -> List["Node"]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes)]

    def text(self, skip: Sequence[str] = ()) -> str:
        """The text content; elements with a class in `skip` left out."""
        parts = []
        for c in self.children:
            if isinstance(c, str):
                parts.append(c)
            elif not set(skip) & set(c.classes):
                parts.append(c.text(skip))
        return "".join(parts)

    def ancestor(self, tag: str, cls: str) -> Optional["Node"]:
        n = self.parent
        while n is not None and not (n.tag == tag and cls in n.classes):
            n = n.parent
        return n


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag: str) -> None:
        n: Optional[Node] = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    return b.root


# ----------------------------------------------------------------------------------------
# What the page should show, from the JSON findings


def shown(f: Finding) -> str:
    """The status the page shows: the finding's own."""
    status = f["status"]
    assert status in STATUSES, f
    return str(status)


def placed(f: Finding, text: bytes) -> Optional[Tuple[int, int]]:
    """The finding's span when the page can highlight it: not empty, within the text, on
    character boundaries."""
    s = f.get("span")
    if not s:
        return None
    a, b = s["start"], s["end"]
    if not 0 <= a < b <= len(text):
        return None
    try:
        text[a:b].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return a, b


def hidden(c: str) -> bool:
    """html.rs's `hidden`: the characters shown as visible escapes."""
    o = ord(c)
    return ((unicodedata.category(c) == "Cc" and c not in "\n\t\r")
            or o in (0x061C, 0x180E, 0xFEFF) or 0x200B <= o <= 0x200F
            or 0x202A <= o <= 0x202E or 0x2060 <= o <= 0x2069 or 0xFFF9 <= o <= 0xFFFB)


def visible(s: str) -> str:
    """`s` as the browser's DOM holds it: newlines normalised by the HTML parser, hidden
    characters as their escapes."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(f"\\u{{{ord(c):x}}}" if hidden(c) else c for c in s)


def css_colour(page: Path, selector: str, prop: str) -> RGB:
    """The colour `prop` of the rule for `selector` in the page's own <style> (html.rs's CSS)."""
    style = re.search(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"), re.S)
    assert style, "the page has no <style>"
    rule = re.search(r"(?:^|[}\n])" + re.escape(selector) + r"\{([^}]*)\}", style.group(1))
    assert rule, f"no CSS rule for {selector}"
    value = re.search(r"(?:^|;)" + re.escape(prop) + r":#([0-9a-fA-F]{6})\b", rule.group(1))
    assert value, f"no {prop} colour in {selector}{{{rule.group(1)}}}"
    h = value.group(1)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def colours(im: Image.Image) -> Dict[RGB, int]:
    """How many pixels of `im` (RGB) have each colour."""
    counts: Dict[RGB, int] = {}
    for n, c in im.getcolors(maxcolors=im.width * im.height) or []:
        assert isinstance(c, tuple) and len(c) == 3
        counts[(int(c[0]), int(c[1]), int(c[2]))] = n
    return counts


def pixels(im: Image.Image, colour: RGB) -> int:
    """How many pixels of `im` are exactly `colour`."""
    return colours(im).get(colour, 0)


def excerpt(text: bytes, span: Tuple[int, int]) -> bytes:
    """The paragraph before the one `span` starts in, up to the end of the one it ends in."""
    a = text.rfind(b"\n\n", 0, span[0])
    a = text.rfind(b"\n\n", 0, a) if a > 0 else -1
    b = text.find(b"\n\n", span[1])
    return text[a + 2 if a >= 0 else 0:b + 1 if b >= 0 else len(text)]


# ----------------------------------------------------------------------------------------
# The DOM of the bundled Local Accounts


@pytest.mark.parametrize("doc", [WORCESTERSHIRE, BIRMINGHAM], ids=lambda p: p.stem)
def test_dom_matches_the_json_findings(tmp_path: Path, doc: Path) -> None:
    text = doc.read_bytes()
    findings = audit_json(doc)
    page = audit_html(doc, tmp_path / "page.html")
    root = dump_dom(tmp_path, page)
    assert findings, f"{doc.name}: no findings to check"

    # The page still forbids scripts and external resources after load.
    csp = [m for m in root.find_all("meta")
           if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0].attrs["content"]

    # The summary: one entry per status, in html.rs's order, with the counts of the JSON.
    (summary,) = root.find_all("ul", "summary")
    items = summary.find_all("li")
    assert [li.attrs.get("data-status") for li in items] == list(STATUSES)
    for li in items:
        status = li.attrs["data-status"]
        (count,) = li.find_all("span", "n")
        want = sum(1 for f in findings if shown(f) == status)
        assert count.text() == str(want), f"summary {status}: page {count.text()}, JSON {want}"
        assert status in li.classes
    at = {i + 1: s for i, f in enumerate(findings) if (s := placed(f, text)) is not None}
    (totals,) = root.find_all("p", "totals")
    n = len(findings)
    assert totals.text() == (f"{n} {'claim' if n == 1 else 'claims'} checked; {len(at)} "
                             f"highlighted in the text, {n - len(at)} not located.")

    # The highlights: every mark has the most serious status of the claims it covers...
    status_of = {i + 1: shown(f) for i, f in enumerate(findings)}
    marks = root.find_all("mark")
    quoted: Dict[int, str] = {k: "" for k in at}
    for m in marks:
        claims = [int(c) for c in m.attrs.get("data-claims", "").split()]
        assert claims and set(claims) <= set(at), f"mark of unknown claims {claims}"
        worst = max((status_of[c] for c in claims), key=SEVERITY.__getitem__)
        assert m.classes == [worst], f"mark of claims {claims} is {m.classes}, not {worst}"
        for c in claims:
            quoted[c] += m.text()
    # ...each quote is highlighted whole, and the marks of each status class are there.
    for k, (a, b) in at.items():
        assert quoted[k] == visible(text[a:b].decode("utf-8")), f"claim {k}'s highlighted text"
    for status in STATUSES:
        want = sum(1 for k in at if status_of[k] == status)
        highlighted = {c for m in marks for c in map(int, m.attrs["data-claims"].split())
                       if status_of[c] == status}
        assert len(highlighted) == want, f"{status}: {len(highlighted)} quotes highlighted"
        refs = [r for r in root.find_all("a", "ref") if status in r.classes]
        assert len(refs) == want, f"{status}: {len(refs)} quote numbers, {want} located findings"
        if not want:
            assert not [m for m in marks if m.classes == [status]], f"a mark.{status}"

    # Each quote number links to its note, which sits in the quote's paragraph with its status.
    notes = {n.attrs["id"]: n for n in root.find_all("div", "note")}
    assert len(notes) == len(at)
    for k in at:
        (ref,) = [r for r in root.find_all("a", "ref") if r.attrs.get("id") == f"q{k}"]
        assert ref.attrs["href"] == f"#f{k}" and ref.text() == str(k)
        note = notes[f"f{k}"]
        assert note.attrs["data-status"] == status_of[k] and status_of[k] in note.classes
        assert note.ancestor("div", "row") is ref.ancestor("div", "row"), f"claim {k}'s note"
        assert findings[k - 1]["claim"] in note.text()

    # The whole document is shown (blank lines between paragraphs aside).
    shown_text = "".join(t.text(skip=("ref",)) for t in root.find_all("div", "text"))
    squash = re.compile(r"\s+")
    assert squash.sub("", shown_text) == squash.sub("", visible(text.decode("utf-8")))


# ----------------------------------------------------------------------------------------
# Pixels


def test_screenshot_is_not_blank(tmp_path: Path) -> None:
    page = audit_html(WORCESTERSHIRE, tmp_path / "page.html")
    im = screenshot(tmp_path, page, "top", 4000)
    assert im.size == (1280, 4000)
    white = pixels(im, (255, 255, 255))
    assert white < 0.98 * im.width * im.height, "the screenshot is (almost) all white"
    dark = sum(n for c, n in colours(im).items() if sum(c) < 300)
    assert dark > 5000, f"only {dark} dark pixels: is the text painted?"
    # The summary's boxes, one per status, in their colours.
    for status in STATUSES:
        colour = css_colour(page, f".{status}", "background")
        assert pixels(im, colour) > 1000, f"the {status} colour {colour} is not painted"


def test_inconsistent_highlight_is_painted(tmp_path: Path) -> None:
    pages = {}
    for status in ("inconsistent", "consistent"):
        # A finding that stands on its own sentence (it combined no other claim), so that an
        # excerpt of its paragraphs makes it again: Worcestershire's inconsistencies all
        # reason across claims, Birmingham's spend by service type does not.
        f, text = next(
            ((f, doc.read_bytes()) for doc in (WORCESTERSHIRE, BIRMINGHAM)
             for f in audit_json(doc)
             if shown(f) == status and not f.get("combined") and placed(f, doc.read_bytes())),
            (None, b""),
        )
        assert f is not None, f"no located {status} finding that stands on its own"
        span = placed(f, text)
        assert span
        doc = tmp_path / f"{status}.txt"
        doc.write_bytes(excerpt(text, span))
        # The excerpt alone makes the same claim, with the same status.
        again = [g for g in audit_json(doc) if g["quote"] == f["quote"]]
        assert [shown(g) for g in again] == [status], f"{doc.read_text()!r}: {again}"
        pages[status] = (audit_html(doc, tmp_path / f"{status}.html"),
                         {shown(g) for g in audit_json(doc)})
    page, statuses = pages["inconsistent"]
    border = css_colour(page, "mark.inconsistent", "border-color")
    fill = css_colour(page, ".inconsistent", "background")
    im = screenshot(tmp_path, page, "inconsistent", 1200)
    # The quote (left column) and its note (right column) carry the border colour...
    left, right = im.crop((0, 0, 640, im.height)), im.crop((640, 0, im.width, im.height))
    assert pixels(left, border) > 100, f"no {border} underline on the inconsistent quote"
    assert pixels(right, border) > 100, f"no {border} edge on the inconsistent note"
    # ...and the quote is filled (the summary's box has the fill colour on both pages).
    control, control_statuses = pages["consistent"]
    assert "inconsistent" not in control_statuses
    im0 = screenshot(tmp_path, control, "consistent", 1200)
    assert pixels(im0, border) == 0, "the inconsistent colour on a page without one"
    assert pixels(im0, css_colour(control, "mark.consistent", "border-color")) > 100
    left0 = im0.crop((0, 0, 640, im0.height))
    assert pixels(left, fill) > pixels(left0, fill) + 1000, "the inconsistent quote is not filled"


# ----------------------------------------------------------------------------------------
# Hostile text

HOSTILE = ("Hostile Council <script>document.title='pwned'</script> Local Account 2023/24\n\n"
           "Safeguarding <img src=x onerror=\"document.title='pwned'\"> in "
           "\u202eevil\u202c text.\n\n"
           "There were 4455 safeguarding concerns, an increase of 543 from the previous year.\n\n"
           "1305 enquiries were completed, an increase of 200 compared to 1141 last year.\n")


def test_hostile_document_runs_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "hostile.txt"
    doc.write_text(HOSTILE, encoding="utf-8")
    findings = audit_json(doc)
    assert findings and all(placed(f, doc.read_bytes()) for f in findings), findings
    page = audit_html(doc, tmp_path / "hostile.html")
    dom = chromium(tmp_path / "profile", page, "--dump-dom")
    root = parse(dom)
    for tag in ("script", "img", "iframe", "object", "embed"):
        assert not root.find_all(tag), f"a <{tag}> element in the DOM"
        assert f"<{tag}" not in dom.lower()
    (title,) = root.find_all("title")
    assert "pwned" not in title.text()
    assert title.text() == parse(page.read_text(encoding="utf-8")).find_all("title")[0].text()
    # The text is shown as text, the override as a visible escape and never raw.
    body = root.find_all("div", "document")[0].text()
    assert "<script>document.title='pwned'</script>" in body
    assert "<img src=x onerror=\"document.title='pwned'\">" in body
    assert "\u202e" not in dom and "\u202c" not in dom
    ctl = [s for s in root.find_all("span", "ctl") if s.attrs.get("title") == "U+202E"]
    assert len(ctl) == 1 and ctl[0].text() == "\\u{202e}"
    assert "\\u{202e}evil\\u{202c} text." in body
    # The claims are still checked and highlighted.
    assert len(root.find_all("a", "ref")) == len(findings)


@pytest.mark.parametrize("with_csp", [False, True], ids=["no-csp", "page-csp"])
def test_canary_script_is_caught(tmp_path: Path, with_csp: bool) -> None:
    """The hostile test can fail: a script that runs shows in --dump-dom, and the audit
    page's own Content-Security-Policy is what stops one."""
    audit = audit_html(WORCESTERSHIRE, tmp_path / "audit.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', audit)
    assert meta
    page = tmp_path / "canary.html"
    page.write_text("<!DOCTYPE html><html><head>" + (meta.group(0) if with_csp else "")
                    + "<title>t</title></head><body>"
                    "<script>document.title='pwned';"
                    "document.body.appendChild(document.createElement('img'))</script>"
                    "</body></html>", encoding="utf-8")
    root = parse(chromium(tmp_path / "profile", page, "--dump-dom"))
    (title,) = root.find_all("title")
    assert (title.text() == "pwned") is not with_csp
    assert bool(root.find_all("img")) is not with_csp


# ----------------------------------------------------------------------------------------
# Printing


def test_print_to_pdf(tmp_path: Path) -> None:
    page = audit_html(WORCESTERSHIRE, tmp_path / "page.html")
    pdf = tmp_path / "page.pdf"
    chromium(tmp_path / "profile", page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-"), data[:16]
    assert data.rstrip().endswith(b"%%EOF"), "the PDF is cut short"
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert pages >= 2, f"{pages} pages: the document's text is missing from the print"
    # The print keeps the status colours: the inconsistent quote's underline is drawn (as a
    # PDF colour operator, `r g b RG` or `rg`, in a content stream).
    assert any(shown(f) == "inconsistent" for f in audit_json(WORCESTERSHIRE))
    colour = css_colour(page, "mark.inconsistent", "border-color")
    drawn = set()
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            content = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        for op in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", content):
            drawn.add(tuple(round(float(x) * 255) for x in op))
    assert colour in drawn, f"{colour} is not drawn in the PDF"
