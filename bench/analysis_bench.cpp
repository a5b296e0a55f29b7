// Times the analyses of the shipped policies (bench/README.md, "Analyses"):
//
//   explain   every outcome (owner, priority, each remedy, each derived flag) of every sample
//             incident of each shipped policy (examples/incidents/ for default.yaml,
//             examples/incidents/NAME/ for rules/NAME.yaml): the slowest and the median
//             explanation (each the best of three runs).
//   properties the `properties:` of each shipped suite (rules/*.test.yaml), run as `redress
//             test` runs them: the time of the suite's properties, and the incidents checked.
//   diff      redress diff --semantic of each shipped policy against itself with one authority
//             raised by half (every role's but the top's): the time and the regions found.
//
// Usage: redress_analysis_bench <source dir>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "redress/explain/counterfactual.hpp"
#include "redress/explain/semantic_diff.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/testing/suite.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> outcomes(const redress::CompiledPolicy& policy) {
  std::vector<std::string> out = {"owner", "priority"};
  for (const auto& remedy : policy.remedies) out.push_back("remedy:" + remedy.id);
  for (const auto& fact : policy.facts) {
    if (fact.source == redress::FactSource::derived &&
        fact.type.kind == redress::expr::TypeKind::boolean) {
      out.push_back("flag:" + fact.name);
    }
  }
  return out;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int bench_explain(const fs::path& root, const std::string& policy_file, const fs::path& dir) {
  const auto loaded = redress::load_policy_file(root / "rules" / policy_file);
  if (!loaded.policy) {
    std::cerr << policy_file << " does not compile\n";
    return 1;
  }
  const auto& policy = *loaded.policy;
  const auto schema = redress::io::incident_schema(policy);
  std::vector<double> times;
  std::string slowest;
  double worst = 0;
  std::size_t decided = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const auto read_back = redress::io::read_incident(read(file), file.string(), schema);
    if (!read_back.incident) continue;
    for (const auto& text : outcomes(policy)) {
      redress::Diagnostics ignored;
      const auto outcome = redress::explain::parse_outcome(policy, text, ignored);
      // The best of three runs: the machine is shared, and a run can be preempted.
      double ms = 1e9;
      redress::explain::Explanation e;
      for (int run = 0; run < 3; ++run) {
        const auto start = Clock::now();
        e = redress::explain::explain(policy, *read_back.incident, *outcome);
        ms = std::min(ms, ms_since(start));
      }
      decided += e.decisions;
      times.push_back(ms);
      if (ms > worst) {
        worst = ms;
        slowest = file.filename().string() + " " + text + ", " + std::to_string(e.decisions) +
                  " incidents decided";
      }
    }
  }
  std::sort(times.begin(), times.end());
  std::cout << "explain " << policy_file << ": " << times.size() << " explanations, median "
            << times[times.size() / 2] << " ms, max " << worst << " ms (" << slowest << "), "
            << decided / times.size() << " incidents decided on average\n";
  return 0;
}

int bench_properties(const fs::path& root, const std::string& name) {
  const auto suite = root / "rules" / (name + ".test.yaml");
  const auto text = read(suite);
  const auto loaded = redress::load_policy_file(root / "rules" / (name + ".yaml"));
  if (!loaded.policy) {
    std::cerr << name << ".yaml does not compile\n";
    return 1;
  }
  // The cases are run too (run_suite has no way to skip them); they are a few ms.
  const auto start = Clock::now();
  const auto result = redress::testing::run_suite(text, suite.string(), *loaded.policy);
  const auto ms = ms_since(start);
  std::size_t checked = 0;
  for (const auto& p : result.properties) checked += p.checked;
  std::cout << "properties " << name << ".test.yaml: " << result.properties.size()
            << " properties, " << result.properties_failed() << " failed, " << checked
            << " incidents decided, " << ms << " ms (with its " << result.cases.size()
            << " cases)\n";
  return result.properties_failed() == 0 ? 0 : 1;
}

int bench_diff(const fs::path& root, const std::string& name) {
  // Named by its path, so that its `include:` files are found beside it.
  const auto file = (root / "rules" / (name + ".yaml")).string();
  auto text = read(file);
  const auto old_policy = redress::load_policy(text, file).policy;
  if (!old_policy) {
    std::cerr << name << ".yaml does not compile\n";
    return 1;
  }
  // The new policy: the first role with a finite authority gets half as much again.
  const auto& roles = old_policy->roles;
  const auto role = std::find_if(roles.begin(), roles.end(), [](const redress::RoleInfo& r) {
    return r.authority.has_value();
  });
  if (role == roles.end()) {
    std::cerr << name << ": no role has a finite authority\n";
    return 1;
  }
  // The shipped policies write whole amounts: "authority: 500 CNY".
  const std::string code(old_policy->currency.code());
  const auto written = std::to_string(*role->authority / 100) + " " + code;
  const auto raised = std::to_string(*role->authority * 3 / 200) + " " + code;
  const auto at = text.find("authority: " + written);
  if (at == std::string::npos) {
    std::cerr << name << ": cannot find 'authority: " << written << "'\n";
    return 1;
  }
  text.replace(at, 11 + written.size(), "authority: " + raised);
  const auto new_policy = redress::load_policy(text, file).policy;
  if (!new_policy) {
    std::cerr << name << ".yaml with a raised authority does not compile\n";
    return 1;
  }
  const auto start = Clock::now();
  const auto diff = redress::explain::semantic_diff(
      *old_policy, *new_policy, redress::explain::default_base(*old_policy, *new_policy));
  const auto ms = ms_since(start);
  std::cout << "diff " << name << ".yaml with " << role->id << " at " << raised << ": "
            << diff.checked << " incidents, " << diff.regions.size() << " regions, " << ms
            << " ms\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: redress_analysis_bench <source dir>\n";
    return 2;
  }
  const fs::path root = argv[1];
  const auto examples = root / "examples" / "incidents";
  // The shipped policies: every rules/NAME.yaml with a suite, in name order.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(root / "rules")) {
    const auto file = entry.path().filename().string();
    const auto suffix = std::string(".test.yaml");
    if (file.size() > suffix.size() && file.ends_with(suffix)) {
      names.push_back(file.substr(0, file.size() - suffix.size()));
    }
  }
  std::sort(names.begin(), names.end());
  int status = 0;
  for (const auto& name : names) {
    status |= bench_explain(root, name + ".yaml", name == "default" ? examples : examples / name);
  }
  for (const auto& name : names) {
    status |= bench_properties(root, name);
    status |= bench_diff(root, name);
  }
  return status;
}
