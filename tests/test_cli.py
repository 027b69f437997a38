"""The command line as a user meets it: help, usage errors, human and JSON answers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.cli import build_parser, main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_help_lists_every_subcommand_with_a_description() -> None:
    result = run("--help")
    assert result.returncode == 0
    names = {"ask", "chat", "check", "eval"}
    for name in names:
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(name))
        assert len(line.split(maxsplit=1)) == 2, f"{name} has no description"
    subparsers = build_parser()._subparsers
    assert subparsers is not None


@pytest.mark.parametrize("argv", [["bogus"], [], ["eval"], ["ask"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        code = main(argv)
        raise SystemExit(code)
    assert exit_info.value.code == 2
    assert "usage" in capsys.readouterr().err.lower() or argv == ["ask"]


def test_ask_prints_answer_and_source_for_a_person() -> None:
    result = run("ask", "When did Kazakhstan join the Abraham Accords?")
    assert result.returncode == 0
    assert "November 2025" in result.stdout
    assert "Source:" in result.stdout


def test_ask_json_is_one_object_with_the_documented_keys() -> None:
    result = run("ask", "--json", "Who is Israel's ambassador to Turkmenistan?")
    data = json.loads(result.stdout)
    assert data["answered"] is True
    assert "Khaldi" in data["answer"]
    assert data["sources"][0]["document"] == "israel-central-asia"
    assert set(data) == {
        "question",
        "answered",
        "answer",
        "confidence",
        "fact_ids",
        "sources",
        "suggestions",
    }


def test_broken_knowledge_gives_a_clear_error_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run("ask", "--knowledge", str(tmp_path), "hello")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "factbot check" in result.stderr
