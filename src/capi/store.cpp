// The C ABI's policy store: a thin shell over redress::PolicyStore.
#include <fmt/format.h>

#include "capi/handles.hpp"
#include "redress/io/load_policy.hpp"

using redress::capi::argument;
using redress::capi::fail;
using redress::capi::guard;

namespace {

// A reload that was not applied becomes an error carrying its diagnostics.
void check_applied(const redress::ReloadResult& result, std::string_view name) {
  if (result.applied) return;
  const auto& items = result.diagnostics.items();
  const bool unreadable = !items.empty() && items.front().code == "policy.io";
  std::string first;
  for (const auto& d : items) {
    if (d.severity != redress::Severity::error) continue;
    first = redress::located(d);
    break;
  }
  fail(unreadable ? REDRESS_E_IO : REDRESS_E_POLICY,
       fmt::format("policy '{}' not applied; '{}' version {} stays in force: {}", name,
                   result.current.id, result.current.version, first),
       result.diagnostics);
}

}  // namespace

extern "C" {

redress_store* redress_store_open(const char* path, redress_error** err) {
  redress_store* out = nullptr;
  guard(err, [&] {
    std::shared_ptr<const redress::CompiledPolicy> policy;
    if (path) {
      const auto file = std::string(argument(path, REDRESS_NUL_TERMINATED, "path"));
      if (file.empty()) fail(REDRESS_E_INVALID_ARGUMENT, "path is empty");
      policy = redress::capi::compiled_or_fail(redress::load_policy_file(file), file);
    } else {
      policy = redress::capi::compiled_or_fail(redress::load_default_policy(),
                                               "<built-in>/default.yaml");
    }
    out = new redress_store(std::move(policy));
  });
  return out;
}

int redress_store_reload(redress_store* store, const char* path, redress_error** err) {
  return guard(err, [&] {
    if (!store) fail(REDRESS_E_INVALID_ARGUMENT, "store is NULL");
    const auto file = std::string(argument(path, REDRESS_NUL_TERMINATED, "path"));
    if (file.empty()) fail(REDRESS_E_INVALID_ARGUMENT, "path is empty");
    const std::lock_guard lock(store->reload_mutex);
    check_applied(store->store.reload(redress::load_policy_file(file)), file);
    store->prepared.publish(redress::capi::prepare(store->store.current()));
  });
}

int redress_store_reload_string(redress_store* store, const char* yaml, size_t length,
                                const char* name, redress_error** err) {
  return guard(err, [&] {
    if (!store) fail(REDRESS_E_INVALID_ARGUMENT, "store is NULL");
    const auto text = argument(yaml, length, "policy text");
    const auto file = name ? argument(name, REDRESS_NUL_TERMINATED, "name") : "<policy>";
    const std::lock_guard lock(store->reload_mutex);
    check_applied(store->store.reload(redress::load_policy(text, file)), file);
    store->prepared.publish(redress::capi::prepare(store->store.current()));
  });
}

redress_policy* redress_store_current(const redress_store* store) {
  if (!store) return nullptr;
  try {
    return redress::capi::make_policy(store->prepared.take());
  } catch (...) {
    return nullptr;  // only std::bad_alloc can get here
  }
}

void redress_store_free(redress_store* store) { delete store; }

}  // extern "C"
