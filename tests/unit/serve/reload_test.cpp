// Policy reloads on a running server: PUT /v1/policy with the admin token, reload() of the
// policy file (SIGHUP), the watch, and reloads while decisions are in flight.
#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "unit/serve/http_client.hpp"
#include "unit/serve/serve_fixture.hpp"

namespace r = redress;
namespace t = redress::test;
using nlohmann::json;

namespace {

// The default policy's text with another version (hence another hash).
std::string default_policy_version(const std::string& version) {
  auto text = t::read_file(t::source_dir() / "rules/default.yaml");
  const std::string from = "version: \"1.0.0\"";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "version: \"" + version + "\"");
  return text;
}

std::string hash_of(const std::string& policy_text) {
  const auto loaded = r::load_policy(policy_text, "x");
  REQUIRE(loaded.policy);
  return loaded.policy->identity.hash;
}

struct TempFile {
  explicit TempFile(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             (name + "-" + std::to_string(::getpid()) + ".yaml")) {}
  ~TempFile() { std::filesystem::remove(path); }
  void write(const std::string& text) const {
    // Written to the side and renamed, as editors and deployment tools do.
    const auto side = path.string() + ".new";
    std::ofstream(side, std::ios::binary) << text;
    std::filesystem::rename(side, path);
  }
  std::filesystem::path path;
};

std::string policy_hash(std::uint16_t port) {
  return json::parse(t::http(port, "GET", "/v1/policy").body)["hash"].get<std::string>();
}

}  // namespace

TEST_CASE("PUT /v1/policy needs the admin token, and swaps a policy that compiles", "[serve]") {
  auto options = t::test_options();
  options.admin_token = "s3cret";
  t::RunningServer server(options);
  const auto before = policy_hash(server.port());
  const auto next = default_policy_version("2.0.0");

  const auto anonymous = t::http(server.port(), "PUT", "/v1/policy", next, "application/yaml");
  CHECK(anonymous.status == 401);
  CHECK(anonymous.header("www-authenticate") == "Bearer");
  const auto wrong = t::http(server.port(), "PUT", "/v1/policy", next, "application/yaml",
                             "Authorization: Bearer s3creT\r\n");
  CHECK(wrong.status == 401);
  CHECK(json::parse(wrong.body)["diagnostics"][0]["code"] == "request.unauthorized");
  CHECK(policy_hash(server.port()) == before);

  // A policy that does not compile is refused with its diagnostics; the old one stays.
  const std::string broken =
      "policy: {id: x, version: \"1\"}\nrules: [{id: r, when: \"loss >\"}]\n";
  const auto refused = t::http(server.port(), "PUT", "/v1/policy", broken, "application/yaml",
                               "Authorization: Bearer s3cret\r\n");
  CHECK(refused.status == 422);
  const auto diagnostics = json::parse(refused.body)["diagnostics"];
  REQUIRE(!diagnostics.empty());
  CHECK(diagnostics[0]["file"] == "<request>");
  CHECK(diagnostics[0]["line"].is_number());
  CHECK(policy_hash(server.port()) == before);

  const auto applied = t::http(server.port(), "PUT", "/v1/policy", next, "application/yaml",
                               "Authorization: Bearer s3cret\r\n");
  CHECK(applied.status == 200);
  const auto info = json::parse(applied.body);
  CHECK(info["version"] == "2.0.0");
  CHECK(info["source"] == "PUT /v1/policy");
  CHECK(policy_hash(server.port()) == hash_of(next));
  const auto metrics = t::http(server.port(), "GET", "/metrics").body;
  CHECK(metrics.find("redress_policy_reloads_total{result=\"applied\"} 1\n") != std::string::npos);
  CHECK(metrics.find("redress_policy_reloads_total{result=\"refused\"} 1\n") != std::string::npos);
  CHECK(metrics.find("version=\"2.0.0\"") != std::string::npos);
}

TEST_CASE("without an admin token, PUT /v1/policy is forbidden", "[serve]") {
  t::RunningServer server;
  const auto response = t::http(server.port(), "PUT", "/v1/policy", default_policy_version("2"),
                                "application/yaml", "Authorization: Bearer \r\n");
  CHECK(response.status == 403);
  CHECK(json::parse(response.body)["diagnostics"][0]["code"] == "request.forbidden");
}

TEST_CASE("reload() and SIGHUP read the policy file again, or keep the policy", "[serve]") {
  TempFile file("redress-serve-reload");
  file.write(default_policy_version("1.1.0"));
  auto options = t::test_options();
  options.policy_file = file.path;
  options.policy_source = file.path.string();
  options.handle_signals = true;
  std::atomic<int> reports{0};
  options.on_reload = [&](const r::ReloadResult&) { ++reports; };
  t::RunningServer server(options, r::load_policy_file(file.path));
  CHECK(json::parse(t::http(server.port(), "GET", "/v1/policy").body)["source"] ==
        file.path.string());

  file.write("policy: [not a map\n");
  const auto refused = server.server->reload();
  CHECK_FALSE(refused.applied);
  CHECK(refused.current.version == "1.1.0");
  CHECK(policy_hash(server.port()) == hash_of(default_policy_version("1.1.0")));

  file.write(default_policy_version("1.2.0"));
  std::raise(SIGHUP);
  std::string hash;
  for (int i = 0; i < 200 && (hash != hash_of(default_policy_version("1.2.0")) || reports == 0);
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    hash = policy_hash(server.port());
  }
  CHECK(hash == hash_of(default_policy_version("1.2.0")));
  CHECK(reports.load() == 1);  // the signal's, reported; reload() returns its own
}

TEST_CASE("the watch reloads the policy file when it changes", "[serve]") {
  TempFile file("redress-serve-watch");
  file.write(default_policy_version("1.1.0"));
  auto options = t::test_options();
  options.policy_file = file.path;
  options.watch_interval = std::chrono::milliseconds(20);
  t::RunningServer server(options, r::load_policy_file(file.path));
  file.write(default_policy_version("1.3.0") + "\n# changed\n");
  const auto wanted = hash_of(default_policy_version("1.3.0") + "\n# changed\n");
  std::string hash;
  for (int i = 0; i < 300 && hash != wanted; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    hash = policy_hash(server.port());
  }
  CHECK(hash == wanted);
}

TEST_CASE("reloads while decisions are in flight: none fails, each names a policy in force",
          "[serve]") {
  auto options = t::test_options();
  options.admin_token = "t";
  t::RunningServer server(options);
  const auto incident = t::sample_incident();
  std::vector<std::string> versions = {"1.0.0"};
  std::set<std::string> in_force = {policy_hash(server.port())};
  for (int i = 1; i <= 4; ++i) versions.push_back("1.0." + std::to_string(i));

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::vector<std::string>> seen(3);
  std::vector<std::thread> clients;
  for (std::size_t c = 0; c < seen.size(); ++c) {
    clients.emplace_back([&, c] {
      t::HttpConnection connection(server.port());
      while (!done.load()) {
        const auto response =
            connection.request("POST", "/v1/decide", incident, "application/yaml");
        if (response.status != 200) {
          ++failures;
          continue;
        }
        seen[c].push_back(json::parse(response.body)["policy"]["hash"].get<std::string>());
      }
    });
  }
  for (std::size_t i = 1; i < versions.size(); ++i) {
    const auto text = default_policy_version(versions[i]);
    in_force.insert(hash_of(text));
    const auto put = t::http(server.port(), "PUT", "/v1/policy", text, "application/yaml",
                             "Authorization: Bearer t\r\n");
    CHECK(put.status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  done = true;
  for (auto& client : clients) client.join();
  CHECK(failures.load() == 0);
  std::set<std::string> named;
  for (const auto& hashes : seen) {
    CHECK(!hashes.empty());
    named.insert(hashes.begin(), hashes.end());
  }
  for (const auto& hash : named) {
    INFO(hash);
    CHECK(in_force.count(hash) == 1);
  }
  CHECK(named.size() > 1);  // decisions were made under more than one policy
}
