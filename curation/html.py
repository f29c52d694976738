"""HTML residue from scraped chat pages -> markdown-ish plain text.

Only known HTML tags are touched, and only outside fenced code, so code that
discusses HTML or uses ``<T>`` generics survives.
"""

from __future__ import annotations

import html
import re

from curation.text import map_unprotected

TAGS = (r"div|p|span|br|hr|ol|ul|li|pre|code|strong|b|em|i|h[1-6]|table|thead|tbody|tr|td|th"
        r"|blockquote|a|svg|path|button|img")
ANY_TAG = re.compile(rf"</?(?:{TAGS})(?:\s[^<>]*)?/?>", re.I)
PRE = re.compile(r"<pre[^>]*>\s*(?:<code(?:\s+class=\"(?:language-|lang-)?([\w+#-]+)[^\"]*\")?"
                 r"[^>]*>)?(.*?)(?:</code>\s*)?</pre>", re.S | re.I)
ENTITY = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)


def has_html(text: str) -> bool:
    return bool(ANY_TAG.search(text))


def _inline(text: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</(?:p|div|h[1-6]|blockquote|table|tr|ol|ul)>", "\n\n", text, flags=re.I)
    text = re.sub(r"<li[^>]*>", "\n- ", text, flags=re.I)
    text = re.sub(r"<h([1-6])[^>]*>", lambda m: "\n" + "#" * int(m.group(1)) + " ", text,
                  flags=re.I)
    text = re.sub(r"</?(?:strong|b)>", "**", text, flags=re.I)
    text = re.sub(r"</?code[^>]*>", "`", text, flags=re.I)
    text = re.sub(r"</t[dh]>", " | ", text, flags=re.I)
    text = ANY_TAG.sub("", text)
    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text)


def html_to_text(text: str) -> str:
    """Rewrite HTML residue; text without known tags is returned unchanged."""
    if not has_html(text):
        return text

    def fence(m: re.Match[str]) -> str:
        body = html.unescape(ANY_TAG.sub("", m.group(2)))
        return f"\n```{m.group(1) or ''}\n{body.strip()}\n```\n"

    text = PRE.sub(fence, text)
    text = map_unprotected(text, _inline)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
