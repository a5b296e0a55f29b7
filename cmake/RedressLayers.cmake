# One target per layer, with the layering enforced by the compiler.
#
#   redress_layer(NAME [EXECUTABLE] [DEPENDS layer...] [SEES src-relative-header...]
#                 [LINK target...] [SOURCES extra.cpp...])
#
# builds src/NAME/*.cpp as the object library redress_NAME (or, with EXECUTABLE, the program
# redress_NAME, which links the objects of the layers below through the libraries hosts use). Its sources see, on their include
# path, exactly:
#   - the public headers of NAME and of every layer it depends on, directly or not
#     (include/redress/<layer>/, linked into build/layers/NAME/public/redress/);
#   - its own private headers (src/NAME/, linked as build/layers/NAME/private/NAME/);
#   - the few private headers of lower layers it is declared to SEE (each named here, so that
#     every crossing of a wall is written down in one place).
# Anything else — a higher layer's header, a lower layer's private header — is not on the path,
# and including it fails the build. A layer may only DEPEND on layers declared before it.
#
# The layers' objects are linked into the libraries hosts use (redress, redress_c); the layer
# targets themselves are not installed.

set(REDRESS_LAYER_ROOT ${PROJECT_BINARY_DIR}/layers)

# Top-level public headers and the layer that owns each.
set(REDRESS_TOP_HEADER_io redress.hpp)
set(REDRESS_TOP_HEADER_testing testing.hpp)
set(REDRESS_TOP_HEADER_capi redress.h)
set(REDRESS_TOP_HEADERS io testing capi)

function(redress_stage_link target link)
  get_filename_component(dir ${link} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  file(CREATE_LINK ${target} ${link} SYMBOLIC)
endfunction()

function(redress_layer name)
  cmake_parse_arguments(ARG "EXECUTABLE" "" "DEPENDS;SEES;LINK;SOURCES" ${ARGN})

  set(visible ${name})
  foreach(dep IN LISTS ARG_DEPENDS)
    get_property(known GLOBAL PROPERTY REDRESS_LAYER_VISIBLE_${dep} SET)
    if(NOT known)
      message(FATAL_ERROR "layer ${name} depends on ${dep}, which is not declared before it")
    endif()
    get_property(below GLOBAL PROPERTY REDRESS_LAYER_VISIBLE_${dep})
    list(APPEND visible ${below})
  endforeach()
  list(REMOVE_DUPLICATES visible)
  set_property(GLOBAL PROPERTY REDRESS_LAYER_VISIBLE_${name} ${visible})

  # The staged include tree, rebuilt at each configure so that a removed dependency is gone.
  set(root ${REDRESS_LAYER_ROOT}/${name})
  file(REMOVE_RECURSE ${root})
  foreach(layer IN LISTS visible)
    if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/include/redress/${layer})
      redress_stage_link(${PROJECT_SOURCE_DIR}/include/redress/${layer}
                         ${root}/public/redress/${layer})
    endif()
    if(DEFINED REDRESS_TOP_HEADER_${layer})
      redress_stage_link(${PROJECT_SOURCE_DIR}/include/redress/${REDRESS_TOP_HEADER_${layer}}
                         ${root}/public/redress/${REDRESS_TOP_HEADER_${layer}})
    endif()
  endforeach()
  file(MAKE_DIRECTORY ${root}/public ${root}/private)
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/src/${name})
    redress_stage_link(${PROJECT_SOURCE_DIR}/src/${name} ${root}/private/${name})
  endif()
  foreach(header IN LISTS ARG_SEES)
    string(REGEX MATCH "^[a-z_]+" owner ${header})
    if(NOT owner IN_LIST visible)
      message(FATAL_ERROR "layer ${name} cannot see ${header}: ${owner} is not below it")
    endif()
    redress_stage_link(${PROJECT_SOURCE_DIR}/src/${header} ${root}/private/${header})
  endforeach()
  set_property(GLOBAL PROPERTY REDRESS_LAYER_INCLUDES_${name} ${root}/public ${root}/private)

  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp)
  if(ARG_EXECUTABLE)
    add_executable(redress_${name} ${sources} ${ARG_SOURCES})
  else()
    add_library(redress_${name} OBJECT ${sources} ${ARG_SOURCES})
    foreach(dep IN LISTS ARG_DEPENDS)
      target_link_libraries(redress_${name} PRIVATE redress_${dep})
    endforeach()
  endif()
  target_include_directories(redress_${name} BEFORE PRIVATE ${root}/public ${root}/private)
  target_link_libraries(redress_${name} PRIVATE Boost::headers fmt::fmt ${ARG_LINK})
  target_compile_features(redress_${name} PUBLIC cxx_std_20)
  target_compile_definitions(redress_${name} PRIVATE REDRESS_VERSION_STRING="${PROJECT_VERSION}")
  set_target_properties(redress_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(REDRESS_UNITY_BUILD)
    # A layer's files share most of their headers: a few unity files parse them once each.
    set_target_properties(redress_${name} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
  redress_set_warnings(redress_${name})
  redress_set_sanitizers(redress_${name})
endfunction()

# The include directories a layer's sources see (for code built beside a layer, such as the
# test that compiles each public header alone).
function(redress_layer_includes name out)
  get_property(dirs GLOBAL PROPERTY REDRESS_LAYER_INCLUDES_${name})
  set(${out} ${dirs} PARENT_SCOPE)
endfunction()

# The layer that owns a public header (a path relative to include/redress/).
function(redress_header_layer header out)
  foreach(layer IN LISTS REDRESS_TOP_HEADERS)
    if(header STREQUAL REDRESS_TOP_HEADER_${layer})
      set(${out} ${layer} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  string(REGEX MATCH "^[a-z_]+/" dir ${header})
  if(NOT dir)
    message(FATAL_ERROR "public header ${header} has no owning layer: add it to REDRESS_TOP_HEADERS")
  endif()
  string(REPLACE "/" "" layer ${dir})
  set(${out} ${layer} PARENT_SCOPE)
endfunction()
