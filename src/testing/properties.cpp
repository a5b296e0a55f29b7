// Properties: the input space walked (exhaustively when small, sampled with a fixed seed when
// not), each incident decided, and the first counterexample shrunk towards the base incident.
#include "testing/properties.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <random>

#include "diag/suggest.hpp"
#include "io/incident_node.hpp"
#include "redress/engine/decide.hpp"
#include "redress/engine/fact_values.hpp"
#include "redress/explain/counterfactual.hpp"
#include "redress/explain/input_space.hpp"
#include "redress/expr/compiler.hpp"
#include "testing/invariant.hpp"
#include "testing/yaml_location.hpp"

namespace redress::testing::detail {
namespace {

using Point = std::vector<std::int64_t>;  // one slot value per dimension

const std::vector<std::string> kPropertyKeys = {"name", "monotonic", "invariant", "samples",
                                                "seed"};
const std::vector<std::string> kWorseFacts = {"magnitude", "loss", "intensity", "tier",
                                              "prior_failures"};
constexpr std::size_t kDefaultSamples = 2000;

/// The incidents a property is checked on: the base incident with the facts the policy reads
/// set to their boundary values.
class Space {
 public:
  Space(const CompiledPolicy& policy, Incident base)
      : policy_(policy), base_(std::move(base)), dims_(explain::input_space(policy)) {
    const auto slots = fact_values(policy, base_);
    for (auto& d : dims_) {
      const auto value = slots[d.slot];
      base_point_.push_back(value);
      if (kind(d) == expr::TypeKind::set) continue;
      d.values.push_back(value);  // the base's own value, so that shrinking stays in the space
      std::sort(d.values.begin(), d.values.end());
      d.values.erase(std::unique(d.values.begin(), d.values.end()), d.values.end());
    }
  }

  [[nodiscard]] const std::vector<explain::Dimension>& dims() const { return dims_; }
  [[nodiscard]] const Point& base_point() const { return base_point_; }
  [[nodiscard]] expr::TypeKind kind(const explain::Dimension& d) const {
    return policy_.facts[d.slot].type.kind;
  }

  /// How many values dimension i takes (a set: every subset), saturating.
  [[nodiscard]] std::uint64_t size(std::size_t i) const {
    if (kind(dims_[i]) != expr::TypeKind::set) return dims_[i].values.size();
    const auto bits = dims_[i].values.size();
    return bits >= 63 ? std::numeric_limits<std::uint64_t>::max() : std::uint64_t{1} << bits;
  }
  /// Value number `n` of dimension i.
  [[nodiscard]] std::int64_t value(std::size_t i, std::uint64_t n) const {
    if (kind(dims_[i]) == expr::TypeKind::set) return static_cast<std::int64_t>(n);
    return dims_[i].values[n];
  }
  /// Every combination of values, when there are at most `limit`.
  [[nodiscard]] std::optional<std::uint64_t> total(std::uint64_t limit) const {
    std::uint64_t total = 1;
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      const auto n = size(i);
      if (n == 0) continue;
      if (total > limit / n) return std::nullopt;
      total *= n;
    }
    return total;
  }
  [[nodiscard]] Point combination(std::uint64_t index) const {
    Point p(dims_.size());
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      const auto n = std::max<std::uint64_t>(size(i), 1);
      p[i] = value(i, index % n);
      index /= n;
    }
    return p;
  }
  [[nodiscard]] Point sample(std::mt19937_64& rng) const {
    Point p(dims_.size());
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      const auto n = size(i);
      p[i] = n == 0 ? base_point_[i] : value(i, rng() % n);
    }
    return p;
  }

  [[nodiscard]] Incident incident(const Point& p) const {
    Incident out = base_;
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      if (p[i] != base_point_[i]) explain::set_fact(policy_, out, dims_[i].slot, p[i]);
    }
    return out;
  }

  /// "loss 1,600.00 CNY, tier vip": the facts in which `p` differs from the base.
  [[nodiscard]] std::string describe(const Point& p) const {
    std::string out;
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      if (p[i] == base_point_[i]) continue;
      if (!out.empty()) out += ", ";
      out += fmt::format("{} {}", policy_.facts[dims_[i].slot].name, text(i, p[i]));
    }
    return out.empty() ? "the base incident" : out;
  }

  [[nodiscard]] std::string text(std::size_t i, std::int64_t value) const {
    const auto v = fact_value(policy_, base_, dims_[i].slot, value);
    if (const auto* m = boost::variant2::get_if<Money>(&v)) return explain::money_text(*m);
    return to_string(v);
  }

 private:
  const CompiledPolicy& policy_;
  Incident base_;
  std::vector<explain::Dimension> dims_;
  Point base_point_;
};

/// What a property checks at one point: empty when it holds, else what broke.
using PointCheck = std::function<std::optional<Counterexample>(const Point&)>;

/// Runs `check` over the space and shrinks the first counterexample.
void walk(const Space& space, std::size_t samples, std::uint64_t seed, const PointCheck& check,
          PropertyResult& result) {
  std::optional<Point> failing;
  if (const auto total = space.total(samples)) {
    result.exhaustive = true;
    for (std::uint64_t i = 0; i < *total && !failing; ++i) {
      const auto p = space.combination(i);
      if (check(p)) failing = p;
    }
  } else {
    result.seed = seed;
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < samples && !failing; ++i) {
      const auto p = space.sample(rng);
      if (check(p)) failing = p;
    }
  }
  if (!failing) return;
  // Shrink: each fact back to the base's value while the property still fails.
  auto p = *failing;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == space.base_point()[i]) continue;
    auto q = p;
    q[i] = space.base_point()[i];
    if (check(q)) p = q;
  }
  result.counterexample = check(p);
}

std::int64_t owner_level(const CompiledPolicy& policy, const Decision& d) {
  for (std::size_t i = 0; i < policy.escalation_chain.size(); ++i) {
    if (policy.roles[policy.escalation_chain[i]].id == d.owner) return static_cast<std::int64_t>(i);
  }
  return -1;
}

/// What got better for the worse incident, if anything.
std::optional<std::string> regression(const CompiledPolicy& policy, const Decision& milder,
                                      const Decision& worse) {
  if (worse.compensation_total.minor() < milder.compensation_total.minor()) {
    return fmt::format("compensation_total fell from {} to {}",
                       explain::money_text(milder.compensation_total),
                       explain::money_text(worse.compensation_total));
  }
  if (worse.priority > milder.priority) {
    return fmt::format("priority became less urgent, from {} to {}", milder.priority,
                       worse.priority);
  }
  if (owner_level(policy, worse) < owner_level(policy, milder)) {
    return fmt::format("owner fell from {} to {}", milder.owner, worse.owner);
  }
  return std::nullopt;
}

std::optional<Decision> try_decide(const CompiledPolicy& policy, const Incident& incident) {
  try {
    return decide(policy, incident);
  } catch (const DecideError&) {
    return std::nullopt;  // an incident the policy cannot decide (an overflow) is not checked
  }
}

struct Parsed {
  std::size_t samples = kDefaultSamples;
  std::uint64_t seed = 1;
};

void check_monotonic(const YAML::Node& node, std::string_view file, const CompiledPolicy& policy,
                     const Space& space, const Parsed& parsed, PropertyResult& result) {
  std::vector<std::string> names = kWorseFacts;
  const auto& list = node["monotonic"];
  if (list.IsSequence()) {
    names.clear();
    for (const auto& item : list) {
      const auto name = item.as<std::string>();
      const auto slot = policy.fact_slot(name);
      const bool ordered = slot && policy.facts[*slot].source != FactSource::derived &&
                           (policy.facts[*slot].type.kind == expr::TypeKind::integer ||
                            policy.facts[*slot].type.kind == expr::TypeKind::money ||
                            policy.facts[*slot].type.kind == expr::TypeKind::enumeration);
      if (!ordered) {
        result.errors.error(
            "suite.bad_value", where(file, item),
            fmt::format("'{}' is not an int, money or enum fact the incident or host supplies",
                        name),
            fmt::format("list facts whose higher values are worse, e.g. {}",
                        fmt::join(kWorseFacts, ", ")));
        continue;
      }
      names.push_back(name);
    }
  } else if (!(list.IsScalar() && (list.as<std::string>() == "true"))) {
    result.errors.error("suite.bad_value", where(file, list),
                        "monotonic: takes a list of facts, or true for the usual ones",
                        fmt::format("write monotonic: [{}]", fmt::join(kWorseFacts, ", ")));
  }
  if (result.errors.has_errors()) return;
  // The dimensions to make worse: those the policy reads (others cannot change a decision).
  std::vector<std::size_t> worse;
  for (std::size_t i = 0; i < space.dims().size(); ++i) {
    if (std::find(names.begin(), names.end(), policy.facts[space.dims()[i].slot].name) !=
        names.end()) {
      worse.push_back(i);
    }
  }
  const auto check = [&](const Point& p) -> std::optional<Counterexample> {
    const auto incident = space.incident(p);
    const auto milder = try_decide(policy, incident);
    ++result.checked;
    if (!milder) return std::nullopt;
    for (const auto i : worse) {
      const auto& values = space.dims()[i].values;
      const auto next = std::upper_bound(values.begin(), values.end(), p[i]);
      if (next == values.end()) continue;
      auto q = p;
      q[i] = *next;
      auto worse_incident = space.incident(q);
      const auto worse_decision = try_decide(policy, worse_incident);
      ++result.checked;
      if (!worse_decision) continue;
      if (auto what = regression(policy, *milder, *worse_decision)) {
        return Counterexample{incident,
                              *milder,
                              std::move(worse_incident),
                              *worse_decision,
                              fmt::format("{} when {} rose from {} to {}", *what,
                                          policy.facts[space.dims()[i].slot].name,
                                          space.text(i, p[i]), space.text(i, q[i])),
                              space.describe(p),
                              space.describe(q)};
      }
    }
    return std::nullopt;
  };
  walk(space, parsed.samples, parsed.seed, check, result);
}

void check_invariant(const YAML::Node& node, std::string_view file, const CompiledPolicy& policy,
                     const Space& space, const Parsed& parsed, PropertyResult& result) {
  const auto& text_node = node["invariant"];
  const auto text = text_node.as<std::string>();
  // Columns of a one-line expression: a quoted scalar starts one byte after its mark.
  const auto start = text_node.Mark();
  const int quote = text_node.Tag() == "!" ? 1 : 0;
  InvariantSchema schema(policy);
  const auto program = expr::compile(
      text, schema, expr::Type::boolean(),
      [&](std::size_t offset) {
        return SourceLocation{std::string(file), start.line,
                              start.column + quote + static_cast<int>(offset)};
      },
      result.errors);
  if (!program) return;
  const auto check = [&](const Point& p) -> std::optional<Counterexample> {
    auto incident = space.incident(p);
    const auto decision = try_decide(policy, incident);
    ++result.checked;
    if (!decision) return std::nullopt;
    try {
      if (expr::evaluate(*program, schema.slots(incident, *decision)) != 0) return std::nullopt;
    } catch (const expr::EvaluationError&) {
      return std::nullopt;
    }
    return Counterexample{std::move(incident),
                          *decision,
                          std::nullopt,
                          std::nullopt,
                          fmt::format("'{}' is false", text),
                          space.describe(p),
                          {}};
  };
  walk(space, parsed.samples, parsed.seed, check, result);
}

PropertyResult run_property(const YAML::Node& node, std::string_view file,
                            const CompiledPolicy& policy, const Space& space) {
  PropertyResult result;
  result.location = where(file, node);
  result.name = node["name"] ? node["name"].as<std::string>()
                             : fmt::format("property at line {}", result.location.line + 1);
  for (const auto& entry : node) {
    const auto key = entry.first.as<std::string>();
    if (std::find(kPropertyKeys.begin(), kPropertyKeys.end(), key) != kPropertyKeys.end()) continue;
    result.errors.error("suite.unknown_key", where(file, entry.first),
                        fmt::format("unknown key '{}' in a property", key),
                        redress::detail::did_you_mean(key, kPropertyKeys));
  }
  Parsed parsed;
  if (node["samples"]) parsed.samples = node["samples"].as<std::size_t>();
  if (node["seed"]) parsed.seed = node["seed"].as<std::uint64_t>();
  const bool monotonic = static_cast<bool>(node["monotonic"]);
  const bool invariant = static_cast<bool>(node["invariant"]);
  if (monotonic == invariant) {
    result.errors.error("suite.missing_key", result.location,
                        "a property has either 'monotonic:' or 'invariant:'",
                        "write monotonic: [loss, tier] or invariant: \"<expression>\"");
  }
  if (result.errors.has_errors()) return result;
  result.kind = monotonic ? "monotonic" : "invariant";
  if (monotonic) {
    check_monotonic(node, file, policy, space, parsed, result);
  } else {
    check_invariant(node, file, policy, space, parsed, result);
  }
  return result;
}

}  // namespace

std::vector<PropertyResult> run_properties(const YAML::Node& list, const YAML::Node& base,
                                           std::string_view file, const CompiledPolicy& policy,
                                           const io::IncidentSchema& schema,
                                           std::string_view filter) {
  std::vector<PropertyResult> out;
  if (!list.IsSequence()) {
    PropertyResult bad;
    bad.location = where(file, list);
    bad.name = "properties";
    bad.errors.error("suite.bad_value", bad.location, "properties: is a list of properties",
                     "write properties: [{name: ..., monotonic: [loss]}]");
    out.push_back(std::move(bad));
    return out;
  }
  YAML::Node base_node = base ? YAML::Clone(base) : YAML::Node(YAML::NodeType::Map);
  if (!base_node["id"]) base_node["id"] = "property";
  if (!base_node["reported_at"]) base_node["reported_at"] = "2026-01-05T10:00:00+08:00";
  if (!base_node["category"]) base_node["category"] = policy.categories.front().id;
  auto read = io::read_incident_node(base_node, file, schema);
  for (const auto& node : list) {
    const auto name = node["name"] ? node["name"].as<std::string>() : std::string{};
    if (!filter.empty() && name.find(filter) == std::string::npos) continue;
    if (!read.incident) {
      PropertyResult bad;
      bad.location = where(file, node);
      bad.name = name;
      bad.errors = read.diagnostics;
      out.push_back(std::move(bad));
      continue;
    }
    try {
      const Space space(policy, *read.incident);
      out.push_back(run_property(node, file, policy, space));
    } catch (const DecideError& e) {
      // The base incident does not fit the policy (a host fact it needs is missing).
      PropertyResult bad;
      bad.location = where(file, node);
      bad.name = name;
      for (auto d : e.diagnostics().items()) {
        if (!d.location.known()) d.location = bad.location;
        bad.errors.add(std::move(d));
      }
      out.push_back(std::move(bad));
    }
  }
  return out;
}

}  // namespace redress::testing::detail

namespace redress::testing {

namespace {

std::string summary(const Decision& d) {
  std::vector<std::string_view> remedies;
  for (const auto& r : d.remedies) remedies.push_back(r.id);
  return fmt::format("owner {}, priority {}, compensation_total {}, remedies [{}]", d.owner,
                     d.priority, explain::money_text(d.compensation_total),
                     fmt::join(remedies, ", "));
}

}  // namespace

std::string describe(const PropertyResult& r) {
  if (r.errors.has_errors()) {
    std::string out = fmt::format("{}:{}: property '{}' is malformed\n", r.location.file,
                                  r.location.line + 1, r.name);
    for (const auto& d : r.errors.items()) out += render(d, {});
    return out;
  }
  std::string out =
      fmt::format("{}:{}: property '{}' ({}) {} on {} incidents ({})\n", r.location.file,
                  r.location.line + 1, r.name, r.kind, r.passed() ? "held" : "FAILED", r.checked,
                  r.exhaustive ? "every combination of boundary values"
                               : fmt::format("sampled, seed {}", r.seed));
  if (!r.counterexample) return out;
  const auto& c = *r.counterexample;
  out += fmt::format("  {}\n", c.what);
  out += fmt::format("  incident: {}\n    decided: {}\n", c.changes, summary(c.decision));
  if (c.worse_decision) {
    out += fmt::format("  worse incident: {}\n    decided: {}\n", c.worse_changes,
                       summary(*c.worse_decision));
  }
  return out;
}

}  // namespace redress::testing
