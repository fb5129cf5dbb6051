"""Newswire SGML (DUC/TREC <DOC> files): ids, metadata and the exact text rule of ``sgml_text``."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from conftest import DATA
from newsweave.config import Options
from newsweave.documents.extract import sgml_text
from newsweave.model import RawDocument, Rejection
from newsweave.sources import outlet_of, read_inputs

DUC2006 = DATA / "duc2006" / "duc2006_docs"
DUC2007 = DATA / "duc2007" / "duc2007_testdocs" / "main"

# Invented newswire: two DOCs in one file, entities, typesetting codes, an editors' note, a dateline
# outside any <P>, and wrapped lines with tabs.
TWO_DOCS = """<DOC>
<DOCNO> APW20230618.0001 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 2023-06-18 09:15:00 </DATE_TIME>
<BODY>
<HEADLINE>
  Ministers   Meet
  in Harbour Town
</HEADLINE>
<TEXT>
HARBOUR TOWN (AP) -- A dateline line outside any paragraph.
<P>
\tThe ministers of Avalon &AMP; Lyonesse met on Sunday, the
first such meeting in a decade.
</P>
<P>
 &HT;   ``We talked for hours,'' said one minister &QL;
</P>
<ANNOTATION>
   (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)
</ANNOTATION>
<P>
   &QL;
</P>
<P>
Talks resume &lt;next&gt; week.
</P>
</TEXT>
</BODY>
</DOC>
<DOC>
<DOCNO> LTW20230619.0002 </DOCNO>
<DATE_TIME> 2023-06-19 10:00 </DATE_TIME>
<HEADLINE> Second Story </HEADLINE>
<TEXT>
A text with no paragraph tags
spread over two lines.
</TEXT>
</DOC>
"""


@pytest.fixture()
def two_docs(tmp_path):
    path = tmp_path / "wire.sgml"
    path.write_text(TWO_DOCS, encoding="utf-8")
    return path


def test_a_file_with_two_docs_yields_two_articles_named_by_docno(two_docs):
    items = list(read_inputs([str(two_docs)], Options()))
    assert [item.id for item in items] == ["APW20230618.0001", "LTW20230619.0002"]
    assert all(isinstance(item, RawDocument) and item.kind == "sgml" for item in items)


def test_each_raw_document_holds_exactly_one_doc(two_docs):
    first, second = read_inputs([str(two_docs)], Options())
    assert first.content.count("<DOC>") == 1 and "APW20230618.0001" in first.content
    assert second.content.count("<DOC>") == 1 and "LTW20230619.0002" in second.content


def test_headline_date_and_outlet_come_from_the_doc(two_docs):
    first, second = read_inputs([str(two_docs)], Options())
    assert first.title == "Ministers Meet in Harbour Town"
    assert first.published == datetime(2023, 6, 18, 9, 15)
    assert first.outlet == "Associated Press"
    assert second.outlet == "Los Angeles Times-Washington Post"
    assert second.published == datetime(2023, 6, 19, 10, 0)


def test_sgml_text_splits_at_p_tags_folds_whitespace_and_unescapes_entities():
    doc = TWO_DOCS.split("</DOC>")[0]
    assert sgml_text(doc) == (
        "HARBOUR TOWN (AP) -- A dateline line outside any paragraph.\n\n"
        "The ministers of Avalon & Lyonesse met on Sunday, the first such meeting in a decade.\n\n"
        "``We talked for hours,'' said one minister\n\n"
        "Talks resume <next> week.")


def test_sgml_text_without_p_tags_is_one_paragraph():
    doc = TWO_DOCS.split("</DOC>")[1]
    assert sgml_text(doc) == "A text with no paragraph tags spread over two lines."


def test_sgml_text_of_empty_input_is_empty():
    assert sgml_text("") == ""
    assert sgml_text("<DOC><DOCNO> X1 </DOCNO><TEXT>\n</TEXT></DOC>") == ""


@pytest.mark.parametrize("docno, outlet", [
    ("APW19990707.0181", "Associated Press"),
    ("NYT19990415.0508", "New York Times"),
    ("XIE19980304.0061", "Xinhua"),
    ("LTW20050101.0001", "Los Angeles Times-Washington Post"),
    ("ZZZ20000101.0001", "ZZZ"),  # unknown prefixes are kept, not guessed
])
def test_outlet_is_named_from_the_docno_prefix(docno, outlet):
    assert outlet_of(docno) == outlet


def test_a_doc_without_docno_is_rejected_and_the_next_still_read(tmp_path):
    path = tmp_path / "broken.sgml"
    path.write_text(TWO_DOCS.replace("<DOCNO> APW20230618.0001 </DOCNO>", ""), encoding="utf-8")
    items = list(read_inputs([str(path)], Options()))
    assert isinstance(items[0], Rejection) and "DOCNO" in items[0].reason
    assert items[1].id == "LTW20230619.0002"


def _duc_files(root, clusters=3):
    if not root.is_dir():
        pytest.fail(f"shared DUC data missing at {root}")
    return [f for cluster in sorted(root.iterdir())[:clusters] for f in sorted(cluster.iterdir())]


def test_a_duc_2006_cluster_directory_reads_25_articles_with_metadata():
    cluster = sorted(DUC2006.iterdir())[0]
    items = list(read_inputs([str(cluster)], Options()))
    assert len(items) == 25
    assert all(isinstance(item, RawDocument) for item in items)
    assert {item.id for item in items} == {path.name for path in cluster.iterdir()}
    assert all(item.published is not None and item.outlet in {"Associated Press", "New York Times", "Xinhua"}
               for item in items)


@pytest.mark.parametrize("root", [DUC2006, DUC2007])
def test_duc_texts_have_one_paragraph_per_non_empty_p_and_no_markup(root):
    for path in _duc_files(root):
        raw = path.read_text(encoding="latin-1")
        text = sgml_text(raw)
        assert text, path
        assert not re.search(r"<[A-Z/]+>|&[A-Za-z]+;", text), path
        assert "  " not in text and "\t" not in text
        paragraphs = text.split("\n\n")
        assert all(p == p.strip() and "\n" not in p for p in paragraphs)
        body = raw.split("<TEXT>")[1].split("</TEXT>")[0]
        if "<P>" in body:
            # At least the non-empty <P> elements (the dateline outside <P> adds one more).
            assert len(paragraphs) >= len([p for p in re.findall(r"<P>(.*?)</P>", body, re.S)
                                           if re.sub(r"&\w+;|\s", "", p)])
