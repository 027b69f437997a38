"""Hypothesis runs the same examples on every run, so CI never fails on a newly drawn one;
`HYPOTHESIS_PROFILE=explore` draws new ones (and more) to look for bugs."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", derandomize=True)
settings.register_profile("explore", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
