"""Shared fixtures: the repository's shipped policies and sample incidents."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = pathlib.Path(os.environ.get("REDRESS_RULES", ROOT / "rules"))
INCIDENTS = ROOT / "examples" / "incidents"


def incident(i, category="core.unavailable", **more):
    """A small valid incident of the default policy, numbered i."""
    return {"id": f"T-{i}", "reported_at": "2026-11-25T09:30:00+08:00", "category": category,
            **more}


@pytest.fixture(scope="session")
def rules():
    return RULES


@pytest.fixture(scope="session")
def incidents_dir():
    return INCIDENTS


@pytest.fixture(scope="session")
def hotel(rules):
    import redress

    return redress.Policy.load(rules / "hotel.yaml")


@pytest.fixture(scope="session")
def bank(rules):
    import redress

    return redress.Policy.load(rules / "bank.yaml")


@pytest.fixture(scope="session")
def default():
    import redress

    return redress.Policy.default()
