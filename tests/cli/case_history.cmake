# The synthetic case history generator writes incidents the default policy accepts, the same
# ones for the same seed: 300 cases, generated twice, decided by `redress batch` without an error.
#   -DPYTHON=python3 -DGENERATOR=generate_cases.py -DREDRESS=redress -DOUT=dir
foreach(run a b)
  execute_process(COMMAND ${PYTHON} ${GENERATOR} 300 --seed 7 OUTPUT_FILE ${OUT}/history-${run}.jsonl
                  RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "the generator failed: ${code}")
  endif()
endforeach()
file(READ ${OUT}/history-a.jsonl first)
file(READ ${OUT}/history-b.jsonl second)
if(NOT first STREQUAL second)
  message(FATAL_ERROR "two runs with the same seed differ")
endif()
string(REGEX MATCHALL "\n" lines "${first}")
list(LENGTH lines count)
if(NOT count EQUAL 300)
  message(FATAL_ERROR "${count} lines, expected 300")
endif()
execute_process(COMMAND ${REDRESS} batch ${OUT}/history-a.jsonl -o ${OUT}/history.decisions
                RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT err MATCHES "300 decided, 0 failed")
  message(FATAL_ERROR "redress batch refused generated cases (exit ${code}):\n${err}")
endif()
