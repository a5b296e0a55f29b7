// Private to the incident readers: the one reading of an incident document, driven by the field
// table (redress/model/incident_fields.hpp) and written once for both formats. A Source gives
// the document's values; it provides
//   using Value;                                   a handle to one value
//   Scalar scalar(Value&);                         its kind (and a scalar's value), read once
//   void entries(Map&, int depth, f);              f(Key&, Value&), where a Key has
//       bool matches(std::string_view name)         equality with a name free of escapes
//       std::string_view text(); Position at();     its text and where it is
//   void items(Value&, int depth, f);              f(Value&)
//   void skip(Value&, int depth);                  a value not read (JSON checks its syntax)
// Keys are visited in document order; diagnostics are put in table order by ValueChecks.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "diag/suggest.hpp"
#include "io/incident_values.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/model/incident_fields.hpp"

namespace redress::io::detail {

/// The policy's side of reading, indexed once per reader.
struct SchemaIndex {
  explicit SchemaIndex(const IncidentSchema& s) : schema(s) {
    categories.insert(s.categories.begin(), s.categories.end());
    for (const auto& fact : s.host_facts) {
      fact_names.push_back(fact.name);
      fact_paths.push_back("facts." + fact.name);
      fact_values.emplace_back(fact.values.begin(), fact.values.end());
    }
  }
  const IncidentSchema& schema;
  std::unordered_set<std::string_view> categories;
  std::vector<std::string_view> fact_names;  // for suggestions
  std::vector<std::string> fact_paths;       // "facts.room_rate", as messages name them
  std::vector<std::vector<std::string_view>> fact_values;
};

/// Resets `in` to a default Incident, keeping the memory of its strings and lists (and its facts,
/// which IncidentParser::read() reuses and trims).
void reset_incident(Incident& in);

/// The lists IncidentParser fills while it reads, kept from one document to the next so that a
/// reader reading many documents allocates none.
struct ParserScratch {
  std::vector<std::size_t> indices;        // choices()'
  std::vector<bool> seen_facts;            // facts()'
  std::vector<const FactValue*> assigned;  // the facts given a value, this document
};

template <typename Source>
class IncidentParser {
 public:
  using Value = typename Source::Value;

  IncidentParser(Source& source, ValueChecks& checks, const SchemaIndex& index,
                 ParserScratch& scratch)
      : source_(source),
        checks_(checks),
        index_(index),
        indices_(scratch.indices),
        seen_facts_(scratch.seen_facts),
        assigned_(scratch.assigned) {}

  /// Reads the document's root map `root`, written at `at`, into `out` (reset_incident() first).
  template <typename Root>
  void read(Root& root, Position at, Incident& out) {
    assigned_.clear();
    group<-1>(root, at, out, 1);
    drop_unassigned(out.facts);
  }

 private:
  static constexpr std::uint32_t own_order(std::size_t field) {
    return 2 * static_cast<std::uint32_t>(field + 1);
  }
  static constexpr std::uint32_t keys_order(int group) {
    return 2 * static_cast<std::uint32_t>(group + 1) + 1;
  }
  static constexpr std::string_view path_of(int group) {
    return group < 0 ? std::string_view{} : kIncidentFields[static_cast<std::size_t>(group)].path;
  }

  template <auto Fields>
  static constexpr auto names_of() {
    std::array<std::string_view, Fields.size()> names{};
    for (std::size_t j = 0; j < Fields.size(); ++j) names[j] = kIncidentFields[Fields[j]].name();
    return names;
  }

  // The position of `key` in `names` (names.size() when absent), trying `next` first: documents
  // mostly list the fields in the table's order. A key is compared as written first, and read
  // (its escapes undone) only when that fails.
  template <typename Key, typename Names>
  static std::size_t find(const Names& names, Key& key, std::size_t next) {
    if (next < names.size() && key.matches(names[next])) return next;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (key.matches(names[i])) return i;
    }
    return index_of(key.text(), names);
  }

  // Calls visit(std::integral_constant<std::size_t, Fields[k]>{}).
  template <auto Fields, typename Visit>
  static void dispatch(std::size_t k, Visit&& visit) {
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((k == J ? visit(std::integral_constant<std::size_t, Fields[J]>{}) : void()), ...);
    }
    (std::make_index_sequence<Fields.size()>{});
  }

  // The fields of group G (-1: the root) from `map`, into `object` (what G's fields are kept in).
  template <int G, typename Map, typename Object>
  void group(Map& map, Position at, Object& object, int depth) {
    static constexpr auto kFields = incident_group_fields<G>();
    static constexpr auto kNames = names_of<kFields>();
    std::uint64_t seen = 0;
    std::size_t next = 0;
    source_.entries(map, depth, [&](auto& key, Value& value) {
      const std::size_t k = find(kNames, key, next);
      if (k == kNames.size() || (seen >> k & 1U) != 0) {
        checks_.set_order(keys_order(G));
        if (k == kNames.size()) {
          checks_.unknown_field(key.text(), key.at(), path_of(G), kNames);
        } else {
          checks_.duplicate_field(key.text(), key.at(), path_of(G));
        }
        source_.skip(value, depth + 1);
        return;
      }
      seen |= std::uint64_t{1} << k;
      next = k + 1;
      dispatch<kFields>(k, [&](auto f) { this->template field<f>(value, object, depth + 1); });
    });
    for (std::size_t j = 0; j < kFields.size(); ++j) {
      const FieldInfo& info = kIncidentFields[kFields[j]];
      if (info.required && (seen >> j & 1U) == 0) {
        checks_.set_order(own_order(kFields[j]));
        checks_.missing_field(info.name(), at, path_of(G), info.example);
      }
    }
  }

  // Field I's value `v` into its place in `object`. Null means "the default".
  template <std::size_t I, typename Object>
  void field(Value& v, Object& object, int depth) {
    static constexpr const FieldInfo& info = kIncidentFields[I];
    checks_.set_order(own_order(I));
    const Scalar s = source_.scalar(v);
    if (s.kind == ValueKind::null ||
        (info.required && s.kind == ValueKind::string && s.text.empty())) {
      if (info.required)
        checks_.missing_field(info.name(), s.at, path_of(info.parent), info.example);
      return;
    }
    value<I>(v, s, IncidentField<I>::Stored::in(object), info.path, depth);
  }

  template <std::size_t I, typename T>
  void value(Value& v, const Scalar& s, T& target, std::string_view name, int depth) {
    static constexpr const FieldInfo& info = kIncidentFields[I];
    if constexpr (info.kind == FieldKind::group) {
      if (s.kind == ValueKind::map) return group<static_cast<int>(I)>(v, s.at, target, depth);
      if constexpr (info.shorthand) {
        static constexpr std::size_t kFirst = incident_group_fields<static_cast<int>(I)>()[0];
        if (s.kind == ValueKind::string) {
          return value<kFirst>(v, s, IncidentField<kFirst>::Stored::in(target), name, depth);
        }
      }
      checks_.expect_map(s, name, info.example);
    } else if constexpr (info.kind == FieldKind::money) {
      if (s.kind == ValueKind::map) return store(money_map(v, s, name, info.min, depth), target);
      if (s.kind == ValueKind::string) return store(checks_.money_text(s, name, info.min), target);
      checks_.not_money(s, name);
    } else if constexpr (info.kind == FieldKind::enum_set) {
      if (s.kind == ValueKind::list) return enum_set(v, name, info.values, target, depth);
      checks_.not_list(s, name, info.values);
    } else if constexpr (info.kind == FieldKind::text_list) {
      if (s.kind == ValueKind::list) return text_list(v, name, target, depth);
      checks_.not_list(s, name, {});
    } else if constexpr (info.kind == FieldKind::host_facts) {
      if (checks_.expect_map(s, name, info.example)) return facts(v, target, depth);
    } else if constexpr (info.max_values > 1) {
      if (s.kind == ValueKind::list) return several<I>(v, target, name, depth);
      target.clear();
      if (auto one = one_of_several<I>(s, name, false)) target.push_back(std::move(*one));
    } else {
      scalar<I>(s, target, name);
    }
    if (s.container()) source_.skip(v, depth);
  }

  // A field whose value is one scalar.
  template <std::size_t I, typename T>
  void scalar(const Scalar& s, T& target, std::string_view name) {
    static constexpr const FieldInfo& info = kIncidentFields[I];
    if constexpr (info.kind == FieldKind::text) {
      if (const auto text = checks_.string(s, name)) target.assign(*text);
    } else if constexpr (info.kind == FieldKind::category) {
      if (const auto text = checks_.string(s, name)) {
        target.assign(*text);
        check_category(s);
      }
    } else if constexpr (info.kind == FieldKind::timestamp) {
      store(checks_.timestamp(s, name), target);
    } else if constexpr (info.kind == FieldKind::flag) {
      store(checks_.boolean(s, name), target);
    } else if constexpr (info.kind == FieldKind::integer) {
      store(checks_.integer(s, name, info.min, info.max), target);
    } else if constexpr (info.kind == FieldKind::enumeration) {
      using E = typename redress::detail::fields::Enumerated<T>::type;
      if (const auto index = checks_.choice(s, name, info.values)) target = static_cast<E>(*index);
    } else {
      static_assert(I < 0, "say how a field of this kind is read");
    }
  }

  // One value of a field of several values (FieldInfo::max_values): a category or an enum
  // value; a map or another kind is reported with both forms the field takes.
  template <std::size_t I>
  auto one_of_several(const Scalar& s, std::string_view name, bool entry) {
    static constexpr const FieldInfo& info = kIncidentFields[I];
    using T = typename IncidentField<I>::type;
    std::optional<typename T::value_type> out;
    const bool category = info.kind == FieldKind::category;
    if (s.kind != ValueKind::string && entry) {
      checks_.wrong_type(s, name,
                         category ? std::string("a category")
                                  : fmt::format("one of {}", fmt::join(info.values, ", ")));
    } else if (s.kind != ValueKind::string) {
      checks_.wrong_type(
          s, name,
          category ? fmt::format("a category or a list of up to {} categories", info.max_values)
                   : fmt::format("one of {}, or a list of them", fmt::join(info.values, ", ")),
          fmt::format("write e.g. {}: {} or {}: [{}, ...]", info.name(), info.example, info.name(),
                      info.example));
    } else if constexpr (info.kind == FieldKind::category) {
      out.emplace(s.text);
      check_category(s);
    } else {
      if (const auto index = checks_.choice(s, name, info.values)) {
        out = static_cast<typename T::value_type>(*index);
      }
    }
    return out;
  }

  // A list of up to max_values different values, the primary first, in written order; an
  // empty list is no value (the field's default). Nothing is stored when an entry is wrong.
  template <std::size_t I, typename T>
  void several(Value& v, T& target, std::string_view name, int depth) {
    static constexpr const FieldInfo& info = kIncidentFields[I];
    target.clear();
    bool ok = true;
    std::size_t count = 0;
    source_.items(v, depth, [&](Value& item) {
      const Scalar s = source_.scalar(item);
      if (s.container()) source_.skip(item, depth + 1);
      auto one = one_of_several<I>(s, fmt::format("each entry of {}", name), true);
      ++count;
      if (!one) {
        ok = false;
      } else if (count == info.max_values + 1U) {
        ok = false;
        checks_.error(
            "incident.too_many_values", s.at,
            fmt::format("{} lists more than {} values", name, info.max_values),
            fmt::format("keep the {} that matter most, the primary first", info.max_values));
      } else if (count <= info.max_values &&
                 std::find(target.begin(), target.end(), *one) != target.end()) {
        ok = false;
        checks_.error("incident.duplicate_value", s.at,
                      fmt::format("{} lists '{}' twice", name, shown(s.text)),
                      "list each value once");
      } else if (count <= info.max_values) {
        target.push_back(std::move(*one));
      }
    });
    if (!ok) target.clear();
  }

  template <typename T, typename Target>
  static void store(std::optional<T> value, Target& target) {
    if (value) target = std::move(*value);
  }

  void check_category(const Scalar& s) {
    if (index_.categories.empty() || s.text.empty() || index_.categories.contains(s.text)) return;
    auto hint = redress::detail::did_you_mean(s.text, index_.schema.categories);
    if (hint.empty()) hint = "use a category of the policy's taxonomy, e.g. core.unavailable";
    checks_.error("incident.unknown_value", s.at,
                  fmt::format("category '{}' is not in the policy's taxonomy", shown(s.text)),
                  std::move(hint));
  }

  // {minor: 80000, currency: CNY}
  std::optional<Money> money_map(Value& v, const Scalar& s, std::string_view name, std::int64_t min,
                                 int depth) {
    std::optional<Scalar> minor;
    std::optional<Scalar> currency;
    std::vector<std::pair<std::string_view, Position>> unknown;
    source_.entries(v, depth, [&](auto& key, Value& value) {
      const std::size_t k = find(kMoneyParts, key, 0);
      auto* part = k == 0 ? &minor : k == 1 ? &currency : nullptr;
      if (!part) {
        unknown.emplace_back(key.text(), key.at());
      } else if (*part) {
        checks_.duplicate_field(key.text(), key.at(), name);
      } else {
        *part = source_.scalar(value);
        if ((*part)->container()) source_.skip(value, depth + 1);
        return;
      }
      source_.skip(value, depth + 1);
    });
    return checks_.money_map(s.at, name, minor ? &*minor : nullptr, currency ? &*currency : nullptr,
                             unknown, min);
  }

  // A list of an enum's values into a sorted, duplicate-free list (sets are unordered: equal sets
  // compare equal). Nothing is stored when an entry is wrong.
  template <typename E>
  void enum_set(Value& v, std::string_view name, std::span<const std::string_view> values,
                std::vector<E>& target, int depth) {
    if (!choices(v, name, values, depth)) return;
    target.clear();
    for (std::size_t i : indices_) target.push_back(static_cast<E>(i));
  }

  // A list of strings, in written order; an entry of another kind is reported.
  void text_list(Value& v, std::string_view name, std::vector<std::string>& target, int depth) {
    target.clear();
    source_.items(v, depth, [&](Value& item) {
      const Scalar s = source_.scalar(item);
      if (const auto text = checks_.string(s, fmt::format("each entry of {}", name))) {
        target.emplace_back(*text);
      } else if (s.container()) {
        source_.skip(item, depth + 1);
      }
    });
  }

  // The entries of the list `v`, each one of `values`, as sorted unique indices in indices_.
  bool choices(Value& v, std::string_view name, std::span<const std::string_view> values,
               int depth) {
    indices_.clear();
    bool ok = true;
    source_.items(v, depth, [&](Value& item) {
      const Scalar s = source_.scalar(item);
      const std::size_t index = index_of(s.text, values);
      if (s.kind == ValueKind::string && index < values.size()) {
        indices_.push_back(index);
        return;
      }
      ok = false;
      checks_.choice(s, fmt::format("each entry of {}", name), values);
      if (s.container()) source_.skip(item, depth + 1);
    });
    std::sort(indices_.begin(), indices_.end());
    indices_.erase(std::unique(indices_.begin(), indices_.end()), indices_.end());
    return ok;
  }

  // The host facts the policy declares, typed as declared. The map may hold the facts of the
  // incident read before: a fact read again reuses its node; read() erases the others.
  void facts(Value& v, std::map<std::string, FactValue>& out, int depth) {
    const auto& declared = index_.schema.host_facts;
    seen_facts_.assign(declared.size(), false);
    std::size_t next = 0;
    source_.entries(v, depth, [&](auto& key, Value& value) {
      const std::size_t k = find(index_.fact_names, key, next);
      if (k == declared.size() || seen_facts_[k]) {
        if (k == declared.size()) {
          unknown_fact(key.text(), key.at());
        } else {
          checks_.duplicate_field(key.text(), key.at(), "facts");
        }
        return source_.skip(value, depth + 1);
      }
      seen_facts_[k] = true;
      next = k + 1;
      const Scalar s = source_.scalar(value);
      if (s.kind == ValueKind::null) return;  // as if not given
      FactValue& slot = slot_for(out, declared[k].name);
      if (fact_value(value, s, k, slot, depth + 1)) assigned_.push_back(&slot);
      const auto kind = declared[k].kind;
      const bool read = (kind == HostFactInfo::Kind::money && s.kind == ValueKind::map) ||
                        (kind == HostFactInfo::Kind::set && s.kind == ValueKind::list);
      if (s.container() && !read) source_.skip(value, depth + 1);
    });
  }

  void unknown_fact(std::string_view name, Position at) {
    std::string hint = redress::detail::did_you_mean(name, index_.fact_names);
    if (hint.empty()) {
      hint = index_.fact_names.empty()
                 ? std::string("the policy declares no host facts")
                 : fmt::format("the policy declares: {}", fmt::join(index_.fact_names, ", "));
    }
    checks_.error("incident.unknown_field", at,
                  fmt::format("unknown fact '{}': the policy does not declare it", shown(name)),
                  std::move(hint));
  }

  // Reads `v` as a value of declared fact k into `out`, reusing the memory `out` holds when it
  // has the same type already. False when the value does not fit (reported).
  bool fact_value(Value& v, const Scalar& s, std::size_t k, FactValue& out, int depth) {
    const HostFactInfo& info = index_.schema.host_facts[k];
    const std::string& name = index_.fact_paths[k];
    const auto& values = index_.fact_values[k];
    switch (info.kind) {
      case HostFactInfo::Kind::boolean:
        return assign(checks_.boolean(s, name), out);
      case HostFactInfo::Kind::integer:
        return assign(checks_.integer(s, name), out);
      case HostFactInfo::Kind::money:
        if (s.kind == ValueKind::map) return assign(money_map(v, s, name, kNoMinimum, depth), out);
        if (s.kind == ValueKind::string) {
          return assign(checks_.money_text(s, name, kNoMinimum), out);
        }
        checks_.not_money(s, name);
        return false;
      case HostFactInfo::Kind::string:
        if (const auto text = checks_.string(s, name)) return symbol(out).assign(*text), true;
        return false;
      case HostFactInfo::Kind::enumeration:
        if (const auto i = checks_.choice(s, name, values)) {
          return symbol(out).assign(info.values[*i]), true;
        }
        return false;
      case HostFactInfo::Kind::set:
        if (s.kind != ValueKind::list) {
          checks_.not_list(s, name, values);
          return false;
        }
        if (!choices(v, name, values, depth)) return false;
        if (!boost::variant2::holds_alternative<SymbolSet>(out)) out = SymbolSet{};
        auto& names = boost::variant2::get<SymbolSet>(out).names;
        names.resize(indices_.size());
        for (std::size_t i = 0; i < indices_.size(); ++i) names[i].assign(info.values[indices_[i]]);
        return true;
    }
    return false;
  }

  template <typename T>
  static bool assign(std::optional<T> value, FactValue& out) {
    if (!value) return false;
    out = std::move(*value);
    return true;
  }

  // The name of the Symbol `value` holds, made a Symbol first if it is not.
  static std::string& symbol(FactValue& value) {
    if (!boost::variant2::holds_alternative<Symbol>(value)) value = Symbol{};
    return boost::variant2::get<Symbol>(value).name;
  }

  // The map's value for `name`, inserted (false) when missing. The maps are small: a scan finds
  // it comparing little more than lengths.
  static FactValue& slot_for(std::map<std::string, FactValue>& facts, const std::string& name) {
    if (facts.size() <= 8) {
      for (auto& [key, value] : facts) {
        if (equal(key, name)) return value;
      }
    } else if (const auto it = facts.find(name); it != facts.end()) {
      return it->second;
    }
    return facts.emplace(name, FactValue(false)).first->second;
  }

  // Erases from `facts` what this document did not assign (all of it when it had no facts).
  void drop_unassigned(std::map<std::string, FactValue>& facts) const {
    if (facts.size() == assigned_.size()) return;
    for (auto it = facts.begin(); it != facts.end();) {
      const bool kept =
          std::find(assigned_.begin(), assigned_.end(), &it->second) != assigned_.end();
      it = kept ? std::next(it) : facts.erase(it);
    }
  }

  static constexpr std::int64_t kNoMinimum = std::numeric_limits<std::int64_t>::min();
  static constexpr std::array<std::string_view, 2> kMoneyParts = {"minor", "currency"};

  Source& source_;
  ValueChecks& checks_;
  const SchemaIndex& index_;
  std::vector<std::size_t>& indices_;
  std::vector<bool>& seen_facts_;
  std::vector<const FactValue*>& assigned_;
};

}  // namespace redress::io::detail
