"""Language detection from function-word shares (stoplists shipped with justext) and scripts."""

from __future__ import annotations

import pytest

from conftest import DATA
from newsweave.documents.extract import sgml_text
from newsweave.documents.language import detect_language

# Invented sentences, one per language, about the same made-up event.
FOREIGN = {
    "fr": "Le maire de Port Avalon a inauguré dimanche la nouvelle bibliothèque, qui compte quarante mille "
          "livres et sera ouverte tous les jours de la semaine.",
    "de": "Der Bürgermeister von Port Avalon hat am Sonntag die neue Bibliothek eröffnet, die vierzigtausend "
          "Bücher hat und an allen Tagen der Woche geöffnet ist.",
    "es": "El alcalde de Port Avalon inauguró el domingo la nueva biblioteca, que tiene cuarenta mil libros y "
          "estará abierta todos los días de la semana.",
    "it": "Il sindaco di Port Avalon ha inaugurato domenica la nuova biblioteca, che ha quarantamila libri e "
          "sarà aperta tutti i giorni della settimana.",
    "pt": "O prefeito de Port Avalon inaugurou no domingo a nova biblioteca, que tem quarenta mil livros e "
          "estará aberta todos os dias da semana.",
    "nl": "De burgemeester van Port Avalon heeft zondag de nieuwe bibliotheek geopend, die veertigduizend "
          "boeken heeft en elke dag van de week open is.",
}


def test_empty_text_counts_as_english_for_want_of_evidence():
    assert detect_language("").code == "en"


def test_an_english_paragraph_is_english():
    text = ("The mayor of Port Avalon opened the new library on Sunday. It has forty thousand books and will "
            "be open on every day of the week, the council said.")
    assert detect_language(text).code == "en"


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_paragraph_in_another_latin_script_language_is_named(code):
    assert detect_language(FOREIGN[code]).code == code


@pytest.mark.parametrize("text, script", [
    ("Мэр города открыл в воскресенье новую библиотеку на сорок тысяч книг.", "cyrillic"),
    ("市长周日为拥有四万册藏书的新图书馆揭幕。", "cjk"),
])
def test_text_in_another_script_is_named_by_its_script(text, script):
    assert detect_language(text).code == script


def test_the_seeds_are_english(seeds_dir):
    for path in seeds_dir.iterdir():
        assert detect_language(path.read_text(encoding="utf-8")).code == "en", path


def test_duc_newswire_is_english_even_when_full_of_names():
    # Covers three clusters of DUC 2006 (the full 2,125 DUC 2006/2007 articles were checked when
    # calibrating OTHER_LANGUAGE_RATIO; see language.py).
    root = DATA / "duc2006" / "duc2006_docs"
    files = [f for cluster in sorted(root.iterdir())[:3] for f in sorted(cluster.iterdir())]
    assert files
    for path in files:
        assert detect_language(sgml_text(path.read_text(encoding="latin-1"))).code == "en", path


def test_english_full_of_lower_case_names_is_not_taken_for_finnish():
    # justext's Finnish list holds English names; an obituary-style text must stay English.
    text = ("biography thomas leo kelly, 84, of northfield, died peacefully on wednesday. he is survived by his "
            "children michael, patrick, margaret and joseph, and by brian, colin, jean, lucas, paul and richard.")
    assert detect_language(text).code == "en"


def test_a_few_stray_foreign_words_do_not_make_a_text_foreign():
    assert detect_language("Somehow raising my two children while balancing my third child, the author of "
                           "the nyt bestseller said your value is yours.").code == "en"
