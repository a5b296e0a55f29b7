from redress_ctypes import Redress  # examples/crm-webhook-python/redress_ctypes.py

policy = Redress().load_policy()  # libredress_c from $REDRESS_C_LIBRARY; a path to your YAML
decision, audit = policy.decide('{"id": "P-3", "reported_at": "2026-11-25T09:30:00+08:00", '
                                '"category": "core.unavailable"}')
print(decision["owner"], decision["policy"]["version"], audit["decision_id"])
