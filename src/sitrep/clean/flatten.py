"""Flatten a web page to visible text, one text block per line, the way scrapers do.

``flatten_html`` is what most scraped news corpora look like before cleaning: the page's visible
text in document order, each block-level element on its own line, inline elements joined into the
surrounding line, whitespace collapsed, empty lines dropped. Only ``<body>`` content is rendered;
scripts, styles, templates, SVG, ``<noscript>`` and hidden elements (``hidden`` attribute,
``aria-hidden="true"``, inline ``display:none`` / ``visibility:hidden``) are skipped.

The tree is walked iteratively (``lxml.etree.iterwalk``), never recursively, so deeply nested
or malformed markup cannot exhaust the stack; libxml2's own depth guard (256 levels without
``huge_tree``) bounds the tree on hostile input. Unparsable input gives ``""``.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["flatten_html", "BLOCK_TAGS", "SKIP_TAGS"]

# Elements whose content is never visible text.
SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "head", "title", "meta",
        "link", "iframe", "object", "embed", "canvas", "audio", "video", "map", "base",
    }
)  # fmt: skip

# Elements that start (and end) a line of their own.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "optgroup", "option",
        "p", "pre", "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot",
        "th", "thead", "tr", "ul", "listing", "plaintext", "xmp", "noframes",
    }
)  # fmt: skip

# Inline style that hides an element; bounded, linear pattern (no nested quantifiers).
_HIDDEN_STYLE = re.compile(r"(?:display\s{0,8}:\s{0,8}none|visibility\s{0,8}:\s{0,8}hidden)", re.I)

# C0 control characters libxml2 rejects (tab, newline and carriage return are kept).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _hidden(el: etree._Element) -> bool:
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib:
        return True
    if attrib.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = attrib.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if el.tag == "input" and attrib.get("type", "").strip().lower() == "hidden":
        return True
    return False


def _parse(html: str) -> etree._Element | None:
    if not html or not html.strip():
        return None
    data = _CONTROL.sub(" ", html).encode("utf-8", "replace")
    parser = etree.HTMLParser(
        encoding="utf-8",
        recover=True,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
    )
    try:
        return etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError, TypeError):
        return None


def flatten_html(html: str) -> str:
    """Return the visible text of ``html``'s body, one block per line (``""`` when unparsable)."""
    if not isinstance(html, str):
        return ""
    root = _parse(html)
    if root is None:
        return ""
    start = root.find("body")
    if start is None:
        start = root

    lines: list[str] = []
    parts: list[str] = []
    pre_depth = 0

    def flush() -> None:
        if parts:
            line = " ".join("".join(parts).split())
            parts.clear()
            if line:
                lines.append(line)

    def add(text: str | None) -> None:
        if not text:
            return
        if pre_depth and "\n" in text:
            pieces = text.split("\n")
            for piece in pieces[:-1]:
                parts.append(piece)
                flush()
            parts.append(pieces[-1])
        else:
            parts.append(text)

    # The element whose subtree was just skipped: its "end" event comes right after its "start".
    skipping: etree._Element | None = None
    walker = etree.iterwalk(start, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions, entities
            if event == "end" and el is not start:
                add(el.tail)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in SKIP_TAGS or _hidden(el):
                skipping = el
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                flush()
            if tag == "pre":
                pre_depth += 1
            add(el.text)
        else:
            if el is skipping:
                skipping = None
                if tag in BLOCK_TAGS:
                    flush()
            else:
                if tag == "pre":
                    pre_depth -= 1
                if tag in BLOCK_TAGS:
                    flush()
            if el is not start:
                add(el.tail)
    flush()
    return "\n".join(lines)
