// The C ABI's store under concurrency: threads take the current policy and decide while the
// main thread reloads good and bad policies. Every decision must come from a whole policy
// (bank or hotel, as the identity says), and a failed reload must keep the policy in force.
// Usage: capi_threads_test <rules dir>
#include <redress/redress.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

// A minor incident both shipped policies know; each decides it with its own escalation roles.
const char* kIncident =
    R"({"id": "T-1", "reported_at": "2026-11-25T09:30:00+08:00", "category": "core.unavailable"})";

bool contains(const char* text, const char* part) { return text && std::strstr(text, part); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const std::string hotel = std::string(argv[1]) + "/hotel.yaml";
  const std::string bank = std::string(argv[1]) + "/bank.yaml";
  redress_store* store = redress_store_open(bank.c_str(), nullptr);
  if (!store) return 1;

  std::atomic<bool> stop{false};
  std::atomic<int> decided{0}, wrong{0};
  auto decider = [&] {
    while (!stop.load()) {
      redress_policy* policy = redress_store_current(store);
      char* decision = nullptr;
      if (redress_decide(policy, kIncident, REDRESS_NUL_TERMINATED, 0, &decision, nullptr) !=
          REDRESS_OK) {
        ++wrong;
      } else {
        // The identity of the handle, the policy named in the decision and its currency agree.
        const bool bank_policy = contains(redress_policy_identity(policy), "\"id\":\"bank\"");
        const bool consistent = bank_policy ? contains(decision, "\"policy\":{\"id\":\"bank\"")
                                            : contains(decision, "\"policy\":{\"id\":\"hotel\"");
        if (!consistent) ++wrong;
        ++decided;
      }
      redress_string_free(decision);
      redress_policy_free(policy);
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back(decider);

  int failures = 0;
  for (int round = 0; round < 6; ++round) {
    const std::string& good = round % 2 == 0 ? hotel : bank;
    if (redress_store_reload(store, good.c_str(), nullptr) != REDRESS_OK) ++failures;
    redress_error* err = nullptr;
    if (redress_store_reload_string(store, "policy: {id: broken", REDRESS_NUL_TERMINATED,
                                    "broken.yaml", &err) != REDRESS_E_POLICY) {
      ++failures;
    }
    redress_error_free(err);
    redress_policy* now = redress_store_current(store);
    const char* expected = round % 2 == 0 ? "\"id\":\"hotel\"" : "\"id\":\"bank\"";
    if (!contains(redress_policy_identity(now), expected)) ++failures;
    redress_policy_free(now);
  }
  stop = true;
  for (auto& t : threads) t.join();
  redress_store_free(store);

  std::printf("decided %d, inconsistent %d, reload failures %d\n", decided.load(), wrong.load(),
              failures);
  if (wrong.load() != 0 || failures != 0 || decided.load() == 0) return 1;
  std::printf("capi threads: all checks passed\n");
  return 0;
}
