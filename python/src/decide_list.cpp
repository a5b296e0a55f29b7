#include "decide_list.hpp"

#include <string>
#include <vector>

#include "decide_stream.hpp"
#include "redress/batch/decide_lines.hpp"

namespace py = pybind11;

namespace redress::python {

py::tuple decide_list(const PolicyHandle& policy, const py::sequence& items, bool trace,
                      std::uint64_t first_line) {
  // The incidents as the stream would hand them to the pipeline: one line each.
  std::string lines;
  std::vector<std::size_t> ends;
  ends.reserve(items.size());
  for (const auto item : items) {
    batch::append_json_line(lines, item_text(item));
    ends.push_back(lines.size());
  }
  std::vector<std::string> texts(ends.size());
  std::vector<std::size_t> failed;
  {
    py::gil_scoped_release release;
    batch::DecideLinesOptions options;
    options.decide = DecideOptions(trace);
    options.file = std::string(kDecideManyFile);
    batch::LineDecider decider(*policy.policy, policy.schema, options);
    std::string buffer;
    std::size_t from = 0;
    for (std::size_t i = 0; i < ends.size(); ++i) {
      batch::LineOutput out(buffer, 0);
      const std::string_view line(lines.data() + from, ends[i] - 1 - from);  // without '\n'
      if (!decider.process(line, first_line + i, out)) failed.push_back(i);
      texts[i].assign(buffer.data(), out.size() - 1);  // the line decided, without its '\n'
      from = ends[i];
    }
  }
  py::list text_list(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) text_list[i] = py::str(texts[i]);
  py::list failed_list;
  for (const auto i : failed) failed_list.append(i);
  return py::make_tuple(std::move(text_list), std::move(failed_list));
}

}  // namespace redress::python
