"""Sealed backups: only the passphrase opens them, and every failure says what happened."""

from __future__ import annotations

import base64
import json
from importlib.util import find_spec

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.formats.sealing import (
    SealingError,
    header,
    passphrase_problem,
    seal,
    seal_request,
    sealed_form,
    unseal,
)

# The command line seals with the cryptography package; the browser's Pyodide has no such
# package (it seals with WebCrypto, tested end to end), so there these tests stand aside.
needs_cryptography = pytest.mark.skipif(find_spec("cryptography") is None,
                                        reason="CPython's sealing needs cryptography")
SALT, IV = bytes(range(16)), bytes(range(12))
FAST = 100_000  # the fewest rounds a sealed file may name; keeps these tests quick
BACKUP = '{"format": "tend-backup", "version": 2, "records": {"ñ": "Zoë"}}\n'


def sealed(text: str = BACKUP, passphrase: str = "correct horse") -> str:
    return seal(text, passphrase, SALT, IV, iterations=FAST)


def well_formed() -> dict[str, object]:
    """A sealed file's shape, with noise for ciphertext: enough to test the checks."""
    noise = base64.b64encode(bytes(range(40))).decode()
    return {**header(FAST), "salt": base64.b64encode(SALT).decode(),
            "iv": base64.b64encode(IV).decode(), "ciphertext": noise}


@needs_cryptography
def test_a_sealed_backup_opens_with_its_passphrase_and_gives_back_the_same_text() -> None:
    form = sealed_form(sealed())
    assert form is not None
    assert unseal(form, "correct horse") == BACKUP


@needs_cryptography
def test_the_sealed_file_names_its_scheme_and_hides_the_text() -> None:
    data = json.loads(sealed())
    assert {k: data[k] for k in header(FAST)} == header(FAST)
    assert "Zo" not in sealed() and "tend-backup\"" not in sealed()
    assert len(base64.b64decode(data["ciphertext"])) == len(BACKUP.encode()) + 16


@needs_cryptography
def test_a_wrong_passphrase_is_a_clear_error() -> None:
    form = sealed_form(sealed())
    assert form is not None
    with pytest.raises(SealingError, match="does not open this backup"):
        unseal(form, "wrong horse")


@needs_cryptography
def test_a_file_changed_after_sealing_does_not_open() -> None:
    data = json.loads(sealed())
    raw = bytearray(base64.b64decode(data["ciphertext"]))
    raw[0] ^= 1
    data["ciphertext"] = base64.b64encode(raw).decode()
    form = sealed_form(json.dumps(data))
    assert form is not None
    with pytest.raises(SealingError, match="changed after it was sealed"):
        unseal(form, "correct horse")


@needs_cryptography
def test_surrounding_spaces_in_a_passphrase_do_not_matter() -> None:
    form = sealed_form(sealed(passphrase="correct horse"))
    assert form is not None
    assert unseal(form, "  correct horse ") == BACKUP


def test_a_plain_backup_or_any_other_text_is_not_a_sealed_one() -> None:
    assert sealed_form('{"format": "tend-backup", "version": 2, "records": {}}') is None
    assert sealed_form("BEGIN:VCARD") is None
    assert sealed_form("[1, 2]") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"salt": "AAAA"}, "salt: Value error, must be 16 bytes, not 3"),
        ({"iv": "not base64!"}, "iv: Value error, is not base64"),
        ({"iterations": 10}, "iterations: Input should be greater than or equal to 100000"),
        ({"cipher": "ROT13"}, "cipher: Input should be 'AES-256-GCM'"),
        ({"extra": 1}, "extra: Extra inputs are not permitted"),
    ],
)
def test_a_damaged_sealed_file_names_the_field_at_fault(change: dict[str, object],
                                                        message: str) -> None:
    damaged = {**well_formed(), **change}
    with pytest.raises(SealingError, match=f"damaged \\({message}"):
        sealed_form(json.dumps(damaged))


def test_a_sealed_file_from_a_newer_version_asks_for_an_update() -> None:
    newer = {**well_formed(), "version": 2}
    with pytest.raises(SealingError, match="newer version of Tend"):
        sealed_form(json.dumps(newer))


def test_a_passphrase_must_be_long_enough_to_be_worth_having() -> None:
    assert "at least 8 characters" in passphrase_problem("short")
    assert passphrase_problem("a long enough sentence") == ""


def test_the_browser_is_asked_for_the_same_scheme_with_the_passphrase_normalised() -> None:
    request = seal_request("text", "  cafe\u0301 horse  ", field="sealed")
    assert request == {"text": "text", "passphrase": "café horse", "header": header(),
                       "salt_bytes": 16, "iv_bytes": 12, "field": "sealed"}


@needs_cryptography
def test_a_passphrase_typed_composed_or_decomposed_opens_the_same_file() -> None:
    form = sealed_form(sealed(passphrase="caf\u00e9 au lait"))
    assert form is not None
    assert unseal(form, "cafe\u0301 au lait") == BACKUP


def test_spaces_around_a_passphrase_do_not_count_towards_its_length() -> None:
    assert "at least 8" in passphrase_problem("   short    ")


@given(st.one_of(st.text(max_size=300), st.binary(max_size=300),
                 st.dictionaries(st.sampled_from(["format", "version", "salt", "iv",
                                                  "ciphertext", "iterations", "kdf", "cipher"]),
                                 st.one_of(st.text(max_size=20), st.integers(), st.none()))
                 .map(lambda d: json.dumps({**d, "format": "tend-sealed-backup"}))))
def test_any_input_is_either_not_sealed_sealed_or_a_clear_error(text: str | bytes) -> None:
    try:
        sealed_form(text)
    except SealingError as error:
        assert str(error)

