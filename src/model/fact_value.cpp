#include "redress/model/fact_value.hpp"

#include <charconv>

namespace redress {
namespace {

struct Appender {
  std::string& out;
  void operator()(bool b) const { out += b ? "true" : "false"; }
  void operator()(std::int64_t i) const {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, i).ptr);
  }
  void operator()(const Money& m) const { m.append_to(out); }
  void operator()(const Symbol& s) const { out += s.name; }
  void operator()(const SymbolSet& s) const {
    out += '[';
    for (std::size_t i = 0; i < s.names.size(); ++i) {
      if (i > 0) out += ", ";
      out += s.names[i];
    }
    out += ']';
  }
};

}  // namespace

void append_to(std::string& out, const FactValue& value) {
  boost::variant2::visit(Appender{out}, value);
}

std::string to_string(const FactValue& value) {
  std::string out;
  append_to(out, value);
  return out;
}

}  // namespace redress
