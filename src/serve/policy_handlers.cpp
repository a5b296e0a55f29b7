// GET /v1/policy and PUT /v1/policy, and the admin token that a policy sent over HTTP needs.
#include <openssl/crypto.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "redress/io/diagnostics_writer.hpp"
#include "redress/io/load_policy.hpp"
#include "serve/service.hpp"

namespace redress::serve {
namespace {

// Compares without stopping at the first difference, so that timing does not leak the token.
bool same_secret(std::string_view given, std::string_view expected) {
  if (given.size() != expected.size()) return false;
  return CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

}  // namespace

std::string policy_info_json(const PolicyInfo& info) {
  const auto& identity = info.policy->identity;
  return nlohmann::ordered_json{{"id", identity.id},
                                {"version", identity.version},
                                {"hash", identity.hash},
                                {"loaded_at", info.loaded_at.to_string()},
                                {"source", info.source}}
      .dump();
}

Response Service::get_policy(const Request&) const {
  Response response;
  response.body = policy_info_json(slot_.info()) + "\n";
  return response;
}

std::optional<Response> Service::refuse_without_token(const Request& request) const {
  if (options_.admin_token.empty()) {
    return request_error(
        403, "request.forbidden",
        fmt::format("{} {} needs the admin token, and this server has none: it takes no policy "
                    "over HTTP",
                    request.method, request.path),
        "start it with --admin-token-file; its own policy file is reloaded with SIGHUP");
  }
  constexpr std::string_view kBearer = "Bearer ";
  const auto given = request.authorization;
  if (given.substr(0, kBearer.size()) != kBearer ||
      !same_secret(given.substr(kBearer.size()), options_.admin_token)) {
    auto response =
        request_error(401, "request.unauthorized",
                      fmt::format("{} {} needs the admin token", request.method, request.path),
                      "send Authorization: Bearer <the token of --admin-token-file>");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  }
  return std::nullopt;
}

std::optional<std::filesystem::path> Service::sent_policy_dir() const {
  if (options_.policy_file.empty()) return std::nullopt;
  return options_.policy_file.parent_path();
}

Response Service::put_policy(const Request& request) {
  if (auto refusal = refuse_without_token(request)) return std::move(*refusal);
  auto result =
      slot_.reload(load_policy(request.body, "<request>", sent_policy_dir()), "PUT /v1/policy");
  metrics_.reload(result.applied);
  if (!result.applied) return diagnostics_response(422, result.diagnostics);
  // The policy now in force, with the warnings of its compilation.
  auto body = nlohmann::ordered_json::parse(policy_info_json(slot_.info()));
  body["diagnostics"] = nlohmann::ordered_json::parse(io::to_json(result.diagnostics));
  Response response;
  response.body = body.dump() + "\n";
  return response;
}

}  // namespace redress::serve
