"""Who may edit: editors' passwords, kept as salted scrypt hashes in Streamlit secrets (the fallback when no OIDC
is set), and the allow-list of e-mails for OIDC sign-in.

    python -m smartisland.editing.auth NAME      asks for a password and prints the line to put in secrets.toml
"""
from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import sys
from collections.abc import Iterable, Mapping

SCRYPT = {"n": 2**14, "r": 8, "p": 1}
# The salt a malformed or missing hash is checked against, so that it costs one scrypt like a real hash.
_STAND_IN_SALT = os.urandom(16)


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _parse(stored: str) -> tuple[bytes, bytes] | None:
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        salt, digest = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
    except ValueError:
        return None
    return (salt, digest) if scheme == "scrypt" and salt and digest else None


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash; a malformed hash never matches, and takes as long."""
    parsed = _parse(stored)
    salt, expected = parsed if parsed else (_STAND_IN_SALT, b"")
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    return parsed is not None and hmac.compare_digest(digest, expected)


def check_editor_password(name: str, password: str, editors: Mapping) -> bool:
    """True when `name` is an editor and `password` is theirs; an unknown name costs the same scrypt as a
    known one, so timing does not tell which names exist."""
    stored = str(editors[name]) if name in editors else ""
    matches = verify_password(password, stored)
    return bool(stored) and matches


def oidc_allow_list(section: Mapping | None) -> tuple[str, ...]:
    """The e-mails in `[editors_oidc] emails = [...]`; empty (nobody edits) when it is missing."""
    if not section or "emails" not in section:
        return ()
    emails = section["emails"]
    # A single string would otherwise be read letter by letter.
    emails = [emails] if isinstance(emails, str) else list(emails)
    return tuple(str(email).strip() for email in emails if str(email).strip())


def is_editor(email: str | None, allow_list: Iterable[str]) -> bool:
    """Whether an e-mail the identity provider signed in is on the editors' allow-list (case-insensitive)."""
    if not email or not email.strip():
        return False
    wanted = email.strip().casefold()
    return any(wanted == allowed.strip().casefold() for allowed in allow_list)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    password = getpass.getpass("password: ")
    if password != getpass.getpass("again: "):
        print("the two passwords differ", file=sys.stderr)
        return 2
    print(f'[editors]\n{args[0]} = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
