"""A CRM webhook handler deciding service recovery through redress's C ABI (Python ctypes).

The CRM posts {"event": "case.created", "case": {<incident>}} when an agent logs a complaint.
handle(body) answers what the CRM shows the agent: (HTTP status, response JSON). Here it runs
on the sample payloads in a folder instead of behind a web server, so no network is needed:

    REDRESS_C_LIBRARY=build/libredress_c.so python3 webhook.py payloads/
"""
import json
import pathlib
import sys

from redress_ctypes import Redress, RedressError

redress = Redress()
policy = redress.load_policy()  # the built-in default; load_policy("crm-policy.yaml") for yours


def handle(body):
    """One webhook call: the request body (bytes) to (status, response body as str)."""
    try:
        payload = json.loads(body)
        case = payload["case"]
    except (ValueError, KeyError, TypeError) as e:
        return 400, json.dumps({"error": f"not a case webhook: {e}"})
    if payload.get("event") != "case.created":
        return 204, ""
    try:
        decision, audit = policy.decide(json.dumps(case), decided_at="2026-11-25T10:00:00+08:00")
    except RedressError as e:
        return 422, json.dumps({"error": e.status_name, "message": e.message,
                                "diagnostics": e.diagnostics})
    return 200, json.dumps({
        "case": decision["incident"],
        "policy": decision["policy"]["id"],
        "policy_version": decision["policy"]["version"],
        "priority": decision["priority"],
        "owner": decision["owner"],
        "respond_by": decision["deadlines"]["first_response_due"],
        "remedies": [r["id"] for r in decision["remedies"]],
        "compensation_total": decision["compensation_total"],
        "decision_id": audit["decision_id"],
    })


def main(folder):
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        status, body = handle(path.read_bytes())
        print(f"{path.name}: {status} {body}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent / "payloads")
