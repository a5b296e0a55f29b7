# Runs a redress command and compares its standard output with a golden file byte for byte.
#   -DCOMMAND="redress|diff|a|b" (arguments separated by '|') -DEXPECTED=file [-DEXIT=0]
#   -DWORKING_DIRECTORY=dir (so that file names in the output are relative)
string(REPLACE "|" ";" COMMAND "${COMMAND}")
if(NOT DEFINED EXIT)
  set(EXIT 0)
endif()
execute_process(COMMAND ${COMMAND} WORKING_DIRECTORY ${WORKING_DIRECTORY}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}\nstderr:\n${err}")
endif()
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the output differs from ${EXPECTED}:\n${out}")
endif()
