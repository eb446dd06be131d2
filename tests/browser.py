"""Headless Chromium for the page tests: render a page at a fixed width, measure it from inside, take a screenshot.

Chromium is Debian's package (``apt-get install -y chromium``; .ci/run installs it). A page is checked by
injecting a small script that measures the laid-out page and writes the result into the DOM, which
``--dump-dom`` then prints; the screenshot is taken by a second run at the same width.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

WIDTH = 1280
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--allow-file-access-from-files", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000"]

#: measures the page once it is laid out and writes a JSON verdict into <pre id="ma-measure">
MEASURE_JS = """<script>
window.addEventListener('load', function () {
  var vw = document.documentElement.clientWidth, out = {viewport: vw,
    page_width: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    overflowing: [], panels: [], images: [], texts_cut: []};
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) out.overflowing.push(el.tagName + '.' + el.className + ' right=' + r.right);
    var cs = getComputedStyle(el);
    if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll' || cs.overflowX === 'hidden')
        && el.scrollWidth > el.clientWidth + 1)
      out.overflowing.push(el.tagName + '.' + el.className + ' scrolls ' + el.scrollWidth + '>' + el.clientWidth);
  });
  document.querySelectorAll('svg.ma-panel').forEach(function (svg) {
    var box = svg.getBoundingClientRect(), pts = svg.querySelectorAll('circle.ma-point'), inside = 0;
    pts.forEach(function (c) { var r = c.getBoundingClientRect();
      if (r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5
          && r.bottom <= box.bottom + 0.5) inside++; });
    var title = svg.querySelector('text');
    var tw = title ? title.getComputedTextLength() + title.getBBox().x : 0;
    out.panels.push({series: svg.getAttribute('data-series'), expected: +svg.getAttribute('data-points'),
                     drawn: pts.length, inside: inside, visible: box.width > 0 && box.height > 0,
                     title_fits: tw <= box.width + 0.5});
    svg.querySelectorAll('text').forEach(function (t) {
      var r = t.getBoundingClientRect();
      if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) out.texts_cut.push(t.textContent);
    });
  });
  document.querySelectorAll('img').forEach(function (img) {
    out.images.push({src: img.getAttribute('src').slice(0, 60), loaded: img.complete && img.naturalWidth > 0,
                     width: img.getBoundingClientRect().width});
  });
  var pre = document.createElement('pre'); pre.id = 'ma-measure'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def chromium() -> str | None:
    """Path of the Chromium binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [chromium() or "chromium", *FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "HOME": profile})


def measure(page: Path, width: int = WIDTH, height: int = 1000) -> dict:
    """Lay ``page`` (an HTML file) out at ``width`` px and return the in-page measurements."""
    probe = page.with_name(page.stem + ".measure.html")
    text = page.read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", MEASURE_JS + "</body>") if "</body>" in text else text + MEASURE_JS,
                     encoding="utf-8")
    try:
        proc = _run([f"--window-size={width},{height}", "--dump-dom", probe.as_uri()])
    finally:
        probe.unlink()
    m = re.search(r'<pre id="ma-measure">(.*?)</pre>', proc.stdout, re.S)
    if m is None:
        raise RuntimeError(f"chromium printed no measurement (exit {proc.returncode}): {proc.stderr[-2000:]}")
    import html

    return json.loads(html.unescape(m.group(1)))


def screenshot(page: Path, png: Path, width: int = WIDTH, height: int = 2400) -> Path:
    """A PNG screenshot of ``page`` at ``width`` × ``height`` px."""
    proc = _run([f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()])
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return png


def markdown_page(md_path: Path, out: Path) -> Path:
    """Render a Markdown file to a standalone HTML page next to its media (tables and raw HTML as on GitHub)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(md_path.read_text(encoding="utf-8"))
    css = ("body{font-family:sans-serif;font-size:15px;max-width:1012px;margin:0 auto;padding:16px;line-height:1.5}"
           "table{border-collapse:collapse;display:block;max-width:100%;overflow:auto}"
           "td,th{border:1px solid #d0d7de;padding:4px 10px}img{max-width:100%}"
           "code{background:#f3f3f3;padding:1px 4px;word-break:break-word}pre{overflow:auto}"
           "del{background:#fdd}ins{background:#dfd}")
    base = md_path.resolve().parent.as_uri() + "/"    # media paths resolve next to the Markdown file
    out.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><base href='{base}'><style>{css}</style>"
                   f"</head><body>{body}"
                   "</body></html>", encoding="utf-8")
    return out
