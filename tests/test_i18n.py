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


def test_strings_are_read_from_a_private_cache_that_follows_the_yaml(monkeypatch, tmp_path):
    import stat

    from simulator import i18n, store

    monkeypatch.setenv("KOHTAAMO_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(i18n, "_HERE", tmp_path)
    monkeypatch.setattr(i18n, "_copies", None)
    i18n.keep_copies(store.cache_dir(), store.write_private)
    source = tmp_path / "demo.yaml"
    source.write_text("hello: {fi: Hei, en: Hello}\n", encoding="utf-8")
    i18n.area_strings.cache_clear()
    try:
        assert t("demo.hello", "en") == "Hello"
        cached = tmp_path / "data" / "cache" / "strings-demo.json"
        assert stat.S_IMODE(cached.stat().st_mode) == 0o600

        source.write_text("hello: {fi: Moikka, en: Hi there}\n", encoding="utf-8")
        i18n.area_strings.cache_clear()
        assert t("demo.hello", "fi") == "Moikka"  # an edited file is read again

        cached.write_text("{not json", encoding="utf-8")
        i18n.area_strings.cache_clear()
        assert t("demo.hello", "en") == "Hi there"  # a broken cache is only a miss
    finally:
        i18n.area_strings.cache_clear()


def test_no_copies_are_kept_unless_an_entry_point_asks(monkeypatch, tmp_path):
    """The strings room reaches no higher room: without `keep_copies` (a library use of
    `simulator`, a test) the YAML is read and nothing is written anywhere."""
    from simulator import i18n

    monkeypatch.setattr(i18n, "_HERE", tmp_path)
    monkeypatch.setattr(i18n, "_copies", None)
    (tmp_path / "demo.yaml").write_text("hello: {fi: Hei, en: Hello}\n", encoding="utf-8")
    i18n.area_strings.cache_clear()
    try:
        assert t("demo.hello", "fi") == "Hei"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml"]
    finally:
        i18n.area_strings.cache_clear()


def test_one_number_rule_for_scores_variables_and_amounts():
    from simulator.i18n import number

    # Whole numbers lose their ".0" (trust 30), whatever their size; Finnish writes a comma.
    assert [number(30.0), number(1000000.0), number(-0.0)] == ["30", "1000000", "0"]
    assert [number(2.5, "fi"), number(2.5, "en"), number(2.5)] == ["2,5", "2.5", "2.5"]
    assert number(66.66666666666667, "fi") == "66,6667"
