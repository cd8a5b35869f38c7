"""The config file: good values are used, bad ones named with what is allowed."""

from __future__ import annotations

from pilot_helpers import make_app, started

from uneventtui.app.bindings import binding_ids
from uneventtui.config import Config, config_path, load_config


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path / "none.toml") == (Config(), [])


def test_good_values_are_used(tmp_path):
    path = write(
        tmp_path,
        'rtl_mode = "terminal"\nlang = "ar"\ntheme = "nord"\n'
        '[keymap]\n"timeline.down" = "n, ctrl+n"\n',
    )
    config, problems = load_config(path, themes=["nord", "textual-dark"], binding_ids=binding_ids())
    assert problems == []
    assert config == Config("terminal", "ar", "nord", {"timeline.down": "n,ctrl+n"})


def test_bad_value_names_key_and_allowed_values_and_keeps_default(tmp_path):
    path = write(tmp_path, 'rtl_mode = "fancy"\nlang = 3\ntheme = "nope"\n')
    config, problems = load_config(path, themes=["nord"])
    assert config == Config()
    assert len(problems) == 3
    assert "rtl_mode" in problems[0] and "shaped, terminal" in problems[0]
    assert "lang" in problems[1] and "en, ar" in problems[1]
    assert "theme" in problems[2] and "nord" in problems[2]
    assert all(str(path) in p for p in problems)


def test_unknown_key_and_unknown_binding_are_reported(tmp_path):
    path = write(tmp_path, 'colour = "red"\n[keymap]\n"timeline.fly" = "f"\n"app.quit" = 5\n')
    config, problems = load_config(path, binding_ids=binding_ids())
    assert config.keymap == {}
    assert any("unknown key 'colour'" in p for p in problems)
    assert any("timeline.fly" in p and "unknown binding id" in p for p in problems)
    assert any("app.quit" in p and "string of keys" in p for p in problems)


def test_broken_toml_is_reported_not_raised(tmp_path):
    path = write(tmp_path, "lang = \n")
    config, problems = load_config(path)
    assert config == Config()
    assert "not valid TOML" in problems[0]


def test_path_follows_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "uneventtui" / "config.toml"


async def test_app_starts_with_defaults_and_shows_the_problem(tmp_path):
    from tui_fixture import make_timeline

    from uneventtui.app.app import UneventApp

    path = write(tmp_path, 'lang = "fr"\n')
    config, problems = load_config(path)
    app = UneventApp(make_timeline, theme="no-such-theme", problems=problems)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("lang" in m and "en, ar" in m for m in messages)
        assert any("no-such-theme" in m for m in messages)
        assert app.is_running


def test_a_setting_saved_at_run_time_keeps_the_rest_of_the_file(tmp_path):
    from uneventtui.config import load_config, save_setting

    path = tmp_path / "uneventtui" / "config.toml"
    path.parent.mkdir(mode=0o700)
    path.write_text('# mine\nlang = "ar"\ntheme = "nord"\n[keymap]\n"app.quit" = "q"\n')
    assert save_setting("theme", "gruvbox", path) is None
    text = path.read_text()
    assert text == '# mine\nlang = "ar"\ntheme = "gruvbox"\n[keymap]\n"app.quit" = "q"\n'
    assert save_setting("rtl_mode", "terminal", path) is None  # a new key: before [keymap]
    config, problems = load_config(path)
    assert (config.theme, config.rtl_mode, config.lang, problems) == (
        "gruvbox",
        "terminal",
        "ar",
        [],
    )
    assert config.keymap == {"app.quit": "q"}
    fresh = tmp_path / "new" / "config.toml"  # no file, no directory yet
    assert save_setting("theme", "nord", fresh) is None
    assert load_config(fresh)[0].theme == "nord"


async def test_a_theme_chosen_in_the_explorer_is_there_at_the_next_start(tmp_path, monkeypatch):
    from uneventtui.config import config_path, load_config

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app(save_settings=True)
    async with app.run_test() as pilot:
        await started(pilot)
        app.theme = "nord"  # as the palette's "Change theme" does
        await pilot.pause()
    assert load_config()[0].theme == "nord"
    untouched = make_app()  # an app not started from the command line saves nothing
    async with untouched.run_test() as pilot:
        await started(pilot)
        untouched.theme = "gruvbox"
        await pilot.pause()
    assert load_config()[0].theme == "nord" and config_path().exists()
