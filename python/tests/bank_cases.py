"""A few hundred bank incidents, varied from the sample double debit, and a candidate policy."""
import json

from conftest import INCIDENTS, RULES

TIERS = ["basic", "standard", "premium", "vip"]
MAGNITUDES = ["minor", "moderate", "major"]


def bank_incidents(n):
    base = json.loads((INCIDENTS / "bank" / "double-debit.json").read_text())
    cases = []
    for i in range(n):
        case = json.loads(json.dumps(base))
        case["id"] = f"B-{i}"
        case["magnitude"] = MAGNITUDES[i % 3]
        case["customer"]["tier"] = TIERS[i % 4]
        case["loss"] = f"{100 + 37 * i}.50 CNY"
        case["facts"]["disputed_amount"] = case["loss"]
        case["emotion"]["intensity"] = 1 + i % 5
        cases.append(case)
    return cases


def candidate_name():
    """Named as a file beside bank.yaml, so that its includes resolve as bank.yaml's do."""
    return str(RULES / "bank-candidate.yaml")


def candidate_yaml():
    """bank.yaml with a larger teller gift (up to 80 CNY, not 50) and a branch supervisor who may grant 60 CNY, not 1000."""
    text = (RULES / "bank.yaml").read_text(encoding="utf-8")
    changed = text.replace('remedy: {id: gift, amount: "min(50 CNY, loss)"}',
                           'remedy: {id: gift, amount: "min(80 CNY, loss)"}')
    changed = changed.replace("authority: 1000 CNY", "authority: 60 CNY", 1)
    assert changed.count("min(80 CNY, loss)") == 1 and "authority: 60 CNY" in changed
    return changed.replace('version: "1.0.0"', 'version: "1.1.0-candidate"', 1)
