"""Quotes and speakers, third round: the OSCE dev gold and the constructions it taught.

Each rule test below failed before its rule was written; the gold test asserts floors a
little below what its held-out rows measure (never 1.0 on the rows the rules were written
on). See docs/quotes.md.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from osce_crawler.extract.quotes import find_quotes

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.quotes_eval import OSCE_DEV, SECOND_LABELLER, agreement, load_gold, score  # noqa: E402

from .quote_helpers import speaker_names as _speakers  # noqa: E402

# --- the gold ---------------------------------------------------------------------------------


def test_the_osce_dev_gold_is_well_formed_and_its_held_out_rows_are_fixed():
    rows = load_gold(OSCE_DEV)
    assert len(rows) >= 389
    sources = [row["source"] for row in rows]
    assert len(set(sources)) == len(sources)
    for row in rows:
        # held out: the rows whose source's SHA-256 ends in 0, 1, 2 or 3
        digest = hashlib.sha256(row["source"].encode()).hexdigest()
        assert row["held_out"] == (digest[-1] in "0123")
        text = "\n".join(row["paragraphs"])
        for quote in row["quotes"]:
            assert quote["text"] in text
            assert quote["speaker_kind"] in ("person", "organisation", "document")
        for speaker in row["speakers"]:
            assert speaker["name"] in text
    assert sum(row["held_out"] for row in rows) == 139


def test_a_second_blind_labeller_agrees_with_the_gold():
    # 45 dev rows labelled again by someone who saw neither the gold nor the extractor's
    # output: the agreement is the ceiling a target on this data can ask for
    second = load_gold(SECOND_LABELLER)
    gold = {row["source"]: row for row in load_gold(OSCE_DEV)}
    assert len(second) == 45
    for row in second:
        assert not gold[row["source"]]["held_out"]  # only rows the rules may be written on
        text = "\n".join(gold[row["source"]]["paragraphs"])
        assert all(quote["text"] in text for quote in row["quotes"])
        assert all(speaker["name"] in text for speaker in row["speakers"])
    result = agreement(list(gold.values()), second)
    assert result["gold_quotes"] == result["predicted_quotes"] == 54
    assert result["quote_f1"] >= 0.95  # measured 1.000
    assert result["attribution_accuracy"] >= 0.95  # measured 0.981 (53/54)
    assert result["speakers_f1"] >= 0.95  # measured 0.983 (58 of 59 names in common)


def test_held_out_rows_of_the_osce_dev_gold():
    # 139 texts (208 quotes) whose extractor errors were never read: the fourth round's 41,
    # the fifth round's 25, the sixth round's 14, the languages round's 4 (German and
    # French), the seventh round's 19, the eighth round's 10, the ninth round's 8, the
    # tenth round's 12 and the eleventh round's 6, labelled by reading before the rules of
    # that round were written (docs/quotes.md; the older 133 rows alone after the eleventh
    # round's rules: quote recall 0.929, attribution 0.863, speakers F1 0.851, as before them)
    result = score([row for row in load_gold(OSCE_DEV) if row["held_out"]])
    assert result["gold_quotes"] == 208
    # the tenth round's 12 rows brought the recall of the whole set from 0.931 to 0.929, the
    # eleventh round's 6 to 0.928 (their own 0.909; no rule changed it)
    assert result["quote_recall"] >= 0.92  # measured 0.928
    assert result["quote_precision"] >= 0.96  # measured 0.975
    # the eleventh round's 6 rows (attribution 0.700, speakers F1 0.769, before and after its
    # rules) brought the whole set's attribution from 0.863 to 0.855 and its speakers F1
    # from 0.851 to 0.848; no rule lowered them (the older 133 rows are unchanged): the
    # floors follow the larger set
    assert result["attribution_accuracy"] >= 0.85  # measured 0.855
    assert result["speakers_f1"] >= 0.84  # measured 0.848 (P 0.908, R 0.796)


def test_dev_rows_of_the_osce_dev_gold_guard_against_regressions():
    # the rules of this round were written on these rows: a guard, no measure
    result = score([row for row in load_gold(OSCE_DEV) if not row["held_out"]])
    assert result["gold_quotes"] == 615
    assert result["attribution_accuracy"] >= 0.85  # 0.928 after the eleventh round
    assert result["speakers_f1"] >= 0.90  # 0.940 after the eleventh round


# --- the rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "COPENHAGEN, 3 May 2019 – Cuts in arms control threaten us all, OSCE Parliamentary "
        "Assembly President Anna Lind (MP, Sweden) said today.",
        "COPENHAGEN, 3 May 2019 – OSCE PA President Anna Lind (Sweden) called for more "
        "arms control talks.",
    ],
)
def test_a_country_in_brackets_after_a_name_is_no_part_of_it(paragraph):
    assert _speakers([paragraph]) == ["Anna Lind"]


def test_an_abbreviation_in_brackets_ends_the_title_before_a_name():
    paragraph = (
        "VIENNA, 2 May 2019 – The Head of the OSCE Mission to Bosnia and Herzegovina (BiH) "
        "Jon Kirk condemned the attack on a reporter in Mostar."
    )
    assert _speakers([paragraph]) == ["Jon Kirk"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Maria Holm and Piotr Nowak particularly stressed the right of observers to access.",
        "OSCE Representative on Freedom of the Media Maria Holm and Head of the OSCE Mission "
        "to Bosnia and Herzegovina (BiH) Piotr Nowak strongly condemned the beating.",
    ],
)
def test_two_people_joined_by_and_without_commas_are_both_speakers(paragraph):
    assert sorted(_speakers([paragraph])) == ["Maria Holm", "Piotr Nowak"]


def test_a_country_named_with_and_is_no_person():
    quotes, speakers = find_quotes(
        ["“We will comply with the ruling,” Bosnia and Herzegovina said in a note."], "en"
    )
    assert speakers == []
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [
        ("Bosnia and Herzegovina", "organisation")
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Interlocutors expressed their appreciation for the work of the observers.",
        "Discussions emphasized inclusive local governance and staffing.",
        "OSCE participating States have recognized the role of election observers.",
    ],
)
def test_plural_nouns_that_open_a_sentence_are_no_speakers(paragraph):
    assert _speakers([paragraph]) == []


def test_a_quote_paragraph_before_anyone_spoke_goes_to_the_person_the_paragraph_before_is_about():
    paragraphs = [
        "SKOPJE, 5 May 2023 - The Chairman-in-Office visited the Mission to Skopje today.",
        "Chairman Ivo Marek met the Head of Mission, Lena Varga, and staff who briefed him.",
        "“Field missions are the focus of our Chairpersonship. They help people every day.”",
    ]
    quotes, speakers = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Ivo Marek"]
    assert [s.name for s in speakers] == ["Ivo Marek"]
    # the paragraph before opens with no person: the speaker stays unknown
    quotes, _ = find_quotes(["The Mission met local leaders in Osh.", paragraphs[2]], "en")
    assert [q.speaker for q in quotes] == [None]


def test_a_country_after_of_opens_no_name():
    paragraphs = [
        "SKOPJE, 5 May 2023 - Minister of Foreign Affairs of North Macedonia Ivo Marek opened "
        "the conference today.",
        "“We must work together,” Marek said.",
    ]
    quotes, speakers = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Ivo Marek"]
    assert [s.name for s in speakers] == ["Ivo Marek"]


def test_german_articles_and_fused_prepositions_open_no_name():
    paragraphs = [
        "Im Mittelpunkt standen Inspektionen und Überprüfungsbesuche.",
        "„Ohne Vertrauen keine Sicherheit“, sagte er.",
    ]
    assert _speakers(paragraphs, "de") == []


@pytest.mark.parametrize(
    ("paragraph", "language", "speaker"),
    [
        (
            "„Ohne Transparenz gibt es kein Vertrauen, und ohne Vertrauen keine Sicherheit“, "
            "betonte der Vorsitzende des Forums für "
            "Sicherheitskooperation in seiner Rede.",
            "de",
            "Vorsitzende des Forums für Sicherheitskooperation",
        ),
        (
            "« La participation est un engagement », a déclaré la directrice adjointe du BIDDH "
            "lors de la présentation.",
            "fr",
            "directrice adjointe du BIDDH",
        ),
    ],
)
def test_unnamed_speakers_keep_their_whole_role(paragraph, language, speaker):
    quotes, speakers = find_quotes([paragraph], language)
    assert [q.speaker for q in quotes] == [speaker]
    assert speakers == []


def test_an_inverted_verb_with_a_role_then_a_ranked_name():
    paragraphs = [
        "The Mission's Deputy Head Anna Berg visited Cacak and Knjazevac.",
        "“These visits are a vital opportunity to meet people,” says the Head of the Mission to "
        "Serbia and Montenegro, Ambassador Karl Ost.",
    ]
    quotes, speakers = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Karl Ost"]
    assert [s.name for s in speakers] == ["Karl Ost"]


def test_who_said_goes_to_the_person_before_the_relative_clause():
    paragraph = (
        "VIENNA, 5 May 2019 – The event was opened by Ambassador Karl Ost, Head of the OSCE "
        "Centre in Bishkek, who said that young people must be heard."
    )
    assert _speakers([paragraph]) == ["Karl Ost"]
    # a lone capitalised word before "who" is no antecedent to trust
    assert _speakers(["Domestically, the row drew a reaction from critics, who said no."]) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "VIENNA, 5 May 2019 – Participants heard remarks from Ambassador Karl Ost, Head of the "
        "OSCE Mission to Moldova, and Anna Berg, Deputy Minister of Justice.",
        "VIENNA, 5 May 2019 – The conference featured addresses by Foreign Minister Karl Ost and "
        "Deputy Minister Anna Berg.",
        "VIENNA, 5 May 2019 – Opening remarks were delivered by Karl Ost, the Deputy Head of "
        "Mission, and Anna Berg, the Mayor of Osh.",
    ],
)
def test_people_only_said_to_give_remarks_are_speakers(paragraph):
    assert _speakers([paragraph]) == ["Karl Ost", "Anna Berg"]


def test_a_statement_from_someone_is_no_speech_of_theirs_unless_heard():
    paragraph = (
        "He could not send her a statement from former Prime Minister Karl Ost because it was "
        "classified."
    )
    assert _speakers([paragraph]) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "VIENNA, 5 May 2019 – The Director of the Conflict Prevention Centre, Karl Ost, and the "
        "Head of Mission Anna Berg underlined that the talks matter.",
        "VIENNA, 5 May 2019 – Karl Ost and Anna Berg both underlined that the talks matter.",
    ],
)
def test_a_second_subject_after_a_comma_and_both(paragraph):
    assert sorted(_speakers([paragraph])) == ["Anna Berg", "Karl Ost"]


def test_the_topic_of_a_panel_in_marks_is_no_quote():
    paragraph = (
        "President Anna Berg spoke at a panel on the “common future of all European citizens” "
        "and noted that co-operation matters."
    )
    quotes, speakers = find_quotes([paragraph], "en")
    assert quotes == []
    assert [s.name for s in speakers] == ["Anna Berg"]


def test_a_news_agency_dateline_opens_no_subject():
    paragraphs = [
        "YEREVAN (ArmRadio)—The OSCE PA Special Representative on the South Caucasus, Karl Ost "
        "(MP, Bulgaria), concluded a visit to Armenia.",
        "In Yerevan, the Special Representative met with Foreign Minister Anna Berg.",
        "“Dialogue at the parliamentary level matters,” said the Special Representative.",
    ]
    quotes, _ = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Karl Ost"]


def test_thanks_and_condolences_are_speech():
    paragraphs = [
        "Vice-President Karl Ost extended gratitude to the Speaker for his support.",
        "Anna Berg offered condolences to the families of the victims.",
    ]
    assert _speakers(paragraphs) == ["Karl Ost", "Anna Berg"]


def test_a_russian_office_adjective_is_no_surname():
    paragraphs = [
        "Эксперты из пяти государств Центральной Азии завершили сегодня семинар.",
        "«Прозрачность и предсказуемость остаются основой нашей общей безопасности», – заявил "
        "руководитель Программного офиса ОБСЕ в Душанбе.",
    ]
    quotes, speakers = find_quotes(paragraphs, "ru")
    assert [q.speaker for q in quotes] == ["руководитель Программного офиса ОБСЕ в Душанбе"]
    assert speakers == []


def test_a_speech_verb_in_the_passive_gives_the_person_after_by():
    paragraph = "DUSHANBE, 5 May 2019 – The participants were welcomed by Karl Ost, Director of the College."
    assert _speakers([paragraph]) == ["Karl Ost"]


def test_a_short_description_then_the_name_after_an_inverted_verb():
    quotes, _ = find_quotes(["“This is vital,” said one participant, Karl Ost from Khorog."], "en")
    assert [q.speaker for q in quotes] == ["Karl Ost"]


def test_who_after_a_name_introduced_by_by():
    paragraphs = [
        "VIENNA, 5 May 2019 – Foreign Minister Anna Berg emphasized that commitments are key.",
        "Her remarks were echoed by Karl Ost, who noted the importance of dialogue.",
    ]
    assert _speakers(paragraphs) == ["Anna Berg", "Karl Ost"]


def test_a_person_of_an_organisation_after_an_inverted_verb():
    quotes, speakers = find_quotes(
        ["“We need more funding,” said Anna Berg of the Helsinki Committee."], "en"
    )
    assert [q.speaker for q in quotes] == ["Anna Berg"]
    assert [s.name for s in speakers] == ["Anna Berg"]


# --- fourth round: 49 more real OSCE texts -----------------------------------------------------


def test_a_weekday_after_a_name_is_no_part_of_it():
    quotes, speakers = find_quotes(
        [
            "The Organisation for Security and Cooperation in Europe (OSCE) Special Envoy Karl "
            "Ost Wednesday welcomed the accord as “a big step forward.”",
            "“The document is signed,” said Anna Berg, a spokesperson for the delegation.",
        ],
        "en",
    )
    assert [(q.speaker, q.partial) for q in quotes] == [("Karl Ost", True), ("Anna Berg", False)]
    assert [s.name for s in speakers] == ["Karl Ost", "Anna Berg"]


def test_an_abstract_noun_of_a_ministry_is_no_first_name():
    paragraphs = [
        "Minister of European Integration Anna Berg met today with the Head of Mission.",
        "During the meeting, the Minister expressed her gratitude for the support.",
    ]
    assert _speakers(paragraphs) == ["Anna Berg"]


def test_charge_d_affaires_is_a_title():
    quotes, _ = find_quotes(
        ["“We are very concerned”, Charge d’Affaires of the U.S. Mission Anna Berg stated."],
        "en",
    )
    assert [q.speaker for q in quotes] == ["Anna Berg"]


def test_a_country_then_an_initial_fused_to_the_surname_after_of():
    paragraph = (
        "In particular, the Deputy Minister of Foreign Affairs of Turkmenistan K.Ostov stressed "
        "that the new building marks an investment in partnership."
    )
    assert _speakers([paragraph]) == ["K.Ostov"]


def test_a_russian_country_in_the_genitive_is_no_first_name():
    paragraph = (
        "Председатель ОБСЕ, министр иностранных дел Сербии Карл Остов приветствовал "
        "соглашение, сообщает пресс-служба ОБСЕ."
    )
    assert _speakers([paragraph], "ru") == ["Карл Остов"]


def test_the_name_inside_an_appositive_that_opens_with_an_article_is_not_the_subject():
    quotes, speakers = find_quotes(
        [
            "Earlier, Anna Berg, the spokesperson for the group's chief negotiator Karl Ost, "
            "wrote on her page that “The document envisages the de-escalation,”"
        ],
        "en",
    )
    assert [q.speaker for q in quotes] == ["Anna Berg"]
    assert [s.name for s in speakers] == ["Anna Berg"]


def test_statements_made_by_people_make_them_speakers():
    paragraph = (
        "The OSCE welcomes the statements made by Presidents Anna Berg and Karl Ost at the "
        "summit, affirming that the agreements are the only solution, the Secretary General "
        "Maria Lind said on Monday."
    )
    assert _speakers([paragraph]) == ["Anna Berg", "Karl Ost", "Maria Lind"]


def test_whom_before_the_subject_of_a_speech_verb():
    paragraphs = [
        "Secretary General Anna Berg met the country's leaders on Tuesday.",
        "Among others, she met the members of the Presidency, whom she said it was urgent to "
        "“decrease tensions and restore the institutions.”",
    ]
    quotes, _ = find_quotes(paragraphs, "en")
    assert [(q.speaker, q.partial) for q in quotes] == [("Anna Berg", True)]


def test_a_french_role_in_office_who_wrote_then_a_pronoun():
    paragraphs = [
        "Le Président en exercice de l'OSCE a écrit à ce sujet sur Twitter.",
        '"Nous avons besoin de stabilité sur le terrain. Cet accord ouvre la voie à des '
        'négociations", a-t-il noté.',
    ]
    quotes, speakers = find_quotes(paragraphs, "fr")
    assert [q.speaker for q in quotes] == ["Président en exercice de l'OSCE"]
    assert speakers == []


def test_a_definite_role_before_a_short_relative_clause_is_the_subject():
    paragraphs = [
        "OSCE mission chief in Serbia, Karl Ost said that the mission will work on the rule of law.",
        "The Greek diplomat who took over as mission chief in September told daily Politika that "
        "the questions are equal, because “all democratic institutions are very important.”",
    ]
    quotes, _ = find_quotes(paragraphs, "en")
    assert [(q.speaker, q.partial) for q in quotes] == [("Karl Ost", True)]


def test_an_indefinite_role_before_a_relative_clause_is_not_the_subject():
    # "One official who relayed the exchange said Reid quieted them, telling ...": not the official
    paragraph = (
        "One Democratic official who relayed the exchange said Harry Reid quieted the chatter, "
        "telling his colleagues, “We have to remember that he has always been good to us.”"
    )
    quotes, _ = find_quotes([paragraph], "en")
    assert [q.speaker for q in quotes] != ["Democratic official"]


def test_a_region_named_as_an_adjective_is_no_person():
    paragraphs = [
        "Karl Ost said that the Western Balkan region is of exceptional importance to security.",
        "“All democratic institutions are very important,” said the Ambassador.",
    ]
    quotes, speakers = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Karl Ost"]
    assert [s.name for s in speakers] == ["Karl Ost"]


def test_a_list_of_infinitives_is_no_speech():
    paragraph = (
        "Language, and the right to learn, know, speak and write one’s own language is a topic "
        "that can fan, but also douse, the flames of conflict."
    )
    assert _speakers([paragraph]) == []


def test_a_statement_delivered_by_someone_and_as_mentioned_by_a_role():
    paragraphs = [
        "Delivered by Ambassador Anna Berg at the Permanent Council, Vienna, 7 June 2018",
        "Mr. Chair,",
        "I join others in welcoming the High Commissioner on National Minorities, Ambassador "
        "Karl Ost, to the Permanent Council.",
        "Last week, as mentioned by the High Commissioner, Norway hosted the anniversary.",
    ]
    assert _speakers(paragraphs) == ["Anna Berg", "Karl Ost"]


def test_quoted_someone_as_saying():
    paragraph = (
        "The ministry’s statement quoted Karl Ost as saying that the OSCE would “participate in "
        "the process” until the law is changed."
    )
    quotes, speakers = find_quotes([paragraph], "en")
    assert [(q.speaker, q.partial) for q in quotes] == [("Karl Ost", True)]
    assert [s.name for s in speakers] == ["Karl Ost"]


def test_pm_is_a_title_not_an_organisation():
    paragraphs = [
        "At the opening on Thursday, PM Karl Ost stated that the meeting was a success.",
        "“This is a diplomatic victory by the OSCE,” the PM said.",
    ]
    quotes, _ = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Karl Ost"]


def test_words_in_marks_without_letters_are_no_quote():
    paragraph = (
        "During the meeting, Anna Berg stressed the role of the “5+2” format, the mission said."
    )
    quotes, _ = find_quotes([paragraph], "en")
    assert quotes == []


def test_an_address_delivered_by_a_role_the_only_person_was_not_introduced_with():
    paragraphs = [
        "OSCE Chairperson-in-Office, First Deputy Prime Minister and Minister of Foreign Affairs "
        "Karl Ost attended today the opening ceremony of the Field Office.",
        "Following is the address delivered by the OSCE Chairperson-in-Office:",
    ]
    assert _speakers(paragraphs) == ["Karl Ost"]


def test_a_person_then_a_place_after_an_inverted_verb():
    paragraphs = [
        "Party rules were debated on Tuesday.",
        "“It’s something we should debate,” said Sen. Karl Ost of Delaware.",
        "“Asking a delegate to go?” asked Sen. Anna Berg of Maryland, who wants a commission.",
    ]
    quotes, speakers = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Karl Ost", "Anna Berg"]
    assert [s.name for s in speakers] == ["Karl Ost", "Anna Berg"]


def test_claims_that_is_a_speech_verb():
    paragraph = (
        "Speaking for the broadcaster, referring to the mediation in the talks, Ostova claims "
        "that the recommendations for fair elections do exist."
    )
    assert _speakers([paragraph]) == ["Ostova"]


def test_according_to_two_people():
    paragraph = (
        "The Assembly closed today, and according to the OSCE PA president Karl Ost and the "
        "OSCE secretary general Anna Berg, the absence would not have affected the results."
    )
    assert _speakers([paragraph]) == ["Karl Ost", "Anna Berg"]


# --- real German texts ------------------------------------------------------------------------


def test_german_pronoun_after_the_verb_is_the_subject():
    paragraph = (
        "Der neue OSZE-Vorsitzende Karl Ostmann hat Russland zum Ende des Krieges aufgerufen. "
        "“Die Ukraine wird unsere oberste Priorität bleiben, die Aggression muss aufhören”, sagte Ostmann am Donnerstag in einer Rede. In "
        "einer anschließenden Pressekonferenz warnte er davor, dass der Krieg eskalieren könnte. "
        "Auf die Frage, ob ein Ende möglich sei, sagte er. “Das Volk muss entscheiden, wer es anführt.”"
    )
    quotes, speakers = find_quotes([paragraph], "de")
    assert [q.speaker for q in quotes] == ["Karl Ostmann", "Karl Ostmann"]
    assert [s.name for s in speakers] == ["Karl Ostmann"]


def test_german_fronted_demonstrative_and_a_state_in_the_title():
    paragraph = (
        "Die Mission werde ihre Kontrollbereiche ausweiten. Dies erklärte der OSZE-Vorsitzende "
        "und Bundesminister für europäische und internationale Angelegenheiten der Republik "
        "Österreich Karl Ostmann am Mittwoch in Mariupol. „Was die Mission betrifft, bitte "
        "ich sie, realistisch zu sein, und man trifft Entscheidungen durch Konsensus“, sagte "
        "Ostmann in seiner Antwort."
    )
    quotes, speakers = find_quotes([paragraph], "de")
    assert [q.speaker for q in quotes] == ["Karl Ostmann"]
    assert [s.name for s in speakers] == ["Karl Ostmann"]


def test_german_article_particles_and_an_osze_compound_role():
    paragraph = (
        "Der Sondergesandte der OSZE in der trilateralen Kontaktgruppe zur Regelung der "
        "Situation im Osten der Ukraine, Karl Ostmann, hat die Zwischenfälle unzulässig "
        'genannt. "Die Zwischenfälle sind unzulässig", sagte Ostmann in Minsk. "Alle Seiten '
        'sind verantwortlich", betonte der OSZE-Sondergesandte.'
    )
    quotes, speakers = find_quotes([paragraph], "de")
    assert [q.speaker for q in quotes] == ["Karl Ostmann", "Karl Ostmann"]
    assert [s.name for s in speakers] == ["Karl Ostmann"]


def test_a_lead_quote_then_who_made_the_statement():
    paragraphs = [
        '"We closely monitor the conflict."',
        "OSCE Secretary General Karl Ost made the due statement in an interview with a paper.",
        "According to him, the mission is monitoring the situation along the contact line.",
    ]
    quotes, speakers = find_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Karl Ost"]
    assert [s.name for s in speakers] == ["Karl Ost"]


def test_german_passive_with_its_agent_and_a_party_tag():
    paragraph = (
        "Dieser Schritt wurde unter anderem von Außenminister Karl Ostmann (ÖVP) scharf "
        "kritisiert, der als Vertreter des Sitzstaates um die Organisation bemüht ist."
    )
    assert _speakers([paragraph], "de") == ["Karl Ostmann"]


def test_russian_surname_who_wrote_then_a_role_refers_to_him():
    paragraphs = [
        "Об этом сам Остов написал на своей странице в Twitter.",
        'Кроме этого, генеральный секретарь ОБСЕ сообщил, что имел "теплую и дружескую '
        'встречу" с заместителем главы МИД Украины Василием Боднаром.',
    ]
    quotes, speakers = find_quotes(paragraphs, "ru")
    assert [q.speaker for q in quotes] == ["Остов"]
    assert [s.name for s in speakers] == ["Остов"]


# --- real French texts ------------------------------------------------------------------------


def test_french_compound_verb_with_the_subject_after_it():
    paragraph = (
        "Le seul candidat est le ministre estonien des Affaires étrangères, Karl Ostov, mais la "
        "Russie bloque cette option, a déclaré Anna Berg."
    )
    assert _speakers([paragraph], "fr") == ["Anna Berg"]


def test_french_announced_words_in_guillemets():
    paragraph = (
        "La campagne a été renforcée après que le président Karl Ostov a annoncé le lancement "
        "d’une « opération militaire spéciale » pour « protéger la population »."
    )
    quotes, speakers = find_quotes([paragraph], "fr")
    assert [(q.speaker, q.partial) for q in quotes] == [("Karl Ostov", True)] * 2
    assert [s.name for s in speakers] == ["Karl Ostov"]


def test_french_country_and_ministry_with_an_article_are_no_people():
    paragraphs = [
        "La France a regretté « fortement », lundi, l’absence de renouvellement des mandats.",
        "Cette vacance « va porter atteinte » à son bon fonctionnement, prévient le Quai d’Orsay.",
    ]
    quotes, speakers = find_quotes(paragraphs, "fr")
    assert [q.speaker for q in quotes][:1] == ["France"]
    assert speakers == []


def test_french_congratulations_of_someone():
    paragraph = (
        "Le site pour avoir fait état des félicitations du Premier ministre ukrainien, Karl "
        "Ostov, à son homologue."
    )
    assert _speakers([paragraph], "fr") == ["Karl Ostov"]
