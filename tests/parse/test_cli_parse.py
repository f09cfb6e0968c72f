"""`budget-loader parse`: JSON on stdout, a readable summary, one-line errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from loader.cli import _register_commands, cli, main


def test_parse_json(sample_text):
    _register_commands()
    result = CliRunner().invoke(cli, ["parse", str(sample_text), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"document", "tables", "findings"}
    assert all({"rule", "severity", "message"} <= set(f) for f in data["findings"])


def test_parse_summary_and_year_option(sample_text):
    _register_commands()
    result = CliRunner().invoke(cli, ["parse", str(sample_text), "--year", "2022"])
    assert result.exit_code == 0, result.output
    assert "--year option" in result.output and "13 " in result.output and "findings:" in result.output


def test_bad_file_is_one_line_and_nonzero(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("not a budget\n", "utf-8")
    assert main(["parse", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {bad}: no budget table titles found"]
