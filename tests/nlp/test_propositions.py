"""nlp/propositions.py: which sentences can stand alone as a codebook label."""
from __future__ import annotations

import pytest

from graphbuild.nlp.propositions import proposition_problem, proposition_text


@pytest.mark.parametrize("text", [
    "Congress should expand background checks on all gun sales.",
    "Tariffs are paid by American consumers and businesses.",
    "The nuclear deal prevents Iran from building a bomb.",
    "Climate change is mainly caused by burning fossil fuels.",
    "We need stricter gun laws to reduce gun violence.",
    "States must not ban abortion after six weeks.",
    # what the junk rules must let through: a plural by its "of", a verb with one subject and a relative
    # clause, a participle with its object
    "58 percent of voters support the ban on assault weapons.",
    "Anything that could dismantle the Russian state would help the exiles.",
    "The new rule bans companies from selling flavored cigarettes.",
])
def test_self_contained_claims_pass(nlp_base, text):
    assert proposition_problem(nlp_base(text)[:]) is None


@pytest.mark.parametrize("text, problem", [
    # the drafted labels: a fragment, scraped furniture, subscription text
    ("to had attempted to obstruct justice by thwarting the special counsel inquiry", "starts mid-sentence"),
    ("Schiff should be a witness in Trump impeachment trial MORE (R-Ky.", "unbalanced"),
    ("By signing up, you agree to our Privacy Policy and Terms of Use.", "addresses the reader"),
    ("Sign up for our newsletter to get the latest news every morning.", "scraped"),
    ("Remember to vote for the bill in the primary election next month.", "imperative"),
    ("Photo by Jane Roe for the Associated Press in Washington", "scraped"),
    ("Tehran-backed militias in Iraq and the wider region last year", "no main verb"),
    ("It would be a disaster for working families across the country.", "refers to an earlier sentence"),
    ("Their plan would raise taxes on working families.", "refers to an earlier sentence"),
    ("The senator said that the bill would raise taxes on families.", "reports speech"),
    ("which would raise taxes on every working family in America", "starts mid-sentence"),
    ("The bill would raise taxes on working families and", "ends mid-phrase"),
    ("Should the bill raise taxes on every working family in America?", "not a statement"),
    ("Raising taxes on families.", "too short"),
    ("Breaking Up Russia Is a Dangerous Fantasy", "headline"),
    ("McConnellGOP senators balk at a lengthy trial while Graham: the trial must continue now", "scraped"),
    ("Image copyright Reuters Image caption Manafort was found guilty on eight charges of fraud", "scraped"),
    ("There was any threat to Russian citizens in Crimea last year", "negated"),
    ("Did the president obstruct justice in the special counsel inquiry", "a question"),
    ("Boehner should float that idea to Obama the next time he", "ends mid-phrase"),
    ('""The threat to the country is aimed at Europe.', "punctuation"),
    # the junk of the first drafts (docs/suggest.md): a fragment run into a clause, the subjunctive of
    # a reported demand, a clause cut after a participle
    ("The ad after the Trump campaign sent a cease-and-desist letter demanding the campaign stop running it",
     "fragment run into a clause"),
    ("Trump's budget for the non-defense discretionary cuts the administration has proposed",
     "fragment run into a clause"),
    ("Comey testify and turn over private memos documenting his conversations with Trump", "not a finite clause"),
    ("A better approach would have been to pair the corporate tax cut with a provision allowing", "ends mid-phrase"),
])
def test_fragments_and_furniture_fail(nlp_base, text, problem):
    found = proposition_problem(nlp_base(text)[:])
    assert found is not None and problem in found, found


def test_a_leading_conjunction_is_dropped_from_the_label(nlp_base):
    span = nlp_base("But the deal will not stop Iran from building a bomb.")[:]
    assert proposition_problem(span) is None
    assert proposition_text(span) == "The deal will not stop Iran from building a bomb."


def test_the_subject_must_be_inside_the_span(nlp_base):
    doc = nlp_base("Senator Ann Lee introduced a bill to repeal the tax on Monday.")
    assert proposition_problem(doc[:]) is None
    assert "subject" in proposition_problem(doc[3:])  # "introduced a bill …": the speaker is not in the claim
