/* The C ABI from C99: NULLs, empty strings, malformed JSON, a huge input, a bad policy, a
 * good decision, audit records and a store that keeps its policy on a failed reload.
 * Compiled with -std=c99 -pedantic -Werror. Usage: capi_test <rules dir> <tests/data dir>. */
#include <redress/redress.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static int contains(const char* text, const char* part) {
  return text != NULL && strstr(text, part) != NULL;
}

static const char* kIncident =
    "{\"id\": \"C-1\", \"reported_at\": \"2026-11-25T09:30:00+08:00\", "
    "\"category\": \"core.unavailable\", \"emotion\": {\"state\": \"angry\", \"intensity\": 4}}";

static char rules_dir[4096];
static char data_dir[4096];

static void path_in(char* out, size_t size, const char* dir, const char* file) {
  snprintf(out, size, "%s/%s", dir, file);
}

static void test_nulls_and_empty(void) {
  redress_error* err = NULL;
  char* out = (char*)1;
  redress_policy* policy = redress_policy_load_default(NULL);
  CHECK(policy != NULL);

  CHECK(redress_policy_load_file(NULL, &err) == NULL);
  CHECK(redress_error_code(err) == REDRESS_E_INVALID_ARGUMENT);
  CHECK(contains(redress_error_message(err), "path is NULL"));
  redress_error_free(err);
  CHECK(redress_policy_load_file("", &err) == NULL);
  CHECK(redress_error_code(err) == REDRESS_E_INVALID_ARGUMENT);
  redress_error_free(err);
  CHECK(redress_policy_load_string(NULL, 0, NULL, &err) == NULL);
  CHECK(redress_error_code(err) == REDRESS_E_INVALID_ARGUMENT);
  redress_error_free(err);
  CHECK(redress_policy_load_string("", 0, NULL, &err) == NULL);
  CHECK(redress_error_code(err) == REDRESS_E_POLICY);
  redress_error_free(err);

  CHECK(redress_decide(NULL, kIncident, REDRESS_NUL_TERMINATED, 0, &out, &err) ==
        REDRESS_E_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(contains(redress_error_message(err), "policy is NULL"));
  redress_error_free(err);
  CHECK(redress_decide(policy, NULL, 0, 0, &out, &err) == REDRESS_E_INVALID_ARGUMENT);
  CHECK(contains(redress_error_message(err), "incident_json is NULL"));
  redress_error_free(err);
  CHECK(redress_decide(policy, kIncident, REDRESS_NUL_TERMINATED, 0, NULL, &err) ==
        REDRESS_E_INVALID_ARGUMENT);
  redress_error_free(err);
  CHECK(redress_decide(policy, kIncident, REDRESS_NUL_TERMINATED, 0x80u, &out, &err) ==
        REDRESS_E_INVALID_ARGUMENT);
  CHECK(contains(redress_error_message(err), "unknown flags"));
  redress_error_free(err);
  CHECK(redress_decide(policy, "", 0, 0, &out, &err) == REDRESS_E_INCIDENT);
  CHECK(out == NULL);
  redress_error_free(err);
  /* Without an error object the status alone comes back. */
  CHECK(redress_decide(policy, "", 0, 0, &out, NULL) == REDRESS_E_INCIDENT);

  /* Accessors and free functions accept NULL. */
  CHECK(redress_error_code(NULL) == REDRESS_OK);
  CHECK(strcmp(redress_error_message(NULL), "") == 0);
  CHECK(strcmp(redress_error_diagnostics_json(NULL), "[]") == 0);
  CHECK(redress_policy_identity(NULL) == NULL);
  CHECK(redress_store_current(NULL) == NULL);
  CHECK(redress_store_reload(NULL, "x.yaml", &err) == REDRESS_E_INVALID_ARGUMENT);
  redress_error_free(err);
  redress_error_free(NULL);
  redress_string_free(NULL);
  redress_policy_free(NULL);
  redress_store_free(NULL);
  CHECK(strcmp(redress_status_name(REDRESS_E_POLICY), "REDRESS_E_POLICY") == 0);
  CHECK(strcmp(redress_status_name(99), "REDRESS_E_UNKNOWN") == 0);
  redress_policy_free(policy);
}

static void test_malformed_and_huge(void) {
  redress_error* err = NULL;
  char* out = NULL;
  size_t size = REDRESS_MAX_INPUT_BYTES + 1;
  char* huge;
  size_t depth = 100000, i;
  char* deep;
  redress_policy* policy = redress_policy_load_default(NULL);

  CHECK(redress_decide(policy, "{\"id\": ", REDRESS_NUL_TERMINATED, 0, &out, &err) ==
        REDRESS_E_INCIDENT);
  CHECK(contains(redress_error_diagnostics_json(err), "\"code\":\"incident.syntax\""));
  redress_error_free(err);
  CHECK(redress_decide(policy, "{\"id\": \"X\", \"category\": \"no.such\"}", REDRESS_NUL_TERMINATED,
                       0, &out, &err) == REDRESS_E_INCIDENT);
  CHECK(contains(redress_error_diagnostics_json(err), "\"line\":1"));
  redress_error_free(err);
  /* Invalid UTF-8 and embedded NULs are reported, never crash. */
  CHECK(redress_decide(policy, "{\"id\": \"\xff\xfe\", \0 }", 16, 0, &out, &err) ==
        REDRESS_E_INCIDENT);
  redress_error_free(err);

  huge = (char*)malloc(size + 1);
  CHECK(huge != NULL);
  if (huge) {
    memset(huge, ' ', size);
    huge[size] = '\0';
    CHECK(redress_decide(policy, huge, size, 0, &out, &err) == REDRESS_E_INVALID_ARGUMENT);
    CHECK(contains(redress_error_message(err), "longer than the limit"));
    redress_error_free(err);
    CHECK(redress_decide(policy, huge, REDRESS_NUL_TERMINATED, 0, &out, &err) ==
          REDRESS_E_INVALID_ARGUMENT);
    redress_error_free(err);
    CHECK(redress_policy_load_string(huge, size, NULL, &err) == NULL);
    CHECK(redress_error_code(err) == REDRESS_E_INVALID_ARGUMENT);
    redress_error_free(err);
    free(huge);
  }
  /* Deep nesting inside the limit: refused by the parser's depth guard, not by the stack. */
  deep = (char*)malloc(2 * depth + 1);
  CHECK(deep != NULL);
  if (deep) {
    for (i = 0; i < depth; ++i) deep[i] = '[';
    for (i = 0; i < depth; ++i) deep[depth + i] = ']';
    deep[2 * depth] = '\0';
    CHECK(redress_decide(policy, deep, 2 * depth, 0, &out, &err) == REDRESS_E_INCIDENT);
    redress_error_free(err);
    free(deep);
  }
  CHECK(out == NULL);
  redress_policy_free(policy);
}

static void test_bad_policy(void) {
  char path[8192];
  redress_error* err = NULL;
  const char* diagnostics;
  path_in(path, sizeof path, data_dir, "bad/expr_type.yaml");
  CHECK(redress_policy_load_file(path, &err) == NULL);
  CHECK(redress_error_code(err) == REDRESS_E_POLICY);
  CHECK(contains(redress_error_message(err), "expr_type.yaml:19:17: cannot compare money"));
  diagnostics = redress_error_diagnostics_json(err);
  CHECK(contains(diagnostics, "\"code\":\"expr.type\""));
  CHECK(contains(diagnostics, "\"line\":19,\"column\":17"));
  redress_error_free(err);
  CHECK(redress_policy_load_file("/no/such/policy.yaml", &err) == NULL);
  CHECK(redress_error_code(err) == REDRESS_E_IO);
  CHECK(contains(redress_error_diagnostics_json(err), "\"code\":\"policy.io\""));
  redress_error_free(err);
  /* A directory is not an empty policy: it cannot be read. */
  CHECK(redress_policy_load_file(data_dir, &err) == NULL);
  CHECK(redress_error_code(err) == REDRESS_E_IO);
  CHECK(contains(redress_error_message(err), "Is a directory"));
  CHECK(contains(redress_error_diagnostics_json(err), "\"code\":\"policy.io\""));
  redress_error_free(err);
}

static void test_good_decision(void) {
  char path[8192];
  redress_error* err = NULL;
  char* decision = NULL;
  char* audit = NULL;
  redress_policy* policy = redress_policy_load_default(&err);
  CHECK(policy != NULL && err == NULL);
  CHECK(contains(redress_policy_identity(policy), "{\"id\":\"default\",\"version\":"));
  CHECK(redress_decide(policy, kIncident, strlen(kIncident), REDRESS_TRACE, &decision, &err) ==
        REDRESS_OK);
  CHECK(err == NULL);
  CHECK(contains(decision, "{\"incident\":\"C-1\",\"policy\":{\"id\":\"default\""));
  CHECK(contains(decision, "\"trace\":["));
  redress_string_free(decision);

  CHECK(redress_decide_audited(policy, kIncident, REDRESS_NUL_TERMINATED, 0,
                               "2026-11-25T10:00:00+08:00", NULL, &audit, &err) == REDRESS_OK);
  CHECK(contains(audit, "{\"decision_id\":\"dec-"));
  CHECK(contains(audit, "\"decided_at\":\"2026-11-25T10:00:00+08:00\""));
  CHECK(contains(audit, "\"input_digest\":\"sha256:"));
  CHECK(strchr(audit, '\n') == NULL);
  redress_string_free(audit);
  CHECK(redress_decide_audited(policy, kIncident, REDRESS_NUL_TERMINATED, 0, "yesterday", NULL,
                               &audit, &err) == REDRESS_E_INVALID_ARGUMENT);
  CHECK(audit == NULL);
  redress_error_free(err);
  redress_policy_free(policy);

  path_in(path, sizeof path, rules_dir, "hotel.yaml");
  policy = redress_policy_load_file(path, &err);
  CHECK(policy != NULL);
  CHECK(contains(redress_policy_identity(policy), "\"id\":\"hotel\""));
  /* The hotel policy extends the standard taxonomy, so the same incident fits it. */
  CHECK(redress_decide(policy, kIncident, REDRESS_NUL_TERMINATED, REDRESS_PRETTY, &decision,
                       &err) == REDRESS_OK);
  CHECK(contains(decision, "{\n  \"incident\": \"C-1\""));
  redress_string_free(decision);
  redress_policy_free(policy);
}

static void test_store(void) {
  char good[8192], bad[8192];
  redress_error* err = NULL;
  redress_policy* before;
  redress_policy* after;
  redress_store* store = redress_store_open(NULL, &err);
  CHECK(store != NULL && err == NULL);
  path_in(good, sizeof good, rules_dir, "bank.yaml");
  path_in(bad, sizeof bad, data_dir, "bad/rule_cycle.yaml");
  before = redress_store_current(store);
  CHECK(contains(redress_policy_identity(before), "\"id\":\"default\""));

  CHECK(redress_store_reload(store, good, &err) == REDRESS_OK);
  CHECK(err == NULL);
  after = redress_store_current(store);
  CHECK(contains(redress_policy_identity(after), "\"id\":\"bank\""));
  /* A handle taken before the reload still decides with its own policy. */
  CHECK(contains(redress_policy_identity(before), "\"id\":\"default\""));
  redress_policy_free(before);
  redress_policy_free(after);

  CHECK(redress_store_reload(store, bad, &err) == REDRESS_E_POLICY);
  CHECK(contains(redress_error_message(err), "'bank' version"));
  CHECK(contains(redress_error_diagnostics_json(err), "graph.rule_cycle"));
  redress_error_free(err);
  CHECK(redress_store_reload_string(store, "policy: [", REDRESS_NUL_TERMINATED, "broken.yaml",
                                    &err) == REDRESS_E_POLICY);
  CHECK(contains(redress_error_diagnostics_json(err), "\"file\":\"broken.yaml\""));
  redress_error_free(err);
  CHECK(redress_store_reload(store, "/no/such.yaml", &err) == REDRESS_E_IO);
  redress_error_free(err);
  CHECK(redress_store_reload(store, rules_dir, &err) == REDRESS_E_IO);
  redress_error_free(err);
  after = redress_store_current(store);
  CHECK(contains(redress_policy_identity(after), "\"id\":\"bank\""));
  redress_policy_free(after);
  redress_store_free(store);
}

/* JSON is read as JSON, as `redress decide` and `redress batch` read it: a bare CR between
 * tokens is whitespace, a newline may come before a colon, and nesting has a located limit. */
static void test_json_as_json(void) {
  redress_error* err = NULL;
  char* out = NULL;
  char deep[200];
  size_t i, n = 0;
  redress_policy* policy = redress_policy_load_default(NULL);

  CHECK(redress_decide(policy,
                       "{\"id\":\r\"A\",\"reported_at\"\n:\"2026-11-25T09:30:00+08:00\",\r"
                       "\"category\"\r\n: \"core.unavailable\"}",
                       REDRESS_NUL_TERMINATED, 0, &out, &err) == REDRESS_OK);
  CHECK(contains(out, "\"incident\":\"A\""));
  redress_string_free(out);
  out = NULL;

  n += (size_t)snprintf(deep, sizeof deep, "%s", "{\"notes\": ");
  for (i = 0; i < 40; ++i) deep[n++] = '[';
  for (i = 0; i < 40; ++i) deep[n++] = ']';
  deep[n++] = '}';
  deep[n] = '\0';
  CHECK(redress_decide(policy, deep, n, 0, &out, &err) == REDRESS_E_INCIDENT);
  CHECK(contains(redress_error_diagnostics_json(err), "\"code\":\"incident.too_deep\""));
  CHECK(contains(redress_error_diagnostics_json(err), "\"column\":42"));
  redress_error_free(err);
  redress_policy_free(policy);
}

/* A policy deciding under what is in force when the case is decided: the decision time the
 * host passes (decided_at) chooses the clocks, and the decision names the date. */
static void test_decided_at_dates_the_decision(void) {
  static const char* kDated =
      "policy: {id: dated, version: \"1\", currency: CNY, in_force: decided}\n"
      "roles: [{id: agent, authority: unlimited}]\n"
      "clocks: [{id: new-law, due: 10 calendar_days, effective: {from: 2026-07-01}}]\n"
      "sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}\n"
      "rules: [{id: r, then: [{clock: new-law}]}]\n";
  redress_error* err = NULL;
  char* decision = NULL;
  redress_policy* policy =
      redress_policy_load_string(kDated, REDRESS_NUL_TERMINATED, "dated.yaml", &err);
  CHECK(policy != NULL && err == NULL);
  CHECK(redress_decide_audited(policy, kIncident, REDRESS_NUL_TERMINATED, 0,
                               "2026-06-20T10:00:00+08:00", &decision, NULL, &err) == REDRESS_OK);
  CHECK(contains(decision, "\"in_force\":{\"as_of\":\"2026-06-20\",\"basis\":\"decided\"}"));
  CHECK(contains(decision, "\"clocks\":[]"));
  redress_string_free(decision);
  CHECK(redress_decide_audited(policy, kIncident, REDRESS_NUL_TERMINATED, 0,
                               "2026-07-02T10:00:00+08:00", &decision, NULL, &err) == REDRESS_OK);
  CHECK(contains(decision, "\"clocks\":[{\"id\":\"new-law\""));
  redress_string_free(decision);
  redress_policy_free(policy);
}

/* A VIP customer after an unsatisfying recovery: the default policy gives the case to the
 * executive, and a tier below vip would give it to the complaint specialist. */
static void test_explain(void) {
  static const char* incident =
      "{\"id\": \"X-1\", \"reported_at\": \"2026-11-25T09:30:00+08:00\", \"category\": "
      "\"core.slow\", \"magnitude\": \"moderate\", \"loss\": \"1600.00 CNY\", "
      "\"emotion\": {\"state\": \"angry\", \"intensity\": 4}, \"customer\": {\"tier\": "
      "\"vip\"}, \"history\": {\"prior_failures\": 1, \"last_recovery_outcome\": "
      "\"unsatisfied\"}}";
  redress_error* err = NULL;
  char* out = NULL;
  redress_policy* policy = redress_policy_load_default(NULL);
  CHECK(redress_explain(policy, incident, REDRESS_NUL_TERMINATED, "owner", &out, &err) ==
        REDRESS_OK);
  CHECK(err == NULL);
  CHECK(out != NULL && contains(out, "\"value\": \"executive\""));
  CHECK(out != NULL && contains(out,
                                "\"fact\": \"tier\",\n          \"from\": \"vip\",\n"
                                "          \"to\": \"premium\""));
  CHECK(out != NULL && contains(out, "\"value\": \"complaint_specialist\""));
  redress_string_free(out);

  CHECK(redress_explain(policy, incident, REDRESS_NUL_TERMINATED, "colour", &out, &err) ==
        REDRESS_E_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(contains(redress_error_diagnostics_json(err), "\"code\":\"explain.unknown_outcome\""));
  CHECK(contains(redress_error_message(err), "unknown outcome 'colour'"));
  redress_error_free(err);
  CHECK(redress_explain(policy, incident, REDRESS_NUL_TERMINATED, "remedy:no_such", &out, &err) ==
        REDRESS_E_INVALID_ARGUMENT);
  CHECK(contains(redress_error_message(err), "'no_such' is not a remedy"));
  redress_error_free(err);
  CHECK(redress_explain(policy, "{", 1, "owner", &out, &err) == REDRESS_E_INCIDENT);
  redress_error_free(err);
  CHECK(redress_explain(NULL, incident, REDRESS_NUL_TERMINATED, "owner", &out, &err) ==
        REDRESS_E_INVALID_ARGUMENT);
  redress_error_free(err);
  redress_policy_free(policy);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: capi_test <rules dir> <tests/data dir>\n");
    return 2;
  }
  snprintf(rules_dir, sizeof rules_dir, "%s", argv[1]);
  snprintf(data_dir, sizeof data_dir, "%s", argv[2]);
  CHECK(strcmp(redress_version(), "0.2.0") >= 0); /* 0.2: decisions gained clocks, in_force */
  test_nulls_and_empty();
  test_malformed_and_huge();
  test_json_as_json();
  test_bad_policy();
  test_good_decision();
  test_decided_at_dates_the_decision();
  test_store();
  test_explain();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
