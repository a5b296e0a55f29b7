// json_out::Appender, the cursor the one-line decision writer goes through: its plain-ASCII test
// (eight bytes at a time) and its strings must agree with append_string() byte for byte.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "io/json/json_out.hpp"
#include "redress/model/decision.hpp"

using redress::io::json_out::append_string;
using redress::io::json_out::Appender;

namespace {

bool plain_bytewise(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

TEST_CASE("json_out: is_plain finds every byte that needs escaping, at every position",
          "[io][json]") {
  for (std::size_t length = 1; length <= 19; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(byte);
        INFO("length " << length << " at " << at << " byte " << byte);
        REQUIRE(Appender::is_plain(text) == plain_bytewise(text));
      }
    }
  }
  // Neighbours that could borrow into each other: a special byte next to the edges of the range.
  for (int a = 0; a < 256; ++a) {
    for (int b : {0x00, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0xff}) {
      std::string text = "abcdefgh";
      text[3] = static_cast<char>(a);
      text[4] = static_cast<char>(b);
      REQUIRE(Appender::is_plain(text) == plain_bytewise(text));
    }
  }
  CHECK(Appender::is_plain(""));
}

TEST_CASE("json_out: Appender writes what append_string writes, and integers as JSON does",
          "[io][json]") {
  const std::vector<std::string> texts = {
      "",
      "plain",
      "a longer plain string, more than eight bytes / with a slash",
      "quote \" backslash \\ tab \t",
      std::string("nul \0 in it", 11),
      "\xe4\xb8\xad\xe6\x96\x87 and \xf0\x9f\x98\x80",
      "bad \xff\xfe and cut \xe4\xb8",
      "del \x7f is printable in JSON",
  };
  std::string expected;
  std::string out = "kept: ";  // the Appender appends to what is there
  expected = out;
  Appender a(out);
  for (int round = 0; round < 500; ++round) {  // far beyond the first growth
    for (const auto& t : texts) {
      a.string(t);
      append_string(expected, t);
      a.raw(',');
      expected += ',';
    }
    a.integer(-round * 1234567);
    expected += std::to_string(-round * 1234567);
    const std::size_t mark = a.used();
    a.raw("dropped");
    a.rewind(mark);
    a.raw("\n");
    expected += '\n';
  }
  a.finish();
  CHECK(out == expected);
}

TEST_CASE("json_out: an offer's terms are written only when it has them, in a fixed order",
          "[io][json]") {
  using redress::io::json_out::Writer;
  const auto written = [](const redress::RemedyOffer& offer) {
    std::string out;
    {
      Writer w(out, -1);
      w.begin_object();
      w.key("id");
      w.string(offer.id);
      w.offer_terms(offer);
      w.end_object();
    }
    return out;
  };
  redress::RemedyOffer offer;
  offer.id = "refund";
  CHECK(written(offer) == R"({"id":"refund"})");
  offer.contingent = "if the \"audit\" finds the fault";
  offer.option = "put-right";
  CHECK(written(offer) ==
        R"({"id":"refund","option":"put-right","contingent":"if the \"audit\" finds the fault"})");
  offer.instead_of = "upgrade";
  CHECK(written(offer) == R"({"id":"refund","option":"put-right","instead_of":"upgrade",)"
                          R"("contingent":"if the \"audit\" finds the fault"})");
}
