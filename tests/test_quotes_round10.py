"""Quotes and speakers, tenth round: rules for constructions met in 55 fresh OSCE texts.

The texts (tests/data/osce_quotes_gold_dev.jsonl, the rows after the first 490) were labelled
by reading before the extractor ran on them; the rules below were written from the errors of
their 43 dev rows only (the 12 held out by the address rule were never read). Each rule test
uses sentences written for the test, of the shape the texts showed, and failed on main's code
(a0bbb9b) before its rule, except the guards, which keep a rule narrow. See docs/quotes.md,
"Tenth round".
"""

from __future__ import annotations

import sys
from pathlib import Path

from .quote_helpers import speaker_names as _speakers

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.quotes_eval import OSCE_DEV, load_gold, score  # noqa: E402
from osce_crawler.extract.quotes import find_quotes  # noqa: E402


def _said(paragraphs: list[str], language: str = "en") -> list[tuple[str, str | None, bool]]:
    """(quote, speaker, partial) of each quote, in order."""
    return [(q.text, q.speaker, q.partial) for q in find_quotes(paragraphs, language)[0]]


# --- the data -------------------------------------------------------------------------------


def test_the_tenth_round_rows_guard_against_regressions():
    # the rules were written on these 43 rows: a guard, no measure (their out-of-sample
    # figures, taken before the rules, are in docs/quotes.md)
    rows = [row for row in load_gold(OSCE_DEV)[490:545] if not row["held_out"]]
    assert len(rows) == 43
    result = score(rows)
    assert result["quote_recall"] >= 0.82  # 0.822 before the round
    assert result["attribution_accuracy"] >= 0.92  # 0.838 before the round
    assert result["speakers_f1"] >= 0.82  # 0.725 before the round


# --- German ---------------------------------------------------------------------------------


def test_a_german_possessive_opens_a_noun_not_a_name():
    paragraph = "Zum Ende seiner Amtszeit kritisierte Müller auch die Regierung in Berlin."
    assert _speakers([paragraph], "de") == ["Müller"]


def test_a_german_article_after_a_surname_ends_the_name():
    paragraph = '"Die Lage ist ernst", sagt Müller der Zeitung.'
    assert _said([paragraph], "de") == [("Die Lage ist ernst", "Müller", False)]


def test_a_german_genitive_of_a_country_is_no_name():
    paragraph = "Wie man im Außenministerium Russlands mitteilte, sei die Lage ernst."
    assert _speakers([paragraph], "de") == []


def test_german_words_written_with_ss_for_sz_are_the_same_words():
    # "Aussenminister" (Swiss and ASCII spelling) is the title "Außenminister"
    paragraph = '"Die Lage ist ernst", sagte der Aussenminister Karl Berg.'
    assert _said([paragraph], "de") == [("Die Lage ist ernst", "Karl Berg", False)]


def test_a_countrys_genitive_and_a_noun_in_sion_are_no_speaker():
    paragraph = (
        "Die Staaten wollten auch Russlands Aggression verurteilen. "
        '"Wir brauchen diese Organisation", betonte er.'
    )
    assert _speakers([paragraph], "de") == []


def test_the_german_perfect_with_its_auxiliary_before_speaks():
    paragraph = (
        "Karl Müller, langjähriger Abgeordneter, hat die Zensur immer wieder öffentlich "
        "angeprangert."
    )
    assert _speakers([paragraph], "de") == ["Karl Müller"]


def test_the_german_perfect_speaks_over_commas_between_auxiliary_and_participle():
    paragraph = (
        "Freimut Berg hat, seinem Mandat entsprechend, Verletzungen der Medienfreiheit "
        "öffentlich angeprangert."
    )
    assert _speakers([paragraph], "de") == ["Freimut Berg"]


def test_a_party_members_noun_before_a_name_is_a_role():
    paragraph = "Der Sozialdemokrat Karl Berg kritisierte die Regierung."
    assert _speakers([paragraph], "de") == ["Karl Berg"]


def test_the_german_passive_still_names_its_agent():
    # guard: "wurde von X kritisiert" keeps its speaker after "von"
    assert _speakers(["Die Zensur wurde von Karl Müller kritisiert."], "de") == ["Karl Müller"]


def test_a_motto_with_its_owner_and_its_translation_is_no_quote():
    paragraph = (
        'Er erinnerte an das Motto des Vorsitzes "Sicherheit für alle" ("Security for all"). '
        '"Wir sind bereit", sagte Karl Berg.'
    )
    assert _said([paragraph], "de") == [("Wir sind bereit", "Karl Berg", False)]


def test_speech_after_a_motto_is_still_a_quote():
    # guard: a motto in the sentence, then a speech verb and its quote
    paragraph = "Under the motto of unity, Minister Karl Berg said: “We are ready.”"
    assert _said([paragraph]) == [("We are ready.", "Karl Berg", False)]


# --- French ---------------------------------------------------------------------------------


def test_a_french_demonstrative_takes_up_the_person_named_last():
    paragraph = (
        "Paul Martin a été reçu à Paris. Celui-ci a affirmé aux médias que tout allait bien."
    )
    assert _speakers([paragraph], "fr") == ["Paul Martin"]


def test_a_view_in_his_eyes_is_the_last_persons():
    paragraph = (
        "Paul Martin est arrivé à Vienne. A ses yeux, cette organisation est une « plate-forme "
        "unique pour la paix » et un forum."
    )
    assert _said([paragraph], "fr") == [("plate-forme unique pour la paix", "Paul Martin", True)]


def test_french_words_in_marks_after_a_clause_and_its_comma_are_partial():
    paragraph = (
        "Il n'a pas été facile d'obtenir un mandat pour une telle mission, « mais maintenant "
        "il y a consensus », et le soulagement domine, a déclaré Paul Martin."
    )
    assert _said([paragraph], "fr") == [("mais maintenant il y a consensus", "Paul Martin", True)]


def test_an_english_quote_split_by_its_attribution_stays_direct():
    # guard: the second half of a split quote starts in lower case after a comma
    paragraphs = ["Anna Berg arrived in Vienna.", "“We are ready,” she said, “and we will act.”"]
    assert [partial for _, _, partial in _said(paragraphs)] == [False, False]


def test_a_french_ministry_speaks_as_an_organisation():
    paragraph = (
        "Cette décision renforce la continuité du travail dans le cadre de l’OSCE, estime le "
        "Département fédéral des affaires étrangères."
    )
    assert _speakers([paragraph], "fr") == []


def test_a_french_statement_header_with_its_article_names_the_speaker():
    paragraph = "L'intervention de M. Paul Martin, ministre des affaires étrangères"
    assert _speakers([paragraph], "fr") == ["Paul Martin"]


# --- English --------------------------------------------------------------------------------


def test_a_person_thanked_after_a_role_and_a_comma_gave_the_report():
    paragraph = "My delegation thanks the Head of Mission, Ambassador Anna Berg, for her report."
    assert _speakers([paragraph]) == ["Anna Berg"]


def test_an_undersecretary_is_a_title_before_the_name():
    paragraph = (
        "Undersecretary of the Ministry of Foreign Affairs John Smith told the newspaper that "
        "the plan works."
    )
    assert _speakers([paragraph]) == ["John Smith"]


# --- Russian --------------------------------------------------------------------------------


def test_a_russian_staff_office_is_no_part_of_the_name_after_it():
    paragraph = "Руководитель Аппарата Алмас Абытов выразил благодарность."
    assert _speakers([paragraph], "ru") == ["Алмас Абытов"]


def test_a_short_russian_surname_declined_is_the_person_named_in_full():
    paragraph = "Об этом заявил глава миссии Жак Фор. По словам Фора, наблюдатели прибыли."
    assert _speakers([paragraph], "ru") == ["Жак Фор"]
