# redress_set_warnings(target): the project's warning flags, errors when REDRESS_WERROR is ON.
function(redress_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  # GCC 12's -Warray-bounds, -Wstringop-overflow and -Wrestrict report out-of-bounds or
  # overlapping memcpy inside libstdc++'s own std::string operator+ at -O2
  # (std::string(s) + "literal"), depending on inlining and on the sanitizer, so they came and
  # went with unrelated edits (one failed CI). The Linux kernel turned -Warray-bounds off for
  # GCC 12 for the same reason; real out-of-bounds accesses are caught at run time by the ASan
  # build.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-stringop-overflow
                                              -Wno-restrict)
  endif()
  if(REDRESS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
