# redress_set_sanitizers(target): instruments a target when REDRESS_SANITIZE is set, e.g.
# -DREDRESS_SANITIZE=address,undefined or -DREDRESS_SANITIZE=thread.
function(redress_set_sanitizers target)
  if(REDRESS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${REDRESS_SANITIZE}
                           -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${REDRESS_SANITIZE})
  endif()
endfunction()
