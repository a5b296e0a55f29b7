#include "decide_stream.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include "redress/batch/decide_lines.hpp"

namespace py = pybind11;

namespace redress::python {
namespace {

// Results waiting for Python before the pipeline is held back: enough to keep the workers busy
// while Python takes a batch, few enough to bound memory whatever the input's size.
constexpr std::size_t kMaxQueued = 16384;
// How often a Python thread waiting for results checks for signals (Ctrl-C).
constexpr std::chrono::milliseconds kSignalCheck{100};
// Bytes of incidents pulled and not yet read by the pipeline, before the puller waits.
constexpr std::size_t kInboxBytes = std::size_t{1} << 20;
// How long the puller holds the GIL at most while the iterable runs no bytecode.
constexpr std::chrono::microseconds kHoldGil{1000};

// Each output line starts with one byte saying whether it is a decision ('D') or the error
// record of a line that failed ('E'), so that Python need not parse a line to know.
class TaggedDecider final : public batch::LineWorker {
 public:
  TaggedDecider(const PolicyHandle& policy, const batch::DecideLinesOptions& options)
      : decider_(*policy.policy, policy.schema, options) {}

  bool process(std::string_view line, std::uint64_t number, batch::LineOutput& out) override {
    const auto tag = out.size();
    out.append('?');
    const bool decided = decider_.process(line, number, out);
    out.buffer()[tag] = decided ? 'D' : 'E';
    return decided;
  }

 private:
  batch::LineDecider decider_;
};

// The streams alive, for close_all() at interpreter exit.
std::mutex live_mutex;
std::set<DecideStream*> live;

bool finalizing() {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsFinalizing() != 0;
#else
  return _Py_IsFinalizing() != 0;
#endif
}

}  // namespace

DecideStream::DecideStream(std::shared_ptr<const PolicyHandle> policy, py::iterator items,
                           unsigned threads, bool trace)
    : policy_(std::move(policy)), items_(std::move(items)) {
  puller_ = std::thread([this] { pull(); });
  pipeline_ = std::thread([this, threads, trace] { run(threads, trace); });
  std::lock_guard lock(live_mutex);
  live.insert(this);
}

DecideStream::~DecideStream() {
  close();
  std::lock_guard lock(live_mutex);
  live.erase(this);
}

void DecideStream::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    results_.clear();
    changed_.notify_all();
  }
  {
    std::lock_guard lock(inbox_mutex_);
    inbox_changed_.notify_all();
  }
  if (pipeline_.joinable() || puller_.joinable()) {
    // The puller needs the GIL this thread holds to see that it is closed. One in the
    // middle of the iterable's next() is waited for.
    py::gil_scoped_release release;
    if (pipeline_.joinable()) pipeline_.join();
    if (puller_.joinable()) puller_.join();
  }
}

void DecideStream::close_all() {
  std::set<DecideStream*> streams;
  {
    std::lock_guard lock(live_mutex);
    streams = live;
  }
  for (auto* stream : streams) stream->close();
}

void DecideStream::run(unsigned threads, bool trace) {
  batch::DecideLinesOptions options;
  options.decide = DecideOptions(trace);
  options.file = std::string(kDecideManyFile);
  batch::MapOptions map;
  map.threads = threads;
  map.read_size = std::size_t{256} << 10;
  batch::MapResult result;
  try {
    result = batch::map_lines(
        batch::Source([this](char* data, std::size_t capacity) { return read(data, capacity); }),
        batch::Sink([this](std::string_view bytes) { write(bytes); }),
        [this, &options] { return std::make_unique<TaggedDecider>(*policy_, options); }, map);
  } catch (const std::exception& e) {  // what std::thread throws
    result.failure = batch::Failure::worker;
    result.message = e.what();
  }
  std::lock_guard lock(mutex_);
  outcome_ = std::move(result);
  finished_ = true;
  changed_.notify_all();
}

void DecideStream::pull() {
  // Once the interpreter is finalizing, taking the GIL would end this thread.
  if (finalizing()) {
    std::lock_guard lock(inbox_mutex_);
    items_done_ = true;
    inbox_changed_.notify_all();
    return;
  }
  py::gil_scoped_acquire gil;
  std::optional<py::error_already_set> error;
  std::string line;
  auto held_since = std::chrono::steady_clock::now();
  try {
    for (; !closed_ && items_ != py::iterator::sentinel(); ++items_) {
      const py::handle item = *items_;
      line.clear();
      batch::append_json_line(line, item_text(item));
      hand_over(line);
      // A C iterator (a list, a file) runs no bytecode, so the interpreter never takes the
      // GIL from this thread: let the Python thread have it now and then.
      if (std::chrono::steady_clock::now() - held_since > kHoldGil) {
        { py::gil_scoped_release release; }
        held_since = std::chrono::steady_clock::now();
      }
    }
  } catch (py::error_already_set& e) {
    error = std::move(e);
  } catch (const py::cast_error&) {
    PyErr_SetString(PyExc_TypeError, "decide_many: each incident must be str or bytes");
    error = py::error_already_set();
  }
  std::lock_guard lock(inbox_mutex_);
  items_error_ = std::move(error);
  items_done_ = true;
  inbox_changed_.notify_all();
}

void DecideStream::hand_over(const std::string& line) {
  {
    std::lock_guard lock(inbox_mutex_);
    if (inbox_.size() - inbox_at_ < kInboxBytes) {
      const bool was_empty = inbox_at_ == inbox_.size();
      inbox_.append(line);
      if (was_empty) inbox_changed_.notify_all();
      return;
    }
  }
  // Full: wait for the pipeline without the GIL. The lock is released before the GIL is taken
  // again (destruction in reverse order): a thread holding the GIL may be waiting for it.
  py::gil_scoped_release release;
  std::unique_lock lock(inbox_mutex_);
  inbox_changed_.wait(lock, [this] { return closed_ || inbox_.size() - inbox_at_ < kInboxBytes; });
  inbox_.append(line);
  inbox_changed_.notify_all();
}

std::string_view item_text(pybind11::handle item) {
  if (PyBytes_Check(item.ptr())) {
    return {PyBytes_AS_STRING(item.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(item.ptr()))};
  }
  return item.cast<std::string_view>();
}

std::size_t DecideStream::read(char* data, std::size_t capacity) {
  std::unique_lock lock(inbox_mutex_);
  inbox_changed_.wait(lock, [this] { return closed_ || items_done_ || inbox_at_ < inbox_.size(); });
  if (closed_) return 0;
  const auto n = std::min(capacity, inbox_.size() - inbox_at_);
  std::copy_n(inbox_.data() + inbox_at_, n, data);
  inbox_at_ += n;
  if (inbox_at_ == inbox_.size()) {
    inbox_.clear();
    inbox_at_ = 0;
  }
  inbox_changed_.notify_all();  // room for the puller
  return n;
}

void DecideStream::write(std::string_view bytes) {
  std::unique_lock lock(mutex_);
  while (!bytes.empty()) {
    const auto end = bytes.find('\n');
    if (end == std::string_view::npos) {
      partial_.append(bytes);
      break;
    }
    const auto whole = bytes.substr(0, end);
    bytes.remove_prefix(end + 1);
    changed_.wait(lock, [this] { return closed_ || results_.size() < kMaxQueued; });
    if (closed_) throw std::runtime_error("decide_many: closed");
    auto line = whole;  // usually the line came whole, else it ends the partial one
    if (!partial_.empty()) line = partial_.append(whole);
    const bool decided = !line.empty() && line[0] == 'D';
    results_.emplace_back(decided, std::string(line.substr(std::min<std::size_t>(1, line.size()))));
    partial_.clear();
  }
  changed_.notify_all();
}

py::tuple DecideStream::next_batch(std::size_t most) {
  std::deque<std::pair<bool, std::string>> taken;
  {
    py::gil_scoped_release release;
    std::unique_lock lock(mutex_);
    const auto ready = [this] { return closed_ || finished_ || !results_.empty(); };
    // Wake up now and then for Ctrl-C: a signal handler runs only when Python does.
    while (!changed_.wait_for(lock, kSignalCheck, ready)) {
      lock.unlock();
      {
        py::gil_scoped_acquire gil;
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      }
      lock.lock();
    }
    const auto n = std::min(most, results_.size());
    taken.insert(taken.end(), std::make_move_iterator(results_.begin()),
                 std::make_move_iterator(results_.begin() + static_cast<std::ptrdiff_t>(n)));
    results_.erase(results_.begin(), results_.begin() + static_cast<std::ptrdiff_t>(n));
    changed_.notify_all();
  }
  py::list texts(taken.size());
  py::list failed;
  std::size_t i = 0;
  for (auto& [decided, text] : taken) {
    if (!decided) failed.append(i);
    texts[i++] = py::str(text);
  }
  auto out = py::make_tuple(std::move(texts), std::move(failed));
  if (!taken.empty() || closed_) return out;
  // Finished and drained: say why the input stopped early, if it did.
  std::optional<py::error_already_set> error;
  {
    std::lock_guard lock(inbox_mutex_);
    error.swap(items_error_);
  }
  if (error) throw std::move(*error);
  if (!outcome_.ok() && outcome_.failure != batch::Failure::output) {
    throw std::runtime_error("decide_many stopped: " + outcome_.message);
  }
  return out;
}

}  // namespace redress::python
