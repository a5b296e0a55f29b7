# Runs `redress replay` on the replay test data and compares its case lines and its JSON
# summary with the golden files byte for byte.
#   -DREDRESS=path -DDATA=tests/data/replay -DOUT=build dir -DBASELINE=... -DCANDIDATE=...
# The input is copied to OUT/cases.jsonl so that error records name the same file everywhere.
file(COPY_FILE ${DATA}/cases.jsonl ${OUT}/cases.jsonl)
execute_process(COMMAND ${REDRESS} replay --baseline ${BASELINE} --candidate ${CANDIDATE}
                        cases.jsonl -o replay.jsonl --summary-json summary.json --top 3
                WORKING_DIRECTORY ${OUT} RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 1)  # two lines of the input are errors
  message(FATAL_ERROR "exit code ${code}, expected 1\n${err}")
endif()
foreach(pair "replay.jsonl;expected.jsonl" "summary.json;expected-summary.json")
  list(GET pair 0 got)
  list(GET pair 1 want)
  file(READ ${OUT}/${got} got_text)
  file(READ ${DATA}/${want} want_text)
  if(NOT got_text STREQUAL want_text)
    message(FATAL_ERROR "${got} differs from ${DATA}/${want}:\n${got_text}")
  endif()
endforeach()
if(NOT err MATCHES "13 cases: 6 unchanged, 5 changed, 2 errors\n")
  message(FATAL_ERROR "the text summary is missing:\n${err}")
endif()
