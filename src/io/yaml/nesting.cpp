#include "io/yaml/nesting.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <string>

namespace redress::io::yaml {
namespace {

/// Thrown out of the parser to stop at the first collection past the limit.
struct TooDeep {
  YAML::Mark mark;
};

class DepthCounter final : public YAML::EventHandler {
 public:
  explicit DepthCounter(int limit) : limit_(limit) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void open(const YAML::Mark& mark) {
    if (++depth_ > limit_) throw TooDeep{mark};
  }

  int limit_;
  int depth_ = 0;
};

}  // namespace

std::optional<YAML::Mark> first_too_deep(std::string_view text, int limit) {
  std::istringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  DepthCounter counter(limit);
  try {
    parser.HandleNextDocument(counter);
  } catch (const TooDeep& deep) {
    return deep.mark;
  }
  return std::nullopt;
}

}  // namespace redress::io::yaml
