"""The site's content types: the labels pages show, the section names that list them.

A page shows its type as a label near the title ("Press release"); a breadcrumb, JSON-LD
or the listing that linked the page name it as a section ("Press releases"). Both map to
one key, and a type known only from a section is given the label of the page's language.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing ignored: 'Cyber/ICT Security' ~ 'cyber ict security'."""
    text = text.casefold()
    if not text.isascii():  # ASCII has no accents to strip
        text = unicodedata.normalize("NFKD", text.replace("ё", "е"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", text).strip()


#: key -> language -> labels a page shows for one item (the first is the one we write)
LABELS_BY_LANGUAGE: dict[str, dict[str, tuple[str, ...]]] = {
    "press-release": {
        "en": ("Press release", "Press Release", "News release"),
        "ru": ("Пресс-релиз",),
        "de": ("Pressemitteilung", "Presseaussendung"),
        "fr": ("Communiqué de presse", "Communiqué"),
        "it": ("Comunicato stampa",),
        "es": ("Comunicado de prensa",),
    },
    "news": {
        "en": ("News item", "News", "News story"),
        "ru": ("Новость",),
        "de": ("Nachricht", "Meldung", "Neuigkeit"),
        "fr": ("Actualité", "Nouvelle", "Article d'actualité"),
        "it": ("Notizia",),
        "es": ("Noticia",),
    },
    "statement": {
        "en": ("Statement",),
        "ru": ("Заявление",),
        "de": ("Erklärung", "Stellungnahme"),
        "fr": ("Déclaration",),
        "it": ("Dichiarazione",),
        "es": ("Declaración",),
    },
    "speech": {
        "en": ("Speech", "Remarks"),
        "ru": ("Выступление", "Речь"),
        "de": ("Rede", "Ansprache"),
        "fr": ("Discours", "Allocution"),
        "it": ("Discorso",),
        "es": ("Discurso",),
    },
    "feature-story": {
        "en": ("Feature story", "Feature", "Story"),
        "ru": ("Репортаж", "Очерк", "История"),
        "de": ("Reportage", "Hintergrundbericht", "Geschichte"),
        "fr": ("Reportage", "Récit", "Article de fond"),
        "it": ("Reportage",),
        "es": ("Reportaje",),
    },
    "document": {
        "en": ("Document", "Publication", "Report"),
        "ru": ("Документ", "Публикация", "Доклад"),
        "de": ("Dokument", "Publikation", "Veröffentlichung", "Bericht"),
        "fr": ("Document", "Publication", "Rapport"),
        "it": ("Documento",),
        "es": ("Documento",),
    },
    "other": {"en": ("Event", "Interview", "Op-ed")},
}

#: key -> names of the sections (listings, breadcrumbs) that hold that type, any language
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "press-release": (
        "Press releases",
        "Press releases and statements",
        "News releases",
        "Пресс-релизы",
        "Pressemitteilungen",
        "Presseaussendungen",
        "Communiqués de presse",
        "Communiqués",
        "Comunicati stampa",
        "Comunicados de prensa",
        "press-releases",
        "press_release",
        "PressRelease",
    ),
    "news": (
        "News",
        "News items",
        "Latest news",
        "Новости",
        "Nachrichten",
        "Neuigkeiten",
        "Meldungen",
        "Aktuelles",
        "Actualités",
        "Nouvelles",
        "Notizie",
        "Noticias",
    ),
    "statement": ("Statements", "Заявления", "Erklärungen", "Stellungnahmen", "Déclarations"),
    "speech": ("Speeches", "Выступления", "Речи", "Reden", "Discours", "Allocutions"),
    "feature-story": (
        "Stories",
        "Feature stories",
        "Features",
        "Репортажи",
        "Очерки",
        "Истории",
        "Reportagen",
        "Geschichten",
        "Reportages",
        "Récits",
    ),
    "document": (
        "Documents",
        "Publications",
        "Reports",
        "Документы",
        "Публикации",
        "Доклады",
        "Dokumente",
        "Publikationen",
        "Veröffentlichungen",
        "Berichte",
        "Rapports",
    ),
}

#: key -> labels shown on pages (any language), as before: options and the schema read it
CONTENT_TYPES: dict[str, tuple[str, ...]] = {
    key: tuple(label for labels in by_language.values() for label in labels)
    for key, by_language in LABELS_BY_LANGUAGE.items()
}
_LABELS = {normalise(label): key for key, labels in CONTENT_TYPES.items() for label in labels}
_SECTIONS = {normalise(name): key for key, names in SECTION_NAMES.items() for name in names}
_KEY_OF = {**_LABELS, **{normalise(key): key for key in CONTENT_TYPES}}


def content_type_key(label: str | None) -> str | None:
    """'Pressemitteilung' -> 'press-release'; also accepts keys and 'press release'."""
    if not label:
        return None
    return _KEY_OF.get(normalise(label))


def section_type_key(name: str | None) -> str | None:
    """A section's name or slug ('Press releases', 'Пресс-релизы') -> its type's key."""
    if not name:
        return None
    text = normalise(name)
    return _SECTIONS.get(text) or _KEY_OF.get(text)


def is_content_type_label(text: str) -> bool:
    """True for a label as pages show it ('Press release', 'Пресс-релиз')."""
    return len(text) < 60 and normalise(text) in _LABELS


def label_for(key: str, language: str | None) -> str:
    """The label a page in ``language`` shows for ``key`` (English when unknown)."""
    by_language = LABELS_BY_LANGUAGE.get(key, {})
    labels = by_language.get(language or "en") or by_language.get("en") or (key,)
    return labels[0]


def type_name(label: str | None) -> str:
    """The type a label names, in English, for counting across languages ("Pressemitteilung"
    and "Пресс-релиз" are both "Press release"); a label of no known type as it is."""
    key = content_type_key(label)
    return label_for(key, "en") if key else (label or "(none)")


def listing_type_key(path: str) -> str | None:
    """The type a listing or feed holds, from its path ('/ru/press-releases/rss')."""
    keys = [section_type_key(segment) for segment in path.split("?")[0].split("/") if segment]
    return next((key for key in reversed(keys) if key), None)
