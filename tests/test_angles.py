"""Each outlet's angle: the claims, quotes and entities it alone brings."""

from __future__ import annotations

from newsweave.briefs.angles import outlet_angles
from newsweave.config import Options
from newsweave.documents import prepare
from newsweave.model import Claim, Entity, OutletCount, Quote, QuoteMention, RawDocument, SourceRef


def _doc(nlp, id: str, outlet: str):
    text = f"Article {id} reports on the river bridge opening in Lindqvist on Saturday morning.\n"
    return prepare(RawDocument(id=id, origin=id, kind="text", content=text, outlet=outlet), nlp,
                   Options(min_article_words=0))


def _ref(article: str, outlet: str) -> SourceRef:
    return SourceRef(article, outlet, 0, 10)


def _claim(id: str, *outlets: str) -> Claim:
    return Claim(id=id, text=id, refs=tuple(_ref(o.lower(), o) for o in outlets), outlets=outlets,
                 independent_outlets=len(outlets))


def _quote(text: str, *outlets: str) -> Quote:
    mentions = tuple(QuoteMention(o.lower(), o, 0, 5, text, "Ada Lind", "Lind") for o in outlets)
    return Quote(text=text, speaker="Ada Lind", mentions=mentions)


def _entity(name: str, *outlets: str) -> Entity:
    return Entity(name=name, kind="person", roles=(), aliases=(name,),
                  mentions=tuple(OutletCount(o, 1) for o in outlets), refs=tuple(_ref(o.lower(), o) for o in outlets))


def test_each_outlet_gets_what_it_alone_reports(nlp):
    documents = [_doc(nlp, "h", "Herald"), _doc(nlp, "g", "Gazette"), _doc(nlp, "g2", "Gazette")]
    angles = outlet_angles(documents,
                           (_claim("c1", "Herald", "Gazette"), _claim("c2", "Herald"), _claim("c3", "Gazette")),
                           (_quote("a fine bridge", "Herald", "Gazette"), _quote("too costly", "Gazette")),
                           (_entity("Ada Lind", "Herald", "Gazette"), _entity("Oskar Berg", "Herald")))
    herald, gazette = angles
    assert (herald.outlet, herald.articles, herald.claims, herald.quotes, herald.entities) == (
        "Herald", ("h",), ("c2",), (), ("Oskar Berg",))
    assert (gazette.outlet, gazette.articles, gazette.claims, gazette.quotes, gazette.entities) == (
        "Gazette", ("g", "g2"), ("c3",), ("too costly",), ())


def test_an_outlet_that_adds_nothing_still_has_its_angle_listed(nlp):
    angles = outlet_angles([_doc(nlp, "h", "Herald"), _doc(nlp, "g", "Gazette")],
                           (_claim("c1", "Herald", "Gazette"),), (), ())
    assert [(a.outlet, a.claims) for a in angles] == [("Herald", ()), ("Gazette", ())]


def test_no_documents_have_no_angles():
    assert outlet_angles([], (), (), ()) == ()
