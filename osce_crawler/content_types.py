"""The site's content types: the labels pages show, in each language, and their keys."""

from __future__ import annotations

#: key -> labels shown on pages (any language)
CONTENT_TYPES: dict[str, tuple[str, ...]] = {
    "press-release": (
        "Press release",
        "Пресс-релиз",
        "Pressemitteilung",
        "Communiqué de presse",
        "Comunicato stampa",
        "Comunicado de prensa",
    ),
    "news": ("News item", "News", "Новость", "Nachricht", "Actualité", "Notizia", "Noticia"),
    "statement": (
        "Statement",
        "Заявление",
        "Erklärung",
        "Déclaration",
        "Dichiarazione",
        "Declaración",
    ),
    "speech": ("Speech", "Выступление", "Rede", "Discours", "Discorso", "Discurso"),
    "feature-story": ("Feature story", "Story", "Reportage"),
    "document": ("Document", "Publication", "Report", "Документ", "Dokument", "Documento"),
    "other": ("Event", "Interview", "Op-ed"),
}
_LABELS = {label.casefold(): key for key, labels in CONTENT_TYPES.items() for label in labels}
_KEY_OF = {**_LABELS, **{key: key for key in CONTENT_TYPES}}


def content_type_key(label: str | None) -> str | None:
    """'Pressemitteilung' -> 'press-release'; also accepts keys and 'press release'."""
    if not label:
        return None
    text = label.strip().casefold()
    return (
        _KEY_OF.get(text)
        or _KEY_OF.get(text.replace(" ", "-"))
        or _KEY_OF.get(text.replace("-", " "))
    )


def is_content_type_label(text: str) -> bool:
    """True for a label as pages show it ('Press release', 'Пресс-релиз')."""
    return text.strip().casefold() in _LABELS
