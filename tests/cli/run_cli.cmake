# Runs the redress CLI once and checks what it did; used by the CLI tests in ctest.
#   -DCOMMAND="redress|decide|file"   the command line, arguments separated by '|' 
#   -DEXIT=n                          the exit code it must return
#   -DSTDOUT=regex -DSTDERR=regex     patterns the outputs must match (optional)
#   -DSTDIN=file                      standard input (optional)
#   -DTWICE=ON                        run twice and require byte-identical standard output
string(REPLACE "|" ";" COMMAND "${COMMAND}")
if(STDIN)
  set(input INPUT_FILE ${STDIN})
endif()
execute_process(COMMAND ${COMMAND} ${input} RESULT_VARIABLE code OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT code EQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
  message(FATAL_ERROR "stdout does not match '${STDOUT}':\n${out}")
endif()
if(DEFINED STDERR AND NOT err MATCHES "${STDERR}")
  message(FATAL_ERROR "stderr does not match '${STDERR}':\n${err}")
endif()
if(TWICE)
  execute_process(COMMAND ${COMMAND} ${input} OUTPUT_VARIABLE again ERROR_QUIET)
  if(NOT out STREQUAL again)
    message(FATAL_ERROR "two runs gave different output")
  endif()
endif()
