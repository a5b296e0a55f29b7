#include <redress/redress.h>
#include <stdio.h>

int main(void) {
  const char* incident =
      "{\"id\": \"P-2\", \"reported_at\": \"2026-11-25T09:30:00+08:00\", "
      "\"category\": \"core.unavailable\"}";
  redress_error* err = NULL;
  char* decision = NULL;
  redress_policy* policy = redress_policy_load_default(&err);
  int status = redress_decide(policy, incident, REDRESS_NUL_TERMINATED, 0, &decision, &err);
  if (status == REDRESS_OK)
    puts(decision);
  else
    fprintf(stderr, "%s: %s\n", redress_status_name(status), redress_error_message(err));
  redress_string_free(decision);
  redress_error_free(err);
  redress_policy_free(policy);
  return status == REDRESS_OK ? 0 : 1;
}
