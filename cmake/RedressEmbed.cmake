# redress_embed(OUTPUT file.cpp FILES a b NAMES name_a name_b)
# Generates a translation unit defining, for each file, a function
#   std::string_view redress::embedded::<name>()
# that returns the file's bytes. Regenerated when an input file changes.
function(redress_embed)
  cmake_parse_arguments(ARG "" "OUTPUT" "FILES;NAMES" ${ARGN})
  # Lists travel to the script joined with '|', since ';' would split the command line.
  string(REPLACE ";" "|" files "${ARG_FILES}")
  string(REPLACE ";" "|" names "${ARG_NAMES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${ARG_OUTPUT}" "-DFILES=${files}" "-DNAMES=${names}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    VERBATIM
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${ARG_NAMES}")
endfunction()
