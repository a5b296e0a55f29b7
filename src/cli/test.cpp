// redress test [--policy FILE] [--junit FILE] [--filter TEXT] [--coverage] [--min-coverage P]
//              [--report FILE.html]
//              SUITE...
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "redress/graph/policy_graph.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/report/coverage_report.hpp"
#include "redress/testing/coverage.hpp"
#include "redress/testing/junit.hpp"
#include "redress/testing/suite.hpp"

namespace redress::cli {
namespace {

/// The policies the suites name, compiled once each, with the suites that ran against them.
struct PolicyRun {
  CompileResult compiled;
  std::vector<testing::SuiteResult> suites;
};

std::string policy_key(const TestArgs& args, const std::string& suite_text,
                       const std::string& suite_path) {
  if (!args.policy.empty()) return args.policy;
  if (auto named = testing::suite_policy(suite_text, suite_path)) return named->string();
  return {};  // the built-in default policy
}

PolicyRun& policy_for(std::map<std::string, PolicyRun>& runs, const std::string& key) {
  auto it = runs.find(key);
  if (it != runs.end()) return it->second;
  PolicyRun run;
  run.compiled = key.empty() ? load_default_policy() : load_policy_file(key);
  return runs.emplace(key, std::move(run)).first->second;
}

void print_coverage(const std::string& key, const PolicyRun& run) {
  const auto cov = testing::coverage(*run.compiled.policy, run.suites);
  std::cout << fmt::format("coverage of {}: {} of {} rules fired ({:.1f}%)\n",
                           key.empty() ? std::string("the built-in policy") : key, cov.fired(),
                           cov.rules.size(), cov.percent());
  for (const auto& rule : cov.rules) {
    std::cout << fmt::format("  {:>4}  {}\n", rule.cases, rule.rule);
  }
  for (const auto& rule : cov.rules) {
    if (rule.cases > 0) continue;
    std::cout << fmt::format("  never fired: {} ({}:{})\n", rule.rule, rule.location.file,
                             rule.location.line + 1);
  }
}

}  // namespace

int run_test(const TestArgs& args) {
  std::map<std::string, PolicyRun> runs;
  std::vector<testing::SuiteResult> all;
  int exit_code = kOk;
  for (const auto& path : args.suites) {
    std::string text;
    std::string error;
    if (!read_input(path, text, error)) {
      std::cerr << fmt::format("{}: error[suite.io]: cannot read the file: {}\n", path, error);
      exit_code = kUnreadable;
      continue;
    }
    const auto key = policy_key(args, text, path);
    auto& run = policy_for(runs, key);
    if (!run.compiled.policy) {
      for (const auto& d : run.compiled.diagnostics.items()) {
        std::cerr << render(d, run.compiled.source_of(d.location.file));
      }
      const auto& items = run.compiled.diagnostics.items();
      const bool unreadable = items.size() == 1 && items.front().code == "policy.io";
      std::cerr << fmt::format("{}: its policy {}\n", path,
                               unreadable ? "cannot be read" : "did not compile");
      if (exit_code != kUnreadable) exit_code = unreadable ? kUnreadable : kPolicyInvalid;
      continue;
    }
    auto result = testing::run_suite(text, path, *run.compiled.policy, {args.filter});
    for (const auto& d : result.diagnostics.items()) std::cerr << render(d, text);
    for (const auto& c : result.cases) {
      if (!c.passed()) std::cout << testing::describe_failure(c);
    }
    for (const auto& p : result.properties) std::cout << testing::describe(p);
    run.suites.push_back(result);
    all.push_back(std::move(result));
  }
  std::size_t passed = 0, failed = 0;
  for (const auto& s : all) {
    passed += s.passed() + s.properties.size() - s.properties_failed();
    failed += s.failed() + s.properties_failed() + (s.diagnostics.has_errors() ? 1 : 0);
  }
  if (args.coverage || args.min_coverage >= 0) {
    for (const auto& [key, run] : runs) {
      if (!run.compiled.policy) continue;
      if (args.coverage) print_coverage(key, run);
      const auto percent = testing::coverage(*run.compiled.policy, run.suites).percent();
      if (args.min_coverage >= 0 && percent < args.min_coverage) {
        std::cout << fmt::format("coverage {:.1f}% is below the minimum of {:.1f}%\n", percent,
                                 args.min_coverage);
        if (exit_code == kOk) exit_code = kInvalidInput;
      }
    }
  }
  if (!args.report.empty()) {
    std::vector<report::CoverageSection> sections;
    for (const auto& [key, run] : runs) {
      if (!run.compiled.policy) continue;
      const auto& policy = *run.compiled.policy;
      report::CoverageSection section{
          fmt::format("{} {} ({})", policy.identity.id, policy.identity.version, policy.file),
          testing::coverage(policy, run.suites),
          {"Rules", {}, graph::rules_dot(policy)}};
      if (auto svg = graph::to_svg(section.rules.dot); svg.svg) section.rules.svg = *svg.svg;
      sections.push_back(std::move(section));
    }
    std::ofstream out(args.report, std::ios::binary);
    out << report::coverage_report_html(sections);
    if (!out) {
      std::cerr << fmt::format("{}: error: cannot write the report\n", args.report);
      exit_code = kUnreadable;
    }
  }
  if (!args.junit.empty()) {
    std::ofstream out(args.junit, std::ios::binary);
    out << testing::to_junit(all);
    if (!out) {
      std::cerr << fmt::format("{}: error: cannot write the JUnit report\n", args.junit);
      exit_code = kUnreadable;
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  if (failed > 0 && exit_code == kOk) exit_code = kInvalidInput;
  return exit_code;
}

}  // namespace redress::cli
