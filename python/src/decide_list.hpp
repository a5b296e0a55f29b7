// Deciding a list of incidents on the calling thread: what a Dask task does with its partition.
// A worker already runs one task per thread, so the stream's puller and pipeline threads
// (decide_stream.hpp) would only add hand-overs and make one task use more than its core.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>

#include "policy_handle.hpp"

namespace redress::python {

/// Decides every item of `items` (str or bytes, one JSON incident each) in order, without the
/// GIL, and returns (texts, failed) as DecideStream::next_batch() does for the same items in
/// one batch: the same bytes, the same error records, the first item numbered `first_line`.
pybind11::tuple decide_list(const PolicyHandle& policy, const pybind11::sequence& items, bool trace,
                            std::uint64_t first_line);

}  // namespace redress::python
