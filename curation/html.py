"""HTML residue from scraped chat pages -> markdown.

ShareGPT dumps saved ChatGPT's rendered answer (``<div class="markdown prose">``,
code blocks wrapped in a header with a "Copy code" button). Only text that looks
like such a page is rewritten (:func:`is_html_page`), and only known tags, outside
fenced code, so answers that discuss HTML or use ``<T>`` generics survive.
"""

from __future__ import annotations

import html
import re

from curation.text import map_unprotected

TAGS = (r"div|p|span|br|hr|ol|ul|li|pre|code|strong|b|em|i|h[1-6]|table|thead|tbody|tfoot|tr|td"
        r"|th|blockquote|a|svg|path|button|img|sup|sub|del|s|u|small|mark|details|summary"
        r"|figure|figcaption|section|article|main|header|footer|nav|label|rect|circle|line"
        r"|polyline")
ANY_TAG = re.compile(rf"</?(?:{TAGS})(?:\s[^<>]*)?/?>", re.I)
PAGE_START = re.compile(r"^\s*<(?:div|p|ol|ul|pre|h[1-6]|table|blockquote|section|article)\b",
                        re.I)
CLOSING = re.compile(r"</(?:div|p|li|pre|h[1-6]|table|blockquote|section|article)>", re.I)
PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.S | re.I)
CODE_BODY = re.compile(r"<code[^>]*>(.*?)</code>", re.S | re.I)
CODE_LANG = re.compile(r"(?:language|lang)-([\w+#.-]+)", re.I)
# ChatGPT's code-block header: language label + "Copy code" button.
CODE_HEADER = re.compile(r"<div[^>]*class=\"[^\"]*(?:flex items-center|sticky)[^\"]*\"[^>]*>.*?"
                         r"</button>\s*(?:</div>)?", re.S | re.I)
TABLE = re.compile(r"<table[^>]*>(.*?)</table>", re.S | re.I)
ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S | re.I)
CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S | re.I)
LIST = re.compile(r"<(ol|ul)[^>]*>((?:(?!<(?:ol|ul)[\s>]).)*?)</\1>", re.S | re.I)
ITEM = re.compile(r"<li[^>]*>(.*?)(?:</li>|(?=<li[\s>])|\Z)", re.S | re.I)
SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
BLOCKQUOTE = re.compile(r"<blockquote[^>]*>(.*?)</blockquote>", re.S | re.I)
PARAGRAPH_TAG = re.compile(r"</?p(?:\s[^>]*)?>", re.I)
LINK = re.compile(r"<a\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S | re.I)
IMG = re.compile(r"<img\s[^>]*>", re.I)
FENCED = re.compile(r"(```.*?(?:```|\Z))", re.S)
# Noise from the share page: "1 / 1" regenerate counters, "Copy code" buttons.
REGENERATE = re.compile(r"^\s*(\d{1,2}) / (\d)(\d?)(?=\S|\s*\n)")
COPY_NOISE = re.compile(r"(?:Copy code|复制代码|Copy\d+ chars / \d+ words)")


def has_html(text: str) -> bool:
    return bool(ANY_TAG.search(text))


def is_html_page(text: str) -> bool:
    """Does the turn read like a saved HTML rendering (not prose that mentions tags)?"""
    return bool(PAGE_START.match(text) and CLOSING.search(text)) or 'class="markdown' in text


def _cell(text: str) -> str:
    return " ".join(html.unescape(ANY_TAG.sub("", text)).split()).replace("|", "\\|")


def _table(m: re.Match[str]) -> str:
    rows = [[_cell(c) for c in CELL.findall(r)] for r in ROW.findall(m.group(1))]
    rows = [r for r in rows if r]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n\n" + "\n".join(lines) + "\n\n"


def _list(m: re.Match[str]) -> str:
    """One list, innermost first: a nested list already converted inside an item is
    indented under it."""
    ordered = m.group(1).lower() == "ol"
    out = []
    for n, item in enumerate(ITEM.findall(m.group(2)), 1):
        lines = [ln for ln in PARAGRAPH_TAG.sub("\n", item).split("\n") if ln.strip()]
        if not lines:
            continue
        marker = f"{n}. " if ordered else "- "
        out.append(marker + lines[0].strip())
        out += [" " * len(marker) + ln.rstrip() for ln in lines[1:]]
    return "\n\n" + "\n".join(out) + "\n\n"


def _quote(m: re.Match[str]) -> str:
    body = PARAGRAPH_TAG.sub("\n", m.group(1)).strip()
    return "\n\n" + "\n".join(f"> {line}".rstrip() for line in body.split("\n")) + "\n\n"


def _inline(text: str) -> str:
    text = TABLE.sub(_table, text)
    text = BLOCKQUOTE.sub(_quote, text)
    for _ in range(3):  # innermost lists first, for nesting
        text, n = LIST.subn(_list, text)
        if not n:
            break
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"<hr\s*/?>", "\n\n---\n\n", text, flags=re.I)
    text = re.sub(r"</(?:p|div|h[1-6]|blockquote|table|section|article)>", "\n\n", text,
                  flags=re.I)
    text = re.sub(r"<p[^>]*>", "\n\n", text, flags=re.I)
    text = re.sub(r"<h([1-6])[^>]*>", lambda m: "\n\n" + "#" * int(m.group(1)) + " ", text,
                  flags=re.I)
    text = re.sub(r"</?(?:strong|b)>", "**", text, flags=re.I)
    text = re.sub(r"</?(?:em|i)>", "*", text, flags=re.I)
    text = re.sub(r"</?code[^>]*>", "`", text, flags=re.I)
    text = ANY_TAG.sub("", text)
    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text)


def _links(text: str) -> str:
    text = IMG.sub("", text)
    return LINK.sub(lambda m: f"[{ANY_TAG.sub('', m.group(2)).strip()}]({m.group(1)})", text)


def _fence(m: re.Match[str]) -> str:
    inner = CODE_HEADER.sub("", m.group(1))
    lang = CODE_LANG.search(inner)
    body = CODE_BODY.search(inner)
    code = html.unescape(ANY_TAG.sub("", body.group(1) if body else inner))
    code = COPY_NOISE.sub("", code) if not body else code
    return f"\n\n```{lang.group(1) if lang else ''}\n{code.strip(chr(10))}\n```\n\n"


def html_to_text(text: str) -> str:
    """Rewrite a saved HTML answer as markdown; other text is returned unchanged."""
    if not is_html_page(text) or not has_html(text):
        return text
    text = SVG.sub("", text)
    text = PRE.sub(_fence, text)
    # Tags carry URLs (href, src), so only fenced code is protected here.
    parts = FENCED.split(text)
    text = "".join(p if i % 2 else _links(p) for i, p in enumerate(parts))
    text = map_unprotected(text, _inline)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def strip_share_noise(text: str) -> str:
    """"1 / 1" regenerate counters at the start and "Copy code" labels left by the page."""
    m = REGENERATE.match(text)
    if m:  # "1 / 12加3…" is "1 / 1" + "2加3…": the shortest counter with n <= total
        n, short = int(m.group(1)), int(m.group(2))
        if 1 <= n <= short:
            text = text[m.end(2):].lstrip()
        elif m.group(3) and n <= int(m.group(2) + m.group(3)):
            text = text[m.end():].lstrip()
    if "Copy" in text or "复制代码" in text:
        text = re.sub(r"```([\w+#.-]*)\s*(?:Copy code|复制代码)\s*\n?", r"```\1\n", text)
        text = re.sub(r"(?m)^([\w+#.-]*)(?:Copy code|复制代码)\s*$", "", text)
        text = re.sub(r"Copy\d+ chars / \d+ words", "", text)
    return text
