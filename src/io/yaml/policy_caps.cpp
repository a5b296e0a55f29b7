// The `caps:` section: the most goodwill a decision may grant, per incident and per customer
// over a window of days.
#include "io/yaml/policy_sections.hpp"

namespace redress::io::yaml {

void read_caps(MapReader& top, policy::CapsSpec& out) {
  const Entry* entry = top.map("caps");
  if (!entry) return;
  Context& ctx = top.context();
  out.location = ctx.location(entry->value_mark);
  MapReader reader(ctx, entry->value, "'caps' section",
                   {"goodwill_per_incident", "goodwill_per_customer"});
  out.goodwill_per_incident = reader.text("goodwill_per_incident");
  const Entry* customer = reader.map("goodwill_per_customer");
  if (!customer) return;
  MapReader terms(ctx, customer->value, "'goodwill_per_customer'", {"amount", "window"});
  policy::CustomerCapSpec cap;
  cap.location = ctx.location(customer->value_mark);
  cap.amount = terms.text("amount", true);
  cap.window = terms.text("window", true);
  out.goodwill_per_customer = std::move(cap);
}

}  // namespace redress::io::yaml
