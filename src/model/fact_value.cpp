#include "redress/model/fact_value.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace redress {
namespace {

struct Printer {
  std::string operator()(bool b) const { return b ? "true" : "false"; }
  std::string operator()(std::int64_t i) const { return fmt::format("{}", i); }
  std::string operator()(const Money& m) const { return m.to_string(); }
  std::string operator()(const Symbol& s) const { return s.name; }
  std::string operator()(const SymbolSet& s) const {
    return fmt::format("[{}]", fmt::join(s.names, ", "));
  }
};

}  // namespace

std::string to_string(const FactValue& value) { return boost::variant2::visit(Printer{}, value); }

}  // namespace redress
