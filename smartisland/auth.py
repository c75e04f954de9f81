"""Editors' passwords, kept as salted scrypt hashes in Streamlit secrets (the fallback when no OIDC is set).

    python -m smartisland.auth NAME      asks for a password and prints the line to put in secrets.toml
"""
from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import sys

SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash; a malformed hash never matches."""
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    return hmac.compare_digest(hash_password(password, salt), stored)


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
