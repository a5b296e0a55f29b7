# `redress decide` refuses an incident over the size limit (16 MiB) with incident.too_large,
# without reading past the limit; `redress batch` gives a line over it an error record.
#   -DREDRESS=path -DDIR=scratch directory
set(head "{\"id\": \"BIG\", \"reported_at\": \"2026-11-25T09:30:00+08:00\", \"category\": \"core.slow\"}")
string(REPEAT " " 16777216 padding)  # the incident followed by valid JSON whitespace
file(WRITE ${DIR}/too_large.json "${head}${padding}")
execute_process(COMMAND ${REDRESS} decide ${DIR}/too_large.json RESULT_VARIABLE code
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 1 OR NOT err MATCHES "too_large.json: error\\[incident.too_large\\]: the incident is larger than 16777216 bytes \\(16 MiB\\)")
  message(FATAL_ERROR "decide: exit ${code}\nstderr: ${err}")
endif()
file(WRITE ${DIR}/too_large.jsonl "${head}\n${head}${padding}\n${head}\n")
execute_process(COMMAND ${REDRESS} batch ${DIR}/too_large.jsonl RESULT_VARIABLE code
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 1 OR NOT out MATCHES "^{\"incident\":\"BIG\",[^\n]*\n{\"line\":2,\"error\":{\"code\":\"incident.too_large\",\"message\":\"the incident is 16777298 bytes, more than the limit of 16777216\"}[^\n]*\n{\"incident\":\"BIG\"")
  string(SUBSTRING "${out}" 0 2000 shown)
  message(FATAL_ERROR "batch: exit ${code}\nstdout: ${shown}\nstderr: ${err}")
endif()
file(REMOVE ${DIR}/too_large.json ${DIR}/too_large.jsonl)
