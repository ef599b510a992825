"""Page variants: osce.org articles rendered in markups the extractor was not written for.

Why: the project's mirror and its extractor were written by the same hands, so the mirror
cannot tell whether extraction survives a template change. This generator is independent of
both (it imports nothing from ``osce_crawler``) and was built from how news and institutional
sites mark up articles (Drupal node and panels pages, WordPress themes, React/Next pages with
hashed class names, GOV.UK-like and UN/EU pages) and from the one verbatim osce.org page in
``../shared/seeds``. Every page is sampled from a seed (``random.Random``, no global state), so
a failure can be regenerated from its seed alone.

What a variant holds: ``url``, ``html`` (bytes in the charset the page declares), ``language``,
``markup`` (every sampled choice, for error analysis), ``expected`` (what the visible page says:
title, published, place, content type and where the page shows it, sources, fields of work,
dateline, glossary, body) and ``forbidden`` (every chrome string and metadata label word the
page uses; never equal to an expected value). Expectations come only from what the generator
put on the page, never from running an extractor.

Text material: ``tests/data/variant_texts.jsonl`` (the 16 real texts of ``../shared/osce-texts``,
cleaned by hand per record, plus six ru/de/fr texts written for the project and marked
``modelled``) for ``split="dev"``; ``tests/data/variant_texts_holdout.jsonl`` (real OSCE article
texts found with the search tool, with their addresses) for ``split="holdout"`` only. Texts are
used whole or recombined (headline and opening of one text, later paragraphs of another).

Held back for the holdout split only (never sampled for dev):
- one extra label vocabulary per language (``HOLDOUT_LABELS``: e.g. "Release date", "Venue",
  "Author", "Subjects", "Format"; "Дата выхода", "Рубрики"; "Ausgabedatum", "Rubriken";
  "Date de parution", "Rubriques");
- one extra metadata layout, ``strong_br``: ``<p><strong>Label</strong><br>value</p>`` pairs;
- one extra class-name scheme, ``utility``: Tailwind-like utility classes with no role words.
Holdout seeds are offset by ``HOLDOUT_SEED_BASE`` so no holdout page shares a random stream
with a dev page. On holdout pages in ru/de/fr only the page (chrome, labels, dates, dateline)
is in that language; the article text stays English (no non-English OSCE text was captured).

Body expectation: the article's paragraphs joined by a blank line, list items as "- " lines,
without the opening dateline (scored apart), image captions, attachment links and glossary
tooltips.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DEV_TEXTS = DATA / "variant_texts.jsonl"
HOLDOUT_TEXTS = DATA / "variant_texts_holdout.jsonl"
HOLDOUT_SEED_BASE = 1_000_000
LANGS = ("en", "ru", "de", "fr")

# ---------------------------------------------------------------------------- vocabularies

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}

# (key, en, ru, de, fr, url section)
PLACES = [
    ("Vienna", "Вена", "Wien", "Vienne"),
    ("Warsaw", "Варшава", "Warschau", "Varsovie"),
    ("The Hague", "Гаага", "Den Haag", "La Haye"),
    ("Belgrade", "Белград", "Belgrad", "Belgrade"),
    ("Skopje", "Скопье", "Skopje", "Skopje"),
    ("Bishkek", "Бишкек", "Bischkek", "Bichkek"),
    ("Dushanbe", "Душанбе", "Duschanbe", "Douchanbé"),
    ("Sarajevo", "Сараево", "Sarajevo", "Sarajevo"),
    ("Chisinau", "Кишинев", "Chisinau", "Chisinau"),
    ("Tirana", "Тирана", "Tirana", "Tirana"),
    ("Podgorica", "Подгорица", "Podgorica", "Podgorica"),
    ("Ashgabat", "Ашхабад", "Aschgabat", "Achgabat"),
    ("Astana", "Астана", "Astana", "Astana"),
    ("Copenhagen", "Копенгаген", "Kopenhagen", "Copenhague"),
    ("Geneva", "Женева", "Genf", "Genève"),
    ("Prague", "Прага", "Prag", "Prague"),
    ("Tashkent", "Ташкент", "Taschkent", "Tachkent"),
    ("Pristina", "Приштина", "Pristina", "Pristina"),
]

UNITS = [
    (
        "secretariat",
        "OSCE Secretariat",
        "Секретариат ОБСЕ",
        "OSZE-Sekretariat",
        "Secrétariat de l'OSCE",
    ),
    (
        "odihr",
        "OSCE Office for Democratic Institutions and Human Rights",
        "Бюро ОБСЕ по демократическим институтам и правам человека",
        "OSZE-Büro für demokratische Institutionen und Menschenrechte",
        "Bureau des institutions démocratiques et des droits de l'homme de l'OSCE",
    ),
    (
        "hcnm",
        "OSCE High Commissioner on National Minorities",
        "Верховный комиссар ОБСЕ по делам национальных меньшинств",
        "OSZE-Hochkommissar für nationale Minderheiten",
        "Haut-Commissaire de l'OSCE pour les minorités nationales",
    ),
    (
        "fom",
        "OSCE Representative on Freedom of the Media",
        "Представитель ОБСЕ по вопросам свободы СМИ",
        "OSZE-Beauftragter für Medienfreiheit",
        "Représentant de l'OSCE pour la liberté des médias",
    ),
    (
        "chairpersonship",
        "OSCE Chairpersonship",
        "Председательство в ОБСЕ",
        "OSZE-Vorsitz",
        "Présidence de l'OSCE",
    ),
    (
        "pa",
        "OSCE Parliamentary Assembly",
        "Парламентская ассамблея ОБСЕ",
        "Parlamentarische Versammlung der OSZE",
        "Assemblée parlementaire de l'OSCE",
    ),
    (
        "mission-to-serbia",
        "OSCE Mission to Serbia",
        "Миссия ОБСЕ в Сербии",
        "OSZE-Mission in Serbien",
        "Mission de l'OSCE en Serbie",
    ),
    (
        "mission-to-bosnia-and-herzegovina",
        "OSCE Mission to Bosnia and Herzegovina",
        "Миссия ОБСЕ в Боснии и Герцеговине",
        "OSZE-Mission in Bosnien und Herzegowina",
        "Mission de l'OSCE en Bosnie-Herzégovine",
    ),
    (
        "mission-in-kosovo",
        "OSCE Mission in Kosovo",
        "Миссия ОБСЕ в Косово",
        "OSZE-Mission im Kosovo",
        "Mission de l'OSCE au Kosovo",
    ),
    (
        "programme-office-in-dushanbe",
        "OSCE Programme Office in Dushanbe",
        "Программный офис ОБСЕ в Душанбе",
        "OSZE-Programmbüro in Duschanbe",
        "Bureau de programme de l'OSCE à Douchanbé",
    ),
    (
        "programme-office-in-bishkek",
        "OSCE Programme Office in Bishkek",
        "Программный офис ОБСЕ в Бишкеке",
        "OSZE-Programmbüro in Bischkek",
        "Bureau de programme de l'OSCE à Bichkek",
    ),
    (
        "mission-to-moldova",
        "OSCE Mission to Moldova",
        "Миссия ОБСЕ в Молдове",
        "OSZE-Mission in Moldau",
        "Mission de l'OSCE en Moldavie",
    ),
    (
        "presence-in-albania",
        "OSCE Presence in Albania",
        "Присутствие ОБСЕ в Албании",
        "OSZE-Präsenz in Albanien",
        "Présence de l'OSCE en Albanie",
    ),
    (
        "mission-to-skopje",
        "OSCE Mission to Skopje",
        "Миссия ОБСЕ в Скопье",
        "OSZE-Mission in Skopje",
        "Mission de l'OSCE à Skopje",
    ),
]

# The 23 fields of work of the seed page's menu, with their translations.
FIELDS_OF_WORK = {
    "en": [
        "Arms control",
        "Border management",
        "Combating trafficking in human beings",
        "Conflict prevention and resolution",
        "Countering terrorism",
        "Cyber/ICT Security",
        "Democratization",
        "Economic activities",
        "Education",
        "Elections",
        "Environmental activities",
        "Gender equality",
        "Good governance",
        "Human rights",
        "Media freedom and development",
        "Migration",
        "National minority issues",
        "Policing",
        "Reform and co-operation in the security sector",
        "Roma and Sinti",
        "Rule of law",
        "Tolerance and non-discrimination",
        "Youth",
    ],
    "ru": [
        "Контроль над вооружениями",
        "Управление границами",
        "Борьба с торговлей людьми",
        "Предотвращение и урегулирование конфликтов",
        "Борьба с терроризмом",
        "Кибербезопасность/безопасность ИКТ",
        "Демократизация",
        "Экономическая деятельность",
        "Образование",
        "Выборы",
        "Природоохранная деятельность",
        "Гендерное равенство",
        "Благое управление",
        "Права человека",
        "Свобода и развитие СМИ",
        "Миграция",
        "Вопросы национальных меньшинств",
        "Деятельность полиции",
        "Реформа и сотрудничество в секторе безопасности",
        "Рома и синти",
        "Верховенство права",
        "Толерантность и недискриминация",
        "Молодежь",
    ],
    "de": [
        "Rüstungskontrolle",
        "Grenzmanagement",
        "Bekämpfung des Menschenhandels",
        "Konfliktverhütung und -beilegung",
        "Terrorismusbekämpfung",
        "Cyber-/IKT-Sicherheit",
        "Demokratisierung",
        "Wirtschaftliche Aktivitäten",
        "Bildung",
        "Wahlen",
        "Umweltaktivitäten",
        "Gleichstellung der Geschlechter",
        "Gute Regierungsführung",
        "Menschenrechte",
        "Medienfreiheit und -entwicklung",
        "Migration",
        "Fragen nationaler Minderheiten",
        "Polizeiarbeit",
        "Reform und Zusammenarbeit im Sicherheitssektor",
        "Roma und Sinti",
        "Rechtsstaatlichkeit",
        "Toleranz und Nichtdiskriminierung",
        "Jugend",
    ],
    "fr": [
        "Maîtrise des armements",
        "Gestion des frontières",
        "Lutte contre la traite des êtres humains",
        "Prévention et règlement des conflits",
        "Lutte contre le terrorisme",
        "Cybersécurité/sécurité des TIC",
        "Démocratisation",
        "Activités économiques",
        "Éducation",
        "Élections",
        "Activités environnementales",
        "Égalité des genres",
        "Bonne gouvernance",
        "Droits de l'homme",
        "Liberté et développement des médias",
        "Migrations",
        "Questions relatives aux minorités nationales",
        "Activités de police",
        "Réforme et coopération dans le secteur de la sécurité",
        "Roms et Sintis",
        "État de droit",
        "Tolérance et non-discrimination",
        "Jeunesse",
    ],
}
FIELD_SLUGS = [re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") for name in FIELDS_OF_WORK["en"]]

CONTENT_TYPES = ("press-release", "news", "statement", "speech", "feature-story", "document")
# singular label shown near the title, plural section name used in breadcrumbs
TYPE_LABELS = {
    "en": {
        "press-release": ("Press release", "Press releases"),
        "news": ("News item", "News"),
        "statement": ("Statement", "Statements"),
        "speech": ("Speech", "Speeches"),
        "feature-story": ("Feature story", "Feature stories"),
        "document": ("Document", "Documents"),
    },
    "ru": {
        "press-release": ("Пресс-релиз", "Пресс-релизы"),
        "news": ("Новость", "Новости"),
        "statement": ("Заявление", "Заявления"),
        "speech": ("Выступление", "Выступления"),
        "feature-story": ("Очерк", "Очерки"),
        "document": ("Документ", "Документы"),
    },
    "de": {
        "press-release": ("Pressemitteilung", "Pressemitteilungen"),
        "news": ("Nachricht", "Nachrichten"),
        "statement": ("Erklärung", "Erklärungen"),
        "speech": ("Rede", "Reden"),
        "feature-story": ("Reportage", "Reportagen"),
        "document": ("Dokument", "Dokumente"),
    },
    "fr": {
        "press-release": ("Communiqué de presse", "Communiqués de presse"),
        "news": ("Actualité", "Actualités"),
        "statement": ("Déclaration", "Déclarations"),
        "speech": ("Discours", "Discours"),
        "feature-story": ("Reportage", "Reportages"),
        "document": ("Document", "Documents"),
    },
}

LABELS = {
    "en": {
        "date": ["Date", "Published", "Posted", "Issued", "Publication date"],
        "place": ["Place", "Location", "City"],
        "source": ["Source", "Published by", "Issued by", "Office", "Institution"],
        "fow": ["Fields of work", "Topics", "Themes", "Tags", "Areas of work"],
        "type": ["Type", "Category", "Content type"],
        "updated": ["Last updated", "Updated"],
    },
    "ru": {
        "date": ["Дата", "Опубликовано", "Дата публикации", "Размещено"],
        "place": ["Место", "Город", "Местонахождение"],
        "source": ["Источник", "Издано", "Подразделение", "Учреждение"],
        "fow": ["Направления деятельности", "Темы", "Теги", "Области работы"],
        "type": ["Тип", "Категория"],
        "updated": ["Обновлено", "Последнее обновление"],
    },
    "de": {
        "date": ["Datum", "Veröffentlicht", "Veröffentlicht am", "Erschienen"],
        "place": ["Ort", "Standort", "Stadt"],
        "source": ["Quelle", "Herausgegeben von", "Herausgeber", "Büro", "Institution"],
        "fow": ["Arbeitsbereiche", "Themen", "Schlagworte", "Tätigkeitsbereiche"],
        "type": ["Typ", "Kategorie", "Art"],
        "updated": ["Aktualisiert", "Zuletzt aktualisiert"],
    },
    "fr": {
        "date": ["Date", "Publié le", "Mis en ligne", "Date de publication"],
        "place": ["Lieu", "Localisation", "Ville"],
        "source": ["Source", "Publié par", "Émis par", "Bureau", "Institution"],
        "fow": ["Domaines d'activité", "Thèmes", "Sujets", "Mots-clés"],
        "type": ["Type", "Catégorie"],
        "updated": ["Mis à jour", "Dernière mise à jour"],
    },
}
# held back: sampled only for split="holdout"
HOLDOUT_LABELS = {
    "en": {
        "date": ["Release date"],
        "place": ["Venue"],
        "source": ["Author"],
        "fow": ["Subjects"],
        "type": ["Format"],
    },
    "ru": {
        "date": ["Дата выхода"],
        "place": ["Пункт"],
        "source": ["Автор"],
        "fow": ["Рубрики"],
        "type": ["Формат"],
    },
    "de": {
        "date": ["Ausgabedatum"],
        "place": ["Veranstaltungsort"],
        "source": ["Autor"],
        "fow": ["Rubriken"],
        "type": ["Format"],
    },
    "fr": {
        "date": ["Date de parution"],
        "place": ["Endroit"],
        "source": ["Auteur"],
        "fow": ["Rubriques"],
        "type": ["Format"],
    },
}

GLOSSARY = {
    "en": [
        ("CSBMs", "Confidence- and security-building measures"),
        ("CBMs", "Confidence-building measures"),
        ("ODIHR", "Office for Democratic Institutions and Human Rights"),
        ("HCNM", "High Commissioner on National Minorities"),
        ("ICT", "Information and communication technologies"),
        ("OSCE PA", "OSCE Parliamentary Assembly"),
        ("SALW", "Small arms and light weapons"),
        ("OSCE", "Organization for Security and Co-operation in Europe"),
    ],
    "ru": [
        ("БДИПЧ", "Бюро по демократическим институтам и правам человека"),
        ("МДБ", "Меры укрепления доверия и безопасности"),
        ("ОБСЕ", "Организация по безопасности и сотрудничеству в Европе"),
    ],
    "de": [
        ("VSBM", "Vertrauens- und sicherheitsbildende Maßnahmen"),
        ("BDIMR", "Büro für demokratische Institutionen und Menschenrechte"),
        ("OSZE", "Organisation für Sicherheit und Zusammenarbeit in Europa"),
    ],
    "fr": [
        ("BIDDH", "Bureau des institutions démocratiques et des droits de l'homme"),
        ("MDCS", "Mesures de confiance et de sécurité"),
        ("OSCE", "Organisation pour la sécurité et la coopération en Europe"),
    ],
}

# Page chrome. English lists follow the seed page's mega menu.
CHROME = {
    "en": {
        "menu_headings": [
            "Our work",
            "Fields of work",
            "Meetings and conferences",
            "Countries",
            "Participating States",
            "Structures and institutions",
            "Secretariat",
            "Field operations",
        ],
        "meetings": [
            "Summit meetings",
            "Review Conferences",
            "Ministerial Council meetings",
            "Plenary meetings of the Permanent Council",
            "Plenary Meetings of the Forum for Security Co-operation",
            "Security Review Conferences",
            "Annual Implementation Assessment Meetings",
            "Economic and Environmental Forum",
            "Human rights meetings",
            "Media conferences",
            "Partnerships",
        ],
        "countries": [
            "All",
            "Albania",
            "Andorra",
            "Armenia",
            "Austria",
            "Azerbaijan",
            "Belgium",
            "Bosnia and Herzegovina",
            "Finland – OSCE Chairpersonship 2025",
            "Georgia",
            "Kazakhstan",
            "Kyrgyzstan",
            "Moldova",
            "North Macedonia",
            "Serbia",
            "Tajikistan",
            "Türkiye",
            "Ukraine",
            "United States of America",
            "Asian Partners for Co-operation",
            "Mediterranean Partners for Co-operation",
        ],
        "structures": [
            "Chairpersonship",
            "Secretary General",
            "Conflict Prevention Centre",
            "Transnational Threats Department",
            "Gender Issues Programme",
            "Institutions",
            "Presence in Albania",
            "Centre in Ashgabat",
            "Programme Office in Bishkek",
            "Mission in Kosovo",
            "Mission to Serbia",
            "Mission to Skopje",
            "Closed field activities",
            "Parliamentary Assembly",
            "Court of Conciliation and Arbitration",
            "Organizational structure",
            "About us",
        ],
        "our_work_extra": ["Field operations", "Projects"],
        "home": "Home",
        "newsroom": "Newsroom",
        "search": "Search",
        "skip": "Skip to main content",
        "footer": [
            "Contact us",
            "Employment",
            "Procurement",
            "Privacy policy",
            "Terms of use",
            "Sitemap",
            "Media contacts",
            "© OSCE 2025",
        ],
        "cookie": [
            "We use cookies to improve your experience on our website.",
            "Accept all cookies",
            "Reject non-essential cookies",
            "Cookie settings",
        ],
        "share": ["Share this page", "Facebook", "LinkedIn", "Email", "Print"],
        "related": ["Related content", "Read more", "See also", "Latest news", "More stories"],
        "newsletter": [
            "Subscribe to our newsletter",
            "Get the latest OSCE news in your inbox.",
            "Your email address",
            "Sign up",
        ],
        "photo": "Photo details",
        "attachments": ["Attachments", "Downloads", "Related documents"],
        "logo": "Organization for Security and Co-operation in Europe",
        "languages": ["English", "Русский", "Deutsch", "Français"],
    },
    "ru": {
        "menu_headings": [
            "Наша работа",
            "Направления деятельности",
            "Встречи и конференции",
            "Страны",
            "Государства-участники",
            "Структуры и институты",
            "Секретариат",
            "Полевые операции",
        ],
        "meetings": [
            "Встречи на высшем уровне",
            "Заседания Совета министров",
            "Пленарные заседания Постоянного совета",
            "Экономико-экологический форум",
            "Партнерства",
        ],
        "countries": [
            "Все",
            "Австрия",
            "Азербайджан",
            "Албания",
            "Армения",
            "Босния и Герцеговина",
            "Казахстан",
            "Кыргызстан",
            "Молдова",
            "Сербия",
            "Таджикистан",
            "Украина",
            "Партнеры по сотрудничеству",
        ],
        "structures": [
            "Председательство",
            "Генеральный секретарь",
            "Центр по предотвращению конфликтов",
            "Институты",
            "Миссия в Косово",
            "Миссия в Сербии",
            "Парламентская ассамблея",
            "О нас",
        ],
        "our_work_extra": ["Полевые операции", "Проекты"],
        "home": "Главная",
        "newsroom": "Пресс-центр",
        "search": "Поиск",
        "skip": "Перейти к основному содержанию",
        "footer": [
            "Контакты",
            "Вакансии",
            "Закупки",
            "Политика конфиденциальности",
            "Условия использования",
            "Карта сайта",
            "© ОБСЕ 2025",
        ],
        "cookie": [
            "Мы используем файлы cookie, чтобы сделать сайт удобнее.",
            "Принять все",
            "Отклонить",
            "Настройки cookie",
        ],
        "share": ["Поделиться", "Facebook", "LinkedIn", "Эл. почта", "Печать"],
        "related": ["Читайте также", "Похожие материалы", "Последние новости"],
        "newsletter": [
            "Подпишитесь на рассылку",
            "Получайте последние новости ОБСЕ.",
            "Ваш адрес эл. почты",
            "Подписаться",
        ],
        "photo": "Подробнее о фото",
        "attachments": ["Вложения", "Файлы для загрузки"],
        "logo": "Организация по безопасности и сотрудничеству в Европе",
        "languages": ["English", "Русский", "Deutsch", "Français"],
    },
    "de": {
        "menu_headings": [
            "Unsere Arbeit",
            "Arbeitsbereiche",
            "Treffen und Konferenzen",
            "Länder",
            "Teilnehmerstaaten",
            "Strukturen und Institutionen",
            "Sekretariat",
            "Feldoperationen",
        ],
        "meetings": [
            "Gipfeltreffen",
            "Ministerratstreffen",
            "Plenarsitzungen des Ständigen Rates",
            "Wirtschafts- und Umweltforum",
            "Partnerschaften",
        ],
        "countries": [
            "Alle",
            "Albanien",
            "Armenien",
            "Aserbaidschan",
            "Bosnien und Herzegowina",
            "Kasachstan",
            "Kirgisistan",
            "Moldau",
            "Österreich",
            "Serbien",
            "Tadschikistan",
            "Ukraine",
            "Kooperationspartner",
        ],
        "structures": [
            "Vorsitz",
            "Generalsekretär",
            "Konfliktverhütungszentrum",
            "Institutionen",
            "Mission im Kosovo",
            "Mission in Serbien",
            "Parlamentarische Versammlung",
            "Über uns",
        ],
        "our_work_extra": ["Feldoperationen", "Projekte"],
        "home": "Startseite",
        "newsroom": "Pressebereich",
        "search": "Suche",
        "skip": "Zum Hauptinhalt springen",
        "footer": [
            "Kontakt",
            "Stellenangebote",
            "Beschaffung",
            "Datenschutz",
            "Nutzungsbedingungen",
            "Sitemap",
            "© OSZE 2025",
        ],
        "cookie": [
            "Wir verwenden Cookies, um Ihnen die Nutzung unserer Website zu erleichtern.",
            "Alle akzeptieren",
            "Ablehnen",
            "Cookie-Einstellungen",
        ],
        "share": ["Seite teilen", "Facebook", "LinkedIn", "E-Mail", "Drucken"],
        "related": ["Weitere Beiträge", "Mehr lesen", "Siehe auch", "Aktuelle Meldungen"],
        "newsletter": [
            "Newsletter abonnieren",
            "Die neuesten OSZE-Nachrichten in Ihrem Posteingang.",
            "Ihre E-Mail-Adresse",
            "Anmelden",
        ],
        "photo": "Fotodetails",
        "attachments": ["Anhänge", "Downloads"],
        "logo": "Organisation für Sicherheit und Zusammenarbeit in Europa",
        "languages": ["English", "Русский", "Deutsch", "Français"],
    },
    "fr": {
        "menu_headings": [
            "Notre action",
            "Domaines d'activité",
            "Réunions et conférences",
            "Pays",
            "États participants",
            "Structures et institutions",
            "Secrétariat",
            "Opérations de terrain",
        ],
        "meetings": [
            "Sommets",
            "Réunions du Conseil ministériel",
            "Séances plénières du Conseil permanent",
            "Forum économique et environnemental",
            "Partenariats",
        ],
        "countries": [
            "Tous",
            "Albanie",
            "Arménie",
            "Autriche",
            "Azerbaïdjan",
            "Bosnie-Herzégovine",
            "Kazakhstan",
            "Kirghizistan",
            "Moldavie",
            "Serbie",
            "Tadjikistan",
            "Ukraine",
            "Partenaires pour la coopération",
        ],
        "structures": [
            "Présidence",
            "Secrétaire général",
            "Centre de prévention des conflits",
            "Institutions",
            "Mission au Kosovo",
            "Mission en Serbie",
            "Assemblée parlementaire",
            "À propos",
        ],
        "our_work_extra": ["Opérations de terrain", "Projets"],
        "home": "Accueil",
        "newsroom": "Salle de presse",
        "search": "Rechercher",
        "skip": "Aller au contenu principal",
        "footer": [
            "Nous contacter",
            "Emplois",
            "Marchés publics",
            "Politique de confidentialité",
            "Conditions d'utilisation",
            "Plan du site",
            "© OSCE 2025",
        ],
        "cookie": [
            "Nous utilisons des cookies pour améliorer votre expérience sur notre site.",
            "Tout accepter",
            "Tout refuser",
            "Paramètres des cookies",
        ],
        "share": ["Partager cette page", "Facebook", "LinkedIn", "Courriel", "Imprimer"],
        "related": ["À lire aussi", "Contenus associés", "Dernières actualités"],
        "newsletter": [
            "Abonnez-vous à notre lettre d'information",
            "Recevez les dernières nouvelles de l'OSCE.",
            "Votre adresse électronique",
            "S'abonner",
        ],
        "photo": "Détails de la photo",
        "attachments": ["Pièces jointes", "Téléchargements"],
        "logo": "Organisation pour la sécurité et la coopération en Europe",
        "languages": ["English", "Русский", "Deutsch", "Français"],
    },
}

# The sampled dimensions and their values (dev). Tests check that each value occurs.
DEV_SPACE: dict[str, tuple[str, ...]] = {
    "language": LANGS,
    "class_scheme": ("semantic", "bem", "hashed", "none"),
    "wrapper_depth": tuple(str(n) for n in range(1, 9)),
    "container": ("article", "main", "div"),
    "paragraphs": ("p", "div", "section", "br"),
    "title_tag": ("h1", "h2", "div_role_heading", "span_styled"),
    "meta_layout": (
        "dl",
        "table",
        "ul",
        "ol",
        "lines",
        "sibling_divs",
        "chips",
        "sidebar_div",
        "sidebar_aside",
    ),
    "meta_colon": ("yes", "no"),
    "ctype_where": ("label", "breadcrumb", "jsonld", "nowhere"),
    "ctype_label_at": ("above_title", "below_title", "meta_row"),
    "date_where": ("meta", "meta_empty", "byline", "dateline_only"),
    "date_time_element": ("none", "date", "datetime"),
    "dateline": ("yes", "no"),
    "dateline_dash": ("en", "em", "hyphen"),
    "place_case": ("title", "upper"),
    "values_linked": ("yes", "no"),
    "multi_values": ("joined", "separate"),
    "menu": ("nav_links", "div_spans", "none"),
    "menu_position": ("header", "footer"),
    "topics_block": ("aside", "div", "none"),
    "related": ("in_article", "after_article", "sidebar", "none"),
    "related_meta": ("yes", "no"),
    "share": ("in_article_top", "in_article_bottom", "outside", "none"),
    "cookie": ("top", "bottom", "none"),
    "newsletter": ("yes", "no"),
    "breadcrumb": ("yes", "no"),
    "jsonld": ("absent", "agree", "disagree"),
    "glossary_markup": (
        "span_tooltip",
        "button_describedby",
        "dfn_popover",
        "abbr_visually_hidden",
    ),
    "figure": ("yes", "no"),
    "attachments": ("yes", "no"),
    "blockquote": ("yes", "no"),
    "updated": ("yes", "no"),
    "scripts": ("none", "analytics", "drupal_settings", "next_data"),
    "charset": ("utf-8", "legacy"),
    "charset_decl": ("meta_charset", "http_equiv"),
    "logo_heading": ("yes", "no"),
    "text": ("whole", "recombined"),
}
HOLDOUT_EXTRA: dict[str, tuple[str, ...]] = {
    "meta_layout": ("strong_br",),
    "class_scheme": ("utility",),
    "label_vocabulary": ("holdout",),
}

# ---------------------------------------------------------------------------- data types


@dataclass
class Variant:
    """One rendered page and what its visible text says."""

    seed: int
    split: str
    url: str
    html: bytes
    charset: str
    language: str
    text_id: str
    markup: dict
    expected: dict
    chrome: list[str] = field(default_factory=list)
    label_words: list[str] = field(default_factory=list)

    @property
    def forbidden(self) -> list[str]:
        """Chrome strings and label words: none may be an entry of a list field."""
        return sorted(set(self.chrome) | set(self.label_words))


@lru_cache(maxsize=2)
def load_texts(split: str) -> tuple[dict, ...]:
    """The text records of a split (dev: variant_texts.jsonl; holdout: the held-out file)."""
    path = DEV_TEXTS if split == "dev" else HOLDOUT_TEXTS
    if split not in ("dev", "holdout"):
        raise ValueError(f"unknown split {split!r}: use 'dev' or 'holdout'")
    with path.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


# ---------------------------------------------------------------------------- helpers


def esc(text: str) -> str:
    return html_lib.escape(text, quote=False)


def attr(text: str) -> str:
    return html_lib.escape(text, quote=True)


def format_date(day: dt.date, lang: str, style: str) -> str:
    """A date as a person of that language writes it."""
    m = MONTHS[lang][day.month - 1]
    if style == "iso":
        return day.isoformat()
    if style == "numeric":
        return (
            f"{day.day:02d}/{day.month:02d}/{day.year}"
            if lang == "fr"
            else day.strftime("%d.%m.%Y")
        )
    if lang == "en":
        return f"{m} {day.day}, {day.year}" if style == "us" else f"{day.day} {m} {day.year}"
    if lang == "ru":
        return f"{day.day} {m} {day.year} г." if style == "long_g" else f"{day.day} {m} {day.year}"
    if lang == "de":
        return f"{day.day}. {m} {day.year}"
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {m} {day.year}"
    raise ValueError(lang)


DATE_STYLES = {
    "en": ("long", "us", "numeric", "iso"),
    "ru": ("long", "long_g", "numeric"),
    "de": ("long", "numeric"),
    "fr": ("long", "numeric"),
}
DATELINE_DATE_STYLES = {
    "en": ("long", "us"),
    "ru": ("long_g", "long"),
    "de": ("long",),
    "fr": ("long",),
}
DASHES = {"en": "–", "em": "—", "hyphen": "-"}


class Namer:
    """Class attributes for page roles under one naming scheme."""

    def __init__(self, rng: random.Random, scheme: str):
        self.rng = rng
        self.scheme = scheme
        self.block = rng.choice(["article", "node", "story", "c-article", "news-item"])
        self.prefix = rng.choice(["", "node-", "field-", "c-", "o-"])
        self.cache: dict[str, str] = {}

    def __call__(self, role: str, extra: str = "") -> str:
        if self.scheme == "none":
            return ""
        if role not in self.cache:
            self.cache[role] = self._name(role)
        names = self.cache[role] + (
            f" {extra}" if extra and self.scheme in ("semantic", "bem") else ""
        )
        return f' class="{names}"'

    def _name(self, role: str) -> str:
        rng = self.rng
        if self.scheme == "semantic":
            return self.prefix + role
        if self.scheme == "bem":
            return f"{self.block}__{role}" + (
                f" {self.block}__{role}--{rng.choice(['main', 'lg', 'default'])}"
                if rng.random() < 0.3
                else ""
            )
        if self.scheme == "hashed":
            alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
            style = rng.choice(["css", "sc", "jsx"])
            tail = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 7)))
            if style == "css":
                return f"css-{rng.randint(0, 9)}{tail}"
            if style == "sc":
                return f"sc-{tail} {''.join(rng.choice('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(6))}"
            return f"jsx-{rng.randint(100000, 9999999)}"
        if self.scheme == "utility":
            pool = [
                "flex",
                "grid",
                "mt-4",
                "mb-2",
                "px-4",
                "py-6",
                "text-sm",
                "text-lg",
                "font-semibold",
                "text-gray-700",
                "max-w-prose",
                "gap-2",
                "md:w-2/3",
                "leading-7",
                "rounded",
                "border-b",
            ]
            return " ".join(rng.sample(pool, rng.randint(2, 4)))
        raise ValueError(self.scheme)


def visible_date_html(day: dt.date, text: str, mode: str, rng: random.Random) -> str:
    """The date's text, wrapped in <time> or not."""
    if mode == "none":
        return esc(text)
    if mode == "date":
        return f'<time datetime="{day.isoformat()}">{esc(text)}</time>'
    hour = rng.randint(7, 18)
    return f'<time datetime="{day.isoformat()}T{hour:02d}:{rng.randint(0, 59):02d}:00+0{rng.choice([1, 2])}:00">{esc(text)}</time>'


# ---------------------------------------------------------------------------- generation


def _pick_text(rng: random.Random, split: str, lang: str) -> tuple[dict, str]:
    texts = load_texts(split)
    pool = [t for t in texts if t["language"] == lang] if split == "dev" else list(texts)
    first = rng.choice(pool)
    if len(pool) > 1 and rng.random() < 0.25:
        second = rng.choice([t for t in pool if t["id"] != first["id"]])
        keep = max(1, min(len(first["paragraphs"]) - 1, rng.randint(1, 3)))
        extra = [p for p in second["paragraphs"][1:] if not p.startswith("- ")][: rng.randint(1, 3)]
        record = {
            "id": f"{first['id']}+{second['id']}",
            "title": first["title"],
            "paragraphs": first["paragraphs"][:keep] + extra,
            "language": first["language"],
            "caption": first.get("caption"),
        }
        return record, "recombined"
    return first, "whole"


def _choose(
    rng: random.Random, split: str, dim: str, weights: dict[str, float] | None = None
) -> str:
    values = list(DEV_SPACE[dim])
    if split == "holdout" and dim in HOLDOUT_EXTRA and rng.random() < 0.35:
        return rng.choice(HOLDOUT_EXTRA[dim])
    if weights:
        return rng.choices(values, weights=[weights.get(v, 1.0) for v in values])[0]
    return rng.choice(values)


def generate(seed: int, split: str = "dev") -> Variant:
    """The page variant of this seed and split; the same seed always gives the same page."""
    if split not in ("dev", "holdout"):
        raise ValueError(f"unknown split {split!r}: use 'dev' or 'holdout'")
    if not 0 <= seed < HOLDOUT_SEED_BASE:
        raise ValueError(f"seed must be in [0, {HOLDOUT_SEED_BASE})")
    rng = random.Random(seed + (HOLDOUT_SEED_BASE if split == "holdout" else 0))
    return _Builder(rng, seed, split).build()


def variants(n: int, split: str = "dev", start: int = 0):
    """Variants of seeds start .. start+n-1."""
    for seed in range(start, start + n):
        yield generate(seed, split)


class _Builder:
    def __init__(self, rng: random.Random, seed: int, split: str):
        self.rng = rng
        self.seed = seed
        self.split = split
        self.m: dict[str, str] = {}
        self.chrome: list[str] = []
        self.labels_used: list[str] = []

    def choose(self, dim: str, weights: dict[str, float] | None = None) -> str:
        value = _choose(self.rng, self.split, dim, weights)
        self.m[dim] = value
        return value

    def label(self, lang: str, kind: str) -> str:
        pool = LABELS[lang][kind]
        if self.m.get("label_vocabulary") == "holdout" and kind in HOLDOUT_LABELS[lang]:
            pool = HOLDOUT_LABELS[lang][kind]
        word = self.rng.choice(pool)
        self.labels_used.append(word)
        return word

    def labelled(self, word: str) -> str:
        return word + ":" if self.m["meta_colon"] == "yes" else word

    # -- the page ---------------------------------------------------------------
    def build(self) -> Variant:
        rng = self.rng
        lang = self.choose("language", {"en": 2.5})
        if self.split == "holdout" and rng.random() < 0.35:
            self.m["label_vocabulary"] = "holdout"
        else:
            self.m["label_vocabulary"] = "dev"
        record, how = _pick_text(rng, self.split, lang)
        self.m["text"] = how
        chrome = CHROME[lang]
        n = self.Namer = Namer(rng, self.choose("class_scheme"))

        day = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randint(0, 8000))
        place_row = rng.choice(PLACES)
        place_name = place_row[LANGS.index(lang)]
        units = rng.sample(UNITS, rng.choice([1, 1, 1, 2]))
        if rng.random() < 0.12:
            units = []
        sources = [u[1 + LANGS.index(lang)] for u in units]
        fow_idx = rng.sample(range(23), rng.choice([1, 1, 2, 2, 3]))
        if rng.random() < 0.12:
            fow_idx = []
        fields = [FIELDS_OF_WORK[lang][i] for i in fow_idx]
        ctype = rng.choice(CONTENT_TYPES)
        type_label, type_plural = TYPE_LABELS[lang][ctype]
        section = (
            units[0][0] if units else rng.choice(["secretariat", "odihr", "chairpersonship", "cio"])
        )
        node_id = rng.randint(40000, 620000)
        url = f"https://www.osce.org/{'' if lang == 'en' else lang + '/'}{section}/{node_id}"

        # -- sampled structure ---------------------------------------------------
        meta_layout = self.choose("meta_layout")
        self.choose("meta_colon")
        ctype_where = self.choose("ctype_where")
        ctype_at = self.choose("ctype_label_at")
        if meta_layout == "chips" and ctype_at == "meta_row":
            ctype_at = self.m["ctype_label_at"] = "above_title"
        has_dateline = self.choose("dateline", {"yes": 1.5}) == "yes"
        date_where = self.choose("date_where")
        if date_where in ("meta_empty", "dateline_only") and not has_dateline:
            has_dateline = True
            self.m["dateline"] = "yes"
        if meta_layout == "chips" and date_where == "meta_empty":
            date_where = self.m["date_where"] = "meta"
        time_mode = self.choose("date_time_element")
        if date_where == "meta_empty":
            time_mode = self.m["date_time_element"] = "datetime"
        dash = DASHES[self.choose("dateline_dash")]
        place_case = self.choose("place_case")
        place_in_meta = rng.random() < 0.75
        self.m["place_in_meta"] = "yes" if place_in_meta else "no"
        linked = self.choose("values_linked") == "yes"
        multi = self.choose("multi_values")
        show_updated = self.choose("updated", {"no": 3}) == "yes" and meta_layout != "chips"
        self.m["updated"] = "yes" if show_updated else "no"

        date_style = rng.choice(DATE_STYLES[lang])
        if lang == "en" and date_style == "numeric" and day.day <= 12:
            date_style = "long"
        self.m["date_style"] = date_style
        date_text = format_date(day, lang, date_style)
        updated_day = day + dt.timedelta(days=rng.randint(2, 400))
        updated_text = format_date(
            updated_day, lang, date_style if date_style != "numeric" else "long"
        )

        # -- body ----------------------------------------------------------------
        paragraphs = list(record["paragraphs"])
        dateline = None
        dateline_text = ""
        if has_dateline:
            dl_style = rng.choice(DATELINE_DATE_STYLES[lang])
            place_upper = place_name.upper()
            dateline_text = f"{place_upper}, {format_date(day, lang, dl_style)} {dash} "
            dateline = {"place": place_upper, "date": day.isoformat()}
        glossary, body_blocks = self.body_blocks(paragraphs, lang, dateline_text)
        expected_body = "\n\n".join(
            "\n".join(b["items"]) if b["kind"] == "list" else b["text"] for b in body_blocks
        )

        # -- expected ------------------------------------------------------------
        place_visible = place_in_meta or has_dateline
        expected = {
            "title": record["title"],
            "published": day.isoformat(),
            "place": place_row[LANGS.index(lang)] if place_visible else None,
            "content_type_key": None if ctype_where == "nowhere" else ctype,
            "content_type_shown": ctype_where,
            "content_type_label": type_label
            if ctype_where in ("label", "jsonld")
            else (type_plural if ctype_where == "breadcrumb" else None),
            "sources": sources,
            "fields_of_work": fields,
            "dateline": dateline,
            "glossary": glossary,
            "body": expected_body,
            "language": lang,
        }

        # -- render --------------------------------------------------------------
        title_html = self.title_html(record["title"])
        type_html = (
            f"<div{n('type-label')}>{esc(type_label)}</div>"
            if ctype_where == "label" and ctype_at != "meta_row"
            else ""
        )
        byline = ""
        if date_where == "byline":
            byline = f"<p{n('byline')}>{visible_date_html(day, date_text, time_mode, rng)}</p>"
            if show_updated:
                w = self.label(lang, "updated")
                byline += f"<p{n('updated')}>{esc(self.labelled(w))} {esc(updated_text)}</p>"
        meta_fields = self.meta_fields(
            lang,
            day,
            date_text,
            time_mode,
            date_where,
            place_name if place_in_meta else None,
            place_case,
            units,
            sources,
            fow_idx,
            fields,
            linked,
            multi,
            type_label if ctype_where == "label" and ctype_at == "meta_row" else None,
            updated_text if show_updated and date_where != "byline" else None,
        )
        meta_html = self.meta_html(meta_layout, meta_fields, multi)

        body_html = self.body_html(body_blocks, record.get("caption"), chrome, lang)
        share_html = self.share_html(chrome)
        share_pos = self.choose("share")
        related_pos = self.choose("related")
        related_html = self.related_html(lang, chrome, related_pos)

        head_parts = (
            [title_html, byline] if ctype_at == "below_title" else [type_html, title_html, byline]
        )
        if ctype_at == "below_title":
            head_parts.insert(1, type_html)
        article_inner = "".join(head_parts)
        sidebar_meta = meta_layout in ("sidebar_div", "sidebar_aside")
        if not sidebar_meta:
            article_inner += meta_html
        if share_pos == "in_article_top":
            article_inner += share_html
        article_inner += f"<div{n('body', 'text-formatted')}>{body_html}</div>"
        article_inner += self.attachments_html(chrome, record["title"])
        if share_pos == "in_article_bottom":
            article_inner += share_html
        if related_pos == "in_article":
            article_inner += related_html
        container = self.choose("container")
        tag = {"article": "article", "main": "div", "div": "div"}[container]
        article_html = f"<{tag}{n('article')}>{article_inner}</{tag}>"
        if sidebar_meta:
            side_tag = "aside" if meta_layout == "sidebar_aside" else "div"
            article_html = f"<div{n('layout')}><div{n('col-main')}>{article_html}</div><{side_tag}{n('col-side')}>{meta_html}</{side_tag}></div>"
        depth = int(self.choose("wrapper_depth"))
        for level in range(depth):
            article_html = f"<div{n(f'wrapper-{level}')}>{article_html}</div>"
        if container == "main":
            article_html = f'<main id="main-content"{n("main")}>{article_html}</main>'

        page_body = self.page_html(
            lang,
            chrome,
            article_html,
            related_html if related_pos in ("after_article", "sidebar") else "",
            related_pos,
            share_html if share_pos == "outside" else "",
            type_plural if ctype_where == "breadcrumb" else None,
            record["title"],
        )
        head = self.head_html(
            lang,
            record["title"],
            day,
            updated_day,
            type_label if ctype_where == "jsonld" else None,
            sources,
            url,
        )
        scripts = self.scripts_html(record, day, updated_day, node_id)
        page = f'<!DOCTYPE html>\n<html lang="{lang}">{head}<body{n("page")}>{page_body}{scripts}</body></html>'
        charset, data = self.encode(page, lang)

        # label words used on the page; a label word equal to an expected value is not chrome
        expected_values = {
            _norm(v) for v in [expected["title"], expected["place"] or "", *sources, *fields]
        }
        chrome_strings = [
            c for c in dict.fromkeys(self.chrome) if c.strip() and _norm(c) not in expected_values
        ]
        label_words = [
            w for w in dict.fromkeys(self.labels_used) if _norm(w) not in expected_values
        ]
        self.m["date_text"] = date_text
        self.m["glossary_terms"] = ",".join(g["term"] for g in glossary)
        return Variant(
            seed=self.seed,
            split=self.split,
            url=url,
            html=data,
            charset=charset,
            language=lang,
            text_id=record["id"],
            markup=dict(self.m),
            expected=expected,
            chrome=chrome_strings,
            label_words=label_words,
        )

    # -- pieces -----------------------------------------------------------------
    def title_html(self, title: str) -> str:
        n = self.Namer
        t = self.choose("title_tag")
        if t == "h1":
            return f"<h1{n('title', 'page-title')}>{esc(title)}</h1>"
        if t == "h2":
            return f"<h2{n('title')}>{esc(title)}</h2>"
        if t == "div_role_heading":
            return f'<div role="heading" aria-level="1"{n("title")}>{esc(title)}</div>'
        return f'<span{n("title")} style="display:block;font-size:2.25rem;font-weight:700;line-height:1.2">{esc(title)}</span>'

    def meta_fields(
        self,
        lang,
        day,
        date_text,
        time_mode,
        date_where,
        place,
        place_case,
        units,
        sources,
        fow_idx,
        fields,
        linked,
        multi,
        type_label,
        updated_text,
    ):
        """(label, [value html], role) rows of the metadata block, in page order."""
        rng = self.rng
        rows = []
        if type_label:
            rows.append((self.label(lang, "type"), [esc(type_label)], "type"))
        if date_where in ("meta", "meta_empty"):
            word = self.label(lang, "date")
            if date_where == "meta_empty":
                rows.append(
                    (word, [f'<time datetime="{day.isoformat()}T12:00:00Z"></time>'], "date")
                )
            else:
                rows.append((word, [visible_date_html(day, date_text, time_mode, rng)], "date"))
        if updated_text:
            rows.append((self.label(lang, "updated"), [esc(updated_text)], "updated"))
        if place:
            shown = place.upper() if place_case == "upper" else place
            rows.append((self.label(lang, "place"), [esc(shown)], "place"))
        if sources:
            vals = []
            for unit, name in zip(units, sources, strict=True):
                prefix = "" if lang == "en" else f"/{lang}"
                vals.append(
                    f'<a href="{prefix}/{unit[0]}">{esc(name)}</a>' if linked else esc(name)
                )
            rows.append((self.label(lang, "source"), vals, "source"))
        if fields:
            vals = []
            for i, name in zip(fow_idx, fields, strict=True):
                prefix = "" if lang == "en" else f"/{lang}"
                vals.append(
                    f'<a href="{prefix}/{FIELD_SLUGS[i]}">{esc(name)}</a>' if linked else esc(name)
                )
            rows.append((self.label(lang, "fow"), vals, "fow"))
        if rng.random() < 0.3:
            rows = rows[:1] + rng.sample(rows[1:], len(rows) - 1) if rows else rows
        return rows

    def meta_html(self, layout: str, rows, multi: str) -> str:
        n = self.Namer
        rng = self.rng
        if not rows:
            return ""

        def vals(values, sep_tag="span"):
            if multi == "joined" or len(values) == 1:
                return ", ".join(values)
            return "\n".join(f"<{sep_tag}{n('value-item')}>{v}</{sep_tag}>" for v in values)

        lab = self.labelled
        if layout == "dl":
            inner = ""
            for word, values, _role in rows:
                if multi == "separate" and len(values) > 1:
                    inner += f"<dt{n('label')}>{esc(lab(word))}</dt>" + "".join(
                        f"<dd{n('value')}>{v}</dd>" for v in values
                    )
                else:
                    inner += (
                        f"<dt{n('label')}>{esc(lab(word))}</dt><dd{n('value')}>{vals(values)}</dd>"
                    )
            return f"<dl{n('meta')}>{inner}</dl>"
        if layout == "table":
            trs = "".join(
                f'<tr><th scope="row"{n("label")}>{esc(lab(w))}</th><td{n("value")}>{vals(v, "div")}</td></tr>'
                for w, v, _ in rows
            )
            return f"<table{n('meta')}><tbody>{trs}</tbody></table>"
        if layout in ("ul", "ol"):
            # like the seed: each label and each value its own list item, or label and value in one item
            if rng.random() < 0.5:
                items = ""
                for w, v, _ in rows:
                    items += f"<li{n('label')}>{esc(lab(w))}</li>" + "".join(
                        f"<li{n('value')}>{x}</li>" for x in v
                    )
            else:
                items = "".join(
                    f"<li{n('meta-item')}><span{n('label')}>{esc(lab(w))}</span> <span{n('value')}>{vals(v)}</span></li>"
                    for w, v, _ in rows
                )
            return f"<{layout}{n('meta')}>{items}</{layout}>"
        if layout == "lines":
            word = lambda w: esc(w + ":")  # noqa: E731 - "Label: value" lines always have the colon
            if self.m["meta_colon"] == "no":
                lines = "<br>".join(f"<strong>{esc(w)}</strong> {', '.join(v)}" for w, v, _ in rows)
            else:
                lines = "<br>".join(f"{word(w)} {', '.join(v)}" for w, v, _ in rows)
            return (
                f"<p{n('meta')}>{lines}</p>"
                if rng.random() < 0.5
                else "".join(
                    f"<div{n('meta-line')}>{word(w)} {', '.join(v)}</div>" for w, v, _ in rows
                )
            )
        if layout == "sibling_divs":
            inner = "".join(
                f"<div{n('meta-row')}><div{n('label')}>{esc(lab(w))}</div><div{n('value')}>{vals(v, 'div')}</div></div>"
                for w, v, _ in rows
            )
            return f"<div{n('meta')}>{inner}</div>"
        if layout in ("sidebar_div", "sidebar_aside"):
            inner = "".join(
                f"<div{n('side-group')}><h3{n('side-label')}>{esc(lab(w))}</h3><div{n('value')}>{vals(v, 'div')}</div></div>"
                for w, v, _ in rows
            )
            return f"<div{n('meta')}>{inner}</div>"
        if layout == "strong_br":
            return "".join(
                f"<p{n('meta-pair')}><strong>{esc(w)}</strong><br>{', '.join(v)}</p>"
                for w, v, _ in rows
            )
        if layout == "chips":
            # no labels: the values themselves, after the title
            for w, _, _ in rows:
                self.labels_used.remove(w)
            sep = rng.choice(["", " · ", " | "])
            chips = []
            for _, values, role in rows:
                chips.extend(f"<span{n('chip', 'chip--' + role)}>{x}</span>" for x in values)
            return f"<div{n('chips')}>{sep.join(chips)}</div>"
        raise ValueError(layout)

    def body_blocks(self, paragraphs: list[str], lang: str, dateline_text: str):
        """Blocks of the body and the glossary entries injected into them."""
        rng = self.rng
        blocks: list[dict] = []
        for p in paragraphs:
            if p.startswith("- "):
                if blocks and blocks[-1]["kind"] == "list":
                    blocks[-1]["items"].append(p)
                else:
                    blocks.append({"kind": "list", "items": [p]})
            else:
                blocks.append({"kind": "p", "text": p})
        blocks[0]["dateline"] = dateline_text if blocks[0]["kind"] == "p" else ""
        glossary = []
        if rng.random() < 0.45:
            markup = self.choose("glossary_markup")
            terms = list(GLOSSARY[lang] if self.split == "dev" else GLOSSARY["en"])
            rng.shuffle(terms)
            used = set()
            for term, definition in terms:
                if len(glossary) >= rng.choice([1, 2]):
                    break
                pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
                candidates = [
                    b
                    for b in blocks
                    if b["kind"] == "p" and "tip" not in b and pattern.search(b["text"])
                ]
                if not candidates or term in used or any(term in u or u in term for u in used):
                    continue
                block = rng.choice(candidates)
                block["tip"] = (term, definition, markup, pattern.search(block["text"]).start())
                glossary.append({"term": term, "definition": definition})
                used.add(term)
        else:
            self.m["glossary_markup"] = "none"
        if rng.random() < 0.5:
            quoted = [
                b
                for b in blocks
                if b["kind"] == "p"
                and "tip" not in b
                and b["text"][:1] in '“"«„'
                and b is not blocks[0]
            ]
            if quoted:
                rng.choice(quoted)["blockquote"] = True
        return glossary, blocks

    def tooltip(self, term: str, definition: str, markup: str, k: int) -> str:
        n = self.Namer
        if markup == "span_tooltip":  # the seed: term, then a tooltip repeating term and definition
            return f'<span{n("glossary")}><span{n("glossary-term")}>{esc(term)}</span><span{n("tooltip")} role="tooltip"><strong>{esc(term)}</strong> {esc(definition)}</span></span>'
        if markup == "button_describedby":
            return f'<button type="button"{n("term")} aria-describedby="gl-{k}">{esc(term)}</button><span id="gl-{k}" role="tooltip"{n("tooltip")}><span{n("tooltip-title")}>{esc(term)}</span> <span{n("tooltip-body")}>{esc(definition)}</span></span>'
        if markup == "dfn_popover":
            return f'<dfn title="{attr(definition)}">{esc(term)}</dfn><span{n("popover")} data-toggle="popover"><span{n("popover-title")}>{esc(term)}</span><span{n("popover-body")}>{esc(definition)}</span></span>'
        return f'<abbr title="{attr(definition)}"{n("abbr")}>{esc(term)}</abbr><span class="visually-hidden">{esc(term)}: {esc(definition)}</span>'

    def para_inner(self, block: dict, k: int) -> str:
        text = block["text"]
        dl = block.get("dateline", "")
        prefix = ""
        if dl:
            prefix = f"<strong>{esc(dl.rstrip())}</strong> " if self.rng.random() < 0.3 else esc(dl)
        if "tip" in block:
            term, definition, markup, pos = block["tip"]
            before, after = text[:pos], text[pos + len(term) :]
            return prefix + esc(before) + self.tooltip(term, definition, markup, k) + esc(after)
        return prefix + esc(text)

    def body_html(self, blocks, caption, chrome, lang) -> str:
        n = self.Namer
        rng = self.rng
        mode = self.choose("paragraphs")
        use_bq = self.choose("blockquote") == "yes"
        figure = ""
        if self.choose("figure", {"yes": 0.6}) == "yes":
            cap = caption or {
                "text": rng.choice(
                    [
                        "Participants at the event.",
                        "The opening session of the meeting.",
                        "A training session in progress.",
                    ]
                ),
                "credit": "(OSCE/"
                + rng.choice(["Micky Kroell", "Ghada Hazim", "Curtis Budden"])
                + ")",
            }
            details = ""
            if rng.random() < 0.5:
                details = f' <a href="#"{n("photo-details")}>{esc(chrome["photo"])}</a>'
                self.chrome.append(chrome["photo"])
            figure = f'<figure{n("figure")}><img src="/files/imagecache/w600/f/images/hires/{rng.randint(1, 9)}/{rng.randint(1, 9)}/{rng.randint(100000, 600000)}.jpg" alt=""><figcaption{n("caption")}>{esc(cap["text"])} <span{n("credit")}>{esc(cap["credit"])}</span>{details}</figcaption></figure>'
        out = []
        for k, b in enumerate(blocks):
            if b["kind"] == "list":
                items = "".join(f"<li>{esc(i[2:])}</li>" for i in b["items"])
                out.append(f"<ul{n('list')}>{items}</ul>")
                continue
            inner = self.para_inner(b, k)
            if b.get("blockquote") and use_bq and mode != "br":
                out.append(f"<blockquote{n('quote')}><p>{inner}</p></blockquote>")
            elif mode == "br":
                out.append(inner)
            else:
                tag = {"p": "p", "div": "div", "section": "section"}[mode]
                out.append(f"<{tag}>{inner}</{tag}>")
        if mode == "br":
            html_parts = []
            run: list[str] = []
            for piece in out:
                if piece.startswith("<ul"):
                    if run:
                        html_parts.append(f"<div{n('text')}>" + "<br><br>".join(run) + "</div>")
                        run = []
                    html_parts.append(piece)
                else:
                    run.append(piece)
            if run:
                html_parts.append(f"<div{n('text')}>" + "<br>\n<br>\n".join(run) + "</div>")
            out = html_parts
        if figure:
            at = rng.randint(0, min(2, len(out)))
            out.insert(at, figure)
        return "\n".join(out)

    def attachments_html(self, chrome, title) -> str:
        n = self.Namer
        rng = self.rng
        if self.choose("attachments", {"yes": 0.4}) == "no":
            return ""
        heading = rng.choice(chrome["attachments"])
        self.chrome.append(heading)
        name = rng.choice(["Report", "Factsheet", "Agenda", "Annual report", "Handbook"])
        a, b, node = (
            rng.choice("abcdef0123456789"),
            rng.choice("abcdef0123456789"),
            rng.randint(400000, 600000),
        )
        return f'<div{n("attachments")}><h2{n("attachments-title")}>{esc(heading)}</h2><ul><li><a href="/files/f/documents/{a}/{b}/{node}.pdf">{esc(name)} (PDF, {rng.randint(80, 4000)} KB)</a></li></ul></div>'

    def share_html(self, chrome) -> str:
        n = self.Namer
        words = chrome["share"]
        self.chrome.extend(words)
        links = "".join(f'<li><a href="#"{n("share-link")}>{esc(w)}</a></li>' for w in words[1:])
        return (
            f"<div{n('share')}><span{n('share-title')}>{esc(words[0])}</span><ul>{links}</ul></div>"
        )

    def related_html(self, lang, chrome, pos) -> str:
        if pos == "none":
            return ""
        n = self.Namer
        rng = self.rng
        heading = rng.choice(chrome["related"])
        self.chrome.append(heading)
        pool = [t for t in load_texts(self.split) if t["language"] == lang] or list(
            load_texts(self.split)
        )
        others = rng.sample(pool, min(3, len(pool)))
        with_meta = self.choose("related_meta") == "yes"
        items = ""
        for t in others:
            self.chrome.append(t["title"])
            meta = ""
            if with_meta:
                other_type = TYPE_LABELS[lang][rng.choice(CONTENT_TYPES)][0]
                other_day = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randint(0, 8000))
                meta = f"<div{n('teaser-meta')}>{esc(other_type)} · {esc(format_date(other_day, lang, 'long'))}</div>"
            items += f'<div{n("teaser")}><h3{n("teaser-title")}><a href="/{rng.choice(["secretariat", "odihr", "chairpersonship"])}/{rng.randint(40000, 600000)}">{esc(t["title"])}</a></h3>{meta}</div>'
        return f"<div{n('related')}><h2{n('related-title')}>{esc(heading)}</h2>{items}</div>"

    def menu_html(self, lang, chrome) -> str:
        n = self.Namer
        style = self.m["menu"]
        fields = FIELDS_OF_WORK[lang]
        h = chrome["menu_headings"]
        groups = [
            (h[0], [(h[1], fields + chrome["our_work_extra"])]),
            (h[2], [(None, chrome["meetings"])]),
            (h[3], [(h[4], chrome["countries"])]),
            (h[5], [(h[6], chrome["structures"][:4]), (h[7], chrome["structures"][4:])]),
        ]
        for top, subs in groups:
            self.chrome.append(top)
            for sub, items in subs:
                if sub:
                    self.chrome.append(sub)
                self.chrome.extend(items)
        prefix = "" if lang == "en" else f"/{lang}"
        if style == "nav_links":
            out = ""
            for top, subs in groups:
                inner = ""
                for sub, items in subs:
                    lis = "".join(
                        f'<li><a href="{prefix}/{_slug(x)}">{esc(x)}</a></li>' for x in items
                    )
                    inner += f'<li><a href="#">{esc(sub)}</a><ul>{lis}</ul></li>' if sub else lis
                out += f'<li{n("menu-item")}><a href="#">{esc(top)}</a><ul{n("submenu")}>{inner}</ul></li>'
            return f'<nav{n("menu")} aria-label="Main"><ul>{out}</ul></nav>'
        # headings as spans/divs/buttons outside any nav; items as links
        out = ""
        for top, subs in groups:
            inner = ""
            for sub, items in subs:
                lis = "".join(
                    f'<div{n("mega-link")}><a href="{prefix}/{_slug(x)}">{esc(x)}</a></div>'
                    for x in items
                )
                inner += (
                    f"<div{n('mega-col')}><span{n('mega-heading')}>{esc(sub)}</span>{lis}</div>"
                    if sub
                    else f"<div{n('mega-col')}>{lis}</div>"
                )
            out += f'<div{n("mega-group")}><button type="button"{n("mega-toggle")}>{esc(top)}</button><div{n("mega-panel")}>{inner}</div></div>'
        return f"<div{n('mega-menu')}>{out}</div>"

    def topics_block(self, lang, chrome, where) -> str:
        n = self.Namer
        rng = self.rng
        heading = rng.choice(
            [
                chrome["menu_headings"][1],
                LABELS[lang]["fow"][rng.randrange(len(LABELS[lang]["fow"]))],
            ]
        )
        self.chrome.append(heading)
        fields = FIELDS_OF_WORK[lang]
        shown = rng.sample(range(23), rng.randint(8, 23))
        prefix = "" if lang == "en" else f"/{lang}"
        links = "".join(
            f'<a href="{prefix}/{FIELD_SLUGS[i]}"{n("tag")}>{esc(fields[i])}</a> '
            for i in sorted(shown)
        )
        self.chrome.extend(fields[i] for i in shown)
        countries_heading = chrome["menu_headings"][3]
        self.chrome.append(countries_heading)
        countries = chrome["countries"][1:8]
        self.chrome.extend(countries)
        clinks = "".join(f'<li><a href="{prefix}/{_slug(c)}">{esc(c)}</a></li>' for c in countries)
        tag = "aside" if where == "aside" else "div"
        return f"<{tag}{n('sidebar')}><div{n('block')}><span{n('block-title')}>{esc(heading)}</span><div{n('tags')}>{links}</div></div><div{n('block')}><div{n('block-title')}>{esc(countries_heading)}</div><ul>{clinks}</ul></div></{tag}>"

    def page_html(
        self, lang, chrome, article_html, related_html, related_pos, share_outside, plural, title
    ) -> str:
        n = self.Namer
        rng = self.rng
        menu = self.choose("menu")
        menu_pos = self.choose("menu_position")
        cookie = self.choose("cookie")
        newsletter = self.choose("newsletter") == "yes"
        topics = self.choose("topics_block")
        breadcrumb = self.choose("breadcrumb")
        if plural:
            breadcrumb = self.m["breadcrumb"] = "yes"
        logo_heading = self.m["title_tag"] != "h1" and self.choose("logo_heading") == "yes"
        self.m["logo_heading"] = "yes" if logo_heading else "no"
        self.chrome.extend([chrome["logo"], chrome["search"], chrome["skip"], *chrome["languages"]])
        logo = f'<a href="/"{n("logo")}>{esc(chrome["logo"])}</a>'
        if logo_heading:
            logo = f"<h1{n('site-name')}>{logo}</h1>"
        langs = "".join(
            f'<li><a href="/{code}" hreflang="{code}">{esc(name)}</a></li>'
            for code, name in zip(LANGS, chrome["languages"], strict=True)
        )
        header = f'<a href="#main-content"{n("skip-link")}>{esc(chrome["skip"])}</a><header{n("header")}>{logo}<ul{n("language-switcher")}>{langs}</ul><form{n("search")}><input type="search" placeholder="{attr(chrome["search"])}"><button>{esc(chrome["search"])}</button></form>'
        menu_html = self.menu_html(lang, chrome) if menu != "none" else ""
        if menu_pos == "header":
            header += menu_html
        header += "</header>"
        crumbs = ""
        if breadcrumb == "yes":
            trail = [chrome["home"], chrome["newsroom"]] + ([plural] if plural else [])
            self.chrome.extend([chrome["home"], chrome["newsroom"]] + ([plural] if plural else []))
            items = "".join(f'<li><a href="/{_slug(t)}">{esc(t)}</a></li>' for t in trail)
            if rng.random() < 0.4:
                items += f"<li>{esc(title)}</li>"
            links = " › ".join(f'<a href="/{_slug(t)}">{esc(t)}</a>' for t in trail)
            if rng.random() < 0.6:
                crumbs = f'<nav aria-label="breadcrumb"{n("breadcrumb")}><ol>{items}</ol></nav>'
            else:
                crumbs = f"<div{n('breadcrumb')}>{links}</div>"
        cookie_html = ""
        if cookie != "none":
            words = chrome["cookie"]
            self.chrome.extend(words)
            cookie_html = f'<div{n("cookie-banner")} role="dialog"><p>{esc(words[0])}</p><button>{esc(words[1])}</button><button>{esc(words[2])}</button><a href="#">{esc(words[3])}</a></div>'
        news_html = ""
        if newsletter:
            words = chrome["newsletter"]
            self.chrome.extend(words)
            news_html = f'<div{n("newsletter")}><h2>{esc(words[0])}</h2><p>{esc(words[1])}</p><input type="email" placeholder="{attr(words[2])}"><button>{esc(words[3])}</button></div>'
        side = ""
        if topics != "none":
            side = self.topics_block(lang, chrome, topics)
        if related_pos == "sidebar":
            side += related_html
            related_html = ""
        footer_links = chrome["footer"]
        self.chrome.extend(footer_links)
        footer = (
            f"<footer{n('footer')}>"
            + (menu_html if menu_pos == "footer" else "")
            + "<ul>"
            + "".join(f'<li><a href="#">{esc(x)}</a></li>' for x in footer_links)
            + "</ul></footer>"
        )
        main = (
            crumbs
            + share_outside
            + (
                f"<div{n('grid')}><div{n('grid-main')}>{article_html}{related_html}</div><div{n('grid-side')}>{side}</div></div>"
                if side
                else article_html + related_html
            )
            + news_html
        )
        return (
            (cookie_html if cookie == "top" else "")
            + header
            + main
            + footer
            + (cookie_html if cookie == "bottom" else "")
        )

    def head_html(self, lang, title, day, updated_day, jsonld_type, sources, url) -> str:
        rng = self.rng
        mode = self.choose("jsonld")
        if jsonld_type and mode == "absent":
            mode = self.m["jsonld"] = rng.choice(["agree", "disagree"])
        short = " ".join(title.split()[: max(3, len(title.split()) // 2)]) + "…"
        head = f'<head>{self.charset_decl()}<title>{esc(title)} | OSCE</title><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="canonical" href="{attr(url)}">'
        og_title = short if mode == "disagree" and rng.random() < 0.5 else title
        head += f'<meta property="og:title" content="{attr(og_title)}"><meta property="og:type" content="article"><meta property="og:site_name" content="OSCE">'
        if jsonld_type:
            head += f'<meta property="article:section" content="{attr(jsonld_type)}">'
        if mode != "absent":
            published = updated_day if mode == "disagree" else day
            data = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": short if mode == "disagree" else title,
                "datePublished": published.isoformat() + "T10:00:00+01:00",
                "dateModified": updated_day.isoformat() + "T10:00:00+01:00",
                "inLanguage": lang,
                "publisher": {"@type": "Organization", "name": "OSCE"},
            }
            if sources and mode == "agree":
                data["author"] = [{"@type": "Organization", "name": s} for s in sources]
            if jsonld_type:
                data["articleSection"] = jsonld_type
            head += (
                '<script type="application/ld+json">'
                + json.dumps(data, ensure_ascii=False)
                + "</script>"
            )
        head += "<style>.visually-hidden{position:absolute;clip:rect(0 0 0 0)}</style>"
        return head + "</head>"

    def scripts_html(self, record: dict, day: dt.date, updated_day: dt.date, node_id: int) -> str:
        """Inline scripts as sites ship them: dates and text that are not the visible page."""
        rng = self.rng
        kind = self.choose("scripts")
        # minified-looking bundle code, so that pages weigh what real pages weigh
        names = ["e", "t", "n", "r", "o", "i", "a", "s", "u", "c"]
        chunk = "".join(
            f"function {rng.choice(names)}{i}({rng.choice(names)}){{return {rng.choice(names)}&&{rng.choice(names)}.{rng.choice(['push', 'call', 'apply', 'bind'])}({i})}}"
            for i in range(rng.randint(200, 1500))
        )
        bundle = f"<script>!function(){{{chunk}}}();</script>"
        if kind == "none":
            return bundle
        if kind == "analytics":
            data = {
                "event": "pageview",
                "contentDate": updated_day.isoformat(),
                "nodeId": node_id,
                "contentGroup": "newsroom",
            }
            return (
                bundle
                + f"<script>window.dataLayer=window.dataLayer||[];dataLayer.push({json.dumps(data)});</script>"
            )
        if kind == "drupal_settings":
            created = updated_day + dt.timedelta(days=rng.randint(1, 900))  # a migration stamp
            data = {
                "path": {"baseUrl": "/", "currentPath": f"node/{node_id}"},
                "osce": {
                    "created": f"{created.isoformat()} 09:00",
                    "changed": f"{updated_day.isoformat()} 10:00",
                },
            }
            return (
                bundle
                + f'<script type="application/json" data-drupal-selector="drupal-settings-json">{json.dumps(data)}</script>'
            )
        first = record["paragraphs"][0]
        data = {
            "props": {
                "pageProps": {
                    "article": {
                        "id": node_id,
                        "title": record["title"],
                        "updatedAt": updated_day.isoformat() + "T08:00:00.000Z",
                        "teaser": first[:160],
                    }
                }
            },
            "page": "/[section]/[id]",
        }
        return (
            bundle
            + f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'
        )

    def charset_decl(self) -> str:
        return "%%CHARSET%%"  # filled in by encode(), once the charset is chosen

    def encode(self, page: str, lang: str) -> tuple[str, bytes]:
        choice = self.choose("charset", {"utf-8": 2.0})
        charset = (
            "utf-8" if choice == "utf-8" else ("windows-1251" if lang == "ru" else "windows-1252")
        )
        decl = self.choose("charset_decl")
        tag = (
            f'<meta charset="{charset}">'
            if decl == "meta_charset"
            else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        )
        page = page.replace("%%CHARSET%%", tag, 1)
        return charset, page.encode(charset, errors="xmlcharrefreplace")


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-") or "x"


def _norm(text: str) -> str:
    return " ".join(str(text).casefold().split()).strip(" :")


if __name__ == "__main__":  # print one page: python tests/pagevariants.py SEED [dev|holdout]
    import sys

    v = generate(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "dev")
    sys.stdout.buffer.write(v.html)
    print(
        "\n",
        json.dumps(
            {"url": v.url, "markup": v.markup, "expected": v.expected}, ensure_ascii=False, indent=1
        ),
        file=sys.stderr,
    )
