"""Bytes → text, with the encoding detected; binary data is refused with a reason.

Order: a byte-order mark decides (UTF-8/16/32); then strict UTF-8; then the encoding the input
declares (HTTP charset, HTML meta); then UTF-16 without a BOM when
NUL bytes sit in every other position; then charset_normalizer. Among its equally clean candidates
cp1252 is preferred, because news text in a legacy single-byte encoding is far more often Western
European (Windows "smart quotes") than the cp1250/cp1257 it tends to guess first for short samples.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["BinaryInput", "decode", "declared_charset"]

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)


def declared_charset(data: bytes, content_type: str = "") -> str | None:
    """The encoding an input declares: the HTTP ``charset`` first, else an HTML ``<meta>`` one."""
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip(" \"'")
    if charset:
        return charset
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# C0 control characters other than tab, newline, form feed, carriage return: text never has many.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


class BinaryInput(ValueError):
    """The bytes are not text in any encoding we can recognise; the message says why."""


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` as text or raise ``BinaryInput`` naming the problem.

    ``declared`` is an encoding the input names for itself (an HTTP ``charset``, an HTML
    ``<meta charset>``); it is tried after a byte-order mark and strict UTF-8 (pages labelled
    iso-8859-1 but written in UTF-8 are common, and valid UTF-8 is rarely an accident) and before
    any guessing; ignored when unknown or when the bytes do not decode with it.
    """
    text = _decode(data, declared)
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_RATIO:
        raise BinaryInput("binary data (control characters), not text")
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise BinaryInput(f"starts with a {encoding} byte-order mark but does not decode: {error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and not declared.lower().replace("-", "").startswith(("utf16", "utf32")):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    sample = data[:4096]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass
        raise BinaryInput("binary data (NUL bytes), not text")
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise BinaryInput("undecodable: not UTF-8 and no text encoding fits")
    cleanest = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= cleanest and match.encoding in _WESTERN:
            return str(match)
    return str(matches[0])


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or '-be' when NULs fill the odd or even bytes (ASCII-range UTF-16 text)."""
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    odd = sample[1::2].count(0) / pairs
    even = sample[0::2].count(0) / pairs
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None
