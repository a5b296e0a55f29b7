// A small Schema for the expression tests, with helpers to compile and run expressions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redress/diag/diagnostic.hpp"
#include "redress/expr/compiler.hpp"
#include "redress/expr/program.hpp"

namespace redress::expr::test {

/// Facts by slot: the built-in facts the tests need, plus `major` (an int fact that shares its
/// name with a Magnitude value) and `dimension` (a Justice value read from a slot).
class TestSchema : public Schema {
 public:
  EnumType emotion{"Emotion", {"calm", "angry", "anxious", "confused", "humorous", "aggrieved"}};
  EnumType justice{"Justice", {"outcome", "procedural", "interactional"}};
  EnumType magnitude{"Magnitude", {"minor", "moderate", "major", "critical"}};
  EnumType tier{"Tier", {"basic", "standard", "premium", "vip", "strategic"}};

  TestSchema() {
    facts_ = {
        {"emotion", {0, Type::enumeration_of(emotion)}},
        {"intensity", {1, Type::integer()}},
        {"loss", {2, Type::money()}},
        {"deficits", {3, Type::set_of(justice)}},
        {"category", {4, Type::category()}},
        {"touchpoint", {5, Type::string()}},
        {"safety_critical", {6, Type::boolean()}},
        {"magnitude", {7, Type::enumeration_of(magnitude)}},
        {"tier", {8, Type::enumeration_of(tier)}},
        {"priority", {9, Type::integer()}},
        {"compensation_given", {10, Type::money()}},
        {"major", {11, Type::integer()}},
        {"dimension", {12, Type::enumeration_of(justice)}},
    };
    // Pre-order indices: a node's subtree is [begin, end).
    categories_ = {
        {"core", {0, 5}},
        {"core.slow", {1, 2}},
        {"core.unavailable", {2, 4}},
        {"core.unavailable.out_of_stock", {3, 4}},
        {"core.broken", {4, 5}},
        {"process", {5, 8}},
        {"process.billing", {6, 7}},
        {"process.rude", {7, 8}},
    };
    Currency::parse("CNY", currency_);
  }

  std::optional<FactRef> fact(std::string_view name) const override {
    for (const auto& [id, ref] : facts_) {
      if (id == name) return ref;
    }
    return std::nullopt;
  }
  std::vector<std::string> fact_names() const override {
    std::vector<std::string> names;
    for (const auto& entry : facts_) names.push_back(entry.first);
    return names;
  }
  std::optional<CategoryRef> category(std::string_view id) const override {
    for (const auto& [name, ref] : categories_) {
      if (name == id) return ref;
    }
    return std::nullopt;
  }
  std::vector<std::string> category_names() const override {
    std::vector<std::string> names;
    for (const auto& entry : categories_) names.push_back(entry.first);
    return names;
  }
  Currency currency() const override { return currency_; }
  std::int64_t intern(std::string_view text) override {
    for (std::size_t i = 0; i < interned.size(); ++i) {
      if (interned[i] == text) return static_cast<std::int64_t>(i);
    }
    interned.emplace_back(text);
    return static_cast<std::int64_t>(interned.size() - 1);
  }

  std::uint32_t slot(std::string_view name) const { return fact(name)->slot; }

  std::vector<std::string> interned;

 private:
  std::vector<std::pair<std::string, FactRef>> facts_;
  std::vector<std::pair<std::string, CategoryRef>> categories_;
  Currency currency_;
};

/// The result of compiling one expression, with the offsets `locate` was asked for.
struct Compiled {
  std::optional<Program> program;
  Diagnostics diagnostics;
  std::vector<std::size_t> located;
};

inline Compiled compile_text(std::string_view text, TestSchema& schema,
                             std::optional<Type> expected = std::nullopt) {
  Compiled result;
  result.program = compile(
      text, schema, expected,
      [&result](std::size_t offset) {
        result.located.push_back(offset);
        return SourceLocation{"f", 0, static_cast<std::int32_t>(offset)};
      },
      result.diagnostics);
  return result;
}

/// Fact values by slot; the defaults describe one angry customer (see `defaults`).
using Slots = std::array<std::int64_t, 13>;

inline Slots defaults(TestSchema& schema) {
  Slots slots{};
  slots[schema.slot("emotion")] = 1;  // angry
  slots[schema.slot("intensity")] = 3;
  slots[schema.slot("loss")] = 12000;      // 120.00 CNY
  slots[schema.slot("deficits")] = 0b101;  // outcome, interactional
  slots[schema.slot("category")] = 3;      // core.unavailable.out_of_stock
  slots[schema.slot("touchpoint")] = schema.intern("hotel.check_in");
  slots[schema.slot("safety_critical")] = 0;
  slots[schema.slot("magnitude")] = 2;  // major
  slots[schema.slot("tier")] = 3;       // vip
  slots[schema.slot("priority")] = 2;
  slots[schema.slot("compensation_given")] = 0;
  slots[schema.slot("major")] = 7;
  slots[schema.slot("dimension")] = 1;  // procedural
  return slots;
}

}  // namespace redress::expr::test
