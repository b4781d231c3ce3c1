"""Third pass of issue 12: interview turns and the mention finder's wrong mentions, on short
made-up articles (the mechanisms, not corpus articles)."""

from workbench.domain.detection import detect_quotes
from workbench.domain.model import QuoteCandidate


def _holding(text: str, quotes: list[QuoteCandidate], words: str) -> list[QuoteCandidate]:
    return [q for q in quotes if any(words in s.text_of(text) for s in q.spans)]


QA = """Chef Rosa Delgado opens a school for cooks

Rosa Delgado said she trained in Lyon before she came home. Delgado now teaches forty students a year.

Q: What made you leave the restaurant kitchen behind?

A: Honestly, the hours were brutal, and the kitchen never let me rest a single weekend.

Q: Will the school take students without any experience?

A: Yes. Nobody here needs a diploma to start cooking with us.

And I tell every student that I still taste every sauce that leaves the kitchen.
"""


def test_an_answer_label_is_the_person_interviewed_and_a_question_label_stays_as_written():
    quotes = detect_quotes(QA)
    answer = _holding(QA, quotes, "the hours were brutal")
    assert answer and answer[0].mention.text_of(QA) == "A"
    assert answer[0].speaker_name == "Rosa Delgado"
    question = _holding(QA, quotes, "take students without any experience")
    assert question and question[0].mention.text_of(QA) == "Q"
    assert question[0].speaker_name == "Q"


def test_an_answer_runs_on_over_the_paragraphs_that_follow_it():
    # 'I' in the unlabelled paragraph after 'A:' is still the person interviewed
    quotes = detect_quotes(QA)
    later = [q for q in quotes if q.mention is not None and q.mention.text_of(QA) == "I"
             and "every sauce" in q.spans[0].text_of(QA)]
    assert later and later[0].speaker_name == "Rosa Delgado"


TRANSCRIPT = """Budget talks stall on the radio

Transcript of the morning show:

LENA MARKS: Why not sign the budget this week?

OMAR FIELD: This is a council that said it would never raise fares, and now it wants to.

LENA MARKS: So the answer is no, Mr. Field?
"""


def test_a_label_of_several_words_in_capitals_is_a_transcript_turn():
    quotes = detect_quotes(TRANSCRIPT)
    turn = _holding(TRANSCRIPT, quotes, "would never raise fares")
    assert turn and turn[0].mention.text_of(TRANSCRIPT) == "OMAR FIELD"
    assert turn[0].speaker_name.lower() == "omar field"


SUBHEADING = """A review of the city's record

Housing.

Rent Controls Shape Tenant Choices: Council member Ida Brandt said the rules had kept families in place.

Transport.

Bus Lanes Divide Shop Owners: Many owners say the lanes cost them customers.
"""


def test_a_subheading_before_a_colon_is_not_a_speaker():
    # 'Tenant Choices' is written nowhere but in the subheading itself
    quotes = detect_quotes(SUBHEADING)
    assert all(q.mention is None or "Choices" not in q.mention.text_of(SUBHEADING)
               and "Shop Owners" not in q.mention.text_of(SUBHEADING) for q in quotes)
    rules = _holding(SUBHEADING, quotes, "kept families in place")
    assert rules and rules[0].speaker_name == "Ida Brandt"


GLUED = """Coach Petra Lind on the new season

Petra Lind said the club had never been in better shape.

QWhat worries you most about the league this year?

A: We said in March that the travel would test us, and I think it will.

QAnd the young players?

A: I believe they are ready. I told them they would start in the autumn.
"""


def test_a_question_label_that_lost_its_colon_still_ends_the_answer_before_it():
    # 'QAnd the young players?' is a question; the answers around it are 'A:' turns
    quotes = detect_quotes(GLUED)
    answer = _holding(GLUED, quotes, "they would start in the autumn")
    assert answer and all(q.speaker_name == "Petra Lind" for q in answer)
    first = _holding(GLUED, quotes, "I think it will")
    assert first and first[0].mention.text_of(GLUED) == "A" and first[0].speaker_name == "Petra Lind"


def test_we_in_an_answer_is_the_group_spoken_for_not_the_person_interviewed():
    quotes = detect_quotes(GLUED)
    we = [q for q in quotes if q.mention is not None and q.mention.text_of(GLUED) == "We"]
    assert we and all(q.speaker_name != "Petra Lind" for q in we)


def test_a_participle_after_a_comma_belongs_to_the_subject_of_the_main_clause():
    # 'the firing of Dan Ortiz in Reno' and 'his dislike for Mayor Rita Cole' are objects of the
    # main clause, not its subject
    text = ("Board under fire\n\n"
            "Governor Lea Park spoke out on Monday about the firing of Dan Ortiz in Reno, Nevada, "
            "arguing that the board had acted in haste.\n\n"
            "Senator Ivo Grant was blunt about his dislike for Mayor Rita Cole, the city's "
            "longest-serving leader, saying the city needed new blood.\n")
    quotes = detect_quotes(text)
    arguing = _holding(text, quotes, "acted in haste")
    assert arguing and arguing[0].speaker_name == "Lea Park"
    saying = _holding(text, quotes, "needed new blood")
    assert saying and saying[0].speaker_name == "Ivo Grant"


def test_a_date_in_a_phrase_before_the_speaker_is_never_the_speaker():
    text = ("Council vote splits the ward\n\n"
            "Developer Carl Brandt called the plan “a gift to the city,” and he said it would create jobs.\n\n"
            "In a statement released Friday, Councillor Mia Holt (Ward 3) reacted to the vote, "
            "saying: “The people of this ward were never asked.”\n\n"
            "“We will fight this in every hearing,” she added.\n")
    quotes = detect_quotes(text)
    assert all(q.speaker_name != "Friday" for q in quotes)
    reacted = _holding(text, quotes, "were never asked")
    assert reacted and reacted[0].speaker_name == "Mia Holt"


def test_a_description_a_name_is_said_to_be_stands_for_that_name():
    text = ("Fraud case collapses\n\n"
            "The judge freed Omar Nash on Monday after a week of hearings. Nash said he had "
            "always trusted the court, and Nash thanked his family.\n\n"
            "Angela Ruiz is the state attorney who argued that the evidence was overwhelming.\n")
    quotes = detect_quotes(text)
    argued = _holding(text, quotes, "the evidence was overwhelming")
    assert argued and argued[0].speaker_name == "Angela Ruiz"


def test_a_pronoun_in_the_first_paragraph_before_anyone_is_named_is_the_person_quoted_most():
    text = ("Nurses' leader fears the cuts\n\n"
            "The head of the state nurses' union is uneasy about the budget, because she thinks "
            "the cuts will close rural clinics.\n\n"
            "Maria Whitfield said the union would campaign in every county. Whitfield said the "
            "clinics served 40,000 patients, and Mayor Paul Grant said he agreed.\n\n"
            "“We will not stand by,” Whitfield said.\n")
    quotes = detect_quotes(text)
    thinks = _holding(text, quotes, "will close rural clinics")
    assert thinks and thinks[0].speaker_name == "Maria Whitfield"


def test_all_after_a_list_of_names_is_everyone_in_the_list():
    text = ("Senators press the bank\n\n"
            "The bank faced a hearing on Tuesday. Sens. Ann Bly (D-Ore.), Tom Hale (D-Ohio) and "
            "Ray Oto (D-N.J.) all said the fines were too small.\n")
    quotes = detect_quotes(text)
    fines = _holding(text, quotes, "the fines were too small")
    assert fines and fines[0].speaker_name == "Ann Bly, Tom Hale and Ray Oto"


def test_he_after_a_sentence_whose_subject_is_a_role_is_the_person_with_that_role():
    # the senator spoke last and is named more often, but the sentence before is about
    # 'the president'
    text = ("Climate pact in doubt\n\n"
            "President Omar Vance signed the pact in March. Senator Lee Brock said he doubted it "
            "would last, and Brock said he would vote against it.\n\n"
            "In defeat, the president appeared shaken. Speaking to donors in May, he said the "
            "pact would survive.\n")
    quotes = detect_quotes(text)
    survive = _holding(text, quotes, "the pact would survive")
    assert survive and survive[0].speaker_name == "Omar Vance"


def test_a_document_owned_by_a_possessive_pronoun_is_issued_by_the_one_it_stands_for():
    text = ("Divorce file stays sealed\n\n"
            "Judge Carl Ames heard the motion on Monday. Vera Lund, who was married to the "
            "developer for ten years, said she had a right to privacy.\n\n"
            "Her submission to the court noted that she had never run for office.\n")
    quotes = detect_quotes(text)
    noted = _holding(text, quotes, "never run for office")
    assert noted and noted[0].speaker_name == "Vera Lund"


def test_a_surname_ending_in_ly_is_a_person_when_the_article_names_them_in_full():
    # 'Kelly' ends like 'Recently', which names nobody; here it is the host named in full
    text = ("Anchor presses the candidate\n\n"
            "Fox News host Megyn Kelly interviewed Senator Ann Bly on Tuesday. Bly said the plan "
            "was sound.\n\n"
            "Kelly said the numbers did not add up.\n\n"
            "Separately, aides said the senator would not return.\n")
    quotes = detect_quotes(text)
    numbers = _holding(text, quotes, "did not add up")
    assert numbers and numbers[0].speaker_name == "Megyn Kelly"


def test_a_date_opening_the_sentence_is_never_the_speaker():
    # 'On Thursday' was read as a person's name
    text = ("Governor backs the levy\n\n"
            "The council met on Monday to debate the levy.\n\n"
            "On Thursday, Governor Ruth Ames went on the radio and praised the council, saying "
            "the levy would pay for new schools.\n")
    quotes = detect_quotes(text)
    assert all(q.speaker_name != "On Thursday" for q in quotes)
    saying = _holding(text, quotes, "pay for new schools")
    assert saying and saying[0].speaker_name == "Ruth Ames"


ROUNDUP = """Stocks rise as trade talks resume

THE DAY IN ASIA: Tokyo's main index gained 1.1 per cent and Hong Kong climbed too.

RATES TALK: The central bank signalled it is in no hurry to raise interest rates again.

ANALYST'S VIEWPOINT: "Today what matters most is the second day of the trade talks," said Nora Vance of Harbour Bank.
"""


def test_section_heads_in_capitals_each_written_once_are_no_transcript():
    quotes = detect_quotes(ROUNDUP)
    view = _holding(ROUNDUP, quotes, "what matters most")
    assert view and view[0].speaker_name == "Nora Vance"
    assert view[0].spans[0].text_of(ROUNDUP).startswith('"Today')   # the head is no part of it
    assert all(q.mention is None or not q.mention.text_of(ROUNDUP).isupper() for q in quotes)


SURNAME_LABELS = """Campaign adviser on the debate dispute

KATE ROSS: Why not debate?

JOEL BENSON: This is a man who said he would never run a negative ad, ever.

ROSS: Will there be another debate in April?

BENSON: The senator doesn't get to decide when we debate, and he knows it.
"""


def test_a_speaker_labelled_again_by_surname_makes_a_transcript():
    quotes = detect_quotes(SURNAME_LABELS)
    first = _holding(SURNAME_LABELS, quotes, "never run a negative ad")
    assert first and first[0].speaker_name.lower() == "joel benson"


LESSON = """A lesson from Mara Quint: 'Be the voice that people hear.'

Attorney General Mara Quint spoke to the graduating class on Monday.
"""

def test_a_headline_label_from_someone_is_theirs_not_the_labels_words():
    quotes = _holding(LESSON, detect_quotes(LESSON), "Be the voice")
    assert quotes and quotes[0].mention.text_of(LESSON) == "Mara Quint"
    assert quotes[0].speaker_name == "Mara Quint"
