"""`factbot gaps`: the questions people asked most often that the bot could not answer."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.gaps import GapLog
from bot.settings import SettingsError, load_settings


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=20, help="how many questions (default 20)")
    parser.add_argument(
        "--db", type=Path, default=None, help="the SQLite file (default: $FACTBOT_GAPS_DB)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--clear", action="store_true", help="empty the log after printing")


def run(args: argparse.Namespace) -> int:
    if args.db is None:
        try:
            settings = load_settings()
        except SettingsError as exc:
            print(f"factbot gaps: {exc}", file=sys.stderr)
            return 2
        path = settings.gaps_db
        enabled = settings.log_unanswered
    else:
        path, enabled = args.db, True
    if not path.exists():
        note = "" if enabled else " (FACTBOT_LOG_UNANSWERED is off)"
        if args.json:
            print(json.dumps({"distinct": 0, "asked": 0, "questions": []}))
        else:
            print(f"No unanswered questions logged yet: {path} does not exist{note}.")
        return 0
    log = GapLog(path)
    try:
        gaps = log.top(max(1, args.limit))
        distinct, asked = log.total()
        if args.json:
            print(
                json.dumps(
                    {
                        "distinct": distinct,
                        "asked": asked,
                        "questions": [vars(g) for g in gaps],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        elif not gaps:
            print("No unanswered questions logged yet.")
        else:
            print(
                f"{distinct} distinct unanswered question(s), asked {asked} time(s); "
                f"the top {len(gaps)}:"
            )
            width = len(str(gaps[0].count))
            for gap in gaps:
                print(
                    f"{gap.count:>{width}}  {gap.question}  [{gap.outcome}, last {gap.last_seen}]"
                )
        if args.clear:
            log.clear()
    finally:
        log.close()
    return 0
