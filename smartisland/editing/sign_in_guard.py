"""Back-off after wrong passwords, per user name and per client; time is passed in, in seconds.

After `max_failures` wrong passwords within `window` seconds a key (a user name or a client) is blocked for
`first_block` seconds; every further wrong password before the key is forgotten blocks it again for twice as
long, up to `longest_block`. So a guesser gets a handful of tries, then about one try per `longest_block`.
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


def minutes_to_wait(seconds: float) -> int:
    """Whole minutes, rounded up, so "try again in 1 minute" is never too early."""
    return max(1, math.ceil(seconds / 60))


def name_key(name: str) -> str:
    # Case and surrounding spaces do not make a new name to guess under.
    return "name:" + name.strip().casefold()


def client_key(client: str) -> str:
    return "client:" + client


# Shared by every session of the server process, because an attacker simply opens new sessions.
SHARED = SignInGuard()
