"""Quotes and speakers, ninth round: rules for constructions met in 44 fresh OSCE texts.

The texts (tests/data/osce_quotes_gold_dev.jsonl, the rows after the first 446) were labelled
by reading before the extractor ran on them; the rules below were written from the errors of
their 36 dev rows only (the 8 held out by the address rule were never read). Each rule test
uses sentences written for the test, of the shape the texts showed, and failed on main's code
(9ae6342) before its rule, except the guards, which keep a rule narrow. See docs/quotes.md,
"Ninth round".
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .quote_helpers import quotes_said as _said
from .quote_helpers import speaker_names as _speakers

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.quotes_eval import OSCE_DEV, load_gold, score  # noqa: E402

# --- the data -------------------------------------------------------------------------------


def test_the_ninth_round_rows_guard_against_regressions():
    # the rules were written on these 36 rows: a guard, no measure (their out-of-sample
    # figures, taken before the rules, are in docs/quotes.md)
    rows = [row for row in load_gold(OSCE_DEV)[446:490] if not row["held_out"]]
    assert len(rows) == 36
    result = score(rows)
    assert result["quote_recall"] >= 0.89  # 0.873 before the round
    assert result["attribution_accuracy"] >= 0.90  # 0.739 before the round
    assert result["speakers_f1"] >= 0.90  # 0.722 before the round


# --- name forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        (
            "Today the Minister for Foreign Affairs, Paul Doyle T.D., addressed the Council.",
            "Paul Doyle",
        ),
        ("The rapporteur, Mary Ryan MEP, welcomed the report.", "Mary Ryan"),
    ],
)
def test_letters_after_a_members_name_are_no_part_of_it(paragraph, name):
    assert _speakers([paragraph]) == [name]


def test_an_irish_title_resolves_to_the_person_it_introduced():
    paragraphs = [
        "Today the Tánaiste and Minister for Foreign Affairs, Niall Byrne, addressed the "
        "Permanent Council in Vienna.",
        "“We will seek lasting settlements,” the Tánaiste said.",
    ]
    assert _said(paragraphs) == [("We will seek lasting settlements,", "Niall Byrne")]
    assert _speakers(paragraphs) == ["Niall Byrne"]


def test_the_last_word_of_a_ministers_portfolio_is_no_first_name():
    paragraph = (
        "Minister for Foreign and European Affairs and Trade Paul Vella said the support "
        "was unanimous."
    )
    assert _speakers([paragraph]) == ["Paul Vella"]


def test_chair_in_office_is_a_title():
    paragraphs = [
        "The OSCE Chair-in-Office, Paul Vella, visited Strasbourg on Monday.",
        "“These commitments are not optional,” Chair-in-Office Vella said.",
    ]
    assert _said(paragraphs) == [("These commitments are not optional,", "Paul Vella")]


def test_human_opens_no_name():
    paragraph = "Human rights defenders expressed their views about the reform programme."
    assert _speakers([paragraph]) == []


def test_capitals_before_an_organisation_noun_name_no_person():
    # "Monitoring" of "Special Monitoring Mission" was taken for the Chief Monitor's name
    paragraphs = [
        "KYIV, 2 May 2019 – The Chief Monitor of the OSCE Special Monitoring Mission (SMM) "
        "to Ukraine, Anna Kovac, welcomed the agreement.",
        "“It is my strong hope that the sides will keep it,” the Chief Monitor said.",
    ]
    assert _said(paragraphs) == [
        ("It is my strong hope that the sides will keep it,", "Anna Kovac")
    ]
    assert _speakers(paragraphs) == ["Anna Kovac"]


def test_the_elided_noun_of_a_french_title_is_no_first_name():
    paragraph = "La secrétaire d'Etat Mary Hill a déclaré que le groupe devait agir."
    assert _speakers([paragraph], "fr") == ["Mary Hill"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "\"L'avenir de la mission fera l'objet de discussions le cas échéant\", a signalé "
        "M.Petrov.",
        "Il faut équilibrer les modalités de suivi des élections \"à l'ouest et à l'est\", "
        "estime M. Petrov.",
    ],
)
def test_the_french_honorific_opens_no_name_glued_or_before_a_surname(paragraph):
    assert _speakers([paragraph], "fr") == ["Petrov"]


def test_a_name_spelt_again_in_latin_letters_is_no_part_of_it():
    paragraphs = [
        "Об этом сказала пресс-секретарь БДИПЧ Анна Ковач (Anna Kovac).",
        '"Мы будем наблюдать за выборами", - сказала Ковач.',
    ]
    assert _speakers(paragraphs, "ru") == ["Анна Ковач"]


# --- subjects and verbs -----------------------------------------------------------------------


def test_a_french_subject_after_the_verb_and_a_day_and_place():
    # the clause before the verb has a country with an appositive: no person
    paragraphs = [
        "Le Kazakhstan, président actuel de l'OSCE, invite les pays membres à un sommet, a "
        "déclaré jeudi à Vienne le chef de l'Etat kazakh Ivan Sokolov lors de la réunion.",
        '"La pause de dix ans atteste une crise de stagnation", a-t-il estimé.',
    ]
    assert _said(paragraphs, "fr") == [
        ("La pause de dix ans atteste une crise de stagnation", "Ivan Sokolov")
    ]


def test_signale_is_a_french_speech_verb():
    paragraphs = [
        "La Serbie et la Russie ont proposé de prolonger le mandat de la mission.",
        '"L\'avenir de la mission sera discuté le cas échéant", a signalé le diplomate russe '
        "Ivan Sokolov.",
    ]
    assert _said(paragraphs, "fr") == [
        ("L'avenir de la mission sera discuté le cas échéant", "Ivan Sokolov")
    ]


def test_a_pair_named_before_the_words_in_marks():
    paragraph = (
        "The minister, Paul Vella, visited Strasbourg. He called both the OSCE and the "
        "CoE “beacons of stability and hope”."
    )
    assert _said([paragraph]) == [("beacons of stability and hope", "Paul Vella")]


# --- people listed as speakers without a speech verb ---------------------------------------------


def test_keynote_speakers_are_speakers():
    paragraph = (
        "On the first day, keynote speakers Tom Berg, former Chief of Defence from Norway, "
        "Anna Lund, Head of Department for Arms Control and OSCE in the Foreign Ministry, "
        "and Ivo Maric, Deputy Foreign Minister of Croatia, focused on risk reduction."
    )
    assert _speakers([paragraph]) == ["Tom Berg", "Anna Lund", "Ivo Maric"]


def test_speakers_included_lists_them():
    paragraph = "Speakers included Ambassador Tom Berg, Anna Lund and Ivo Maric."
    assert sorted(_speakers([paragraph])) == ["Anna Lund", "Ivo Maric", "Tom Berg"]


def test_a_french_statements_header_names_who_made_it():
    paragraphs = [
        "Intervention de Mme Anne Moreau, ambassadrice, représentante permanente de la "
        "France auprès de l’OSCE",
        "Monsieur le Président,",
        "Nous apprécions le travail de la mission.",
    ]
    assert _speakers(paragraphs, "fr") == ["Anne Moreau"]


def test_an_intervention_inside_a_sentence_lists_nobody():
    # guard: only a paragraph's opening header names the statement's author
    paragraph = "Après l'intervention de M. Paul Vella, la séance a été levée à midi."
    assert _speakers([paragraph], "fr") == []


def test_the_person_welcomed_for_a_report_in_french_gave_it():
    paragraph = (
        "Nous sommes heureux d’accueillir l’ambassadeur Jan Berg pour son premier rapport "
        "au Conseil permanent."
    )
    assert _speakers([paragraph], "fr") == ["Jan Berg"]


# --- quote boundaries --------------------------------------------------------------------------


def test_a_quote_split_by_a_documents_verb_between_hyphens_is_two():
    paragraph = (
        '"Совершенно очевидно, что письмо - часть попыток дискредитировать выборы, - '
        'говорится в документе. - Его демарш - явный выход за рамки мандата", - говорится '
        "в документе."
    )
    assert [text for text, _ in _said([paragraph], "ru")] == [
        "Совершенно очевидно, что письмо - часть попыток дискредитировать выборы",
        "Его демарш - явный выход за рамки мандата",
    ]


def test_a_straight_quote_nested_in_a_straight_quote():
    paragraph = (
        '"Les membres s\'engagent à inviter des observateurs pour "surveiller le '
        'déroulement des élections". La durée du suivi est donc réglementée", a indiqué '
        "M. Ivan Petrov."
    )
    assert _said([paragraph], "fr") == [
        (
            "Les membres s'engagent à inviter des observateurs pour \"surveiller le "
            'déroulement des élections". La durée du suivi est donc réglementée',
            "Ivan Petrov",
        )
    ]


def test_two_straight_quotes_in_a_sentence_stay_two():
    # guard: a closer followed by a word is no nested citation
    paragraph = (
        'He called the plan "a step forward" and the vote "a test of trust", officials said.'
    )
    assert [text for text, _ in _said([paragraph])] == ["a step forward", "a test of trust"]


# --- French reported speech ---------------------------------------------------------------------


@pytest.mark.parametrize("opening", ["Selon le président kazakh,", "Selon lui,"])
def test_a_french_sentence_opening_on_its_source_gives_it_the_words_in_marks(opening):
    paragraphs = [
        "Le président kazakh Ivan Sokolov a déclaré jeudi que son pays invitait les membres à "
        "un sommet.",
        f'{opening} une rencontre des dirigeants "offrirait la possibilité de célébrer '
        "le 35e anniversaire de l'Acte final\".",
    ]
    assert _said(paragraphs, "fr") == [
        ("offrirait la possibilité de célébrer le 35e anniversaire de l'Acte final", "Ivan Sokolov")
    ]


def test_propose_is_a_french_speech_verb():
    paragraph = (
        'M. Ivan Sokolov propose de soumettre au sommet "les problèmes de la sécurité et les '
        'questions de la tolérance".'
    )
    assert _said([paragraph], "fr") == [
        ("les problèmes de la sécurité et les questions de la tolérance", "Ivan Sokolov")
    ]
