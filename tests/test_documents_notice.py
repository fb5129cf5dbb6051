"""Site notices (crawl descriptions, prompts, error pages) are rejected with a reason; articles are not.

Every page here is invented: the patterns must catch the kind of furniture, not one dataset's strings.
"""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsweave.api import Newsweave
from newsweave.config import Options
from newsweave.documents import check_article, clean, prepare, to_article
from newsweave.documents.notice import site_notice
from newsweave.errors import InputError
from newsweave.evaluation.quotes import raw_article
from newsweave.model import RawDocument
from newsweave.store import open_store

CRAWL_NOTICE = ("This crawl was started in May 2021 from a seed list of regional news sites. The captures of this "
                "collection are stored in WARC files and added to the Wayback Machine after a short delay. "
                "These files are not publicly accessible for now.")
LOCATION_PROMPT = ("Post with a location. You can add location information to your posts, such as your town, from the "
                   "web and from other apps. You always have the option to delete your location history. Learn more")
COOKIE_NOTICE = ("Please enable JavaScript in your browser settings to use this site. We use cookies to measure "
                 "traffic and show ads. By continuing you agree to our cookie policy, which you can read at any time.")
ERROR_PAGE = ("Sorry, the page you asked for was not found (error 404). This content is no longer available. "
              "Please try again later or go back to the home page of the site.")
SIGN_IN = ("Welcome back! Please sign in to your account to continue reading. Already have an account? We have sent "
           "a verification email to the address you gave; click the link in it to activate your profile.")
CONSENT_BANNER = ("Please turn on cookies in your browser to go on. Under new privacy rules we must tell you how this "
                  "site works before you read on. By clicking \"accept\" you consent to the use of your data by us "
                  "and our partners. See our privacy policy to learn about your rights. You also agree to our terms "
                  "of use.")
COLLECTION_DESCRIPTION = ("This collection holds pages gathered by a university library's web archiving team between "
                          "2015 and 2019. It covers publicly accessible websites of city councils and their social "
                          "media accounts. The web archive is updated twice a year.")

ARTICLE = ("The harbour authority of Port Elling said on Tuesday that it would close the old grain pier for two "
           "years while engineers rebuild its foundations, which divers found badly eroded after the winter storms. "
           "Ships carrying grain will use the eastern terminal instead, the authority's director, Mara Voss, told "
           "reporters. Local traders fear delays during the harvest season, when the port handles most of its "
           "cargo. The rebuilding is expected to cost about 40 million euros, paid in part by a regional fund.")

# A story *about* web archiving: the topic words are there, but the sentences report news.
ARTICLE_ABOUT_ARCHIVES = (
    "Librarians in Tallinn on Monday opened a national web archive that has preserved news sites since 2009, the "
    "culture ministry said. The project, led by archivist Liis Kask, employs twelve people and cost 3 million euros "
    "over ten years. Researchers will be able to read old pages in the reading room of the national library, where "
    "the first visitors queued before dawn. Critics in parliament said the money would have been better spent on "
    "school libraries, but the minister defended the plan as a record of the country's public life.")


@pytest.mark.parametrize("text, kind", [
    (CRAWL_NOTICE, "web-archive crawl notice"),
    (LOCATION_PROMPT, "location prompt"),
    (COOKIE_NOTICE, "cookie or JavaScript notice"),
    (ERROR_PAGE, "error page"),
    (SIGN_IN, "sign-in prompt"),
    (CONSENT_BANNER, "cookie or JavaScript notice"),
    (COLLECTION_DESCRIPTION, "web-archive crawl notice"),
])
def test_a_page_of_site_furniture_is_a_notice_of_its_kind(text, kind):
    assert site_notice(text) == kind


def test_a_news_article_is_not_a_notice():
    assert site_notice(ARTICLE) is None


def test_an_article_about_web_archives_is_not_a_notice():
    assert site_notice(ARTICLE_ABOUT_ARCHIVES) is None


def test_an_article_that_starts_with_a_newsletter_prompt_is_kept():
    # Scraped pages often glue a prompt onto the story with no full stop: the prompt is a small share.
    text = "Breaking news emails get alerts delivered to your inbox every morning " + ARTICLE[0].lower() + ARTICLE[1:]
    assert site_notice(text) is None


def test_empty_text_is_not_a_notice():
    assert site_notice("") is None


def test_prepare_rejects_a_notice_page_saying_so(nlp):
    raw = RawDocument(id="n1", origin="crawl.txt", kind="text", content=CRAWL_NOTICE + " " + LOCATION_PROMPT)
    with pytest.raises(InputError) as caught:
        prepare(raw, nlp, Options())
    assert caught.value.reason.startswith("not an article: site notice (")


def test_prepare_keeps_an_invented_article(nlp):
    raw = RawDocument(id="a1", origin="harbour.txt", kind="text", content=ARTICLE)
    assert prepare(raw, nlp, Options()).sentences


def test_ingest_records_a_notice_with_the_same_reason_as_prepare(tmp_path):
    notice = RawDocument(id="n1", origin="crawl.txt", kind="text", content=CRAWL_NOTICE + " " + ERROR_PAGE)
    article = RawDocument(id="a1", origin="harbour.txt", kind="text", content=ARTICLE)
    with open_store(str(tmp_path / "s.sqlite")) as store:
        summary = Newsweave().ingest([notice, article], store=store)
        reasons = [r.reason for r in store.rejections()]
    assert summary.stored == 1 and summary.rejected == 1
    assert reasons == ["not an article: site notice (web-archive crawl notice)"]


def test_ingest_and_prepare_reject_a_short_text_with_one_reason(tmp_path, nlp):
    raw = RawDocument(id="s1", origin="short.txt", kind="text", content="The pier is closed today.")
    with pytest.raises(InputError) as caught:
        prepare(raw, nlp, Options())
    with open_store(str(tmp_path / "s.sqlite")) as store:
        Newsweave().ingest([raw], store=store)
        assert [r.reason for r in store.rejections()] == [caught.value.reason]


def test_no_duc_2006_article_is_rejected_as_a_notice():
    from conftest import DATA

    docs = DATA / "duc2006" / "duc2006_docs"
    if not docs.is_dir():
        pytest.fail(f"the shared DUC 2006 data is missing: expected it at {docs}")
    paths = sorted(p for p in docs.glob("*/*") if p.is_file())
    assert len(paths) > 1000
    notices = []
    for path in paths:
        article = to_article(raw_article(docs, f"{path.parent.name}/{path.name}"), Options())
        kept = " ".join(article.text[start:end] for start, end in clean(article.text)[0])
        if site_notice(kept):
            notices.append(path.name)
    assert notices == []


def test_check_article_accepts_an_article_with_its_cleaned_regions():
    article = to_article(RawDocument(id="a1", origin="harbour.txt", kind="text", content=ARTICLE), Options())
    check_article(article, clean(article.text)[0], Options())


@given(st.text(max_size=400))
def test_any_text_gets_a_kind_or_none_without_crashing(text):
    # Protects the sentence and piece splitting (an empty piece once divided by zero).
    assert site_notice(text) in (None, "web-archive crawl notice", "sign-in prompt", "newsletter prompt",
                                 "location prompt", "cookie or JavaScript notice", "comment prompt", "error page",
                                 "reprint notice")


def test_an_article_about_a_privacy_policy_is_not_a_notice():
    text = ("Regulators in Dublin fined a social network 40 million euros on Thursday over its privacy policy, which "
            "they said hid how users' data was shared with advertisers. The company said it would appeal. Consumer "
            "groups welcomed the fine but said users still had to accept the terms of use to keep their accounts. "
            "The regulator's chair, Aoife Brennan, said the case would set a standard for other firms in the bloc.")
    assert site_notice(text) is None
