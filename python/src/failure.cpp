#include "failure.hpp"

namespace redress::python {

const char* exception_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::policy:
      return "PolicyError";
    case FailureKind::incident:
      return "IncidentError";
    case FailureKind::decide:
      return "DecideError";
  }
  return "RedressError";
}

}  // namespace redress::python
