"""The benchmark times an interaction from the input reaching the app to the answer's last frame
(smartisland/ui/page_timing.py), and reports the test's own clicks apart."""
from __future__ import annotations

import time

from smartisland.ui import page_timing


class ScriptedPage:
    """A page whose browser sends the input `clicking` seconds after the action starts and receives the answer's
    frames `answering` seconds after that: the clock is the test's, each wait advancing it."""

    def __init__(self, clicking: float, answering: float):
        self.clicking, self.answering = clicking, answering
        self.frame_times: list[float] = []
        self.sent_times: list[float] = []
        self.received_bytes = 0

    def act(self):
        self.sent_times.append(time.perf_counter() + self.clicking)
        self.frame_times.append(self.sent_times[-1] + self.answering)
        self.received_bytes = 1234

    def wait_for_timeout(self, milliseconds: float):
        time.sleep(milliseconds / 1000)

    def locator(self, selector: str):
        assert selector == page_timing.SCRIPT_DONE
        return self

    def count(self) -> int:
        return 1


def test_an_interaction_is_timed_from_the_input_the_browser_sends_to_the_answers_last_frame():
    page = ScriptedPage(clicking=0.2, answering=0.1)
    from_input, received, with_clicks = page_timing._timed(page, page.act)
    assert 95 <= from_input <= 110
    assert 295 <= with_clicks <= 310
    assert received == 1234


def test_an_action_that_sends_nothing_is_timed_from_its_start():
    page = ScriptedPage(clicking=0.1, answering=0.1)
    page.act = lambda: page.frame_times.append(time.perf_counter() + 0.15)
    from_input, _, with_clicks = page_timing._timed(page, page.act)
    assert from_input == with_clicks and 145 <= from_input <= 160
