"""Back-off after wrong passwords; time is passed in, in seconds.

After `max_failures` wrong passwords within `window` seconds a key is blocked for `first_block` seconds; every
further wrong password before the key is forgotten blocks it again for twice as long, up to `longest_block`. So a
guesser gets a handful of tries, then about one try per `longest_block`.

The keys of a sign-in (`attempt_keys`) are the client and name together, and the client across names: a name
blocked for one client still signs in from a client with no failures, so a stranger cannot lock an editor out. A
password sprayed over many names from fresh sessions (which look like new clients) meets the global failure budget
(`GLOBAL`): past it every sign-in waits a minute. The client is the proxy's forwarded address only when a setting
names that proxy (`client_identity`).
"""
from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)  # times of recent wrong passwords, oldest first
    blocks: int = 0  # how many times this key has been blocked since it was last forgotten
    blocked_until: float = 0.0
    last_failure: float = 0.0


class SignInGuard:
    """Thread-safe: one instance serves every session of the server process."""

    def __init__(self, max_failures: int = 5, window: float = 15 * 60, first_block: float = 60,
                 longest_block: float = 15 * 60, forget_after: float = 24 * 60 * 60, max_keys: int = 100_000):
        self.max_failures = max_failures
        self.window = window
        self.first_block = first_block
        self.longest_block = longest_block
        self.forget_after = forget_after
        self.max_keys = max_keys
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def seconds_blocked(self, keys: Iterable[str], now: float) -> float:
        """How long the longest block among `keys` still lasts; 0 when every key may try."""
        with self._lock:
            remaining = [self._records[key].blocked_until - now for key in keys if key in self._records]
        return max([0.0, *remaining])

    def record_failure(self, keys: Iterable[str], now: float) -> None:
        with self._lock:
            for key in keys:
                record = self._records.get(key)
                if record is None or now - record.last_failure > self.forget_after:
                    record = self._records[key] = _Record()
                record.last_failure = now
                record.failures = [moment for moment in record.failures if now - moment < self.window] + [now]
                if record.blocks or len(record.failures) >= self.max_failures:
                    record.blocks += 1
                    record.blocked_until = now + min(self.first_block * 2 ** (record.blocks - 1), self.longest_block)
                    record.failures = []
            self._prune(now)

    def record_success(self, key: str) -> None:
        """A right password clears its user name (not its client, which may be spraying other names)."""
        with self._lock:
            self._records.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()

    def _prune(self, now: float) -> None:
        # Random user names would otherwise grow the store without bound.
        if len(self._records) <= self.max_keys:
            return
        for key in [key for key, record in self._records.items() if now - record.last_failure > self.forget_after
                    and record.blocked_until <= now]:
            del self._records[key]
        if len(self._records) > self.max_keys:
            # Blocked keys go last, so a flood of made-up names cannot lift the block on a real one.
            by_age = sorted(self._records, key=lambda key: (self._records[key].blocked_until > now,
                                                            self._records[key].last_failure))
            for key in by_age[: len(self._records) - self.max_keys]:
                del self._records[key]


def client_identity(ip_address: str | None, forwarded_for: str | None, trusted_proxy: str | None,
                    session: str) -> str:
    """Who is signing in: the address the trusted proxy forwarded (its last entry, the one the proxy itself
    added) when the connection comes from that proxy; else the connection's own address; else, where the server
    sees none (locally), the browser session."""
    ip_address = ip_address if isinstance(ip_address, str) else None  # a test harness may hand in anything
    forwarded_for = forwarded_for if isinstance(forwarded_for, str) else None
    if trusted_proxy and ip_address == trusted_proxy.strip():
        forwarded = (forwarded_for or "").split(",")[-1].strip()
        return forwarded[:64] if forwarded else "session:" + session
    return ip_address if ip_address else "session:" + session


def attempt_keys(name: str, client: str) -> list[str]:
    """The keys a sign-in attempt is held by and counted against: the client with this name, and the client."""
    return [pair_key(name, client), client_key(client)]


def minutes_to_wait(seconds: float) -> int:
    """Whole minutes, rounded up, so "try again in 1 minute" is never too early."""
    return max(1, math.ceil(seconds / 60))


def name_key(name: str) -> str:
    # Case and surrounding spaces do not make a new name to guess under.
    return "name:" + name.strip().casefold()


def client_key(client: str) -> str:
    return "client:" + client


def pair_key(name: str, client: str) -> str:
    return f"pair:{client}\n{name.strip().casefold()}"


GLOBAL_KEY = "all"
GLOBAL_BUDGET = 5  # wrong passwords a minute, from everyone, before every sign-in waits

# Shared by every session of the server process, because an attacker simply opens new sessions.
SHARED = SignInGuard()
# The global failure budget: past GLOBAL_BUDGET wrong passwords within a minute, every sign-in waits a minute (up
# to five while the failures go on); forgotten ten minutes after the last one.
GLOBAL = SignInGuard(max_failures=GLOBAL_BUDGET + 1, window=60, first_block=60, longest_block=5 * 60,
                     forget_after=10 * 60, max_keys=1)
