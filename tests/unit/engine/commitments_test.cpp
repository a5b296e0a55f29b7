// Commitments in decisions (due instants on a calendar with holidays and make-up days, a time
// of day on the next working day, recurrence, the order by due time) and recusal (involved roles
// skipped on the escalation path, the trace, the warnings).
#include <catch2/catch.hpp>

#include <algorithm>

#include "redress/engine/decide.hpp"
#include "support/fixtures.hpp"
#include "support/policies.hpp"
#include "support/time_values.hpp"

using redress::test::timestamp;

namespace {

using redress::test::warning_codes;

std::shared_ptr<const redress::CompiledPolicy> load(const char* name) {
  const auto path = redress::test::source_dir() / "tests/data/commitments" / name;
  return redress::test::compiled_policy(redress::test::read_file(path), path.string());
}

const redress::CompiledPolicy& policy() {
  static const auto compiled = load("policy.yaml");
  return *compiled;
}

redress::Incident outage(std::string_view reported = "2026-09-30T16:00:00+08:00") {
  redress::Incident in;
  in.id = "C-1";
  in.reported_at = timestamp(reported);
  in.category = "core.unavailable";
  in.facts.emplace("money_held", redress::FactValue(true));
  return in;
}

const redress::Commitment& commitment(const redress::Decision& d, std::string_view id) {
  const auto it = std::find_if(d.commitments.begin(), d.commitments.end(),
                               [&](const redress::Commitment& c) { return c.id == id; });
  REQUIRE(it != d.commitments.end());
  return *it;
}

std::vector<std::string> ids(const redress::Decision& d) {
  std::vector<std::string> out;
  for (const auto& c : d.commitments) out.emplace_back(c.id);
  return out;
}

}  // namespace

TEST_CASE("commitments fall due on the office calendar across the National Day holidays",
          "[engine][commitments]") {
  const auto d = redress::decide(policy(), outage(), {false, "zh"});
  // A plan for the customer in 30 minutes, wall clock.
  const auto& plan = commitment(d, "solution_plan");
  CHECK(plan.kind == redress::CommitmentKind::plan);
  CHECK(plan.assignee == "duty_manager");
  CHECK(plan.assignee_is_role);
  CHECK(plan.due_text == "30m");
  CHECK(plan.due.to_string() == "2026-09-30T16:30:00+08:00");
  CHECK(plan.text == "告知客户解决方案和时间");
  // The fix itself: 3 working days after Wednesday 30 September. 1 to 7 October are holidays or
  // the weekend; Thursday 8, Friday 9 and the make-up Saturday 10 are the three working days.
  const auto& repair = commitment(d, "repair");
  CHECK(repair.kind == redress::CommitmentKind::fix);
  CHECK_FALSE(repair.assignee_is_role);
  CHECK(repair.calendar == "cn_office");
  CHECK(repair.due_text == "3 working_days");
  CHECK(repair.due.to_string() == "2026-10-10T18:00:00+08:00");
  // "Tomorrow at 09:00" is the next working day: Thursday 8 October.
  const auto& call = commitment(d, "call_back");
  CHECK(call.due_text == "next working day at 09:00");
  CHECK(call.due.to_string() == "2026-10-08T09:00:00+08:00");
  CHECK(commitment(d, "written_confirmation").due.to_string() == "2026-10-08T18:00:00+08:00");
}

TEST_CASE("a recurring commitment lists its next due times and what ends it",
          "[engine][commitments]") {
  const auto d = redress::decide(policy(), outage());
  const auto& updates = commitment(d, "refund_updates");
  CHECK(updates.kind == redress::CommitmentKind::update);
  CHECK(updates.every == "24h");
  CHECK(updates.until == "the money is back on the customer's account");
  CHECK(updates.due.to_string() == "2026-10-01T16:00:00+08:00");
  REQUIRE(updates.following.size() == 2);
  CHECK(updates.following[0].to_string() == "2026-10-02T16:00:00+08:00");
  CHECK(updates.following[1].to_string() == "2026-10-03T16:00:00+08:00");
  CHECK(commitment(d, "solution_plan").following.empty());
  CHECK(commitment(d, "solution_plan").every.empty());
}

TEST_CASE("commitments are listed by due time, then in catalogue order", "[engine][commitments]") {
  const auto d = redress::decide(policy(), outage());
  CHECK(ids(d) == std::vector<std::string>{"solution_plan", "refund_updates", "call_back",
                                           "written_confirmation", "repair"});
  // Without the outage rule and the held money, only what every case commits to.
  auto slow = outage("2026-11-25T10:00:00+08:00");
  slow.category = "core.slow";
  slow.facts.clear();
  const auto quiet = redress::decide(policy(), slow);
  CHECK(ids(quiet) == std::vector<std::string>{"solution_plan", "written_confirmation"});
  CHECK(std::vector<std::string_view>(quiet.commitments[0].rules.begin(),
                                      quiet.commitments[0].rules.end()) ==
        std::vector<std::string_view>{"every-case"});
}

TEST_CASE("recusal skips an involved role on the escalation path", "[engine][recusal]") {
  auto in = outage();
  in.involved = {"duty_manager", "staff:4711"};
  const auto d = redress::decide(policy(), in, {true});
  // 300 CNY of goodwill: above the frontline's 100, within the duty manager's 500, but the
  // duty manager is involved, so the head of complaints owns the case.
  CHECK(d.owner == "complaints_head");
  CHECK(d.escalation_path == std::vector<std::string_view>{"frontline", "complaints_head"});
  REQUIRE(d.recusal);
  CHECK(d.recusal->required_by == std::vector<std::string_view>{"policy"});
  CHECK(d.recusal->involved == std::vector<std::string>{"duty_manager", "staff:4711"});
  CHECK(d.recusal->staff == std::vector<std::string>{"staff:4711"});
  REQUIRE(d.recusal->skipped.size() == 1);
  CHECK(d.recusal->skipped[0].role == "duty_manager");
  CHECK(d.recusal->skipped[0].reason == "involved in the matter");
  CHECK(d.owner_trace == std::vector<std::string>{
                             "pass frontline: authority 100.00 CNY is below the goodwill total "
                             "300.00 CNY",
                             "skip duty_manager: involved in the matter",
                             "owner complaints_head: not involved, authority 2000.00 CNY covers "
                             "the goodwill total 300.00 CNY"});
  // The duty manager still holds two commitments: each is a warning.
  CHECK(warning_codes(d) ==
        std::vector<std::string>{"commitment.assignee_involved", "commitment.assignee_involved"});
  CHECK(d.warnings[0].message ==
        "commitment 'solution_plan' is assigned to 'duty_manager', which is involved in the "
        "matter: assign it to 'complaints_head' or another role outside the matter");
  // Nobody involved: the duty manager owns it, nothing skipped, no trace without asking.
  const auto plain = redress::decide(policy(), outage());
  CHECK(plain.owner == "duty_manager");
  REQUIRE(plain.recusal);
  CHECK(plain.recusal->skipped.empty());
  CHECK(plain.owner_trace.empty());
  CHECK(warning_codes(plain).empty());
}

TEST_CASE("no uninvolved role with the authority is a warning", "[engine][recusal]") {
  static const auto compiled = load("recusal-rule.yaml");
  redress::Incident in;
  in.id = "R-1";
  in.reported_at = timestamp("2026-11-25T10:00:00+08:00");
  in.category = "core.slow";
  in.involved = {"team_lead"};
  // The rule requiring recusal does not fire: the team lead owns the case, involved or not.
  const auto without = redress::decide(*compiled, in);
  CHECK(without.owner == "team_lead");
  CHECK_FALSE(without.recusal);
  in.facts.emplace("staff_complaint", redress::FactValue(true));
  const auto d = redress::decide(*compiled, in, {true});
  // 800 CNY: the manager's 1500 covers it, the team lead is skipped.
  CHECK(d.owner == "manager");
  CHECK(d.escalation_path == std::vector<std::string_view>{"agent", "manager"});
  REQUIRE(d.recusal);
  CHECK(d.recusal->required_by == std::vector<std::string_view>{"about-staff"});
  CHECK(warning_codes(d).empty());
  const auto& entry = *std::find_if(d.trace.begin(), d.trace.end(),
                                    [](const auto& t) { return t.rule == "about-staff"; });
  CHECK(entry.actions ==
        std::vector<std::string>{"recusal required: the owner must not be involved in the matter"});
  // The manager involved too: the agent, the only role left, cannot grant 800 CNY.
  in.involved = {"team_lead", "manager"};
  const auto short_of_authority = redress::decide(*compiled, in);
  CHECK(warning_codes(short_of_authority) ==
        std::vector<std::string>{"recusal.no_uninvolved_owner"});
  CHECK(short_of_authority.owner == "agent");
  CHECK(short_of_authority.escalation_path == std::vector<std::string_view>{"agent"});
  CHECK(short_of_authority.warnings[0].message ==
        "no uninvolved role has the authority for the goodwill total 800.00 CNY; 'agent', the "
        "highest role not involved, owns the case and needs approval for the rest");
  // Everybody involved: the top role owns it, and the host must look outside.
  in.involved = {"agent", "team_lead", "manager"};
  const auto everyone = redress::decide(*compiled, in);
  CHECK(everyone.owner == "manager");
  CHECK(everyone.escalation_path == std::vector<std::string_view>{"manager"});
  CHECK(everyone.recusal->skipped.size() == 3);
  CHECK(everyone.warnings[0].message ==
        "every role from 'agent' up is involved in the matter; 'manager' owns the case, and the "
        "host must assign it to someone outside the matter");
}

TEST_CASE("the reference's commitments example decides as it shows", "[engine][commitments]") {
  const auto reference = redress::test::read_file(redress::test::source_dir() / "rules/README.md");
  const auto section = reference.find("### Commitments");
  REQUIRE(section != std::string::npos);
  const auto start = reference.find("```yaml\n", section) + 8;
  const auto end = reference.find("```", start);
  const auto text = reference.substr(start, end - start);
  const auto example = redress::test::compiled_policy(text, "README.md");
  auto in = outage();
  in.facts.clear();
  in.involved = {"frontline"};
  const auto d = redress::decide(*example, in);
  CHECK(ids(d) == std::vector<std::string>{"solution_plan", "refund_updates", "call_back",
                                           "written_confirmation", "repair"});
  CHECK(commitment(d, "repair").due.to_string() == "2026-10-10T18:00:00+08:00");
  CHECK(commitment(d, "call_back").due.to_string() == "2026-10-08T09:00:00+08:00");
  // No goodwill: the entry role could own it, but it is involved.
  CHECK(d.owner == "duty_manager");
  REQUIRE(d.recusal);
  REQUIRE(d.recusal->skipped.size() == 1);
  CHECK(d.recusal->skipped[0].role == "frontline");
}
