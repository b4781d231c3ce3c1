"""Second pass of issue 12: who a pronoun, a role in the lead or a bare surname names, on short
made-up articles (the mechanisms, not corpus articles)."""

from workbench.domain.detection import detect_quotes


def names(text: str) -> list[str | None]:
    return [q.speaker_name for q in detect_quotes(text)]


def test_a_pronoun_after_a_sentence_whose_subject_is_a_bare_surname():
    # 'Scott bristles …' is Bobby Scott: the quote after it is his, not that of the
    # political scientist who spoke the quote before
    text = ("Virginian could make history.\n\n"
            "Bobby Scott has served in Congress for decades.\n\n"
            "\"He has not shown ambition,\" said Quentin Kidd, a political scientist.\n\n"
            "Scott bristles at the suggestion he will not be ready. \"I have raised all I needed,\" "
            "he said.\n")
    assert names(text) == ["Quentin Kidd", "Bobby Scott"]


def test_the_subject_is_the_name_after_the_words_that_modify_it():
    # 'Clinton communication director Jennifer Palmieri said …': Palmieri is the subject
    text = ("Candidates vie for votes.\n\n"
            "Hillary Clinton spoke in Ohio on Monday.\n\n"
            "Clinton communication director Jennifer Palmieri said Trump was reduced to taunts. "
            "\"This man is running to be president,\" she said.\n")
    assert names(text)[-1] == "Jennifer Palmieri"


def test_a_long_headline_run_is_split_at_first_names():
    # 'Chris Christie Calls Hillary Clinton' is two people, so 'Clinton' is Hillary Clinton
    text = ("Chris Christie Calls Hillary Clinton A Disgrace Over Police Remarks\n\n"
            "On Tuesday, Clinton criticized the police officer Betty Shelby. "
            "\"This is unbearable,\" she said.\n")
    assert names(text)[-1] == "Hillary Clinton"


def test_a_role_in_the_headline_is_the_person_the_article_quotes_most():
    text = ("Former party chairman calls for a new candidate\n\n"
            "A former party chairman said on Monday that the party should be ready to replace "
            "its nominee.\n\n"
            "\"It is time for leaders to come to the aid of their party,\" said Don Fowler, who led "
            "the party in the 1990s.\n\n"
            "\"Nobody wants this,\" Fowler said.\n")
    quotes = detect_quotes(text)
    assert [q.speaker_name for q in quotes] == ["Don Fowler"] * len(quotes)
    assert quotes[0].name_confidence < 0.7       # a guess, and it says so


def test_a_role_in_the_body_stays_as_written():
    text = ("Council votes on the budget\n\n"
            "Mayor Linda Hart said on Monday that the vote would pass.\n\n"
            "\"We have the numbers,\" Hart said.\n\n"
            "\"It will be close,\" Hart added.\n\n"
            "A council clerk said the meeting would run late.\n")
    assert names(text)[-1] == "A council clerk"


def test_a_description_is_the_person_named_with_fuller_role_words():
    # 'the Democratic nominee' is 'Democratic presidential nominee Hillary Clinton', though
    # Trump is named more often
    text = ("Debate looms\n\n"
            "Donald Trump spoke in Ohio. Trump said the debate was rigged. Trump left early.\n\n"
            "Democratic presidential nominee Hillary Clinton was in Iowa on Monday.\n\n"
            "Trump mocked her schedule.\n\n"
            "The Democratic nominee said she was ready.\n")
    assert names(text)[-1] == "Hillary Clinton"


def test_a_description_is_not_someone_the_article_gives_another_role():
    # 'the GOP presidential nominee' cannot be the judge, however often he is named
    text = ("Judge rejects request\n\n"
            "Judge Frank Nervo ruled on Thursday. Nervo said the file would stay sealed. "
            "Nervo cited privacy. Nervo closed the hearing.\n\n"
            "Lawyers for Donald Trump filed papers on Friday.\n\n"
            "The GOP presidential nominee argued that the file should stay closed.\n")
    assert names(text)[-1] == "Donald Trump"


def test_an_opening_adverb_is_not_the_speaker_the_subject_after_it_is():
    text = ("Coalition weighs in\n\n"
            "The Baltic Heritage Coalition said on Monday that it would stay neutral.\n\n"
            "Recently, however, it issued a paper welcoming the plans and calling for bases.\n")
    assert names(text)[-1] == "Baltic Heritage Coalition"


def test_a_weekday_after_the_cue_is_not_the_speaker():
    text = ("Veto expected\n\n"
            "“Our assumption is that the veto will be overridden,” Senate Majority Leader "
            "Mitch McConnell, R-Ky., said Tuesday.\n")
    assert names(text) == ["Mitch McConnell"]


def test_a_surname_with_the_other_apostrophe_is_the_same_person():
    text = ("Blast inquiry\n\n"
            "Police Commissioner James O’Neill spoke on Sunday.\n\n"
            "“Nothing has been determined,” said O'Neill.\n")
    assert names(text) == ["James O’Neill"]


def test_al_is_a_first_name_not_a_particle():
    text = ("Rally in Harlem\n\n"
            "By 9 a.m. Sunday, the Rev. Al Sharpton began his broadcast.\n\n"
            "“This is a shot in the arm,” Mr. Sharpton said.\n")
    assert names(text) == ["Al Sharpton"]


def test_a_persons_team_is_that_persons_campaign():
    text = ("Party rules\n\n"
            "Clinton’s team said on Monday that the rules were clear.\n")
    assert names(text) == ["Clinton campaign"]


def test_an_opening_phrase_is_not_the_speaker():
    text = ("Allies worry\n\n"
            "The alliance has been a bipartisan cause since 1949.  After the Cold War, Republicans "
            "were in the lead in advocating NATO enlargement as shown by Speaker of the House "
            "Newt Gingrich’s inclusion of it in the Contract with America.\n")
    assert names(text) == ["Republicans"]


def test_a_party_adjective_is_not_the_speaker_the_sentence_subject_is():
    text = ("Fact checks\n\n"
            "The site TruthMeter publishes ratings every week.\n\n"
            "Conversely, TruthMeter rated 22% of Democratic claims as false.\n")
    quotes = detect_quotes(text)
    assert quotes and all(q.speaker_name != "Democratic" for q in quotes)
    assert quotes[-1].speaker_name == "TruthMeter"


def test_a_headline_is_not_the_organisation_a_description_means():
    text = ("Popular Website Shows Bias When It Comes To Fact Checks\n\n"
            "A study found the site rated claims unevenly.\n\n"
            "The website said its ratings were fair.\n")
    assert "Website Shows" not in (names(text)[-1] or "")


def test_a_role_in_a_headline_is_not_an_organisation():
    text = ("Former White House Doctor: Clinton Hid Her Illness\n\n"
            "Connie Mariano wrote in her book that the illness was hidden.\n\n"
            "“Few people knew,” Mariano wrote.\n")
    assert names(text)[0] == "Connie Mariano"


TRANSCRIPT = ("Pence on the debate\n\n"
              "Gov. Mike Pence spoke on Sunday.\n\n"
              "\"WALLACE: Will she be there tomorrow night? We have limited time, sir.\n\n"
              "\"PENCE: Well, look, this is America, Chris. It is a free country, and voters, "
              "frankly, want to hear about jobs, taxes, the border, and security.\n\n"
              "\"WALLACE: Do you really see those two as equivalent, Governor?\n")


def test_a_long_transcript_answer_is_the_labels_turn():
    assert names(TRANSCRIPT)[-2] == "Mike Pence"


def test_a_transcript_label_takes_the_first_name_the_other_speaker_calls_him():
    assert names(TRANSCRIPT)[-1] == "Chris Wallace"


def test_a_gendered_role_before_a_name_gives_the_pronoun_its_gender():
    # 'Terry' is most often a man's name; 'widow' says otherwise
    text = ("Families object\n\n"
            "“The rationales do not hold,” said 9/11 widow Terry Strada.\n\n"
            "She continued, “All we are asking for is an opportunity to be heard.”\n")
    assert names(text) == ["Terry Strada", "Terry Strada"]


def test_a_family_name_written_first_is_the_surname():
    text = ("U.N. record\n\n"
            "Secretary General Ban Ki-moon spoke in New York on Monday.\n\n"
            "“We failed,” Mr. Ban said.\n")
    assert names(text) == ["Ban Ki-moon"]


def test_a_bare_surname_is_the_namesake_named_in_full_first():
    # Ivanka Trump is named more often, but Donald Trump was named first: 'Trump' is him
    text = ("Mixed messages on leave plan\n\n"
            "Donald Trump unveiled a plan on Tuesday.\n\n"
            "Ivanka Trump said the plan helps mothers. Ivanka Trump spoke in Ohio. "
            "Aides to Ivanka Trump declined to comment.\n\n"
            "The campaign posted an outline on its website. It says single parents and families "
            "would qualify for the tax breaks under the broader child-care plan, and that the "
            "average weekly benefit would be $300, paid through the unemployment insurance "
            "program, which now pays only people who have been laid off.\n\n"
            "Trump says he would pay for it by cutting fraud.\n")
    assert names(text)[-1] == "Donald Trump"


def test_a_bare_surname_right_after_a_namesake_named_in_full_is_that_namesake():
    text = ("Family business\n\n"
            "Donald Trump unveiled a plan on Tuesday.\n\n"
            "Ivanka Trump spoke in Ohio on Wednesday. Trump said the plan helps mothers.\n")
    assert names(text)[-1] == "Ivanka Trump"


def test_a_headline_role_is_not_the_person_the_headline_names():
    text = ("Clinton Hid Health Problems, Former White House Doctor Says\n\n"
            "Hillary Clinton did not disclose a clot, a former White House doctor writes.\n\n"
            "“Few knew,” Connie Mariano wrote. “She was on medication,” Mariano wrote.\n\n"
            "“The staff kept it quiet,” Mariano wrote.\n\n"
            "Clinton said in 2003 that she was fine. Clinton added that she had rested.\n")
    assert names(text)[0] == "Connie Mariano"


def test_a_possessive_role_is_the_person_named_with_that_role():
    text = ("Aide held in contempt\n\n"
            "An attorney for Pagliano, Mark MacDougall, said his client had been cooperative.\n\n"
            "Pagliano's lawyer said the panel wanted a show six weeks before the election.\n")
    assert names(text)[-1] == "Mark MacDougall"


def test_a_name_with_initials_is_read_past_them():
    text = ("Lawmakers react\n\n"
            "“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus.\n")
    assert names(text) == ["G.K. Butterfield"]


def test_these_with_a_plural_noun_is_the_group_named_before():
    text = ("Black voters and the election\n\n"
            "Younger black voters said they were not excited by either candidate.\n\n"
            "These voters said the election felt distant.\n")
    assert names(text)[-1] == "Younger black voters"
