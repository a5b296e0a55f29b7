// Audit records: fixed fields, deterministic ids, and never a sensitive fact.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include <redress/io/audit.hpp>
#include <redress/redress.hpp>

#include "support/fixtures.hpp"

namespace {

struct BankCase {
  std::shared_ptr<const redress::CompiledPolicy> policy;
  std::string text;
  redress::Decision decision;
};

// The bank's double-debit sample, with an account number the policy declares sensitive.
BankCase bank_case() {
  const auto root = redress::test::source_dir();
  auto loaded = redress::load_policy_file(root / "rules/bank.yaml");
  REQUIRE(loaded.policy);
  auto text = redress::test::read_file(root / "examples/incidents/bank/double-debit.json");
  REQUIRE(text.find("\"account_number\"") != std::string::npos);
  auto read = redress::io::read_incident(text, "double-debit.json",
                                         redress::io::incident_schema(*loaded.policy));
  REQUIRE(read.incident);
  redress::DecideOptions options;
  options.trace = true;
  auto decision = redress::decide(*loaded.policy, *read.incident, options);
  return {loaded.policy, text, decision};
}

redress::Timestamp at(const char* text) {
  redress::Timestamp t;
  std::string error;
  REQUIRE(redress::Timestamp::parse(text, t, error));
  return t;
}

}  // namespace

TEST_CASE("an audit record names the policy, the input digest, the rules and the outcome",
          "[io][audit]") {
  const auto c = bank_case();
  const auto line = redress::io::audit_record(c.decision, c.text, at("2026-11-25T10:00:00+08:00"));
  CHECK(line.find('\n') == std::string::npos);
  const auto record = nlohmann::ordered_json::parse(line);

  std::vector<std::string> keys;
  for (const auto& item : record.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"decision_id", "decided_at", "incident", "policy",
                                         "input_digest", "rules_fired", "outcome"});
  CHECK(record["decided_at"] == "2026-11-25T10:00:00+08:00");
  CHECK(record["incident"] == c.decision.incident_id);
  CHECK(record["policy"]["id"] == "bank");
  CHECK(record["policy"]["version"] == c.policy->identity.version);
  CHECK(record["policy"]["hash"] == c.policy->identity.hash);
  CHECK(record["input_digest"] == redress::io::input_digest(c.text));
  CHECK_THAT(record["input_digest"].get<std::string>(), Catch::StartsWith("sha256:"));
  CHECK(record["decision_id"] ==
        redress::io::decision_id(c.policy->identity, redress::io::input_digest(c.text)));
  CHECK(record["decision_id"].get<std::string>().size() == 4 + 32);

  // rules_fired: the fired rules of the trace, in evaluation order.
  std::vector<std::string> fired;
  for (const auto& entry : c.decision.trace) {
    if (entry.outcome == redress::TraceEntry::Outcome::fired) fired.emplace_back(entry.rule);
  }
  REQUIRE_FALSE(fired.empty());
  CHECK(record["rules_fired"].get<std::vector<std::string>>() == fired);

  const auto& outcome = record["outcome"];
  CHECK(outcome["priority"] == c.decision.priority);
  CHECK(outcome["owner"] == c.decision.owner);
  const std::vector<std::string> path(c.decision.escalation_path.begin(),
                                      c.decision.escalation_path.end());
  CHECK(outcome["escalation_path"].get<std::vector<std::string>>() == path);
  CHECK(outcome["compensation_total"]["minor"] == c.decision.compensation_total.minor());
  REQUIRE(outcome["remedies"].size() == c.decision.remedies.size());
  for (std::size_t i = 0; i < c.decision.remedies.size(); ++i) {
    const auto& remedy = c.decision.remedies[i];
    CHECK(outcome["remedies"][i]["id"] == remedy.id);
    if (remedy.amount) {
      CHECK(outcome["remedies"][i]["amount"]["minor"] == remedy.amount->minor());
      CHECK(outcome["remedies"][i]["amount"]["currency"] == "CNY");
    } else {
      CHECK(outcome["remedies"][i]["amount"].is_null());
    }
  }
}

TEST_CASE("audit records and traces never contain a sensitive fact's value", "[io][audit]") {
  const auto c = bank_case();
  const auto account = nlohmann::json::parse(c.text)["facts"]["account_number"].get<std::string>();
  REQUIRE(account.size() >= 4);
  const auto line = redress::io::audit_record(c.decision, c.text, at("2026-11-25T10:00:00Z"));
  CHECK(line.find(account) == std::string::npos);
  CHECK(line.find("account_number") == std::string::npos);
  const auto json = redress::io::to_json(c.decision, {true, 2});
  CHECK(json.find(account) == std::string::npos);
}

TEST_CASE("the decision id is deterministic and changes with the policy or the input",
          "[io][audit]") {
  const redress::PolicyIdentity a{"p", "1", "sha256:aa"}, b{"p", "2", "sha256:bb"};
  const auto digest = redress::io::input_digest("{\"id\": \"X\"}");
  CHECK(redress::io::decision_id(a, digest) == redress::io::decision_id(a, digest));
  CHECK(redress::io::decision_id(a, digest) != redress::io::decision_id(b, digest));
  CHECK(redress::io::decision_id(a, digest) !=
        redress::io::decision_id(a, redress::io::input_digest("{\"id\": \"Y\"}")));
  // The well-known SHA-256 of the empty string: the digest is the standard one.
  CHECK(redress::io::input_digest("") ==
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a rule reading a sensitive fact shows it masked in the trace", "[io][audit]") {
  const auto root = redress::test::source_dir();
  auto policy_text = redress::test::read_file(root / "rules/bank.yaml");
  const auto at_rules = policy_text.find("\nrules:\n");
  REQUIRE(at_rules != std::string::npos);
  policy_text.insert(at_rules + 8,
                     "  - id: probe-account\n"
                     "    when: account_number != \"\"\n"
                     "    then:\n"
                     "      - set: {double_deviation: \"true\"}\n");
  auto loaded = redress::load_policy(policy_text, (root / "rules/bank-probe.yaml").string());
  REQUIRE(loaded.policy);
  const auto text = redress::test::read_file(root / "examples/incidents/bank/double-debit.json");
  auto read = redress::io::read_incident(text, "double-debit.json",
                                         redress::io::incident_schema(*loaded.policy));
  REQUIRE(read.incident);
  redress::DecideOptions options;
  options.trace = true;
  const auto decision = redress::decide(*loaded.policy, *read.incident, options);
  const auto probe = std::find_if(decision.trace.begin(), decision.trace.end(),
                                  [](const auto& e) { return e.rule == "probe-account"; });
  REQUIRE(probe != decision.trace.end());
  CHECK(probe->outcome == redress::TraceEntry::Outcome::fired);
  REQUIRE(probe->read.size() == 1);
  CHECK(probe->read[0].name == "account_number");
  CHECK(redress::to_string(probe->read[0].value) == "***");
  const auto json = redress::io::to_json(decision, {true, -1});
  CHECK(json.find("6222021001987654321") == std::string::npos);
  const auto line = redress::io::audit_record(decision, text, at("2026-11-25T10:00:00Z"));
  CHECK(line.find("6222021001987654321") == std::string::npos);
  CHECK(line.find("probe-account") != std::string::npos);  // the rule, not the value
}
