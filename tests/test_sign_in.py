"""Editor sign-in that cannot be guessed or abused: back-off, the same cost for unknown names, the OIDC allow-list."""
import hashlib
import shutil

import pytest

from smartisland.editing import auth, sign_in_guard
from smartisland.editing.auth import check_editor_password, hash_password, is_editor, oidc_allow_list
from smartisland.editing.sign_in_guard import SignInGuard, client_key, minutes_to_wait, name_key

NAME, CLIENT = name_key("ayu"), client_key("10.0.0.7")


def fail(guard, times, keys=(NAME, CLIENT), start=0.0, step=1.0):
    for index in range(times):
        guard.record_failure(keys, start + index * step)


# --- back-off ------------------------------------------------------------------------------------

def test_four_wrong_passwords_do_not_block_and_the_fifth_does():
    guard = SignInGuard(max_failures=5, window=900, first_block=60, longest_block=900)
    fail(guard, 4)
    assert guard.seconds_blocked([NAME], 3.0) == 0.0
    guard.record_failure([NAME, CLIENT], 4.0)
    assert guard.seconds_blocked([NAME], 4.0) == 60.0
    assert guard.seconds_blocked([CLIENT], 4.0) == 60.0
    assert guard.seconds_blocked([name_key("made")], 4.0) == 0.0
    assert guard.seconds_blocked([NAME], 64.0) == 0.0


def test_the_block_doubles_with_each_wrong_password_after_it_up_to_the_cap():
    guard = SignInGuard(max_failures=5, window=900, first_block=60, longest_block=900)
    fail(guard, 5)
    blocks, now = [60.0], 4.0
    for _ in range(6):
        now += blocks[-1]  # the block is over: one more wrong password
        guard.record_failure([NAME], now)
        blocks.append(guard.seconds_blocked([NAME], now))
    assert blocks == [60.0, 120.0, 240.0, 480.0, 900.0, 900.0, 900.0]


def test_failures_spread_beyond_the_window_do_not_add_up():
    guard = SignInGuard(max_failures=5, window=900, first_block=60)
    fail(guard, 10, keys=(NAME,), step=300.0)  # one every five minutes: never five within fifteen
    assert guard.seconds_blocked([NAME], 2700.0) == 0.0
    fail(guard, 4, keys=(NAME,), start=3600.0, step=100.0)  # 2700 has left the window at 3600
    assert guard.seconds_blocked([NAME], 3900.0) == 0.0
    guard.record_failure([NAME], 4000.0)  # five within fifteen minutes
    assert guard.seconds_blocked([NAME], 4000.0) == 60.0


def test_a_right_password_clears_the_name_but_not_the_client():
    guard = SignInGuard(max_failures=5)
    fail(guard, 4)
    guard.record_success(NAME)
    guard.record_failure([NAME, CLIENT], 10.0)
    assert guard.seconds_blocked([NAME], 10.0) == 0.0  # the name starts over
    assert guard.seconds_blocked([CLIENT], 10.0) == 60.0  # the client had its fifth wrong password


def test_a_client_spraying_many_names_is_blocked():
    guard = SignInGuard(max_failures=5)
    for index, name in enumerate(["ayu", "made", "nyoman", "ketut", "wayan"]):
        guard.record_failure([name_key(name), CLIENT], float(index))
    assert guard.seconds_blocked([name_key("putu"), CLIENT], 5.0) == 59.0
    assert guard.seconds_blocked([name_key("putu"), client_key("10.0.0.8")], 5.0) == 0.0


def test_a_name_is_one_name_whatever_its_case_and_spaces():
    assert name_key(" Ayu ") == name_key("ayu") != name_key("ayu2")


def test_a_key_is_forgotten_a_day_after_its_last_failure():
    guard = SignInGuard(max_failures=5, first_block=60, forget_after=86400)
    fail(guard, 5)
    guard.record_failure([NAME], 4.0 + 86401)
    assert guard.seconds_blocked([NAME], 4.0 + 86401) == 0.0  # a fresh start: one failure of five


def test_the_store_stays_bounded_and_keeps_blocked_names():
    guard = SignInGuard(max_failures=2, first_block=60, max_keys=3)
    fail(guard, 2, keys=(NAME,))  # blocked until 61
    for index in range(5):
        guard.record_failure([name_key(f"made-up-{index}")], 10.0 + index)
    assert len(guard._records) == 3
    assert guard.seconds_blocked([NAME], 30.0) == 31.0  # the oldest, but blocked: kept
    guard.record_failure([name_key("made-up-4")], 20.0)
    assert guard.seconds_blocked([name_key("made-up-4")], 20.0) == 60.0  # kept: its second failure blocks
    guard.record_failure([name_key("made-up-0")], 21.0)
    assert guard.seconds_blocked([name_key("made-up-0")], 21.0) == 0.0  # dropped: this is its first failure again


@pytest.mark.parametrize("seconds, minutes", [(1, 1), (60, 1), (61, 2), (899.5, 15)])
def test_minutes_to_wait_round_up(seconds, minutes):
    assert minutes_to_wait(seconds) == minutes


# --- the same cost for unknown names -------------------------------------------------------------

@pytest.fixture
def scrypt_calls(monkeypatch):
    calls = []
    real = hashlib.scrypt

    def counting(password, **settings):
        calls.append(settings)
        return real(password, **settings)

    monkeypatch.setattr(auth.hashlib, "scrypt", counting)
    return calls


def test_an_unknown_name_costs_the_same_scrypt_as_a_known_one(scrypt_calls):
    editors = {"ayu": hash_password("rahasia"), "broken": "not-a-hash"}
    scrypt_calls.clear()
    assert check_editor_password("ayu", "rahasia", editors)
    assert not check_editor_password("ayu", "salah", editors)
    assert not check_editor_password("nobody", "rahasia", editors)
    assert not check_editor_password("broken", "rahasia", editors)
    assert not check_editor_password("nobody", "", {})
    assert len(scrypt_calls) == 5
    assert all((call["n"], call["r"], call["p"], len(call["salt"])) == (2**14, 8, 1, 16) for call in scrypt_calls)


def test_an_unknown_name_never_signs_in_even_with_the_stand_in_salt():
    assert not check_editor_password("nobody", "", {})
    assert not auth.verify_password("x", "scrypt$$")


# --- the OIDC allow-list -------------------------------------------------------------------------

@pytest.mark.parametrize("email, expected", [
    ("ayu@baliprov.go.id", True),
    ("  AYU@BaliProv.go.id ", True),
    ("ayu@baliprov.go.id.evil.example", False),
    ("someone@baliprov.go.id", False),
    ("", False),
    (None, False),
])
def test_only_listed_emails_are_editors(email, expected):
    assert is_editor(email, ("ayu@baliprov.go.id", "made@diskominfos.baliprov.go.id")) is expected


def test_without_an_allow_list_nobody_is_an_editor():
    assert oidc_allow_list(None) == ()
    assert oidc_allow_list({}) == ()
    assert not is_editor("ayu@baliprov.go.id", oidc_allow_list(None))


def test_the_allow_list_is_read_from_secrets():
    assert oidc_allow_list({"emails": ["a@b.id", " ", "C@D.id "]}) == ("a@b.id", "C@D.id")
    assert oidc_allow_list({"emails": "a@b.id"}) == ("a@b.id",)  # one string is one e-mail, not five letters


# --- the password form in the app ----------------------------------------------------------------

@pytest.fixture
def fresh_guard():
    sign_in_guard.SHARED.clear()
    sign_in_guard.GLOBAL.clear()
    yield sign_in_guard.SHARED
    sign_in_guard.SHARED.clear()
    sign_in_guard.GLOBAL.clear()


def _data_page(monkeypatch, db_path, language="en"):
    from streamlit.testing.v1 import AppTest
    from support import ROOT

    monkeypatch.setenv("SMARTISLAND_DB", str(db_path))
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["editors"] = {"ayu": hash_password("rahasia")}
    app.query_params["lang"] = language
    app.run()
    app.switch_page("app_pages/data.py")
    app.run()
    assert not app.exception
    return app


def _sign_in(app, name, password):
    app.text_input[0].input(name)
    app.text_input[1].input(password)
    app.button[0].click().run()
    return [error.value for error in app.error]


def test_after_five_wrong_passwords_the_right_one_is_refused(monkeypatch, sample_db, tmp_path, fresh_guard,
                                                             scrypt_calls):
    db_path = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, db_path)
    app = _data_page(monkeypatch, db_path)
    scrypt_calls.clear()
    for _ in range(4):
        assert _sign_in(app, "ayu", "wrong") == ["Wrong user name or password."]
    assert _sign_in(app, "ayu", "wrong") == ["Wrong user name or password.",
                                             "Too many sign-in attempts. Try again in 1 min."]
    assert len(scrypt_calls) == 5
    assert _sign_in(app, "ayu", "rahasia") == ["Too many sign-in attempts. Try again in 1 min."]
    assert len(scrypt_calls) == 5  # while blocked the password is not even checked
    assert "Sign out (ayu)" not in [button.label for button in app.button]

    # The same session stays blocked for that name, in either language (a reload keeps the session's client).
    app.query_params["lang"] = "id"
    app.run()
    assert _sign_in(app, "ayu", "rahasia") == ["Terlalu banyak percobaan masuk. Coba lagi dalam 1 menit."]

    # Once the block is over, the right password signs in.
    fresh_guard.clear()
    assert _sign_in(app, "ayu", "rahasia") == []
    assert "Keluar (ayu)" in [button.label for button in app.button]


def test_an_unknown_name_is_blocked_like_a_known_one(monkeypatch, sample_db, fresh_guard):
    app = _data_page(monkeypatch, sample_db)
    for _ in range(4):
        assert _sign_in(app, "nobody", "wrong") == ["Wrong user name or password."]
    assert _sign_in(app, "nobody", "wrong")[-1] == "Too many sign-in attempts. Try again in 1 min."


# --- OIDC configured: who is offered sign-in ----------------------------------------------------

OIDC = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "c",
        "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def _oidc_data_page(monkeypatch, db_path, editors_oidc=None):
    from streamlit.testing.v1 import AppTest
    from support import ROOT

    monkeypatch.setenv("SMARTISLAND_DB", str(db_path))
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["auth"] = OIDC
    app.secrets["editors"] = {"ayu": hash_password("rahasia")}  # ignored: with [auth] only OIDC signs in
    if editors_oidc is not None:
        app.secrets["editors_oidc"] = editors_oidc
    app.query_params["lang"] = "en"
    app.run()
    app.switch_page("app_pages/data.py")
    app.run()
    assert not app.exception
    return app


def test_without_an_allow_list_oidc_offers_no_sign_in_and_says_how_to_configure_it(monkeypatch, sample_db):
    app = _oidc_data_page(monkeypatch, sample_db)
    assert [info.value for info in app.info if "[editors_oidc]" in info.value] == [
        "No editors yet: signing in with an agency account gives no right to edit until the editors' e-mails are "
        "listed in `.streamlit/secrets.toml`, for example `[editors_oidc]` `emails = [\"name@agency.go.id\"]`."]
    assert [button.label for button in app.button] == []
    assert not app.text_input  # no password form either


def test_with_an_allow_list_oidc_offers_sign_in(monkeypatch, sample_db):
    app = _oidc_data_page(monkeypatch, sample_db, {"emails": ["ayu@baliprov.go.id"]})
    assert [button.label for button in app.button] == ["Sign in with your agency account"]
    assert not [info for info in app.info if "[editors_oidc]" in info.value]


# --- a back-off that cannot be turned against editors (issue 22) ---------------------------------

def test_a_name_blocked_for_one_client_still_signs_in_from_a_clean_client():
    guard = SignInGuard(max_failures=5)
    stranger, editor = sign_in_guard.attempt_keys("ayu", "10.0.0.66"), sign_in_guard.attempt_keys("Ayu ", "10.0.0.7")
    fail(guard, 5, keys=stranger)
    assert guard.seconds_blocked(stranger, 5.0) == 59.0
    assert guard.seconds_blocked(sign_in_guard.attempt_keys("made", "10.0.0.66"), 5.0) == 59.0  # the client too
    assert guard.seconds_blocked(editor, 5.0) == 0.0


@pytest.mark.parametrize("ip_address, forwarded, proxy, expected", [
    ("10.0.0.7", None, None, "10.0.0.7"),
    (None, None, None, "session:s1"),
    ("127.0.0.1", "203.0.113.9", None, "127.0.0.1"),  # no proxy named: its header is not believed
    ("127.0.0.1", "203.0.113.9", "127.0.0.1", "203.0.113.9"),
    ("127.0.0.1", "1.2.3.4, 203.0.113.9", "127.0.0.1", "203.0.113.9"),  # the proxy's own entry, not the sender's
    ("10.0.0.7", "203.0.113.9", "127.0.0.1", "10.0.0.7"),  # not from the proxy: a forged header is ignored
    ("127.0.0.1", None, "127.0.0.1", "session:s1"),
])
def test_the_client_is_the_trusted_proxy_s_forwarded_address_only(ip_address, forwarded, proxy, expected):
    assert sign_in_guard.client_identity(ip_address, forwarded, proxy, "s1") == expected


def test_the_trusted_proxy_setting_is_documented_in_the_readme():
    from support import ROOT
    assert "| `SMARTISLAND_TRUSTED_PROXY` |" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_an_editor_locked_out_by_a_stranger_still_signs_in_from_a_clean_client(monkeypatch, sample_db, fresh_guard,
                                                                             caplog):
    stranger = _data_page(monkeypatch, sample_db)
    for _ in range(4):
        assert _sign_in(stranger, "ayu", "tebakan") == ["Wrong user name or password."]
    assert _sign_in(stranger, "ayu", "tebakan")[-1] == "Too many sign-in attempts. Try again in 1 min."
    assert _sign_in(stranger, "ayu", "rahasia") == ["Too many sign-in attempts. Try again in 1 min."]
    caplog.clear()
    with caplog.at_level("WARNING", logger="smartisland.sign_in"):
        editor = _data_page(monkeypatch, sample_db)
        assert _sign_in(editor, "ayu", "rahasia") == []
    assert "Sign out (ayu)" in [button.label for button in editor.button]
    lines = [record.getMessage() for record in caplog.records if record.name == "smartisland.sign_in"]
    assert len(lines) == 1 and "name='ayu'" in lines[0] and "outcome=signed_in" in lines[0]
    assert "client='session:" in lines[0] and "time=2026-11-28T" in lines[0]


def test_a_password_sprayed_over_seven_names_from_fresh_sessions_is_slowed_from_the_sixth_failure(
        monkeypatch, sample_db, fresh_guard, caplog):
    answers = []
    with caplog.at_level("WARNING", logger="smartisland.sign_in"):
        for name in ["ayu", "made", "nyoman", "ketut", "wayan", "putu", "kadek"]:
            answers.append(_sign_in(_data_page(monkeypatch, sample_db), name, "Rahasia2026!"))
    wrong, wait = "Wrong user name or password.", "Too many sign-in attempts. Try again in 1 min."
    assert answers == [[wrong]] * 5 + [[wrong, wait], [wait]]
    lines = [record.getMessage() for record in caplog.records if record.name == "smartisland.sign_in"]
    assert [line.split("outcome=")[1] for line in lines] == ["wrong_password"] * 6 + ["held"]
    assert not any("Rahasia2026" in line for line in lines)  # never the password
    # The editor waits the minute too, then signs in.
    sign_in_guard.GLOBAL.clear()
    assert _sign_in(_data_page(monkeypatch, sample_db), "ayu", "rahasia") == []
