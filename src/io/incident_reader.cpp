#include "redress/io/incident_reader.hpp"

#include "io/incident_node.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <limits>
#include <map>

#include "diag/suggest.hpp"
#include "io/incident_fields.hpp"
#include "io/yaml/nesting.hpp"

namespace redress::io {
namespace {

using detail::FieldReader;

constexpr std::string_view kTopKeys[] = {
    "id",      "reported_at", "category",        "failure_type",    "magnitude",      "loss",
    "locus",   "stability",   "controllability", "safety_critical", "affected_count", "touchpoint",
    "emotion", "motives",     "deficits",        "customer",        "history",        "facts"};
constexpr std::string_view kEmotionKeys[] = {"state", "intensity"};
constexpr std::string_view kCustomerKeys[] = {"tier", "channel"};
constexpr std::string_view kHistoryKeys[] = {
    "prior_failures",        "last_failure_days_ago", "last_failure_same_category",
    "last_recovery_outcome", "open_complaints",       "reopen_count",
    "compensation_given",    "external_complaint"};

constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

// The value of `key`, or an undefined node when the key is absent or its value is null: an
// explicit null (as JSON writers emit for unset fields) means "use the default".
YAML::Node field(const YAML::Node& map, std::string_view key) {
  const YAML::Node value = map[std::string(key)];
  if (!value || value.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  return value;
}

template <typename T>
void store(std::optional<T> value, T& target) {
  if (value) target = std::move(*value);
}

template <typename T>
void store(std::optional<T> value, std::optional<T>& target) {
  if (value) target = std::move(*value);
}

// Reads one document's fields into an Incident, reporting every problem it finds.
class IncidentParser {
 public:
  IncidentParser(std::string_view file, const IncidentSchema& schema, Diagnostics& diagnostics)
      : read_(file, schema.currency, diagnostics), schema_(schema) {}

  Incident parse(const YAML::Node& root) {
    Incident incident;
    read_.check_keys(root, "", kTopKeys);
    required_fields(root, incident);
    failure_fields(root, incident);
    customer_fields(root, incident);
    if (auto n = field(root, "facts")) facts(n, incident.facts);
    return incident;
  }

 private:
  void required_fields(const YAML::Node& root, Incident& incident) {
    required(root, "id", "\"INC-1\"",
             [&](const YAML::Node& n) { store(read_.string(n, "id"), incident.id); });
    required(root, "reported_at", "\"2026-11-25T09:30:00+08:00\"", [&](const YAML::Node& n) {
      store(read_.timestamp(n, "reported_at"), incident.reported_at);
    });
    required(root, "category", "core.unavailable", [&](const YAML::Node& n) {
      store(read_.string(n, "category"), incident.category);
      check_category(n, incident.category);
    });
  }

  void check_category(const YAML::Node& node, const std::string& category) {
    const auto& known = schema_.categories;
    if (known.empty() || category.empty() ||
        std::find(known.begin(), known.end(), category) != known.end()) {
      return;
    }
    auto hint = redress::detail::did_you_mean(category, known);
    if (hint.empty()) hint = "use a category of the policy's taxonomy, e.g. core.unavailable";
    read_.error("incident.unknown_value", node,
                fmt::format("category '{}' is not in the policy's taxonomy", category),
                std::move(hint));
  }

  // What failed, how badly and where.
  void failure_fields(const YAML::Node& root, Incident& incident) {
    if (auto n = field(root, "failure_type")) {
      store(read_.enumeration<FailureType>(n, "failure_type"), incident.failure_type);
    }
    read_enum(root, "magnitude", incident.magnitude);
    if (auto n = field(root, "loss")) store(read_.money(n, "loss"), incident.loss);
    read_enum(root, "locus", incident.locus);
    read_enum(root, "stability", incident.stability);
    read_enum(root, "controllability", incident.controllability);
    read_flag(root, "safety_critical", "safety_critical", incident.safety_critical);
    read_count(root, "affected_count", "affected_count", incident.affected_count);
    if (auto n = field(root, "touchpoint")) {
      store(read_.string(n, "touchpoint"), incident.touchpoint);
    }
  }

  // How the customer feels, what they want, who they are and their past with the firm.
  void customer_fields(const YAML::Node& root, Incident& incident) {
    if (auto n = field(root, "emotion")) emotion(n, incident);
    if (auto n = field(root, "motives")) {
      store(read_.enum_set<Motive>(n, "motives"), incident.motives);
    }
    if (auto n = field(root, "deficits")) {
      store(read_.enum_set<Justice>(n, "deficits"), incident.deficits);
    }
    if (auto n = field(root, "customer")) customer(n, incident);
    if (auto n = field(root, "history")) history(n, incident.history);
  }

  /// Reads a field that must be present and non-empty; `where` names the enclosing map.
  template <typename Read>
  void required(const YAML::Node& map, std::string_view key, std::string_view example, Read read,
                std::string_view where = {}) {
    const YAML::Node value = map[std::string(key)];
    const bool empty =
        !value || value.IsNull() ||
        (detail::kind_of(value) == detail::ValueKind::string && value.Scalar().empty());
    if (empty) {
      read_.error("incident.missing_field", value ? value : map,
                  where.empty() ? fmt::format("missing required field '{}'", key)
                                : fmt::format("missing required field '{}' in {}", key, where),
                  fmt::format("add e.g. {}: {}", key, example));
      return;
    }
    read(value);
  }

  template <typename E>
  void read_enum(const YAML::Node& map, std::string_view key, E& target,
                 std::string_view name = {}) {
    if (auto n = field(map, key)) store(read_.enumeration<E>(n, name.empty() ? key : name), target);
  }

  void read_count(const YAML::Node& map, std::string_view key, std::string_view name,
                  std::int64_t& target) {
    if (auto n = field(map, key)) store(read_.integer(n, name, 0, kNoLimit), target);
  }

  void read_flag(const YAML::Node& map, std::string_view key, std::string_view name, bool& target) {
    if (auto n = field(map, key)) store(read_.boolean(n, name), target);
  }

  void emotion(const YAML::Node& node, Incident& incident) {
    if (detail::kind_of(node) == detail::ValueKind::string) {
      store(read_.enumeration<Emotion>(node, "emotion"), incident.emotion);
      return;
    }
    if (!read_.expect_map(node, "emotion", "{state: angry, intensity: 4}")) return;
    read_.check_keys(node, "emotion", kEmotionKeys);
    required(
        node, "state", "angry",
        [&](const YAML::Node& n) {
          store(read_.enumeration<Emotion>(n, "emotion.state"), incident.emotion);
        },
        "emotion");
    if (auto n = field(node, "intensity")) {
      store(read_.integer(n, "emotion.intensity", 1, 5), incident.intensity);
    }
  }

  void customer(const YAML::Node& node, Incident& incident) {
    if (!read_.expect_map(node, "customer", "{tier: vip, channel: phone}")) return;
    read_.check_keys(node, "customer", kCustomerKeys);
    read_enum(node, "tier", incident.tier, "customer.tier");
    read_enum(node, "channel", incident.channel, "customer.channel");
  }

  void history(const YAML::Node& node, History& history) {
    if (!read_.expect_map(node, "history", "{prior_failures: 1, last_failure_days_ago: 30}")) {
      return;
    }
    read_.check_keys(node, "history", kHistoryKeys);
    read_count(node, "prior_failures", "history.prior_failures", history.prior_failures);
    read_count(node, "last_failure_days_ago", "history.last_failure_days_ago",
               history.last_failure_days_ago);
    read_flag(node, "last_failure_same_category", "history.last_failure_same_category",
              history.last_failure_same_category);
    read_enum(node, "last_recovery_outcome", history.last_recovery_outcome,
              "history.last_recovery_outcome");
    read_count(node, "open_complaints", "history.open_complaints", history.open_complaints);
    read_count(node, "reopen_count", "history.reopen_count", history.reopen_count);
    if (auto n = field(node, "compensation_given")) {
      store(read_.money(n, "history.compensation_given"), history.compensation_given);
    }
    read_flag(node, "external_complaint", "history.external_complaint", history.external_complaint);
  }

  void facts(const YAML::Node& node, std::map<std::string, FactValue>& out) {
    if (!read_.expect_map(node, "facts", "{room_rate: \"1200 CNY\"}")) return;
    std::vector<std::string_view> declared;
    for (const auto& info : schema_.host_facts) declared.push_back(info.name);
    for (const auto& entry : node) {
      const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string{};
      const auto info = std::find_if(schema_.host_facts.begin(), schema_.host_facts.end(),
                                     [&](const HostFactInfo& f) { return f.name == name; });
      if (info == schema_.host_facts.end()) {
        unknown_fact(entry.first, name, declared);
        continue;
      }
      if (entry.second.IsNull()) continue;
      if (auto value = fact_value(entry.second, *info))
        out.insert_or_assign(name, std::move(*value));
    }
  }

  void unknown_fact(const YAML::Node& key, const std::string& name,
                    const std::vector<std::string_view>& declared) {
    std::string hint = redress::detail::did_you_mean(name, declared);
    if (hint.empty()) {
      hint = declared.empty() ? std::string("the policy declares no host facts")
                              : fmt::format("the policy declares: {}", fmt::join(declared, ", "));
    }
    read_.error("incident.unknown_field", key,
                fmt::format("unknown fact '{}': the policy does not declare it", name),
                std::move(hint));
  }

  std::optional<FactValue> fact_value(const YAML::Node& node, const HostFactInfo& info) {
    const std::string name = "facts." + info.name;
    const std::vector<std::string_view> values(info.values.begin(), info.values.end());
    switch (info.kind) {
      case HostFactInfo::Kind::boolean:
        if (auto v = read_.boolean(node, name)) return FactValue(*v);
        break;
      case HostFactInfo::Kind::integer:
        if (auto v = read_.integer(node, name)) return FactValue(*v);
        break;
      case HostFactInfo::Kind::money:
        if (auto v = read_.money(node, name)) return FactValue(*v);
        break;
      case HostFactInfo::Kind::string:
        if (auto v = read_.string(node, name)) return FactValue(Symbol{*v});
        break;
      case HostFactInfo::Kind::enumeration:
        if (auto v = read_.choice(node, name, values)) return FactValue(Symbol{info.values[*v]});
        break;
      case HostFactInfo::Kind::set:
        if (auto v = read_.choices(node, name, values)) {
          SymbolSet set;
          for (std::size_t i : *v) set.names.push_back(info.values[i]);
          return FactValue(std::move(set));
        }
        break;
    }
    return std::nullopt;
  }

  FieldReader read_;
  const IncidentSchema& schema_;
};

}  // namespace

IncidentResult read_incident(std::string_view text, std::string_view file,
                             const IncidentSchema& schema) {
  IncidentResult result;
  YAML::Node root;
  try {
    if (const auto deep = yaml::first_too_deep(text, yaml::kMaxNesting)) {
      result.diagnostics.error(
          "incident.too_deep", {std::string(file), deep->line, deep->column},
          fmt::format("the incident nests more than {} levels of maps and lists here",
                      yaml::kMaxNesting),
          "an incident needs three levels at most: look for an unclosed '[' or '{'");
      return result;
    }
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    result.diagnostics.error("incident.syntax", {std::string(file), e.mark.line, e.mark.column},
                             fmt::format("the incident is not valid JSON or YAML: {}", e.msg));
    return result;
  }
  return read_incident_node(root, file, schema);
}

IncidentResult read_incident_node(const YAML::Node& root, std::string_view file,
                                  const IncidentSchema& schema) {
  IncidentResult result;
  if (!root.IsMap()) {
    const bool blank = !root || root.IsNull();
    const YAML::Mark mark = root.Mark();
    result.diagnostics.error("incident.wrong_type",
                             {std::string(file), std::max(mark.line, 0), std::max(mark.column, 0)},
                             blank ? std::string("the incident document is empty")
                                   : fmt::format("an incident must be a map of fields, found {}",
                                                 detail::describe(detail::kind_of(root))),
                             "write a map with at least id, reported_at and category");
    return result;
  }
  IncidentParser parser(file, schema, result.diagnostics);
  Incident incident = parser.parse(root);
  if (!result.diagnostics.has_errors()) result.incident = std::move(incident);
  return result;
}

}  // namespace redress::io
