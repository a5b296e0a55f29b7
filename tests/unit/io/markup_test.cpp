#include <catch2/catch.hpp>

#include "redress/io/markup.hpp"

TEST_CASE("escape_markup escapes the five characters XML and HTML reserve", "[io][markup]") {
  CHECK(redress::io::escape_markup(R"(<a href="x">'&'</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(redress::io::escape_markup("plain text, 中文") == "plain text, 中文");
}
