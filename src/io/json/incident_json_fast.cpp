// The fast path of incident reading for JSON lines (see incident_json_fast.hpp). Every rule here
// mirrors one of src/io/incident_reader.cpp and src/io/incident_fields.cpp for the JSON subset:
// where the full reader would report anything, this gives up and lets it.
#include "io/json/incident_json_fast.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

namespace redress::io::detail {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

// Equality of short strings (keys, enum spellings, fact names) without a call to memcmp.
bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool is_null(element e) { return e.type() == element_type::NULL_VALUE; }

bool read_string(element e, std::string_view& out) {
  return e.type() == element_type::STRING && e.get_string().get(out) == simdjson::SUCCESS;
}

bool read_string(element e, std::string& out) {
  std::string_view view;
  if (!read_string(e, view)) return false;
  out.assign(view);
  return true;
}

bool read_bool(element e, bool& out) {
  return e.type() == element_type::BOOL && e.get_bool().get(out) == simdjson::SUCCESS;
}

// An integer as read_incident reads it: JSON integers only (a float or an integer beyond int64 is
// an error there), within [min, max].
bool read_int(element e, std::int64_t& out,
              std::int64_t min = std::numeric_limits<std::int64_t>::min(),
              std::int64_t max = kNoLimit) {
  if (e.type() != element_type::INT64 || e.get_int64().get(out) != simdjson::SUCCESS) return false;
  return out >= min && out <= max;
}

std::optional<std::size_t> index_of(std::string_view text,
                                    std::span<const std::string_view> values) {
  const auto it =
      std::find_if(values.begin(), values.end(), [&](std::string_view v) { return same(v, text); });
  if (it == values.end()) return std::nullopt;
  return static_cast<std::size_t>(it - values.begin());
}

template <typename E>
bool read_enum(element e, E& out) {
  std::string_view text;
  if (!read_string(e, text)) return false;
  const auto index = index_of(text, enum_names<E>());
  if (!index) return false;
  out = static_cast<E>(*index);
  return true;
}

template <typename E>
bool read_enum(element e, std::optional<E>& out) {
  E value{};
  if (!read_enum(e, value)) return false;
  out = value;
  return true;
}

// A list of values, as sorted, duplicate-free indices (FieldReader::choices).
bool read_choices(element e, std::span<const std::string_view> values,
                  std::vector<std::size_t>& out) {
  array items;
  if (e.type() != element_type::ARRAY || e.get_array().get(items) != simdjson::SUCCESS) {
    return false;
  }
  out.clear();
  for (element item : items) {
    std::string_view text;
    if (!read_string(item, text)) return false;
    const auto index = index_of(text, values);
    if (!index) return false;
    out.push_back(*index);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return true;
}

template <typename E>
bool read_enum_set(element e, std::vector<E>& out, std::vector<std::size_t>& indices) {
  if (!read_choices(e, enum_names<E>(), indices)) return false;
  out.clear();
  for (std::size_t i : indices) out.push_back(static_cast<E>(i));
  return true;
}

// Iterates an object's fields, each key one of `keys`, no key twice. `visit(index, value)`
// returns false to give up.
template <std::size_t N, typename Visit>
bool for_fields(element e, const std::array<std::string_view, N>& keys, Visit visit) {
  static_assert(N <= 32);
  object map;
  if (e.type() != element_type::OBJECT || e.get_object().get(map) != simdjson::SUCCESS) {
    return false;
  }
  std::uint32_t seen = 0;
  std::size_t next = 0;  // keys usually come in the order of `keys`: try the one after the last
  for (auto field : map) {
    std::size_t index = next;
    if (index >= N || !same(keys[index], field.key)) {
      const auto it = std::find_if(keys.begin(), keys.end(),
                                   [&](std::string_view k) { return same(k, field.key); });
      if (it == keys.end()) return false;
      index = static_cast<std::size_t>(it - keys.begin());
    }
    next = index + 1;
    if (seen & (1U << index)) return false;
    seen |= 1U << index;
    if (!visit(index, field.value)) return false;
  }
  return true;
}

constexpr std::array<std::string_view, 18> kTopKeys = {
    "id",      "reported_at", "category",        "failure_type",    "magnitude",      "loss",
    "locus",   "stability",   "controllability", "safety_critical", "affected_count", "touchpoint",
    "emotion", "motives",     "deficits",        "customer",        "history",        "facts"};
constexpr std::array<std::string_view, 2> kEmotionKeys = {"state", "intensity"};
constexpr std::array<std::string_view, 2> kCustomerKeys = {"tier", "channel"};
constexpr std::array<std::string_view, 8> kHistoryKeys = {
    "prior_failures",        "last_failure_days_ago", "last_failure_same_category",
    "last_recovery_outcome", "open_complaints",       "reopen_count",
    "compensation_given",    "external_complaint"};
constexpr std::array<std::string_view, 2> kMoneyKeys = {"minor", "currency"};

class Reader {
 public:
  explicit Reader(const IncidentSchema& schema)
      : schema_(schema),
        categories_(schema.categories.begin(), schema.categories.end()),
        categories_data_(schema.categories.data()),
        categories_size_(schema.categories.size()) {}

  // Whether this reader was made for `schema` (it indexed the schema's categories).
  [[nodiscard]] bool for_schema(const IncidentSchema& schema) const {
    return &schema == &schema_ && schema.categories.data() == categories_data_ &&
           schema.categories.size() == categories_size_;
  }

  bool incident(element root, Incident& out) {
    std::uint32_t required = 0;
    assigned_.clear();
    const bool ok = for_fields(root, kTopKeys, [&](std::size_t index, element value) {
      if (index < 3) required |= 1U << index;
      return top_field(index, value, out);
    });
    if (!ok || required != 0b111) return false;
    drop_unassigned(out.facts);  // `out` may hold the facts of the incident read before
    return true;
  }

 private:
  bool top_field(std::size_t index, element v, Incident& in) {
    if (is_null(v))
      return index >= 3;  // null: the default, but id/reported_at/category are required
    switch (index) {
      case 0:
        return read_string(v, in.id) && !in.id.empty();
      case 1:
        return timestamp(v, in.reported_at);
      case 2:
        return read_string(v, in.category) && !in.category.empty() && known_category(in.category);
      case 3:
        return read_enum(v, in.failure_type);
      case 4:
        return read_enum(v, in.magnitude);
      case 5:
        return money(v, in.loss);
      case 6:
        return read_enum(v, in.locus);
      case 7:
        return read_enum(v, in.stability);
      case 8:
        return read_enum(v, in.controllability);
      case 9:
        return read_bool(v, in.safety_critical);
      case 10:
        return read_int(v, in.affected_count, 0, kNoLimit);
      case 11:
        return read_string(v, in.touchpoint);
      case 12:
        return emotion(v, in);
      case 13:
        return read_enum_set(v, in.motives, indices_);
      case 14:
        return read_enum_set(v, in.deficits, indices_);
      case 15:
        return for_fields(v, kCustomerKeys, [&](std::size_t i, element f) {
          if (is_null(f)) return true;
          return i == 0 ? read_enum(f, in.tier) : read_enum(f, in.channel);
        });
      case 16:
        return history(v, in.history);
      case 17:
        return facts(v, in.facts);
      default:
        return false;
    }
  }

  bool known_category(const std::string& category) const {
    return categories_size_ == 0 || categories_.count(category) != 0;
  }

  // Timestamp::parse, remembering the last text it accepted (lines often share it).
  bool timestamp(element v, Timestamp& out) {
    std::string_view text;
    if (!read_string(v, text) || text.empty()) return false;
    if (!last_time_text_.empty() && same(text, last_time_text_)) {
      out = last_time_;
      return true;
    }
    std::string why;
    if (!Timestamp::parse(text, out, why)) return false;
    last_time_text_.assign(text);
    last_time_ = out;
    return true;
  }

  // Currency::parse, remembering the last code it accepted.
  bool currency(std::string_view code, Currency& out) {
    if (!last_currency_.empty() && same(code, last_currency_.code())) {
      out = last_currency_;
      return true;
    }
    if (!Currency::parse(code, out)) return false;
    last_currency_ = out;
    return true;
  }

  bool emotion(element v, Incident& in) {
    if (v.type() == element_type::STRING) return read_enum(v, in.emotion);
    bool state = false;
    const bool ok = for_fields(v, kEmotionKeys, [&](std::size_t i, element f) {
      if (i == 0) {
        state = true;  // required: null or "" is an error there
        std::string_view text;
        return read_string(f, text) && !text.empty() && read_enum(f, in.emotion);
      }
      return is_null(f) || read_int(f, in.intensity, 1, 5);
    });
    return ok && state;
  }

  bool history(element v, History& h) {
    return for_fields(v, kHistoryKeys, [&](std::size_t i, element f) {
      if (is_null(f)) return true;
      switch (i) {
        case 0:
          return read_int(f, h.prior_failures, 0, kNoLimit);
        case 1:
          return read_int(f, h.last_failure_days_ago, 0, kNoLimit);
        case 2:
          return read_bool(f, h.last_failure_same_category);
        case 3:
          return read_enum(f, h.last_recovery_outcome);
        case 4:
          return read_int(f, h.open_complaints, 0, kNoLimit);
        case 5:
          return read_int(f, h.reopen_count, 0, kNoLimit);
        case 6:
          return money(f, h.compensation_given);
        case 7:
          return read_bool(f, h.external_complaint);
        default:
          return false;
      }
    });
  }

  // "800.00 CNY" or {"minor": 80000, "currency": "CNY"}, in the schema's currency.
  bool money(element v, std::optional<Money>& out) {
    Money value;
    if (v.type() == element_type::STRING) {
      std::string_view text;
      std::string why;
      if (!read_string(v, text) || !parse_money(text, value, why)) return false;
    } else {
      std::int64_t minor = 0;
      std::string_view code;
      std::uint32_t seen = 0;
      const bool ok = for_fields(v, kMoneyKeys, [&](std::size_t i, element f) {
        seen |= 1U << i;
        return i == 0 ? read_int(f, minor) : read_string(f, code);
      });
      Currency unit;
      if (!ok || seen != 0b11 || !currency(code, unit)) return false;
      value = Money(minor, unit);
    }
    if (!schema_.currency.empty() && value.currency() != schema_.currency) return false;
    out = value;
    return true;
  }

  // The map may hold the facts of the incident read before (see reset()): a fact read again
  // reuses its node; incident() erases the facts not read again.
  bool facts(element v, std::map<std::string, FactValue>& out) {
    object map;
    if (v.type() != element_type::OBJECT || v.get_object().get(map) != simdjson::SUCCESS) {
      return false;
    }
    seen_facts_.clear();
    assigned_.clear();
    const auto& known = schema_.host_facts;
    auto info = known.begin();  // as in for_fields: try the fact after the last one first
    for (auto field : map) {
      if (info == known.end() || !same(info->name, field.key)) {
        info = std::find_if(known.begin(), known.end(),
                            [&](const HostFactInfo& f) { return same(f.name, field.key); });
        if (info == known.end()) return false;
      }
      const auto position = static_cast<std::size_t>(info - known.begin());
      if (std::find(seen_facts_.begin(), seen_facts_.end(), position) != seen_facts_.end()) {
        return false;  // a duplicate key: leave it to the full reader
      }
      seen_facts_.push_back(position);
      if (!is_null(field.value)) {  // null: as if not given
        FactValue& slot = slot_for(out, info->name);
        if (!fact_value(field.value, *info, slot)) return false;
        assigned_.push_back(&slot);
      }
      ++info;
    }
    return true;
  }

  // The map's value for `name`, inserted (false) when missing. The maps are tiny: a scan finds
  // it without comparing more than lengths, mostly.
  static FactValue& slot_for(std::map<std::string, FactValue>& facts, const std::string& name) {
    if (facts.size() <= 8) {
      for (auto& [key, value] : facts) {
        if (same(key, name)) return value;
      }
    } else if (const auto it = facts.find(name); it != facts.end()) {
      return it->second;
    }
    return facts.emplace(name, FactValue(false)).first->second;
  }

  // Erases from `facts` what facts() did not assign (all of it when there was no `facts`).
  void drop_unassigned(std::map<std::string, FactValue>& facts) const {
    for (auto it = facts.begin(); it != facts.end();) {
      const FactValue* value = &it->second;
      const bool kept = std::find(assigned_.begin(), assigned_.end(), value) != assigned_.end();
      it = kept ? std::next(it) : facts.erase(it);
    }
  }

  // Reads `v` as a value of the fact `info` into `out`, reusing the memory `out` holds when it
  // has the same type already. False (and `out` unspecified) when the value does not fit.
  bool fact_value(element v, const HostFactInfo& info, FactValue& out) {
    switch (info.kind) {
      case HostFactInfo::Kind::boolean: {
        bool b = false;
        if (!read_bool(v, b)) return false;
        out = b;
        return true;
      }
      case HostFactInfo::Kind::integer: {
        std::int64_t i = 0;
        if (!read_int(v, i)) return false;
        out = i;
        return true;
      }
      case HostFactInfo::Kind::money: {
        std::optional<Money> m;
        if (!money(v, m)) return false;
        out = *m;
        return true;
      }
      case HostFactInfo::Kind::string: {
        std::string_view text;
        if (!read_string(v, text)) return false;
        symbol(out).assign(text);
        return true;
      }
      case HostFactInfo::Kind::enumeration: {
        std::string_view text;
        if (!read_string(v, text)) return false;
        for (const auto& value : info.values) {
          if (same(value, text)) {
            symbol(out).assign(value);
            return true;
          }
        }
        return false;
      }
      case HostFactInfo::Kind::set: {
        values_.assign(info.values.begin(), info.values.end());
        if (!read_choices(v, values_, indices_)) return false;
        if (!boost::variant2::holds_alternative<SymbolSet>(out)) out = SymbolSet{};
        auto& names = boost::variant2::get<SymbolSet>(out).names;
        names.resize(indices_.size());
        for (std::size_t i = 0; i < indices_.size(); ++i) names[i].assign(info.values[indices_[i]]);
        return true;
      }
    }
    return false;
  }

  // The name of the Symbol `value` holds, made a Symbol first if it is not.
  static std::string& symbol(FactValue& value) {
    if (!boost::variant2::holds_alternative<Symbol>(value)) value = Symbol{};
    return boost::variant2::get<Symbol>(value).name;
  }

  const IncidentSchema& schema_;
  std::unordered_set<std::string> categories_;  // a copy of schema_.categories, to look up
  const std::string* categories_data_;
  std::size_t categories_size_;
  std::vector<std::size_t> seen_facts_;
  std::vector<std::string_view> values_;
  std::vector<std::size_t> indices_;        // read_choices()'s
  std::vector<const FactValue*> assigned_;  // the facts given a value, this incident
  std::string last_time_text_;              // timestamp()'s
  Timestamp last_time_;
  Currency last_currency_;  // currency()'s
};

// Sets `in` to a default Incident, keeping the memory of what the reader fills again.
void reset(Incident& in) {
  std::string id = std::move(in.id);
  std::string category = std::move(in.category);
  std::string touchpoint = std::move(in.touchpoint);
  std::vector<Motive> motives = std::move(in.motives);
  std::vector<Justice> deficits = std::move(in.deficits);
  std::map<std::string, FactValue> facts = std::move(in.facts);
  in = Incident{};
  in.id = std::move(id);
  in.id.clear();
  in.category = std::move(category);
  in.category.clear();
  in.touchpoint = std::move(touchpoint);
  in.touchpoint.clear();
  in.motives = std::move(motives);
  in.motives.clear();
  in.deficits = std::move(deficits);
  in.deficits.clear();
  in.facts = std::move(facts);  // Reader::facts() keeps the nodes it reads again, drops the rest
}

}  // namespace

struct FastIncidentReader::Impl {
  simdjson::dom::parser parser;
  std::optional<Reader> reader;
};

FastIncidentReader::FastIncidentReader() : impl_(std::make_unique<Impl>()) {}
FastIncidentReader::~FastIncidentReader() = default;

std::optional<Incident> FastIncidentReader::read(std::string_view json,
                                                 const IncidentSchema& schema) {
  Incident incident;
  if (!read(json, schema, incident)) return std::nullopt;
  return incident;
}

bool FastIncidentReader::read(std::string_view json, const IncidentSchema& schema, Incident& out) {
  // Escapes are left to the full reader: YAML's double-quoted escapes are not JSON's in every
  // corner (surrogate pairs), and incidents seldom need them.
  if (json.empty() || std::memchr(json.data(), '\\', json.size()) != nullptr) return false;
  element root;
  if (impl_->parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
    return false;
  }
  if (!impl_->reader || !impl_->reader->for_schema(schema)) impl_->reader.emplace(schema);
  reset(out);
  return impl_->reader->incident(root, out);
}

}  // namespace redress::io::detail
