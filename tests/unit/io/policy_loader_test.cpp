// The YAML policy loader: the README example, every bad-input fixture in tests/data/bad/, and
// the positions of characters inside quoted, folded and block scalars.
#include "redress/io/policy_loader.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

using redress::Diagnostic;
using redress::SourceLocation;
using redress::io::load_policy_spec;
using redress::policy::ActionSpec;
using redress::policy::PolicySpec;
using redress::policy::RuleSpec;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The first ```yaml block of rules/README.md: the complete example users copy from.
std::string readme_example() {
  const auto readme = read_file(REDRESS_SOURCE_DIR "/rules/README.md");
  const std::string fence = "```yaml\n";
  const auto start = readme.find(fence);
  REQUIRE(start != std::string::npos);
  const auto end = readme.find("```", start + fence.size());
  REQUIRE(end != std::string::npos);
  return readme.substr(start + fence.size(), end - start - fence.size());
}

PolicySpec load_ok(const std::string& text) {
  const auto result = load_policy_spec(text, "test.yaml");
  for (const auto& d : result.diagnostics.items()) UNSCOPED_INFO(redress::render(d, text));
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.spec);
  return *result.spec;
}

/// Loads tests/data/bad/NAME and returns its only diagnostic.
Diagnostic load_bad(const std::string& name) {
  const auto text = read_file(REDRESS_SOURCE_DIR "/tests/data/bad/" + name);
  const auto result = load_policy_spec(text, name);
  for (const auto& d : result.diagnostics.items()) UNSCOPED_INFO(redress::render(d, text));
  CHECK_FALSE(result.spec);
  REQUIRE(result.diagnostics.size() == 1);
  const auto& d = result.diagnostics.items().front();
  CHECK(d.location.file == name);
  return d;
}

const RuleSpec& find_rule(const PolicySpec& spec, std::string_view id) {
  for (const auto& entry : spec.rules) {
    if (entry.rule && entry.rule->id.value == id) return *entry.rule;
    if (!entry.group) continue;
    for (const auto& rule : entry.group->rules) {
      if (rule.id.value == id) return rule;
    }
  }
  throw std::runtime_error("no rule " + std::string(id));
}

SourceLocation at(std::int32_t line, std::int32_t column) {
  return SourceLocation{"test.yaml", line, column};
}

/// A valid policy whose rules section is `rules` (its first line is line 8).
std::string with_rules(const std::string& rules) {
  return "policy: {id: p, version: \"1\", currency: CNY}\n"
         "roles:\n"
         "  - id: agent\n"
         "    authority: unlimited\n"
         "sla:\n"
         "  targets:\n"
         "    - {priority: 1, first_response: 1h, resolution: 1d}\n"
         "rules:\n" +
         rules;
}

/// The `when` of the only rule of a policy whose rules section is `rules`.
redress::policy::Text when_of(const std::string& rules) {
  const auto spec = load_ok(with_rules(rules));
  REQUIRE(spec.rules.size() == 1);
  REQUIRE(spec.rules[0].rule);
  return spec.rules[0].rule->when;
}

}  // namespace

TEST_CASE("the README example loads with every section", "[io][policy_loader]") {
  const auto text = readme_example();
  const auto spec = load_ok(text);
  CHECK(spec.file == "test.yaml");
  CHECK(spec.source == text);

  CHECK(spec.metadata.id.value == "acme-retail");
  CHECK(spec.metadata.version.value == "2.3.0");
  CHECK(spec.metadata.version.location == at(2, 11));
  CHECK(spec.metadata.version.first_char == at(2, 12));
  CHECK(spec.metadata.currency.value == "CNY");
  REQUIRE(spec.metadata.locales.size() == 2);
  CHECK(spec.metadata.locales[1].value == "zh");
  CHECK(spec.metadata.description.value == "Retail stores and the web shop.");

  CHECK(spec.taxonomy.base.value == "standard");
  REQUIRE(spec.taxonomy.add.size() == 1);
  CHECK(spec.taxonomy.add[0].id.value == "core.unavailable.out_of_stock");
  CHECK(spec.taxonomy.add[0].failure_type.value == "outcome");

  REQUIRE(spec.facts.size() == 4);
  CHECK(spec.facts[0].default_value->value == "0 CNY");
  CHECK(spec.facts[1].sensitive);
  CHECK_FALSE(spec.facts[1].default_value);
  CHECK(spec.facts[2].derived);
  CHECK(spec.facts[3].values.size() == 3);

  REQUIRE(spec.remedies.size() == 3);
  CHECK_FALSE(spec.remedies[0].monetary);
  CHECK(spec.remedies[1].monetary);
  CHECK(spec.remedies[1].goodwill);
  CHECK_FALSE(spec.remedies[2].goodwill);
  CHECK(spec.remedies[2].covers.size() == 2);
  CHECK(spec.remedies[0].text.at("zh").value == "首先真诚道歉。");
  CHECK(spec.communication.size() == 2);
  CHECK(spec.departments.at(0).name.value == "After-sales service");

  REQUIRE(spec.roles.size() == 3);
  CHECK(spec.roles[0].entry);
  CHECK_FALSE(spec.roles[1].entry);
  CHECK(spec.roles[0].reports_to.value == "supervisor");
  CHECK(spec.roles[2].authority.value == "unlimited");
  CHECK(spec.roles[2].reports_to.value.empty());

  REQUIRE(spec.calendars.size() == 1);
  CHECK(spec.calendars[0].utc_offset.value == "+08:00");
  CHECK(spec.calendars[0].working_days.size() == 5);
  CHECK(spec.calendars[0].holidays[1].value == "2026-10-02");

  CHECK(spec.sla.calendar.value == "office");
  CHECK(spec.sla.default_priority.value == "4");
  REQUIRE(spec.sla.targets.size() == 4);
  CHECK(spec.sla.targets[3].first_response.value == "4 business_hours");
}

TEST_CASE("the README example's rules keep order, actions and locations", "[io][policy_loader]") {
  const auto spec = load_ok(readme_example());
  REQUIRE(spec.rules.size() == 3);
  REQUIRE(spec.rules[0].rule);
  REQUIRE(spec.rules[1].group);
  REQUIRE(spec.rules[2].rule);

  const auto& feelings = *spec.rules[0].rule;
  REQUIRE(feelings.actions.size() == 2);
  CHECK(feelings.actions[0].kind == ActionSpec::Kind::say);
  CHECK(feelings.actions[0].target.value == "apologise_first");
  CHECK(feelings.actions[1].kind == ActionSpec::Kind::remedy);

  const auto& group = *spec.rules[1].group;
  CHECK(group.id.value == "priority");
  CHECK(group.hit.value == "first");
  REQUIRE(group.rules.size() == 2);
  const auto& set = group.rules[0].actions.at(0);
  CHECK(set.kind == ActionSpec::Kind::set);
  CHECK(set.target.value == "priority");
  CHECK(set.value.value == "1");
  CHECK(set.location == at(96, 22));
  CHECK(set.value.location == at(96, 32));
  CHECK(set.value.first_char == at(96, 33));

  const auto& voucher = find_rule(spec, "stock-voucher");
  CHECK(voucher.when.value == "category in core.unavailable and loss > 0 CNY");
  CHECK(voucher.when.location == at(101, 10));
  CHECK(voucher.when.first_char == at(101, 10));
  CHECK(voucher.when.offsets.empty());
  CHECK(voucher.when.at(9) == at(101, 19));
  REQUIRE(voucher.after.size() == 1);
  CHECK(voucher.after[0].value == "feelings-first");
  REQUIRE(voucher.actions.size() == 3);
  const auto& remedy = voucher.actions[0];
  CHECK(remedy.target.value == "voucher");
  CHECK(remedy.value.value == "min(loss / 2, 200 CNY)");
  CHECK(remedy.value.first_char == at(104, 39));
  CHECK(remedy.value.at(4) == at(104, 43));
  CHECK(voucher.actions[1].kind == ActionSpec::Kind::involve);
  CHECK(voucher.actions[2].kind == ActionSpec::Kind::escalate);
  CHECK(voucher.actions[2].target.value == "supervisor");
}

TEST_CASE("bad: yaml.syntax", "[io][policy_loader]") {
  const auto d = load_bad("yaml_syntax.yaml");
  CHECK(d.code == "yaml.syntax");
  CHECK(d.location.line == 10);
  CHECK(d.location.column == 3);
  CHECK(d.message == "end of sequence not found");
  CHECK(d.hint == "check indentation and quoting near here");
}

TEST_CASE("bad: nesting past 64 levels is yaml.too_deep where it goes past",
          "[io][policy_loader]") {
  const auto d = load_bad("too_deep.yaml");
  CHECK(d.code == "yaml.too_deep");
  CHECK(d.location.line == 8);
  CHECK(d.location.column == 70);  // the 64th '[' after 'rules:' opens level 65
  CHECK(d.message == "the document nests more than 64 levels of maps and lists here");

  // The limit itself is allowed: 64 levels, the top-level map being the first.
  const auto nested = [](int lists) {
    return "policy: {id: p, version: \"1\", currency: CNY}\nrules: " + std::string(lists, '[') +
           std::string(lists, ']') + "\n";
  };
  const auto at_limit = load_policy_spec(nested(63), "deep.yaml");
  for (const auto& item : at_limit.diagnostics.items()) CHECK(item.code != "yaml.too_deep");
  const auto past = load_policy_spec(nested(64), "deep.yaml");
  REQUIRE(past.diagnostics.size() == 1);
  CHECK(past.diagnostics.items().front().code == "yaml.too_deep");

  // Far past yaml-cpp's own guard (about 500 levels), still located, in flow and block style.
  const auto block = [] {
    std::string text = "policy: {id: p, version: \"1\", currency: CNY}\nrules:\n";
    for (int i = 0; i < 1000; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "-\n";
    return text;
  }();
  const auto deep_block = load_policy_spec(block, "deep.yaml");
  REQUIRE(deep_block.diagnostics.size() == 1);
  CHECK(deep_block.diagnostics.items().front().code == "yaml.too_deep");
  CHECK(deep_block.diagnostics.items().front().location.line == 2 + 63);
  const auto deep_flow = load_policy_spec(nested(100'000), "deep.yaml");
  REQUIRE(deep_flow.diagnostics.size() == 1);
  CHECK(deep_flow.diagnostics.items().front().location.column == 70);
}

TEST_CASE("bad: unknown key with did-you-mean", "[io][policy_loader]") {
  const auto d = load_bad("unknown_key.yaml");
  CHECK(d.code == "policy.unknown_key");
  CHECK(d.location.line == 9);
  CHECK(d.location.column == 4);
  CHECK(d.message == "unknown key 'descripton' in rule");
  CHECK(d.hint == "did you mean 'description'?");
}

TEST_CASE("bad: unknown action with did-you-mean", "[io][policy_loader]") {
  const auto d = load_bad("unknown_key_action.yaml");
  CHECK(d.code == "policy.unknown_key");
  CHECK(d.location.line == 10);
  CHECK(d.location.column == 8);
  CHECK(d.message == "unknown action 'remdy'");
  CHECK(d.hint == "did you mean 'remedy'?");
}

TEST_CASE("bad: wrong type", "[io][policy_loader]") {
  const auto d = load_bad("wrong_type.yaml");
  CHECK(d.code == "policy.wrong_type");
  CHECK(d.location.line == 8);
  CHECK(d.location.column == 2);
  CHECK(d.message == "'rules' must be a list, found a map");
}

TEST_CASE("bad: top level is not a map", "[io][policy_loader]") {
  const auto d = load_bad("wrong_type_top_level.yaml");
  CHECK(d.code == "policy.wrong_type");
  CHECK(d.location.line == 0);
  CHECK(d.location.column == 0);
  CHECK(d.message == "a policy document must be a map, found a list");
}

TEST_CASE("bad: missing key", "[io][policy_loader]") {
  const auto d = load_bad("missing_key.yaml");
  CHECK(d.code == "policy.missing_key");
  CHECK(d.location.line == 8);
  CHECK(d.location.column == 4);
  CHECK(d.message == "rule is missing required key 'then'");
  CHECK_THAT(d.hint, Catch::Contains("'then: [{say: STEP}]'"));
}

TEST_CASE("bad: hit value", "[io][policy_loader]") {
  const auto d = load_bad("bad_value.yaml");
  CHECK(d.code == "policy.bad_value");
  CHECK(d.location.line == 9);
  CHECK(d.location.column == 9);
  CHECK(d.message == "'hit' must be 'first' or 'collect', found 'frist'");
  CHECK(d.hint == "did you mean 'first'?");
}

TEST_CASE("bad: duplicate key", "[io][policy_loader]") {
  const auto d = load_bad("duplicate_key.yaml");
  CHECK(d.code == "policy.duplicate_key");
  CHECK(d.location.line == 11);
  CHECK(d.location.column == 4);
  CHECK(d.message == "duplicate key 'when' in rule");
  CHECK(d.hint == "'when' is already given on line 10; keep only one");
}

TEST_CASE("bad: action with two keys", "[io][policy_loader]") {
  const auto d = load_bad("wrong_type_action_keys.yaml");
  CHECK(d.code == "policy.wrong_type");
  CHECK(d.location.line == 11);
  CHECK(d.location.column == 8);
  CHECK(d.message == "an action must have exactly one key, found 2 ('remedy', 'say')");
  CHECK(d.hint == "write each action as its own list item, each starting with '- '");
}

TEST_CASE("bad: nested group", "[io][policy_loader]") {
  const auto d = load_bad("wrong_type_nested_group.yaml");
  CHECK(d.code == "policy.wrong_type");
  CHECK(d.location.line == 11);
  CHECK(d.location.column == 8);
  CHECK(d.message == "groups cannot nest: a group inside group 'outer'");
  CHECK(d.hint == "move the inner group to the top level of 'rules'");
}

TEST_CASE("bad: monetary is not a boolean", "[io][policy_loader]") {
  const auto d = load_bad("wrong_type_boolean.yaml");
  CHECK(d.code == "policy.wrong_type");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 14);
  CHECK(d.message == "'monetary' must be true or false, found 'yes'");
  CHECK(d.hint == "write 'monetary: true' or 'monetary: false', without quotes");
}

TEST_CASE("bad: every problem is reported in one pass", "[io][policy_loader]") {
  const std::string name = "several_problems.yaml";
  const auto result =
      load_policy_spec(read_file(REDRESS_SOURCE_DIR "/tests/data/bad/" + name), name);
  CHECK_FALSE(result.spec);
  auto diagnostics = result.diagnostics;
  diagnostics.sort();
  REQUIRE(diagnostics.size() == 4);
  const auto& d = diagnostics.items();
  CHECK(d[0].code == "policy.missing_key");  // 'rules', at the document's start
  CHECK(d[0].message == "policy document is missing required key 'rules'");
  CHECK(d[0].location == SourceLocation{name, 0, 0});
  CHECK(d[1].message == "'policy' section is missing required key 'version'");
  CHECK(d[1].location == SourceLocation{name, 0, 8});
  CHECK(d[2].code == "policy.wrong_type");
  CHECK(d[2].message == "'entry' must be true or false, found \"true\" (quoted, so a string)");
  CHECK(d[2].location == SourceLocation{name, 4, 11});
  CHECK(d[3].code == "policy.unknown_key");
  CHECK(d[3].hint == "did you mean 'rules'?");
  CHECK(d[3].location == SourceLocation{name, 8, 0});
}

TEST_CASE("scalar positions: quoted expressions", "[io][policy_loader][text]") {
  SECTION("double-quoted on one line: first_char is right of the quote") {
    const auto when = when_of("  - id: r\n    when: \"loss > 0 CNY\"\n    then: []\n");
    CHECK(when.value == "loss > 0 CNY");
    CHECK(when.location == at(9, 10));
    CHECK(when.first_char == at(9, 11));
    CHECK(when.offsets.empty());
    CHECK(when.at(7) == at(9, 18));
    CHECK(when.at(when.value.size()) == at(9, 23));  // just past the end
  }
  SECTION("single-quoted with a doubled quote") {
    const auto when = when_of("  - id: r\n    when: 'touchpoint == ''x'''\n    then: []\n");
    CHECK(when.value == "touchpoint == 'x'");
    CHECK(when.first_char == at(9, 11));
    REQUIRE(when.offsets.size() == when.value.size());
    CHECK(when.at(14) == at(9, 25));
    CHECK(when.at(15) == at(9, 27));
    CHECK(when.at(16) == at(9, 28));
  }
  SECTION("double-quoted over two lines with escapes") {
    const auto when = when_of(
        "  - id: r\n    when: \"emotion == angry\n      and touchpoint == \\\"web\\\"\"\n"
        "    then: []\n");
    CHECK(when.value == "emotion == angry and touchpoint == \"web\"");
    CHECK(when.first_char == at(9, 11));
    REQUIRE(when.offsets.size() == when.value.size());
    CHECK(when.at(16) == at(9, 27));  // the folded line break
    CHECK(when.at(17) == at(10, 6));
    CHECK(when.at(35) == at(10, 24));  // \" is at its backslash
    CHECK(when.at(36) == at(10, 26));
  }
  SECTION("a tag before the scalar") {
    const auto when = when_of("  - id: r\n    when: !!str safety_critical\n    then: []\n");
    CHECK(when.value == "safety_critical");
    CHECK(when.location == at(9, 10));
    CHECK(when.first_char == at(9, 16));
  }
}

TEST_CASE("scalar positions: block and multi-line scalars", "[io][policy_loader][text]") {
  SECTION("literal block") {
    const auto when = when_of(
        "  - id: r\n    when: |\n      emotion == angry\n        and loss > 0 CNY\n"
        "    then: []\n");
    CHECK(when.value == "emotion == angry\n  and loss > 0 CNY\n");
    CHECK(when.location == at(9, 10));
    CHECK(when.first_char == at(10, 6));
    REQUIRE(when.offsets.size() == when.value.size());
    CHECK(when.at(8) == at(10, 14));
    CHECK(when.at(16) == at(10, 22));
    CHECK(when.at(17) == at(11, 6));
    CHECK(when.at(19) == at(11, 8));
  }
  SECTION("folded block with a comment after the header") {
    const auto when = when_of(
        "  - id: r\n    when: >-  # folded\n      emotion == angry\n      and loss > 0 CNY\n"
        "    then: []\n");
    CHECK(when.value == "emotion == angry and loss > 0 CNY");
    CHECK(when.first_char == at(10, 6));
    CHECK(when.at(16) == at(10, 22));
    CHECK(when.at(17) == at(11, 6));
    CHECK(when.at(32) == at(11, 21));
  }
  SECTION("plain scalar over two lines") {
    const auto when =
        when_of("  - id: r\n    when: emotion == angry\n      and loss > 0 CNY\n    then: []\n");
    CHECK(when.value == "emotion == angry and loss > 0 CNY");
    CHECK(when.first_char == at(9, 10));
    CHECK(when.at(5) == at(9, 15));
    CHECK(when.at(17) == at(10, 6));
  }
  SECTION("CRLF line endings and a byte-order mark") {
    std::string text = "\xEF\xBB\xBF" + with_rules(
                                            "  - id: r\n    when: \"emotion == angry\n"
                                            "      and safety_critical\"\n    then: []\n");
    for (std::size_t i = 0; (i = text.find('\n', i)) != std::string::npos; i += 2) {
      text.insert(i, "\r");
    }
    const auto spec = load_ok(text);
    const auto& when = spec.rules.at(0).rule->when;
    CHECK(when.value == "emotion == angry and safety_critical");
    CHECK(when.first_char == at(9, 11));
    CHECK(when.at(17) == at(10, 6));
  }
}

TEST_CASE("Text::at without a known location stays unknown", "[io][policy_loader][text]") {
  redress::policy::Text text;
  text.value = "abc";
  CHECK_FALSE(text.at(2).known());
}

TEST_CASE("a rule may have an empty then, and a rule without when", "[io][policy_loader]") {
  const auto spec = load_ok(with_rules("  - id: a\n    then: []\n  - id: b\n    then:\n"));
  REQUIRE(spec.rules.size() == 2);
  CHECK(spec.rules[1].rule->actions.empty());
  CHECK(spec.rules[1].rule->when.value.empty());
}

TEST_CASE("set gives one action per fact, in written order", "[io][policy_loader]") {
  const auto spec = load_ok(with_rules(
      "  - id: r\n    then:\n      - set: {priority: \"2\", double_deviation: \"true\"}\n"));
  const auto& actions = spec.rules.at(0).rule->actions;
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].target.value == "priority");
  CHECK(actions[1].target.value == "double_deviation");
  CHECK(actions[1].value.value == "true");
  CHECK(actions[1].location == at(10, 29));
}

TEST_CASE("an empty document names the required sections", "[io][policy_loader]") {
  const auto result = load_policy_spec("", "empty.yaml");
  CHECK_FALSE(result.spec);
  REQUIRE(result.diagnostics.size() == 4);
  for (const auto& d : result.diagnostics.items()) CHECK(d.code == "policy.missing_key");
  CHECK(result.diagnostics.items()[0].message ==
        "policy document is missing required key 'policy'");
}

TEST_CASE("load_taxonomy reads categories and checks their keys", "[io][policy_loader]") {
  redress::Diagnostics diagnostics;
  const auto good = redress::io::load_taxonomy(
      "categories:\n  - id: core\n    type: outcome\n  - id: core.unavailable\n", "tax.yaml",
      diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(good);
  REQUIRE(good->size() == 2);
  CHECK((*good)[0].failure_type.value == "outcome");
  CHECK((*good)[1].id.location == SourceLocation{"tax.yaml", 3, 8});

  const auto bad = redress::io::load_taxonomy("categories:\n  - id: core\n    typ: outcome\n",
                                              "tax.yaml", diagnostics);
  CHECK_FALSE(bad);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].code == "policy.unknown_key");
  CHECK(diagnostics.items()[0].message == "unknown key 'typ' in taxonomy category");
  CHECK(diagnostics.items()[0].hint == "did you mean 'type'?");
  CHECK(diagnostics.items()[0].location == SourceLocation{"tax.yaml", 2, 4});
}

TEST_CASE("the shipped policies and taxonomy load without diagnostics", "[io][policy_loader]") {
  for (const std::string name : {"default.yaml", "hotel.yaml", "bank.yaml", "airline.yaml",
                                 "car-service.yaml", "retail.yaml", "telecom.yaml"}) {
    INFO(name);
    const auto text = read_file(REDRESS_SOURCE_DIR "/rules/" + name);
    const auto result = load_policy_spec(text, name);
    for (const auto& d : result.diagnostics.items()) UNSCOPED_INFO(redress::render(d, text));
    CHECK(result.diagnostics.empty());
    CHECK(result.spec);
  }
  redress::Diagnostics diagnostics;
  const auto categories = redress::io::load_taxonomy(
      read_file(REDRESS_SOURCE_DIR "/rules/taxonomy.yaml"), "taxonomy.yaml", diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(categories);
  CHECK_FALSE(categories->empty());
}
