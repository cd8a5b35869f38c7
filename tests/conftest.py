"""Shared test settings.

Hypothesis: on CI (CI=true) every property test runs the same derandomised
examples with no example database, so a run's verdict depends on the code, not
on luck; locally it explores at random and remembers what it found. Long
exploration belongs to fuzz/, run by hand.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
