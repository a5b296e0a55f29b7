#include "io/json/commitments_json.hpp"

#include "redress/model/enums.hpp"

namespace redress::io::json_out {

void write_commitments(Writer& w, const std::vector<Commitment>& commitments) {
  w.begin_array();
  for (const auto& c : commitments) {
    w.begin_object();
    w.key("id");
    w.string(c.id);
    w.key("kind");
    w.string(to_string(c.kind));
    w.key("assignee");
    w.string(c.assignee);
    w.key("assignee_type");
    w.string(c.assignee_is_role ? "role" : "department");
    w.key("text");
    w.string(c.text);
    w.key("calendar");
    w.string(c.calendar);
    w.key("start");
    w.string(to_string(c.start));
    w.key("started");
    w.timestamp(c.started);
    w.key("due_text");
    w.string(c.due_text);
    w.key("due");
    w.timestamp(c.due);
    if (!c.every.empty()) {
      w.key("every");
      w.string(c.every);
      w.key("until");
      w.string(c.until);
      w.key("following");
      w.begin_array();
      for (const auto& due : c.following) w.timestamp(due);
      w.end_array();
    }
    w.key("rules");
    w.strings(c.rules);
    w.end_object();
  }
  w.end_array();
}

void write_recusal(Writer& w, const Recusal& recusal) {
  w.begin_object();
  w.key("required_by");
  w.strings(recusal.required_by);
  w.key("involved");
  w.strings(recusal.involved);
  w.key("staff");
  w.strings(recusal.staff);
  w.key("skipped");
  w.begin_array();
  for (const auto& skipped : recusal.skipped) {
    w.begin_object();
    w.key("role");
    w.string(skipped.role);
    w.key("reason");
    w.string(skipped.reason);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace redress::io::json_out
