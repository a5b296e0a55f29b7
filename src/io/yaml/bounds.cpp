#include "io/yaml/bounds.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <string>

namespace redress::io::yaml {
namespace {

/// Counts depth and values on the parser's events; throws OutOfBounds at the first excess.
class BoundsCounter final : public YAML::EventHandler {
 public:
  explicit BoundsCounter(const Bounds& bounds) : bounds_(bounds) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { count(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { count(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    count(mark);
  }
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
  void count(const YAML::Mark& mark) {
    if (++values_ > bounds_.max_values) throw OutOfBounds{OutOfBounds::Kind::too_many_values, mark};
  }
  void open(const YAML::Mark& mark) {
    count(mark);
    if (++depth_ > bounds_.max_depth) throw OutOfBounds{OutOfBounds::Kind::too_deep, mark};
  }

  const Bounds& bounds_;
  int depth_ = 0;
  std::size_t values_ = 0;
};

}  // namespace

std::optional<OutOfBounds> first_out_of_bounds(std::string_view text, const Bounds& bounds) {
  std::istringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  BoundsCounter counter(bounds);
  try {
    parser.HandleNextDocument(counter);
  } catch (const OutOfBounds& out) {
    return out;
  }
  return std::nullopt;
}

}  // namespace redress::io::yaml
