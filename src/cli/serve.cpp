// redress serve [--policy FILE] [--listen HOST:PORT] [--threads N] [--decision-log FILE]
//               [--admin-token-file F] [--watch]
//
// The decision service over HTTP: the work is serve::Server; here are the arguments, the
// messages on standard error and the exit code.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <system_error>

#include "cli/commands.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/serve/server.hpp"

namespace redress::cli {
namespace {

// "127.0.0.1:8181", "[::1]:8181", ":8181" (every IPv4 address). False when malformed.
bool split_listen(const std::string& listen, std::string& address, std::uint16_t& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  address = listen.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  if (address.empty()) address = "0.0.0.0";
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  const auto [end, ec] = std::from_chars(first, last, port);
  return ec == std::errc{} && end == last && first != last;
}

// The token, without the line ending an editor leaves. False when unreadable or empty.
bool read_token(const std::string& path, std::string& token) {
  std::string error;
  if (!read_input(path, token, error)) {
    std::cerr << fmt::format("{}: error: cannot read the admin token file: {}\n", path, error);
    return false;
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (token.empty()) {
    std::cerr << fmt::format("{}: error: the admin token file is empty\n", path);
    return false;
  }
  return true;
}

void report_reload(const ReloadResult& result, const std::string& file) {
  for (const auto& d : result.diagnostics.items()) std::cerr << render(d, {});
  std::cerr << fmt::format("redress serve: {} {}; in force: {} {} ({})\n", file,
                           result.applied ? "reloaded" : "NOT reloaded, the policy is unchanged",
                           result.current.id, result.current.version, result.current.hash);
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args) {
  auto* cmd = app.add_subcommand("serve", "Serve decisions over HTTP (see the README)");
  cmd->add_option("--policy", args.policy, "Policy file (default: the built-in policy)");
  cmd->add_option("--listen", args.listen, "HOST:PORT to listen on (default 127.0.0.1:8181)");
  cmd->add_option("--threads", args.threads, "Threads serving (default: the number of cores)")
      ->check(CLI::Range(1U, 1024U));
  cmd->add_option("--decision-log", args.decision_log,
                  "Append each decision's audit record to this file (JSON lines)");
  cmd->add_option("--admin-token-file", args.admin_token_file,
                  "File holding the token PUT /v1/policy requires");
  cmd->add_flag("--watch", args.watch, "Reload the policy file when it changes");
  return cmd;
}

int run_serve(const ServeArgs& args) {
  serve::ServerOptions options;
  if (!split_listen(args.listen, options.address, options.port)) {
    std::cerr << fmt::format("error: --listen '{}' is not HOST:PORT (e.g. 127.0.0.1:8181)\n",
                             args.listen);
    return kUsage;
  }
  if (args.watch && args.policy.empty()) {
    std::cerr << "error: --watch needs --policy FILE: the built-in policy never changes\n";
    return kUsage;
  }
  if (!args.admin_token_file.empty() && !read_token(args.admin_token_file, options.admin_token)) {
    return kUnreadable;
  }
  auto loaded = args.policy.empty() ? load_default_policy() : load_policy_file(args.policy);
  for (const auto& d : loaded.diagnostics.items()) std::cerr << render(d, loaded.source);
  if (!loaded.policy) {
    return loaded.diagnostics.size() == 1 && loaded.diagnostics.items()[0].code == "policy.io"
               ? kUnreadable
               : kPolicyInvalid;
  }
  const auto identity = loaded.policy->identity;
  options.threads = args.threads;
  options.batch_threads = args.threads;
  options.policy_file = args.policy;
  options.policy_source = args.policy.empty() ? "built-in" : args.policy;
  options.decision_log = args.decision_log;
  options.watch_interval = std::chrono::milliseconds(args.watch ? 1000 : 0);
  options.handle_signals = true;
  options.on_reload = [file = options.policy_source](const ReloadResult& result) {
    report_reload(result, file);
  };
  try {
    serve::Server server(std::move(loaded), options);
    std::cerr << fmt::format("redress serve: listening on http://{}:{} with {} {} ({})\n",
                             args.listen.substr(0, args.listen.rfind(':')), server.port(),
                             identity.id, identity.version, identity.hash)
              << std::flush;
    server.run();
  } catch (const std::invalid_argument& e) {
    std::cerr << fmt::format("error: --listen '{}': {}\n", args.listen, e.what());
    return kUsage;
  } catch (const std::system_error& e) {
    std::cerr << fmt::format("error: cannot serve on {}: {}\n", args.listen, e.what());
    return e.code().category() == std::generic_category() ? kUnreadable : kCannotListen;
  }
  std::cerr << "redress serve: stopped\n";
  return kOk;
}

}  // namespace redress::cli
