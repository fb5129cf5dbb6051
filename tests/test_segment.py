from newsweave.documents import prepare
from newsweave.config import Options
from newsweave.model import RawDocument


def test_every_sentence_offset_slices_the_text_as_read(nlp, seeds_dir):
    for path in sorted(seeds_dir.iterdir()):
        raw = RawDocument(id=path.name, origin=str(path), kind="text", content=path.read_text())
        document = prepare(raw, nlp, Options())
        assert document.sentences, path
        for sentence in document.sentences:
            assert document.article.text[sentence.start:sentence.end] == sentence.text
