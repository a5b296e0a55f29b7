// The table of compared Decision fields: a name, how two decisions' values compare and how the
// change is written. A field is one row; most rows are `value<&Decision::member>("name")`.

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "io/json/json_out.hpp"
#include "redress/replay/decision_diff.hpp"

namespace redress::replay {
namespace {

using io::json_out::Writer;

// ---- values as the decision JSON writes them

void write(Writer& w, std::int64_t v) { w.integer(v); }
void write(Writer& w, std::string_view v) { w.string(v); }
void write(Writer& w, const Timestamp& v) { w.timestamp(v); }
void write(Writer& w, const Money& v) { w.money(v); }
void write(Writer& w, const std::optional<Money>& v) { w.optional_money(v); }
void write(Writer& w, const std::vector<std::string_view>& v) { w.strings(v); }
void write(Writer& w, const FactValue& v) { w.value(v); }

template <typename T>
void write_before_after(Writer& w, const T& before, const T& after) {
  w.begin_object();
  w.key("before");
  write(w, before);
  w.key("after");
  write(w, after);
  w.end_object();
}

// ---- one row of the table

struct Field {
  std::string_view name;
  bool (*same)(const Decision&, const Decision&);
  void (*write_change)(Writer&, const Decision& before, const Decision& after);
};

// A member, or a member of a member: (d .* ... .* path).
template <auto... Path>
const auto& get(const Decision& d) {
  return (d.*....*Path);
}

// A field compared with == and written as {"before","after"}.
template <auto... Path>
constexpr Field value(std::string_view name) {
  return {name,
          [](const Decision& a, const Decision& b) { return get<Path...>(a) == get<Path...>(b); },
          [](Writer& w, const Decision& a, const Decision& b) {
            write_before_after(w, get<Path...>(a), get<Path...>(b));
          }};
}

// The ids of a list of items (step ids, warning codes).
template <typename Item, std::vector<Item> Decision::*List, std::string_view Item::*Id>
std::vector<std::string_view> collect_ids(const Decision& d) {
  std::vector<std::string_view> out;
  out.reserve((d.*List).size());
  for (const auto& item : d.*List) out.push_back(item.*Id);
  return out;
}

// A list of items compared and written by their ids, as a value field.
template <typename Item, std::vector<Item> Decision::*List, std::string_view Item::*Id>
constexpr Field ids(std::string_view name) {
  return {name,
          [](const Decision& a, const Decision& b) {
            return std::equal((a.*List).begin(), (a.*List).end(), (b.*List).begin(),
                              (b.*List).end(),
                              [](const Item& x, const Item& y) { return x.*Id == y.*Id; });
          },
          [](Writer& w, const Decision& a, const Decision& b) {
            write_before_after(w, collect_ids<Item, List, Id>(a), collect_ids<Item, List, Id>(b));
          }};
}

// ---- statutory clocks: by id, with their due times

bool same_clocks(const Decision& a, const Decision& b) {
  return std::equal(a.clocks.begin(), a.clocks.end(), b.clocks.begin(), b.clocks.end(),
                    [](const StatutoryClock& x, const StatutoryClock& y) {
                      return x.id == y.id && x.due == y.due;
                    });
}

void write_clocks(Writer& w, const Decision& d) {  // {"id": due, ...}
  w.begin_object();
  for (const auto& clock : d.clocks) {
    w.dynamic_key(clock.id);
    w.timestamp(clock.due);
  }
  w.end_object();
}

void write_clocks_change(Writer& w, const Decision& a, const Decision& b) {
  w.begin_object();
  w.key("before");
  write_clocks(w, a);
  w.key("after");
  write_clocks(w, b);
  w.end_object();
}

// ---- commitments: by id, with their due times (and assignees, which recusal may change)

bool same_commitments(const Decision& a, const Decision& b) {
  return std::equal(a.commitments.begin(), a.commitments.end(), b.commitments.begin(),
                    b.commitments.end(), [](const Commitment& x, const Commitment& y) {
                      return x.id == y.id && x.due == y.due && x.assignee == y.assignee;
                    });
}

void write_commitments(Writer& w, const Decision& d) {  // {"id": due, ...}
  w.begin_object();
  for (const auto& commitment : d.commitments) {
    w.dynamic_key(commitment.id);
    w.timestamp(commitment.due);
  }
  w.end_object();
}

void write_commitments_change(Writer& w, const Decision& a, const Decision& b) {
  w.begin_object();
  w.key("before");
  write_commitments(w, a);
  w.key("after");
  write_commitments(w, b);
  w.end_object();
}

// ---- remedies: matched by id

const RemedyOffer* find_remedy(const Decision& d, std::string_view id) {
  for (const auto& r : d.remedies) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

bool same_offer(const RemedyOffer& a, const RemedyOffer& b) {
  return a.amount == b.amount && a.goodwill == b.goodwill && a.option == b.option &&
         a.instead_of == b.instead_of && a.contingent == b.contingent;
}

bool same_remedies(const Decision& a, const Decision& b) {
  if (a.remedies.size() != b.remedies.size()) return false;
  for (const auto& r : a.remedies) {
    const RemedyOffer* other = find_remedy(b, r.id);
    if (other == nullptr || !same_offer(r, *other)) return false;
  }
  return true;
}

void write_offer(Writer& w, const RemedyOffer& r) {
  w.begin_object();
  w.key("id");
  w.string(r.id);
  w.key("amount");
  write(w, r.amount);
  w.key("goodwill");
  w.boolean(r.goodwill);
  w.offer_terms(r);
  w.end_object();
}

void write_offers_missing_from(Writer& w, const Decision& from, const Decision& other) {
  w.begin_array();
  for (const auto& r : from.remedies) {
    if (find_remedy(other, r.id) == nullptr) write_offer(w, r);
  }
  w.end_array();
}

void write_remedies_change(Writer& w, const Decision& a, const Decision& b) {
  w.begin_object();
  w.key("added");
  write_offers_missing_from(w, b, a);
  w.key("removed");
  write_offers_missing_from(w, a, b);
  w.key("changed");
  w.begin_array();
  for (const auto& r : a.remedies) {
    const RemedyOffer* after = find_remedy(b, r.id);
    if (after == nullptr || same_offer(r, *after)) continue;
    w.begin_object();
    w.key("id");
    w.string(r.id);
    w.key("before");
    write_offer(w, r);
    w.key("after");
    write_offer(w, *after);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// ---- rules fired: as sets

bool contains(const std::vector<std::string_view>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool same_rules(const Decision& a, const Decision& b) {
  if (a.rules_fired.size() != b.rules_fired.size()) return false;
  return std::all_of(a.rules_fired.begin(), a.rules_fired.end(),
                     [&b](std::string_view id) { return contains(b.rules_fired, id); });
}

void write_rules_change(Writer& w, const Decision& a, const Decision& b) {
  w.begin_object();
  w.key("added");
  w.begin_array();
  for (auto id : b.rules_fired) {
    if (!contains(a.rules_fired, id)) w.string(id);
  }
  w.end_array();
  w.key("removed");
  w.begin_array();
  for (auto id : a.rules_fired) {
    if (!contains(b.rules_fired, id)) w.string(id);
  }
  w.end_array();
  w.end_object();
}

// ---- flags (derived facts): by name

const FactValue* find_flag(const Decision& d, std::string_view name) {
  // The last value of a name given twice, as the decision JSON writes it.
  const auto& derived = d.classification.derived;
  for (auto it = derived.rbegin(); it != derived.rend(); ++it) {
    if (it->name == name) return &it->value;
  }
  return nullptr;
}

bool same_flag(const FactValue* a, const FactValue* b) {
  return a == nullptr || b == nullptr ? a == b : *a == *b;
}

bool same_flags(const Decision& a, const Decision& b) {
  const auto matched_in = [](const Decision& x, const Decision& y) {
    return std::all_of(
        x.classification.derived.begin(), x.classification.derived.end(),
        [&](const NamedValue& v) { return same_flag(find_flag(x, v.name), find_flag(y, v.name)); });
  };
  return matched_in(a, b) && matched_in(b, a);
}

void write_flag(Writer& w, const FactValue* value) {
  if (value != nullptr) {
    write(w, *value);
  } else {
    w.null();
  }
}

void write_flags_change(Writer& w, const Decision& a, const Decision& b) {
  w.begin_object();
  std::vector<std::string_view> written;
  const auto write_names_of = [&](const Decision& side) {
    for (const auto& v : side.classification.derived) {
      if (contains(written, v.name)) continue;
      written.push_back(v.name);
      const FactValue* before = find_flag(a, v.name);
      const FactValue* after = find_flag(b, v.name);
      if (same_flag(before, after)) continue;
      w.dynamic_key(v.name);
      w.begin_object();
      w.key("before");
      write_flag(w, before);
      w.key("after");
      write_flag(w, after);
      w.end_object();
    }
  };
  write_names_of(a);
  write_names_of(b);
  w.end_object();
}

// ---- the table: one row per compared field, in the order they are written

constexpr std::array kFields{
    value<&Decision::priority>("priority"),
    value<&Decision::deadlines, &Deadlines::calendar>("deadlines.calendar"),
    value<&Decision::deadlines, &Deadlines::first_response_due>("deadlines.first_response_due"),
    value<&Decision::deadlines, &Deadlines::resolution_due>("deadlines.resolution_due"),
    Field{"clocks", same_clocks, write_clocks_change},
    Field{"commitments", same_commitments, write_commitments_change},
    value<&Decision::owner>("owner"),
    value<&Decision::owner_authority>("owner_authority"),
    value<&Decision::escalation_path>("escalation_path"),
    Field{"remedies", same_remedies, write_remedies_change},
    value<&Decision::compensation_total>("compensation_total"),
    value<&Decision::goodwill_total>("goodwill_total"),
    value<&Decision::restitution_total>("restitution_total"),
    value<&Decision::departments>("departments"),
    ids<CommunicationStep, &Decision::communication, &CommunicationStep::id>("communication"),
    Field{"flags", same_flags, write_flags_change},
    ids<Warning, &Decision::warnings, &Warning::code>("warnings"),
    Field{"rules_fired", same_rules, write_rules_change},
};
static_assert(kFields.size() <= 64, "FieldSet has one bit per field");

constexpr auto kNames = [] {
  std::array<std::string_view, kFields.size()> names{};
  for (std::size_t i = 0; i < kFields.size(); ++i) names[i] = kFields[i].name;
  return names;
}();

}  // namespace

std::span<const std::string_view> compared_fields() { return kNames; }

FieldSet changed_fields(const Decision& before, const Decision& after) {
  FieldSet changed = 0;
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    if (!kFields[i].same(before, after)) changed |= FieldSet{1} << i;
  }
  return changed;
}

void append_changes(std::string& out, const Decision& before, const Decision& after,
                    FieldSet changed) {
  Writer w(out, -1);
  w.begin_object();
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    if ((changed & (FieldSet{1} << i)) == 0) continue;
    w.dynamic_key(kFields[i].name);
    kFields[i].write_change(w, before, after);
  }
  w.end_object();
}

}  // namespace redress::replay
