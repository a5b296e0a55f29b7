// Failures the extension reports to Python: a C++ exception carrying the diagnostics, turned into
// redress.PolicyError, redress.IncidentError or redress.DecideError by the module's translator.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "redress/diag/diagnostic.hpp"

namespace redress::python {

/// Which Python exception a Failure becomes (redress/errors.py).
enum class FailureKind { policy, incident, decide };

/// A policy that does not compile, an incident that cannot be read, a decision that cannot be
/// computed: what went wrong (one line) and every diagnostic behind it.
class Failure : public std::runtime_error {
 public:
  Failure(FailureKind kind, const std::string& message, Diagnostics diagnostics)
      : std::runtime_error(message), kind_(kind), diagnostics_(std::move(diagnostics)) {}
  [[nodiscard]] FailureKind kind() const { return kind_; }
  [[nodiscard]] const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  FailureKind kind_;
  Diagnostics diagnostics_;
};

/// The Python exception class name of a kind: "PolicyError", "IncidentError" or "DecideError".
const char* exception_name(FailureKind kind);

}  // namespace redress::python
