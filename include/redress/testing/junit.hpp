// JUnit XML for CI systems: one <testsuite> per suite file, one <testcase> per case.
#pragma once

#include <string>
#include <vector>

#include "redress/testing/suite.hpp"

namespace redress::testing {

/// The results as a JUnit XML document. Failed cases carry a `<failure>` whose text is
/// describe_failure(); suite-level problems become an `<error>`.
std::string to_junit(const std::vector<SuiteResult>& suites);

}  // namespace redress::testing
