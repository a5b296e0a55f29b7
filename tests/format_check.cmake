# Fails when a C or C++ source of the project is not formatted as .clang-format says.
#   -DCLANG_FORMAT=path -DROOT=source dir
file(GLOB_RECURSE sources
     ${ROOT}/include/*.hpp ${ROOT}/include/*.h ${ROOT}/src/*.cpp ${ROOT}/src/*.hpp
     ${ROOT}/tests/*.cpp ${ROOT}/tests/*.hpp ${ROOT}/tests/*.c ${ROOT}/examples/*.cpp
     ${ROOT}/examples/*.c ${ROOT}/bench/*.cpp ${ROOT}/bench/*.hpp ${ROOT}/python/src/*.cpp
     ${ROOT}/python/src/*.hpp)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${sources}
                RESULT_VARIABLE code ERROR_VARIABLE errors)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "not clang-formatted (run clang-format -i on these):\n${errors}")
endif()
list(LENGTH sources count)
message(STATUS "${count} files formatted")
