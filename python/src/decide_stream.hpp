// Deciding an iterable of incidents on the library's batch pipeline (batch::map_lines with
// batch::LineDecider), streamed back to Python in input order.
//
// The threads: the Python thread that iterates the stream; a puller, which holds the GIL to take
// incidents from the Python iterable one by one and hands each over at once (so that a source
// that blocks between incidents has those before decided meanwhile); and the pipeline, on a
// thread of its own, whose reader takes the puller's bytes, whose workers decide without the
// GIL, and whose sink hands decided lines to the Python thread. Both hand-overs are bounded.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "policy_handle.hpp"
#include "redress/batch/map_lines.hpp"

namespace redress::python {

/// The name error records give the input of decide_many().
constexpr std::string_view kDecideManyFile = "<decide_many>";

/// The text of a str or bytes item, valid while the item lives; throws py::cast_error for
/// anything else.
std::string_view item_text(pybind11::handle item);

/// The decisions of one decide_many() call, in input order.
class DecideStream {
 public:
  /// Starts deciding the items of `items` (an iterator of str or bytes, one JSON incident each)
  /// on `threads` workers (0: one per core).
  DecideStream(std::shared_ptr<const PolicyHandle> policy, pybind11::iterator items,
               unsigned threads, bool trace);
  /// Stops the pipeline (close()).
  ~DecideStream();
  DecideStream(const DecideStream&) = delete;
  DecideStream& operator=(const DecideStream&) = delete;

  /// Up to `most` results in input order, as (texts, failed): each text a decision's JSON line,
  /// or the error record of an incident that failed, whose positions in `texts` are `failed`.
  /// Waits without the GIL for at least one. No texts: the input is done. Raises what the
  /// Python iterable raised, once the items before it are all returned.
  pybind11::tuple next_batch(std::size_t most);
  /// Stops reading and deciding and waits for the pipeline's threads; the results not yet
  /// taken are dropped. Idempotent. Called with the GIL held.
  void close();
  /// Closes every stream: registered with atexit, because a thread that asks for the GIL while
  /// the interpreter finalizes is ended on the spot, unwinding through the pipeline.
  static void close_all();

 private:
  std::size_t read(char* data, std::size_t capacity);  // the pipeline's Source, on its reader
  void write(std::string_view bytes);                  // the pipeline's Sink, on its thread
  void run(unsigned threads, bool trace);

  void pull();                              // the puller's loop
  void hand_over(const std::string& line);  // from the puller to the reader

  std::shared_ptr<const PolicyHandle> policy_;
  pybind11::iterator items_;  // used by the puller only, with the GIL

  // Never held while taking the GIL (nor is mutex_): a thread holding the GIL may lock them.
  std::mutex inbox_mutex_;  // guards the four below
  std::condition_variable inbox_changed_;
  std::string inbox_;  // incidents as lines, pulled and not yet read by the pipeline
  std::size_t inbox_at_ = 0;
  bool items_done_ = false;                                 // the puller is done
  std::optional<pybind11::error_already_set> items_error_;  // raised by the iterable

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<bool, std::string>> results_;  // decided, not yet taken
  std::string partial_;                               // a line the sink received in part
  bool finished_ = false;
  batch::MapResult outcome_;
  std::atomic<bool> closed_{false};
  std::thread puller_;
  std::thread pipeline_;
};

}  // namespace redress::python
