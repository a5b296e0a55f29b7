// SHA-256 digests, for policy hashes, audit input digests and decision ids.
#pragma once

#include <string>
#include <string_view>

namespace redress::detail {

/// "sha256:<64 lowercase hex digits>" of `text`. Throws std::runtime_error if OpenSSL fails.
std::string content_hash(std::string_view text);

}  // namespace redress::detail
