from simulator.i18n import LANGUAGES, catalogue, t


def test_every_string_exists_in_finnish_and_english():
    missing = [
        (key, lang)
        for key, texts in catalogue().items()
        for lang in LANGUAGES
        if not isinstance(texts, dict) or not str(texts.get(lang, "")).strip()
    ]
    assert missing == []


def test_ui_language_follows_setting(monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    assert t("cli.cmd_check") == "tarkista skenaariotiedostot"
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    assert t("cli.cmd_check") == "check scenario files"


def test_locale_decides_when_no_setting(monkeypatch):
    monkeypatch.delenv("KOHTAAMO_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "fi_FI.UTF-8")
    assert t("cli.cmd_check") == "tarkista skenaariotiedostot"
