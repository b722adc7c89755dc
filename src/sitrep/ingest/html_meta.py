"""Metadata a web page carries about itself: title, canonical URL, site name, language and the
publication date from meta tags and JSON-LD. Only what the page states; inference is elsewhere."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import lxml.html

from sitrep.ingest.timeparse import iso_day
from sitrep.unicode import no_surrogates

# Meta tags that state a publication date, most explicit first.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
def _text(value: str | None) -> str | None:
    # JSON-LD is JSON: its "\ud800" escapes decode to lone surrogates, which no store can encode
    # (one such publisher name made the whole batch's write fail). They become U+FFFD.
    return no_surrogates(value) if value else value


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage", "analysisnewsarticle"}


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMeta:
    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    published: str | None = None  # ISO day
    published_basis: str | None = None  # "html-meta" or "json-ld"


def _jsonld_items(tree) -> list[dict]:
    items: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(items) < 100:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                items.append(node)
                if isinstance(node.get("@graph"), list):
                    stack.extend(node["@graph"])
    return items


def page_meta(tree: lxml.html.HtmlElement) -> PageMeta:
    metas: dict[str, str] = {}
    for m in tree.xpath("//meta[@content]"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        if key and key not in metas:
            metas[key] = m.get("content", "").strip()
    published, basis = None, None
    for item in _jsonld_items(tree):
        types = item.get("@type")
        types = {t.lower() for t in types if isinstance(t, str)} if isinstance(types, list) else {str(types).lower()}
        if types & _ARTICLE_TYPES and isinstance(item.get("datePublished"), str):
            published, basis = iso_day(item["datePublished"]), "json-ld"
            if published:
                break
    site_name = metas.get("og:site_name")
    if not published:
        for key in _DATE_META:
            if metas.get(key) and (day := iso_day(metas[key])):
                published, basis = day, "html-meta"
                break
    if not published:
        for t in tree.xpath("//time[@datetime and (@pubdate or @itemprop='datePublished')]"):
            if day := iso_day(t.get("datetime")):
                published, basis = day, "html-meta"
                break
    if not site_name:
        for item in _jsonld_items(tree):
            pub = item.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                site_name = pub["name"].strip()
                break
    titles = tree.xpath("//title/text()")
    title = metas.get("og:title") or (titles[0].strip() if titles else None)
    canon = tree.xpath('//link[@rel="canonical"]/@href')
    url = (canon[0].strip() if canon else None) or metas.get("og:url")
    lang = tree.get("lang") or metas.get("og:locale") or metas.get("language")
    return PageMeta(
        title=_text(title) or None,
        url=_text(url) or None,
        site_name=_text(site_name) or None,
        language=(lang.split("-")[0].split("_")[0].lower() if lang else None),
        published=published,
        published_basis=basis,
    )
