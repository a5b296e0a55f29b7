// redress check POLICY...: load, compile and report; exit 1 if any policy has an error.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "redress/io/load_policy.hpp"

namespace redress::cli {

int run_check(const CheckArgs& args) {
  int exit_code = kOk;
  for (const auto& path : args.policies) {
    std::string text;
    if (!read_input(path, text)) {
      std::cerr << fmt::format("{}: error[policy.io]: cannot read the file\n", path);
      exit_code = kUnreadable;
      continue;
    }
    const auto result = load_policy(text, path);
    for (const auto& d : result.diagnostics.items()) {
      std::cerr << render(d, d.location.file == path ? std::string_view(text) : std::string_view{});
    }
    if (!result.policy) {
      std::cout << fmt::format("{}: FAILED ({} diagnostics)\n", path, result.diagnostics.size());
      if (exit_code == kOk) exit_code = kInvalidInput;
      continue;
    }
    const auto& p = *result.policy;
    std::cout << fmt::format("{}: OK: policy {} {} ({} rules, {} remedies, {} roles)\n", path,
                             p.identity.id, p.identity.version, p.rules.size(), p.remedies.size(),
                             p.roles.size());
  }
  return exit_code;
}

}  // namespace redress::cli
