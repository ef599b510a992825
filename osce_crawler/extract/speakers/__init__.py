"""Who speaks in an article: speech verbs, names split from titles and roles, and the book of
people an article introduces, so that "Fink", "she" and "the Minister" resolve to "Anya Fink".

Rule-based and token-driven (no regex over unbounded spans), so it stays linear on huge
pages. Works in English, German, French and Russian: the verbs, title words, pronouns and
gender words of each live in data files (words/<language>.json, read by wordlists.py),
the places and organisations that are no personal names in words/gazetteer.json.

- ``lexicon``: what a single word or name is (title, name word, place, organisation, gender);
- ``mentions``: tokens, and the mentions of people in a clause (subject, name after a quote,
  antecedent);
- ``verbs``: the speech verbs of a sentence, and speakers named by a noun ("remarks by X");
- ``people``: the book of people an article introduces, and how mentions resolve in it;
- ``groups``: groups an article names member by member ("the Co-Chairs (A, B and C)"), whose
  members speak when the group does.
"""
