"""Naming the speaker (issue #12): the registry, pronouns, documents, groups, unnamed sources.

Short articles written for these tests: an interview in turns, a quote that runs on, a profile
of two people with one surname, groups and documents, and the local-news cases a new user found.
"""

from __future__ import annotations

from workbench.domain.detection import detect_quotes
from workbench.domain.detection.mentions import antecedent_of
from workbench.domain.model import NameKind, QuoteCandidate


def _speaker_of(text: str):
    """words -> the speaker named for the quote of ``text`` that holds them."""
    quotes = detect_quotes(text)
    return lambda words: next(q.speaker_name for q in quotes if words in q.spans[0].text_of(text))


def _by_content(text: str, quotes: list[QuoteCandidate], words: str) -> QuoteCandidate:
    found = [q for q in quotes if any(words in s.text_of(text) for s in q.spans)]
    assert found, f"no quote holds {words!r}: {[[s.text_of(text) for s in q.spans] for q in quotes]}"
    return found[0]


INTERVIEW = """Senator Maria Lopez spoke to the reporter James Chen on Tuesday.

CHEN: Will you run again next year?

LOPEZ: I have not decided yet. My family comes first.

CHEN: Is your rival right about the budget?

LOPEZ: He is wrong about that, and he knows it.
"""


def test_interview_turns_are_named_by_the_full_names_given_earlier():
    quotes = detect_quotes(INTERVIEW)
    assert _by_content(INTERVIEW, quotes, "Will you run again").speaker_name == "James Chen"
    assert _by_content(INTERVIEW, quotes, "I have not decided").speaker_name == "Maria Lopez"
    assert _by_content(INTERVIEW, quotes, "Is your rival right").speaker_name == "James Chen"
    answer = _by_content(INTERVIEW, quotes, "He is wrong about that")
    assert answer.speaker_name == "Maria Lopez"
    assert answer.name_kind == NameKind.PERSON
    assert "surname of a person named earlier" in answer.name_chain


ADDED = """Mark Davies, the head of the port authority, said the harbour would reopen in May. "We have repaired the north wall," he added.

"The south wall will take longer."

Anna Berg, a local fisher, said she doubted it. "I have heard this before," she said.
"""


def test_he_added_and_an_uncued_quote_continue_the_speaker_before():
    quotes = detect_quotes(ADDED)
    added = _by_content(ADDED, quotes, "We have repaired the north wall")
    assert added.speaker_name == "Mark Davies"
    assert "spoke the previous quote" in added.name_chain
    # the uncued paragraph is part of the same quote, so it has the same speaker
    assert any("The south wall will take longer" in s.text_of(ADDED) for s in added.spans)
    she = _by_content(ADDED, quotes, "I have heard this before")
    assert she.speaker_name == "Anna Berg"
    assert she.name_source is not None and she.name_source.text_of(ADDED) == "Anna Berg"


PROFILE = """Grace Okafor founded the bakery in 1998. Her husband, Peter Okafor, runs the shop floor.

"We never planned to grow this big," she said.

He said the new oven had doubled output.

Mrs. Okafor said the bakery would hire ten people next year.
"""


def test_profile_pronouns_and_titles_agree_in_gender():
    quotes = detect_quotes(PROFILE)
    assert _by_content(PROFILE, quotes, "We never planned").speaker_name == "Grace Okafor"
    assert _by_content(PROFILE, quotes, "the new oven").speaker_name == "Peter Okafor"
    mrs = _by_content(PROFILE, quotes, "hire ten people")
    assert mrs.speaker_name == "Grace Okafor"
    assert mrs.name_candidates == ("Peter Okafor",)   # two people share the surname: say so


GROUPS = """A new Bloomberg poll released on Monday found that most voters distrust both candidates.

Donald Trump and Hillary Clinton said the poll was wrong.

Officials at the ministry said the figures were preliminary.

The pair said they would debate again in October.

A spokesman for the ministry said the report would be published in full.
"""


def test_documents_groups_and_unnamed_sources():
    quotes = detect_quotes(GROUPS)
    poll = _by_content(GROUPS, quotes, "most voters distrust")
    assert (poll.speaker_name, poll.name_kind) == ("Bloomberg", NameKind.DOCUMENT_ISSUER)
    both = _by_content(GROUPS, quotes, "the poll was wrong")
    assert (both.speaker_name, both.name_kind) == ("Donald Trump and Hillary Clinton", NameKind.GROUP)
    pair = _by_content(GROUPS, quotes, "debate again")
    assert pair.speaker_name == "Donald Trump and Hillary Clinton"
    officials = _by_content(GROUPS, quotes, "figures were preliminary")
    assert (officials.speaker_name, officials.name_kind) == ("Officials at the ministry", NameKind.UNNAMED)
    spokesman = _by_content(GROUPS, quotes, "published in full")
    assert (spokesman.speaker_name, spokesman.name_kind) == ("A spokesman for the ministry", NameKind.UNNAMED)


# --- found when tried as a new user would, on short local-news articles -----------------------

LOCAL = """Minister defends hospital waiting times

The Department of Health said waiting lists had fallen by a tenth since March.

The region's chief engineer, Helen O'Connor, said the new wing would open in June.

The council's leader, Councillor David Park, said the claim was "simply not true" and promised a full review.

Councillor Tom Reyes, who voted against the budget, said the cuts went too far. Mayor Linda Hart said she would meet him.
"""


def test_department_of_health_is_the_organisation_not_health():
    quotes = detect_quotes(LOCAL)
    said = _by_content(LOCAL, quotes, "waiting lists had fallen")
    assert said.speaker_name == "Department of Health"
    assert said.name_kind == NameKind.ORGANISATION
    assert said.speaker_description != "Department of"


def test_a_role_before_an_appositive_name_gives_the_name():
    quotes = detect_quotes(LOCAL)
    assert _by_content(LOCAL, quotes, "the new wing").speaker_name == "Helen O'Connor"
    assert _by_content(LOCAL, quotes, "simply not true").speaker_name == "David Park"


def test_councillor_and_mayor_both_lose_their_title():
    quotes = detect_quotes(LOCAL)
    reyes = _by_content(LOCAL, quotes, "the cuts went too far")
    hart = _by_content(LOCAL, quotes, "she would meet him")
    assert (reyes.speaker_name, reyes.speaker_description) == ("Tom Reyes", "Councillor")
    assert (hart.speaker_name, hart.speaker_description) == ("Linda Hart", "Mayor")


def test_a_headline_topic_is_not_a_quote():
    quotes = detect_quotes(LOCAL)
    assert not any("hospital waiting times" in s.text_of(LOCAL) for q in quotes for s in q.spans)


def test_a_quote_does_not_keep_the_and_that_joins_the_next_verb():
    quotes = detect_quotes(LOCAL)
    claim = _by_content(LOCAL, quotes, "simply not true")
    assert claim.spans[-1].text_of(LOCAL) == 'the claim was "simply not true"'


def test_never_a_place_a_month_or_an_adverb():
    text = ("The United Nations Security Council on Friday said it would meet again.\n\n"
            "Recently, the coalition said the plan would fail.\n\n"
            "Representative Charles B. Rangel of New York said the vote was close.\n")
    quotes = detect_quotes(text)
    names = {q.speaker_name for q in quotes}
    assert "Friday" not in names and "Recently" not in names and "New York" not in names
    assert _by_content(text, quotes, "meet again").speaker_name == "United Nations Security Council"
    assert _by_content(text, quotes, "the vote was close").speaker_name == "Charles B. Rangel"


def test_a_short_name_gets_the_fullest_form_the_article_gives():
    text = ("The New York Post reported the story first. The Post said the source was reliable.\n\n"
            "Loretta Lynch spoke in May. Attorney General Loretta E. Lynch said the case was closed.\n\n"
            "Lynch said she would not resign.\n")
    quotes = detect_quotes(text)
    assert _by_content(text, quotes, "the source was reliable").speaker_name == "New York Post"
    assert _by_content(text, quotes, "would not resign").speaker_name == "Loretta E. Lynch"


def test_a_transcript_label_never_named_in_full_is_a_person_in_plain_case():
    text = ("Interview\n\nWALLACE: Will you release the returns this week?\n\n"
            "PENCE: We will, and Mike Pence never breaks a promise.\n")
    quotes = detect_quotes(text)
    assert _by_content(text, quotes, "release the returns").speaker_name == "Wallace"
    assert _by_content(text, quotes, "release the returns").name_kind == NameKind.PERSON
    assert _by_content(text, quotes, "never breaks a promise").speaker_name == "Mike Pence"


QA = """Q&A with Governor Ann Marsh

Governor Ann Marsh spoke with our reporter about the budget. Marsh said the state had turned a corner.

Q: You said last month that taxes would not rise. Do you still believe that?

A: I think we can hold the line. I told the legislature that the surplus is real.

MARSH: I want to add that the schools come first.
"""


def test_first_person_in_interview_turns_is_the_person_interviewed():
    quotes = detect_quotes(QA)
    asked = [q for q in quotes if q.mention is not None and q.mention.text_of(QA) == "You"]
    assert asked and asked[0].speaker_name == "Ann Marsh"
    assert "taxes would not rise" in asked[0].spans[0].text_of(QA)
    answer = _by_content(QA, quotes, "the surplus is real")
    assert answer.speaker_name == "Ann Marsh"
    assert "the person interviewed" in answer.name_chain
    turn = [q for q in quotes if q.mention is not None and q.mention.text_of(QA) == "I"
            and "schools come first" in q.spans[0].text_of(QA)][0]
    assert turn.speaker_name == "Ann Marsh"
    assert "transcript turn" in turn.name_chain


AFFILIATION = """Economists split on the rate decision

"Rates will stay where they are until the spring," said Nora Vance of Harbour Bank.

"The bank has waited too long already," said Ilya Petrov of the Northern Policy Institute.

"We will act when the data tell us to," the Bank of Canada said in a statement.
"""


def test_a_person_of_an_organisation_is_the_person_and_the_organisation_keeps_its_of():
    quotes = detect_quotes(AFFILIATION)
    names = {q.spans[0].text_of(AFFILIATION)[:12]: q.speaker_name for q in quotes}
    assert names['"Rates will '] == "Nora Vance"
    assert names['"The bank ha'] == "Ilya Petrov"
    assert names['"We will act'] == "Bank of Canada"


SENATE = """Senate deal takes shape

Sen. Debbie Stabenow, D-Mich., a member of the leadership team, said the leader has "an uncanny way to be able to listen" to everyone.

Republican senators Bob Corker, R-Tenn., and Lindsey Graham, R-S.C., said the bill was "deeply flawed" and would fail.
"""


def test_a_party_and_state_after_a_name_is_no_speaker_and_no_member_of_a_group():
    quotes = detect_quotes(SENATE)
    said = {q.spans[0].text_of(SENATE): q.speaker_name for q in quotes}
    assert said['the leader has "an uncanny way to be able to listen" to everyone'] == "Debbie Stabenow"
    assert said['the bill was "deeply flawed" and would fail'] == "Bob Corker and Lindsey Graham"


CAMPAIGN = """Senator Susan Ruiz rallies in Ohio

Susan Ruiz spoke for an hour in Dayton on Monday, her third rally of the week.

Her campaign said the crowd was "the biggest of the year."
"""

STAFFER = """Senator Tom Hale raises $20 million

Tom Hale raised more money than any rival this quarter.

"This people-powered effort is changing politics," Jeff Pike, Hale's campaign manager, said in a statement.

His campaign said the senator would spend most of it on television.
"""


def test_her_campaign_is_the_campaign_of_the_woman_the_article_is_about():
    quotes = detect_quotes(CAMPAIGN)
    said = next(q for q in quotes if "biggest" in q.spans[0].text_of(CAMPAIGN))
    assert said.speaker_name == "Ruiz campaign"
    assert "Susan Ruiz" in said.name_chain
    assert said.name_source is not None and said.name_source.text_of(CAMPAIGN) == "Susan Ruiz"


def test_his_campaign_after_a_staffers_quote_is_not_the_staffers_campaign():
    quotes = detect_quotes(STAFFER)
    said = next(q for q in quotes if "television" in q.spans[0].text_of(STAFFER))
    assert said.speaker_name != "Pike campaign"


HEADLINED = """Susan Ruiz rallies in Ohio

Susan Ruiz spoke for an hour in Dayton on Monday.

She said the crowd was "the biggest of the year."
"""


def test_a_person_the_headline_names_first_is_still_a_person_for_her_pronouns():
    quotes = detect_quotes(HEADLINED)
    assert [q.speaker_name for q in quotes] == ["Susan Ruiz"]


RELEASES = """Cafe workers vote to unionize

Employees at a second cafe in Winnipeg have voted to unionize.

A release sent to media from UFCW Local 832 late Friday said a majority of the 68 workers voted yes.

A statement from the Ministry of Labour said the vote "was conducted fairly and in the open."
"""


def test_a_document_from_someone_is_theirs_and_a_union_local_keeps_its_number():
    said = _speaker_of(RELEASES)
    assert said("a majority of the 68 workers") == "UFCW Local 832"
    assert said("was conducted fairly") == "Ministry of Labour"


STATE_PARTY = """Budget fight heads to the Senate

Sen. Rand Paul (R-Ky.) and Sen. Marco Rubio of Florida met on Monday.

"This budget is a disgrace to every taxpayer in the country," the Kentucky Republican said.

Speaker Paul Ryan says the bill will pass. In an interview, the Wisconsin Republican said it "will reach the floor by Friday."

"Nobody here has read the whole bill," the Ohio Democrat said.
"""


def test_the_state_republican_is_the_person_the_article_ties_to_that_state_never_a_party_name():
    said = _speaker_of(STATE_PARTY)
    assert said("a disgrace") == "Rand Paul"               # 'Rand Paul (R-Ky.)'
    assert said("reach the floor") == "Paul Ryan"          # the subject of the sentence before
    assert said("read the whole bill") == "the Ohio Democrat"   # no one tied to Ohio: as written


FIRST_NAMES = """Brothers remember the early days of the firm

Donald J. Trump and his brother Robert Trump built the business together in the 1970s.

"We worked every weekend and never complained," Robert said. "Donald always wanted the biggest building."
"""


def test_a_first_name_alone_is_the_one_person_named_in_full_with_it():
    quotes = detect_quotes(FIRST_NAMES)
    said = next(q for q in quotes if "every weekend" in q.spans[0].text_of(FIRST_NAMES))
    assert said.speaker_name == "Robert Trump"
    assert "first name" in said.name_chain


FAMILY_NAME_FIRST = """Beijing answers Washington at Davos

Chinese Vice-President Wang Qishan took aim at the United States on Wednesday.

Wang said that "shifting blame for one's own problems onto others" would not solve anything.
"""


def test_a_chinese_family_name_written_first_is_the_surname():
    quotes = detect_quotes(FAMILY_NAME_FIRST)
    assert [q.speaker_name for q in quotes] == ["Wang Qishan"]


NAMED_GROUPS = """Cafe owners respond to the vote

In an emailed statement, the owners Tore Sohlberg and Lehla Abreder said they respected the outcome.

"Our priority is a respectful workplace where employees can thrive," they said.

His defence attorneys, Charles Glynn and Richard Jones, have said they might seek a change of venue.

Kim and Clark Moran said the letter was "a shock to the whole family."
"""


def test_groups_named_after_a_description_or_sharing_a_family_name_are_everyone_named():
    said = _speaker_of(NAMED_GROUPS)
    assert said("respected the outcome") == "Tore Sohlberg and Lehla Abreder"
    assert said("respectful workplace") == "Tore Sohlberg and Lehla Abreder"   # their 'they'
    assert said("change of venue") == "Charles Glynn and Richard Jones"
    assert said("a shock") == "Kim Moran and Clark Moran"


COUPLE = """Adoption stalls at the last step

Kim and Clark Moran received a letter this week from the government about their son.

"The allegation is completely unfounded," the couple said on Friday.
"""


def test_the_couple_is_the_pair_named_before_even_when_they_have_not_spoken():
    quotes = detect_quotes(COUPLE)
    assert [q.speaker_name for q in quotes] == ["Kim Moran and Clark Moran"]


WITH_ARTICLES = """Talks resume on the truce

Both the United States and Russia said the truce "could hold this time."

Sen. Bernie Sanders met Hillary Clinton on Monday. Clinton and the DNC said the deal was "fair to everyone."

"We agree with every word of it," the DNC said.
"""


def test_members_of_a_group_lose_their_article_and_a_short_name_never_takes_the_words_before_and():
    said = _speaker_of(WITH_ARTICLES)
    assert said("could hold this time") == "United States and Russia"
    assert said("fair to everyone") == "Hillary Clinton and DNC"
    assert said("every word of it") == "DNC"   # not 'Clinton and the DNC'


TITLED_AFFILIATION = """Taxes on spending gain support

Leonard Burman has studied consumption taxes for twenty years. Mrs. Clinton's campaign declined to comment.

"There's no way we can keep the promises we've made without a new revenue source," said Mr. Burman of the Tax Policy Center.

Mrs. Clinton's campaign said the plan "would hurt working families."
"""


def test_a_titled_surname_of_an_organisation_is_the_person_and_a_titled_campaign_is_the_surnames():
    said = _speaker_of(TITLED_AFFILIATION)
    assert said("new revenue source") == "Leonard Burman"
    assert said("working families") == "Clinton campaign"


OUTLET_PEOPLE = """Anchors weigh in on the race

"The race is tightening in every state that matters," MSNBC’s Ayman Mohyeldin said.

"Not so fast," said the Washington Post’s Ishaan Tharoor. Tharoor added that "the polls have barely moved."

"Voters are tired of the same faces," Democracy Corps’ Stan Greenberg said.
"""


def test_a_person_after_a_news_organisations_possessive_is_the_person_whatever_the_first_name():
    said = _speaker_of(OUTLET_PEOPLE)
    assert said("tightening") == "Ayman Mohyeldin"
    assert said("Not so fast") == "Ishaan Tharoor"
    assert said("barely moved") == "Ishaan Tharoor"   # the bare surname joins the full name
    assert said("same faces") == "Stan Greenberg"      # a plural's possessive: 'Corps’'


LOCAL_TITLES = """A killing and a video test the city

"We need answers, and we need them now," said Chicago Alderman Jason C. Ervin.

"The department has failed this community," FBI General Counsel James A. Baker said.
"""


def test_municipal_and_legal_titles_are_no_part_of_the_name():
    quotes = detect_quotes(LOCAL_TITLES)
    assert [q.speaker_name for q in quotes] == ["Jason C. Ervin", "James A. Baker"]


def test_it_is_the_organisation_its_sentence_or_the_one_before_opens_with():
    text = ("Schools face new rules\n\n"
            "The Department of Education has misled parents about the loans. It has promised to "
            "review the loans.\n\n"
            "The Harbour Transit Authority needs to stop the fare rise unless it wants to lose "
            "riders.\n\n"
            "Tom Akers voted for the rules. It is clear that he wants to keep them.")
    speaker = _speaker_of(text)
    assert speaker("to review the loans") == "Department of Education"
    assert speaker("to lose riders") == "Harbour Transit Authority"
    assert speaker("to keep them") == "Tom Akers"


def test_the_company_is_not_a_department_named_before():
    text = ("Loans under review\n\n"
            "The Department of Education said it would review the loans.\n\n"
            "Navient denied the claims. The company said it had followed the law.")
    speaker = _speaker_of(text)
    assert speaker("it would review the loans") == "Department of Education"
    assert speaker("it had followed the law") != "Department of Education"


TWO_ORGANISATIONS = """Papers sue over court records

The Harbour Times and the Gannett newspaper chain asked the court to unseal the records, saying "the public has a right to know."

The Ortega campaign and the Democratic National Committee (DNC) filed a second motion. The Ortega campaign and DNC said the rules were "unfair to every voter."

The Department of Health and Human Services said it "will not take sides."
"""


def test_a_group_of_organisations_is_each_by_its_name():
    said = _speaker_of(TWO_ORGANISATIONS)
    assert said("right to know") == "Harbour Times and Gannett"
    assert said("unfair to every voter") == "Ortega campaign and Democratic National Committee"
    assert said("will not take sides") == "Department of Health and Human Services"


AGE_EPITHETS = """Protest outside the arena

Mayor Tom Akers opened the rally. Laura Vance held up a sign. The 57-year-old scientist says she "will not stay silent."

“Why did nobody listen?” the 46-year-old asked, before Akers spoke again.
"""


def test_an_age_epithet_is_the_person_named_last_outside_a_quotation():
    said = _speaker_of(AGE_EPITHETS)
    assert said("will not stay silent") == "Laura Vance"
    assert said("Why did nobody listen") == "Laura Vance"


ORGANISATION_KINDS = """Court blocks the fare rise

The Harbour Times reported on Monday that the fare rise was unlawful.

The Supreme Court said the city "acted too fast." The network said it "will appeal the ban."

Harbour Bank Governor Mark Nolan spoke later. The bank said it "will follow the ruling."
"""


def test_the_kind_of_an_organisation_must_fit_the_word_for_it():
    said = _speaker_of(ORGANISATION_KINDS)
    assert said("acted too fast") == "Supreme Court"
    assert said("will appeal the ban") not in ("Supreme Court", "Harbour Times")
    assert said("will follow the ruling") not in ("Supreme Court", "Mark Nolan",
                                                  "Harbour Bank Governor Mark Nolan")


RELATIVES_AFTER_A_PREPOSITION = """Bridge tolls under review

The toll plan drew a sharp rebuke from the Harbour Transit Authority, which said it "cannot support the rise."

The mayor also got a letter from Councillor Ruth Okafor, who called the plan "a tax on workers."

The plan was first floated in a tweet by a council staffer, which did not give a source.
"""


def test_a_relative_pronoun_after_a_preposition_stands_for_its_object():
    said = _speaker_of(RELATIVES_AFTER_A_PREPOSITION)
    assert said("cannot support the rise") == "Harbour Transit Authority"
    assert said("a tax on workers") == "Ruth Okafor"


def test_which_after_a_person_is_not_that_person():
    text = "The plan was first floated in a tweet by a council staffer, which did not give a source."
    assert antecedent_of(text, text.index("which")) is None


PLURAL_POSSESSIVES = """Visa questions linger

Ouisa Davis wrote about the case last week.

As stated in Davis' commentary, there are conflicting stories about the visa.

Sanders’ campaign said it "will seek a recanvass."
"""


def test_a_document_or_campaign_after_an_apostrophe_alone_is_its_owners():
    said = _speaker_of(PLURAL_POSSESSIVES)
    assert said("conflicting stories") == "Ouisa Davis"
    assert said("will seek a recanvass") == "Sanders campaign"


def test_a_surname_that_is_also_a_title_is_that_person():
    text = ("Crash trial hears from the driver\n\n"
            "Robert Major, 29, is on trial for the crash.\n\n"
            "Major said he had taken the route ten times before.\n")
    said = _speaker_of(text)
    assert said("he had taken the route") == "Robert Major"


def test_a_name_cut_short_in_a_headline_is_still_read_in_the_body():
    text = ("Crash trial\n\n"
            "READ MORE: Harbour crash driver Alexandre Bissonnette could face a record sentence\n\n"
            "The court will sentence driver Alexandre Bissonnette on Friday.\n\n"
            "Bissonnette said he \"never saw the stop sign.\"\n")
    said = _speaker_of(text)
    assert said("never saw the stop sign") == "Alexandre Bissonnette"


def test_a_possessive_in_an_opening_phrase_is_the_subject_after_its_comma():
    text = ("Hotel attack\n\n"
            "Gunmen stormed the hotel on Tuesday, police said.\n\n"
            "In its two-page statement claiming responsibility, al-Harbour said: "
            "\"This was a response to the raids.\"\n")
    statement = [q for q in detect_quotes(text) if q.mention is not None
                 and q.mention.text_of(text).startswith("its")]
    assert statement and all(q.speaker_name == "al-Harbour" for q in statement)


def test_a_page_pointer_in_capitals_is_no_speaker_and_no_transcript_turn():
    text = ("Residents packed the hall on Monday to oppose the new quarry.\n\n"
            "WATCH BELOW: Mayor Tom Reyes is firing back at critics who say the quarry plan was "
            "rushed. Dana Holt has the latest.\n\n"
            "“We were never asked,” said resident Joan Ferris.\n\n"
            "WATCH BELOW: The council is delaying its quarry decision following what it calls "
            "“a flood of letters.” Ian Moss has more.\n\n"
            "The quarry company said it would hold more public meetings in the new year.\n")
    quotes = detect_quotes(text)
    assert all("WATCH" not in (q.speaker_name or "") for q in quotes), \
        [(q.speaker_name, q.spans[0].text_of(text)) for q in quotes]
    assert _by_content(text, quotes, "We were never asked").speaker_name == "Joan Ferris"


def test_a_church_or_diocese_is_the_organisation_named_with_that_word():
    text = ("Hundreds gathered outside the Roman Catholic Diocese of Millbrook on Tuesday.\n\n"
            "On Saturday, the Roman Catholic Diocese of Millbrook condemned the students’ actions.\n\n"
            "“People are upset,” said Adam Kern, a local state representative.\n\n"
            "The diocese said a third-party investigation would look into the matter.\n\n"
            "Anna Berg, a member of the Living Church of God, was travelling to Cairo, "
            "the regional broadcaster BFMTV reported. The church said she was a devoted volunteer.\n")
    quotes = detect_quotes(text)
    condemned = _by_content(text, quotes, "the students’ actions")
    assert condemned.speaker_name == "Roman Catholic Diocese of Millbrook"   # not a person called Roman
    assert _by_content(text, quotes, "third-party investigation").speaker_name \
        == "Roman Catholic Diocese of Millbrook"
    assert _by_content(text, quotes, "devoted volunteer").speaker_name == "Living Church of God"


def test_a_subject_a_later_clause_calls_he_is_a_man_even_with_an_unknown_first_name():
    text = ("Gunmen stormed the Riverside hotel complex on Tuesday.\n\n"
            "Tomasz Okoye, a manager at a bank in the complex, said he hid in a storeroom. "
            "“We heard the shots and ran,” Okoye said.\n\n"
            "Adebayo Ferrante was on a business trip from Lyon for Meridian Consulting when he ended "
            "up in a room with four other guests.\n\n"
            "“The police told us by text that they knew where we were,” he said.\n")
    quotes = detect_quotes(text)
    assert _by_content(text, quotes, "The police told us").speaker_name == "Adebayo Ferrante"


def test_a_role_between_an_adjective_and_a_surname_names_the_person_after_it():
    text = ("Sandra Oh won a Golden Globe on Sunday night.\n\n"
            "Canadian actor Oh said she was grateful to her parents, who were in the audience.\n\n"
            "Japanese journalist and author Hiro Tanaka said the award was overdue.\n")
    quotes = detect_quotes(text)
    assert _by_content(text, quotes, "grateful to her parents").speaker_name == "Sandra Oh"
    assert _by_content(text, quotes, "the award was overdue").speaker_name == "Hiro Tanaka"
