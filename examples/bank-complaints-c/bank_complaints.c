/* A bank's complaint service embedding redress through the C ABI. It reads incidents as JSON
 * lines (one incident per line), decides each with the bank's policy, and writes one decision
 * JSON per line; a line that cannot be decided gives {"incident_line": N, "error": ...} with
 * the diagnostics, and the service goes on. An audit line per decision goes to a third file.
 * Usage: bank-complaints <policy.yaml> <incidents.jsonl> <decisions.jsonl> <audit.jsonl> */
#include <redress/redress.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads one line of any length; returns NULL at end of file. The caller frees it. */
static char* read_line(FILE* in, size_t* length) {
  size_t size = 4096, used = 0;
  char* line = (char*)malloc(size);
  int c;
  if (!line) return NULL;
  while ((c = fgetc(in)) != EOF && c != '\n') {
    if (used + 1 == size) {
      char* bigger = (char*)realloc(line, size * 2);
      if (!bigger) break;
      line = bigger;
      size *= 2;
    }
    line[used++] = (char)c;
  }
  if (c == EOF && used == 0) {
    free(line);
    return NULL;
  }
  line[used] = '\0';
  *length = used;
  return line;
}

static int decide_line(const redress_policy* policy, const char* line, size_t length, long number,
                       FILE* decisions, FILE* audit) {
  redress_error* err = NULL;
  char* decision = NULL;
  char* record = NULL;
  /* A fixed decision time keeps the sample's audit file reproducible; a real service passes
   * NULL (now). */
  int status = redress_decide_audited(policy, line, length, 0, "2026-06-10T18:00:00+08:00",
                                      &decision, &record, &err);
  if (status == REDRESS_OK) {
    fprintf(decisions, "%s\n", decision);
    fprintf(audit, "%s\n", record);
  } else {
    /* The message may quote the input: the diagnostics JSON is already escaped for JSON. */
    fprintf(decisions, "{\"incident_line\":%ld,\"error\":\"%s\",\"diagnostics\":%s}\n", number,
            redress_status_name(status), redress_error_diagnostics_json(err));
    fprintf(stderr, "line %ld: %s\n", number, redress_error_message(err));
  }
  redress_string_free(decision);
  redress_string_free(record);
  redress_error_free(err);
  return status == REDRESS_OK;
}

int main(int argc, char** argv) {
  redress_error* err = NULL;
  redress_policy* policy;
  FILE *in, *decisions, *audit;
  char* line;
  size_t length = 0;
  long number = 0, decided = 0, refused = 0;
  if (argc != 5) {
    fprintf(stderr, "usage: bank-complaints <policy> <incidents.jsonl> <out.jsonl> <audit>\n");
    return 2;
  }
  policy = redress_policy_load_file(argv[1], &err);
  if (!policy) {
    fprintf(stderr, "%s\n%s\n", redress_error_message(err), redress_error_diagnostics_json(err));
    redress_error_free(err);
    return 3;
  }
  in = fopen(argv[2], "rb");
  decisions = fopen(argv[3], "wb");
  audit = fopen(argv[4], "wb");
  if (!in || !decisions || !audit) {
    fprintf(stderr, "cannot open the input or output files\n");
    return 4;
  }
  while ((line = read_line(in, &length)) != NULL) {
    ++number;
    if (length > 0) {
      if (decide_line(policy, line, length, number, decisions, audit))
        ++decided;
      else
        ++refused;
    }
    free(line);
  }
  printf("policy %s: %ld decided, %ld refused\n", redress_policy_identity(policy), decided,
         refused);
  fclose(in);
  fclose(decisions);
  fclose(audit);
  redress_policy_free(policy);
  return 0;
}
