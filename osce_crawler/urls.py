"""What an osce.org URL is, and its one canonical form."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: languages osce.org publishes in (ISO 639-1); pages without a prefix are English
SITE_LANGUAGES = frozenset(
    [
        "en",
        "ru",
        "de",
        "fr",
        "it",
        "es",
        "ro",
        "sq",
        "sr",
        "mk",
        "uk",
        "ka",
        "hy",
        "az",
        "kk",
        "ky",
        "tg",
        "tk",
        "uz",
        "mn",
        "bs",
        "hr",
        "sl",
        "pl",
        "tr",
        "el",
        "bg",
        "hu",
        "cs",
        "sk",
        "lt",
        "lv",
        "et",
        "fi",
        "sv",
        "no",
        "da",
        "nl",
        "pt",
        "be",
        "me",
    ]
)
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|yclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|ref|ref_src|share|"
    r"sessionid|session_id|sid|phpsessid|jsessionid|cid|source)$",
    re.I,
)
_ARTICLE_PATH = re.compile(r"^(?:/[a-z]{2})?(?:/[a-z0-9][a-z0-9-]*)+/\d{3,}/?$")
_FILE_PATH = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|rtf|zip|epub)$", re.I)


def canonicalise(url: str, base_netloc: str | None = None) -> str:
    """Drop fragments and tracking or session parameters; sort the rest; one host form.

    ``base_netloc`` maps the bare and ``www.`` host of the site to the configured one.
    """
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    scheme = parts.scheme.lower()
    if base_netloc and netloc.removeprefix("www.") == base_netloc.removeprefix("www."):
        netloc = base_netloc
    if netloc.endswith(":80") and scheme == "http" or netloc.endswith(":443") and scheme == "https":
        netloc = netloc.rsplit(":", 1)[0]
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def url_language(url: str) -> str:
    match = re.match(r"^/([a-z]{2})(?:/|$)", urlsplit(url).path)
    return match[1] if match and match[1] in SITE_LANGUAGES else "en"


def is_article_url(url: str) -> bool:
    """A page that may hold an article: /<section>/.../<node-id>, any language prefix."""
    parts = urlsplit(url)
    return bool(_ARTICLE_PATH.match(parts.path)) and not parts.path.startswith("/files/")


def is_document_url(url: str) -> bool:
    return bool(_FILE_PATH.search(urlsplit(url).path))


@lru_cache(maxsize=4096)
def listed_article_url(url: str, netloc: str) -> str | None:
    """A listing entry's canonical URL when it is an article page on ``netloc``, else None.

    Cached: every listing page repeats the site's few hundred menu links (cached apart
    from other URLs, which the stream of article URLs would push out).
    """
    canonical = canonicalise(url, netloc)
    if urlsplit(canonical).netloc != netloc or not is_article_url(canonical):
        return None
    return canonical
