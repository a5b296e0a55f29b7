# redress_docs: the API reference from the public headers, when Doxygen is installed. The
# Doxyfile treats warnings (an undocumented public declaration included) as errors.
find_package(Doxygen QUIET)
if(DOXYGEN_FOUND)
  set(REDRESS_DOCS_DIR ${PROJECT_BINARY_DIR}/docs)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/Doxyfile.in ${PROJECT_BINARY_DIR}/Doxyfile @ONLY)
  add_custom_target(redress_docs
    COMMAND ${DOXYGEN_EXECUTABLE} ${PROJECT_BINARY_DIR}/Doxyfile
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "API reference in ${REDRESS_DOCS_DIR}/html"
    VERBATIM)
endif()
