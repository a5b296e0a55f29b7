// redress check [--format text|json] POLICY...: load, compile and lint each policy; exit 1 if
// any has an error-level diagnostic or finding.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "redress/io/diagnostics_writer.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"

namespace redress::cli {
namespace {

/// Compiler diagnostics, then (for a policy that compiled) the linter's findings.
Diagnostics check_one(const std::string& path, const std::string& text, CompileResult& result) {
  result = load_policy(text, path);
  Diagnostics all = result.diagnostics;
  if (result.policy) all.append(lint(*result.policy));
  all.sort();
  return all;
}

void print_text(const std::string& path, const CompileResult& result, const Diagnostics& all) {
  for (const auto& d : all.items()) {
    std::cerr << render(d, result.source_of(d.location.file));
  }
  if (!result.policy) {
    std::cout << fmt::format("{}: FAILED ({} diagnostics)\n", path, all.size());
    return;
  }
  const auto& p = *result.policy;
  std::cout << fmt::format("{}: {}: policy {} {} ({} rules, {} remedies, {} roles){}\n", path,
                           all.has_errors() ? "FAILED" : "OK", p.identity.id, p.identity.version,
                           p.rules.size(), p.remedies.size(), p.roles.size(),
                           all.empty() ? "" : fmt::format(", {} findings", all.size()));
}

}  // namespace

int run_check(const CheckArgs& args) {
  int exit_code = kOk;
  Diagnostics everything;
  for (const auto& path : args.policies) {
    std::string text;
    std::string error;
    if (!read_input(path, text, error)) {
      Diagnostics unreadable;
      unreadable.error("policy.io", {path, -1, -1}, fmt::format("cannot read the file: {}", error),
                       "check the path and the file's permissions");
      if (args.format == "json") {
        everything.append(unreadable);
      } else {
        std::cerr << render(unreadable.items().front(), {});
      }
      exit_code = kUnreadable;
      continue;
    }
    CompileResult result;
    const auto all = check_one(path, text, result);
    if (args.format == "json") {
      everything.append(all);
    } else {
      print_text(path, result, all);
    }
    if (all.has_errors() && exit_code == kOk) exit_code = kInvalidInput;
  }
  if (args.format == "json") std::cout << io::to_json(everything, 2) << "\n";
  return exit_code;
}

}  // namespace redress::cli
