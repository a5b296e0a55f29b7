# redress_set_warnings(target): the project's warning flags, errors when REDRESS_WERROR is ON.
function(redress_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  if(REDRESS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
